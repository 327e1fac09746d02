import * as assert from "assert";
import { ALL_PORTS } from "../../policies/net/ports";
import { ALL, ICMP, ICMPV6, TCP, UDP } from "../../policies/net/protocol";
import { invalidAt, unknownAt } from "../../policies/model/values";
import { UNKNOWN } from "../util/run-policy";
import { ACL, DEFAULT_ACL, RULE, cidr, entries, inline, one, origin, read, standalone } from "./nacl-entries-fixtures";

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
});
