import * as assert from "assert";
import { ALL, ICMP, ICMPV6, Protocol, TCP, UDP, hasPorts, parseProtocol, protocolIncludes, protocolName } from "../../policies/net/protocol";

const num = (n: number): Protocol => ({ kind: "number", number: n });

describe("net/protocol", () => {
    describe("parseProtocol", () => {
        const cases: [string, unknown, Protocol | undefined][] = [
            ["parses 'tcp' as TCP", "tcp", TCP],
            ["parses 'TCP' case-insensitively as TCP", "TCP", TCP],
            ["parses the string '6' as TCP", "6", TCP],
            ["parses the number 6 as TCP", 6, TCP],
            ["parses 'udp' as UDP", "udp", UDP],
            ["parses '17' as UDP", "17", UDP],
            ["parses the number 17 as UDP", 17, UDP],
            ["parses 'icmp' as ICMP", "icmp", ICMP],
            ["parses '1' as ICMP", "1", ICMP],
            ["parses 'icmpv6' as ICMPv6", "icmpv6", ICMPV6],
            ["parses '58' as ICMPv6", "58", ICMPV6],
            ["parses '-1' as all protocols", "-1", ALL],
            ["parses 'all' as all protocols", "all", ALL],
            ["parses 'ALL' as all protocols", "ALL", ALL],
            ["parses the number -1 as all protocols", -1, ALL],
            ["parses '47' as protocol number 47", "47", num(47)],
            ["parses the number 47 as protocol number 47", 47, num(47)],
            ["parses '0' as protocol number 0", "0", num(0)],
            ["parses the number 255 as protocol number 255", 255, num(255)],
            ["parses '255' as protocol number 255", "255", num(255)],
            // The provider reads protocol numbers with strconv.Atoi and maps them to names, so a
            // zero-padded number is the same protocol as the plain one.
            ["parses '06' as TCP, not as a generic protocol 6", "06", TCP],
            ["parses '006' as TCP", "006", TCP],
            ["parses '017' as UDP", "017", UDP],
            ["parses '0047' as protocol number 47", "0047", num(47)],
            ["rejects the number 256", 256, undefined],
            ["rejects '256'", "256", undefined],
            ["rejects '0256'", "0256", undefined],
            ["rejects the number -2", -2, undefined],
            ["rejects '-6'", "-6", undefined],
            ["rejects the empty string", "", undefined],
            ["rejects 'ftp'", "ftp", undefined],
            ["rejects null", null, undefined],
            ["rejects undefined", undefined, undefined],
            ["rejects the non-integer 1.5", 1.5, undefined],
            ["rejects NaN", NaN, undefined],
            ["rejects '6.0'", "6.0", undefined],
            ["rejects a boolean", true, undefined],
            ["rejects an object", { kind: "tcp" }, undefined],
            ["parses '+6' as TCP, as strconv.Atoi does", "+6", TCP],
            ["parses ' tcp ' with spaces around it as TCP", " tcp ", TCP],
            ["parses '\\t-1\\n' with a tab and a newline around it as all protocols", "\t-1\n", ALL],
            ["parses ' 06 ' with spaces around it as TCP", " 06 ", TCP],
            ["rejects ' ' (only spaces)", " ", undefined],
            ["parses a 10,000-character zero-padded '6' as TCP", "0".repeat(10_000) + "6", TCP],
            ["rejects a 10,000-character zero-padded '256'", "0".repeat(10_000) + "256", undefined],
            ["rejects '1000'", "1000", undefined],
            ["rejects '+-6'", "+-6", undefined],
        ];
        for (const [name, input, expected] of cases) {
            it(name, () => {
                assert.deepStrictEqual(parseProtocol(input), expected);
            });
        }
    });

    describe("protocolIncludes", () => {
        const cases: [string, Protocol, Protocol, boolean][] = [
            ["all includes tcp", ALL, TCP, true],
            ["all includes udp", ALL, UDP, true],
            ["all includes protocol 47", ALL, num(47), true],
            ["all includes all", ALL, ALL, true],
            ["tcp includes tcp", TCP, TCP, true],
            ["tcp does not include udp", TCP, UDP, false],
            ["udp does not include tcp", UDP, TCP, false],
            ["tcp does not include all", TCP, ALL, false],
            ["icmp does not include icmpv6", ICMP, ICMPV6, false],
            ["number 47 includes number 47", num(47), num(47), true],
            ["number 47 does not include number 50", num(47), num(50), false],
            ["number 47 does not include tcp", num(47), TCP, false],
            ["tcp does not include number 47", TCP, num(47), false],
        ];
        for (const [name, rule, wanted, expected] of cases) {
            it(name, () => {
                assert.strictEqual(protocolIncludes(rule, wanted), expected);
            });
        }
    });

    describe("hasPorts", () => {
        const cases: [string, Protocol, boolean][] = [
            ["tcp has ports", TCP, true],
            ["udp has ports", UDP, true],
            ["icmp has no ports", ICMP, false],
            ["icmpv6 has no ports", ICMPV6, false],
            ["all has no port range of its own", ALL, false],
            ["protocol 47 has no ports", num(47), false],
        ];
        for (const [name, p, expected] of cases) {
            it(name, () => {
                assert.strictEqual(hasPorts(p), expected);
            });
        }
    });

    describe("protocolName", () => {
        const cases: [Protocol, string][] = [
            [ALL, "all protocols"],
            [TCP, "TCP"],
            [UDP, "UDP"],
            [ICMP, "ICMP"],
            [ICMPV6, "ICMPv6"],
            [num(47), "protocol 47"],
        ];
        for (const [p, expected] of cases) {
            it(`names ${JSON.stringify(p)} '${expected}'`, () => {
                assert.strictEqual(protocolName(p), expected);
            });
        }
    });
});
