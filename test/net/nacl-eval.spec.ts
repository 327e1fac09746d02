import * as assert from "assert";
import * as fc from "fast-check";
import { Family, parseCidr } from "../../policies/net/cidr";
import { Interval } from "../../policies/net/intervals";
import { KnownNaclEntry, Missing, PointSet, PortProtocol, allowedSet, missing } from "../../policies/net/nacl-eval";
import { ALL_PORTS, PortRange } from "../../policies/net/ports";
import { Protocol, parseProtocol } from "../../policies/net/protocol";

function proto(text: string): Protocol {
    const p = parseProtocol(text);
    assert.ok(p, `test setup: ${text} should parse`);
    return p;
}

function range(text: string): Interval {
    const c = parseCidr(text);
    assert.ok(c, `test setup: ${text} should parse`);
    return c.range;
}

/** An entry: e(100, "allow", "tcp", [1024, 65535], "0.0.0.0/0"); ports are ignored for all/icmp. */
function e(ruleNumber: number, action: "allow" | "deny", protocol: string, ports: [number, number] | null, cidr: string): KnownNaclEntry {
    const c = parseCidr(cidr);
    assert.ok(c, `test setup: ${cidr} should parse`);
    const p = proto(protocol);
    const pr = p.kind === "all" ? ALL_PORTS : p.kind === "tcp" || p.kind === "udp" ? { from: ports![0], to: ports![1] } : null;
    return { ruleNumber, action, protocol: p, ports: pr, cidr: c };
}

function ports(from: number, to = from): PortRange {
    return { from, to };
}

function iv(lo: bigint, hi: bigint): Interval {
    return { lo, hi };
}

function v4(a: number, b: number, c: number, d: number): bigint {
    return (BigInt(a) << 24n) | (BigInt(b) << 16n) | (BigInt(c) << 8n) | BigInt(d);
}

/**
 * The verdict for one point, read through missing(): a denied point names the deny entry that
 * matches it first (none: the implicit deny); with every allow entry turned into a deny, an
 * allowed point names the entry that allowed it.
 */
function verdict(entries: readonly KnownNaclEntry[], protocol: PortProtocol, family: Family, address: bigint, port: number):
    { allowed: boolean; ruleNumber?: number } {
    const at = (es: readonly KnownNaclEntry[]) => missing(es, protocol, family, { lo: address, hi: address }, { from: port, to: port });
    const [denied] = at(entries);
    if (denied) {
        return denied.blockedBy === undefined ? { allowed: false } : { allowed: false, ruleNumber: denied.blockedBy };
    }
    const [allowedBy] = at(entries.map((x) => ({ ...x, action: "deny" as const })));
    return { allowed: true, ruleNumber: allowedBy.blockedBy };
}

const V4 = range("0.0.0.0/0");
const V6 = range("::/0");
const ALLOW_EPHEMERAL = e(100, "allow", "tcp", [1024, 65535], "0.0.0.0/0");

