/**
 * Checks of the pack's configuration as a whole, made when the engine sends Configure, so that a
 * configuration AWS cannot honour is rejected before any resource is analysed.
 */
import * as path from "path";
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

interface ConfigureRequest {
    getPolicyconfigMap(): { entries(): Iterable<[string, { getProperties(): { toJavaScript(): Record<string, unknown> } | undefined }]> };
}
type Handler = (call: { request: ConfigureRequest }, callback: (err: unknown, res?: unknown) => void) => unknown;

/**
 * Makes the pack's Configure RPC reject invalid configurations with INVALID_ARGUMENT and a clear
 * message. @pulumi/policy offers no hook for this, so the handler it registers is wrapped as it is
 * added to the gRPC server. Call before constructing the PolicyPack.
 */
export function rejectInvalidConfigAtConfigure(check: (config: PackConfig) => string[] = packConfigErrors): void {
    const policyDir = path.dirname(require.resolve("@pulumi/policy"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] })) as {
        Server: { prototype: { addService(service: unknown, impl: Record<string, unknown>): void } };
        status: { INVALID_ARGUMENT: number };
    };
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service: unknown, impl: Record<string, unknown>) {
        const configure = impl?.configure as Handler | undefined;
        if (typeof configure !== "function") {
            return addService.call(this, service, impl);
        }
        const checked: Handler = (call, callback) => {
            const config: PackConfig = {};
            for (const [name, value] of call.request.getPolicyconfigMap().entries()) {
                config[name] = value.getProperties()?.toJavaScript() ?? {};
            }
            const errors = check(config);
            if (errors.length > 0) {
                callback({ code: grpc.status.INVALID_ARGUMENT, details: `invalid policy pack configuration: ${errors.join(" ")}` });
                return undefined;
            }
            return configure(call, callback);
        };
        return addService.call(this, service, { ...impl, configure: checked });
    };
}
