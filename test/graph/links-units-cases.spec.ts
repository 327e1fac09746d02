/**
 * The linking functions on their own: Targets, linkOne, linkRequired, linkList (its forms and its
 * dependencies) and mayHold, at the edges the whole-stack specs do not reach.
 */
import * as assert from "assert";
import { Targets, linkList, linkOne, linkRequired, mayHold } from "../../policies/graph/links";
import { StackResource, stackResource } from "../../policies/graph/resource";
import { child } from "../../policies/model/values";
import { UNKNOWN } from "../util/run-policy";
import { TYPE } from "../util/types";

const res = (name: string, props: Record<string, unknown> = {}, propertyDependencies: Record<string, string[]> = {}, type: string = TYPE.sg): StackResource =>
    stackResource({ urn: `urn:${name}`, name, type, props, dependencies: Object.values(propertyDependencies).flat(), propertyDependencies });
const stack = (urn: string) => ({ kind: "stack", urn });
const unknownAt = (path: string) => ({ undetermined: "unknown", path, reason: `${path} is not known until the resource is created` });

describe("graph/links: Targets", () => {
    it("an ID that no target has is a resource from outside the stack, with no stand-in", () => {
        const targets = new Targets().add(res("web", { id: "sg-1" }), ["id"]);
        assert.deepStrictEqual(targets.byValue("sg-ext"), { ref: { kind: "external", id: "sg-ext" } });
    });
});

describe("graph/links: linkOne and linkRequired", () => {
    const targets = new Targets().add(res("a"), ["id"]).add(res("b"), ["id"]);

    it("an absent value that depends on two targets: which one cannot be told", () => {
        assert.deepStrictEqual(linkOne(res("rule", {}, { securityGroupId: ["urn:a", "urn:b"] }), "securityGroupId", targets),
            { undetermined: unknownAt("securityGroupId") });
    });

    it("a required reference that is absent and depends on nothing: not known yet; one that is empty: invalid", () => {
        assert.deepStrictEqual([linkRequired(res("rule"), "securityGroupId", targets), linkRequired(res("rule", { securityGroupId: "" }), "securityGroupId", targets)], [
            { undetermined: unknownAt("securityGroupId") },
            { undetermined: { undetermined: "invalid", path: "securityGroupId", reason: "securityGroupId is empty" } },
        ]);
    });
});

describe("graph/links: linkList", () => {
    const targets = new Targets().add(res("a", { id: "sg-a" }), ["id"]).add(res("b", { id: "sg-b" }), ["id"]);
    const list = (props: Record<string, unknown>, key: string, forms: ("list" | "one" | "csv")[] = [], deps: Record<string, string[]> = {}, attributable = true) => {
        const r = res("user", props, deps);
        const l = linkList(r, [child(r.root, key)], [key], targets, attributable, forms);
        return { refs: l.refs, unresolved: l.unresolved, unbounded: l.unbounded, undetermined: l.undetermined, hasItems: l.hasItems };
    };
    const none = { refs: [], unresolved: 0, unbounded: false, undetermined: [], hasItems: false };

    it("an absent field in the 'one' and 'csv' forms names nothing", () => {
        assert.deepStrictEqual([list({}, "groupId", ["one"]), list({}, "groups", ["csv"])], [none, none]);
    });

    it("a csv string: each trimmed, non-empty part is an ID", () => {
        assert.deepStrictEqual(list({ groups: " sg-a ,, sg-b," }, "groups", ["csv"]), { ...none, refs: [stack("urn:a"), stack("urn:b")], hasItems: true });
    });

    it("a csv value that is not a string is invalid", () => {
        assert.deepStrictEqual(list({ groups: ["sg-a"] }, "groups", ["csv"]), {
            ...none, undetermined: [{ undetermined: "invalid", path: "groups", reason: "groups should be a string of comma-separated IDs, got a list" }],
        });
    });

    it("a csv string of 100,000 IDs is read; one of 100,001 is beyond what a policy reads", () => {
        const ids = (n: number) => Array.from({ length: n }, (_, i) => `sg-${i}`).join(",");
        assert.deepStrictEqual([list({ groups: ids(100_000) }, "groups", ["csv"]).refs.length, list({ groups: ids(100_001) }, "groups", ["csv"])], [100_000, {
            ...none, undetermined: [{ undetermined: "invalid", path: "groups", reason: "groups has 100001 IDs, more than the 100000 a policy reads" }],
        }]);
    });

    it("an empty item names nothing known: it counts as an item not known yet", () => {
        assert.deepStrictEqual(list({ groups: ["", "sg-a"] }, "groups"), { ...none, refs: [stack("urn:a")], unresolved: 1, undetermined: [unknownAt("groups")], hasItems: true });
    });

    it("one unknown item and two targets among its dependencies: it names one of them, the first", () => {
        assert.deepStrictEqual(list({ groups: [UNKNOWN] }, "groups", [], { groups: ["urn:a", "urn:b"] }), { ...none, refs: [stack("urn:a")], hasItems: true });
    });

    it("the undetermined path is the first field that is present", () => {
        const r = res("user", { second: [UNKNOWN] });
        assert.deepStrictEqual(linkList(r, [child(r.root, "first"), child(r.root, "second")], ["first", "second"], targets, true).undetermined, [unknownAt("second")]);
    });

    it("a stand-in named by its ID and again through a dependency keeps the ID", () => {
        const withStandIn = new Targets().addStandIn(res("main", { defaultSecurityGroupId: "sg-def" }, {}, TYPE.vpc), "defaultSecurityGroupId", undefined);
        const r = res("user", { groups: ["sg-def", UNKNOWN] }, { groups: ["urn:main"] });
        assert.deepStrictEqual(linkList(r, [child(r.root, "groups")], ["groups"], withStandIn, true).standIns, [{ urn: "urn:main", id: "sg-def" }]);
    });
});

describe("graph/links: mayHold", () => {
    const holds = (value: unknown, ids: string[]) => mayHold(res("user", { input: value }), "input", ids);

    it("an empty ID is no ID: a known value without the others does not hold it", () => {
        assert.deepStrictEqual([holds("sg-other", ["", "sg-1"]), holds("x-sg-1", ["", "sg-1"])], [false, true]);
    });

    it("reads 10,000 values: an input of 10,000 (its root and 9,999 items) is read to the end, one more may hold anything", () => {
        const items = (n: number) => new Array(n).fill("x");
        const keys = (n: number) => Object.fromEntries(items(n).map((x, i) => [`k${i}`, x]));
        assert.deepStrictEqual([holds(items(9_999), ["sg-1"]), holds(items(10_000), ["sg-1"]), holds(keys(9_999), ["sg-1"]), holds(keys(10_000), ["sg-1"])],
            [false, true, false, true]);
    });
});
