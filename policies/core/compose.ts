/**
 * Building a team's own pack from this one: the policies of the catalogue (all, or a selection),
 * with levels and options overridden in a typed way, so that a misspelt policy or option name is a
 * compile error.
 *
 *     import { selectPolicies, servePack } from "aws-network-guardrails";
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

/** The overrides, and the policies the pack holds: a selection (selectPolicies) or a list of names; default all. */
export type PackOptions = PackOverrides & { policies?: readonly PolicyName[] };

export interface PackDefinition {
    readonly policies: Policies;
    /** The pack's initial configuration: the overridden options, applied before the user's own. */
    readonly initialConfig: PolicyPackConfig;
}

/** The selected policies, in the catalogue's order; an unknown name or an empty selection is an error. */
function chosen(selection: readonly string[] | undefined): Policies {
    const all = catalogue();
    if (selection === undefined) {
        return all;
    }
    if (!Array.isArray(selection)) {
        throw new Error(`createPack: policies must be a list of policy names, got ${JSON.stringify(selection)}`);
    }
    const known = new Set(all.map((p) => p.name));
    const unknown = selection.filter((n) => !known.has(n));
    if (unknown.length > 0) {
        // Only reachable from untyped (JavaScript) callers.
        throw new Error(`createPack: unknown policy '${unknown[0]}' in policies`);
    }
    if (selection.length === 0) {
        throw new Error("createPack: policies is empty; a pack needs at least one policy");
    }
    return all.filter((p) => selection.includes(p.name));
}

/**
 * The policies of this pack (all, or the `policies` selected), with the levels of the overrides,
 * and their options as the pack's initial configuration: `new PolicyPack(name, { policies }, initialConfig)`.
 */
export function createPack(options: PackOptions = {}): PackDefinition {
    const { policies: selection, ...overrides } = options;
    const known = new Set<string>(catalogue().map((p) => p.name));
    const served = chosen(selection);
    const inPack = new Set(served.map((p) => p.name));
    for (const key of Object.keys(overrides)) {
        if (key !== "all" && !known.has(key)) {
            // Only reachable from untyped (JavaScript) callers.
            throw new Error(`createPack: unknown policy '${key}'`);
        }
        if (key !== "all" && !inPack.has(key)) {
            throw new Error(`createPack: '${key}' is configured but not among the selected policies`);
        }
    }
    const initialConfig: PolicyPackConfig = {};
    const policies: Policies = served.map((p) => {
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
export function servePack(name: string, options: PackOptions = {}): PolicyPack {
    const { policies, initialConfig } = createPack(options);
    return servePolicyPack(name, { policies }, initialConfig);
}
