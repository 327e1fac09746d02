/**
 * uniqueKeys: every resource of a stack gets a key of its own, even when a broken or hostile input
 * sends two resources with one URN.
 */
import * as assert from "assert";
import { Keys, uniqueKeys } from "../../policies/graph/keys";
import { StackResource, stackResource } from "../../policies/graph/resource";
import { TYPE } from "../util/types";

const res = (urn: string, dependencies: string[] = [], propertyDependencies: Record<string, string[]> = {}): StackResource =>
    stackResource({ urn, name: urn, type: TYPE.sg, props: {}, dependencies, propertyDependencies });

/** Each resource's key and dependencies, the key -> URN map, and keysOf for the URNs asked about. */
function view(k: Keys, ask: string[]): unknown {
    return {
        resources: k.resources.map((r) => [r.urn, r.dependencies, r.propertyDependencies]),
        urnOf: [...k.urnOf],
        keysOf: ask.map((u) => [u, k.keysOf(u)]),
    };
}

describe("graph/keys: a key of its own for every resource", () => {
    it("distinct URNs are the keys", () => assert.deepStrictEqual(view(uniqueKeys([res("a", ["b", "ext"]), res("b")]), ["a", "b", "ext"]), {
        resources: [["a", ["b", "ext"], {}], ["b", [], {}]],
        urnOf: [],
        keysOf: [["a", ["a"]], ["b", ["b"]], ["ext", []]],
    }));

    it("distinct URNs: the resources are taken as they are, not copied (a stack of 100,000 resources is read once)", () => {
        const input = [res("a", ["b"]), res("b")];
        assert.strictEqual(uniqueKeys(input).resources, input);
    });

    it("the first copy of a URN keeps it, the later ones get #2, #3, ...", () => assert.deepStrictEqual(view(uniqueKeys([res("a"), res("a"), res("a")]), ["a"]), {
        resources: [["a", [], {}], ["a#2", [], {}], ["a#3", [], {}]],
        urnOf: [["a#2", "a"], ["a#3", "a"]],
        keysOf: [["a", ["a", "a#2", "a#3"]]],
    }));

    it("a copy never takes a key that is another resource's URN", () => assert.deepStrictEqual(view(uniqueKeys([res("a"), res("a"), res("a#2")]), ["a", "a#2"]), {
        resources: [["a", [], {}], ["a#3", [], {}], ["a#2", [], {}]],
        urnOf: [["a#3", "a"]],
        keysOf: [["a", ["a", "a#3"]], ["a#2", ["a#2"]]],
    }));

    it("a dependency on a duplicated URN leads to every copy; others are kept as they are", () =>
        assert.deepStrictEqual(view(uniqueKeys([res("a"), res("a"), res("r", ["a", "ext"], { securityGroupId: ["a"], vpcId: ["ext"] })]), ["ext", "nothing"]), {
            resources: [["a", [], {}], ["a#2", [], {}], ["r", ["a", "a#2", "ext"], { securityGroupId: ["a", "a#2"], vpcId: ["ext"] }]],
            urnOf: [["a#2", "a"]],
            keysOf: [["ext", []], ["nothing", []]],
        }));
});
