import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { Cidr, parseCidr } from "../../policies/net/cidr";
import { ALL_PORTS } from "../../policies/net/ports";
import { ALL, ICMP, ICMPV6, TCP, UDP } from "../../policies/net/protocol";
import { NaclEntry, NaclEntrySet, knownEntry, naclEntries, undeterminedPart } from "../../policies/model/nacl-entries";
import { invalidAt, unknownAt } from "../../policies/model/values";
import { TYPE } from "../util/types";

const ACL = TYPE.nacl;
const DEFAULT_ACL = TYPE.defaultNacl;
const RULE = TYPE.naclRule;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Props = Record<string, unknown>;

function read(type: string, props: Props, proxy = true): NaclEntrySet | undefined {
    return naclEntries({ urn: `urn:pulumi:s::p::${type}::r`, name: "r", type, props: proxy ? unknownCheckingProxy(props) : props });
}

function entries(type: string, props: Props): NaclEntry[] {
    const set = read(type, props);
    assert.ok(set, "should read entries");
    return set.entries;
}

function cidr(text: string): Cidr {
    const c = parseCidr(text);
    assert.ok(c, `test setup: ${text} should parse`);
    return c;
}

function origin(type: string, path: string) {
    return { urn: `urn:pulumi:s::p::${type}::r`, name: "r", type, path };
}

/** An inline entry in the shape the SDK sends (see test/programs/nacl-shapes.spec.ts). */
function inline(ruleNo: unknown, action: unknown, protocol: unknown, fromPort: unknown, toPort: unknown, peer: Props, extra: Props = {}): Props {
    return { ruleNo, action, protocol, fromPort, toPort, ...peer, ...extra };
}

function standalone(extra: Props): Props {
    return { networkAclId: "acl-1", ruleNumber: 100, protocol: "tcp", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443, ...extra };
}

/** The single inline ingress entry read from a NetworkAcl. */
function one(entry: Props): NaclEntry {
    const es = entries(ACL, { vpcId: "vpc-1", ingress: [entry] });
    assert.strictEqual(es.length, 1);
    return es[0];
}

