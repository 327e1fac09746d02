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
        ["rejects a malformed maxRules, naming the policy and the option", { "sg-rule-quota": { maxRules: "many" } },
            ["sg-rule-quota: maxRules (\"many\") should be an integer from 1 to 1000."]],
        ["rejects an unknown option (a typo)", { "sg-egress-restricted": { allowedPort: [443] } },
            ["sg-egress-restricted: unknown option 'allowedPort' (known: allowedPorts, allowedUdpPorts, exemptions, exemptionTag, stackTags)."]],
        ["rejects a port out of range and a reversed range", { "sg-no-admin-ports-from-world": { ports: [22, 70000] }, "nacl-ephemeral-return-traffic": { ephemeralPorts: "65535-1024" } }, [
            "sg-no-admin-ports-from-world: ports[1] (70000) is not a port 0-65535 or a \"from-to\" range.",
            "nacl-ephemeral-return-traffic: ephemeralPorts (\"65535-1024\") should be a port range \"from-to\" within 0-65535.",
        ]],
        ["rejects an invalid CIDR in allowedCidrs", { "sg-db-ingress-only-from-security-groups": { allowedCidrs: ["10.0.0.0/33"] } },
            ["sg-db-ingress-only-from-security-groups: allowedCidrs[0] (\"10.0.0.0/33\") is not a valid CIDR block."]],
        ["rejects an exemption without a reason", { "sg-unused": { exemptions: [{ resource: "legacy-*" }] } },
            ["sg-unused: exemptions[0] needs a resource (URN or glob) and a reason."]],
        ["rejects stack tags that are not strings", { "sg-descriptions": { stackTags: { environment: 1 } } },
            ["sg-descriptions: stackTags should be an object of tag names to values."]],
    ];
    for (const [name, config, expected] of cases) {
        it(name, () => assert.deepStrictEqual(packConfigErrors(config), expected));
    }
});
