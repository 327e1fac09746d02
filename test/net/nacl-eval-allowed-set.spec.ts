import * as assert from "assert";
import { allowedSet } from "../../policies/net/nacl-eval";
import { ALLOW_EPHEMERAL, V6, e, iv, range, v4, verdict } from "./nacl-eval-fixtures";

describe("net/nacl-eval", () => {
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
});
