import * as assert from "assert";
import { parseCidr } from "../../policies/net/cidr";
import { KnownNaclEntry, allowedSet, missing } from "../../policies/net/nacl-eval";
import { ALL_PORTS } from "../../policies/net/ports";
import { ALLOW_EPHEMERAL, V4, V6, e, iv, ports, proto, range, v4, verdict } from "./nacl-eval-fixtures";

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
});
