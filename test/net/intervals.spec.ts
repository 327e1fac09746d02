import * as assert from "assert";
import fc from "fast-check";
import { Family, parseCidr } from "../../policies/net/cidr";
import { Interval, IntervalSet, covers, intersect, interval, normalise, overlaps, size, subtract, union } from "../../policies/net/intervals";
import { coversFamily } from "../util/address-sets";

const iv = (lo: number | bigint, hi: number | bigint): Interval => ({ lo: BigInt(lo), hi: BigInt(hi) });

/** Moderate: the property tests of this file together run in well under a second. */
const RUNS = { numRuns: 300 };

describe("net/intervals", () => {
    describe("interval", () => {
        it("builds a bigint interval from numbers", () => assert.deepStrictEqual(interval(1, 5), iv(1, 5)));
        it("builds a single-point interval", () => assert.deepStrictEqual(interval(7n, 7n), iv(7, 7)));
        it("rejects an empty interval 5..4", () => assert.throws(() => interval(5, 4), { name: "RangeError", message: "empty interval 5..4" }));
    });

    describe("normalise", () => {
        const cases: [string, Interval[], IntervalSet][] = [
            ["returns [] for no intervals", [], []],
            ["sorts disjoint intervals", [iv(10, 12), iv(1, 2)], [iv(1, 2), iv(10, 12)]],
            ["merges overlapping intervals", [iv(1, 5), iv(3, 8)], [iv(1, 8)]],
            ["merges adjacent intervals 1-2 and 3-4", [iv(3, 4), iv(1, 2)], [iv(1, 4)]],
            ["keeps 1-2 and 4-5 apart (a gap of one point)", [iv(1, 2), iv(4, 5)], [iv(1, 2), iv(4, 5)]],
            ["absorbs a nested interval", [iv(0, 10), iv(2, 3)], [iv(0, 10)]],
            ["absorbs a nested interval listed first", [iv(2, 3), iv(0, 10)], [iv(0, 10)]],
            ["merges duplicates", [iv(4, 4), iv(4, 4)], [iv(4, 4)]],
            ["keeps a long interval's end when a later one starts inside it", [iv(0, 10), iv(1, 2), iv(3, 4), iv(12, 13)], [iv(0, 10), iv(12, 13)]],
            ["merges at the top of the IPv6 space", [iv((1n << 128n) - 2n, (1n << 128n) - 1n), iv(0n, (1n << 128n) - 3n)], [iv(0n, (1n << 128n) - 1n)]],
        ];
        for (const [name, input, expected] of cases) {
            it(name, () => assert.deepStrictEqual(normalise(input), expected));
        }
        it("does not reorder its input", () => {
            const input = [iv(5, 6), iv(1, 2)];
            normalise(input);
            assert.deepStrictEqual(input, [iv(5, 6), iv(1, 2)]);
        });
    });

    describe("union", () => {
        const cases: [string, IntervalSet, IntervalSet, IntervalSet][] = [
            ["joins adjacent sets", [iv(0, 4)], [iv(5, 9)], [iv(0, 9)]],
            ["keeps separate sets apart", [iv(0, 1)], [iv(5, 9)], [iv(0, 1), iv(5, 9)]],
            ["fills a gap", [iv(0, 1), iv(5, 9)], [iv(2, 4)], [iv(0, 9)]],
            ["with the empty set is the same set", [iv(3, 4)], [], [iv(3, 4)]],
        ];
        for (const [name, a, b, expected] of cases) {
            it(name, () => assert.deepStrictEqual(union(a, b), expected));
        }
    });

    describe("subtract", () => {
        const cases: [string, IntervalSet, IntervalSet, IntervalSet][] = [
            ["cuts a hole in the middle", [iv(0, 10)], [iv(3, 4)], [iv(0, 2), iv(5, 10)]],
            ["cuts off the low end", [iv(0, 10)], [iv(0, 4)], [iv(5, 10)]],
            ["cuts off the high end", [iv(0, 10)], [iv(8, 12)], [iv(0, 7)]],
            ["removes everything", [iv(3, 5)], [iv(0, 10)], []],
            ["removes nothing when disjoint", [iv(3, 5)], [iv(6, 10)], [iv(3, 5)]],
            ["removes single points at both ends", [iv(0, 10)], [iv(0, 0), iv(10, 10)], [iv(1, 9)]],
            ["applies one subtrahend across two intervals", [iv(0, 3), iv(6, 9)], [iv(2, 7)], [iv(0, 1), iv(8, 9)]],
            ["applies several subtrahends to one interval", [iv(0, 20)], [iv(2, 3), iv(6, 7), iv(19, 25)], [iv(0, 1), iv(4, 5), iv(8, 18)]],
            ["from the empty set is empty", [], [iv(1, 2)], []],
            ["of the empty set changes nothing", [iv(1, 2)], [], [iv(1, 2)]],
        ];
        for (const [name, a, b, expected] of cases) {
            it(name, () => assert.deepStrictEqual(subtract(a, b), expected));
        }
    });

    describe("intersect", () => {
        const cases: [string, IntervalSet, IntervalSet, IntervalSet][] = [
            ["keeps the common part", [iv(0, 10)], [iv(5, 15)], [iv(5, 10)]],
            ["keeps a single shared point", [iv(0, 5)], [iv(5, 9)], [iv(5, 5)]],
            ["is empty for adjacent sets", [iv(0, 4)], [iv(5, 9)], []],
            ["splits over several intervals", [iv(0, 20)], [iv(1, 2), iv(5, 6), iv(20, 30)], [iv(1, 2), iv(5, 6), iv(20, 20)]],
            ["with the empty set is empty", [iv(0, 20)], [], []],
        ];
        for (const [name, a, b, expected] of cases) {
            it(name, () => assert.deepStrictEqual(intersect(a, b), expected));
        }
    });

    describe("covers, overlaps and size", () => {
        const coverCases: [string, IntervalSet, IntervalSet, boolean][] = [
            ["a set covers a subset", [iv(0, 10)], [iv(2, 3), iv(9, 10)], true],
            ["a set with a gap does not cover across the gap", [iv(0, 4), iv(6, 10)], [iv(3, 7)], false],
            ["merged halves cover the whole", normalise([iv(0, 4), iv(5, 10)]), [iv(0, 10)], true],
            ["a set misses one point past its end", [iv(0, 10)], [iv(0, 11)], false],
            ["anything covers the empty set", [], [], true],
            ["the empty set does not cover a point", [], [iv(0, 0)], false],
        ];
        for (const [name, outer, inner, expected] of coverCases) {
            it(name, () => assert.strictEqual(covers(outer, inner), expected));
        }
        it("overlaps sets that share one point", () => assert.strictEqual(overlaps([iv(0, 5)], [iv(5, 6)]), true));
        it("does not overlap adjacent sets", () => assert.strictEqual(overlaps([iv(0, 4)], [iv(5, 6)]), false));
        it("sizes a set by its points", () => assert.strictEqual(size([iv(0, 4), iv(10, 10)]), 6n));
        it("sizes the whole IPv6 space as 2^128", () => assert.strictEqual(size([iv(0n, (1n << 128n) - 1n)]), 1n << 128n));
        it("sizes the empty set as 0", () => assert.strictEqual(size([]), 0n));
    });

    describe("properties against a brute-force set model", () => {
        const N = 64;
        // The same algebra must hold at the bottom of the space and at the very top of IPv6.
        for (const offset of [0n, (1n << 128n) - BigInt(N)]) {
            const label = offset === 0n ? "points 0..63" : "the top 64 addresses of IPv6";
            const arbInterval = fc.tuple(fc.integer({ min: 0, max: N - 1 }), fc.integer({ min: 0, max: N - 1 }))
                .map(([a, b]): Interval => ({ lo: offset + BigInt(Math.min(a, b)), hi: offset + BigInt(Math.max(a, b)) }));
            const arbList = fc.array(arbInterval, { maxLength: 8 });

            const points = (items: readonly Interval[]): boolean[] => {
                const bits = new Array<boolean>(N).fill(false);
                for (const it of items) {
                    for (let p = Number(it.lo - offset); p <= Number(it.hi - offset); p++) {
                        bits[p] = true;
                    }
                }
                return bits;
            };
            const combine = (a: boolean[], b: boolean[], op: (x: boolean, y: boolean) => boolean) => a.map((x, i) => op(x, b[i]));
            /** The unique normalised set with these points, built point by point. */
            const canonical = (bits: boolean[]): Interval[] => {
                const out: Interval[] = [];
                for (let p = 0; p < N; p++) {
                    if (bits[p] && (p === 0 || !bits[p - 1])) {
                        let q = p;
                        while (q + 1 < N && bits[q + 1]) {
                            q++;
                        }
                        out.push({ lo: offset + BigInt(p), hi: offset + BigInt(q) });
                    }
                }
                return out;
            };

            it(`normalise gives the canonical set of the same points (${label})`, () => {
                fc.assert(fc.property(arbList, (a) => {
                    assert.deepStrictEqual(normalise(a), canonical(points(a)));
                }), RUNS);
            });
            it(`union equals the brute-force union (${label})`, () => {
                fc.assert(fc.property(arbList, arbList, (a, b) => {
                    const expected = canonical(combine(points(a), points(b), (x, y) => x || y));
                    assert.deepStrictEqual(union(normalise(a), normalise(b)), expected);
                }), RUNS);
            });
            it(`subtract equals the brute-force difference (${label})`, () => {
                fc.assert(fc.property(arbList, arbList, (a, b) => {
                    const expected = canonical(combine(points(a), points(b), (x, y) => x && !y));
                    assert.deepStrictEqual(subtract(normalise(a), normalise(b)), expected);
                }), RUNS);
            });
            it(`intersect equals the brute-force intersection (${label})`, () => {
                fc.assert(fc.property(arbList, arbList, (a, b) => {
                    const expected = canonical(combine(points(a), points(b), (x, y) => x && y));
                    assert.deepStrictEqual(intersect(normalise(a), normalise(b)), expected);
                }), RUNS);
            });
            it(`covers, overlaps and size agree with the brute force (${label})`, () => {
                fc.assert(fc.property(arbList, arbList, (a, b) => {
                    const pa = points(a);
                    const pb = points(b);
                    const na = normalise(a);
                    const nb = normalise(b);
                    assert.strictEqual(covers(na, nb), pb.every((y, i) => !y || pa[i]));
                    assert.strictEqual(overlaps(na, nb), pb.some((y, i) => y && pa[i]));
                    assert.strictEqual(size(na), BigInt(pa.filter((x) => x).length));
                }), RUNS);
            });
            it(`covers(a, b) is exactly 'a ∪ b adds nothing to a' (${label})`, () => {
                // Sets biased towards covering each other, so that both answers occur often.
                fc.assert(fc.property(arbList, arbList, (a, b) => {
                    const na = normalise([...a, ...b.slice(1)]);
                    const nb = normalise(b);
                    assert.strictEqual(covers(na, nb), JSON.stringify(union(na, nb), (_k, v) => typeof v === "bigint" ? String(v) : v)
                        === JSON.stringify(na, (_k, v) => typeof v === "bigint" ? String(v) : v));
                }), RUNS);
            });
        }
    });

    describe("parseCidr against a brute-force mask", () => {
        const octet = fc.integer({ min: 0, max: 255 });
        it("gives the range of a random a.b.c.d/p bit by bit", () => {
            fc.assert(fc.property(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 }), (a, b, c, d, p) => {
                const bits = [a, b, c, d].flatMap((o) => Array.from({ length: 8 }, (_, i) => (o >> (7 - i)) & 1));
                const toValue = (bs: number[]) => bs.reduce((n, bit) => n * 2n + BigInt(bit), 0n);
                const lo = toValue(bits.map((bit, i) => (i < p ? bit : 0)));
                const hi = toValue(bits.map((bit, i) => (i < p ? bit : 1)));
                const text = `${a}.${b}.${c}.${d}/${p}`;
                assert.deepStrictEqual(parseCidr(text), { text, family: 4, prefix: p, range: { lo, hi } });
                assert.strictEqual(parseCidr(text, 6), undefined);
            }), RUNS);
        });

        it("gives the same IPv6 range for the full and the '::'-compressed spelling", () => {
            const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
            fc.assert(fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 128 }), (groups, p) => {
                const value = groups.reduce((n, g) => (n << 16n) | BigInt(g), 0n);
                const hostBits = 128n - BigInt(p);
                let lo = 0n;
                for (let i = 127n; i >= 0n; i--) {
                    lo |= i >= hostBits ? value & (1n << i) : 0n;
                }
                const hi = lo | ((1n << hostBits) - 1n);
                const full = groups.map((g) => g.toString(16).padStart(4, "0")).join(":");
                // Compress the longest run of zero groups, as RFC 5952 does.
                let best = [-1, 0];
                for (let i = 0; i < 8; i++) {
                    let j = i;
                    while (j < 8 && groups[j] === 0) {
                        j++;
                    }
                    if (j - i > best[1]) {
                        best = [i, j - i];
                    }
                }
                const hex = groups.map((g) => g.toString(16));
                const short = best[1] >= 2
                    ? `${hex.slice(0, best[0]).join(":")}::${hex.slice(best[0] + best[1]).join(":")}`
                    : hex.join(":");
                for (const address of [full, short]) {
                    assert.deepStrictEqual(parseCidr(`${address}/${p}`)?.range, { lo, hi }, address);
                }
            }), RUNS);
        });
    });

    describe("coversFamily against a brute force over the eight /3 blocks", () => {
        // Every IPv4 /1, /2 and /3 block, by prefix and index; a /p block spans 2^(3-p) of the /3 slots.
        const blocks: { prefix: number; index: number }[] = [];
        for (const prefix of [1, 2, 3]) {
            for (let index = 0; index < 1 << prefix; index++) {
                blocks.push({ prefix, index });
            }
        }
        const textOf = (b: { prefix: number; index: number }, hostNoise: number): string => {
            const first = (b.index << (8 - b.prefix)) | (hostNoise & ((1 << (8 - b.prefix)) - 1));
            return `${first}.${hostNoise % 256}.${(hostNoise * 7) % 256}.${(hostNoise * 13) % 256}/${b.prefix}`;
        };
        for (const family of [4, 6] as Family[]) {
            it(`equals the brute force for random sets of /1../3 blocks (IPv4 blocks, asked about IPv${family})`, () => {
                fc.assert(fc.property(fc.subarray(blocks), fc.integer({ min: 0, max: 255 }), (chosen, noise) => {
                    const slots = new Array<boolean>(8).fill(false);
                    for (const b of chosen) {
                        const width = 1 << (3 - b.prefix);
                        for (let s = b.index * width; s < (b.index + 1) * width; s++) {
                            slots[s] = true;
                        }
                    }
                    const cidrs = chosen.map((b) => parseCidr(textOf(b, noise)));
                    assert.ok(cidrs.every((c) => c !== undefined));
                    const expected = family === 4 && slots.every((x) => x);
                    assert.strictEqual(coversFamily(cidrs as NonNullable<(typeof cidrs)[number]>[], family), expected);
                }), { numRuns: 500 });
            });
        }
    });
});
