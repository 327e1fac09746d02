/**
 * What every policy of the pack shares beyond its own rule: exemptions (by URN, glob or tag, with
 * a reason and an expiry date) and scoping to stacks by their tags. The options are added to each
 * policy's config schema, so Pulumi Cloud shows them on every policy's form.
 */
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { ConfigError, optionSchema } from "./config";
import { child, root, str } from "./model/values";
import { Reporter } from "./report";

export interface Exemption {
    readonly resource: string;
    readonly reason: string;
    readonly expires?: string;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function governanceSchema(policyName: string): Record<string, PolicyConfigJSONSchema> {
    return {
        exemptions: optionSchema({
            type: "array",
            description: "Resources this policy does not apply to: `resource` is a URN, or a glob (* and ?) over URNs " +
                "or resource names; `reason` is required; `expires` (YYYY-MM-DD, UTC) ends the exemption after that day.",
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
            minLength: 1,
            description: "A resource carrying a tag with this key is exempt; the tag's value is the reason.",
            default: `guardrails-exempt:${policyName}`,
        }, (config, key) => {
            if (typeof config[key] !== "string" || (config[key] as string).trim() === "") {
                throw new ConfigError(`${key} should be a tag key`);
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

function globToRegExp(glob: string): RegExp {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${body}$`);
}

function exemptions(config: Record<string, unknown>): Exemption[] {
    const value = config.exemptions ?? [];
    if (!Array.isArray(value)) {
        throw new ConfigError("exemptions should be a list of { resource, reason, expires? }");
    }
    return value.map((e, i) => {
        const x = e as Partial<Exemption>;
        if (typeof x !== "object" || x === null || typeof x.resource !== "string" || x.resource === "" ||
            typeof x.reason !== "string" || x.reason.trim() === "") {
            throw new ConfigError(`exemptions[${i}] needs a resource (URN or glob) and a reason`);
        }
        if (x.expires !== undefined && (typeof x.expires !== "string" || !ISO_DATE.test(x.expires) || isNaN(Date.parse(x.expires)))) {
            throw new ConfigError(`exemptions[${i}].expires (${JSON.stringify(x.expires)}) is not a date YYYY-MM-DD`);
        }
        return x as Exemption;
    });
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

/** Set by the `check` command: exempted findings then arrive as notes, so that unused exemptions can be listed. */
export const REPORT_EXEMPTED_ENV = "GUARDRAILS_REPORT_EXEMPTED";
export const EXEMPTED_PREFIX = "[exempted] ";

export interface ExemptionVerdict {
    /** False when the matching exemption has expired. */
    readonly exempt: boolean;
    /** The exemption or tag that applies, or why it no longer does. */
    readonly why: string;
}

/** The exemption that covers a resource for a policy, if any. */
export function findExemption(config: Record<string, unknown>, res: ResourceIdentity): ExemptionVerdict | undefined {
    const tagKey = typeof config.exemptionTag === "string" ? config.exemptionTag : undefined;
    if (tagKey) {
        const reason = str(child(child(root(res.props), "tags"), tagKey));
        if (typeof reason === "string" && reason.trim() !== "") {
            return { exempt: true, why: `tag ${tagKey}: ${reason}` };
        }
    }
    const match = exemptions(config).find((e) => {
        const pattern = globToRegExp(e.resource);
        return e.resource === res.urn || pattern.test(res.urn) || pattern.test(res.name);
    });
    if (!match) {
        return undefined;
    }
    if (match.expires !== undefined && match.expires < now().toISOString().slice(0, 10)) {
        return { exempt: false, why: `The exemption for '${match.resource}' (${match.reason}) expired on ${match.expires}; renew it or fix the finding.` };
    }
    return { exempt: true, why: `exemption '${match.resource}': ${match.reason}` };
}

/** Is the resource exempt from the policy right now? */
export function isExempt(config: Record<string, unknown>, resource: ResourceIdentity): boolean {
    return findExemption(config, resource)?.exempt === true;
}

/**
 * Wraps a policy's reporter so that findings on exempted resources are dropped, and those whose
 * exemption has expired say so. `resourceOf` finds the resource a finding's URN names.
 */
export function exempting(
    r: Reporter,
    config: Record<string, unknown>,
    defaultResource: ResourceIdentity | undefined,
    resourceOf: (urn: string) => ResourceIdentity | undefined,
): Reporter {
    exemptions(config); // bad configuration is reported even where nothing is found
    const reportExempted = process.env[REPORT_EXEMPTED_ENV] === "1";
    const verdict = (urn: string | undefined): ExemptionVerdict | undefined => {
        const res = urn === undefined ? defaultResource : resourceOf(urn) ?? { urn, name: urn.split("::").pop() ?? urn, props: undefined };
        return res ? findExemption(config, res) : undefined;
    };
    const filter = (message: string, urn: string | undefined, emit: (m: string, u?: string) => void) => {
        const e = verdict(urn);
        if (!e) {
            emit(message, urn);
        } else if (!e.exempt) {
            emit(`${message} ${e.why}`, urn);
        } else if (reportExempted) {
            r.note(`${EXEMPTED_PREFIX}(${e.why}) ${message}`, urn);
        }
    };
    return {
        violation: (m, urn) => filter(m, urn, r.violation),
        note: (m, urn) => filter(m, urn, r.note),
        undetermined: (why, consequence, urn) => {
            const e = verdict(urn);
            if (!e || !e.exempt) {
                r.undetermined(why, e ? `${consequence} ${e.why}` : consequence, urn);
            }
        },
    };
}

/** A policy's own config schema with the shared options added. */
export function withGovernance(name: string, schema: { properties: Record<string, PolicyConfigJSONSchema>; required?: string[] }) {
    return { ...schema, properties: { ...schema.properties, ...governanceSchema(name) } };
}

export const GOVERNANCE_KEYS = Object.keys(governanceSchema("x"));
