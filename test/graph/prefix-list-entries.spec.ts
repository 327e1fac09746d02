/**
 * StackModel.prefixListEntries: a prefix list's blocks with the aws.ec2.ManagedPrefixListEntry
 * resources that name it, linked by a known ID (update) and by the dependency of prefixListId
 * alone (first preview), with the same result both ways.
 */
import * as assert from "assert";
import { PrefixListEntries } from "../../policies/model/prefix-lists";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";

const list = (name: string, id: string | undefined, entries: string[]): TestResource =>
    ({ type: TYPES.prefixList, name, props: { ...(id ? { id } : {}), addressFamily: "IPv4", maxEntries: 5, entries: entries.map((cidr) => ({ cidr })) } });
const entry = (name: string, prefixListId: string, cidr: string, deps?: string[]): TestResource =>
    ({ type: TYPES.prefixListEntry, name, props: { prefixListId, cidr }, ...(deps ? { propertyDependencies: { prefixListId: deps } } : {}) });

/** Each list's blocks: [entry resource name, CIDR] and the names of the entry resources that may add to it. */
function blocks(resources: TestResource[], lists: string[]): Record<string, unknown> {
    const model = stackModel(resources);
    const text = (e: PrefixListEntries["entries"][number]) => [e.resource.name, "text" in e.cidr ? e.cidr.text : e.cidr.reason];
    return Object.fromEntries(lists.map((name) => {
        const got = model.prefixListEntries(urnOf({ type: TYPES.prefixList, name }));
        return [name, { entries: got.entries.map(text), maybe: got.maybe.map((m) => [m.resource.name, m.why.why.reason]) }];
    }));
}

describe("graph/stack: the entries of a prefix list of the stack", () => {
    const expected = {
        a: { entries: [["a", "0.0.0.0/1"], ["upper", "128.0.0.0/1"]], maybe: [] },
        b: { entries: [["b", "10.0.0.0/8"]], maybe: [] },
    };
    it("links an entry resource by its known prefixListId (update)", () =>
        assert.deepStrictEqual(blocks([list("a", "pl-a", ["0.0.0.0/1"]), list("b", "pl-b", ["10.0.0.0/8"]), entry("upper", "pl-a", "128.0.0.0/1")], ["a", "b"]), expected));
    it("links an entry resource by the dependency of its prefixListId alone (first preview)", () =>
        assert.deepStrictEqual(blocks([list("a", undefined, ["0.0.0.0/1"]), list("b", undefined, ["10.0.0.0/8"]), entry("upper", UNKNOWN, "128.0.0.0/1", ["a"])], ["a", "b"]), expected));
    it("links by the known ID when the dependencies say it too (an update as the engine sends it)", () =>
        assert.deepStrictEqual(blocks([list("a", "pl-a", ["0.0.0.0/1"]), list("b", "pl-b", ["10.0.0.0/8"]), entry("upper", "pl-a", "128.0.0.0/1", ["a"])], ["a", "b"]), expected));
    it("an entry resource of a list outside the stack belongs to none of the stack's lists", () =>
        assert.deepStrictEqual(blocks([list("a", "pl-a", ["0.0.0.0/1"]), entry("upper", "pl-0aws", "128.0.0.0/1")], ["a"]), { a: { entries: [["a", "0.0.0.0/1"]], maybe: [] } }));
    it("an entry resource whose prefixListId is not known and depends on no list belongs to none", () =>
        assert.deepStrictEqual(blocks([list("a", undefined, ["0.0.0.0/1"]), entry("upper", UNKNOWN, "128.0.0.0/1")], ["a"]), { a: { entries: [["a", "0.0.0.0/1"]], maybe: [] } }));
    it("a security-group rule that names the list by prefixListId is not an entry of it", () =>
        assert.deepStrictEqual(blocks([list("a", "pl-a", ["0.0.0.0/1"]), entry("upper", "pl-a", "128.0.0.0/1"),
            { type: TYPES.vpcIngress, name: "https", props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-a" } }], ["a"]),
        { a: { entries: [["a", "0.0.0.0/1"], ["upper", "128.0.0.0/1"]], maybe: [] } }));
    it("an entry resource whose prefixListId is invalid may add to the list it depends on, with that reason", () =>
        assert.deepStrictEqual(blocks([list("a", undefined, ["0.0.0.0/1"]), entry("upper", 42 as unknown as string, "128.0.0.0/1", ["a"])], ["a"]),
            { a: { entries: [["a", "0.0.0.0/1"]], maybe: [["upper", "prefixListId should be a string, got 42"]] } }));
    it("an entry resource whose prefixListId is empty may add to the list it depends on, the empty ID as the reason", () =>
        assert.deepStrictEqual(blocks([list("a", undefined, ["0.0.0.0/1"]), entry("upper", "", "128.0.0.0/1", ["a"])], ["a"]),
            { a: { entries: [["a", "0.0.0.0/1"]], maybe: [["upper", "prefixListId is empty"]] } }));
    it("an entry resource that depends on two lists may add to either, with the reason", () => {
        const reason = "prefixListId is not known until the resource is created";
        assert.deepStrictEqual(blocks([list("a", undefined, ["0.0.0.0/1"]), list("b", undefined, ["10.0.0.0/8"]), entry("upper", UNKNOWN, "128.0.0.0/1", ["a", "b"])], ["a", "b"]), {
            a: { entries: [["a", "0.0.0.0/1"]], maybe: [["upper", reason]] },
            b: { entries: [["b", "10.0.0.0/8"]], maybe: [["upper", reason]] },
        });
    });
});
