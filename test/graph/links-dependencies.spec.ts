import * as assert from "assert";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";

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
