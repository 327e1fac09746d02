import * as assert from "assert";
import { catalogue } from "../../policies/catalogue";
import { PortSpec } from "../../policies/core/config";
import { PolicyName, PolicyOptions, createPack } from "../../policies/core/compose";

// The options' types follow from the policies' config schemas; one policy per kind of option,
// checked exactly by the compiler (`npm run lint`).
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;
const typedFromSchemas: [
    Equal<PolicyOptions["sg-egress-restricted"], { allowedPorts?: PortSpec[]; allowedUdpPorts?: PortSpec[] }>,
    Equal<PolicyOptions["sg-db-ingress-only-from-security-groups"], { ports?: PortSpec[]; allowedCidrs?: string[]; allowedPrefixLists?: string[] }>,
    Equal<PolicyOptions["nacl-ephemeral-return-traffic"], { ephemeralPorts?: `${number}-${number}` }>,
    Equal<PolicyOptions["sg-rule-quota"], { maxRules?: number }>,
    Equal<PolicyOptions["sg-unused"], Record<never, never>>,
    // A policy whose name widened to string would make every name (and every option) acceptable.
    Equal<string extends PolicyName ? "widened" : "exact", "exact">,
] = [true, true, true, true, true, true];

describe("createPack: a team's own pack from this one", () => {
    it("types each option as its config schema declares it", () => {
        assert.deepStrictEqual(typedFromSchemas, [true, true, true, true, true, true]);
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
