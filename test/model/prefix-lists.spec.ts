import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { PrefixListEntries, prefixListEntries } from "../../policies/model/prefix-lists";
import { Undetermined } from "../../policies/model/values";
import { UNKNOWN } from "../util/run-policy";
import { TYPE } from "../util/types";

const res = (type: string, name: string, props: Record<string, unknown>) =>
    ({ urn: `urn:pulumi:test::test::${type}::${name}`, name, type, props: unknownCheckingProxy(props) });
const list = (props: Record<string, unknown>) => res(TYPE.prefixList, "pl", props);
const entry = (name: string, cidr: unknown) => res(TYPE.prefixListEntry, name, { prefixListId: "pl-1", cidr });

/** [resource name, path, CIDR text or the reason it is undetermined] of each entry; the family; the reasons of the rest. */
function brief(e: PrefixListEntries): unknown {
    const cidr = (c: PrefixListEntries["entries"][number]["cidr"]) => ("undetermined" in c ? `${c.undetermined}: ${c.reason}` : c.text);
    return {
        family: e.family,
        entries: e.entries.map((x) => [x.resource.name, x.path, cidr(x.cidr)]),
        maybe: e.maybe.map((x) => [x.resource.name, x.path, cidr(x.cidr), x.why.why.reason, x.why.resource.name]),
        more: e.more && [e.more.why.reason, e.more.resource.name],
    };
}

const why: Undetermined = { undetermined: "unknown", path: "prefixListId", reason: "prefixListId is not known until the resource is created" };

