import * as assert from "assert";
import { packConfigErrors } from "../policies/pack-config";

describe("pack configuration checks", () => {
    const cases: [string, Record<string, Record<string, unknown>>, string[]][] = [
        ["accepts the defaults (60 rules x 5 groups = 300)", {}, []],
        ["accepts exactly 1000 (200 rules x 5 groups)", { "sg-rule-quota": { maxRules: 200 } }, []],
        ["accepts 62 rules x 16 groups = 992", { "sg-rule-quota": { maxRules: 62 }, "eni-security-group-limit": { maxSecurityGroups: 16 } }, []],
        ["rejects 100 rules x 16 groups = 1600", { "sg-rule-quota": { maxRules: 100 }, "eni-security-group-limit": { maxSecurityGroups: 16 } }, [
            "sg-rule-quota maxRules (100) x eni-security-group-limit maxSecurityGroups (16) = 1600, but AWS allows at most 1000 rules per network interface, so no account can have both quotas. Lower one of them.",
        ]],
        ["leaves a malformed maxRules to the policy's own error", { "sg-rule-quota": { maxRules: "many" } }, []],
    ];
    for (const [name, config, expected] of cases) {
        it(name, () => assert.deepStrictEqual(packConfigErrors(config), expected));
    }
});
