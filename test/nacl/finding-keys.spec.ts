/**
 * The key of every finding of the network ACL policies (policies/core/finding-keys.ts): an entry
 * by its path on the ACL, a NetworkAclRule by its URN, a count by direction and family.
 */
import * as assert from "assert";
import { naclEphemeralReturnTraffic } from "../../policies/nacl/ephemeral-return-traffic";
import { naclNoAdminPortsFromWorld } from "../../policies/nacl/no-admin-ports-from-world";
import { naclRulesEffective } from "../../policies/nacl/rules-effective";
import { stackKeys } from "../util/finding-keys";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

type Props = Record<string, unknown>;
const e = (ruleNo: number, action: string, protocol: string, fromPort: number, toPort: number, cidr: string): Props =>
    ({ ruleNo, action, protocol, fromPort, toPort, [cidr.includes(":") ? "ipv6CidrBlock" : "cidrBlock"]: cidr });
const acl = (ingress: Props[], egress: Props[] = []): TestResource => ({ type: TYPE.nacl, name: "public", props: { vpcId: "vpc-1", ingress, egress } });
const ACL = urnOf({ type: TYPE.nacl, name: "public" });
/** A NetworkAclRule on 'public' (linked by dependency, its ID not known yet). */
const aclRule = (name: string, props: Props): TestResource => ({
    type: TYPE.naclRule, name, props: { networkAclId: UNKNOWN, egress: false, ...props }, propertyDependencies: { networkAclId: ["public"] },
});
const RULE = (name: string) => urnOf({ type: TYPE.naclRule, name });
const many = (n: number) => Array.from({ length: n }, (_, i) => e(i + 1, "allow", "tcp", 1000 + i, 1000 + i, `10.${i >> 8}.${i & 255}.0/24`));

