import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgDefaultDeniesAll } from "../../policies/sg/default-denies-all";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { DEFAULT_SG, headsOf, inline, Props, sg } from "../util/shapes";

const policy = sgDefaultDeniesAll as ResourceValidationPolicy;
const run = headsOf(policy);

describe("sg-default-denies-all", () => {
    it("flags the AWS default self-referencing ingress rule with the full message", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, { type: DEFAULT_SG, props: { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] } }), [{
            level: "mandatory",
            message: "ingress[0].self allows all traffic (every protocol and port) from members of this security group " +
                "(self) on the default security group. Anything launched without an explicit group gets the default " +
                "one, so every rule on it applies to resources nobody chose to expose. Fix: Declare the default " +
                "security group with no ingress and no egress rules, and attach purpose-built security groups to " +
                "resources instead.",
        }]);
    });
    it("notes a whole unknown egress list with the rule it enforces", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, { type: DEFAULT_SG, props: { ingress: [], egress: UNKNOWN } }), [{
            level: "advisory",
            message: "Cannot be verified at preview: egress is not known until the resource is created. The default " +
                "security group must have no egress rules.",
        }]);
    });
    const cases: [string, { type: string; props: Props }, string[]][] = [
        ["passes a default SG with no rules", { type: DEFAULT_SG, props: { vpcId: "vpc-1" } }, []],
        ["passes a default SG with empty rule lists", { type: DEFAULT_SG, props: { ingress: [], egress: [] } }, []],
        ["flags every rule, ingress and egress", { type: DEFAULT_SG, props: { egress: [inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] })] } },
            ["mandatory: egress[0].cidrBlocks[0] allows all traffic (every protocol and port) to 0.0.0.0/0 (every IPv4 address) on the default security group",
                "mandatory: egress[0].ipv6CidrBlocks[0] allows all traffic (every protocol and port) to ::/0 (every IPv6 address) on the default security group"]],
        ["flags a rule whose values are unknown: the rule exists either way", { type: DEFAULT_SG, props: { ingress: [UNKNOWN] } },
            ["mandatory: ingress[0] is an ingress rule on the default security group"]],
        ["flags a rule whose self flag is unknown as a self rule, not as a rule without a peer",
            { type: DEFAULT_SG, props: { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: UNKNOWN }] } },
            ["mandatory: ingress[0].self allows all traffic (every protocol and port) from members of this security group (self) on the default security group"]],
        ["notes a whole unknown rule list", { type: DEFAULT_SG, props: { ingress: UNKNOWN } },
            ["advisory: Cannot be verified at preview: ingress is not known until the resource is created"]],
        ["ignores ordinary security groups", sg([inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/0"] })]), []],
    ];
    for (const [name, resource, expected] of cases) {
        it(name, () => assert.deepStrictEqual(run(resource), expected));
    }
});
