/**
 * Reading a policy's configuration: the user's values over the defaults its configSchema declares.
 * A value the pack cannot use is a ConfigError naming the policy and the key.
 */
import { PolicyConfigSchema } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { Cidr, parseCidr } from "../net/cidr";
import { PortRange, parsePortSpec } from "../net/ports";

export class ConfigError extends Error {}

declare const VALUE: unique symbol;

/** An option's JSON schema, carrying the TypeScript type of the option's value for the typed factory. */
export type OptionSchema<Value> = PolicyConfigJSONSchema & { readonly [VALUE]?: Value };

/** The options a policy declares: option name -> its schema. */
export type OptionSchemas = Record<string, PolicyConfigJSONSchema>;

/** The options object a set of option schemas describes; every option is optional (it has a default). */
export type OptionsOf<Schemas> = { [K in keyof Schemas]?: Schemas[K] extends OptionSchema<infer Value> ? Value : never };

/** A port (22) or a range ("5985-5986"). */
export type PortSpec = number | `${number}-${number}`;

/** A port range ("32768-60999"). */
export type PortRangeSpec = `${number}-${number}`;

/** What an option's reader may need beyond the options: the level the policy runs at (remediate counts as mandatory). */
export interface OptionContext {
    readonly level: "mandatory" | "advisory";
}

type Parser = (config: Record<string, unknown>, key: string, context: OptionContext) => unknown;

/** The reader behind each option schema built here, so that a whole configuration can be checked up front. */
const parsers = new WeakMap<object, Parser>();

function withParser<Value>(schema: PolicyConfigJSONSchema, parser: Parser): OptionSchema<Value> {
    parsers.set(schema, parser);
    return schema;
}

/** The defaults a schema declares, as a plain object. */
export function schemaDefaults(schema: PolicyConfigSchema): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(schema.properties)) {
        if (prop.default !== undefined) {
            out[key] = prop.default;
        }
    }
    return out;
}

/** Each schema's defaults, read once: withDefaults runs for every policy on every resource. */
const defaultsOf = new WeakMap<PolicyConfigSchema, Record<string, unknown>>();

export function withDefaults(schema: PolicyConfigSchema, given: Record<string, unknown>): Record<string, unknown> {
    let defaults = defaultsOf.get(schema);
    if (defaults === undefined) {
        defaults = schemaDefaults(schema);
        defaultsOf.set(schema, defaults);
    }
    return { ...defaults, ...given };
}

/** A list of ports or port ranges: [22, "5985-5986"]. */
export function portList(config: Record<string, unknown>, key: string): PortRange[] {
    const value = config[key] ?? [];
    if (!Array.isArray(value)) {
        throw new ConfigError(`${key} should be a list of ports or "from-to" ranges`);
    }
    return value.map((v, i) => {
        const range = parsePortSpec(v);
        if (!range) {
            throw new ConfigError(`${key}[${i}] (${JSON.stringify(v)}) is not a port 0-65535 or a "from-to" range`);
        }
        return range;
    });
}

export function cidrList(config: Record<string, unknown>, key: string): Cidr[] {
    const value = config[key] ?? [];
    if (!Array.isArray(value)) {
        throw new ConfigError(`${key} should be a list of CIDR blocks`);
    }
    return value.map((v, i) => {
        const cidr = parseCidr(v);
        if (!cidr) {
            throw new ConfigError(`${key}[${i}] (${JSON.stringify(v)}) is not a valid CIDR block`);
        }
        return cidr;
    });
}

export function stringList(config: Record<string, unknown>, key: string): string[] {
    const value = config[key] ?? [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
        throw new ConfigError(`${key} should be a list of strings`);
    }
    return value as string[];
}

export function integer(config: Record<string, unknown>, key: string, min: number, max: number): number {
    const value = config[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw new ConfigError(`${key} (${JSON.stringify(value)}) should be an integer from ${min} to ${max}`);
    }
    return value;
}

/** JSON schema for a list of ports and port ranges. */
export function portListSchema(description: string, defaults: PortSpec[]): OptionSchema<PortSpec[]> {
    return withParser<PortSpec[]>({
        type: "array",
        description,
        // minimum/maximum constrain the numbers, pattern the "from-to" strings.
        items: { type: ["integer", "string"], minimum: 0, maximum: 65535, pattern: "^[0-9]{1,5}(-[0-9]{1,5})?$" },
        default: defaults,
    }, portList);
}

/** A single port range "from-to". */
export function portRange(config: Record<string, unknown>, key: string): PortRange {
    const value = config[key];
    const range = typeof value === "string" ? parsePortSpec(value) : undefined;
    if (!range) {
        throw new ConfigError(`${key} (${JSON.stringify(value)}) should be a port range "from-to" within 0-65535`);
    }
    return range;
}

export function portRangeSchema(description: string, defaultRange: PortRangeSpec): OptionSchema<PortRangeSpec> {
    return withParser<PortRangeSpec>({ type: "string", description, pattern: "^[0-9]{1,5}-[0-9]{1,5}$", default: defaultRange }, portRange);
}

export function cidrListSchema(description: string): OptionSchema<string[]> {
    return withParser<string[]>({ type: "array", description, items: { type: "string" }, default: [] }, cidrList);
}

export function stringListSchema(description: string): OptionSchema<string[]> {
    return withParser<string[]>({ type: "array", description, items: { type: "string" }, default: [] }, stringList);
}

export function integerSchema(description: string, minimum: number, maximum: number, defaultValue: number): OptionSchema<number> {
    return withParser<number>({ type: "integer", description, minimum, maximum, default: defaultValue },
        (config, key) => integer(config, key, minimum, maximum));
}

/** Registers the reader of an option whose schema is built elsewhere. */
export function optionSchema<Value>(schema: PolicyConfigJSONSchema, parser: Parser): OptionSchema<Value> {
    return withParser<Value>(schema, parser);
}

/**
 * Everything wrong with a policy's configuration (its options merged over the defaults): unknown
 * options, and values its readers refuse. Each problem names the option. Options are the schema's
 * own properties: `constructor` or `__proto__` is an unknown option like any other.
 */
export function configErrors(schema: PolicyConfigSchema, given: Record<string, unknown>, context: OptionContext): string[] {
    const errors: string[] = [];
    for (const key of Object.keys(given)) {
        if (!Object.prototype.hasOwnProperty.call(schema.properties, key)) {
            errors.push(`unknown option '${key}' (known: ${Object.keys(schema.properties).join(", ") || "none"})`);
        }
    }
    const config = withDefaults(schema, given);
    for (const [key, prop] of Object.entries(schema.properties)) {
        const parser = parsers.get(prop);
        try {
            parser?.(config, key, context);
        } catch (e) {
            if (!(e instanceof ConfigError)) {
                throw e;
            }
            errors.push(e.message);
        }
    }
    return errors;
}
