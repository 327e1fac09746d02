/**
 * Choosing policies of the catalogue by what they are: name (or glob), severity, compliance
 * framework or control, tag. Criteria combine with AND; the values of one criterion with OR. A value
 * that names nothing, and a selection left empty, are errors: never a silently empty pack.
 *
 *     servePack("prod-guardrails", { policies: selectPolicies({ frameworks: ["cis-aws"], minSeverity: "high" }) });
 */
import { Severity } from "@pulumi/policy";
import { POLICIES } from "../catalogue";
import { globMatch } from "./glob";
import { GOVERNANCE_KEYS } from "./governance";
import { CONTROL_TAG } from "./policy";
import type { PolicyName } from "./compose";

/** The compliance frameworks whose controls the policies map, by their short names. */
export type FrameworkId = (typeof CONTROL_TAG)[keyof typeof CONTROL_TAG];

/** A control, qualified by its framework: `cis-aws:5.2`, `security-hub:EC2.13`. */
export type ControlId = `${FrameworkId}:${string}`;

/** A policy's name, or a glob over names: `*` any run of characters, `?` one character. */
export type PolicyNamePattern = PolicyName | `${string}*${string}` | `${string}?${string}`;

export interface PolicyCriteria {
    /** Any of these names or globs. */
    readonly names?: readonly PolicyNamePattern[];
    /** Any of these severities. */
    readonly severities?: readonly Severity[];
    /** This severity or a higher one (low < medium < high < critical). */
    readonly minSeverity?: Severity;
    /** Policies that enforce a control of any of these frameworks. */
    readonly frameworks?: readonly FrameworkId[];
    /** Policies that enforce any of these controls. */
    readonly controls?: readonly ControlId[];
    /** Policies that carry any of these tags (control tags included). */
    readonly tags?: readonly string[];
}

/** A policy's metadata, as plain data. */
export interface PolicyInfo {
    readonly name: PolicyName;
    readonly displayName: string;
    readonly description: string;
    /** The level the policy runs at unless configured otherwise. */
    readonly enforcementLevel: string;
    readonly severity: Severity;
    readonly tags: readonly string[];
    /** The public controls it enforces exactly, qualified by framework. */
    readonly controls: readonly ControlId[];
    readonly remediationSteps: string;
    readonly url: string;
    /** Its own options (besides the shared ones) with their defaults. */
    readonly options: Readonly<Record<string, { readonly description: string; readonly default: unknown }>>;
}

export const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];
export const FRAMEWORKS: readonly FrameworkId[] = Object.values(CONTROL_TAG);

type Catalogued = (typeof POLICIES)[number];

const GOVERNANCE = new Set(GOVERNANCE_KEYS);

function controlsOf(p: Catalogued): ControlId[] {
    return (p.tags ?? []).filter((t): t is ControlId => FRAMEWORKS.some((f) => t.startsWith(`${f}:`)));
}

function frameworkOf(control: string): string {
    return control.slice(0, control.indexOf(":"));
}

const listed = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/**
 * One criterion: the policies that match any of its values. Each value must be a string, one of
 * `vocabulary` when the criterion has a fixed one, and match some policy of the catalogue.
 */
function matching(what: string, values: unknown, known: readonly string[], holds: (p: Catalogued, value: string) => boolean,
    vocabulary?: readonly string[]): Set<string> {
    if (!Array.isArray(values)) {
        throw new Error(`selectPolicies: ${what} must be a list, got ${JSON.stringify(values)}`);
    }
    const out = new Set<string>();
    for (const value of values as unknown[]) {
        if (typeof value !== "string" || (vocabulary && !vocabulary.includes(value))) {
            throw new Error(`selectPolicies: unknown ${what} ${JSON.stringify(value)}; known: ${listed(vocabulary ?? known)}`);
        }
        const hits = POLICIES.filter((p) => holds(p, value));
        if (hits.length === 0) {
            throw new Error(`selectPolicies: ${what} ${JSON.stringify(value)} matches no policy; known: ${listed(known)}`);
        }
        hits.forEach((p) => out.add(p.name));
    }
    return out;
}

