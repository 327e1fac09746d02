/**
 * Property: the whole internet reaching admin ports through a network ACL (nacl/shared/world.ts) agrees
 * with a brute-force first-match evaluation over small random ACLs. Blocks are IPv4 blocks of
 * prefix 0-3, so that the eight /3 cells are a complete sample of addresses; ports lie in 20-27;
 * the admin ports are TCP 22 and TCP/UDP 24 and 26. An admin port is reached from the whole
 * internet exactly when the blocks of the allow entries that decide some of its traffic (first
 * match) cover every cell.
 */
import * as assert from "assert";
import fc from "fast-check";
import { directionEntries } from "../../policies/graph/nacl";
import { AdminPort, splitExposures, wholeFamilyExposures } from "../../policies/nacl/shared/world";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

interface Entry {
    readonly ruleNo: number;
    readonly action: "allow" | "deny";
    readonly protocol: "tcp" | "udp" | "-1";
    readonly from: number;
    readonly to: number;
    readonly prefix: number;
    readonly cell: number;
}

const entryArb = (ruleNo: number): fc.Arbitrary<Entry> => fc.record({
    ruleNo: fc.constant(ruleNo),
    action: fc.constantFrom("allow" as const, "allow" as const, "deny" as const),
    protocol: fc.constantFrom("tcp" as const, "tcp" as const, "udp" as const, "-1" as const),
    from: fc.integer({ min: 20, max: 27 }),
    to: fc.integer({ min: 20, max: 27 }),
    prefix: fc.integer({ min: 0, max: 3 }),
    cell: fc.nat(7),
});

/** Up to six entries with distinct rule numbers, in any order. */
const aclArb: fc.Arbitrary<Entry[]> = fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 6 })
    .chain((numbers) => fc.tuple(...numbers.map(entryArb)));

function cells(e: Entry): { lo: number; hi: number } {
    const size = 8 >> e.prefix;
    const lo = Math.floor(e.cell / size) * size;
    return { lo, hi: lo + size - 1 };
}

const lowPort = (e: Entry) => Math.min(e.from, e.to);
const highPort = (e: Entry) => Math.max(e.from, e.to);

const ADMIN: AdminPort[] = [
    { label: "SSH (TCP port 22)", protocol: "tcp", ports: { from: 22, to: 22 } },
    ...[24, 26].flatMap((port) => (["tcp", "udp"] as const).map((protocol): AdminPort => ({ label: `${protocol} ${port}`, protocol, ports: { from: port, to: port } }))),
];

/** Brute force: the allow entries that decide (protocol, port) for some cell, first match by rule number. */
function deciding(acl: Entry[], a: AdminPort): Entry[] {
    const port = a.ports.from;
    const ordered = [...acl].sort((x, y) => x.ruleNo - y.ruleNo);
    const out = new Set<Entry>();
    for (let c = 0; c < 8; c++) {
        const first = ordered.find((e) => (e.protocol === "-1" || e.protocol === a.protocol)
            && (e.protocol === "-1" || (lowPort(e) <= port && port <= highPort(e))) && cells(e).lo <= c && c <= cells(e).hi);
        if (first?.action === "allow") {
            out.add(first);
        }
    }
    return [...out];
}

const coverAll = (entries: Entry[]) => Array.from({ length: 8 }, (_, c) => c).every((c) => entries.some((e) => cells(e).lo <= c && c <= cells(e).hi));

function analyse(acl: Entry[]): { whole: ReturnType<typeof wholeFamilyExposures>; split: ReturnType<typeof splitExposures> } {
    const ingress = acl.map((e) => ({ ruleNo: e.ruleNo, action: e.action, protocol: e.protocol, fromPort: lowPort(e), toPort: highPort(e),
        cidrBlock: `${(cells(e).lo * 32) % 256}.0.0.0/${e.prefix}` }));
    const model = stackModel([{ type: TYPE.nacl, name: "acl", props: { vpcId: "vpc-1", ingress, egress: [] } }]);
    const view = directionEntries(model.naclGraph.nacls[0], false);
    return { whole: wholeFamilyExposures(view, ADMIN), split: splitExposures(view, ADMIN) };
}

describe("nacl/shared/world: admin ports reached from the whole internet, against a brute-force first-match evaluation (fast-check)", () => {
    it("an admin port is reported exactly when the blocks of the allow entries that decide some of its traffic cover every address", () => {
        fc.assert(fc.property(aclArb, (acl) => {
            const { whole, split } = analyse(acl);
            for (const a of ADMIN) {
                const expected = coverAll(deciding(acl, a));
                const reported = whole.some((w) => w.reached.includes(a))
                    || split.some((s) => s.reached.some((r) => r.admin === a && r.ports.some((i) => i.lo <= BigInt(a.ports.from) && BigInt(a.ports.from) <= i.hi)));
                assert.strictEqual(reported, expected, a.label);
            }
        }), { numRuns: 500 });
    });

    it("a split exposure's entries are no whole family, decide the ports it names, cover every address and are all needed; " +
        "and a port is never reported both ways", () => {
        fc.assert(fc.property(aclArb, (acl) => {
            const { whole, split } = analyse(acl);
            for (const s of split) {
                // Rule numbers are distinct: each names one written entry.
                const entries = s.entries.map((e) => acl.find((x) => x.ruleNo === e.ruleNumber) as Entry);
                assert.ok(entries.every((e) => e.prefix > 0), "no whole-family entry");
                assert.ok(coverAll(entries), "the entries cover every address");
                entries.forEach((_, i) => assert.ok(!coverAll(entries.filter((__, j) => j !== i)), `entry ${i} of ${entries.length} is not needed`));
                for (const { admin } of s.reached) {
                    const decide = deciding(acl, admin);
                    assert.ok(entries.every((e) => decide.includes(e)), `every entry decides ${admin.label}`);
                    assert.ok(!whole.some((w) => w.reached.includes(admin)), `${admin.label} is not reported both ways`);
                }
            }
        }), { numRuns: 500 });
    });
});
