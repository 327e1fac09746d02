import * as assert from "assert";
import { Ref, StackModel, VpcRef } from "../../policies/graph/stack";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, WireResource, runStackPolicyOn, urnOf } from "../util/run-stack-policy";
import { sgRuleQuota } from "../../policies/sg/rule-quota";
import { TYPES, stackModel } from "../util/stack-fixtures";

/** A security group named `name`; with `id`, an update (the ID is known). */
const group = (name: string, id?: string, extra: Record<string, unknown> = {}): TestResource =>
    ({ type: TYPES.sg, name, props: { description: "d", ...(id ? { id } : {}), ...extra } });

/** A group as a short string: the stack group's name, or "external:<id>". */
function groupName(model: StackModel, g: Ref): string {
    return g.kind === "stack" ? (model.byUrn.get(g.urn)?.name ?? `?${g.urn}`) : `external:${g.id}`;
}

interface InterfaceView {
    resource: string;
    role: string;
    path: string;
    /** The groups identified, then "default of <VPC>" for each VPC default group the stack does not declare. */
    groups: string[];
    undetermined: string[];
}

/** A VPC as a short string: the stack VPC's name, "external:<id>", "via:<subnet ...>", "account-default" or "?<path>". */
function vpcName(model: StackModel, v: VpcRef): string {
    switch (v.kind) {
        case "stack": return model.byUrn.get(v.urn)?.name ?? `?${v.urn}`;
        case "external": return v.id !== undefined ? `external:${v.id}` : `via:${v.via}`;
        case "account-default": return "account-default";
        default: return `?${v.why.path}`;
    }
}

/** Every network interface of the stack, compactly: resource name, role, path, groups, undetermined paths. */
function interfaces(model: StackModel): InterfaceView[] {
    return model.interfaces.map((n) => ({
        resource: n.resource.name,
        role: n.shape.role,
        path: n.path,
        groups: [...n.groups.map((g) => groupName(model, g)), ...n.vpcDefaults.map((d) => `default of ${vpcName(model, d.vpc)}${d.id ? ` (${d.id})` : ""}`)],
        undetermined: n.undetermined.map((u) => `${u.undetermined}:${u.path}`),
    }));
}

const iface = (resource: string, role: string, path: string, groups: string[], undetermined: string[] = []): InterfaceView =>
    ({ resource, role, path, groups, undetermined });

