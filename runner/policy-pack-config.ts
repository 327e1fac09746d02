// Policy pack config as the Pulumi CLI handles it (pkg/resource/analyzer/config.go): how
// `--policy-pack-config` and the levels and defaults the pack declares combine into the entries
// the CLI sends in Configure, and the CLI's validation of them against each policy's schema.

import Ajv = require("ajv");
import {
    AnalyzerInfo, ENFORCEMENT_LEVELS, EnforcementLevel, JsonObject, JsonValue, PolicyConfigEntry, PolicyConfigError,
    PolicyPackConfig, isLevel,
} from "./analyzer-types";

/** A level of "" stands for "not given", as in the CLI's AnalyzerPolicyConfig. */
export interface LooseEntry { enforcementLevel: EnforcementLevel | ""; properties?: JsonObject }

function isObject(v: JsonValue | undefined): v is JsonObject {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** parsePolicyPackConfig: a string is a level; an object may hold `enforcementLevel` plus properties. */
export function parsePolicyPackConfig(config: PolicyPackConfig): { [policy: string]: LooseEntry } {
    const result: { [policy: string]: LooseEntry } = {};
    for (const [k, v] of Object.entries(config)) {
        let level: EnforcementLevel | "" = "";
        let properties: JsonObject | undefined;
        if (typeof v === "string") {
            if (!isLevel(v)) {
                throw new Error(`parsing enforcement level for "${k}": "${v}" is not a valid enforcement level`);
            }
            level = v;
        } else if (isObject(v)) {
            const { enforcementLevel, ...rest } = v;
            if (enforcementLevel !== undefined) {
                if (typeof enforcementLevel !== "string") {
                    throw new Error(`parsing enforcement level for "${k}": ${JSON.stringify(enforcementLevel)} ` +
                        "is not a valid enforcement level; must be a string");
                }
                if (!isLevel(enforcementLevel)) {
                    throw new Error(`parsing enforcement level for "${k}": "${enforcementLevel}" is not a valid enforcement level`);
                }
                level = enforcementLevel;
            }
            if (Object.keys(rest).length > 0) { properties = rest; }
        } else {
            throw new Error(`parsing "${k}": ${JSON.stringify(v)} is not a valid value; must be a string or object`);
        }
        if (level === "" && properties === undefined) { continue; } // the CLI drops empty entries
        result[k] = { enforcementLevel: level, ...(properties ? { properties } : {}) };
    }
    return result;
}

/**
 * ReconcilePolicyPackConfig: start from each policy's declared level and schema defaults, apply the
 * pack's initialConfig, then the user's config ("all" first, then every named entry, including names
 * the pack does not declare, exactly like the CLI), then validate against each policy's schema.
 */
export function reconcilePolicyPackConfig(info: AnalyzerInfo, config: { [policy: string]: LooseEntry },
    packDir = ""): { [policy: string]: LooseEntry } {
    let result: { [policy: string]: LooseEntry } = {};
    for (const p of info.policies) {
        let properties: JsonObject | undefined;
        for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
            if ("default" in s) { (properties ??= {})[k] = s.default; }
        }
        result[p.name] = { enforcementLevel: p.enforcementLevel, ...(properties ? { properties } : {}) };
    }
    // Note: an initialConfig entry without a level arrives as ADVISORY (proto3 zero value) and the CLI
    // applies it as such; we do the same.
    result = applyConfig(result, info.initialConfig);
    result = applyConfig(result, config);

    const errors: string[] = [];
    const ajv = new Ajv({ allErrors: true, verbose: true, jsonPointers: true, unknownFormats: "ignore", format: "full", schemaId: "auto" });
    for (const p of info.policies) {
        if (!info.supportsConfig) { continue; }
        // The CLI injects an `enforcementLevel` property into every schema of a config-aware pack.
        const schema: JsonObject = {
            type: "object",
            properties: {
                ...(p.configSchema?.properties ?? {}),
                enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] },
            },
            ...(p.configSchema && p.configSchema.required.length > 0 ? { required: p.configSchema.required } : {}),
        };
        let validate: Ajv.ValidateFunction;
        try {
            validate = ajv.compile(schema);
        } catch (e) {
            throw new Error(`reconciling policy config for "${info.name}" at "${packDir}": ${(e as Error).message}`);
        }
        if (!validate(result[p.name]?.properties ?? {})) {
            for (const err of validate.errors ?? []) {
                errors.push(`validating policy config: ${info.name} ${info.version}  ${p.name}: ${schemaError(err)}`);
            }
        }
    }
    if (errors.length > 0) {
        throw new PolicyConfigError(errors.sort());
    }
    return result;
}

function applyConfig(result: { [policy: string]: LooseEntry }, apply: { [policy: string]: LooseEntry }):
    { [policy: string]: LooseEntry } {
    const all = apply["all"];
    if (all && isLevel(all.enforcementLevel)) {
        for (const k of Object.keys(result)) { result[k] = { ...result[k], enforcementLevel: all.enforcementLevel }; }
    }
    for (const [name, given] of Object.entries(apply)) {
        const current = result[name];
        let properties = current?.properties;
        if (given.properties && Object.keys(given.properties).length > 0) {
            properties = { ...(properties ?? {}), ...given.properties };
        }
        result[name] = {
            enforcementLevel: isLevel(given.enforcementLevel) ? given.enforcementLevel : current?.enforcementLevel ?? "",
            ...(properties ? { properties } : {}),
        };
    }
    return result;
}

/** Renders an Ajv error roughly the way gojsonschema (used by the CLI) words it. */
function schemaError(e: Ajv.ErrorObject): string {
    const field = e.dataPath.split("/").slice(1).map(s => s.replace(/~1/g, "/").replace(/~0/g, "~")).join(".");
    const at = (f: string) => (f ? `${f}: ` : "");
    const p = e.params as { [k: string]: unknown };
    switch (e.keyword) {
        case "required":
            return `${at(field)}${String(p.missingProperty).replace(/^\./, "")} is required`;
        case "type": {
            const d = e.data as JsonValue;
            const given = d === null ? "null" : Array.isArray(d) ? "array"
                : typeof d === "number" ? (Number.isInteger(d) ? "integer" : "number") : typeof d;
            return `${at(field)}Invalid type. Expected: ${String(p.type)}, given: ${given}`;
        }
        case "enum":
            return `${at(field)}${field || "(root)"} must be one of the following: ` +
                (p.allowedValues as JsonValue[]).map(v => JSON.stringify(v)).join(", ");
        default:
            return `${at(field)}${e.message ?? e.keyword}`;
    }
}

/**
 * What the CLI sends in Configure for `config`: the reconciled entries, or none (the CLI then skips
 * the call) when the pack does not support config or nothing is left to send.
 */
export function configureEntries(info: AnalyzerInfo, config: PolicyPackConfig, packDir: string): { [policy: string]: PolicyConfigEntry } {
    if (!info.supportsConfig) {
        if (Object.keys(config).length > 0) {
            throw new Error(`policy pack "${info.name}" at "${packDir}" does not support config`);
        }
        return {};
    }
    const reconciled = reconcilePolicyPackConfig(info, parsePolicyPackConfig(config), packDir);
    const out: { [policy: string]: PolicyConfigEntry } = {};
    for (const [name, { enforcementLevel, properties }] of Object.entries(reconciled)) {
        if (!isLevel(enforcementLevel)) {
            throw new Error(`invalid enforcement level "${enforcementLevel ?? ""}"`);
        }
        out[name] = { enforcementLevel, properties: properties ?? {} };
    }
    return out;
}
