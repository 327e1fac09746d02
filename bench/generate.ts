// Synthetic stacks for the benchmark, in wire form, as the engine sends them to Analyze (inputs)
// and AnalyzeStack (outputs, dependencies, property dependencies). Deterministic for a seed.
//
// A stack is a series of "cells", each one VPC with what usually lives in it: subnets, a flow log,
// network ACLs with 10-40 inline entries or with standalone NetworkAclRule resources, security groups
// with 1-20 rules (inline, as aws.vpc.SecurityGroupIngress/EgressRule, or as aws.ec2.SecurityGroupRule),
// ENI-bearing resources (instances, launch templates, Lambda functions, RDS, load balancers, ECS
// services, network interfaces, ElastiCache) with 1-6 groups each, routes from the internet and load
// balancer listeners (bench/generate-paths.ts), and unrelated resources (IAM roles, buckets, log groups). A share of the cells is new, as in a first preview: their IDs are unknown
// (the sentinel) and they are linked by property dependencies only; in the other cells a few
// resources are new. The property shapes follow the program tests' captures (test/programs).
import type { AnalyzedResource, JsonObject, JsonValue, ProviderResource, StackResource } from "../runner/analyzer-client";
import { UNKNOWN } from "../runner/capture";
import { addPaths } from "./generate-paths";

export interface SyntheticStack {
    analyze: AnalyzedResource[];
    stack: StackResource[];
    /** Resource count per type, for the record. */
    types: Record<string, number>;
    unknownIds: number;
}

export interface GenerateOptions {
    seed?: number;
    /** Share of the cells that are new in this preview (IDs unknown). Default 0.3. */
    newShare?: number;
    /** Small cells, so that a stack of a few dozen resources holds every kind (for tests). Default false. */
    compact?: boolean;
}

/** The ranges of the counts in a cell: [low, high] of ACL entries, standalone ACL rules, groups, rules per group, interfaces, others. */
const CELL = { entries: [10, 40], aclRules: [5, 15], groups: [8, 16], rules: [1, 20], enis: [6, 12], others: [5, 15] } as const;
const COMPACT_CELL: Record<keyof typeof CELL, readonly [number, number]> = { entries: [2, 8], aclRules: [1, 4], groups: [2, 4], rules: [1, 6], enis: [2, 5], others: [1, 3] };

const PROJECT = "bench";
const STACK = "bench";
const ROOT_TYPE = "pulumi:pulumi:Stack";
const ROOT_URN = `urn:pulumi:${STACK}::${PROJECT}::${ROOT_TYPE}::${PROJECT}-${STACK}`;
const PROVIDER: ProviderResource = {
    urn: `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:aws::default_7_48_0`,
    type: "pulumi:providers:aws",
    name: "default_7_48_0",
    properties: { region: "us-east-1", version: "7.48.0", skipCredentialsValidation: "false" },
};

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

interface Res {
    urn: string;
    type: string;
    name: string;
    id?: string;
    inputs: JsonObject;
    /** Outputs beside the inputs and the ID (an ARN). */
    outputs?: JsonObject;
    deps: Record<string, string[]>;
}

const PORTS: [string, number, number][] = [
    ["tcp", 443, 443], ["tcp", 443, 443], ["tcp", 80, 80], ["tcp", 8080, 8080], ["tcp", 5432, 5432], ["tcp", 3306, 3306],
    ["tcp", 6379, 6379], ["6", 8443, 8443], ["tcp", 22, 22], ["tcp", 9000, 9100], ["udp", 53, 53], ["17", 123, 123],
    ["-1", 0, 0], ["icmp", 8, 0], ["tcp", 1024, 65535], ["tcp", 3389, 3389],
];
const NACL_PORTS: [string, number, number][] = [
    ["tcp", 443, 443], ["tcp", 80, 80], ["tcp", 1024, 65535], ["6", 32768, 60999], ["tcp", 22, 22], ["udp", 53, 53],
    ["-1", 0, 0], ["tcp", 5432, 5432], ["tcp", 3389, 3389], ["17", 1024, 65535],
];