describe("model/nacl-entries", () => {
    describe("NetworkAcl and DefaultNetworkAcl inline entries", () => {
        it("reads ingress then egress, each with its path, in canonical form", () => {
            const es = entries(ACL, {
                vpcId: "vpc-1",
                ingress: [
                    inline(100, "allow", "tcp", 443, 443, { cidrBlock: "0.0.0.0/0" }),
                    inline(110, "deny", "icmp", 0, 0, { cidrBlock: "10.0.0.0/8" }, { icmpType: 8, icmpCode: -1 }),
                ],
                egress: [inline(100, "allow", "-1", 0, 0, { ipv6CidrBlock: "::/0" })],
            });
            assert.deepStrictEqual(es, [
                { egress: false, ruleNumber: 100, action: "allow", protocol: TCP, ports: { from: 443, to: 443 }, cidr: cidr("0.0.0.0/0"), origin: origin(ACL, "ingress[0]") },
                {
                    egress: false, ruleNumber: 110, action: "deny", protocol: ICMP, ports: null, cidr: cidr("10.0.0.0/8"),
                    icmp: { type: 8, code: -1 }, origin: origin(ACL, "ingress[1]"),
                },
                { egress: true, ruleNumber: 100, action: "allow", protocol: ALL, ports: ALL_PORTS, cidr: cidr("::/0"), origin: origin(ACL, "egress[0]") },
            ]);
            assert.strictEqual(read(ACL, { vpcId: "vpc-1" })?.networkAclId, undefined);
        });

        it("DefaultNetworkAcl reads alike", () => {
            assert.deepStrictEqual(entries(DEFAULT_ACL, {
                defaultNetworkAclId: "acl-d",
                ingress: [inline(100, "allow", "all", 0, 0, { cidrBlock: "0.0.0.0/0" })],
            }), [
                { egress: false, ruleNumber: 100, action: "allow", protocol: ALL, ports: ALL_PORTS, cidr: cidr("0.0.0.0/0"), origin: origin(DEFAULT_ACL, "ingress[0]") },
            ]);
        });

        it("no lists: no entries; other resource types: undefined", () => {
            assert.deepStrictEqual(entries(ACL, { vpcId: "vpc-1" }), []);
            assert.strictEqual(read("aws:ec2/securityGroup:SecurityGroup", { ingress: [] }), undefined);
        });

        it("reads the same values without the policy proxy (plain props)", () => {
            const props = { ingress: [inline(100, "allow", "tcp", 22, 22, { cidrBlock: "10.0.0.0/8" })] };
            assert.deepStrictEqual(read(ACL, props, false), read(ACL, props, true));
        });
    });

    describe("NetworkAclRule", () => {
        it("reads ruleNumber, ruleAction and the egress flag (default false), with its networkAclId", () => {
            assert.deepStrictEqual(read(RULE, standalone({})), {
                entries: [{ egress: false, ruleNumber: 100, action: "allow", protocol: TCP, ports: { from: 443, to: 443 }, cidr: cidr("0.0.0.0/0"), origin: origin(RULE, "") }],
                networkAclId: "acl-1",
            });
            assert.deepStrictEqual(entries(RULE, standalone({ egress: true, protocol: "udp", ruleAction: "deny", fromPort: 53, toPort: 53 })), [
                { egress: true, ruleNumber: 100, action: "deny", protocol: UDP, ports: { from: 53, to: 53 }, cidr: cidr("0.0.0.0/0"), origin: origin(RULE, "") },
            ]);
        });

        it("ICMPv6 with an IPv6 block, type and code", () => {
            const props = { networkAclId: "acl-1", ruleNumber: 210, protocol: "58", ruleAction: "allow", ipv6CidrBlock: "::/0", icmpType: 128, icmpCode: 0 };
            assert.deepStrictEqual(entries(RULE, props), [
                { egress: false, ruleNumber: 210, action: "allow", protocol: ICMPV6, ports: null, cidr: cidr("::/0"), icmp: { type: 128, code: 0 }, origin: origin(RULE, "") },
            ]);
        });

        it("networkAclId unknown in preview, or missing", () => {
            assert.deepStrictEqual(read(RULE, standalone({ networkAclId: UNKNOWN }))?.networkAclId, unknownAt("networkAclId"));
            assert.deepStrictEqual(read(RULE, standalone({ networkAclId: undefined }))?.networkAclId,
                invalidAt("networkAclId", "networkAclId is missing: a network ACL rule needs the ACL it belongs to"));
        });

        it("an unknown egress flag: the entry is read for both directions, its action unknown", () => {
            const es = entries(RULE, standalone({ egress: UNKNOWN }));
            assert.deepStrictEqual(es.map((e) => [e.egress, e.action, e.ruleNumber]), [
                [false, unknownAt("egress"), 100],
                [true, unknownAt("egress"), 100],
            ]);
        });

        it("an invalid egress flag is an invalid action in both directions", () => {
            const es = entries(RULE, standalone({ egress: "yes" }));
            assert.deepStrictEqual(es.map((e) => e.action), [
                invalidAt("egress", "egress should be true or false, got 'yes'"),
                invalidAt("egress", "egress should be true or false, got 'yes'"),
            ]);
        });
    });

    describe("protocol spellings", () => {
        const cases: [unknown, unknown, unknown][] = [
            ["tcp", TCP, { from: 80, to: 80 }],
            ["TCP", TCP, { from: 80, to: 80 }],
            ["6", TCP, { from: 80, to: 80 }],
            [6, TCP, { from: 80, to: 80 }],
            ["udp", UDP, { from: 80, to: 80 }],
            ["17", UDP, { from: 80, to: 80 }],
            ["icmp", ICMP, null],
            ["1", ICMP, null],
            ["icmpv6", ICMPV6, null],
            ["58", ICMPV6, null],
            ["-1", ALL, ALL_PORTS],
            [-1, ALL, ALL_PORTS],
            ["all", ALL, ALL_PORTS],
            ["ALL", ALL, ALL_PORTS],
            ["47", { kind: "number", number: 47 }, null],
        ];
        for (const [spelling, protocol, ports] of cases) {
            it(`${JSON.stringify(spelling)} reads as ${JSON.stringify(protocol)} with ports ${JSON.stringify(ports)}`, () => {
                const e = one(inline(100, "allow", spelling, 80, 80, { cidrBlock: "0.0.0.0/0" }));
                assert.deepStrictEqual([e.protocol, e.ports], [protocol, ports]);
            });
        }

        it("action in any case", () => {
            assert.deepStrictEqual(one(inline(1, "ALLOW", "tcp", 1, 2, { cidrBlock: "0.0.0.0/0" })).action, "allow");
            assert.deepStrictEqual(one(inline(1, "Deny", "tcp", 1, 2, { cidrBlock: "0.0.0.0/0" })).action, "deny");
        });

        it("ICMP type and code default to 0 when absent; other protocols carry no icmp field", () => {
            assert.deepStrictEqual(one(inline(1, "allow", "icmp", 0, 0, { cidrBlock: "0.0.0.0/0" })).icmp, { type: 0, code: 0 });
            assert.strictEqual("icmp" in one(inline(1, "allow", "tcp", 0, 0, { cidrBlock: "0.0.0.0/0" }, { icmpType: 8 })), false);
        });

        it("an empty-string CIDR counts as not set, as the provider reports the unused one", () => {
            assert.deepStrictEqual(one(inline(1, "allow", "tcp", 1, 2, { cidrBlock: "", ipv6CidrBlock: "::/0" })).cidr, cidr("::/0"));
        });
    });

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
