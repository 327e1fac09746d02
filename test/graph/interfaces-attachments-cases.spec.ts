/**
 * Attachments applied to the stack's network interfaces: which resources an attachment may name
 * (only those with an interface), the attachment as the model keeps it, VPC default groups it adds
 * (named through their VPC), groups not known yet, and an association that replaces the default group.
 */
import * as assert from "assert";
import { unknownAt } from "../../policies/model/values";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";
import { InterfaceView, group, iface, interfaces } from "./stack-model-fixtures";

const vpc = (name: string, defaultSecurityGroupId?: string): TestResource =>
    ({ type: TYPE.vpc, name, props: { cidrBlock: "10.0.0.0/16", ...(defaultSecurityGroupId ? { defaultSecurityGroupId } : {}) } });
const eni = (securityGroups: unknown[]): TestResource =>
    ({ type: TYPE.eni, name: "eni", props: { id: "eni-1", subnetId: "subnet-1", securityGroups } });
const attachment = (name: string, props: Record<string, unknown>, propertyDependencies?: Record<string, string[]>): TestResource =>
    ({ type: TYPE.eniAttachment, name, props, ...(propertyDependencies ? { propertyDependencies } : {}) });
/** A Lambda function outside any VPC: it has no network interface. */
const fn: TestResource = { type: TYPE.lambda, name: "fn", props: { runtime: "nodejs20.x" } };

describe("graph/stack: attachments name only resources with a network interface", () => {
    it("an interface ID depending on a network interface and a function without one links to the interface", () => {
        const stack = [group("extra"), eni(["sg-0a"]), fn, attachment("attach", { networkInterfaceId: UNKNOWN, securityGroupId: UNKNOWN },
            { networkInterfaceId: ["eni", "fn"], securityGroupId: ["extra"] })];
        const model = stackModel(stack);
        assert.deepStrictEqual(interfaces(model), [iface("eni", "other", "securityGroups", ["external:sg-0a", "extra"])]);
        assert.deepStrictEqual(model.attachments, [{
            resource: model.byUrn.get(urnOf(stack[3])), group: { kind: "stack", urn: urnOf(stack[0]) }, target: model.interfaces[0],
        }]);
    });

    it("an interface ID depending only on a function without an interface cannot be told yet: the attachment is undetermined", () => {
        const stack = [eni(["sg-0a"]), fn, attachment("attach", { networkInterfaceId: UNKNOWN, securityGroupId: "sg-0b" }, { networkInterfaceId: ["fn"] })];
        const model = stackModel(stack);
        assert.deepStrictEqual(interfaces(model), [iface("eni", "other", "securityGroups", ["external:sg-0a"])]);
        assert.deepStrictEqual(model.attachments, [{
            resource: model.byUrn.get(urnOf(stack[2])), group: { kind: "external", id: "sg-0b" }, undetermined: unknownAt("networkInterfaceId"),
        }]);
    });
});

describe("graph/stack: an attachment adding a VPC's default group the stack does not declare", () => {
    const cases: [string, TestResource[], InterfaceView[]][] = [
        ["by the VPC's known defaultSecurityGroupId: that VPC's default, with its ID", [
            vpc("main", "sg-def"), eni(["sg-0a"]),
            attachment("attach", { networkInterfaceId: "eni-1", securityGroupId: "sg-def" }),
        ], [iface("eni", "other", "securityGroups", ["external:sg-0a", "default of main (sg-def)"])]],
        ["by dependency on the VPC while the ID is unknown: that VPC's default", [
            vpc("main"), eni(["sg-0a"]),
            attachment("attach", { networkInterfaceId: "eni-1", securityGroupId: UNKNOWN }, { securityGroupId: ["main"] }),
        ], [iface("eni", "other", "securityGroups", ["external:sg-0a", "default of main"])]],
        ["the interface already has that VPC's default group: counted once", [
            vpc("main", "sg-def"), eni(["sg-def"]),
            attachment("attach", { networkInterfaceId: "eni-1", securityGroupId: "sg-def" }),
        ], [iface("eni", "other", "securityGroups", ["default of main (sg-def)"])]],
        ["the interface has another VPC's default group: both are counted", [
            vpc("main", "sg-def"), vpc("other", "sg-def2"), eni(["sg-def2"]),
            attachment("attach", { networkInterfaceId: "eni-1", securityGroupId: "sg-def" }),
        ], [iface("eni", "other", "securityGroups", ["default of other (sg-def2)", "default of main (sg-def)"])]],
    ];
    for (const [name, resources, expected] of cases) {
        it(name, () => assert.deepStrictEqual(interfaces(stackModel(resources)), expected));
    }
});

