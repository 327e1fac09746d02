/**
 * Building a team's own pack from this one: every policy, with levels and options overridden in a
 * typed way, so that a misspelt policy or option name is a compile error.
 *
 *     import { servePack } from "aws-network-guardrails/dist/policies/core/compose";
 *
 *     servePack("team-guardrails", {
 *         all: "mandatory",
 *         "sg-egress-restricted": { allowedPorts: [443, 8443] },
 *         "sg-descriptions": "advisory",
 *     });
 */
import { EnforcementLevel, Policies, PolicyPack, PolicyPackConfig } from "@pulumi/policy";
import { Exemption } from "./governance";
import { POLICIES, catalogue } from "../catalogue";
import { OptionsOfPolicy } from "./policy";
import { servePolicyPack } from "./server-hooks";

export type { PortSpec } from "./config";

/** Options every policy takes. */
export interface SharedOptions {
    enforcementLevel?: EnforcementLevel;
    /** Each needs `expires` when the policy is mandatory (or remediate), and a pattern that names something. */
    exemptions?: Exemption[];
    /** A tag key whose value "YYYY-MM-DD: reason" exempts a resource; empty or unset: tag exemptions off. */
    exemptionTag?: string;
    stackTags?: Record<string, string>;
}

type Catalogued = (typeof POLICIES)[number];

/** The name of each policy of the catalogue. */
export type PolicyName = Catalogued["name"];

/** Each policy's own options, as its config schema declares them. */
export type PolicyOptions = { [P in Catalogued as P["name"]]: OptionsOfPolicy<P> };

/** Overrides: `all` sets every level; a policy takes a level, or its options (with an optional level). */
export type PackOverrides = { all?: EnforcementLevel } & {
    [K in PolicyName]?: EnforcementLevel | (PolicyOptions[K] & SharedOptions);
};

export interface PackDefinition {
    readonly policies: Policies;
    /** The pack's initial configuration: the overridden options, applied before the user's own. */
    readonly initialConfig: PolicyPackConfig;
}

/**
 * Every policy of this pack, with the levels of the overrides, and their options as the pack's
 * initial configuration: `new PolicyPack(name, { policies }, initialConfig)`.
 */
export function createPack(overrides: PackOverrides = {}): PackDefinition {
    const known = new Set<string>(catalogue().map((p) => p.name));
    for (const key of Object.keys(overrides)) {
        if (key !== "all" && !known.has(key)) {
            // Only reachable from untyped (JavaScript) callers.
            throw new Error(`createPack: unknown policy '${key}'`);
        }
    }
    const initialConfig: PolicyPackConfig = {};
    const policies: Policies = catalogue().map((p) => {
        const o = (overrides as Record<string, EnforcementLevel | (SharedOptions & Record<string, unknown>) | undefined>)[p.name];
        const level = typeof o === "string" ? o : o?.enforcementLevel ?? overrides.all ?? p.enforcementLevel;
        if (o !== undefined && typeof o !== "string") {
            // The level goes along: an initial configuration entry without one reads as advisory.
            initialConfig[p.name] = { ...o, enforcementLevel: level };
        }
        return { ...p, enforcementLevel: level };
    });
    return { policies, initialConfig };
}

/** Serves a pack built with createPack, with the same Configure-time checks as this pack. */
export function servePack(name: string, overrides: PackOverrides = {}): PolicyPack {
    const { policies, initialConfig } = createPack(overrides);
    return servePolicyPack(name, { policies }, initialConfig);
}
