/**
 * What every policy of the pack shares beyond its own rule: exemptions and scoping to stacks by
 * their tags. Exemptions are granted by policy admins, in the policy's configuration: a list of
 * resources (URN or glob) with a reason and an expiry date, and, only when an admin sets
 * `exemptionTag`, a tag on the resource whose value carries the expiry date and the reason. The
 * options are added to each policy's config schema, so Pulumi Cloud shows them on every policy's form.
 */
import { EnforcementLevel } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { ConfigError, OptionContext, optionSchema } from "./config";
import { namesNothing } from "./catch-all";
import { Glob, compileGlob, isUrnPattern } from "./glob";
import { child, root, str } from "../model/values";

export interface Exemption {
    readonly resource: string;
    readonly reason: string;
    readonly expires?: string;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EXEMPTION_KEYS = ["resource", "reason", "expires"];
/** A tag exemption's value: "2027-01-31: reason" (AWS tag values allow letters, digits, spaces and _ . : / = + - @). */
export const TAG_VALUE = /^(\d{4}-\d{2}-\d{2}):\s*(\S.*)$/;

/** The level a policy runs at, for exemptions: remediate counts as mandatory. */
export type RunLevel = OptionContext["level"];

export function governanceSchema(): Record<string, PolicyConfigJSONSchema> {
    return {
        exemptions: optionSchema({
            type: "array",
            description: "Resources this policy does not block, set by policy admins: `resource` is a URN or a URN glob (it starts " +
                "with `urn:` or holds `::`), matched against URNs only, or a name glob, matched against names and URNs, which any " +
                "resource owner can claim by naming a resource to fit (`*` within one URN part, `**` across parts, `?` one " +
                "character); `reason` is required; " +
                "`expires` (YYYY-MM-DD, UTC) ends the exemption after that day and is required when the policy is mandatory. " +
                "Exempted findings are still reported, as advisory.",
            items: {
                type: "object",
                properties: {
                    resource: { type: "string", minLength: 1 },
                    reason: { type: "string", minLength: 1 },
                    expires: { type: "string", pattern: ISO_DATE.source },
                },
                required: ["resource", "reason"],
                additionalProperties: false,
            },
            default: [],
        }, exemptions),
        exemptionTag: optionSchema({
            type: "string",
            description: "Tag exemptions, set by policy admins; empty (the default) turns them off. A resource carrying a tag with " +
                "this key, whose value is \"YYYY-MM-DD: reason\", is exempt until that day (UTC); an expired or malformed value " +
                "is a violation.",
            default: "",
        }, (config, key) => {
            const value = config[key] ?? "";
            if (typeof value !== "string" || (value !== "" && value.trim() === "")) {
                throw new ConfigError(`${key} should be a tag key, or empty to turn tag exemptions off`);
            }
        }),
        stackTags: optionSchema({
            type: "object",
            description: "Run this policy only on stacks that carry all of these tags (value * matches any value); " +
                "empty runs it everywhere.",
            additionalProperties: { type: "string" },
            default: {},
        }, (config) => inScope(config, new Map())),
    };
}

/** The clock exemptions are judged by; tests set it. */
let now = () => new Date();
export function setClock(clock: () => Date): void {
    now = clock;
}

function today(): string {
    return now().toISOString().slice(0, 10);
}

/** YYYY-MM-DD and a day of the calendar (not 2099-02-30). */
export function isCalendarDate(value: unknown): value is string {
    if (typeof value !== "string" || !ISO_DATE.test(value)) {
        return false;
    }
    const [y, m, d] = value.split("-").map(Number);
    const date = new Date(0);
    date.setUTCFullYear(y, m - 1, d);
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The level each policy runs at, as the last accepted Configure set it; empty before any. */
let configuredLevels: ReadonlyMap<string, EnforcementLevel> = new Map();
export function setConfiguredLevels(levels: ReadonlyMap<string, EnforcementLevel>): void {
    configuredLevels = levels;
}

/** The level the policy runs at: the configured one, else its declared one. */
export function runLevel(policy: string, declared: EnforcementLevel | undefined): RunLevel {
    const level = configuredLevels.get(policy) ?? declared ?? "advisory";
    return level === "mandatory" || level === "remediate" ? "mandatory" : "advisory";
}

interface ParsedExemption extends Exemption {
    readonly glob: Glob;
}

/** Parsed lists, by the list the configuration holds (the same array on every call of a policy). */
const parsed = new WeakMap<object, ParsedExemption[]>();

function parseExemptions(value: unknown): ParsedExemption[] {
    if (!Array.isArray(value)) {
        throw new ConfigError("exemptions should be a list of { resource, reason, expires }");
    }
    const cached = parsed.get(value);
    if (cached) {
        return cached;
    }
    const list = value.map((e: unknown, i): ParsedExemption => {
        if (typeof e !== "object" || e === null || Array.isArray(e)) {
            throw new ConfigError(`exemptions[${i}] should be an object { resource, reason, expires }`);
        }
        const extra = Object.keys(e).find((k) => !EXEMPTION_KEYS.includes(k));
        if (extra !== undefined) {
            throw new ConfigError(`exemptions[${i}] has an unknown key '${extra}' (known: ${EXEMPTION_KEYS.join(", ")})`);
        }
        const x = e as Partial<Record<string, unknown>>;
        if (typeof x.resource !== "string" || x.resource === "" || typeof x.reason !== "string" || x.reason.trim() === "") {
            throw new ConfigError(`exemptions[${i}] needs a resource (URN or glob) and a reason`);
        }
        if (x.expires !== undefined && !isCalendarDate(x.expires)) {
            throw new ConfigError(`exemptions[${i}].expires (${JSON.stringify(x.expires)}) is not a date YYYY-MM-DD`);
        }
        return { resource: x.resource, reason: x.reason, ...(x.expires !== undefined ? { expires: x.expires } : {}), glob: compileGlob(x.resource) };
    });
    parsed.set(value, list);
    return list;
}

/** The configured exemptions, checked against the level the policy runs at. */
function exemptions(config: Record<string, unknown>, _key: string, context: OptionContext): ParsedExemption[] {
    const list = parseExemptions(config.exemptions ?? []);
    if (context.level === "mandatory") {
        list.forEach((e, i) => {
            if (namesNothing(e.resource)) {
                throw new ConfigError(`exemptions[${i}] ('${e.resource}') matches every resource, which would switch a mandatory ` +
                    "policy off; set the policy's enforcementLevel instead");
            }
            if (e.expires === undefined) {
                throw new ConfigError(`exemptions[${i}] ('${e.resource}') has no expires date, which every exemption from a ` +
                    "mandatory policy needs (YYYY-MM-DD)");
            }
        });
    }
    return list;
}

/** Checks the exemptions of a configuration, as the policy reads them at `level`. */
export function checkExemptions(config: Record<string, unknown>, level: RunLevel): void {
    exemptions(config, "exemptions", { level });
}

/** Does the stack carry every tag the policy is scoped to? */
export function inScope(config: Record<string, unknown>, stackTags: ReadonlyMap<string, string>): boolean {
    const wanted = config.stackTags ?? {};
    if (typeof wanted !== "object" || wanted === null || Array.isArray(wanted) || Object.values(wanted).some((v) => typeof v !== "string")) {
        throw new ConfigError("stackTags should be an object of tag names to values");
    }
    return Object.entries(wanted).every(([k, v]) => stackTags.has(k) && (v === "*" || stackTags.get(k) === v));
}

export interface ResourceIdentity {
    readonly urn: string;
    readonly name: string;
    readonly props: unknown;
}

/** Where an exemption comes from: a configured entry (its `resource` pattern) or the tag key. */
export type ExemptionSource = { readonly kind: "config"; readonly resource: string } | { readonly kind: "tag"; readonly tag: string };

export interface ExemptionGrant {
    readonly source: ExemptionSource;
    readonly reason: string;
    readonly expires?: string;
}

/** A configured exemption that matched but whose expiry date has passed. */
export interface ExpiredExemption {
    readonly resource: string;
    readonly reason: string;
    readonly expires: string;
}

/** Whether the resource is exempt; `expired` lists the configured exemptions that match it but have expired. */
export type ExemptionVerdict =
    | { readonly exempt: true; readonly grant: ExemptionGrant; readonly expired: readonly ExpiredExemption[] }
    /** Only expired exemptions match: the finding is reported, with `why` appended. */
    | { readonly exempt: false; readonly why: string; readonly expired: readonly ExpiredExemption[] };

type TagReading =
    | { readonly state: "valid" | "expired"; readonly key: string; readonly expires: string; readonly reason: string }
    | { readonly state: "malformed"; readonly key: string; readonly value: string };

/** The resource's exemption tag, when an admin named one; undefined when absent or not known yet. */
function readTag(config: Record<string, unknown>, res: ResourceIdentity): TagReading | undefined {
    const key = typeof config.exemptionTag === "string" && config.exemptionTag.trim() !== "" ? config.exemptionTag : undefined;
    if (key === undefined) {
        return undefined;
    }
    const value = str(child(child(root(res.props), "tags"), key));
    if (value === undefined || (typeof value === "object" && value.undetermined === "unknown")) {
        return undefined;
    }
    const m = typeof value === "string" ? TAG_VALUE.exec(value.trim()) : null;
    if (!m || !isCalendarDate(m[1])) {
        return { state: "malformed", key, value: typeof value === "string" ? value : value.reason };
    }
    return { state: m[1] < today() ? "expired" : "valid", key, expires: m[1], reason: m[2].trim() };
}

/**
 * What is wrong with the resource's exemption tag, as a violation message: an expired date or a
 * value that does not read "YYYY-MM-DD: reason". Undefined when it is fine, absent, or tags are off.
 */
export function tagProblem(config: Record<string, unknown>, res: ResourceIdentity): string | undefined {
    const tag = readTag(config, res);
    if (tag?.state === "expired") {
        return `The exemption tag tags["${tag.key}"] on this resource expired on ${tag.expires} (${tag.reason}), so its findings ` +
            "are reported again. Fix the findings, or ask a policy admin for a new date.";
    }
    if (tag?.state === "malformed") {
        return `The exemption tag tags["${tag.key}"] on this resource reads ${JSON.stringify(tag.value)}, not "YYYY-MM-DD: reason" ` +
            "(an expiry date, a colon, then the reason), so it exempts nothing. Fix the tag's value, or remove the tag.";
    }
    return undefined;
}

/** A URN-shaped pattern matches the URN alone; a plain name glob matches the URN or the name. */
function matches(e: ParsedExemption, res: ResourceIdentity): boolean {
    return e.resource === res.urn || e.glob.test(res.urn) || (!isUrnPattern(e.resource) && e.glob.test(res.name));
}

/** The exemption that covers a resource for a policy running at `level`, if any. */
export function findExemption(config: Record<string, unknown>, res: ResourceIdentity, level: RunLevel): ExemptionVerdict | undefined {
    const matching = exemptions(config, "exemptions", { level }).filter((e) => matches(e, res));
    const current = matching.find((e) => e.expires === undefined || e.expires >= today());
    const expired = matching.flatMap((e): ExpiredExemption[] => (e.expires !== undefined && e.expires < today()
        ? [{ resource: e.resource, reason: e.reason, expires: e.expires }] : []));
    if (current) {
        return { exempt: true, grant: { source: { kind: "config", resource: current.resource }, reason: current.reason,
            ...(current.expires !== undefined ? { expires: current.expires } : {}) }, expired };
    }
    const tag = readTag(config, res);
    if (tag?.state === "valid") {
        return { exempt: true, grant: { source: { kind: "tag", tag: tag.key }, reason: tag.reason, expires: tag.expires }, expired };
    }
    const [first] = expired;
    if (first) {
        return { exempt: false, why: `The exemption for '${first.resource}' (${first.reason}) expired on ${first.expires}; renew it or fix the finding.`, expired };
    }
    return undefined;
}

/** Is the resource exempt from the policy right now? */
export function isExempt(config: Record<string, unknown>, resource: ResourceIdentity, level: RunLevel): boolean {
    return findExemption(config, resource, level)?.exempt === true;
}

/** A policy's own config schema with the shared options added. */
export function withGovernance(schema: { properties: Record<string, PolicyConfigJSONSchema>; required?: string[] }) {
    return { ...schema, properties: { ...schema.properties, ...governanceSchema() } };
}

export const GOVERNANCE_KEYS = Object.keys(governanceSchema());
