import * as assert from "assert";
import { naclRulesEffective as policy } from "../../policies/nacl/rules-effective";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const entry = (ruleNo: number, action: string, fromPort: number, toPort: number, cidrBlock: string) =>
    ({ ruleNo, action, protocol: "tcp", fromPort, toPort, cidrBlock });

describe("nacl-rules-effective: complete messages", () => {
    it("an outbound deny that an earlier outbound allow already matches: named with its destination ('to')", () => {
        const acl: TestResource = { type: TYPE.nacl, name: "public", props: { vpcId: "vpc-1", ingress: [],
            egress: [entry(100, "allow", 0, 65535, "0.0.0.0/0"), entry(110, "deny", 443, 443, "10.0.0.0/8")] } };
        assert.deepStrictEqual(runStackPolicy(policy, [acl]), [{
            level: "advisory", urn: urnOf(acl),
            message: "Network ACL 'public': the outbound entry egress[1] (rule 110), deny TCP port 443 to 10.0.0.0/8, can never match: " +
                "rule 100 is evaluated first and already matches all of its traffic. Fix: remove it, or give it a rule number below the " +
                "entries that shadow it (AWS evaluates entries in ascending rule-number order).",
        }]);
    });
});
