import * as assert from "assert";
import { GroupRef, StackModel, VpcRef } from "../../policies/graph/stack";
import { ENI_SHAPES } from "../../policies/graph/eni-types";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";

/** A security group named `name`; with `id`, an update (the ID is known). */
const group = (name: string, id?: string, extra: Record<string, unknown> = {}): TestResource =>
    ({ type: TYPES.sg, name, props: { description: "d", ...(id ? { id } : {}), ...extra } });

/** A group as a short string: the stack group's name, or "external:<id>". */
function groupName(model: StackModel, g: GroupRef): string {
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

    it("every shape in ENI_SHAPES has a distinct type and at least one interface path", () => {
        const types = ENI_SHAPES.map((s) => s.type);
        assert.deepStrictEqual(types.length, new Set(types).size);
        for (const s of ENI_SHAPES) {
            assert.ok(s.interfaces.length > 0 && s.interfaces.every((paths) => paths.length > 0 && paths.every((p) => p.length > 0)), s.type);
        }
    });

    it("every shape in ENI_SHAPES reads a known external ID at each of its paths", () => {
        for (const s of ENI_SHAPES) {
            s.interfaces.forEach((paths, i) => {
                for (const path of paths) {
                    // Build props with ["sg-x"] at the path; "*" steps into a one-element list.
                    const props: Record<string, unknown> = {};
                    let cursor: Record<string, unknown> = props;
                    path.forEach((key, k) => {
                        const last = k === path.length - 1;
                        const next = path[k + 1];
                        if (key === "*") {
                            return;
                        }
                        if (last) {
                            cursor[key] = ["sg-x"];
                        } else if (next === "*") {
                            const el: Record<string, unknown> = {};
                            cursor[key] = [el];
                            cursor = el;
                        } else {
                            const o: Record<string, unknown> = {};
                            cursor[key] = o;
                            cursor = o;
                        }
                    });
                    const model = stackModel([{ type: s.type, name: "r", props }]);
                    assert.deepStrictEqual(model.interfaces.map((n) => n.groups), [[{ kind: "external", id: "sg-x" }]], `${s.type} interface ${i} ${path.join(".")}`);
                }
            });
        }
    });

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