describe("net/nacl-eval", () => {
    describe("missing: hand-computed cases", () => {
        it("allow 100 tcp 1024-65535 from 0.0.0.0/0: nothing of the ephemeral range is missing", () => {
            assert.deepStrictEqual(missing([ALLOW_EPHEMERAL], "tcp", 4, V4, ports(1024, 65535)), []);
        });

        it("allow 100 tcp 1024-65535: port 22 is missing everywhere, by the implicit deny", () => {
            assert.deepStrictEqual(missing([ALLOW_EPHEMERAL], "tcp", 4, V4, ports(22)), [{ addresses: V4, ports: ports(22) }]);
        });

        it("allow 100 tcp 1024-65535: wanted 1000-2000 misses exactly 1000-1023", () => {
            assert.deepStrictEqual(missing([ALLOW_EPHEMERAL], "tcp", 4, V4, ports(1000, 2000)), [{ addresses: V4, ports: ports(1000, 1023) }]);
        });

        it("deny 90 tcp 2000-3000 10.0.0.0/8 before it: missing exactly (10.0.0.0/8, 2000-3000), blocked by 90", () => {
            const entries = [ALLOW_EPHEMERAL, e(90, "deny", "tcp", [2000, 3000], "10.0.0.0/8")];
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ports(1024, 65535)), [
                { addresses: range("10.0.0.0/8"), ports: ports(2000, 3000), blockedBy: 90 },
            ]);
        });

        it("the same deny after the allow (rule 110) is shadowed: nothing missing", () => {
            const entries = [ALLOW_EPHEMERAL, e(110, "deny", "tcp", [2000, 3000], "10.0.0.0/8")];
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ports(1024, 65535)), []);
        });

        it("the peer restricts the answer: a peer outside the deny misses nothing, a peer inside it is blocked whole", () => {
            const entries = [ALLOW_EPHEMERAL, e(90, "deny", "tcp", [2000, 3000], "10.0.0.0/8")];
            assert.deepStrictEqual(missing(entries, "tcp", 4, range("192.168.0.0/16"), ports(2500)), []);
            assert.deepStrictEqual(missing(entries, "tcp", 4, range("10.1.2.0/24"), ports(2500)), [
                { addresses: range("10.1.2.0/24"), ports: ports(2500), blockedBy: 90 },
            ]);
        });

        it("a peer straddling a deny: only the denied block inside the peer is missing", () => {
            const entries = [e(100, "allow", "tcp", [443, 443], "0.0.0.0/0"), e(50, "deny", "tcp", [443, 443], "10.0.0.0/24")];
            const peer = iv(v4(9, 255, 255, 0), v4(10, 0, 1, 255));
            assert.deepStrictEqual(missing(entries, "tcp", 4, peer, ports(443)), [
                { addresses: range("10.0.0.0/24"), ports: ports(443), blockedBy: 50 },
            ]);
        });

        it("entries are evaluated in rule-number order, whatever order they are given in", () => {
            const denyFirst = [e(200, "allow", "tcp", [0, 65535], "0.0.0.0/0"), e(100, "deny", "tcp", [22, 22], "0.0.0.0/0")];
            assert.deepStrictEqual(missing(denyFirst, "tcp", 4, V4, ports(22)), [{ addresses: V4, ports: ports(22), blockedBy: 100 }]);
            const allowFirst = [e(200, "deny", "tcp", [22, 22], "0.0.0.0/0"), e(100, "allow", "tcp", [0, 65535], "0.0.0.0/0")];
            assert.deepStrictEqual(missing(allowFirst, "tcp", 4, V4, ports(22)), []);
        });

        it("IPv6: a deny of 2001:db8::/32 before allow-all blocks exactly that block", () => {
            const entries = [e(100, "allow", "-1", null, "::/0"), e(50, "deny", "tcp", [22, 22], "2001:db8::/32")];
            assert.deepStrictEqual(missing(entries, "tcp", 6, V6, ports(22)), [
                { addresses: range("2001:db8::/32"), ports: ports(22), blockedBy: 50 },
            ]);
        });

        it("families do not mix: IPv4 allow-all does not allow IPv6, and an IPv6 deny does not block IPv4", () => {
            const entries = [e(100, "allow", "-1", null, "0.0.0.0/0"), e(10, "deny", "-1", null, "::/0")];
            assert.deepStrictEqual(missing(entries, "tcp", 6, V6, ports(443)), [{ addresses: V6, ports: ports(443), blockedBy: 10 }]);
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ports(443)), []);
            assert.deepStrictEqual(missing([e(100, "allow", "-1", null, "0.0.0.0/0")], "udp", 6, V6, ports(53)), [
                { addresses: V6, ports: ports(53) },
            ]);
        });

        it("all-protocol entries match TCP and UDP, whatever their port fields", () => {
            const entries = [e(100, "allow", "all", null, "0.0.0.0/0")];
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ALL_PORTS), []);
            assert.deepStrictEqual(missing(entries, "udp", 4, V4, ALL_PORTS), []);
            const deny = [e(10, "deny", "-1", null, "10.0.0.0/8"), e(20, "allow", "udp", [0, 65535], "0.0.0.0/0")];
            assert.deepStrictEqual(missing(deny, "udp", 4, V4, ports(53)), [
                { addresses: range("10.0.0.0/8"), ports: ports(53), blockedBy: 10 },
            ]);
        });

        it("a UDP allow does not allow TCP: TCP is missing by the implicit deny around an all-protocol deny", () => {
            const entries = [e(10, "deny", "-1", null, "10.0.0.0/8"), e(20, "allow", "udp", [0, 65535], "0.0.0.0/0")];
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ports(443)), [
                { addresses: iv(0n, v4(9, 255, 255, 255)), ports: ports(443) },
                { addresses: range("10.0.0.0/8"), ports: ports(443), blockedBy: 10 },
                { addresses: iv(v4(11, 0, 0, 0), v4(255, 255, 255, 255)), ports: ports(443) },
            ]);
        });

        it("ICMP entries match neither TCP nor UDP", () => {
            const entries = [e(10, "allow", "icmp", null, "0.0.0.0/0"), e(20, "deny", "1", null, "10.0.0.0/8")];
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ports(443)), [{ addresses: V4, ports: ports(443) }]);
            assert.deepStrictEqual(missing(entries, "udp", 4, V4, ports(53)), [{ addresses: V4, ports: ports(53) }]);
        });

        it("overlapping allows together cover the union of their ports", () => {
            const entries = [e(100, "allow", "tcp", [80, 90], "0.0.0.0/0"), e(110, "allow", "tcp", [85, 100], "0.0.0.0/0")];
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ports(80, 100)), []);
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ports(70, 110)), [
                { addresses: V4, ports: ports(70, 79) },
                { addresses: V4, ports: ports(101, 110) },
            ]);
        });

        it("an empty direction misses everything, by the implicit deny", () => {
            assert.deepStrictEqual(missing([], "tcp", 4, V4, ALL_PORTS), [{ addresses: V4, ports: ALL_PORTS }]);
            assert.deepStrictEqual(missing([], "udp", 6, V6, ports(53)), [{ addresses: V6, ports: ports(53) }]);
        });

        it("an all-protocol entry covers every port, whatever its port field holds (AWS ignores the ports of protocol -1)", () => {
            const allowAll: KnownNaclEntry = { ruleNumber: 100, action: "allow", protocol: proto("-1"), ports: ports(22), cidr: parseCidr("0.0.0.0/0")! };
            assert.deepStrictEqual(missing([allowAll], "tcp", 4, V4, ALL_PORTS), []);
            assert.deepStrictEqual(verdict([allowAll], "udp", 4, v4(8, 8, 8, 8), 53), { allowed: true, ruleNumber: 100 });
            assert.deepStrictEqual(allowedSet([allowAll], "tcp", 4), [{ addresses: [V4], ports: [iv(0n, 65535n)] }]);
        });

        it("parts of the same addresses come in port order: deny 50 tcp 23 leaves 22 (implicit deny) before 23 (rule 50)", () => {
            const entries = [e(50, "deny", "tcp", [23, 23], "0.0.0.0/0")];
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ports(22, 23)), [
                { addresses: V4, ports: ports(22) },
                { addresses: V4, ports: ports(23), blockedBy: 50 },
            ]);
        });

        it("parts come in address order first: port 23 missing everywhere comes before port 22 blocked in 10.0.0.0/8", () => {
            const entries = [e(100, "allow", "tcp", [22, 22], "0.0.0.0/0"), e(50, "deny", "tcp", [22, 22], "10.0.0.0/8")];
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ports(22, 23)), [
                { addresses: V4, ports: ports(23) },
                { addresses: range("10.0.0.0/8"), ports: ports(22), blockedBy: 50 },
            ]);
        });

        it("parts come in address order even when the higher addresses miss a lower port: 10.0.0.0/8 on 23 before 11.0.0.0/8 on 22", () => {
            const entries = [e(10, "deny", "tcp", [23, 23], "10.0.0.0/8"), e(20, "deny", "tcp", [22, 22], "11.0.0.0/8"),
                e(100, "allow", "tcp", [0, 65535], "0.0.0.0/0")];
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ports(22, 23)), [
                { addresses: range("10.0.0.0/8"), ports: ports(23), blockedBy: 10 },
                { addresses: range("11.0.0.0/8"), ports: ports(22), blockedBy: 20 },
            ]);
        });

        it("parts with the same ports and blocker merge across entry boundaries inside the peer", () => {
            // The allow cuts the address axis at 10.0.0.0/16, but port 80 is missing on both sides alike.
            const entries = [e(100, "allow", "tcp", [443, 443], "10.0.0.0/16")];
            assert.deepStrictEqual(missing(entries, "tcp", 4, V4, ports(80)), [{ addresses: V4, ports: ports(80) }]);
        });
    });

    describe("allowedSet: hand-computed cases", () => {
        it("no allow entry: nothing is allowed", () => {
            assert.deepStrictEqual(allowedSet([], "tcp", 4), []);
            assert.deepStrictEqual(allowedSet([e(10, "deny", "-1", null, "0.0.0.0/0")], "tcp", 4), []);
            assert.deepStrictEqual(allowedSet([e(10, "allow", "icmp", null, "0.0.0.0/0")], "tcp", 4), []);
        });

        it("allow-all: the whole family on all ports", () => {
            assert.deepStrictEqual(allowedSet([e(100, "allow", "-1", null, "::/0")], "udp", 6), [
                { addresses: [V6], ports: [iv(0n, 65535n)] },
            ]);
        });

        it("overlapping allows of different widths: one rectangle per distinct port set", () => {
            const entries = [e(100, "allow", "tcp", [80, 90], "10.0.0.0/8"), e(110, "allow", "tcp", [85, 100], "10.0.0.0/16")];
            assert.deepStrictEqual(allowedSet(entries, "tcp", 4), [
                { addresses: [range("10.0.0.0/16")], ports: [iv(80n, 100n)] },
                { addresses: [iv(v4(10, 1, 0, 0), v4(10, 255, 255, 255))], ports: [iv(80n, 90n)] },
            ]);
        });

        it("an earlier deny punches a hole: addresses on both sides of it share one rectangle", () => {
            const entries = [e(100, "allow", "tcp", [0, 65535], "10.0.0.0/8"), e(90, "deny", "tcp", [22, 22], "10.1.0.0/16")];
            assert.deepStrictEqual(allowedSet(entries, "tcp", 4), [
                { addresses: [iv(v4(10, 0, 0, 0), v4(10, 0, 255, 255)), iv(v4(10, 2, 0, 0), v4(10, 255, 255, 255))], ports: [iv(0n, 65535n)] },
                { addresses: [range("10.1.0.0/16")], ports: [iv(0n, 21n), iv(23n, 65535n)] },
            ]);
        });
    });

    describe("verdict: hand-computed points", () => {
        const entries = [ALLOW_EPHEMERAL, e(90, "deny", "tcp", [2000, 3000], "10.0.0.0/8")];
        const cases: [string, bigint, number, { allowed: boolean; ruleNumber?: number }][] = [
            ["10.1.1.1 port 2500 is denied by 90", v4(10, 1, 1, 1), 2500, { allowed: false, ruleNumber: 90 }],
            ["the first address of 10.0.0.0/8 at the deny's first port 2000 is denied by 90", v4(10, 0, 0, 0), 2000, { allowed: false, ruleNumber: 90 }],
            ["the last address of 10.0.0.0/8 at the deny's last port 3000 is denied by 90", v4(10, 255, 255, 255), 3000, { allowed: false, ruleNumber: 90 }],
            ["10.1.1.1 port 3001, past the deny's ports, is allowed by 100", v4(10, 1, 1, 1), 3001, { allowed: true, ruleNumber: 100 }],
            ["10.1.1.1 port 1999, before the deny's ports, is allowed by 100", v4(10, 1, 1, 1), 1999, { allowed: true, ruleNumber: 100 }],
            ["9.255.255.255 port 2500, just below the deny's block, is allowed by 100", v4(9, 255, 255, 255), 2500, { allowed: true, ruleNumber: 100 }],
            ["11.0.0.0 port 2500, just above the deny's block, is allowed by 100", v4(11, 0, 0, 0), 2500, { allowed: true, ruleNumber: 100 }],
            ["10.1.1.1 port 1023, below every entry's ports, falls to the implicit deny", v4(10, 1, 1, 1), 1023, { allowed: false }],
        ];
        for (const [name, address, port, expected] of cases) {
            it(name, () => assert.deepStrictEqual(verdict(entries, "tcp", 4, address, port), expected));
        }
        it("a UDP point is not decided by TCP entries: implicit deny", () => {
            assert.deepStrictEqual(verdict(entries, "udp", 4, v4(10, 1, 1, 1), 2500), { allowed: false });
        });
    });

    describe("allowedSet: port sets whose texts run together stay apart", () => {
        it("deny 90 of port 22 in 10.1.0.0/16 and deny 80 of ports 3-122 in 10.2.0.0/16 leave 0-21,23-65535 and 0-2,123-65535 apart", () => {
            const entries = [
                e(100, "allow", "tcp", [0, 65535], "10.0.0.0/8"),
                e(90, "deny", "tcp", [22, 22], "10.1.0.0/16"),
                e(80, "deny", "tcp", [3, 122], "10.2.0.0/16"),
            ];
            assert.deepStrictEqual(allowedSet(entries, "tcp", 4), [
                { addresses: [range("10.0.0.0/16"), iv(v4(10, 3, 0, 0), v4(10, 255, 255, 255))], ports: [iv(0n, 65535n)] },
                { addresses: [range("10.1.0.0/16")], ports: [iv(0n, 21n), iv(23n, 65535n)] },
                { addresses: [range("10.2.0.0/16")], ports: [iv(0n, 2n), iv(123n, 65535n)] },
            ]);
        });
    });

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