export function generateStack(n: number, opts: GenerateOptions = {}): SyntheticStack {
    const rand = rng(opts.seed ?? 42);
    const newShare = opts.newShare ?? 0.3;
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const cell: Record<keyof typeof CELL, readonly [number, number]> = opts.compact ? COMPACT_CELL : CELL;
    const count = (k: keyof typeof CELL) => int(...cell[k]);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const hex = (len: number) => Array.from({ length: len }, () => "0123456789abcdef"[int(0, 15)]).join("");
    const out: Res[] = [];

    const add = (type: string, name: string, isNew: boolean, idPrefix: string, inputs: JsonObject, deps: Record<string, string[]> = {}): Res => {
        const r: Res = { urn: `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`, type, name, inputs, deps };
        if (!isNew) { r.id = `${idPrefix}-${hex(17)}`; }
        out.push(r);
        return r;
    };
    /** A reference to another resource's ID: the ID when known, the unknown sentinel when not. */
    const ref = (r: Res): string => r.id ?? UNKNOWN;
    const tags = (name: string, cell: number): JsonObject => ({ Name: name, team: `team-${cell % 7}`, env: pick(["prod", "staging", "dev"]) });

    for (let cell = 0; out.length < n; cell++) {
        const fresh = rand() < newShare;
        const isNew = () => fresh || rand() < 0.05;
        const c = `c${cell}`;
        const net = `10.${cell % 250}`;
        const vpc = add("aws:ec2/vpc:Vpc", `${c}-vpc`, isNew(), "vpc",
            { cidrBlock: `${net}.0.0/16`, enableDnsHostnames: true, enableDnsSupport: true, tags: tags(`${c}-vpc`, cell) });
        const vpcDep = { vpcId: [vpc.urn] };
        if (rand() < 0.8) {
            add("aws:ec2/flowLog:FlowLog", `${c}-flow-log`, isNew(), "fl", {
                vpcId: ref(vpc), trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::org-flow-logs",
            }, vpcDep);
        }
        const subnets = Array.from({ length: 4 }, (_, i) => add("aws:ec2/subnet:Subnet", `${c}-subnet-${i}`, isNew(), "subnet", {
            vpcId: ref(vpc), cidrBlock: `${net}.${i}.0/24`, availabilityZone: `us-east-1${"abcd"[i]}`,
            mapPublicIpOnLaunch: i === 0, tags: tags(`${c}-subnet-${i}`, cell),
        }, vpcDep));
        const subnetIds = (xs: Res[]) => ({ value: xs.map(ref), deps: xs.map((s) => s.urn) });

        // Network ACLs: inline entries (10-40), or standalone NetworkAclRule resources.
        const naclEntry = (i: number) => {
            const [protocol, fromPort, toPort] = pick(NACL_PORTS);
            return {
                ruleNo: 100 + 10 * i, action: rand() < 0.15 ? "deny" : "allow", protocol, fromPort, toPort,
                cidrBlock: pick(["0.0.0.0/0", `${net}.0.0/16`, "203.0.113.0/24", "10.0.0.0/8"]),
            };
        };
        for (let a = 0; a < int(1, 2); a++) {
            const subs = subnetIds(subnets.slice(a * 2, a * 2 + 2));
            const entries = count("entries");
            const ingress = int(Math.floor(entries / 3), Math.ceil((2 * entries) / 3));
            add("aws:ec2/networkAcl:NetworkAcl", `${c}-nacl-${a}`, isNew(), "acl", {
                vpcId: ref(vpc), subnetIds: subs.value,
                ingress: Array.from({ length: ingress }, (_, i) => naclEntry(i)),
                egress: Array.from({ length: entries - ingress }, (_, i) => naclEntry(i)),
                tags: tags(`${c}-nacl-${a}`, cell),
            }, { vpcId: [vpc.urn], subnetIds: subs.deps });
        }
        if (rand() < 0.5) {
            const acl = add("aws:ec2/networkAcl:NetworkAcl", `${c}-nacl-rules`, isNew(), "acl", { vpcId: ref(vpc), tags: tags(`${c}-nacl-rules`, cell) }, vpcDep);
            for (let i = 0; i < count("aclRules"); i++) {
                const e = naclEntry(i);
                add("aws:ec2/networkAclRule:NetworkAclRule", `${c}-nacl-rule-${i}`, isNew(), "aclr", {
                    networkAclId: ref(acl), ruleNumber: e.ruleNo, egress: rand() < 0.5, protocol: e.protocol,
                    ruleAction: e.action, cidrBlock: e.cidrBlock, fromPort: e.fromPort, toPort: e.toPort,
                }, { networkAclId: [acl.urn] });
            }
            add("aws:ec2/networkAclAssociation:NetworkAclAssociation", `${c}-nacl-assoc`, isNew(), "aclassoc",
                { networkAclId: ref(acl), subnetId: ref(subnets[3]) }, { networkAclId: [acl.urn], subnetId: [subnets[3].urn] });
        }

        // Security groups with 1-20 rules each.
        const groups: Res[] = [];
        for (let g = 0, groupCount = count("groups"); g < groupCount; g++) {
            const name = `${c}-sg-${g}`;
            const rules = count("rules");
            const mode = rand();
            const peerOf = (): { peer: JsonObject; deps: string[] } => {
                const p = rand();
                if (p < 0.3 && groups.length > 0) {
                    const other = pick(groups);
                    return { peer: { securityGroups: [ref(other)] }, deps: [other.urn] };
                }
                if (p < 0.35) { return { peer: { self: true }, deps: [] }; }
                if (p < 0.45) { return { peer: { ipv6CidrBlocks: [pick(["::/0", "2001:db8::/32"])] }, deps: [] }; }
                const cidrs = Array.from({ length: int(1, 3) }, () => pick(["0.0.0.0/0", `${net}.0.0/16`, `${net}.${int(0, 3)}.0/24`, "198.51.100.7/32", "10.0.0.0/8"]));
                return { peer: { cidrBlocks: cidrs }, deps: [] };
            };
            if (mode < 0.85) {
                const ingress: JsonValue[] = [];
                const egress: JsonValue[] = [];
                const ruleDeps = { ingress: [] as string[], egress: [] as string[] };
                for (let i = 0; i < rules; i++) {
                    const [protocol, fromPort, toPort] = pick(PORTS);
                    const { peer, deps } = peerOf();
                    const out = i > 0 && rand() < 0.3;
                    (out ? egress : ingress).push({ protocol, fromPort, toPort, description: `rule ${i}`, ...peer });
                    ruleDeps[out ? "egress" : "ingress"].push(...deps);
                }
                groups.push(add("aws:ec2/securityGroup:SecurityGroup", name, isNew(), "sg", {
                    description: `${name} group`, vpcId: ref(vpc), ingress, egress, revokeRulesOnDelete: false, tags: tags(name, cell),
                }, { vpcId: [vpc.urn], ...ruleDeps }));
            } else {
                const sg = add("aws:ec2/securityGroup:SecurityGroup", name, isNew(), "sg",
                    { description: `${name} group`, vpcId: ref(vpc), tags: tags(name, cell) }, vpcDep);
                for (let i = 0; i < rules; i++) {
                    const [protocol, fromPort, toPort] = pick(PORTS);
                    const egress = i > 0 && rand() < 0.3;
                    const other = groups.length > 0 && rand() < 0.3 ? pick(groups) : undefined;
                    const ruleName = `${name}-rule-${i}`;
                    if (mode < 0.96) {
                        const peer: JsonObject = other ? { referencedSecurityGroupId: ref(other) }
                            : rand() < 0.1 ? { cidrIpv6: "::/0" } : { cidrIpv4: pick(["0.0.0.0/0", `${net}.0.0/16`, "198.51.100.7/32"]) };
                        const ports: JsonObject = protocol === "-1" ? {} : { fromPort, toPort };
                        add(egress ? "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" : "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                            ruleName, isNew(), "sgr", { securityGroupId: ref(sg), ipProtocol: protocol, ...ports, description: `rule ${i}`, ...peer },
                            { securityGroupId: [sg.urn], ...(other ? { referencedSecurityGroupId: [other.urn] } : {}) });
                    } else {
                        const peer: JsonObject = other ? { sourceSecurityGroupId: ref(other) } : { cidrBlocks: [pick(["0.0.0.0/0", `${net}.0.0/16`])] };
                        add("aws:ec2/securityGroupRule:SecurityGroupRule", ruleName, isNew(), "sgrule", {
                            type: egress ? "egress" : "ingress", securityGroupId: ref(sg), protocol, fromPort, toPort, description: `rule ${i}`, ...peer,
                        }, { securityGroupId: [sg.urn], ...(other ? { sourceSecurityGroupId: [other.urn] } : {}) });
                    }
                }
                groups.push(sg);
            }
        }

        // ENI-bearing resources with 1-6 groups each.
        const lbs: Res[] = [];
        const instances: Res[] = [];
        for (let e = 0, eniCount = count("enis"); e < eniCount; e++) {
            const sgs = Array.from(new Set(Array.from({ length: int(1, 6) }, () => pick(groups))));
            const ids = sgs.map(ref);
            const sgDeps = sgs.map((s) => s.urn);
            const subnet = pick(subnets);
            const name = `${c}-eni-${e}`;
            switch (int(0, 7)) {
                case 0: instances.push(add("aws:ec2/instance:Instance", name, isNew(), "i", {
                    ami: "ami-0abcdef1234567890", instanceType: "t3.micro", subnetId: ref(subnet), vpcSecurityGroupIds: ids, tags: tags(name, cell),
                }, { subnetId: [subnet.urn], vpcSecurityGroupIds: sgDeps })); break;
                case 1: add("aws:ec2/launchTemplate:LaunchTemplate", name, isNew(), "lt", {
                    imageId: "ami-0abcdef1234567890", instanceType: "m5.large", vpcSecurityGroupIds: ids, tags: tags(name, cell),
                }, { vpcSecurityGroupIds: sgDeps }); break;
                case 2: add("aws:lambda/function:Function", name, isNew(), "fn", {
                    runtime: "nodejs20.x", handler: "index.handler", role: "arn:aws:iam::123456789012:role/fn",
                    vpcConfig: { securityGroupIds: ids, subnetIds: [ref(subnet)] },
                }, { vpcConfig: [...sgDeps, subnet.urn] }); break;
                case 3: add("aws:rds/instance:Instance", name, isNew(), "db", {
                    engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20, publiclyAccessible: false,
                    vpcSecurityGroupIds: ids, dbSubnetGroupName: `${c}-db-subnets`, tags: tags(name, cell),
                }, { vpcSecurityGroupIds: sgDeps }); break;
                case 4: lbs.push(add("aws:lb/loadBalancer:LoadBalancer", name, isNew(), "lb", {
                    loadBalancerType: "application", internal: rand() < 0.5, securityGroups: ids, subnets: subnets.slice(0, 2).map(ref),
                }, { securityGroups: sgDeps, subnets: subnets.slice(0, 2).map((s) => s.urn) })); break;
                case 5: add("aws:ecs/service:Service", name, isNew(), "svc", {
                    cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/main", desiredCount: 2, launchType: "FARGATE",
                    networkConfiguration: { securityGroups: ids, subnets: [ref(subnet)], assignPublicIp: false },
                }, { networkConfiguration: [...sgDeps, subnet.urn] }); break;
                case 6: add("aws:ec2/networkInterface:NetworkInterface", name, isNew(), "eni", {
                    subnetId: ref(subnet), securityGroups: ids,
                }, { subnetId: [subnet.urn], securityGroups: sgDeps }); break;
                default: add("aws:elasticache/replicationGroup:ReplicationGroup", name, isNew(), "rg", {
                    description: "cache", engine: "redis", nodeType: "cache.t3.micro", numCacheClusters: 2, securityGroupIds: ids,
                }, { securityGroupIds: sgDeps });
            }
        }

        addPaths({ add: (type, name, prefix, inputs, deps) => add(type, name, isNew(), prefix, inputs, deps), ref, rand, pick }, c, vpc, subnets, lbs, instances);

        // Resources no policy reads.
        for (let o = 0, otherCount = count("others"); o < otherCount; o++) {
            const name = `${c}-other-${o}`;
            switch (o % 3) {
                case 0: add("aws:iam/role:Role", name, isNew(), "role", {
                    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
                    tags: tags(name, cell),
                }); break;
                case 1: add("aws:s3/bucketV2:BucketV2", name, isNew(), "bucket", { bucket: `${name}-${cell}`, forceDestroy: false, tags: tags(name, cell) }); break;
                default: add("aws:cloudwatch/logGroup:LogGroup", name, isNew(), "lg", { name: `/app/${name}`, retentionInDays: 30, tags: tags(name, cell) });
            }
        }
    }
    out.length = n - 1; // the root stack resource comes first

    const options = { protect: false, ignoreChanges: [], additionalSecretOutputs: [], parent: ROOT_URN };
    const analyze: AnalyzedResource[] = [{ urn: ROOT_URN, type: ROOT_TYPE, name: `${PROJECT}-${STACK}`, properties: {} }];
    const stack: StackResource[] = [{ ...analyze[0], dependencies: [], propertyDependencies: {} }];
    const types: Record<string, number> = { [ROOT_TYPE]: 1 };
    for (const r of out) {
        const a: AnalyzedResource = { urn: r.urn, type: r.type, name: r.name, properties: r.inputs, options, provider: PROVIDER };
        analyze.push(a);
        stack.push({
            ...a,
            // Bridged resources carry their ID among their outputs (see runner/capture.ts); state = inputs.
            properties: r.id === undefined ? r.inputs : { ...r.inputs, id: r.id, ...r.outputs },
            parent: ROOT_URN,
            dependencies: Array.from(new Set(Object.values(r.deps).flat())),
            propertyDependencies: r.deps,
        });
        types[r.type] = (types[r.type] ?? 0) + 1;
    }
    return { analyze, stack, types, unknownIds: out.filter((r) => r.id === undefined).length };
}
