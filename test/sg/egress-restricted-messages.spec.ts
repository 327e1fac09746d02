import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgEgressRestricted } from "../../policies/sg/egress-restricted";
import { runResourcePolicy } from "../util/run-policy";
import { inline, sg } from "../util/shapes";

const policy = sgEgressRestricted as ResourceValidationPolicy;

describe("sg-egress-restricted: complete messages", () => {
    it("SMTP to 0.0.0.0/0: egress to the whole internet beyond the allowed ports, why it matters and the fix", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([], [inline("tcp", 25, 25, { cidrBlocks: ["0.0.0.0/0"] })])), [{
            level: "advisory",
            message: "egress[0].cidrBlocks[0] allows TCP port 25 to 0.0.0.0/0 (every IPv4 address), which is egress to the whole " +
                "internet beyond the allowed ports. Unrestricted egress lets malware call home and data leave on any port. Fix: Limit " +
                "egress to the internet to the ports the workload needs (HTTPS 443 by default), and reach other destinations by " +
                "security-group reference, a prefix list or a VPC endpoint. A group with no egress rules at all is fine: pulumi-aws " +
                "removes AWS's default allow-all rule.",
        }]);
    });
});