describe("graph/stack: network interfaces of ENI-bearing resources", () => {
    const cases: [string, TestResource[], InterfaceView[]][] = [
        ["Instance: vpcSecurityGroupIds and securityGroups (names) make one interface", [
            group("app", "sg-1"), group("legacy", "sg-2", { name: "legacy-name" }),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1"], securityGroups: ["legacy-name"] } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds + securityGroups", ["app", "legacy"])]],
        ["Instance: vpcSecurityGroupIds by dependency while the IDs are unknown", [
            group("a"), group("b"),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: [UNKNOWN, UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["a", "b"] } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds", ["a", "b"])]],
        ["Instance: a known ID and an unknown one, the unknown one resolved by dependency", [
            group("a", "sg-1"), group("b"),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1", UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["a", "b"] } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds", ["a", "b"])]],
        ["LaunchTemplate: top-level vpcSecurityGroupIds make one interface", [
            group("a", "sg-1"),
            { type: TYPES.launchTemplate, name: "lt", props: { vpcSecurityGroupIds: ["sg-1"] } },
        ], [iface("lt", "compute", "vpcSecurityGroupIds", ["a"])]],
        ["LaunchTemplate: one interface node per networkInterfaces element", [
            group("a", "sg-1"), group("b", "sg-2"),
            { type: TYPES.launchTemplate, name: "lt", props: { networkInterfaces: [{ securityGroups: ["sg-1"] }, { securityGroups: ["sg-2", "sg-1"] }] } },
        ], [
            iface("lt", "compute", "networkInterfaces[0].securityGroups", ["a"]),
            iface("lt", "compute", "networkInterfaces[1].securityGroups", ["b", "a"]),
        ]],
        ["LaunchTemplate: a single network interface linked by dependency", [
            group("a"),
            { type: TYPES.launchTemplate, name: "lt", props: { networkInterfaces: [{ securityGroups: [UNKNOWN] }] }, propertyDependencies: { networkInterfaces: ["a"] } },
        ], [iface("lt", "compute", "networkInterfaces[0].securityGroups", ["a"])]],
        ["LaunchTemplate: an unknown networkInterfaces list is one undetermined interface", [
            { type: TYPES.launchTemplate, name: "lt", props: { networkInterfaces: UNKNOWN } },
        ], [iface("lt", "compute", "networkInterfaces", [], ["unknown:networkInterfaces"])]],
        ["Lambda: vpcConfig.securityGroupIds (known, and by dependency on the vpcConfig key)", [
            group("a", "sg-1"), group("b"),
            {
                type: TYPES.lambda, name: "fn", props: { vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1", UNKNOWN] } },
                propertyDependencies: { vpcConfig: ["a", "b"] },
            },
        ], [iface("fn", "compute", "vpcConfig.securityGroupIds", ["a", "b"])]],
        ["ECS service: networkConfiguration.securityGroups", [
            group("a"),
            {
                type: TYPES.ecsService, name: "svc", props: { networkConfiguration: { subnets: ["subnet-1"], securityGroups: [UNKNOWN, "sg-0123abcd"] } },
                propertyDependencies: { networkConfiguration: ["a"] },
            },
        ], [iface("svc", "compute", "networkConfiguration.securityGroups", ["external:sg-0123abcd", "a"])]],
        ["RDS instance: vpcSecurityGroupIds, a database", [
            group("db", "sg-db"),
            { type: TYPES.rdsInstance, name: "pg", props: { vpcSecurityGroupIds: ["sg-db"], publiclyAccessible: false } },
        ], [iface("pg", "database", "vpcSecurityGroupIds", ["db"])]],
        ["MSK cluster: brokerNodeGroupInfo.securityGroups", [
            group("kafka"),
            {
                type: TYPES.msk, name: "msk", props: { brokerNodeGroupInfo: { clientSubnets: ["subnet-1"], instanceType: "kafka.m5.large", securityGroups: [UNKNOWN] } },
                propertyDependencies: { brokerNodeGroupInfo: ["kafka"] },
            },
        ], [iface("msk", "other", "brokerNodeGroupInfo.securityGroups", ["kafka"])]],
        ["Load balancer: securityGroups, a load balancer", [
            group("web", "sg-web"),
            { type: TYPES.lb, name: "alb", props: { securityGroups: ["sg-web"] } },
        ], [iface("alb", "load-balancer", "securityGroups", ["web"])]],
        ["an ID that is not in the stack is an external group, counted", [
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-0123abcd"] } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds", ["external:sg-0123abcd"])]],
        ["an unknown ID with no dependency is undetermined, never guessed", [
            group("a"),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: [UNKNOWN] } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds", [], ["unknown:vpcSecurityGroupIds"])]],
        ["more unknown IDs than dependencies: the known part, and undetermined", [
            group("a"),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: [UNKNOWN, UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["a"] } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds", ["a"], ["unknown:vpcSecurityGroupIds"])]],
        ["a whole list unknown: the groups it depends on, and undetermined (it may hold more)", [
            group("a"),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: UNKNOWN }, propertyDependencies: { vpcSecurityGroupIds: ["a"] } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds", ["a"], ["unknown:vpcSecurityGroupIds"])]],
        ["dependencies on resources that are not groups (nor VPCs) are ignored", [
            { type: TYPES.subnet, name: "a", props: { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" } },
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["a"] } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds", [], ["unknown:vpcSecurityGroupIds"])]],
        ["a dependency on a VPC (and on no group) names its default group (vpc.defaultSecurityGroupId), counted", [
            { type: TYPES.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } },
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["main"] } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds", ["default of main"])]],
        ["duplicates are counted once (known IDs, stack and external)", [
            group("a", "sg-1"),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1", "sg-0ext", "sg-1", "sg-0ext"] } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds", ["a", "external:sg-0ext"])]],
        ["a group named by ID and again by name is counted once", [
            group("a", "sg-1", { name: "a-name" }),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1"], securityGroups: ["a-name"] } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds + securityGroups", ["a"])]],
        ["a malformed list is undetermined as invalid", [
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: "sg-1" } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds", [], ["invalid:vpcSecurityGroupIds"])]],
        ["an instance without any group property gets its VPC's default group (no subnet: the account's default VPC)", [
            { type: TYPES.instance, name: "vm", props: { ami: "ami-1" } },
        ], [iface("vm", "compute", "vpcSecurityGroupIds + securityGroups", ["default of account-default"])]],
        ["a resource without any group property, to which AWS gives no default group, has no interface", [
            { type: TYPES.lambda, name: "fn", props: { runtime: "nodejs20.x" } },
        ], []],
    ];
    for (const [name, resources, expected] of cases) {
        it(name, () => assert.deepStrictEqual(interfaces(stackModel(resources)), expected));
    }

    it("Instance: securityGroups (names) by dependency under its own key", () => {
        assert.deepStrictEqual(interfaces(stackModel([
            group("legacy"),
            { type: TYPES.instance, name: "vm", props: { securityGroups: [UNKNOWN] }, propertyDependencies: { securityGroups: ["legacy"] } },
        ])), [iface("vm", "compute", "securityGroups", ["legacy"])]);
    });

    it("LaunchTemplate: every group a networkInterfaces dependency names is linked to the template", () => {
        const model = stackModel([
            group("a"), group("b"),
            {
                type: TYPES.launchTemplate, name: "lt", props: { networkInterfaces: [{ securityGroups: [UNKNOWN] }, { securityGroups: [UNKNOWN] }] },
                propertyDependencies: { networkInterfaces: ["a", "b"] },
            },
        ]);
        assert.deepStrictEqual(["a", "b"].map((n) => model.interfacesWith(urnOf(group(n))).length > 0), [true, true]);
    });
});

describe("graph/stack: NetworkInterfaceSecurityGroupAttachment", () => {
    const eni = (id?: string): TestResource =>
        ({ type: TYPES.eni, name: "eni", props: { subnetId: "subnet-1", securityGroups: ["sg-0ext"], ...(id ? { id } : {}) } });

    const cases: [string, TestResource[], InterfaceView[]][] = [
        ["adds a group to a NetworkInterface, both linked by dependency", [
            group("extra"), eni(),
            {
                type: TYPES.eniAttachment, name: "attach", props: { networkInterfaceId: UNKNOWN, securityGroupId: UNKNOWN },
                propertyDependencies: { networkInterfaceId: ["eni"], securityGroupId: ["extra"] },
            },
        ], [iface("eni", "other", "securityGroups", ["external:sg-0ext", "extra"])]],
        ["adds a group to a NetworkInterface, both by known ID", [
            group("extra", "sg-1"), eni("eni-1"),
            { type: TYPES.eniAttachment, name: "attach", props: { networkInterfaceId: "eni-1", securityGroupId: "sg-1" } },
        ], [iface("eni", "other", "securityGroups", ["external:sg-0ext", "extra"])]],
        ["adds an external group to a NetworkInterface", [
            eni("eni-1"),
            { type: TYPES.eniAttachment, name: "attach", props: { networkInterfaceId: "eni-1", securityGroupId: "sg-0other" } },
        ], [iface("eni", "other", "securityGroups", ["external:sg-0ext", "external:sg-0other"])]],
        ["an unknown group with no dependency makes the interface undetermined", [
            eni(),
            { type: TYPES.eniAttachment, name: "attach", props: { networkInterfaceId: UNKNOWN, securityGroupId: UNKNOWN }, propertyDependencies: { networkInterfaceId: ["eni"] } },
        ], [iface("eni", "other", "securityGroups", ["external:sg-0ext"], ["unknown:securityGroupId"])]],
        ["an attachment to an ENI outside the stack changes nothing in it", [
            eni("eni-1"),
            { type: TYPES.eniAttachment, name: "attach", props: { networkInterfaceId: "eni-0other", securityGroupId: "sg-0other" } },
        ], [iface("eni", "other", "securityGroups", ["external:sg-0ext"])]],
    ];
    for (const [name, resources, expected] of cases) {
        it(name, () => assert.deepStrictEqual(interfaces(stackModel(resources)), expected));
    }

    it("a group the interface already has is counted once", () => {
        assert.deepStrictEqual(interfaces(stackModel([
            group("a", "sg-1"),
            { type: TYPES.eni, name: "eni", props: { id: "eni-1", subnetId: "subnet-1", securityGroups: ["sg-1"] } },
            { type: TYPES.eniAttachment, name: "attach", props: { networkInterfaceId: "eni-1", securityGroupId: "sg-1" } },
        ])), [iface("eni", "other", "securityGroups", ["a"])]);
    });

    it("adds a group to an instance's primary network interface by known ID (primaryNetworkInterfaceId)", () => {
        assert.deepStrictEqual(interfaces(stackModel([
            { type: TYPES.instance, name: "vm", props: { id: "i-1", primaryNetworkInterfaceId: "eni-1", vpcSecurityGroupIds: ["sg-0a"] } },
            { type: TYPES.eniAttachment, name: "attach", props: { networkInterfaceId: "eni-1", securityGroupId: "sg-0b" } },
        ])), [iface("vm", "compute", "vpcSecurityGroupIds", ["external:sg-0a", "external:sg-0b"])]);
    });
});

describe("graph/stack: security groups and their rules", () => {
    const ruleView = (model: StackModel, urn: string) => model.rulesOf(urn).map((r) => `${r.origin.name}:${r.direction}:${r.origin.peerPath}`);

    it("models SecurityGroup and DefaultSecurityGroup, and nothing else, as groups", () => {
        const model = stackModel([
            group("a"), { type: TYPES.defaultSg, name: "default", props: { vpcId: "vpc-1" } },
            { type: TYPES.instance, name: "vm", props: {} },
        ]);
        assert.deepStrictEqual([...model.groups.values()].map((g) => [g.resource.name, g.isDefault]), [["a", false], ["default", true]]);
    });

    it("rulesOf returns inline then standalone rules, linked by dependency and by known ID", () => {
        const resources: TestResource[] = [
            group("web", "sg-1", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }], egress: [] }),
            {
                type: TYPES.vpcIngress, name: "by-dep", props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.1.0.0/16" },
                propertyDependencies: { securityGroupId: ["web"] },
            },
            { type: TYPES.sgRule, name: "by-id", props: { type: "egress", securityGroupId: "sg-1", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] } },
            { type: TYPES.vpcEgress, name: "elsewhere", props: { securityGroupId: "sg-0other", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" } },
        ];
        const model = stackModel(resources);
        const web = urnOf(resources[0]);
        assert.deepStrictEqual(ruleView(model, web), [
            "web:ingress:ingress[0].cidrBlocks[0]",
            "by-dep:ingress:cidrIpv4",
            "by-id:egress:cidrBlocks[0]",
        ]);
        assert.deepStrictEqual(model.groups.get(web)?.standalone.map((s) => s.resource.name), ["by-dep", "by-id"]);
        assert.deepStrictEqual(model.standaloneRules.map((s) => [s.resource.name, s.target && groupName(model, s.target)]),
            [["by-dep", "web"], ["by-id", "web"], ["elsewhere", "external:sg-0other"]]);
    });

    it("a standalone rule whose group cannot be resolved has no target, and says why", () => {
        const model = stackModel([
            group("web"),
            { type: TYPES.vpcIngress, name: "r", props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.1.0.0/16" } },
        ]);
        assert.deepStrictEqual(model.standaloneRules.map((s) => [s.target, s.targetUndetermined?.path, s.targetUndetermined?.undetermined]),
            [[undefined, "securityGroupId", "unknown"]]);
        assert.deepStrictEqual(model.rulesOf(urnOf(group("web"))), []);
    });

    it("a whole unknown ingress/egress list on a group reads as not declared inline", () => {
        const model = stackModel([{ type: TYPES.sg, name: "web", props: { description: "d", ingress: UNKNOWN, egress: UNKNOWN } }]);
        assert.deepStrictEqual(model.rulesOf(urnOf(group("web"))), []);
    });

    it("refOf resolves IDs and names of the stack's groups, and anything else as external", () => {
        const model = stackModel([group("a", "sg-1", { name: "a-name" })]);
        const urn = urnOf(group("a"));
        assert.deepStrictEqual([model.refOf("sg-1"), model.refOf("a-name"), model.refOf("sg-0123abcd")],
            [{ kind: "stack", urn }, { kind: "stack", urn }, { kind: "external", id: "sg-0123abcd" }]);
    });

    it("interfacesWith and rolesOf name where a group is attached", () => {
        const model = stackModel([
            group("web", "sg-1"),
            { type: TYPES.lb, name: "alb", props: { securityGroups: ["sg-1"] } },
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1"] } },
            { type: TYPES.rdsInstance, name: "pg", props: { vpcSecurityGroupIds: ["sg-0db"] } },
        ]);
        const urn = urnOf(group("web"));
        assert.deepStrictEqual(model.interfacesWith(urn).map((n) => n.resource.name), ["alb", "vm"]);
        assert.deepStrictEqual([...model.rolesOf(urn)].sort(), ["compute", "load-balancer"]);
    });
});

describe("graph/stack: two resources with one URN (a broken input) are both evaluated", () => {
    const SG_URN = urnOf({ type: TYPES.sg, name: "web" });
    const copy = (cidrCount: number, id: string): WireResource => ({
        urn: SG_URN, type: TYPES.sg, name: "web",
        props: { id, description: "d", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, description: "r", cidrBlocks: Array.from({ length: cidrCount }, (_, i) => `10.0.${i}.0/24`) }] },
        propertyDependencies: {},
    });

    it("the model keeps each copy as a node of its own, and names the URN of each", () => {
        const model = new StackModel([copy(1, "sg-1"), copy(2, "sg-2")].map((r) => ({ ...r, dependencies: [] })));
        assert.deepStrictEqual([...model.groups.keys()].map((k) => [model.sourceUrn(k), model.groups.get(k)?.inline.rules.length]),
            [[SG_URN, 1], [SG_URN, 2]]);
    });

    it("sg-rule-quota reports each copy that exceeds the quota, on the shared URN", () => {
        const findings = runStackPolicyOn(sgRuleQuota, [copy(61, "sg-1"), copy(62, "sg-2")]);
        assert.deepStrictEqual(findings.map((f) => [f.urn, f.message.split(". ")[0]]), [
            [SG_URN, "aws.ec2.SecurityGroup 'web' has 61 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60"],
            [SG_URN, "aws.ec2.SecurityGroup 'web' has 62 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60"],
        ]);
    });

    it("a dependency on a duplicated URN names both copies: a link that needs one falls back to the known ID", () => {
        const rule: WireResource = {
            urn: urnOf({ type: TYPES.vpcIngress, name: "r" }), type: TYPES.vpcIngress, name: "r",
            props: { securityGroupId: "sg-2", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" },
            propertyDependencies: { securityGroupId: [SG_URN] },
        };
        const model = new StackModel([copy(1, "sg-1"), copy(1, "sg-2"), rule].map((r) => ({ ...r, dependencies: [] })));
        const [first, second] = [...model.groups.keys()];
        assert.deepStrictEqual([model.rulesOf(first).length, model.rulesOf(second).length], [1, 2]);
        assert.notStrictEqual(first, second);
    });
});

describe("graph/stack: which VPC a resource is in, and its default group", () => {
    const vpc: TestResource = { type: TYPES.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
    const vpcOf = (resources: TestResource[], name: string) => {
        const model = stackModel(resources);
        const n = model.interfaces.find((x) => x.resource.name === name);
        return n?.implicitDefault && { vpc: n.implicitDefault.vpc.kind === "stack" ? model.byUrn.get(n.implicitDefault.vpc.urn)?.name : n.implicitDefault.vpc, group: n.implicitDefault.group && model.byUrn.get(n.implicitDefault.group.urn)?.name };
    };

    it("an instance in a default subnet is in the account's default VPC: the stack's DefaultVpc, whose DefaultSecurityGroup has no vpcId", () => {
        assert.deepStrictEqual(vpcOf([
            { type: TYPES.defaultVpc, name: "default-vpc", props: {} },
            { type: TYPES.defaultSubnet, name: "az-a", props: { availabilityZone: "us-east-1a" } },
            { type: TYPES.defaultSg, name: "default", props: {} },
            { type: TYPES.instance, name: "vm", props: { subnetId: UNKNOWN }, propertyDependencies: { subnetId: ["az-a"] } },
        ], "vm"), { vpc: "default-vpc", group: "default" });
    });

    it("a subnet from outside the stack: the VPC of that subnet, whose default group is not in the stack", () => {
        assert.deepStrictEqual(vpcOf([{ type: TYPES.eni, name: "eni", props: { subnetId: "subnet-0ext" } }], "eni"),
            { vpc: { kind: "external", via: "subnet subnet-0ext" }, group: undefined });
    });

    it("a subnet not known yet: the VPC cannot be told", () => {
        assert.deepStrictEqual(vpcOf([vpc, { type: TYPES.eni, name: "eni", props: { subnetId: UNKNOWN }, propertyDependencies: { subnetId: [] } }], "eni"),
            { vpc: { kind: "undetermined", why: { undetermined: "unknown", path: "subnetId", reason: "subnetId is not known until the resource is created" } }, group: undefined });
    });

    it("a subnet group of the stack with its VPC known only as an output (memorydb.SubnetGroup.vpcId, an update)", () => {
        assert.deepStrictEqual(vpcOf([
            { type: TYPES.vpc, name: "main", props: { id: "vpc-1", cidrBlock: "10.0.0.0/16" } },
            { type: TYPES.defaultSg, name: "default", props: { id: "sg-def", vpcId: "vpc-1" } },
            { type: TYPES.memorydbSubnetGroup, name: "subnets", props: { id: "mem-subnets", name: "mem-subnets", subnetIds: ["subnet-0ext"], vpcId: "vpc-1" } },
            { type: TYPES.memorydb, name: "cache", props: { subnetGroupName: "mem-subnets" } },
        ], "cache"), { vpc: "main", group: "default" });
    });
});

describe("graph/stack: what the stack exports", () => {
    const root = (outputs: Record<string, unknown>): TestResource => ({ type: TYPES.rootStack, name: "project-stack", props: outputs });

    it("names the stack resources an output holds (by ID, name or URN) and the outputs not known yet", () => {
        const model = stackModel([
            root({ a: "sg-1", b: ["legacy-name"], c: { urn: urnOf(group("c")), id: UNKNOWN }, d: UNKNOWN, e: { f: [UNKNOWN] } }),
            group("a", "sg-1"), group("b", undefined, { name: "legacy-name" }), group("c"), group("unexported", "sg-9"),
        ]);
        assert.deepStrictEqual([[...model.exports.resources].map((u) => model.byUrn.get(u)?.name), model.exports.unknown.map((u) => u.path)],
            [["a", "b", "c"], ["d", "e.f[0]"]]);
    });
});

describe("graph/stack: the peers of rules", () => {
    it("links security-group and prefix-list peers by known ID and, at a first preview, by the dependencies of the input that holds them", () => {
        const model = stackModel([
            group("app", "sg-app"), group("other"),
            { type: TYPES.prefixList, name: "office", props: { maxEntries: 10 } },
            {
                type: TYPES.sg, name: "db", props: {
                    description: "d", ingress: [
                        { protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-app", UNKNOWN], prefixListIds: [UNKNOWN] },
                    ],
                }, propertyDependencies: { ingress: ["app", "other", "office"] },
            },
        ]);
        const rules = model.rulesOf(urnOf(group("db")));
        assert.deepStrictEqual(rules.map((r) => [r.origin.peerPath, model.peerGroup(r) && groupName(model, model.peerGroup(r) as Ref),
            model.prefixList(r)?.maxEntries]), [
            ["ingress[0].prefixListIds[0]", undefined, 10],
            ["ingress[0].securityGroups[0]", "app", undefined],
            ["ingress[0].securityGroups[1]", "other", undefined],
        ]);
    });

    it("leaves an unknown peer unlinked when the dependencies do not say which it is", () => {
        const model = stackModel([
            group("a"), group("b"),
            { type: TYPES.sg, name: "db", props: { description: "d", ingress: [{ protocol: "tcp", fromPort: 1, toPort: 1, securityGroups: [UNKNOWN] }] }, propertyDependencies: { ingress: ["a", "b"] } },
        ]);
        assert.deepStrictEqual(model.rulesOf(urnOf(group("db"))).map((r) => model.peerGroup(r)), [undefined]);
    });
});

describe("graph/stack: scale of hostile inputs", () => {
    it("100,000 copies of one URN build in linear time (well under 10 s)", () => {
        const copies = Array.from({ length: 100_000 }, () => ({ urn: "urn:x", name: "x", type: TYPES.sg, props: { description: "d" }, dependencies: [], propertyDependencies: {} }));
        const start = Date.now();
        const model = new StackModel(copies);
        assert.strictEqual(model.groups.size, 100_000);
        assert.ok(Date.now() - start < 10_000, `${Date.now() - start} ms`);
    });
});
