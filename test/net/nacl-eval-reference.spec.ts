import * as assert from "assert";
import * as fc from "fast-check";
import { Family } from "../../policies/net/cidr";
import { KnownNaclEntry, Missing, PointSet, allowedSet, missing } from "../../policies/net/nacl-eval";
import { ALL_PORTS } from "../../policies/net/ports";
import { iv, ports, proto, verdict } from "./nacl-eval-fixtures";

describe("net/nacl-eval", () => {
    describe("against a brute-force reference on a tiny universe (addresses 0..15, ports 0..15)", () => {
        const N = 16;
        const bounds = fc.tuple(fc.integer({ min: 0, max: N - 1 }), fc.integer({ min: 0, max: N - 1 }))
            .map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number]);
        const entryArb = fc.record({
            ruleNumber: fc.integer({ min: 1, max: 50 }),
            action: fc.constantFrom("allow" as const, "deny" as const),
            protocol: fc.constantFrom("-1", "tcp", "udp", "icmp"),
            ports: bounds,
            addresses: bounds,
            family: fc.constantFrom<Family>(4, 4, 4, 6),
        }).map((r): KnownNaclEntry => {
            const protocol = proto(r.protocol);
            return {
                ruleNumber: r.ruleNumber,
                action: r.action,
                protocol,
                ports: protocol.kind === "all" ? ALL_PORTS : protocol.kind === "icmp" ? null : { from: r.ports[0], to: r.ports[1] },
                cidr: { family: r.family, range: iv(BigInt(r.addresses[0]), BigInt(r.addresses[1])) },
            };
        });
        const entriesArb = fc.uniqueArray(entryArb, { minLength: 1, maxLength: 6, selector: (x) => x.ruleNumber });
        const protocolArb = fc.constantFrom("tcp" as const, "udp" as const);

        /** First match wins, written as plainly as possible. */
        function reference(entries: KnownNaclEntry[], protocol: "tcp" | "udp", a: number, p: number): { allowed: boolean; ruleNumber?: number } {
            const sorted = [...entries].sort((x, y) => x.ruleNumber - y.ruleNumber);
            for (const en of sorted) {
                if (en.cidr.family !== 4) { continue; }
                if (!(en.protocol.kind === "all" || en.protocol.kind === protocol)) { continue; }
                if (!(en.cidr.range.lo <= BigInt(a) && BigInt(a) <= en.cidr.range.hi)) { continue; }
                const pr = en.ports ?? ALL_PORTS;
                if (en.protocol.kind !== "all" && !(pr.from <= p && p <= pr.to)) { continue; }
                return { allowed: en.action === "allow", ruleNumber: en.ruleNumber };
            }
            return { allowed: false };
        }

        function inSet(set: PointSet[], a: number, p: number): number {
            return set.filter((r) => r.addresses.some((i) => i.lo <= BigInt(a) && BigInt(a) <= i.hi)
                && r.ports.some((i) => i.lo <= BigInt(p) && BigInt(p) <= i.hi)).length;
        }

        function covering(parts: Missing[], a: number, p: number): Missing[] {
            return parts.filter((m) => m.addresses.lo <= BigInt(a) && BigInt(a) <= m.addresses.hi && m.ports.from <= p && p <= m.ports.to);
        }

        it("allowedSet holds exactly the points first-match-wins allows, and its address sets are disjoint", () => {
            fc.assert(fc.property(entriesArb, protocolArb, (entries, protocol) => {
                const set = allowedSet(entries, protocol, 4);
                for (let a = 0; a < N; a++) {
                    for (let p = 0; p < N; p++) {
                        const want = reference(entries, protocol, a, p);
                        assert.strictEqual(inSet(set, a, p), want.allowed ? 1 : 0, `point (${a}, ${p})`);
                        assert.deepStrictEqual(verdict(entries, protocol, 4, BigInt(a), p), want);
                    }
                }
                for (let i = 0; i < set.length; i++) {
                    for (let j = i + 1; j < set.length; j++) {
                        for (const x of set[i].addresses) {
                            for (const y of set[j].addresses) {
                                assert.ok(x.hi < y.lo || y.hi < x.lo, "rectangles share an address");
                            }
                        }
                    }
                }
            }), { numRuns: 300 });
        });

        it("missing partitions exactly the unallowed points of peer x ports, each with the entry that blocks it", () => {
            fc.assert(fc.property(entriesArb, protocolArb, bounds, bounds, (entries, protocol, peer, wanted) => {
                const parts = missing(entries, protocol, 4, iv(BigInt(peer[0]), BigInt(peer[1])), ports(wanted[0], wanted[1]));
                for (const m of parts) {
                    assert.ok(m.addresses.lo >= BigInt(peer[0]) && m.addresses.hi <= BigInt(peer[1]), "part outside the peer");
                    assert.ok(m.ports.from >= wanted[0] && m.ports.to <= wanted[1], "part outside the wanted ports");
                    assert.ok(m.addresses.lo <= m.addresses.hi && m.ports.from <= m.ports.to, "empty part");
                }
                for (let a = peer[0]; a <= peer[1]; a++) {
                    for (let p = wanted[0]; p <= wanted[1]; p++) {
                        const want = reference(entries, protocol, a, p);
                        const hits = covering(parts, a, p);
                        if (want.allowed) {
                            assert.strictEqual(hits.length, 0, `point (${a}, ${p}) is allowed`);
                        } else {
                            assert.strictEqual(hits.length, 1, `point (${a}, ${p}) is missing once`);
                            assert.strictEqual(hits[0].blockedBy, want.ruleNumber);
                            assert.strictEqual("blockedBy" in hits[0], want.ruleNumber !== undefined);
                        }
                    }
                }
            }), { numRuns: 300 });
        });
    });
});
