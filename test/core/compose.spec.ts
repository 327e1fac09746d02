import * as assert from "assert";
import { catalogue } from "../../policies/catalogue";
import { PolicyName, PolicyOptions, createPack } from "../../policies/core/compose";
import { GOVERNANCE_KEYS } from "../../policies/core/governance";

// Every option of every policy, listed once: the compiler checks each name exists on the type and
// that none is missing; the test below checks the list against the policies' config schemas.
const optionKeys = {
    "sg-no-admin-ports-from-world": ["ports"],
    "sg-db-ingress-only-from-security-groups": ["ports", "allowedCidrs", "allowedPrefixLists"],
    "sg-egress-restricted": ["allowedPorts", "allowedUdpPorts"],
    "sg-ingress-from-world-allowed-ports": ["allowedPorts", "allowedUdpPorts"],
    "sg-prefer-security-group-references": ["ipv4PrefixLength", "ipv6PrefixLength"],
    "sg-no-all-traffic-rules": ["maxPortRange"],
    "sg-descriptions": [],
    "sg-default-denies-all": [],
    "eni-security-group-limit": ["maxSecurityGroups"],
    "sg-rule-quota": ["maxRules"],
    "db-ingress-only-via-security-groups": [],
    "sg-rules-managed-one-way": [],
    "sg-unused": [],
    "sg-world-ingress-only-on-load-balancers": [],
    "vpc-flow-logs-enabled": [],
    "nacl-ephemeral-return-traffic": ["ephemeralPorts"],
    "nacl-no-admin-ports-from-world": ["ports"],
    "nacl-rules-effective": ["maxEntriesPerDirection"],
} as const satisfies { [K in PolicyName]: readonly (keyof PolicyOptions[K])[] };
type Missing = { [K in PolicyName]: Exclude<keyof PolicyOptions[K], (typeof optionKeys)[K][number]> }[PolicyName];
const exhaustive: [Missing] extends [never] ? true : never = true;

describe("createPack: a team's own pack from this one", () => {
    it("types every policy and option the catalogue declares, no more and no less", () => {
        assert.strictEqual(exhaustive, true);
        assert.deepStrictEqual(Object.keys(optionKeys).sort(), catalogue().map((p) => p.name).sort());
        for (const p of catalogue()) {
            const schemaKeys = Object.keys(p.configSchema?.properties ?? {}).filter((k) => !GOVERNANCE_KEYS.includes(k));
            assert.deepStrictEqual([...optionKeys[p.name as PolicyName]].sort(), schemaKeys.sort(), p.name);
        }
    });

    it("keeps every policy at its default level with no overrides", () => {
        const { policies, initialConfig } = createPack();
        assert.deepStrictEqual(policies.map((p) => [p.name, p.enforcementLevel]), catalogue().map((p) => [p.name, p.enforcementLevel]));
        assert.deepStrictEqual(initialConfig, {});
    });

    it("applies `all`, a per-policy level, and options (with their own level) as the initial configuration", () => {
        const { policies, initialConfig } = createPack({
            all: "mandatory",
            "sg-descriptions": "disabled",
            "sg-egress-restricted": { allowedPorts: [443, "8443-8444"], enforcementLevel: "advisory" },
            "sg-unused": { exemptions: [{ resource: "legacy-*", reason: "decommissioned in Q1", expires: "2027-03-31" }] },
        });
        const levels = Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]));
        assert.strictEqual(levels["sg-descriptions"], "disabled");
        assert.strictEqual(levels["sg-egress-restricted"], "advisory");
        assert.strictEqual(levels["sg-unused"], "mandatory");
        assert.ok(Object.entries(levels).filter(([n]) => !["sg-descriptions", "sg-egress-restricted"].includes(n)).every(([, l]) => l === "mandatory"));
        assert.deepStrictEqual(initialConfig, {
            "sg-egress-restricted": { allowedPorts: [443, "8443-8444"], enforcementLevel: "advisory" },
            "sg-unused": { exemptions: [{ resource: "legacy-*", reason: "decommissioned in Q1", expires: "2027-03-31" }], enforcementLevel: "mandatory" },
        });
    });

    it("refuses an unknown policy name from an untyped caller", () => {
        assert.throws(() => createPack({ "sg-egres-restricted": "mandatory" } as never), /createPack: unknown policy 'sg-egres-restricted'/);
    });
});
