import * as assert from "assert";
import { TCP } from "../../policies/net/protocol";
import { NaclEntry, knownEntry, undeterminedPart } from "../../policies/model/nacl-entries";
import { invalidAt, unknownAt } from "../../policies/model/values";
import { UNKNOWN } from "../util/run-policy";
import { ACL, Props, RULE, cidr, entries, inline, one, origin, standalone } from "./nacl-entries-fixtures";

describe("model/nacl-entries", () => {
    describe("invalid values", () => {
        const base = (extra: Props) => one({ ...inline(100, "allow", "tcp", 80, 80, { cidrBlock: "10.0.0.0/8" }), ...extra });
        const cases: [string, Props, keyof NaclEntry, unknown][] = [
            ["an IPv4 CIDR with an octet over 255", { cidrBlock: "10.0.0.300/16" }, "cidr",
                invalidAt("ingress[0].cidrBlock", "invalid IPv4 CIDR '10.0.0.300/16' in ingress[0].cidrBlock")],
            ["an IPv6 block in cidrBlock", { cidrBlock: "::/0" }, "cidr",
                invalidAt("ingress[0].cidrBlock", "invalid IPv4 CIDR '::/0' in ingress[0].cidrBlock")],
            ["an IPv4 block in ipv6CidrBlock", { cidrBlock: undefined, ipv6CidrBlock: "0.0.0.0/0" }, "cidr",
                invalidAt("ingress[0].ipv6CidrBlock", "invalid IPv6 CIDR '0.0.0.0/0' in ingress[0].ipv6CidrBlock")],
            ["both CIDR blocks", { ipv6CidrBlock: "::/0" }, "cidr",
                invalidAt("ingress[0]", "ingress[0] sets both ingress[0].cidrBlock and ingress[0].ipv6CidrBlock: a network ACL entry has exactly one CIDR block")],
            ["no CIDR block", { cidrBlock: undefined }, "cidr",
                invalidAt("ingress[0]", "ingress[0] names no CIDR block: set ingress[0].cidrBlock or ingress[0].ipv6CidrBlock")],
            ["a CIDR that is not a string", { cidrBlock: 10 }, "cidr",
                invalidAt("ingress[0].cidrBlock", "ingress[0].cidrBlock should be a string, got 10")],
            ["rule number 0", { ruleNo: 0 }, "ruleNumber",
                invalidAt("ingress[0].ruleNo", "rule number 0 in ingress[0].ruleNo is outside 1-32766")],
            ["rule number 32767", { ruleNo: 32767 }, "ruleNumber",
                invalidAt("ingress[0].ruleNo", "rule number 32767 in ingress[0].ruleNo is outside 1-32766")],
            ["a fractional rule number", { ruleNo: 1.5 }, "ruleNumber",
                invalidAt("ingress[0].ruleNo", "rule number 1.5 in ingress[0].ruleNo is outside 1-32766")],
            ["no rule number", { ruleNo: undefined }, "ruleNumber",
                invalidAt("ingress[0].ruleNo", "ingress[0].ruleNo is missing: a network ACL entry needs a rule number")],
            ["an unknown action word", { action: "permit" }, "action",
                invalidAt("ingress[0].action", "invalid action 'permit' in ingress[0].action: should be 'allow' or 'deny'")],
            ["no action", { action: undefined }, "action",
                invalidAt("ingress[0].action", "ingress[0].action is missing: a network ACL entry needs 'allow' or 'deny'")],
            ["an unknown protocol", { protocol: "gre" }, "protocol",
                invalidAt("ingress[0].protocol", "invalid protocol 'gre' in ingress[0].protocol")],
            ["protocol 256", { protocol: "256" }, "protocol",
                invalidAt("ingress[0].protocol", "invalid protocol '256' in ingress[0].protocol")],
            ["a port over 65535", { toPort: 65536 }, "ports",
                invalidAt("ingress[0].toPort", "port 65536 in ingress[0].toPort is outside 0-65535")],
            ["a negative port for TCP", { fromPort: -1 }, "ports",
                invalidAt("ingress[0].fromPort", "port -1 in ingress[0].fromPort is outside 0-65535")],
            ["fromPort above toPort", { fromPort: 90, toPort: 80 }, "ports",
                invalidAt("ingress[0].fromPort", "ingress[0].fromPort (90) is greater than ingress[0].toPort (80)")],
            ["a missing port for TCP", { toPort: undefined }, "ports",
                invalidAt("ingress[0].toPort", "ingress[0].toPort is missing: a TCP or UDP entry needs a port range")],
        ];
        for (const [what, extra, key, expected] of cases) {
            it(`${what}: ${key} is invalid, naming the path and value`, () => {
                assert.deepStrictEqual(base(extra)[key], expected);
            });
        }

        it("an invalid protocol makes the ports invalid for the same reason, and the rest stays known", () => {
            const e = base({ protocol: "gre" });
            assert.deepStrictEqual(e.ports, e.protocol);
            assert.deepStrictEqual([e.ruleNumber, e.action, e.cidr], [100, "allow", cidr("10.0.0.0/8")]);
        });

        it("an ICMP type out of range", () => {
            assert.deepStrictEqual(one(inline(1, "allow", "icmp", 0, 0, { cidrBlock: "0.0.0.0/0" }, { icmpType: 256 })).icmp,
                { type: invalidAt("ingress[0].icmpType", "ICMP value 256 in ingress[0].icmpType is outside -1-255"), code: 0 });
        });

        it("a list that is not a list, and an element that is not an object", () => {
            assert.deepStrictEqual(entries(ACL, { ingress: "all" }), [{
                egress: false, ...Object.fromEntries(["ruleNumber", "action", "protocol", "ports", "cidr"]
                    .map((k) => [k, invalidAt("ingress", "ingress should be a list, got 'all'")])),
                origin: origin(ACL, "ingress"),
            }]);
            const bad = invalidAt("egress[0]", "egress[0] should be a network ACL entry, got 5");
            assert.deepStrictEqual(entries(ACL, { egress: [5] }), [
                { egress: true, ruleNumber: bad, action: bad, protocol: bad, ports: bad, cidr: bad, origin: origin(ACL, "egress[0]") },
            ]);
            const none = invalidAt("egress[0]", "egress[0] should be a network ACL entry, got nothing");
            assert.deepStrictEqual(entries(ACL, { egress: [null] }), [
                { egress: true, ruleNumber: none, action: none, protocol: none, ports: none, cidr: none, origin: origin(ACL, "egress[0]") },
            ]);
        });

        it("NetworkAclRule paths have no prefix", () => {
            const [e] = entries(RULE, standalone({ ruleNumber: 40000, cidrBlock: "300.0.0.0/8" }));
            assert.deepStrictEqual([e.ruleNumber, e.cidr], [
                invalidAt("ruleNumber", "rule number 40000 in ruleNumber is outside 1-32766"),
                invalidAt("cidrBlock", "invalid IPv4 CIDR '300.0.0.0/8' in cidrBlock"),
            ]);
            const [none] = entries(RULE, standalone({ cidrBlock: undefined }));
            assert.deepStrictEqual(none.cidr, invalidAt("", "the entry names no CIDR block: set cidrBlock or ipv6CidrBlock"));
        });
    });

    describe("unknown values (preview)", () => {
        it("each unknown field is unknown at its path; the rest is read", () => {
            const e = one(inline(UNKNOWN, "allow", "tcp", UNKNOWN, 80, { cidrBlock: UNKNOWN }));
            assert.deepStrictEqual(e, {
                egress: false, ruleNumber: unknownAt("ingress[0].ruleNo"), action: "allow", protocol: TCP,
                ports: unknownAt("ingress[0].fromPort"), cidr: unknownAt("ingress[0].cidrBlock"), origin: origin(ACL, "ingress[0]"),
            });
        });

        it("an unknown protocol makes the ports unknown too", () => {
            const e = one(inline(1, "allow", UNKNOWN, 80, 80, { cidrBlock: "0.0.0.0/0" }));
            assert.deepStrictEqual([e.protocol, e.ports, e.icmp], [unknownAt("ingress[0].protocol"), unknownAt("ingress[0].protocol"), undefined]);
        });

        it("an unknown IPv6 block beside a known IPv4 one is unknown (it may yet be empty)", () => {
            const e = one(inline(1, "allow", "tcp", 1, 2, { cidrBlock: "10.0.0.0/8", ipv6CidrBlock: UNKNOWN }));
            assert.deepStrictEqual(e.cidr, unknownAt("ingress[0].ipv6CidrBlock"));
        });

        it("an unknown list, and an unknown element", () => {
            const u = unknownAt("ingress");
            assert.deepStrictEqual(entries(ACL, { ingress: UNKNOWN }), [
                { egress: false, ruleNumber: u, action: u, protocol: u, ports: u, cidr: u, origin: origin(ACL, "ingress") },
            ]);
            const el = unknownAt("ingress[1]");
            assert.deepStrictEqual(entries(ACL, { ingress: [inline(1, "allow", "-1", 0, 0, { cidrBlock: "0.0.0.0/0" }), UNKNOWN] })[1],
                { egress: false, ruleNumber: el, action: el, protocol: el, ports: el, cidr: el, origin: origin(ACL, "ingress[1]") });
        });

        it("an unknown ICMP code", () => {
            assert.deepStrictEqual(one(inline(1, "allow", "icmp", 0, 0, { cidrBlock: "0.0.0.0/0" }, { icmpType: 3, icmpCode: UNKNOWN })).icmp,
                { type: 3, code: unknownAt("ingress[0].icmpCode") });
        });
    });

    describe("knownEntry and undeterminedPart", () => {
        it("a fully known entry converts for the evaluator", () => {
            const e = one(inline(100, "deny", "tcp", 22, 22, { cidrBlock: "10.0.0.0/8" }));
            assert.deepStrictEqual(knownEntry(e), {
                egress: false, ruleNumber: 100, action: "deny", protocol: TCP, ports: { from: 22, to: 22 }, cidr: cidr("10.0.0.0/8"), origin: origin(ACL, "ingress[0]"),
            });
            assert.strictEqual(undeterminedPart(e), undefined);
        });

        it("an entry with any undetermined field does not; the invalid part is reported before the unknown one", () => {
            const e = one(inline(UNKNOWN, "deny", "tcp", 22, 22, { cidrBlock: "10.0.0.300/8" }));
            assert.strictEqual(knownEntry(e), undefined);
            assert.deepStrictEqual(undeterminedPart(e), invalidAt("ingress[0].cidrBlock", "invalid IPv4 CIDR '10.0.0.300/8' in ingress[0].cidrBlock"));
            assert.deepStrictEqual(undeterminedPart(one(inline(UNKNOWN, "deny", "tcp", 22, 22, { cidrBlock: "10.0.0.0/8" }))), unknownAt("ingress[0].ruleNo"));
        });
    });
});
