import * as assert from "assert";
import { covers, overlaps } from "../../policies/net/intervals";
import { ALL_PORTS, PortRange, formatPorts, isAllPorts, isPort, parsePortSpec, portSet, rangeWidth } from "../../policies/net/ports";

const r = (from: number, to: number): PortRange => ({ from, to });
// Port ranges as the pack compares them: as interval sets (portSet), with net/intervals.ts.
const containsPort = (range: PortRange, port: number): boolean => covers(portSet([range]), portSet([r(port, port)]));
const rangesOverlap = (a: PortRange, b: PortRange): boolean => overlaps(portSet([a]), portSet([b]));

describe("net/ports", () => {
    describe("a range contains a port (portSet, covers)", () => {
        const cases: [string, PortRange, number, boolean][] = [
            ["treats port 0 as a real port of 0-65535", ALL_PORTS, 0, true],
            ["contains 65535 in 0-65535", ALL_PORTS, 65535, true],
            ["contains port 0 in the single-port range 0", r(0, 0), 0, true],
            ["does not contain port 1 in the single-port range 0", r(0, 0), 1, false],
            ["contains the lower bound 22 of 22-23", r(22, 23), 22, true],
            ["contains the upper bound 23 of 22-23", r(22, 23), 23, true],
            ["does not contain 21 just below 22-23", r(22, 23), 21, false],
            ["does not contain 24 just above 22-23", r(22, 23), 24, false],
            ["contains 65535 in 65535-65535", r(65535, 65535), 65535, true],
            ["does not contain 65534 in 65535-65535", r(65535, 65535), 65534, false],
        ];
        for (const [name, range, port, expected] of cases) {
            it(name, () => assert.strictEqual(containsPort(range, port), expected));
        }
    });

    describe("ranges overlap (portSet, overlaps)", () => {
        const cases: [string, PortRange, PortRange, boolean][] = [
            ["overlaps ranges that share one end point", r(20, 22), r(22, 30), true],
            ["overlaps a range nested in another", r(0, 65535), r(443, 443), true],
            ["overlaps symmetric to the nesting", r(443, 443), r(0, 65535), true],
            ["does not overlap adjacent ranges", r(20, 21), r(22, 23), false],
            ["does not overlap adjacent ranges in the other order", r(22, 23), r(20, 21), false],
            ["overlaps port 0 with 0-65535", r(0, 0), ALL_PORTS, true],
            ["does not overlap port 0 with 1-65535", r(0, 0), r(1, 65535), false],
            ["overlaps identical single ports", r(3389, 3389), r(3389, 3389), true],
        ];
        for (const [name, a, b, expected] of cases) {
            it(name, () => assert.strictEqual(rangesOverlap(a, b), expected));
        }
    });

    describe("rangeWidth", () => {
        const cases: [string, PortRange, number][] = [
            ["counts a single port as width 1", r(22, 22), 1],
            ["counts port 0 alone as width 1", r(0, 0), 1],
            ["counts 5985-5986 as width 2", r(5985, 5986), 2],
            ["counts all ports as 65536", ALL_PORTS, 65536],
        ];
        for (const [name, range, expected] of cases) {
            it(name, () => assert.strictEqual(rangeWidth(range), expected));
        }
    });

    describe("isPort and isAllPorts", () => {
        const ports: [unknown, boolean][] = [[0, true], [65535, true], [-1, false], [65536, false], [1.5, false], ["22", false], [NaN, false]];
        for (const [value, expected] of ports) {
            it(`${expected ? "accepts" : "rejects"} ${JSON.stringify(value) ?? String(value)} as a port`, () => assert.strictEqual(isPort(value), expected));
        }
        it("recognises 0-65535 as all ports", () => assert.strictEqual(isAllPorts(r(0, 65535)), true));
        it("does not take 1-65535 for all ports", () => assert.strictEqual(isAllPorts(r(1, 65535)), false));
        it("does not take 0-65534 for all ports", () => assert.strictEqual(isAllPorts(r(0, 65534)), false));
    });

    describe("formatPorts and portSet", () => {
        const cases: [PortRange, string][] = [[ALL_PORTS, "all ports"], [r(22, 22), "port 22"], [r(0, 0), "port 0"], [r(5985, 5986), "ports 5985-5986"]];
        for (const [range, expected] of cases) {
            it(`formats ${range.from}-${range.to} as '${expected}'`, () => assert.strictEqual(formatPorts(range), expected));
        }
        it("turns port ranges into bigint intervals", () => {
            assert.deepStrictEqual(portSet([r(0, 0), r(22, 23)]), [{ lo: 0n, hi: 0n }, { lo: 22n, hi: 23n }]);
        });
    });

    describe("parsePortSpec", () => {
        const cases: [string, unknown, PortRange | undefined][] = [
            ["parses the number 22 as port 22", 22, r(22, 22)],
            ["parses the string '22' as port 22", "22", r(22, 22)],
            ["parses '5985-5986' as a range", "5985-5986", r(5985, 5986)],
            ["parses '0' as port 0", "0", r(0, 0)],
            ["parses the number 0 as port 0", 0, r(0, 0)],
            ["parses the number 65535 as port 65535", 65535, r(65535, 65535)],
            ["parses '0-65535' as all ports", "0-65535", ALL_PORTS],
            ["parses ' 22 - 23 ' with spaces as 22-23", " 22 - 23 ", r(22, 23)],
            ["parses the degenerate range '22-22' as port 22", "22-22", r(22, 22)],
            ["rejects the number -1", -1, undefined],
            ["rejects the number 65536", 65536, undefined],
            ["rejects '65536'", "65536", undefined],
            ["rejects '0-65536'", "0-65536", undefined],
            ["rejects the reversed range '10-5'", "10-5", undefined],
            ["rejects 'abc'", "abc", undefined],
            ["rejects the non-integer 1.5", 1.5, undefined],
            ["rejects '1.5'", "1.5", undefined],
            ["rejects the empty string", "", undefined],
            ["rejects '-1'", "-1", undefined],
            ["rejects an open range '22-'", "22-", undefined],
            ["rejects '123456'", "123456", undefined],
            ["rejects null", null, undefined],
            ["rejects a list", [22], undefined],
        ];
        for (const [name, input, expected] of cases) {
            it(name, () => assert.deepStrictEqual(parsePortSpec(input), expected));
        }
    });
});
