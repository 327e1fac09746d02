/**
 * Property: the per-port world decision of model/world.ts agrees with a brute-force reference over
 * small random rule sets. Blocks are IPv4 blocks of prefix 0-3, so that the eight /3 cells are a
 * complete sample of addresses; ports lie in 20-27, and the sample holds every port from 19 to 28
 * and both ends of the range; protocols are TCP, UDP, ICMP, 47 and all. In the stack view some rules
 * name a prefix list instead of a CIDR, and admit the list's blocks.
 */
import * as assert from "assert";
import fc from "fast-check";
import { normaliseRules, SgRule } from "../../policies/model/sg-rules";
import { PeerBlock, WorldExposure, worldExposures } from "../../policies/model/world";
import { interval } from "../../policies/net/intervals";
import { ALL_TRAFFIC, NO_TRAFFIC, TrafficSet } from "../../policies/net/traffic";
import { TYPE } from "../util/types";

const RUNS = { numRuns: 400 };

interface Spec {
    readonly resource: number;
    readonly prefix: number;
    readonly cell: number;
    readonly protocol: "tcp" | "udp" | "icmp" | "47" | "-1";
    readonly from: number;
    readonly to: number;
}

type Point = { axis: "tcp" | "udp"; port: number } | { axis: "other"; number: number };

const specArb: fc.Arbitrary<Spec> = fc.record({
    resource: fc.integer({ min: 0, max: 2 }),
    prefix: fc.integer({ min: 0, max: 3 }),
    cell: fc.nat(7),
    protocol: fc.constantFrom("tcp" as const, "tcp" as const, "udp" as const, "icmp" as const, "47" as const, "-1" as const),
    from: fc.integer({ min: 20, max: 27 }),
    to: fc.integer({ min: 20, max: 27 }),
});

/** Within: everything, admin-like TCP ports, or a TCP/UDP/protocol mix. */
const withinArb: fc.Arbitrary<TrafficSet> = fc.constantFrom(
    ALL_TRAFFIC,
    { ...NO_TRAFFIC, tcp: [interval(22, 22), interval(25, 26)] },
    { tcp: [interval(0, 21), interval(24, 65535)], udp: [interval(23, 23)], other: [interval(47, 47)] },
);

function blockOf(s: Spec): { text: string; lo: number; hi: number } {
    const size = 8 >> s.prefix; // cells of /3 per block
    const lo = Math.floor(s.cell / size) * size;
    return { text: `${(lo * 32) % 256}.0.0.0/${s.prefix}`, lo, hi: lo + size - 1 };
}

function toRule(s: Spec): SgRule {
    const props = { ipProtocol: s.protocol, fromPort: Math.min(s.from, s.to), toPort: Math.max(s.from, s.to), cidrIpv4: blockOf(s).text, securityGroupId: "sg-1" };
    const name = `r${s.resource}`;
    const set = normaliseRules({ urn: `urn:pulumi:test::test::${TYPE.vpcIngress}::${name}`, name, type: TYPE.vpcIngress, props });
    assert.ok(set && set.rules.length === 1);
    return set.rules[0];
}

const POINTS: Point[] = [
    ...[0, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 65535].flatMap((port): Point[] => [{ axis: "tcp", port }, { axis: "udp", port }]),
    { axis: "other", number: 1 }, { axis: "other", number: 47 }, { axis: "other", number: 50 },
];

/** Brute force: does the written rule allow the point? */
function allows(s: Spec, p: Point): boolean {
    const lo = Math.min(s.from, s.to);
    const hi = Math.max(s.from, s.to);
    switch (s.protocol) {
        case "-1":
            return true;
        case "tcp":
        case "udp":
            return p.axis === s.protocol && lo <= p.port && p.port <= hi;
        case "icmp":
            return p.axis === "other" && p.number === 1;
        case "47":
            return p.axis === "other" && p.number === 47;
    }
}

function inSet(t: TrafficSet, p: Point): boolean {
    const v = BigInt(p.axis === "other" ? p.number : p.port);
    return t[p.axis].some((i) => i.lo <= v && v <= i.hi);
}

/** Brute force: do the blocks of these rules cover all eight cells? */
function coverAll(specs: Spec[]): boolean {
    return Array.from({ length: 8 }, (_, c) => c).every((c) => specs.some((s) => blockOf(s).lo <= c && c <= blockOf(s).hi));
}

function exposed(exposures: WorldExposure[], p: Point): boolean {
    return exposures.some((e) => inSet(e.traffic, p));
}

/** A rule of a resource that names a prefix list holding these blocks (as specs: prefix and cell). */
interface ListSpec extends Spec {
    readonly list: { prefix: number; cell: number }[];
}

const listSpecArb: fc.Arbitrary<ListSpec> = fc.record({
    resource: fc.integer({ min: 0, max: 2 }),
    prefix: fc.constant(0),
    cell: fc.constant(0),
    protocol: fc.constantFrom("tcp" as const, "udp" as const, "-1" as const),
    from: fc.integer({ min: 20, max: 27 }),
    to: fc.integer({ min: 20, max: 27 }),
    list: fc.array(fc.record({ prefix: fc.integer({ min: 0, max: 3 }), cell: fc.nat(7) }), { minLength: 0, maxLength: 3 }),
});

