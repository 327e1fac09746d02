/**
 * The network-interface nodes of the stack model, read in full: an unknown list of interfaces, a
 * nested list only partly known, VPC default groups named by ID and by dependency, the default group
 * of a resource that declares none, and which resource an attachment's interface ID names.
 */
import * as assert from "assert";
import { ENI_SHAPES } from "../../policies/graph/eni-types";
import { StackModel } from "../../policies/graph/stack";
import { UNKNOWN } from "../util/run-policy";
import { urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";
import { group } from "./stack-model-fixtures";

const sgUrn = (name: string): string => urnOf({ type: TYPE.sg, name });
const vpcUrn = urnOf({ type: TYPE.vpc, name: "main" });
const unknownAt = (path: string) => ({ undetermined: "unknown", path, reason: `${path} is not known until the resource is created` });

/** Every field of each interface node, the resource by name. */
function nodes(model: StackModel): Record<string, unknown>[] {
    return model.interfaces.map(({ resource, shape: _shape, ...rest }) => ({ name: resource.name, ...rest }));
}

/** Each attachment: its name, the name of the resource whose interface it joins, its group and what is undetermined. */
function attachments(model: StackModel): Record<string, unknown>[] {
    return model.attachments.map(({ resource, target, ...rest }) => ({ name: resource.name, target: target?.resource.name, ...rest }));
}

describe("graph/interfaces: the interface nodes of ENI-bearing resources", () => {
    it("a LaunchTemplate whose networkInterfaces list is unknown has one unbounded interface, read from that list, with no group yet", () => {
        assert.deepStrictEqual(nodes(stackModel([{ type: TYPE.launchTemplate, name: "lt", props: { networkInterfaces: UNKNOWN } }])), [{
            name: "lt", path: "networkInterfaces", paths: ["networkInterfaces"], groups: [], vpcDefaults: [], possibleGroups: [],
            undetermined: [unknownAt("networkInterfaces")], unresolved: 0, unbounded: true, hasGroups: false,
        }]);
    });

    it("an AgentcoreHarness with one known interface beside an unknown networkConfigurations list: its dependency is possible, not counted", () => {
        const leaf = "environments[0].agentcoreRuntimeEnvironments[1].networkConfigurations[0].networkModeConfigs[0].securityGroups";
        const list = "environments[0].agentcoreRuntimeEnvironments[0].networkConfigurations";
        assert.deepStrictEqual(nodes(stackModel([group("a"), {
            type: TYPE.agentcoreHarness, name: "h", propertyDependencies: { environments: ["a"] },
            props: { environments: [{ agentcoreRuntimeEnvironments: [{ networkConfigurations: UNKNOWN },
                { networkConfigurations: [{ networkModeConfigs: [{ securityGroups: [UNKNOWN] }] }] }] }] },
        }])), [
            { name: "h", path: list, paths: [list], groups: [], vpcDefaults: [], possibleGroups: [], undetermined: [unknownAt(list)], unresolved: 0, unbounded: true, hasGroups: false },
            {
                name: "h", path: leaf, paths: [leaf], groups: [], vpcDefaults: [], possibleGroups: [{ kind: "stack", urn: sgUrn("a") }],
                undetermined: [unknownAt(leaf)], unresolved: 1, unbounded: false, hasGroups: true,
            },
        ]);
    });

    it("a VPC's default group named by its known ID keeps the ID; named through a dependency on the VPC it has none", () => {
        assert.deepStrictEqual(nodes(stackModel([
            { type: TYPE.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: "sg-def" } },
            { type: TYPE.instance, name: "by-id", props: { vpcSecurityGroupIds: ["sg-def"] } },
            { type: TYPE.instance, name: "by-dep", props: { vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["main"] } },
        ])), [
            {
                name: "by-id", path: "vpcSecurityGroupIds", paths: ["vpcSecurityGroupIds"], groups: [], vpcDefaults: [{ vpc: { kind: "stack", urn: vpcUrn }, id: "sg-def" }],
                possibleGroups: [], undetermined: [], unresolved: 0, unbounded: false, hasGroups: true,
            },
            {
                name: "by-dep", path: "vpcSecurityGroupIds", paths: ["vpcSecurityGroupIds"], groups: [], vpcDefaults: [{ vpc: { kind: "stack", urn: vpcUrn } }],
                possibleGroups: [], undetermined: [], unresolved: 0, unbounded: false, hasGroups: true,
            },
        ]);
    });

    it("an Instance that declares no group has the account's default VPC's default group, and so has a group", () => {
        const accountDefault = { vpc: { kind: "account-default" } };
        assert.deepStrictEqual(nodes(stackModel([{ type: TYPE.instance, name: "vm", props: { ami: "ami-1" } }])), [{
            name: "vm", path: "vpcSecurityGroupIds + securityGroups", paths: ["vpcSecurityGroupIds", "securityGroups"], groups: [],
            vpcDefaults: [accountDefault], implicitDefault: accountDefault, possibleGroups: [], undetermined: [], unresolved: 0, unbounded: false, hasGroups: true,
        }]);
    });

    it("every ENI shape to which AWS gives a VPC default group declares a single interface", () => {
        assert.deepStrictEqual(ENI_SHAPES.filter((s) => s.defaultGroupIn !== undefined && s.interfaces.length !== 1).map((s) => s.type), []);
    });
});

describe("graph/interfaces: the interface an attachment names", () => {
    it("an ID that both a NetworkInterface and an earlier Instance's primary interface report names the NetworkInterface", () => {
        const model = stackModel([
            group("a", "sg-1"),
            { type: TYPE.instance, name: "vm", props: { primaryNetworkInterfaceId: "eni-1", vpcSecurityGroupIds: [] } },
            { type: TYPE.eni, name: "nic", props: { id: "eni-1", subnetId: "subnet-1", securityGroups: [] } },
            { type: TYPE.eniAttachment, name: "att", props: { securityGroupId: "sg-1", networkInterfaceId: "eni-1" } },
        ]);
        assert.deepStrictEqual(attachments(model), [{ name: "att", target: "nic", group: { kind: "stack", urn: sgUrn("a") } }]);
        assert.deepStrictEqual(model.interfaces.map((n) => [n.resource.name, n.groups]), [["vm", []], ["nic", [{ kind: "stack", urn: sgUrn("a") }]]]);
    });

    it("an unknown interface ID depending on an Instance launched on an existing interface (none of its own) is undetermined", () => {
        assert.deepStrictEqual(attachments(stackModel([
            group("a", "sg-1"),
            { type: TYPE.instance, name: "vm", props: { networkInterfaces: [{ networkInterfaceId: "eni-1", deviceIndex: 0 }] } },
            {
                type: TYPE.eniAttachment, name: "att", props: { securityGroupId: "sg-1", networkInterfaceId: UNKNOWN },
                propertyDependencies: { networkInterfaceId: ["vm"] },
            },
        ])), [{ name: "att", target: undefined, group: { kind: "stack", urn: sgUrn("a") }, undetermined: unknownAt("networkInterfaceId") }]);
    });
});