describe("finding keys of the nacl policies", () => {
    describe("nacl-no-admin-ports-from-world", () => {
        const policy = naclNoAdminPortsFromWorld;

        it("the world on SSH in an inline entry and in a NetworkAclRule: each keyed by its entry", () => {
            const rule = aclRule("ssh6", { ruleNumber: 120, protocol: "tcp", ruleAction: "allow", fromPort: 22, toPort: 22, ipv6CidrBlock: "::/0" });
            assert.deepStrictEqual(stackKeys(policy, [acl([e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), e(110, "allow", "tcp", 22, 22, "0.0.0.0/0")]), rule]), [
                { policy: "nacl-no-admin-ports-from-world", urn: ACL, kind: "violation", at: "ingress[1]" },
                { policy: "nacl-no-admin-ports-from-world", urn: ACL, kind: "violation", at: RULE("ssh6") },
            ]);
        });

        it("the world split over two entries: keyed by both", () => {
            assert.deepStrictEqual(stackKeys(policy, [acl([e(100, "allow", "tcp", 22, 22, "0.0.0.0/1"), e(110, "allow", "tcp", 22, 22, "128.0.0.0/1")])]), [
                { policy: "nacl-no-admin-ports-from-world", urn: ACL, kind: "violation", at: "ingress[0], ingress[1]" },
            ]);
        });

        it("too many inbound entries to evaluate: keyed by the direction", () => {
            assert.deepStrictEqual(stackKeys(policy, [acl(many(101))]), [
                { policy: "nacl-no-admin-ports-from-world", urn: ACL, kind: "violation", at: "ingress" },
            ]);
        });

        it("an entry's CIDR not known yet: a note keyed by that value on the ACL, and on a NetworkAclRule after its URN", () => {
            const rule = aclRule("later", { ruleNumber: 120, protocol: "tcp", ruleAction: "allow", fromPort: 22, toPort: 22, cidrBlock: UNKNOWN });
            assert.deepStrictEqual(stackKeys(policy, [acl([e(100, "allow", "tcp", 22, 22, UNKNOWN)]), rule]), [
                { policy: "nacl-no-admin-ports-from-world", urn: ACL, kind: "note", at: "ingress[0].cidrBlock" },
                { policy: "nacl-no-admin-ports-from-world", urn: ACL, kind: "note", at: `${RULE("later")} cidrBlock` },
            ]);
        });

        it("a NetworkAclRule whose ACL cannot be told: a note on the rule, keyed by its networkAclId (the default)", () => {
            const rule = { ...aclRule("lost", { ruleNumber: 100, protocol: "tcp", ruleAction: "allow", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" }), propertyDependencies: {} };
            assert.deepStrictEqual(stackKeys(policy, [rule]), [
                { policy: "nacl-no-admin-ports-from-world", urn: RULE("lost"), kind: "note", at: "networkAclId" },
            ]);
        });

        it("a NetworkAclRule on an ACL outside the stack: a note keyed by the rule alone", () => {
            const rule = { type: TYPE.naclRule, name: "away", props: { networkAclId: "acl-9", ruleNumber: 100, egress: false, protocol: "tcp", ruleAction: "allow", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" } };
            assert.deepStrictEqual(stackKeys(policy, [rule]), [{ policy: "nacl-no-admin-ports-from-world", urn: RULE("away"), kind: "note" }]);
        });
    });

    describe("nacl-ephemeral-return-traffic", () => {
        const policy = naclEphemeralReturnTraffic;

        it("services without return paths: one key per entry and protocol, an all-protocol entry as TCP", () => {
            const inbound = [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), e(110, "allow", "udp", 53, 53, "0.0.0.0/0"), e(120, "allow", "-1", 0, 0, "10.0.0.0/8")];
            assert.deepStrictEqual(stackKeys(policy, [acl(inbound, [])]), [
                { policy: "nacl-ephemeral-return-traffic", urn: ACL, kind: "violation", at: "ingress[0] tcp" },
                { policy: "nacl-ephemeral-return-traffic", urn: ACL, kind: "violation", at: "ingress[1] udp" },
                { policy: "nacl-ephemeral-return-traffic", urn: ACL, kind: "violation", at: "ingress[2] tcp" },
            ]);
        });

        it("an outbound flow from a NetworkAclRule: keyed by the rule's URN and protocol", () => {
            const rule = aclRule("out", { egress: true, ruleNumber: 100, protocol: "tcp", ruleAction: "allow", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" });
            assert.deepStrictEqual(stackKeys(policy, [acl([], []), rule]), [
                { policy: "nacl-ephemeral-return-traffic", urn: ACL, kind: "violation", at: `${RULE("out")} tcp` },
            ]);
        });

        it("too many entries in each direction: keyed by each direction", () => {
            assert.deepStrictEqual(stackKeys(policy, [acl(many(101), many(101))]), [
                { policy: "nacl-ephemeral-return-traffic", urn: ACL, kind: "violation", at: "ingress" },
                { policy: "nacl-ephemeral-return-traffic", urn: ACL, kind: "violation", at: "egress" },
            ]);
        });

        it("an entry's port not known yet: a note keyed by that value (noteEntriesOnce)", () => {
            assert.deepStrictEqual(stackKeys(policy, [acl([{ ...e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), toPort: UNKNOWN }], [e(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")])]), [
                { policy: "nacl-ephemeral-return-traffic", urn: ACL, kind: "note", at: "ingress[0].toPort" },
            ]);
        });
    });

    describe("nacl-rules-effective", () => {
        const policy = naclRulesEffective;

        it("a duplicate rule number between an inline entry and a NetworkAclRule: keyed by both", () => {
            const rule = aclRule("dup", { ruleNumber: 100, protocol: "tcp", ruleAction: "deny", fromPort: 22, toPort: 22, cidrBlock: "10.0.0.0/8" });
            assert.deepStrictEqual(stackKeys(policy, [acl([e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")]), rule]), [
                { policy: "nacl-rules-effective", urn: ACL, kind: "violation", at: `ingress[0], ${RULE("dup")}` },
            ]);
        });

        it("an outbound entry that can never match: keyed by that entry", () => {
            const egress = [e(100, "allow", "tcp", 0, 65535, "0.0.0.0/0"), e(110, "deny", "tcp", 22, 22, "10.0.0.0/8")];
            assert.deepStrictEqual(stackKeys(policy, [acl([], egress)]), [
                { policy: "nacl-rules-effective", urn: ACL, kind: "violation", at: "egress[1]" },
            ]);
        });

        it("over the quota inbound in IPv4 and outbound in IPv6: keyed by direction and family", () => {
            const v4 = [e(100, "allow", "tcp", 1, 1, "0.0.0.0/0"), e(110, "allow", "tcp", 2, 2, "0.0.0.0/0"), e(120, "allow", "tcp", 3, 3, "0.0.0.0/0")];
            const v6 = [e(100, "allow", "tcp", 1, 1, "::/0"), e(110, "allow", "tcp", 2, 2, "::/0"), e(120, "allow", "tcp", 3, 3, "::/0")];
            assert.deepStrictEqual(stackKeys(policy, [acl(v4, v6)], { maxEntriesPerDirection: 2 }), [
                { policy: "nacl-rules-effective", urn: ACL, kind: "violation", at: "ingress IPv4" },
                { policy: "nacl-rules-effective", urn: ACL, kind: "violation", at: "egress IPv6" },
            ]);
        });

        it("a NetworkAclRule whose direction is not known that may take either count past the quota: a note per direction, keyed as the count", () => {
            const rule = aclRule("either", { egress: UNKNOWN, ruleNumber: 120, protocol: "tcp", ruleAction: "allow", fromPort: 3, toPort: 3, cidrBlock: "10.0.0.0/8" });
            const resources = [acl([e(100, "allow", "tcp", 1, 1, "0.0.0.0/0")], [e(100, "allow", "tcp", 1, 1, "0.0.0.0/0")]), rule];
            assert.deepStrictEqual(stackKeys(policy, resources, { maxEntriesPerDirection: 1 }), [
                { policy: "nacl-rules-effective", urn: ACL, kind: "note", at: "ingress IPv4" },
                { policy: "nacl-rules-effective", urn: ACL, kind: "note", at: "egress IPv4" },
                { policy: "nacl-rules-effective", urn: ACL, kind: "note", at: `${RULE("either")} egress` },
            ]);
        });
    });
});
