import * as assert from "assert";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";
import { InterfaceView, group, iface, interfaces } from "./stack-model-fixtures";

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
