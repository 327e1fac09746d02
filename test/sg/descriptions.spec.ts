import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgDescriptions } from "../../policies/sg/descriptions";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { classic, DEFAULT_SG, headsOf, Props, SG } from "../util/shapes";

const policy = sgDescriptions as ResourceValidationPolicy;
const run = headsOf(policy);
const rule = (extra: Props = {}) => ({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/24", "10.0.1.0/24"], ...extra });

describe("sg-descriptions", () => {
    it("flags a group without a description with the full message", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, { type: SG, props: {} }), [{
            level: "advisory",
            message: "The security group has no description, so the provider sets \"Managed by Pulumi\". Reviewers and " +
                "incident responders cannot tell what it protects. Fix: Give the security group a description of what " +
                "it protects, and every rule a description of why it exists (who the peer is and what it needs).",
        }]);
    });
    it("lists every undescribed rule of a group in one finding, with the full message", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, { type: SG, props: { description: "web", ingress: [rule(), rule({ description: "ok" }), rule()] } }), [{
            level: "advisory",
            message: "2 rules have no description: ingress[0] and ingress[2]. Without one, nobody can tell later whether a rule is " +
                "still needed. Fix: Give the security group a description of what it protects, and every rule a description of why " +
                "it exists (who the peer is and what it needs).",
        }]);
    });
    const cases: [string, { type: string; props: Props }, string[]][] = [
        ["passes a described group with described rules", { type: SG, props: { description: "web tier", ingress: [rule({ description: "from ALB" })] } }, []],
        ["flags the provider default description", { type: SG, props: { description: "Managed by Pulumi" } },
            ["advisory: The security group has the description \"Managed by Pulumi\""]],
        ["flags a blank description", { type: SG, props: { description: "  " } },
            ["advisory: The security group has the description \"  \""]],
        ["lists every undescribed inline rule in one finding, each once whatever its number of CIDRs",
            { type: SG, props: { description: "web", ingress: [rule(), rule({ description: "ok" })], egress: [rule({ description: "" })] } },
            ["advisory: 2 rules have no description: ingress[0] and egress[0]"]],
        ["lists six undescribed rules of one group in one finding",
            { type: SG, props: { description: "web", ingress: [rule(), rule(), rule(), rule()], egress: [rule(), rule({ description: " " })] } },
            ["advisory: 6 rules have no description: ingress[0], ingress[1], ingress[2], ingress[3], egress[0] and egress[1]"]],
        ["reports a missing group description and the undescribed rules as two findings",
            { type: SG, props: { ingress: [rule(), rule()] } },
            ["advisory: The security group has no description, so the provider sets \"Managed by Pulumi\"",
                "advisory: 2 rules have no description: ingress[0] and ingress[1]"]],
        ["flags an undescribed standalone rule", classic("ingress", "tcp", 443, 443, { cidrBlocks: ["10.0.0.0/24"], description: undefined }),
            ["advisory: The rule (ingress) has no description"]],
        ["checks only the rules of a default security group", { type: DEFAULT_SG, props: { ingress: [rule()] } },
            ["advisory: ingress[0] (ingress) has no description"]],
        ["notes an unknown description", { type: SG, props: { description: UNKNOWN } },
            ["advisory: Cannot be verified at preview: description is not known until the resource is created"]],
    ];
    for (const [name, resource, expected] of cases) {
        it(name, () => assert.deepStrictEqual(run(resource), expected));
    }
});
