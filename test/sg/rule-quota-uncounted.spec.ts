/**
 * sg-rule-quota on the parts of a group's rules that cannot be counted yet: peers and lists not
 * known, rules that cannot be read, invalid lists, and rule resources whose group cannot be told yet.
 */
import * as assert from "assert";
import { sgRuleQuota } from "../../policies/sg/rule-quota";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
const rule = (peers: Record<string, unknown>) => ({ protocol: "tcp", fromPort: 443, toPort: 443, description: "r", ...peers });
const group = (name: string, ingress: unknown[], egress: unknown[] = []): TestResource =>
    ({ type: TYPE.sg, name, props: { description: "d", ingress, egress } });
const web = (ingress: unknown[], egress: unknown[] = []) => group("web", ingress, egress);
const other = group("other", []);
const WEB = urnOf(web([]));
const run = (resources: TestResource[]) => runStackPolicy(sgRuleQuota, resources).map((f) => [f.level, f.message, f.urn]);

const FIX = "Fix: Consolidate rules: reference security groups instead of listing many CIDRs, use a managed prefix list for " +
    "address sets (it counts its max entries), or raise the 'Inbound or outbound rules per security group' quota and set " +
    "maxRules to match (maxRules x maxSecurityGroups must stay at most 1000).";
const over = (n: number, family = "IPv4") => ["mandatory", `aws.ec2.SecurityGroup 'web' has ${n} inbound ${family} rules as AWS counts ` +
    "them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60. AWS rejects the rules " +
    `beyond the quota at deploy time. ${FIX}`, WEB];
const note = (why: string, counts: string) => ["advisory", `Cannot be verified at preview: ${why}. aws.ec2.SecurityGroup 'web' ` +
    `has at least ${counts}; this part cannot be counted against the quota of 60.`, WEB];

describe("sg-rule-quota: peers, lists and rules not known yet", () => {
    it("two CIDRs of one list not known yet are two rules: 59 known and 2 unknown make 61", () => {
        assert.deepStrictEqual(run([web([rule({ cidrBlocks: [...cidrs(59), UNKNOWN, UNKNOWN] })])]), [over(61)]);
    });

    it("a rule that cannot be read at all may add any number in both families: a note with both counts", () => {
        assert.deepStrictEqual(run([web([rule({ cidrBlocks: cidrs(10) }), UNKNOWN])]), [
            note("ingress[1] is not known until the resource is created", "10 inbound IPv4 and 0 inbound IPv6 rules"),
        ]);
    });

    it("a whole list of security groups not known yet may hold any number: a note in both families", () => {
        assert.deepStrictEqual(run([web([rule({ cidrBlocks: cidrs(10), securityGroups: UNKNOWN })])]), [
            note("ingress[0].securityGroups is not known until the resource is created", "10 inbound IPv4 and 0 inbound IPv6 rules"),
        ]);
    });

    it("a whole list of prefix-list IDs not known yet may be empty: with 60 CIDRs, one note and no violation", () => {
        assert.deepStrictEqual(run([web([rule({ cidrBlocks: cidrs(60), prefixListIds: UNKNOWN })])]), [
            note("ingress[0].prefixListIds is not known until the resource is created", "60 inbound IPv4 and 0 inbound IPv6 rules"),
        ]);
    });

    it("a family already over the quota: the violation alone, no note for a list of that family not known yet", () => {
        assert.deepStrictEqual(run([web([rule({ cidrBlocks: cidrs(61) }), rule({ cidrBlocks: UNKNOWN })])]), [over(61)]);
    });

    it("an invalid CIDR list in a family already over the quota: the violation and the invalid value, with that family's count", () => {
        assert.deepStrictEqual(run([web([rule({ cidrBlocks: cidrs(61) }), rule({ cidrBlocks: "10.0.0.0/8" })])]), [
            over(61),
            ["mandatory", "Cannot be evaluated: ingress[1].cidrBlocks should be a list, got '10.0.0.0/8'. aws.ec2.SecurityGroup 'web' has " +
                "at least 61 inbound IPv4 rules; this part cannot be counted against the quota of 60. Fix the value: AWS rejects it.", WEB],
        ]);
    });
});

describe("sg-rule-quota: what a rule resource whose group cannot be told yet may add", () => {
    const NOTE = (name: string) => `securityGroupId is not known until the resource is created (${name}, which may add its rules to this group)`;
    /** A rule resource whose securityGroupId is not known yet and may be 'web' or 'other'. */
    const pending = (type: string, props: Record<string, unknown>): TestResource => ({
        type, name: "extra", props: { securityGroupId: UNKNOWN, description: "d", ...props },
        propertyDependencies: { securityGroupId: ["web", "other"] },
    });

    it("a group reference counts in both families: at 60 IPv4 rules, a note in IPv4", () => {
        const ref = pending(TYPE.vpcIngress, { ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-0123" });
        assert.deepStrictEqual(run([web([rule({ cidrBlocks: cidrs(60) })]), other, ref]), [
            note(NOTE("aws.vpc.SecurityGroupIngressRule 'extra'"), "60 inbound IPv4 rules"),
        ]);
    });

    it("an outbound rule does not count against the inbound quota, and 1 outbound rule stays within it", () => {
        const out = pending(TYPE.vpcEgress, { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.200.0.0/16" });
        assert.deepStrictEqual(run([web([rule({ cidrBlocks: cidrs(60) })]), other, out]), []);
    });

    it("an IPv6 CIDR list not known yet may add any number of IPv6 rules only: a note in IPv6 on each group it may be on", () => {
        const v6 = pending(TYPE.sgRule, { type: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: UNKNOWN });
        const why = NOTE("aws.ec2.SecurityGroupRule 'extra'");
        assert.deepStrictEqual(run([web([rule({ cidrBlocks: cidrs(10) })]), other, v6]), [
            note(why, "0 inbound IPv6 rules"),
            ["advisory", `Cannot be verified at preview: ${why}. aws.ec2.SecurityGroup 'other' has at least 0 inbound IPv6 rules; this part ` +
                "cannot be counted against the quota of 60.", urnOf(other)],
        ]);
    });
});
