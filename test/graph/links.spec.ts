/**
 * Every property that names another resource by ID links both ways, and a known ID decides. The
 * same stack gives the same findings, which are the expected ones, written as:
 * - an update with every ID known and no property dependencies;
 * - a first preview with every ID unknown and the property dependencies only;
 * - an update with every ID known and the honest property dependencies (the engine sends them on
 *   updates too);
 * - an update with every ID known and, for one property at a time, a dependency on a decoy (another
 *   resource of the same kind) instead of the resource the ID names: a program can compute a known
 *   ID from any resource (`decoy.id.apply(() => "<real id>")`), so the dependency must not re-target
 *   the link. Each decoy is shown to matter: made the real target, it changes the findings.
 */
import * as assert from "assert";
import { dbIngressOnlyViaSecurityGroups } from "../../policies/db/ingress-only-via-security-groups";
import { eniSecurityGroupLimit } from "../../policies/eni/security-group-limit";
import { naclRulesEffective } from "../../policies/nacl/rules-effective";
import { sgDefaultDeniesAll } from "../../policies/sg/default-denies-all";
import { sgRuleQuota } from "../../policies/sg/rule-quota";
import { sgRulesManagedOneWay } from "../../policies/sg/rules-managed-one-way";
import { sgUnused } from "../../policies/sg/unused";
import { sgWorldIngressOnlyOnLoadBalancers } from "../../policies/sg/world-ingress-only-on-load-balancers";
import { vpcFlowLogsEnabled } from "../../policies/vpc/flow-logs-enabled";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPES, headsOfStack, stackModel } from "../util/stack-fixtures";

type Mode = "update" | "preview" | "update with dependencies";

/** A reference to another resource's ID (or another of its ID attributes) in a property. */
interface RefMark { readonly ref: string; readonly attr: string }
const id = (name: string, attr = "id"): RefMark => ({ ref: name, attr });
const isRef = (v: unknown): v is RefMark => typeof v === "object" && v !== null && "ref" in v && "attr" in v;

/** A resource whose props may hold references. `computed` are outputs AWS sets, known only after an update. */
interface Spec { type: string; name: string; props: Record<string, unknown>; computed?: Record<string, string> }
const r = (type: string, name: string, props: Record<string, unknown> = {}, computed?: Record<string, string>): Spec =>
    ({ type, name, props, computed });

/** One link: the top-level input `key` of resource `resource` names `target`. */
interface Site { readonly resource: string; readonly key: string; readonly target: string }
const siteText = (s: Site) => `${s.resource}.${s.key} -> ${s.target}`;
const at = (s: Site | undefined, resource: string, key: string, target: string) =>
    s !== undefined && s.resource === resource && s.key === key && s.target === target;

/**
 * How the references of one site are written besides the mode: `decoy` keeps the value and makes
 * the dependency name the decoy; `swap` makes the decoy the real target (value and dependency).
 */
interface Variant { readonly decoyOf?: ReadonlyMap<string, string>; readonly decoy?: Site; readonly swap?: Site }

/**
 * The stack in one mode. Update: references are the IDs ("<name>.<attr>"), each referenced resource
 * has them. Preview: references are unknown, and computed outputs are unknown. Every mode but
 * "update" records, for each input that holds references, the resources it depends on.
 */
