import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgDescriptions } from "../../policies/sg/descriptions";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { classic, inline, SG, sg, vpcRule } from "../util/shapes";

const policy = sgDescriptions as ResourceValidationPolicy;
const FIX = "Fix: Give the security group a description of what it protects, and every rule a description of why it exists " +
    "(who the peer is and what it needs).";
const advisory = (message: string) => [{ level: "advisory", message }];

describe("sg-descriptions: complete messages", () => {
    it("a group description not known yet: a note that it cannot be checked", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, { type: SG, props: { description: UNKNOWN, ingress: [], egress: [] } }), advisory(
            "Cannot be verified at preview: description is not known until the resource is created. The group's description cannot be checked."));
    });

    it("a group whose description is only blanks", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, { type: SG, props: { description: "   ", ingress: [], egress: [] } }), advisory(
            `The security group has the description "   ". Reviewers and incident responders cannot tell what it protects. ${FIX}`));
    });

    it("a group without a description: the provider's default, which tells reviewers nothing", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, { type: SG, props: { ingress: [], egress: [] } }), advisory(
            "The security group has no description, so the provider sets \"Managed by Pulumi\". Reviewers and incident responders " +
            `cannot tell what it protects. ${FIX}`));
    });

    it("a group whose description is the provider's default written out", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, { type: SG, props: { description: "Managed by Pulumi", ingress: [], egress: [] } }), advisory(
            "The security group has the description \"Managed by Pulumi\". Reviewers and incident responders cannot tell what it " +
            `protects. ${FIX}`));
    });

    it("an inline rule whose description is not known yet: a note naming the rule by its path", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([{ ...inline("tcp", 443, 443, { cidrBlocks: ["10.0.0.0/8"] }), description: UNKNOWN }])), advisory(
            "Cannot be verified at preview: ingress[0].description is not known until the resource is created. ingress[0]'s description " +
            "cannot be checked."));
    });

    it("a standalone rule whose description is not known yet: a note on the rule", () => {
        const r = classic("ingress", "tcp", 443, 443, { cidrBlocks: ["10.0.0.0/8"] });
        assert.deepStrictEqual(runResourcePolicy(policy, { ...r, props: { ...r.props, description: UNKNOWN } }), advisory(
            "Cannot be verified at preview: description is not known until the resource is created. The rule's description cannot be checked."));
    });

    it("one inline egress rule without a description", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([], [{ ...inline("tcp", 443, 443, { cidrBlocks: ["10.0.0.0/8"] }), description: "" }])), advisory(
            `egress[0] (egress) has no description. Without one, nobody can tell later whether the rule is still needed. ${FIX}`));
    });

    it("a standalone egress rule without a description", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, vpcRule("egress", "tcp", [443, 443], { cidrIpv4: "10.0.0.0/8", description: undefined })), advisory(
            `The rule (egress) has no description. Without one, nobody can tell later whether the rule is still needed. ${FIX}`));
    });
});
