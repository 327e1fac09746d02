/**
 * Checks of the pack's configuration as a whole, made when the engine sends Configure, so that a
 * configuration AWS cannot honour is rejected before any resource is analysed.
 */
import { PolicyConfigSchema } from "@pulumi/policy";
import { ConfigError, configErrors, integer, withDefaults } from "./config";
import { catalogue } from "./index";
import { DEFAULT_MAX_SECURITY_GROUPS, eniSecurityGroupLimit } from "./eni/security-group-limit";
import { DEFAULT_MAX_RULES, sgRuleQuota } from "./sg/rule-quota";

/** AWS: rules per security group x security groups per network interface may not exceed 1000. */
export const MAX_RULES_PER_INTERFACE = 1000;

export type PackConfig = Record<string, Record<string, unknown>>;

function option(config: PackConfig, policy: { name: string; configSchema?: PolicyConfigSchema }, key: string, fallback: number, max: number): number {
    const values = withDefaults(policy.configSchema ?? { properties: {} }, config[policy.name] ?? {});
    try {
        return integer(values, key, 1, max);
    } catch (e) {
        if (e instanceof ConfigError) {
            return fallback; // reported by the policy itself, naming its key
        }
        throw e;
    }
}

/** The problems of a configuration (policy name -> properties), each a complete sentence naming the policy. */
export function packConfigErrors(config: PackConfig): string[] {
    const errors: string[] = [];
    for (const policy of catalogue()) {
        for (const problem of configErrors(policy.configSchema ?? { properties: {} }, config[policy.name] ?? {})) {
            errors.push(`${policy.name}: ${problem}.`);
        }
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