function build(specs: Spec[], mode: Mode, v: Variant = {}): TestResource[] {
    const attrs = new Map<string, Set<string>>();
    const addAttr = (name: string, attr: string) => attrs.set(name, (attrs.get(name) ?? new Set()).add(attr));
    const write = (x: unknown, deps: Set<string>, resource: string, key: string): unknown => {
        if (isRef(x)) {
            const decoy = v.decoyOf?.get(x.ref) ?? x.ref;
            const named = at(v.swap, resource, key, x.ref) ? decoy : x.ref;
            deps.add(at(v.decoy, resource, key, x.ref) ? decoy : named);
            addAttr(named, x.attr);
            return mode === "preview" ? UNKNOWN : `${named}.${x.attr}`;
        }
        if (Array.isArray(x)) {
            return x.map((y) => write(y, deps, resource, key));
        }
        if (typeof x === "object" && x !== null) {
            return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, write(y, deps, resource, key)]));
        }
        return x;
    };
    const built = specs.map((s) => {
        const propertyDependencies: Record<string, string[]> = {};
        const props: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(s.props)) {
            const deps = new Set<string>();
            props[k] = write(x, deps, s.name, k);
            propertyDependencies[k] = mode === "update" ? [] : [...deps];
        }
        return { type: s.type, name: s.name, props, propertyDependencies };
    });
    // A decoy has the ID attributes of the resource it stands for.
    for (const [real, decoy] of v.decoyOf ?? []) {
        [...(attrs.get(real) ?? [])].forEach((a) => addAttr(decoy, a));
    }
    return built.map((b, i) => {
        const computed = { ...Object.fromEntries([...(attrs.get(b.name) ?? [])].map((a) => [a, `${b.name}.${a}`])), ...specs[i].computed };
        const outputs = Object.fromEntries(Object.entries(computed).filter(([k]) => k !== "id" || mode !== "preview")
            .map(([k, x]) => [k, mode === "preview" ? UNKNOWN : x]));
        return { ...b, props: { ...outputs, ...b.props } };
    });
}

/** Every link of a stack: each input of each resource, and each resource it names. */
function sitesOf(specs: Spec[]): Site[] {
    const out: Site[] = [];
    const collect = (x: unknown, found: Set<string>): void => {
        if (isRef(x)) {
            found.add(x.ref);
        } else if (Array.isArray(x)) {
            x.forEach((y) => collect(y, found));
        } else if (typeof x === "object" && x !== null) {
            Object.values(x).forEach((y) => collect(y, found));
        }
    };
    for (const s of specs) {
        for (const [key, x] of Object.entries(s.props)) {
            const found = new Set<string>();
            collect(x, found);
            found.forEach((target) => out.push({ resource: s.name, key, target }));
        }
    }
    return out;
}

const sg = (name: string, extra: Record<string, unknown> = {}) => r(TYPES.sg, name, { description: name, ...extra });
const tcp = (port: number, peers: Record<string, unknown>) => ({ protocol: "tcp", fromPort: port, toPort: port, description: "d", ...peers });
const vpc = r(TYPES.vpc, "main", { cidrBlock: "10.0.0.0/16" });
const subnet = r(TYPES.subnet, "a", { vpcId: id("main"), cidrBlock: "10.0.1.0/24" });
const world = { ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })] };

type Head = [string, string, string | undefined];
const on = (type: string, name: string) => urnOf({ type, name });
const unused = (name: string): Head =>
    ["advisory", `aws.ec2.SecurityGroup '${name}' is not attached to any resource in the stack and no rule references it`, on(TYPES.sg, name)];
const tooMany = (type: string, name: string, label: string, path: string, groups: string): Head =>
    ["mandatory", `${label} '${name}' puts 2 security groups on one network interface (${path}): ${groups}`, on(type, name)];
const oneWay = (dir: string, paths: string, rule: string): Head =>
    ["mandatory", `aws.ec2.SecurityGroup 'web' declares ${dir} rules inline (${paths}) and also has standalone ${dir} rules: ${rule}`, on(TYPES.sg, "web")];
const dbTrusts = (type: string, name: string, label: string, group: string): Head =>
    ["mandatory", `${label} '${name}' trusts an address range: on its ${group}, ingress[0].cidrBlocks[0] allows TCP port 5432 from 10.9.0.0/16`, on(type, name)];
const quota = (): Head => ["mandatory", "aws.ec2.SecurityGroup 'web' has 61 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60", on(TYPES.sg, "web")];
const pl = r(TYPES.prefixList, "office", { addressFamily: "IPv4", maxEntries: 60, name: "office" });
const smallPl = r(TYPES.prefixList, "office-decoy", { addressFamily: "IPv4", maxEntries: 1, name: "office-decoy" });
/** Decoys in another VPC: a subnet (and a subnet group) whose VPC is the decoy of 'main'. */
const otherSubnet = r(TYPES.subnet, "a-decoy", { vpcId: id("main-decoy"), cidrBlock: "10.1.1.0/24" });
const otherSubnetGroup = r(TYPES.rdsSubnetGroup, "dbs-decoy", { subnetIds: [id("a-decoy")] });
const onePlus = { cidrBlocks: ["10.0.0.0/8"] };
const pgDb = sg("db", { ingress: [tcp(5432, { cidrBlocks: ["10.9.0.0/16"] })] });
const twoGroups = (a = "'a'", b = "'b'") => `${a} and ${b}`;
const max1 = { maxSecurityGroups: 1 };

