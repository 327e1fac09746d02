import * as assert from "assert";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";
import { group, implicitDefaultOf } from "./stack-model-fixtures";

describe("graph/stack: which VPC a resource is in, and its default group", () => {
    const vpc: TestResource = { type: TYPES.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
    const vpcOf = implicitDefaultOf;

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

    it("an output that holds a resource's URN as a string exports that resource", () => {
        const model = stackModel([root({ shared: urnOf(group("c")) }), group("c"), group("other", "sg-9")]);
        assert.deepStrictEqual([...model.exports.resources].map((u) => model.byUrn.get(u)?.name), ["c"]);
    });

    const unknown = (path: string, reason: string) => ({ undetermined: "unknown", path, reason });
    it("says which output is not known, and why", () =>
        assert.deepStrictEqual(stackModel([root({ shared: { sg: UNKNOWN } })]).exports.unknown,
            [unknown("shared.sg", "the stack output shared.sg is not known until the resources it comes from are created")]));
    it("outputs not known at all: every output may hold any resource's ID", () =>
        assert.deepStrictEqual(stackModel([{ type: TYPES.rootStack, name: "project-stack", props: UNKNOWN as unknown as Record<string, unknown> }]).exports.unknown,
            [unknown("outputs", "the stack output (all of them) is not known until the resources it comes from are created")]));
    it("two root stack resources (a broken input) are read in stack order", () =>
        assert.deepStrictEqual(stackModel([{ ...root({ a: UNKNOWN }), name: "first" }, { ...root({ b: UNKNOWN }), name: "second" }]).exports.unknown.map((u) => u.path),
            ["a", "b"]));
    const beyond = (path: string) => [unknown(path, `the stack output ${path} and the outputs after it are beyond the 100000 values a policy reads`)];
    it("reads at most 100,000 values: a list past that, and the outputs after it, count as not known", () => {
        const model = stackModel([root({ big: new Array(100_000).fill("x"), after: "sg-1" }), group("a", "sg-1")]);
        assert.deepStrictEqual([[...model.exports.resources], model.exports.unknown], [[], beyond("big")]);
    });
    it("reads at most 100,000 values: an object's keys count too", () => {
        const model = stackModel([root({ big: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, "x"])), after: "sg-1" }), group("a", "sg-1")]);
        assert.deepStrictEqual([[...model.exports.resources], model.exports.unknown], [[], beyond("big")]);
    });
    it("reads exactly 100,000 values: the output after them is the first beyond", () => {
        const model = stackModel([root({ big: new Array(49_998).fill("x"), after: "sg-1" }), group("a", "sg-1")]);
        assert.deepStrictEqual([[...model.exports.resources], model.exports.unknown], [[], beyond("after")]);
    });
    it("reads a list of 49,996 values, each counted once and again as an element of the list, and the outputs after it", () => {
        const model = stackModel([root({ big: new Array(49_996).fill("x"), after: "sg-1" }), group("a", "sg-1")]);
        assert.deepStrictEqual([[...model.exports.resources].map((u) => model.byUrn.get(u)?.name), model.exports.unknown], [["a"], []]);
    });
});