const rank = (s: unknown) => SEVERITIES.indexOf(s as Severity);

const CRITERIA = ["names", "severities", "minSeverity", "frameworks", "controls", "tags"];

/** The names of the policies that meet every given criterion, in the catalogue's order. */
export function selectPolicies(criteria: PolicyCriteria = {}): PolicyName[] {
    if (typeof criteria !== "object" || criteria === null || Array.isArray(criteria)) {
        throw new Error(`selectPolicies: the criteria must be an object, got ${JSON.stringify(criteria)}`);
    }
    const unknown = Object.keys(criteria).filter((k) => !CRITERIA.includes(k));
    if (unknown.length > 0) {
        throw new Error(`selectPolicies: unknown criterion ${listed(unknown)}; known: ${listed(CRITERIA)}`);
    }
    const names = POLICIES.map((p) => p.name as string);
    const tags = [...new Set(POLICIES.flatMap((p) => p.tags ?? []))].sort();
    const controls = [...new Set(POLICIES.flatMap(controlsOf))];
    const sets: Set<string>[] = [];
    const add = (given: unknown, ...args: Parameters<typeof matching>) => { if (given !== undefined) { sets.push(matching(...args)); } };
    add(criteria.names, "name", criteria.names, names, (p, n) => globMatch(n, p.name));
    add(criteria.severities, "severity", criteria.severities, SEVERITIES, (p, s) => p.severity === s, SEVERITIES);
    add(criteria.minSeverity, "minSeverity", [criteria.minSeverity], SEVERITIES, (p, s) => rank(p.severity) >= rank(s), SEVERITIES);
    add(criteria.frameworks, "framework", criteria.frameworks, FRAMEWORKS, (p, f) => controlsOf(p).some((c) => frameworkOf(c) === f), FRAMEWORKS);
    add(criteria.controls, "control", criteria.controls, controls, (p, c) => (controlsOf(p) as string[]).includes(c));
    add(criteria.tags, "tag", criteria.tags, tags, (p, t) => (p.tags ?? []).includes(t));
    const selected = POLICIES.filter((p) => sets.every((s) => s.has(p.name))).map((p) => p.name);
    if (selected.length === 0) {
        throw new Error(`selectPolicies: no policy meets all of ${JSON.stringify(criteria)}`);
    }
    return selected;
}

/** The metadata of the named policies (default: all), in the catalogue's order. */
export function describePolicies(names: readonly PolicyName[] = POLICIES.map((p) => p.name)): PolicyInfo[] {
    const known = new Set<string>(POLICIES.map((p) => p.name));
    const strange = names.filter((n) => !known.has(n));
    if (strange.length > 0) {
        throw new Error(`describePolicies: unknown policy ${listed(strange)}`);
    }
    return POLICIES.filter((p) => names.includes(p.name)).map((p) => ({
        name: p.name,
        displayName: p.displayName ?? p.name,
        description: p.description,
        enforcementLevel: p.enforcementLevel ?? "advisory",
        severity: p.severity ?? "low",
        tags: p.tags ?? [],
        controls: controlsOf(p),
        remediationSteps: p.remediationSteps ?? "",
        url: p.url ?? "",
        options: Object.fromEntries(Object.entries(p.configSchema?.properties ?? {})
            .filter(([key]) => !GOVERNANCE.has(key))
            .map(([key, schema]) => [key, { description: schema.description ?? "", default: schema.default }])),
    }));
}

/** The policy of the catalogue with this name, typed with its own options. */
export function policyByName<N extends PolicyName>(name: N): Extract<Catalogued, { readonly name: N }> {
    const found = POLICIES.find((p) => p.name === name);
    if (!found) {
        throw new Error(`policyByName: unknown policy ${JSON.stringify(name)}`);
    }
    return found as Extract<Catalogued, { readonly name: N }>;
}