interface Row {
    link: string;
    /** The policy whose findings show the link, or what the model answers when no policy shows it. */
    policy?: unknown;
    verdict?: (resources: TestResource[]) => unknown;
    stack: Spec[];
    expected: unknown[];
    config?: Record<string, unknown>;
    /**
     * The decoy of each referenced resource: another resource of the stack (its name), or one added
     * to it; by default a copy of the resource named "<name>-decoy".
     */
    decoys?: Record<string, string | Spec>;
    /** The findings of the honest update once the decoys are in the stack (default: `expected`). */
    withDecoys?: unknown[];
}

const rows: Row[] = [
    // Security-group IDs: the group a standalone rule belongs to.
    ...([["ec2.SecurityGroupRule.securityGroupId", TYPES.sgRule, { type: "ingress", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.0.0.0/8"] }, "ingress"],
        ["vpc.SecurityGroupIngressRule.securityGroupId", TYPES.vpcIngress, { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.0.0.0/8" }, "ingress"],
        ["vpc.SecurityGroupEgressRule.securityGroupId", TYPES.vpcEgress, { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.0.0.0/8" }, "egress"],
    ] as const).map(([link, type, props, dir]): Row => ({
        link, policy: sgRulesManagedOneWay,
        stack: [sg("web", { [dir]: [tcp(443, { cidrBlocks: ["10.1.0.0/16"] })] }), r(type, "extra", { securityGroupId: id("web"), ...props })],
        expected: [oneWay(dir, `${dir}[0]`, `${type === TYPES.sgRule ? "aws.ec2.SecurityGroupRule" : `aws.vpc.${type.split(":")[2]}`} 'extra'`)],
    })),
    // Security-group IDs: peers of rules.
    ...([["ec2.SecurityGroupRule.sourceSecurityGroupId", r(TYPES.sgRule, "from-app", { type: "ingress", securityGroupId: id("db"), sourceSecurityGroupId: id("app"), protocol: "tcp", fromPort: 5432, toPort: 5432 })],
        ["vpc.SecurityGroupIngressRule.referencedSecurityGroupId", r(TYPES.vpcIngress, "from-app", { securityGroupId: id("db"), referencedSecurityGroupId: id("app"), ipProtocol: "tcp", fromPort: 5432, toPort: 5432 })],
        ["vpc.SecurityGroupEgressRule.referencedSecurityGroupId", r(TYPES.vpcEgress, "to-app", { securityGroupId: id("db"), referencedSecurityGroupId: id("app"), ipProtocol: "tcp", fromPort: 5432, toPort: 5432 })],
    ] as const).map(([link, rule]): Row => ({
        link, policy: sgUnused, stack: [sg("app"), sg("db"), rule], expected: [unused("db")],
        decoys: { db: "app" }, withDecoys: [unused("db"), unused("app-decoy")],
    })),
    ...(["ingress", "egress"] as const).map((dir): Row => ({
        link: `inline ${dir}[].securityGroups`, policy: sgUnused,
        stack: [sg("app"), sg("db", { [dir]: [tcp(5432, { securityGroups: [id("app")] })] })], expected: [unused("db")],
        withDecoys: [unused("db"), unused("app-decoy")],
    })),
    // Security-group IDs: the groups of network interfaces.
    ...([["ec2.Instance.vpcSecurityGroupIds", TYPES.instance, "aws.ec2.Instance", { vpcSecurityGroupIds: [id("a"), id("b")] }, "vpcSecurityGroupIds"],
        ["ec2.Instance.securityGroups (group names)", TYPES.instance, "aws.ec2.Instance", { securityGroups: [id("a", "name"), id("b", "name")] }, "securityGroups"],
        ["ec2.LaunchTemplate.vpcSecurityGroupIds", TYPES.launchTemplate, "aws.ec2.LaunchTemplate", { vpcSecurityGroupIds: [id("a"), id("b")] }, "vpcSecurityGroupIds"],
        ["ec2.LaunchTemplate.networkInterfaces[].securityGroups", TYPES.launchTemplate, "aws.ec2.LaunchTemplate", { networkInterfaces: [{ securityGroups: [id("a"), id("b")] }] }, "networkInterfaces[0].securityGroups"],
        ["ec2.NetworkInterface.securityGroups", TYPES.eni, "aws.ec2.NetworkInterface", { subnetId: "subnet-1", securityGroups: [id("a"), id("b")] }, "securityGroups"],
        ["lambda.Function.vpcConfig.securityGroupIds", TYPES.lambda, "aws.lambda.Function", { vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: [id("a"), id("b")] } }, "vpcConfig.securityGroupIds"],
        ["ecs.Service.networkConfiguration.securityGroups", TYPES.ecsService, "aws.ecs.Service", { networkConfiguration: { subnets: ["subnet-1"], securityGroups: [id("a"), id("b")] } }, "networkConfiguration.securityGroups"],
        ["lb.LoadBalancer.securityGroups", TYPES.lb, "aws.lb.LoadBalancer", { securityGroups: [id("a"), id("b")] }, "securityGroups"],
        ["msk.Cluster.brokerNodeGroupInfo.securityGroups", TYPES.msk, "aws.msk.Cluster", { brokerNodeGroupInfo: { clientSubnets: ["subnet-1"], securityGroups: [id("a"), id("b")] } }, "brokerNodeGroupInfo.securityGroups"],
    ] as const).map(([link, type, label, props, path]): Row => ({
        link, policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(type, "x", props)], expected: [tooMany(type, "x", label, path, twoGroups())],
    })),
    ...([["rds.Instance.vpcSecurityGroupIds", TYPES.rdsInstance, "aws.rds.Instance", { vpcSecurityGroupIds: [id("db")] }],
        ["elasticache.ReplicationGroup.securityGroupIds", TYPES.elasticacheReplicationGroup, "aws.elasticache.ReplicationGroup", { securityGroupIds: [id("db")] }],
        ["opensearch.Domain.vpcOptions.securityGroupIds", TYPES.opensearch, "aws.opensearch.Domain", { vpcOptions: { subnetIds: ["subnet-1"], securityGroupIds: [id("db")] } }],
    ] as const).map(([link, type, label, props]): Row => ({
        link, policy: dbIngressOnlyViaSecurityGroups, stack: [pgDb, r(type, "x", props)], expected: [dbTrusts(type, "x", label, "security group 'db'")],
    })),
    // Attachments: the group, and the interface (a network interface, or an instance's primary one).
    {
        link: "NetworkInterfaceSecurityGroupAttachment.securityGroupId and networkInterfaceId (NetworkInterface)", policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(TYPES.eni, "x", { subnetId: "subnet-1", securityGroups: [id("a")] }),
            r(TYPES.eniAttachment, "attach", { networkInterfaceId: id("x"), securityGroupId: id("b") })],
        expected: [tooMany(TYPES.eni, "x", "aws.ec2.NetworkInterface", "securityGroups", twoGroups())],
    },
    {
        link: "NetworkInterfaceSecurityGroupAttachment.networkInterfaceId (an instance's primaryNetworkInterfaceId)", policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(TYPES.instance, "x", { vpcSecurityGroupIds: [id("a")] }),
            r(TYPES.eniAttachment, "attach", { networkInterfaceId: id("x", "primaryNetworkInterfaceId"), securityGroupId: id("b") })],
        expected: [tooMany(TYPES.instance, "x", "aws.ec2.Instance", "vpcSecurityGroupIds", twoGroups())],
    },
    {
        link: "ec2.SecurityGroupAssociation.securityGroupId and vpcEndpointId (an Interface VPC endpoint)", policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(TYPES.vpcEndpoint, "x", { vpcId: "vpc-1", vpcEndpointType: "Interface", serviceName: "s", securityGroupIds: [id("a")] }),
            r(TYPES.sgAssociation, "attach", { vpcEndpointId: id("x"), securityGroupId: id("b") })],
        expected: [tooMany(TYPES.vpcEndpoint, "x", "aws.ec2.VpcEndpoint", "securityGroupIds", twoGroups())],
    },
    // Other forms: one ID, comma-separated IDs, group ARNs.
    {
        link: "emr.Cluster.ec2Attributes.emrManagedMasterSecurityGroup (one ID) and additionalMasterSecurityGroups (comma-separated IDs)",
        policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(TYPES.emrCluster, "x", { ec2Attributes: { emrManagedMasterSecurityGroup: id("a"), additionalMasterSecurityGroups: id("b") } })],
        expected: [tooMany(TYPES.emrCluster, "x", "aws.emr.Cluster", "ec2Attributes.emrManagedMasterSecurityGroup + ec2Attributes.additionalMasterSecurityGroups", twoGroups())],
    },
    {
        link: "datasync.Agent.securityGroupArns (group ARNs)", policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(TYPES.datasyncAgent, "x", { securityGroupArns: [id("a", "arn"), id("b", "arn")] })],
        expected: [tooMany(TYPES.datasyncAgent, "x", "aws.datasync.Agent", "securityGroupArns", twoGroups())],
    },
    // Prefix-list IDs: a managed prefix list counts its max entries.
    ...([["vpc.SecurityGroupIngressRule.prefixListId", r(TYPES.vpcIngress, "pl", { securityGroupId: id("web"), ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: id("office") })],
        ["ec2.SecurityGroupRule.prefixListIds", r(TYPES.sgRule, "pl", { type: "ingress", securityGroupId: id("web"), protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [id("office")] })],
    ] as const).map(([link, rule]): Row => ({
        link, policy: sgRuleQuota, stack: [pl, sg("web", { ingress: [tcp(443, onePlus)] }), rule], expected: [quota()], decoys: { office: smallPl },
    })),
    {
        link: "inline ingress[].prefixListIds", policy: sgRuleQuota,
        stack: [pl, sg("web", { ingress: [tcp(443, onePlus), tcp(443, { prefixListIds: [id("office")] })] })], expected: [quota()], decoys: { office: smallPl },
    },
    // Network ACL IDs.
    {
        link: "ec2.NetworkAclRule.networkAclId", policy: naclRulesEffective,
        stack: [r(TYPES.nacl, "acl", { vpcId: "vpc-1", ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "10.0.0.0/8" }] }),
            r(TYPES.naclRule, "dup", { networkAclId: id("acl"), ruleNumber: 100, protocol: "tcp", ruleAction: "allow", fromPort: 80, toPort: 80, cidrBlock: "10.0.0.0/8" })],
        expected: [["advisory", "Network ACL 'acl' has 2 inbound entries with rule number 100: ingress[0] and NetworkAclRule 'dup'", on(TYPES.nacl, "acl")]],
    },
    {
        link: "ec2.NetworkAclRule.networkAclId = vpc.defaultNetworkAclId, and DefaultNetworkAcl.defaultNetworkAclId", policy: naclRulesEffective,
        stack: [vpc, r(TYPES.defaultNacl, "default", { defaultNetworkAclId: id("main", "defaultNetworkAclId"), ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "10.0.0.0/8" }] }),
            r(TYPES.naclRule, "dup", { networkAclId: id("main", "defaultNetworkAclId"), ruleNumber: 100, protocol: "tcp", ruleAction: "allow", fromPort: 80, toPort: 80, cidrBlock: "10.0.0.0/8" })],
        expected: [["advisory", "Default network ACL 'default' has 2 inbound entries with rule number 100: ingress[0] and NetworkAclRule 'dup'", on(TYPES.defaultNacl, "default")]],
    },
    {
        link: "ec2.NetworkAclRule.networkAclId = vpc.defaultNetworkAclId, no DefaultNetworkAcl in the stack", policy: naclRulesEffective,
        stack: [vpc, r(TYPES.naclRule, "extra", { networkAclId: id("main", "defaultNetworkAclId"), ruleNumber: 100, protocol: "tcp", ruleAction: "allow", fromPort: 80, toPort: 80, cidrBlock: "10.0.0.0/8" })],
        expected: [["advisory", "NetworkAclRule 'extra' adds an entry to the default network ACL of VPC 'main', which is not in this stack (declare it as an aws.ec2.DefaultNetworkAcl): its rule number and reachability cannot be checked with the ACL's other entries.", on(TYPES.naclRule, "extra")]],
    },
    // VPC IDs.
    {
        link: "ec2.FlowLog.vpcId", policy: vpcFlowLogsEnabled,
        stack: [vpc, r(TYPES.vpc, "other", { cidrBlock: "10.1.0.0/16" }), r(TYPES.flowLog, "logs", { vpcId: id("main"), trafficType: "ALL" })],
        expected: [["advisory", "aws.ec2.Vpc 'other' has no flow log", on(TYPES.vpc, "other")]],
        withDecoys: [["advisory", "aws.ec2.Vpc 'other' has no flow log", on(TYPES.vpc, "other")], ["advisory", "aws.ec2.Vpc 'main-decoy' has no flow log", on(TYPES.vpc, "main-decoy")]],
    },
    {
        link: "ec2.Instance.subnetId, ec2.Subnet.vpcId and DefaultSecurityGroup.vpcId (the default group of an instance that declares none)",
        policy: sgWorldIngressOnlyOnLoadBalancers,
        stack: [vpc, subnet, r(TYPES.defaultSg, "default", { vpcId: id("main"), ...world }), r(TYPES.instance, "vm", { ami: "ami-1", subnetId: id("a") })],
        expected: [["advisory", "aws.ec2.DefaultSecurityGroup 'default' admits every IPv4 address (ingress[0].cidrBlocks[0]) and is attached to compute: aws.ec2.Instance 'vm'", on(TYPES.defaultSg, "default")]],
        decoys: { a: otherSubnet },
    },
    {
        link: "rds.Instance.dbSubnetGroupName, rds.SubnetGroup.subnetIds, ec2.Subnet.vpcId and DefaultSecurityGroup.vpcId (a database that declares no group)",
        policy: dbIngressOnlyViaSecurityGroups,
        stack: [vpc, subnet, r(TYPES.defaultSg, "default", { vpcId: id("main"), ingress: [tcp(5432, { cidrBlocks: ["10.9.0.0/16"] })] }),
            r(TYPES.rdsSubnetGroup, "dbs", { subnetIds: [id("a")] }), r(TYPES.rdsInstance, "pg", { engine: "postgres", dbSubnetGroupName: id("dbs", "name") })],
        expected: [dbTrusts(TYPES.rdsInstance, "pg", "aws.rds.Instance", "VPC's default security group 'default' (it declares no security group, so AWS attaches this one)")],
        decoys: { a: otherSubnet, dbs: otherSubnetGroup },
    },
    {
        link: "rds.Instance.dbSubnetGroupName ... ec2.Subnet.vpcId, the VPC's default group not in the stack", policy: dbIngressOnlyViaSecurityGroups,
        stack: [vpc, subnet, r(TYPES.rdsSubnetGroup, "dbs", { subnetIds: [id("a")] }), r(TYPES.rdsInstance, "pg", { engine: "postgres", dbSubnetGroupName: id("dbs", "name") })],
        expected: [["advisory", "aws.rds.Instance 'pg' declares no security group, so AWS attaches the default security group of aws.ec2.Vpc 'main', which is not in this stack, so its rules cannot be checked: any address range it admits reaches the database", on(TYPES.rdsInstance, "pg")]],
        decoys: { a: otherSubnet, dbs: otherSubnetGroup },
    },
    // Default-group IDs: vpc.defaultSecurityGroupId.
    {
        link: "vpc.defaultSecurityGroupId as a standalone rule's securityGroupId, no DefaultSecurityGroup in the stack", policy: sgDefaultDeniesAll,
        stack: [vpc, r(TYPES.vpcIngress, "open", { securityGroupId: id("main", "defaultSecurityGroupId"), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" })],
        expected: [["mandatory", "aws.vpc.SecurityGroupIngressRule 'open' adds a rule to the default security group of aws.ec2.Vpc 'main'", on(TYPES.vpcIngress, "open")]],
    },
    {
        link: "vpc.defaultSecurityGroupId as a standalone rule's securityGroupId, the DefaultSecurityGroup in the stack", policy: sgDefaultDeniesAll,
        stack: [vpc, r(TYPES.defaultSg, "default", { vpcId: id("main") }),
            r(TYPES.vpcIngress, "open", { securityGroupId: id("main", "defaultSecurityGroupId"), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" })],
        expected: [["mandatory", "aws.vpc.SecurityGroupIngressRule 'open' adds a rule to the default security group aws.ec2.DefaultSecurityGroup 'default'", on(TYPES.vpcIngress, "open")]],
    },
    {
        link: "vpc.defaultSecurityGroupId in an instance's vpcSecurityGroupIds, no DefaultSecurityGroup in the stack", policy: eniSecurityGroupLimit, config: max1,
        stack: [vpc, sg("a"), r(TYPES.instance, "x", { vpcSecurityGroupIds: [id("a"), id("main", "defaultSecurityGroupId")] })],
        expected: [tooMany(TYPES.instance, "x", "aws.ec2.Instance", "vpcSecurityGroupIds", twoGroups("'a'", "the default security group of aws.ec2.Vpc 'main'"))],
    },
];

// No policy reads a network ACL's subnets: the model's answer is what every way must share.
const subnetsOf = (resources: TestResource[]) => stackModel(resources).naclGraph.nacls
    .map((n) => [n.resource.name, n.subnets.map((x) => (x.kind === "stack" ? x.urn : x.id)), n.subnetsUndetermined.length]);
const subnetA = r(TYPES.subnet, "a", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24" });
rows.push(
    {
        link: "ec2.NetworkAcl.subnetIds", verdict: subnetsOf,
        stack: [subnetA, r(TYPES.nacl, "acl", { vpcId: "vpc-1", subnetIds: [id("a")] })],
        expected: [["acl", [on(TYPES.subnet, "a")], 0]],
    },
    {
        link: "ec2.NetworkAclAssociation.networkAclId and subnetId", verdict: subnetsOf,
        stack: [subnetA, r(TYPES.nacl, "acl", { vpcId: "vpc-1" }), r(TYPES.naclAssociation, "assoc", { networkAclId: id("acl"), subnetId: id("a") })],
        expected: [["acl", [on(TYPES.subnet, "a")], 0]],
        withDecoys: [["acl", [on(TYPES.subnet, "a")], 0], ["acl-decoy", [], 0]],
    },
);

/** The decoys of a row: each referenced resource's, and the resources to add to the stack for them. */
function decoysOf(row: Row): { decoyOf: Map<string, string>; added: Spec[] } {
    const decoyOf = new Map<string, string>();
    const added: Spec[] = [];
    for (const target of new Set(sitesOf(row.stack).map((x) => x.target))) {
        const given = row.decoys?.[target];
        const spec = given ?? { ...(row.stack.find((x) => x.name === target) as Spec), name: `${target}-decoy` };
        if (typeof spec === "string") {
            decoyOf.set(target, spec);
        } else {
            decoyOf.set(target, spec.name);
            added.push(spec);
        }
    }
    return { decoyOf, added };
}

describe("graph/links: every link, by known ID (update), by property dependency (first preview), and by known ID with dependencies", () => {
    for (const row of rows) {
        const verdict = row.verdict ?? ((resources: TestResource[]) => runStackPolicy(row.policy, resources, row.config));
        const shown = (v: unknown) => (row.verdict ? v : headsOfStack(v as Parameters<typeof headsOfStack>[0]));
        it(row.link, () => {
            const [update, preview, both] = (["update", "preview", "update with dependencies"] as Mode[]).map((m) => verdict(build(row.stack, m)));
            assert.deepStrictEqual(shown(update), row.expected, "update");
            assert.deepStrictEqual(preview, update, "preview and update differ");
            assert.deepStrictEqual(both, update, "an update with its property dependencies differs from one without");
        });
        it(`${row.link}: a dependency on a decoy does not re-target a known ID`, () => {
            const { decoyOf, added } = decoysOf(row);
            const stack = [...row.stack, ...added];
            const honest = verdict(build(stack, "update with dependencies", { decoyOf }));
            assert.deepStrictEqual(shown(honest), row.withDecoys ?? row.expected, "the honest update with the decoys in the stack");
            for (const site of sitesOf(row.stack)) {
                const decoyed = verdict(build(stack, "update with dependencies", { decoyOf, decoy: site }));
                assert.deepStrictEqual(decoyed, honest, `${siteText(site)} depends on ${decoyOf.get(site.target)}: the verdict changed`);
                const swapped = verdict(build(stack, "update with dependencies", { decoyOf, swap: site }));
                assert.notDeepStrictEqual(swapped, honest, `${siteText(site)}: naming ${decoyOf.get(site.target)} instead must change the verdict, or the decoy proves nothing`);
            }
        });
    }
});

describe("graph/links: dependencies that lead to more than one resource link nothing", () => {
    const rule = (deps: string[]): TestResource => ({
        type: TYPES.vpcIngress, name: "r", props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" },
        propertyDependencies: { securityGroupId: deps },
    });
    const vpcR: TestResource = { type: TYPES.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
    const group = (name: string): TestResource => ({ type: TYPES.sg, name, props: { description: name } });
    const defaultSg: TestResource = { type: TYPES.defaultSg, name: "default", props: { vpcId: UNKNOWN }, propertyDependencies: { vpcId: ["main"] } };
    const target = (resources: TestResource[]) => stackModel(resources).standaloneRules.map((s) =>
        [s.target ?? null, s.defaultGroupOf?.name ?? null, s.targetUndetermined?.path ?? null]);

    it("a group and a VPC whose default group the stack does not declare: undetermined", () => {
        assert.deepStrictEqual(target([vpcR, group("web"), rule(["web", "main"])]), [[null, null, "securityGroupId"]]);
    });
    it("a VPC alone whose default group the stack does not declare: that default group, through the VPC", () => {
        assert.deepStrictEqual(target([vpcR, rule(["main"])]), [[null, "main", "securityGroupId"]]);
    });
    it("the VPC's declared default group and the VPC itself lead to one group: linked", () => {
        assert.deepStrictEqual(target([vpcR, defaultSg, rule(["default", "main"])]), [[{ kind: "stack", urn: urnOf(defaultSg) }, null, null]]);
    });
    it("two groups: undetermined", () => {
        assert.deepStrictEqual(target([group("a"), group("b"), rule(["a", "b"])]), [[null, null, "securityGroupId"]]);
    });
});

describe("graph/links: a known value decides, whatever the property depends on", () => {
    const web: TestResource = { type: TYPES.sg, name: "web", props: { description: "web", id: "sg-web" } };
    const rule = (securityGroupId: unknown): TestResource => ({
        type: TYPES.vpcIngress, name: "r", props: { securityGroupId, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" },
        propertyDependencies: { securityGroupId: ["web"] },
    });
    const target = (resources: TestResource[]) => stackModel(resources).standaloneRules.map((s) => [s.target ?? null, s.targetUndetermined?.undetermined ?? null]);

    it("a known ID of a group outside the stack: that group, not the one the dependency names", () => {
        assert.deepStrictEqual(target([web, rule("sg-outside")]), [[{ kind: "external", id: "sg-outside" }, null]]);
    });
    it("an invalid value (a number): invalid, not the group the dependency names", () => {
        assert.deepStrictEqual(target([web, rule(42)]), [[null, "invalid"]]);
    });
    it("an empty ID names no group, whatever the dependency: invalid (securityGroupId is required)", () => {
        assert.deepStrictEqual(target([web, rule("")]), [[null, "invalid"]]);
    });
    it("a value not known yet: the group the dependency names", () => {
        assert.deepStrictEqual(target([web, rule(UNKNOWN)]), [[{ kind: "stack", urn: urnOf(web) }, null]]);
    });
});
