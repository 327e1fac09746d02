import * as assert from "assert";
import { sgRuleQuota } from "../../policies/sg/rule-quota";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

describe("sg-rule-quota: complete messages", () => {
    it("three outbound IPv4 CIDRs over a quota of 2: the count as AWS makes it, what AWS does, and the fix", () => {
        const g: TestResource = { type: TYPE.sg, name: "web", props: { description: "d", ingress: [], egress: [
            { protocol: "tcp", fromPort: 443, toPort: 443, description: "r", cidrBlocks: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"] }] } };
        assert.deepStrictEqual(runStackPolicy(sgRuleQuota, [g], { maxRules: 2 }), [{
            level: "mandatory", urn: urnOf(g),
            message: "aws.ec2.SecurityGroup 'web' has 3 outbound IPv4 rules as AWS counts them (each CIDR, group reference and " +
                "prefix-list entry is one rule), more than the quota of 2. AWS rejects the rules beyond the quota at deploy time. " +
                "Fix: Consolidate rules: reference security groups instead of listing many CIDRs, use a managed prefix list for " +
                "address sets (it counts its max entries), or raise the 'Inbound or outbound rules per security group' quota and " +
                "set maxRules to match (maxRules x maxSecurityGroups must stay at most 1000).",
        }]);
    });
});
