import * as assert from "assert";
import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { Cidr, Family, familyRange, isWholeFamily, parseCidr, rangeToCidrs } from "../../policies/net/cidr";
import { addressSet, coversFamily } from "../util/address-sets";

const V4_ALL = (1n << 32n) - 1n;
const V6_ALL = (1n << 128n) - 1n;

function v4(a: number, b: number, c: number, d: number): bigint {
    return (BigInt(a) << 24n) | (BigInt(b) << 16n) | (BigInt(c) << 8n) | BigInt(d);
}

function cidr(text: string, family: Family, prefix: number, lo: bigint, hi: bigint): Cidr {
    return { text, family, prefix, range: { lo, hi } };
}

function parsed(...texts: string[]): Cidr[] {
    return texts.map((t) => {
        const c = parseCidr(t);
        assert.ok(c, `test setup: ${t} should parse`);
        return c;
    });
}

describe("net/cidr", () => {
    describe("parseCidr: valid blocks", () => {
        const cases: [string, string, Cidr][] = [
            ["parses '0.0.0.0/0' as the whole IPv4 family", "0.0.0.0/0", cidr("0.0.0.0/0", 4, 0, 0n, V4_ALL)],
            ["parses '::/0' as the whole IPv6 family", "::/0", cidr("::/0", 6, 0, 0n, V6_ALL)],
            ["parses '::0/0' as the whole IPv6 family", "::0/0", cidr("::0/0", 6, 0, 0n, V6_ALL)],
            ["parses '0:0:0:0:0:0:0:0/0' as the whole IPv6 family", "0:0:0:0:0:0:0:0/0", cidr("0:0:0:0:0:0:0:0/0", 6, 0, 0n, V6_ALL)],
            ["parses '0000:0000:0000:0000:0000:0000:0000:0000/0' as the whole IPv6 family",
                "0000:0000:0000:0000:0000:0000:0000:0000/0", cidr("0000:0000:0000:0000:0000:0000:0000:0000/0", 6, 0, 0n, V6_ALL)],
            ["parses '10.0.0.0/8' as 10.0.0.0-10.255.255.255", "10.0.0.0/8", cidr("10.0.0.0/8", 4, 8, v4(10, 0, 0, 0), v4(10, 255, 255, 255))],
            ["masks host bits: '10.1.2.3/16' is 10.1.0.0-10.1.255.255", "10.1.2.3/16", cidr("10.1.2.3/16", 4, 16, v4(10, 1, 0, 0), v4(10, 1, 255, 255))],
            ["masks host bits of a world block: '1.2.3.4/0' is the whole IPv4 family", "1.2.3.4/0", cidr("1.2.3.4/0", 4, 0, 0n, V4_ALL)],
            ["parses '255.255.255.255/32' as one address", "255.255.255.255/32", cidr("255.255.255.255/32", 4, 32, V4_ALL, V4_ALL)],
            ["parses '0.0.0.0/32' as the single address 0", "0.0.0.0/32", cidr("0.0.0.0/32", 4, 32, 0n, 0n)],
            ["parses '128.0.0.0/1' as the upper half of IPv4", "128.0.0.0/1", cidr("128.0.0.0/1", 4, 1, 1n << 31n, V4_ALL)],
            ["parses '2001:db8::/32'", "2001:db8::/32", cidr("2001:db8::/32", 6, 32, 0x20010db8n << 96n, (0x20010db8n << 96n) | ((1n << 96n) - 1n))],
            ["parses upper-case hex 'FE80::/10'", "FE80::/10", cidr("FE80::/10", 6, 10, 0xfe80n << 112n, (0xfe80n << 112n) | ((1n << 118n) - 1n))],
            ["masks IPv6 host bits: '2001:db8::1/64'", "2001:db8::1/64", cidr("2001:db8::1/64", 6, 64, 0x20010db8n << 96n, (0x20010db8n << 96n) | ((1n << 64n) - 1n))],
            ["parses '::1/128' as the single address 1", "::1/128", cidr("::1/128", 6, 128, 1n, 1n)],
            ["parses the IPv4-mapped '::ffff:1.2.3.4/128'", "::ffff:1.2.3.4/128", cidr("::ffff:1.2.3.4/128", 6, 128, (0xffffn << 32n) | v4(1, 2, 3, 4), (0xffffn << 32n) | v4(1, 2, 3, 4))],
            // RFC 4291 2.5.5.1: "::a.b.c.d" is the IPv4-compatible address ::0102:0304 (the low 32 bits),
            // not the IPv4-mapped ::ffff:a.b.c.d.
            ["parses '::1.2.3.4/128' as ::102:304, not as ::ffff:102:304", "::1.2.3.4/128", cidr("::1.2.3.4/128", 6, 128, v4(1, 2, 3, 4), v4(1, 2, 3, 4))],
            ["parses '::0.0.0.0/96' as ::/96", "::0.0.0.0/96", cidr("::0.0.0.0/96", 6, 96, 0n, V4_ALL)],
            // RFC 4291 2.2: "::" stands for one or more zero groups, so it may stand for exactly one.
            ["parses '1:2:3:4:5:6:7::/128', where '::' stands for the last group", "1:2:3:4:5:6:7::/128",
                cidr("1:2:3:4:5:6:7::/128", 6, 128, 0x0001000200030004000500060007_0000n, 0x0001000200030004000500060007_0000n)],
            ["parses '::2:3:4:5:6:7:8/128', where '::' stands for the first group", "::2:3:4:5:6:7:8/128",
                cidr("::2:3:4:5:6:7:8/128", 6, 128, 0x0000_0002000300040005000600070008n, 0x0000_0002000300040005000600070008n)],
            ["parses '1:2:3::5:6:7:8/128', where '::' stands for one middle group", "1:2:3::5:6:7:8/128",
                cidr("1:2:3::5:6:7:8/128", 6, 128, 0x000100020003_0000_0005000600070008n, 0x000100020003_0000_0005000600070008n)],
            ["parses '1:2:3:4:5::1.2.3.4/128', where '::' stands for the sixth group", "1:2:3:4:5::1.2.3.4/128",
                cidr("1:2:3:4:5::1.2.3.4/128", 6, 128, (0x00010002000300040005_0000n << 32n) | v4(1, 2, 3, 4), (0x00010002000300040005_0000n << 32n) | v4(1, 2, 3, 4))],
            ["parses the eight full groups 'ffff:...:ffff/128' as the last address", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
                cidr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", 6, 128, V6_ALL, V6_ALL)],
            ["parses '::/128' as the single address 0", "::/128", cidr("::/128", 6, 128, 0n, 0n)],
            ["parses '64:ff9b::1.2.3.4/128'", "64:ff9b::1.2.3.4/128", cidr("64:ff9b::1.2.3.4/128", 6, 128, (0x64ff9bn << 96n) | v4(1, 2, 3, 4), (0x64ff9bn << 96n) | v4(1, 2, 3, 4))],
        ];
        for (const [name, input, expected] of cases) {
            it(name, () => assert.deepStrictEqual(parseCidr(input), expected));
        }
    });

    describe("parseCidr: invalid input", () => {
        const cases: [string, unknown][] = [
            ["rejects '10.0.0.300/16'", "10.0.0.300/16"],
            ["rejects '10.0.0.0/33'", "10.0.0.0/33"],
            ["rejects '::/129'", "::/129"],
            ["rejects the short form '127.1/8'", "127.1/8"],
            ["rejects the leading-zero octet '010.0.0.0/8'", "010.0.0.0/8"],
            ["rejects the zone id in 'fe80::1%eth0/64'", "fe80::1%eth0/64"],
            ["rejects an address without a prefix '10.0.0.0'", "10.0.0.0"],
            ["rejects the empty string", ""],
            ["rejects a zero-padded prefix '10.0.0.0/08'", "10.0.0.0/08"],
            ["rejects '0.0.0.0/00'", "0.0.0.0/00"],
            ["rejects a space in '10.0.0.0/ 8'", "10.0.0.0/ 8"],
            ["rejects a trailing newline", "10.0.0.0/8\n"],
            ["rejects a leading space ' 10.0.0.0/8'", " 10.0.0.0/8"],
            ["rejects a leading newline", "\n10.0.0.0/8"],
            ["rejects a label before the block 'cidr=10.0.0.0/8'", "cidr=10.0.0.0/8"],
            ["rejects a negative prefix '10.0.0.0/-1'", "10.0.0.0/-1"],
            ["rejects a hex octet '0x0a.0.0.0/8'", "0x0a.0.0.0/8"],
            ["rejects five octets '1.2.3.4.5/8'", "1.2.3.4.5/8"],
            ["rejects two '::' in '1::2::3/64'", "1::2::3/64"],
            ["rejects nine groups '1:2:3:4:5:6:7:8:9/64'", "1:2:3:4:5:6:7:8:9/64"],
            ["rejects a five-digit group '00000::/0'", "00000::/0"],
            ["rejects a group above ffff '10000::/1'", "10000::/1"],
            ["rejects a five-digit last group '::00001/128'", "::00001/128"],
            ["rejects a five-digit last group after seven groups '1:2:3:4:5:6:7:00008/128'", "1:2:3:4:5:6:7:00008/128"],
            ["rejects a five-digit middle group '1:00002::/32'", "1:00002::/32"],
            ["rejects an embedded IPv4 with a leading zero '::010.0.0.1/128'", "::010.0.0.1/128"],
            ["rejects an embedded IPv4 octet above 255 '::ffff:1.2.3.256/128'", "::ffff:1.2.3.256/128"],
            ["rejects too many groups before an embedded IPv4", "1:2:3:4:5:6:7:1.2.3.4/128"],
            ["rejects '::' standing for no group after eight groups '1:2:3:4:5:6:7:8::/128'", "1:2:3:4:5:6:7:8::/128"],
            ["rejects '::' standing for no group before eight groups '::1:2:3:4:5:6:7:8/128'", "::1:2:3:4:5:6:7:8/128"],
            ["rejects '::' standing for no group among eight groups '1:2:3:4::5:6:7:8/128'", "1:2:3:4::5:6:7:8/128"],
            ["rejects '::' standing for no group before an embedded IPv4 '1:2:3:4:5:6::1.2.3.4/128'", "1:2:3:4:5:6::1.2.3.4/128"],
            ["rejects '::' standing for no group at the front with an embedded IPv4 '::1:2:3:4:5:6:1.2.3.4/128'", "::1:2:3:4:5:6:1.2.3.4/128"],
            ["rejects two '::' around eight groups '1:2:3:4::5:6::7:8/128'", "1:2:3:4::5:6::7:8/128"],
            ["rejects a trailing colon '1:2:3:4:5:6:7:8:/128'", "1:2:3:4:5:6:7:8:/128"],
            ["rejects a leading colon ':1:2:3:4:5:6:7:8/128'", ":1:2:3:4:5:6:7:8/128"],
            ["rejects a leading colon before '::' ':1::/64'", ":1::/64"],
            ["rejects a trailing colon after '::' '1::2:/64'", "1::2:/64"],
            ["rejects three colons in a row '1:::2/64'", "1:::2/64"],
            ["rejects seven groups without '::' '1:2:3:4:5:6:7/64'", "1:2:3:4:5:6:7/64"],
            ["rejects one group without '::' 'abcd/16'", "abcd/16"],
            ["rejects an empty group '1:2:3::5:6::/64'", "1:2:3::5:6::/64"],
            ["rejects an embedded IPv4 that is not last '::1.2.3.4:5/128'", "::1.2.3.4:5/128"],
            ["rejects an embedded IPv4 alone after a colon ':1.2.3.4/128'", ":1.2.3.4/128"],
            ["rejects a hostname", "example.com/24"],
            ["rejects the number 0", 0],
            ["rejects null", null],
            ["rejects undefined", undefined],
            ["rejects a list holding a CIDR", ["0.0.0.0/0"]],
            ["rejects an object", { cidr: "0.0.0.0/0" }],
            ["rejects a 10,000-character string", "1".repeat(10_000) + "/8"],
            ["rejects a 10,000-character IPv6-looking string", "0:".repeat(5_000) + ":/0"],
        ];
        for (const [name, input] of cases) {
            it(name, () => assert.strictEqual(parseCidr(input), undefined));
        }
    });

    describe("parseCidr: family", () => {
        const cases: [string, string, Family, boolean][] = [
            ["rejects '::/0' when IPv4 is wanted", "::/0", 4, false],
            ["rejects '0.0.0.0/0' when IPv6 is wanted", "0.0.0.0/0", 6, false],
            ["rejects '::ffff:0.0.0.0/96' when IPv4 is wanted", "::ffff:0.0.0.0/96", 4, false],
            ["rejects the invalid '10.0.0.300/16' when IPv4 is wanted", "10.0.0.300/16", 4, false],
            ["rejects the invalid '1::2::3/64' when IPv6 is wanted", "1::2::3/64", 6, false],
            ["accepts '10.0.0.0/8' when IPv4 is wanted", "10.0.0.0/8", 4, true],
            ["accepts '::/0' when IPv6 is wanted", "::/0", 6, true],
        ];
        for (const [name, input, family, ok] of cases) {
            it(name, () => assert.deepStrictEqual(parseCidr(input, family), ok ? parseCidr(input) : undefined));
        }
        it("returns the same block with and without the matching family", () => {
            assert.deepStrictEqual(parseCidr("10.0.0.0/8", 4), cidr("10.0.0.0/8", 4, 8, v4(10, 0, 0, 0), v4(10, 255, 255, 255)));
        });
        it("parses a block asked for in the wrong family first, then in its own (parsed blocks are cached)", () => {
            assert.deepStrictEqual([parseCidr("172.31.0.0/16", 6), parseCidr("172.31.0.0/16", 4)],
                [undefined, cidr("172.31.0.0/16", 4, 16, v4(172, 31, 0, 0), v4(172, 31, 255, 255))]);
        });
        it("hands out blocks that cannot be changed, since they are shared", () => {
            const block = parseCidr("192.168.0.0/16")!;
            assert.throws(() => { (block as { prefix: number }).prefix = 0; }, TypeError);
            assert.throws(() => { (block.range as { lo: bigint }).lo = 0n; }, TypeError);
            assert.strictEqual(parseCidr("192.168.0.0/16")!.prefix, 16);
        });
        it("answers right for 10,000 distinct blocks and for the first ones again afterwards (more than the parsed-block cache holds)", () => {
            const block = (i: number) => `10.${i >> 8}.${i & 255}.0/24`;
            const expected = (i: number) => cidr(block(i), 4, 24, v4(10, i >> 8, i & 255, 0), v4(10, i >> 8, i & 255, 255));
            for (let i = 0; i < 10_000; i++) {
                assert.deepStrictEqual(parseCidr(block(i)), expected(i), block(i));
                assert.strictEqual(parseCidr("10.0.0.300/16"), undefined);
            }
            for (let i = 0; i < 10; i++) {
                const again = parseCidr(block(i));
                assert.deepStrictEqual(again, expected(i));
                assert.ok(Object.isFrozen(again) && Object.isFrozen(again!.range), "a block parsed again is frozen too");
                assert.strictEqual(parseCidr(block(i), 6), undefined);
            }
        });
    });

    describe("isWholeFamily and familyRange", () => {
        it("counts '0.0.0.0/0' as the whole family", () => assert.strictEqual(isWholeFamily(parsed("0.0.0.0/0")[0]), true));
        it("counts '::0/0' as the whole family", () => assert.strictEqual(isWholeFamily(parsed("::0/0")[0]), true));
        it("does not count '0.0.0.0/1' as the whole family", () => assert.strictEqual(isWholeFamily(parsed("0.0.0.0/1")[0]), false));
        it("gives the IPv4 family range", () => assert.deepStrictEqual(familyRange(4), { lo: 0n, hi: V4_ALL }));
        it("gives the IPv6 family range", () => assert.deepStrictEqual(familyRange(6), { lo: 0n, hi: V6_ALL }));
    });

    describe("addressSet", () => {
        it("merges the blocks of one family and ignores the other family", () => {
            const set = addressSet(parsed("10.0.0.0/9", "10.128.0.0/9", "::/0", "192.168.0.0/16"), 4);
            assert.deepStrictEqual(set, [
                { lo: v4(10, 0, 0, 0), hi: v4(10, 255, 255, 255) },
                { lo: v4(192, 168, 0, 0), hi: v4(192, 168, 255, 255) },
            ]);
        });
    });

    describe("coversFamily", () => {
        const cases: [string, string[], Family, boolean][] = [
            ["0.0.0.0/1 + 128.0.0.0/1 cover IPv4", ["0.0.0.0/1", "128.0.0.0/1"], 4, true],
            ["0.0.0.0/1 alone does not cover IPv4", ["0.0.0.0/1"], 4, false],
            ["128.0.0.0/1 alone does not cover IPv4", ["128.0.0.0/1"], 4, false],
            ["the four /2 blocks cover IPv4", ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"], 4, true],
            ["three of the four /2 blocks do not cover IPv4", ["0.0.0.0/2", "64.0.0.0/2", "192.0.0.0/2"], 4, false],
            ["the /2 blocks in any order with duplicates cover IPv4", ["192.0.0.0/2", "0.0.0.0/2", "128.0.0.0/2", "64.0.0.0/2", "0.0.0.0/2"], 4, true],
            ["blocks written with host bits still cover IPv4", ["1.2.3.4/1", "200.1.1.1/1"], 4, true],
            ["0.0.0.0/0 covers IPv4", ["0.0.0.0/0"], 4, true],
            ["0.0.0.0/0 does not cover IPv6", ["0.0.0.0/0"], 6, false],
            ["::/1 + 8000::/1 cover IPv6", ["::/1", "8000::/1"], 6, true],
            ["::/1 alone does not cover IPv6", ["::/1"], 6, false],
            ["::/1 + 8000::/1 do not cover IPv4", ["::/1", "8000::/1"], 4, false],
            ["0.0.0.0/1 + 128.0.0.0/2 + 192.0.0.0/3 + 224.0.0.0/3 cover IPv4", ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/3"], 4, true],
            ["0.0.0.0/1 + 128.0.0.0/2 + 224.0.0.0/3 leave a gap", ["0.0.0.0/1", "128.0.0.0/2", "224.0.0.0/3"], 4, false],
            ["0.0.0.0/1 + 128.0.0.0/1 minus one address do not cover IPv4",
                ["0.0.0.0/1", ...rangeToCidrs({ lo: 1n << 31n, hi: V4_ALL - 1n }, 4)], 4, false],
            ["::0.0.0.0/96 fills the last gap of IPv6", ["8000::/1", ...rangeToCidrs({ lo: 1n << 32n, hi: (1n << 127n) - 1n }, 6), "::0.0.0.0/96"], 6, true],
            ["no blocks do not cover IPv4", [], 4, false],
        ];
        for (const [name, texts, family, expected] of cases) {
            it(name, () => assert.strictEqual(coversFamily(parsed(...texts), family), expected));
        }
    });

    describe("rangeToCidrs", () => {
        const cases: [string, bigint, bigint, Family, string[]][] = [
            ["formats the whole IPv4 family as 0.0.0.0/0", 0n, V4_ALL, 4, ["0.0.0.0/0"]],
            ["formats the whole IPv6 family as ::/0", 0n, V6_ALL, 6, ["::/0"]],
            ["formats a single address as a /32", v4(10, 0, 0, 1), v4(10, 0, 0, 1), 4, ["10.0.0.1/32"]],
            ["splits 10.0.0.1-10.0.0.6 into its minimal blocks", v4(10, 0, 0, 1), v4(10, 0, 0, 6), 4,
                ["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"]],
            ["splits the upper half of IPv4 minus its last address", 1n << 31n, V4_ALL - 1n, 4,
                ["128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5", "248.0.0.0/6", "252.0.0.0/7", "254.0.0.0/8",
                    "255.0.0.0/9", "255.128.0.0/10", "255.192.0.0/11", "255.224.0.0/12", "255.240.0.0/13", "255.248.0.0/14",
                    "255.252.0.0/15", "255.254.0.0/16", "255.255.0.0/17", "255.255.128.0/18", "255.255.192.0/19",
                    "255.255.224.0/20", "255.255.240.0/21", "255.255.248.0/22", "255.255.252.0/23", "255.255.254.0/24",
                    "255.255.255.0/25", "255.255.255.128/26", "255.255.255.192/27", "255.255.255.224/28",
                    "255.255.255.240/29", "255.255.255.248/30", "255.255.255.252/31", "255.255.255.254/32"]],
            ["formats an IPv6 block compactly", 0x20010db8n << 96n, (0x20010db8n << 96n) | ((1n << 96n) - 1n), 6, ["2001:db8::/32"]],
            ["formats an empty range as no blocks", 5n, 4n, 4, []],
        ];
        for (const [name, lo, hi, family, expected] of cases) {
            it(name, () => assert.deepStrictEqual(rangeToCidrs({ lo, hi }, family), expected));
        }

        /**
         * The minimal blocks of a range by brute force: from each start, try every prefix from the
         * widest down and take the first block that is aligned and stays inside the range.
         */
        const reference = (lo: bigint, hi: bigint, family: Family): [bigint, number][] => {
            const bits = family === 4 ? 32 : 128;
            const out: [bigint, number][] = [];
            for (let at = lo; at <= hi;) {
                for (let prefix = 0; prefix <= bits; prefix++) {
                    const block = 1n << BigInt(bits - prefix);
                    if (at % block === 0n && at + block - 1n <= hi) {
                        out.push([at, prefix]);
                        at += block;
                        break;
                    }
                }
            }
            return out;
        };
        for (const [family, label, base] of [[4, "IPv4", 0n], [4, "the top of IPv4", (1n << 32n) - 4096n], [6, "the top of IPv6", (1n << 128n) - 4096n]] as const) {
            it(`matches a brute-force reference on random ranges at ${label}`, () => {
                fc.assert(fc.property(fc.integer({ min: 0, max: 4095 }), fc.integer({ min: 0, max: 4095 }), (a, b) => {
                    const lo = base + BigInt(Math.min(a, b));
                    const hi = base + BigInt(Math.max(a, b));
                    const blocks = rangeToCidrs({ lo, hi }, family).map((text) => parseCidr(text, family)!);
                    assert.deepStrictEqual(blocks.map((c) => [c.range.lo, c.prefix]), reference(lo, hi, family));
                }), { numRuns: 300 });
            });
        }

        it("matches the reference on random ranges anywhere in IPv4, writing each address as ipaddr.js does", () => {
            fc.assert(fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), (a, b) => {
                const [lo, hi] = [BigInt(Math.min(a, b)), BigInt(Math.max(a, b))];
                const texts = rangeToCidrs({ lo, hi }, 4);
                const expected = reference(lo, hi, 4).map(([at, prefix]) => {
                    const octets = [24n, 16n, 8n, 0n].map((shift) => Number((at >> shift) & 0xffn));
                    return `${ipaddr.fromByteArray(octets).toString()}/${prefix}`;
                });
                assert.deepStrictEqual(texts, expected);
            }), { numRuns: 300 });
        });

        const roundTrips: [string, string][] = [
            ["10.0.0.0/8", "10.0.0.0/8"],
            ["10.1.2.3/16", "10.1.0.0/16"],
            ["0.0.0.0/0", "0.0.0.0/0"],
            ["192.168.1.77/32", "192.168.1.77/32"],
            ["::0/0", "::/0"],
            ["0:0:0:0:0:0:0:0/0", "::/0"],
            ["2001:DB8:0:0:1::/80", "2001:db8:0:0:1::/80"],
            ["fe80::1/10", "fe80::/10"],
            ["8000::/1", "8000::/1"],
        ];
        for (const [text, canonical] of roundTrips) {
            it(`round-trips '${text}' to ['${canonical}'] and back to the same range`, () => {
                const c = parsed(text)[0];
                const blocks = rangeToCidrs(c.range, c.family);
                assert.deepStrictEqual(blocks, [canonical]);
                assert.deepStrictEqual(parseCidr(blocks[0])?.range, c.range);
            });
        }
    });
});
