/**
 * Checks of the pack's configuration as a whole, made when the engine sends Configure, so that a
 * configuration the pack would not honour as written is rejected before any resource is analysed.
 */
import { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import { ConfigError, OptionContext, configErrors, integer, withDefaults } from "./config";
import { catalogue } from "../catalogue";
import { DEFAULT_MAX_SECURITY_GROUPS, eniSecurityGroupLimit } from "../eni/security-group-limit";
import { DEFAULT_MAX_RULES, sgRuleQuota } from "../sg/rule-quota";

/** AWS: rules per security group x security groups per network interface may not exceed 1000. */
export const MAX_RULES_PER_INTERFACE = 1000;

/** Policy name -> its options, with the level as `enforcementLevel` (as Configure and --policy-pack-config give it). */
export type PackConfig = Record<string, Record<string, unknown>>;

/** A policy of the pack being served: the names it accepts, and its declared level. */
export interface ServedPolicy {
    readonly name: string;
    readonly enforcementLevel?: EnforcementLevel;
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function options(config: PackConfig, name: string): Record<string, unknown> {
    const entry = own(config, name) ? config[name] : undefined;
    if (typeof entry !== "object" || entry === null) {
        return {};
    }
    const { enforcementLevel: _level, ...rest } = entry;
    return rest;
}

function option(config: PackConfig, policy: { name: string; configSchema?: PolicyConfigSchema }, key: string, fallback: number, max: number): number {
    const values = withDefaults(policy.configSchema ?? { properties: {} }, options(config, policy.name));
    try {
        return integer(values, key, 1, max);
    } catch (e) {
        if (e instanceof ConfigError) {
            return fallback; // reported by the policy itself, naming its key
        }
        throw e;
    }
}

/** Edit distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) {
            next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        row = next;
    }
    return row[b.length];
}

/** "<name>: this pack has no policy of that name; did you mean '<closest>'?" */
export function unknownPolicy(name: string, known: readonly string[]): string {
    const closest = [...known, "all"].map((k) => ({ k, d: editDistance(name, k) })).sort((x, y) => x.d - y.d)[0];
    return `${name}: this pack has no policy of that name${closest ? `; did you mean '${closest.k}'?` : "."}`;
}

/** The level the entry sets, else the declared one; remediate counts as mandatory. */
function levelOf(config: PackConfig, name: string, declared: EnforcementLevel | undefined): OptionContext["level"] {
    const given = own(config, name) ? config[name]?.enforcementLevel : undefined;
    const level = typeof given === "string" ? given : declared;
    return level === "mandatory" || level === "remediate" ? "mandatory" : "advisory";
}

/**
 * The problems of a configuration, each a complete sentence naming the policy (and the option).
 * `served` are the policies of the pack being served: a team's pack may add its own, whose names
 * are accepted and whose options are left to them; this pack's policies are checked option by option.
 */
export function packConfigErrors(config: PackConfig, served: readonly ServedPolicy[] = catalogue()): string[] {
    const errors: string[] = [];
    const known = new Map(served.map((p) => [p.name, p]));
    for (const name of Object.keys(config)) {
        if (name === "all") {
            const extra = Object.keys(options(config, name));
            if (extra.length > 0) {
                errors.push(`all: sets only the enforcement level of every policy, so option '${extra[0]}' would apply to none; ` +
                    "set it under each policy's name.");
            }
        } else if (!known.has(name)) {
            errors.push(unknownPolicy(name, [...known.keys()]));
        }
    }
    const ours = catalogue().filter((p) => known.has(p.name));
    for (const policy of ours) {
        const level = levelOf(config, policy.name, known.get(policy.name)?.enforcementLevel ?? policy.enforcementLevel);
        for (const problem of configErrors(policy.configSchema ?? { properties: {} }, options(config, policy.name), { level })) {
            errors.push(`${policy.name}: ${problem}.`);
        }
    }
    if (!ours.includes(sgRuleQuota) || !ours.includes(eniSecurityGroupLimit)) {
        return errors;
    }
    const maxRules = option(config, sgRuleQuota, "maxRules", DEFAULT_MAX_RULES, 1000);
    const maxGroups = option(config, eniSecurityGroupLimit, "maxSecurityGroups", DEFAULT_MAX_SECURITY_GROUPS, 16);
    if (maxRules * maxGroups > MAX_RULES_PER_INTERFACE) {
        errors.push(`sg-rule-quota maxRules (${maxRules}) x eni-security-group-limit maxSecurityGroups (${maxGroups}) = ` +
            `${maxRules * maxGroups}, but AWS allows at most ${MAX_RULES_PER_INTERFACE} rules per network interface, so ` +
            `no account can have both quotas. Lower one of them.`);
    }
    return errors;
}
