import * as assert from "assert";
import { sgRuleQuota } from "../../policies/sg/rule-quota";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const SG = TYPE.sg;
const SG_RULE = TYPE.sgRule;
const VPC_INGRESS = TYPE.vpcIngress;
const PREFIX_LIST = TYPE.prefixList;

const cidrs = (n: number, base = 10) => Array.from({ length: n }, (_, i) => `${base}.${Math.floor(i / 256)}.${i % 256}.0/24`);
const v6 = (n: number) => Array.from({ length: n }, (_, i) => `2001:db8:${i.toString(16)}::/48`);
const rule = (peers: Record<string, unknown>, port = 443) => ({ protocol: "tcp", fromPort: port, toPort: port, description: "r", ...peers });
const group = (name: string, ingress: unknown[], egress: unknown[] = [], extra: Record<string, unknown> = {}): TestResource =>
    ({ type: SG, name, props: { description: "d", ingress, egress, ...extra } });
const run = (resources: TestResource[], config?: Record<string, unknown>) =>
    runStackPolicy(sgRuleQuota, resources, config).map((f) => [f.level, f.message.split(". ")[0], f.urn]);

describe("sg-rule-quota", () => {
    it("passes 60 inbound IPv4 CIDRs in one inline rule", () => {
        assert.deepStrictEqual(run([group("web", [rule({ cidrBlocks: cidrs(60) })])]), []);
    });

    it("flags 61 inbound IPv4 CIDRs: one inline rule with N CIDRs is N rules", () => {
        const g = group("web", [rule({ cidrBlocks: cidrs(61) })]);
        assert.deepStrictEqual(run([g]), [[
            "mandatory",
            "aws.ec2.SecurityGroup 'web' has 61 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60",
            urnOf(g),
        ]]);
    });

    it("counts IPv4 and IPv6 separately: 60 of each passes", () => {
        assert.deepStrictEqual(run([group("web", [rule({ cidrBlocks: cidrs(60), ipv6CidrBlocks: v6(60) })])]), []);
    });

    it("counts a group reference in both families", () => {
        const g = group("web", [rule({ cidrBlocks: cidrs(59), ipv6CidrBlocks: v6(59) }), rule({ securityGroups: ["sg-a", "sg-b"] })]);
        assert.deepStrictEqual(run([g]), [
            ["mandatory", "aws.ec2.SecurityGroup 'web' has 61 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60", urnOf(g)],
            ["mandatory", "aws.ec2.SecurityGroup 'web' has 61 inbound IPv6 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60", urnOf(g)],
        ]);
    });

    it("counts inbound and outbound separately", () => {
        assert.deepStrictEqual(run([group("web", [rule({ cidrBlocks: cidrs(40) })], [rule({ cidrBlocks: cidrs(40) })])]), []);
    });

    it("adds standalone rules linked by dependency to the inline ones", () => {
        const g = group("web", [rule({ cidrBlocks: cidrs(55) })]);
        const extra: TestResource[] = cidrs(6, 20).map((c, i) => ({
            type: VPC_INGRESS, name: `r${i}`, props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: c },
            propertyDependencies: { securityGroupId: ["web"] },
        }));
        assert.deepStrictEqual(run([g, ...extra]).map((f) => f[1]), [
            "aws.ec2.SecurityGroup 'web' has 61 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60",
        ]);
    });

    it("counts a rule read back in the group's outputs and its standalone resource once", () => {
        const g = group("web", [rule({ cidrBlocks: cidrs(60) })], [], { id: "sg-1" });
        const same: TestResource = { type: SG_RULE, name: "dup", props: { type: "ingress", securityGroupId: "sg-1", ...rule({ cidrBlocks: [cidrs(60)[59]] }) } };
        assert.deepStrictEqual(run([g, same]), []);
    });

    it("counts a managed prefix list of the stack as its max entries", () => {
        const pl: TestResource = { type: PREFIX_LIST, name: "office", props: { id: "pl-1", maxEntries: 20, addressFamily: "IPv4" } };
        const g = group("web", [rule({ cidrBlocks: cidrs(41), prefixListIds: ["pl-1"] })]);
        assert.deepStrictEqual(run([pl, g]).map((f) => f[1]), [
            // 41 CIDRs + 20 prefix-list entries in IPv4; the 20 entries alone in IPv6 stay within 60.
            "aws.ec2.SecurityGroup 'web' has 61 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60",
        ]);
    });

    it("notes a prefix list whose size is unknown", () => {
        const g = group("web", [rule({ prefixListIds: ["pl-aws-managed"] })]);
        assert.deepStrictEqual(run([g]), [[
            "advisory",
            "Cannot be verified at preview: the size of the prefix list at ingress[0].prefixListIds[0] is not known in this stack (it counts as its max entries)",
            urnOf(g),
        ]]);
    });

    it("honours maxRules", () => {
        const g = group("web", [rule({ cidrBlocks: cidrs(3) })]);
        assert.deepStrictEqual(run([g], { maxRules: 2 }).map((f) => f[1]), [
            "aws.ec2.SecurityGroup 'web' has 3 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 2",
        ]);
    });
});

