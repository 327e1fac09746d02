import * as assert from "assert";
import { catalogue } from "../../policies/catalogue";
import { packConfigErrors } from "../../policies/core/pack-config";

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
        ["rejects a policy name the pack does not have, suggesting the closest", { "sg-egress-restrictd": { enforcementLevel: "mandatory", allowedPorts: [443] } },
            ["sg-egress-restrictd: this pack has no policy of that name; did you mean 'sg-egress-restricted'?"]],
        ["suggests `all` for a near miss of it", { al: { enforcementLevel: "advisory" } },
            ["al: this pack has no policy of that name; did you mean 'all'?"]],
        ["accepts `all` with a level", { all: { enforcementLevel: "mandatory" } }, []],
        ["rejects an option under `all`, which applies to no policy", { all: { enforcementLevel: "mandatory", allowedPorts: [443] } },
            ["all: sets only the enforcement level of every policy, so option 'allowedPorts' would apply to none; set it under each policy's name."]],
        ["rejects `constructor` and `toString` as options: options are the schema's own properties", { "sg-unused": { constructor: {}, toString: "x" } }, [
            "sg-unused: unknown option 'constructor' (known: exemptions, exemptionTag, stackTags).",
            "sg-unused: unknown option 'toString' (known: exemptions, exemptionTag, stackTags).",
        ]],
        ["rejects `__proto__` as an option", JSON.parse("{ \"sg-unused\": { \"__proto__\": { \"exemptions\": [] } } }") as Record<string, Record<string, unknown>>,
            ["sg-unused: unknown option '__proto__' (known: exemptions, exemptionTag, stackTags)."]],
        ["rejects an exemption with an extra key", { "sg-unused": { exemptions: [{ resource: "legacy-*", reason: "r", expiry: "2027-01-31" }] } },
            ["sg-unused: exemptions[0] has an unknown key 'expiry' (known: resource, reason, expires)."]],
        ["rejects an impossible expiry date", { "sg-unused": { exemptions: [{ resource: "legacy-*", reason: "r", expires: "2099-02-30" }] } },
            ["sg-unused: exemptions[0].expires (\"2099-02-30\") is not a date YYYY-MM-DD."]],
        ["rejects an exemption without expires on a policy that is mandatory by default", { "sg-no-admin-ports-from-world": { exemptions: [{ resource: "bastion", reason: "r" }] } },
            ["sg-no-admin-ports-from-world: exemptions[0] ('bastion') has no expires date, which every exemption from a mandatory policy needs (YYYY-MM-DD)."]],
        ["rejects an exemption without expires on a policy the configuration makes mandatory",
            { "sg-unused": { enforcementLevel: "mandatory", exemptions: [{ resource: "legacy-*", reason: "r" }] } },
            ["sg-unused: exemptions[0] ('legacy-*') has no expires date, which every exemption from a mandatory policy needs (YYYY-MM-DD)."]],
        ["counts remediate as mandatory", { "sg-default-denies-all": { enforcementLevel: "remediate", exemptions: [{ resource: "default", reason: "r" }] } },
            ["sg-default-denies-all: exemptions[0] ('default') has no expires date, which every exemption from a mandatory policy needs (YYYY-MM-DD)."]],
        ["accepts an open-ended exemption on a policy the configuration makes advisory",
            { "sg-no-admin-ports-from-world": { enforcementLevel: "advisory", exemptions: [{ resource: "bastion", reason: "r" }] } }, []],
        ["rejects globs that match every resource on a mandatory policy: `*`, `**`, `urn:*`", { "sg-no-admin-ports-from-world": { exemptions: [
            { resource: "bastion", reason: "r", expires: "2027-01-31" },
            { resource: "*", reason: "r", expires: "2027-01-31" },
        ] }, "sg-rules-managed-one-way": { exemptions: [{ resource: "**", reason: "r", expires: "2027-01-31" }] },
        "nacl-no-admin-ports-from-world": { exemptions: [{ resource: "urn:*", reason: "r", expires: "2027-01-31" }] } }, [
            "sg-no-admin-ports-from-world: exemptions[1] ('*') matches every resource, which would switch a mandatory policy off; set the policy's enforcementLevel instead.",
            "sg-rules-managed-one-way: exemptions[0] ('**') matches every resource, which would switch a mandatory policy off; set the policy's enforcementLevel instead.",
            "nacl-no-admin-ports-from-world: exemptions[0] ('urn:*') matches every resource, which would switch a mandatory policy off; set the policy's enforcementLevel instead.",
        ]],
        ["accepts a glob that matches every resource on an advisory policy", { "sg-unused": { exemptions: [{ resource: "**", reason: "r" }] } }, []],
        ["accepts an exemption tag key or none, and rejects a blank one", {
            "sg-unused": { exemptionTag: "security-exception" }, "sg-rule-quota": { exemptionTag: "" }, "sg-descriptions": { exemptionTag: " " },
        }, ["sg-descriptions: exemptionTag should be a tag key, or empty to turn tag exemptions off."]],
    ];
    for (const [name, config, expected] of cases) {
        it(name, () => assert.deepStrictEqual(packConfigErrors(config), expected));
    }

    describe("a team's pack, which serves other policies than the catalogue", () => {
        const served = [...catalogue(), { name: "team-no-public-buckets", enforcementLevel: "mandatory" as const }];

        it("accepts the team's own policy names, and leaves their options to them", () => {
            assert.deepStrictEqual(packConfigErrors({ "team-no-public-buckets": { enforcementLevel: "mandatory", allowList: ["logs"] } }, served), []);
        });

        it("suggests the team's own names for a typo", () => {
            assert.deepStrictEqual(packConfigErrors({ "team-no-public-bucket": { enforcementLevel: "mandatory" } }, served),
                ["team-no-public-bucket: this pack has no policy of that name; did you mean 'team-no-public-buckets'?"]);
        });

        it("rejects a catalogue policy the team's pack does not serve", () => {
            const without = catalogue().filter((p) => p.name !== "sg-unused");
            assert.deepStrictEqual(packConfigErrors({ "sg-unused": { enforcementLevel: "advisory" } }, without),
                ["sg-unused: this pack has no policy of that name; did you mean 'sg-rule-quota'?"]);
        });

        it("takes the served pack's declared level: a pack that makes a policy mandatory needs expiry dates", () => {
            const strict = catalogue().map((p) => ({ name: p.name, enforcementLevel: "mandatory" as const }));
            assert.deepStrictEqual(packConfigErrors({ "sg-unused": { exemptions: [{ resource: "legacy-*", reason: "r" }] } }, strict),
                ["sg-unused: exemptions[0] ('legacy-*') has no expires date, which every exemption from a mandatory policy needs (YYYY-MM-DD)."]);
        });
    });
});