/** The rule of a list spec: a vpc rule whose peer is the prefix list `pl-<index>`. */
function toListRule(s: ListSpec, index: number): SgRule {
    const props = { ipProtocol: s.protocol, fromPort: Math.min(s.from, s.to), toPort: Math.max(s.from, s.to), prefixListId: `pl-${index}`, securityGroupId: "sg-1" };
    const name = `r${s.resource}`;
    const set = normaliseRules({ urn: `urn:pulumi:test::test::${TYPE.vpcIngress}::${name}`, name, type: TYPE.vpcIngress, props });
    assert.ok(set && set.rules.length === 1);
    return set.rules[0];
}

/** The cells a spec's blocks hold: its CIDR's, or its list's. */
function cellsOf(s: Spec | ListSpec): number[] {
    const blocks = "list" in s ? s.list.map((b) => blockOf({ ...s, ...b })) : [blockOf(s)];
    return blocks.flatMap((b) => Array.from({ length: b.hi - b.lo + 1 }, (_, i) => b.lo + i));
}

describe("model/world: the per-port world decision against a brute-force reference (fast-check)", () => {
    const specsArb = fc.array(specArb, { minLength: 1, maxLength: 6 });

    it("a point of traffic is exposed exactly when the blocks of the rules that allow it cover every address", () => {
        fc.assert(fc.property(specsArb, withinArb, (specs, within) => {
            const found = worldExposures(specs.map(toRule), { within });
            for (const p of POINTS) {
                const expected = inSet(within, p) && coverAll(specs.filter((s) => allows(s, p)));
                assert.strictEqual(exposed(found, p), expected, JSON.stringify(p));
            }
        }), RUNS);
    });

    it("each exposure's rules allow all of its traffic, cover every address together, and none of them can be left out", () => {
        fc.assert(fc.property(specsArb, withinArb, (specs, within) => {
            const rules = specs.map(toRule);
            for (const e of worldExposures(rules, { within })) {
                const used = e.rules.map((r) => specs[rules.indexOf(r)]);
                assert.ok(coverAll(used));
                used.forEach((_, i) => assert.ok(!coverAll(used.filter((__, j) => j !== i)), `rule ${i} of ${e.rules.length} is not needed`));
                for (const p of POINTS.filter((x) => inSet(e.traffic, x))) {
                    assert.ok(inSet(within, p) && used.every((s) => allows(s, p)), JSON.stringify(p));
                }
            }
        }), RUNS);
    });

    it("across resources: a point is reported exactly when the rules cover it together but no single resource's rules do", () => {
        fc.assert(fc.property(specsArb, withinArb, (specs, within) => {
            const found = worldExposures(specs.map(toRule), { within, acrossResources: true });
            for (const p of POINTS) {
                const reaching = specs.filter((s) => allows(s, p));
                const single = [0, 1, 2].some((r) => coverAll(reaching.filter((s) => s.resource === r)));
                const expected = inSet(within, p) && coverAll(reaching) && !single;
                assert.strictEqual(exposed(found, p), expected, JSON.stringify(p));
            }
            for (const e of found) {
                assert.ok(new Set(e.rules.map((r) => r.origin.urn)).size > 1, "an exposure across resources spans resources");
            }
        }), RUNS);
    });
    it("across resources with prefix lists: a point is reported exactly when the blocks of the rules and lists that allow it cover " +
        "every address and no single resource's CIDRs do; each exposure's blocks are needed and allow all its traffic", () => {
        const mixedArb = fc.array(fc.oneof(specArb, listSpecArb), { minLength: 1, maxLength: 6 });
        fc.assert(fc.property(mixedArb, withinArb, (specs, within) => {
            const rules = specs.map((s, i) => ("list" in s ? toListRule(s, i) : toRule(s)));
            const peerBlocks = (r: SgRule): PeerBlock[] | undefined => {
                const s = specs[rules.indexOf(r)];
                return "list" in s ? s.list.map((b) => {
                    const block = blockOf({ ...s, ...b });
                    return { family: 4, range: { lo: BigInt(block.lo) << 29n, hi: ((BigInt(block.hi) + 1n) << 29n) - 1n }, text: block.text, peer: `pl-${rules.indexOf(r)}` };
                }) : undefined;
            };
            const found = worldExposures(rules, { within, acrossResources: true, peerBlocks });
            const covered = (cells: number[]) => Array.from({ length: 8 }, (_, c) => c).every((c) => cells.includes(c));
            for (const p of POINTS) {
                const reaching = specs.filter((s) => allows(s, p));
                const single = [0, 1, 2].some((res) => covered(reaching.filter((s) => s.resource === res && !("list" in s)).flatMap(cellsOf)));
                const expected = inSet(within, p) && covered(reaching.flatMap(cellsOf)) && !single;
                assert.strictEqual(exposed(found, p), expected, JSON.stringify(p));
            }
            for (const e of found) {
                const cells = e.blocks.map((b) => {
                    const s = specs[rules.indexOf(b.rule)];
                    if (!b.via) {
                        return cellsOf(s);
                    }
                    const lo = Number(b.via.range.lo >> 29n);
                    return Array.from({ length: Number(b.via.range.hi >> 29n) - lo + 1 }, (_, i) => lo + i);
                });
                assert.ok(covered(cells.flat()), "the blocks cover every address");
                cells.forEach((_, i) => assert.ok(!covered(cells.filter((__, j) => j !== i).flat()), `block ${i} of ${cells.length} is not needed`));
                for (const p of POINTS.filter((x) => inSet(e.traffic, x))) {
                    assert.ok(e.blocks.every((b) => allows(specs[rules.indexOf(b.rule)], p)), JSON.stringify(p));
                }
            }
        }), RUNS);
    });
});