describe("sg-rule-quota: a note only when the unknown parts could exceed the quota, with right counts", () => {
    const note = (g: TestResource, why: string, count: string, max = 60) => [{
        level: "advisory", urn: urnOf(g),
        message: `Cannot be verified at preview: ${why}. aws.ec2.SecurityGroup '${g.name}' has at least ${count}; this part cannot be ` +
            `counted against the quota of ${max}.`,
    }];

    it("one CIDR not known yet is one rule: 59 known and 1 unknown stay within 60, no note", () => {
        assert.deepStrictEqual(run([group("web", [rule({ cidrBlocks: [...cidrs(59), UNKNOWN] })])]), []);
    });

    it("one CIDR not known yet is counted: 60 known and 1 unknown make 61, a violation", () => {
        const g = group("web", [rule({ cidrBlocks: [...cidrs(60), UNKNOWN] })]);
        assert.deepStrictEqual(run([g]).map((f) => f[1]), [
            "aws.ec2.SecurityGroup 'web' has 61 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60",
        ]);
    });

    it("a whole CIDR list not known yet may hold any number: a note in its family, with the family's count", () => {
        const g = group("web", [rule({ cidrBlocks: cidrs(10), ipv6CidrBlocks: UNKNOWN })]);
        assert.deepStrictEqual(runStackPolicy(sgRuleQuota, [g]), note(g, "ingress[0].ipv6CidrBlocks is not known until the resource is created", "0 inbound IPv6 rules"));
    });

    it("a prefix list of unknown size counts in both families: both counts are named", () => {
        const g = group("web", [rule({ cidrBlocks: cidrs(12), prefixListIds: ["pl-aws-managed"] })]);
        assert.deepStrictEqual(runStackPolicy(sgRuleQuota, [g]), note(g,
            "the size of the prefix list at ingress[0].prefixListIds[0] is not known in this stack (it counts as its max entries)",
            "13 inbound IPv4 and 1 inbound IPv6 rules"));
    });

    it("a managed prefix list of the stack, linked by dependency at a first preview, counts its maxEntries: no note", () => {
        const pl: TestResource = { type: PREFIX_LIST, name: "office", props: { maxEntries: 20, addressFamily: "IPv4" } };
        const g: TestResource = { ...group("web", [rule({ cidrBlocks: cidrs(41) }), rule({ prefixListIds: [UNKNOWN] })]), propertyDependencies: { ingress: ["office"] } };
        assert.deepStrictEqual(run([pl, g]).map((f) => f[1]), [
            "aws.ec2.SecurityGroup 'web' has 61 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60",
        ]);
    });

    it("a vpc rule's prefixListId linked by dependency to a prefix list whose maxEntries is not known yet: a note", () => {
        const pl: TestResource = { type: PREFIX_LIST, name: "office", props: { maxEntries: UNKNOWN, addressFamily: "IPv4" } };
        const g = group("web", []);
        const r: TestResource = {
            type: VPC_INGRESS, name: "from-office", props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: UNKNOWN },
            propertyDependencies: { securityGroupId: ["web"], prefixListId: ["office"] },
        };
        assert.deepStrictEqual(runStackPolicy(sgRuleQuota, [pl, g, r]), note(g, "maxEntries is not known until the resource is created", "1 inbound IPv4 and 1 inbound IPv6 rules"));
    });

    it("an invalid CIDR list is reported however few rules there are (AWS rejects it)", () => {
        const g = group("web", [rule({ cidrBlocks: "10.0.0.0/8" })]);
        assert.deepStrictEqual(run([g]).map((f) => [f[0], f[1]]), [["mandatory", "Cannot be evaluated: ingress[0].cidrBlocks should be a list, got '10.0.0.0/8'"]]);
    });
});
