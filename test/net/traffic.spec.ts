import * as assert from "assert";
import fc from "fast-check";
import { Interval, IntervalSet, normalise } from "../../policies/net/intervals";
import { ALL_PORTS, PortRange } from "../../policies/net/ports";
import { ALL, ICMP, ICMPV6, Protocol, TCP, UDP } from "../../policies/net/protocol";
import {
    ALL_TRAFFIC, AXES, NO_TRAFFIC, OTHER_PROTOCOLS, TrafficSet, isNoTraffic, portTraffic, trafficIntersect, trafficKey,
    trafficMinus, trafficOf, trafficUnion,
} from "../../policies/net/traffic";

const iv = (lo: number, hi = lo): Interval => ({ lo: BigInt(lo), hi: BigInt(hi) });
const ports = (from: number, to = from): PortRange => ({ from, to });
const set = (t: Partial<TrafficSet>): TrafficSet => ({ tcp: [], udp: [], other: [], ...t });
const num = (n: number): Protocol => ({ kind: "number", number: n });
const EVERY_PORT = [iv(0, 65535)];

describe("net/traffic", () => {
    describe("the constant sets", () => {
        it("has the axes tcp, udp and other, in that order", () => assert.deepStrictEqual(AXES, ["tcp", "udp", "other"]));
        it("counts every protocol number but TCP's (6) and UDP's (17) as other", () => {
            assert.deepStrictEqual(OTHER_PROTOCOLS, [iv(0, 5), iv(7, 16), iv(18, 255)]);
        });
        it("no traffic is empty on every axis", () => assert.deepStrictEqual(NO_TRAFFIC, set({})));
        it("all traffic is every TCP and UDP port and every other protocol", () => {
            assert.deepStrictEqual(ALL_TRAFFIC, { tcp: EVERY_PORT, udp: EVERY_PORT, other: OTHER_PROTOCOLS });
        });
    });

    describe("trafficOf", () => {
        const cases: [string, Protocol, PortRange | null, TrafficSet][] = [
            ["all protocols are all traffic", ALL, null, ALL_TRAFFIC],
            ["all protocols are all traffic whatever the port fields say (22)", ALL, ports(22), ALL_TRAFFIC],
            ["TCP 22 is TCP port 22 only", TCP, ports(22), set({ tcp: [iv(22)] })],
            ["TCP 1024-65535 is that TCP range only", TCP, ports(1024, 65535), set({ tcp: [iv(1024, 65535)] })],
            ["TCP port 0 is a real port", TCP, ports(0), set({ tcp: [iv(0)] })],
            ["TCP without a port range is every TCP port", TCP, null, set({ tcp: EVERY_PORT })],
            ["UDP 53 is UDP port 53 only", UDP, ports(53), set({ udp: [iv(53)] })],
            ["UDP over all ports is every UDP port", UDP, ALL_PORTS, set({ udp: EVERY_PORT })],
            ["UDP without a port range is every UDP port", UDP, null, set({ udp: EVERY_PORT })],
            ["ICMP is protocol 1", ICMP, null, set({ other: [iv(1)] })],
            ["ICMPv6 is protocol 58", ICMPV6, null, set({ other: [iv(58)] })],
            ["GRE is protocol 47", num(47), null, set({ other: [iv(47)] })],
            ["protocol 0 is protocol 0", num(0), null, set({ other: [iv(0)] })],
            ["protocol 255 is protocol 255", num(255), null, set({ other: [iv(255)] })],
        ];
        for (const [name, protocol, range, expected] of cases) {
            it(name, () => assert.deepStrictEqual(trafficOf(protocol, range), expected));
        }
    });

    describe("portTraffic", () => {
        const cases: [string, ("tcp" | "udp")[], PortRange[], TrafficSet][] = [
            ["TCP 22 and 3389", ["tcp"], [ports(22), ports(3389)], set({ tcp: [iv(22), iv(3389)] })],
            ["UDP 53", ["udp"], [ports(53)], set({ udp: [iv(53)] })],
            ["TCP and UDP share the ports, sorted and merged (80-90, 85-100, 22, 101)", ["tcp", "udp"],
                [ports(80, 90), ports(85, 100), ports(22), ports(101)], set({ tcp: [iv(22), iv(80, 101)], udp: [iv(22), iv(80, 101)] })],
            ["no protocols is no traffic", [], [ports(22)], NO_TRAFFIC],
            ["no ports is no traffic", ["tcp", "udp"], [], NO_TRAFFIC],
        ];
        for (const [name, protocols, ranges, expected] of cases) {
            it(name, () => assert.deepStrictEqual(portTraffic(protocols, ranges), expected));
        }
    });

    describe("union, intersection and difference, axis by axis", () => {
        const a = set({ tcp: [iv(0, 100)], udp: [iv(50, 60)], other: [iv(1)] });
        const b = set({ tcp: [iv(50, 200)], other: [iv(1), iv(47)] });
        it("union", () => assert.deepStrictEqual(trafficUnion(a, b), set({ tcp: [iv(0, 200)], udp: [iv(50, 60)], other: [iv(1), iv(47)] })));
        it("intersection", () => assert.deepStrictEqual(trafficIntersect(a, b), set({ tcp: [iv(50, 100)], other: [iv(1)] })));
        it("a minus b", () => assert.deepStrictEqual(trafficMinus(a, b), set({ tcp: [iv(0, 49)], udp: [iv(50, 60)] })));
        it("b minus a", () => assert.deepStrictEqual(trafficMinus(b, a), set({ tcp: [iv(101, 200)], other: [iv(47)] })));
        it("all traffic minus TCP 22 leaves the rest of TCP and all of UDP and other", () => {
            assert.deepStrictEqual(trafficMinus(ALL_TRAFFIC, trafficOf(TCP, ports(22))),
                { tcp: [iv(0, 21), iv(23, 65535)], udp: EVERY_PORT, other: OTHER_PROTOCOLS });
        });
    });

    describe("isNoTraffic", () => {
        const cases: [string, TrafficSet, boolean][] = [
            ["no traffic is none", NO_TRAFFIC, true],
            ["a set minus itself is none", trafficMinus(ALL_TRAFFIC, ALL_TRAFFIC), true],
            ["one TCP port is some", set({ tcp: [iv(22)] }), false],
            ["one UDP port is some", set({ udp: [iv(53)] }), false],
            ["one other protocol is some", set({ other: [iv(47)] }), false],
            ["all traffic is some", ALL_TRAFFIC, false],
        ];
        for (const [name, t, expected] of cases) {
            it(name, () => assert.strictEqual(isNoTraffic(t), expected));
        }
    });

    describe("trafficKey", () => {
        it("gives equal sets built in different ways the same key", () => {
            assert.strictEqual(trafficKey(portTraffic(["tcp"], [ports(91, 100), ports(80, 90)])), trafficKey(trafficOf(TCP, ports(80, 100))));
            assert.strictEqual(trafficKey(trafficUnion(trafficOf(TCP, ALL_PORTS), trafficOf(UDP, null))),
                trafficKey(trafficMinus(ALL_TRAFFIC, set({ other: OTHER_PROTOCOLS }))));
        });
        const different: [string, TrafficSet, TrafficSet][] = [
            ["the same ports on TCP and on UDP", set({ tcp: [iv(1, 2)] }), set({ udp: [iv(1, 2)] })],
            ["the same numbers as UDP ports and as other protocols", set({ udp: [iv(1, 2)] }), set({ other: [iv(1, 2)] })],
            ["TCP 0-21,23-65535 and TCP 0-2,123-65535 (digits that run together)", set({ tcp: [iv(0, 21), iv(23, 65535)] }),
                set({ tcp: [iv(0, 2), iv(123, 65535)] })],
            ["TCP 1-2 and TCP 12", set({ tcp: [iv(1, 2)] }), set({ tcp: [iv(12)] })],
            ["no traffic and TCP port 0", NO_TRAFFIC, set({ tcp: [iv(0)] })],
        ];
        for (const [name, x, y] of different) {
            it(`gives different sets different keys: ${name}`, () => assert.notStrictEqual(trafficKey(x), trafficKey(y)));
        }

        const axis = (max: number) => fc.array(fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }))
            .map(([p, q]) => iv(Math.min(p, q), Math.max(p, q))), { maxLength: 4 }).map((items): IntervalSet => normalise(items));
        const traffic = fc.record({ tcp: axis(40), udp: axis(40), other: axis(40) });
        it("gives two random sets the same key exactly when they are equal", () => {
            fc.assert(fc.property(traffic, traffic, (x, y) => {
                const same = JSON.stringify(x, (_k, v) => typeof v === "bigint" ? String(v) : v)
                    === JSON.stringify(y, (_k, v) => typeof v === "bigint" ? String(v) : v);
                assert.strictEqual(trafficKey(x) === trafficKey(y), same);
            }), { numRuns: 500 });
        });
    });
});