describe("graph/stack: an attachment to an interface that declares an empty list of groups", () => {
    /** [path, groups, undetermined paths, unresolved, hasGroups] of each interface. */
    const counts = (resources: TestResource[]) => stackModel(resources).interfaces
        .map((n) => [n.path, n.groups.length, n.undetermined.map((u) => u.path), n.unresolved, n.hasGroups]);

    it("without an attachment: no group", () => {
        assert.deepStrictEqual(counts([eni([])]), [["securityGroups", 0, [], 0, false]]);
    });

    it("a group not known yet (no dependency): one more unresolved group, and the interface has a group", () => {
        assert.deepStrictEqual(counts([eni([]), attachment("attach", { networkInterfaceId: "eni-1", securityGroupId: UNKNOWN })]),
            [["securityGroups", 0, ["securityGroupId"], 1, true]]);
    });

    it("two groups not known yet: two more unresolved groups", () => {
        assert.deepStrictEqual(counts([eni([]), attachment("a1", { networkInterfaceId: "eni-1", securityGroupId: UNKNOWN }),
            attachment("a2", { networkInterfaceId: "eni-1", securityGroupId: UNKNOWN })]), [["securityGroups", 0, ["securityGroupId", "securityGroupId"], 2, true]]);
    });

    it("a known group: the interface has that group", () => {
        assert.deepStrictEqual(counts([eni([]), attachment("attach", { networkInterfaceId: "eni-1", securityGroupId: "sg-0b" })]),
            [["securityGroups", 1, [], 0, true]]);
    });
});

describe("graph/stack: a SecurityGroupAssociation that replaces an Interface endpoint's default group", () => {
    const main = vpc("main");
    const defaultSg: TestResource = { type: TYPE.defaultSg, name: "default", props: { vpcId: UNKNOWN }, propertyDependencies: { vpcId: ["main"] } };
    const endpoint = (groups?: string[]): TestResource => ({
        type: TYPE.vpcEndpoint, name: "ep", props: { vpcId: UNKNOWN, serviceName: "s", vpcEndpointType: "Interface", ...(groups ? { securityGroupIds: groups } : {}) },
        propertyDependencies: { vpcId: ["main"] },
    });
    const association = (name: string, sg: string, replaceDefaultAssociation?: boolean): TestResource => ({
        type: TYPE.sgAssociation, name, props: { vpcEndpointId: UNKNOWN, securityGroupId: UNKNOWN, ...(replaceDefaultAssociation ? { replaceDefaultAssociation } : {}) },
        propertyDependencies: { vpcEndpointId: ["ep"], securityGroupId: [sg] },
    });

    const cases: [string, TestResource[], InterfaceView[]][] = [
        ["the declared DefaultSecurityGroup is dropped, a group another association added stays", [
            main, defaultSg, group("a"), group("b"), endpoint(), association("add-a", "a"), association("replace-b", "b", true),
        ], [iface("ep", "endpoint", "securityGroupIds", ["a", "b"])]],
        ["the default group of a VPC that does not declare it is dropped", [
            main, group("a"), endpoint(), association("replace-a", "a", true),
        ], [iface("ep", "endpoint", "securityGroupIds", ["a"])]],
        ["the default of a VPC that does not declare it is dropped, another VPC's default an association added stays", [
            main, vpc("other"), group("a"), endpoint(), association("add-other", "other"), association("replace-a", "a", true),
        ], [iface("ep", "endpoint", "securityGroupIds", ["a", "default of other"])]],
        ["an endpoint that declares its groups keeps them all", [
            main, defaultSg, group("own"), group("a"), endpoint(["sg-0own"]), association("replace-a", "a", true),
        ], [iface("ep", "endpoint", "securityGroupIds", ["external:sg-0own", "a"])]],
        ["an endpoint that declares its VPC's default group by ID keeps it", [
            vpc("main", "sg-def"), group("a"), endpoint(["sg-def"]), association("replace-a", "a", true),
        ], [iface("ep", "endpoint", "securityGroupIds", ["a", "default of main (sg-def)"])]],
        ["without replaceDefaultAssociation the default group stays", [
            main, defaultSg, group("a"), endpoint(), association("add-a", "a"),
        ], [iface("ep", "endpoint", "securityGroupIds", ["default", "a"])]],
    ];
    for (const [name, resources, expected] of cases) {
        it(name, () => assert.deepStrictEqual(interfaces(stackModel(resources)), expected));
    }
});