describe("model/prefix-lists: the blocks of a managed prefix list", () => {
    const cases: [string, ReturnType<typeof list>, ReturnType<typeof entry>[], ReturnType<typeof entry>[], unknown][] = [
        ["reads the inline entries in order, with their paths", list({ addressFamily: "IPv4", entries: [{ cidr: "10.0.0.0/8" }, { cidr: "0.0.0.0/0", description: "d" }] }), [], [],
            { family: 4, entries: [["pl", "entries[0].cidr", "10.0.0.0/8"], ["pl", "entries[1].cidr", "0.0.0.0/0"]], maybe: [], more: undefined }],
        ["no entries at all: none", list({ addressFamily: "IPv6" }), [], [], { family: 6, entries: [], maybe: [], more: undefined }],
        ["the entries of linked entry resources come after the list's own", list({ addressFamily: "IPv4", entries: [{ cidr: "0.0.0.0/1" }] }),
            [entry("upper", "128.0.0.0/1")], [],
            { family: 4, entries: [["pl", "entries[0].cidr", "0.0.0.0/1"], ["upper", "cidr", "128.0.0.0/1"]], maybe: [], more: undefined }],
        ["a deployed list repeats its entry resources' blocks: each counts once, as the entry resource's (any spelling)",
            list({ addressFamily: "IPv4", entries: [{ cidr: "0.0.0.0/1" }, { cidr: "128.0.0.1/1" }] }), [entry("upper", "128.0.0.0/1")], [],
            { family: 4, entries: [["pl", "entries[0].cidr", "0.0.0.0/1"], ["upper", "cidr", "128.0.0.0/1"]], maybe: [], more: undefined }],
        ["a list's own block that starts where an entry resource's does but is smaller is a block of its own",
            list({ addressFamily: "IPv4", entries: [{ cidr: "10.0.0.0/16" }] }), [entry("wide", "10.0.0.0/8")], [],
            { family: 4, entries: [["pl", "entries[0].cidr", "10.0.0.0/16"], ["wide", "cidr", "10.0.0.0/8"]], maybe: [], more: undefined }],
        ["a list's own block that ends where an entry resource's does but is smaller is a block of its own",
            list({ addressFamily: "IPv4", entries: [{ cidr: "10.0.255.0/24" }] }), [entry("wide", "10.0.0.0/16")], [],
            { family: 4, entries: [["pl", "entries[0].cidr", "10.0.255.0/24"], ["wide", "cidr", "10.0.0.0/16"]], maybe: [], more: undefined }],
        ["an IPv6 block with the same numbers as an entry resource's IPv4 block is a block of its own (family not known yet)",
            list({ addressFamily: UNKNOWN, entries: [{ cidr: "::/96" }] }), [entry("all-v4", "0.0.0.0/0")], [],
            { family: { undetermined: "unknown", path: "addressFamily", reason: "addressFamily is not known until the resource is created" },
                entries: [["pl", "entries[0].cidr", "::/96"], ["all-v4", "cidr", "0.0.0.0/0"]], maybe: [], more: undefined }],
        ["entries not known yet: the list may hold more", list({ addressFamily: "IPv4", entries: UNKNOWN }), [entry("upper", "128.0.0.0/1")], [],
            { family: 4, entries: [["upper", "cidr", "128.0.0.0/1"]], maybe: [], more: ["entries is not known until the resource is created", "pl"] }],
        ["an entry's CIDR not known yet, on the list and on an entry resource", list({ addressFamily: "IPv4", entries: [{ cidr: UNKNOWN }] }), [entry("upper", UNKNOWN)], [],
            { family: 4, entries: [["pl", "entries[0].cidr", "unknown: entries[0].cidr is not known until the resource is created"],
                ["upper", "cidr", "unknown: cidr is not known until the resource is created"]], maybe: [], more: undefined }],
        ["a CIDR of the other family than the list's is invalid", list({ addressFamily: "IPv4", entries: [{ cidr: "::/0" }] }), [], [],
            { family: 4, entries: [["pl", "entries[0].cidr", "invalid: invalid IPv4 CIDR '::/0' in entries[0].cidr"]], maybe: [], more: undefined }],
        ["an entry without a CIDR is invalid", list({ addressFamily: "IPv4", entries: [{ description: "no block" }] }), [], [],
            { family: 4, entries: [["pl", "entries[0].cidr", "invalid: entries[0].cidr is empty: a CIDR block is needed"]], maybe: [], more: undefined }],
        ["an address family not known yet: CIDRs of either family are read", list({ addressFamily: UNKNOWN, entries: [{ cidr: "::/0" }] }), [], [],
            { family: { undetermined: "unknown", path: "addressFamily", reason: "addressFamily is not known until the resource is created" },
                entries: [["pl", "entries[0].cidr", "::/0"]], maybe: [], more: undefined }],
        ["an address family that is neither IPv4 nor IPv6 is invalid", list({ addressFamily: "IPv5" }), [], [],
            { family: { undetermined: "invalid", path: "addressFamily", reason: "addressFamily should be 'IPv4' or 'IPv6', got 'IPv5'" },
                entries: [], maybe: [], more: undefined }],
        ["an address family not set is invalid", list({ entries: [] }), [], [],
            { family: { undetermined: "invalid", path: "addressFamily", reason: "addressFamily should be 'IPv4' or 'IPv6', got nothing" },
                entries: [], maybe: [], more: undefined }],
        ["an IPv4 block in an IPv6 list is invalid", list({ addressFamily: "IPv6", entries: [{ cidr: "0.0.0.0/0" }] }), [], [],
            { family: 6, entries: [["pl", "entries[0].cidr", "invalid: invalid IPv6 CIDR '0.0.0.0/0' in entries[0].cidr"]], maybe: [], more: undefined }],
        ["a block of neither family, in a list whose family is not known yet, is invalid", list({ addressFamily: UNKNOWN, entries: [{ cidr: "10.0.0.0/33" }] }), [], [],
            { family: { undetermined: "unknown", path: "addressFamily", reason: "addressFamily is not known until the resource is created" },
                entries: [["pl", "entries[0].cidr", "invalid: invalid CIDR '10.0.0.0/33' in entries[0].cidr"]], maybe: [], more: undefined }],
        ["entry resources that may belong to the list come with the reason", list({ addressFamily: "IPv4", entries: [] }), [], [entry("maybe", "128.0.0.0/1")],
            { family: 4, entries: [], maybe: [["maybe", "cidr", "128.0.0.0/1", why.reason, "maybe"]], more: undefined }],
    ];
    for (const [name, l, linked, maybe, expected] of cases) {
        it(name, () => assert.deepStrictEqual(brief(prefixListEntries(l, linked, maybe.map((resource) => ({ resource, why })))), expected));
    }
});
