/** What a check produces, before it is formatted as text, JSON or SARIF. */
import type { ExemptionSource } from "../policies/core/governance";
import type { PolicyInfo } from "../runner/analyzer-client";

/** Where a program declared a resource: an absolute file path and a 1-based line. */
export interface SourceLocation {
    file: string;
    line: number;
}

export interface ResourceRef {
    urn: string;
    type: string;
    name: string;
    /** Known for a program's resources (the stack at registration), not for a stack export's. */
    location?: SourceLocation;
}

export type Level = "mandatory" | "advisory";

/** The exemption an exempted finding used: a configured entry (its `resource` pattern) or a tag, with its reason and expiry. */
export type FindingExemption = ExemptionSource & { reason: string; expires?: string };

export interface Finding {
    policy: string;
    /** For an exempted finding, the level it had before the exemption. */
    level: Level;
    severity?: string;
    /** Undefined for a stack policy's finding that names no resource. */
    resource?: ResourceRef;
    message: string;
    /** What the finding is about on the resource (a rule or property path), when the policy names one. */
    at?: string;
    /** A definite violation or a note (a decision that waits for a value); unset for a diagnostic the pack did not key. */
    kind?: "violation" | "note";
    /** With --baseline: whether the baseline holds the finding. */
    baseline?: "new" | "existing";
    /** Set on exempted findings only. */
    exemption?: FindingExemption;
}

export interface Source {
    kind: "program" | "stack-export";
    /** As given on the command line. */
    path: string;
    /** The file a finding points at in SARIF: the program's entry point, or the export file. */
    artifact: string;
    project: string;
    stack: string;
}

/** Something the check could not see: a multi-language component, whose children mocks never create. */
export interface Incomplete {
    kind: "component-not-expanded";
    resource: ResourceRef;
    message: string;
}

/** How the findings were judged: what fails the check, and what the options left out of the report. */
export interface Outcome {
    failOn: "mandatory" | "advisory" | "none";
    /** Findings, reported or hidden, that fail the check: at the --fail-on level, not exempted, not in the baseline. */
    failing: number;
    /** With --min-severity: the findings below it, left out of the report but judged all the same. */
    hidden?: { minSeverity: string; findings: number; failing: number; exempted: number };
    /** With --baseline: findings it covers (existing), findings it does not (new), and its entries that covered none. */
    baseline?: { file: string; existing: number; new: number; absent: number };
}

export interface Report {
    pack: { name: string; version: string };
    source: Source;
    /** Every resource sent to Analyze, in the engine's order. */
    resources: ResourceRef[];
    /** The pack's policies with the levels in force after --policy-pack-config. */
    policies: PolicyInfo[];
    /** Sorted: by resource (engine order), resource-policy findings before stack-policy ones. */
    findings: Finding[];
    /** Findings an exemption covers (the pack reports them as advisory), in the same order. */
    exempted: Finding[];
    /**
     * Not errors: configured exemptions that exempted nothing (they matched no finding, or only after their
     * expiry date), and lookups a program read that check could answer only with their own arguments.
     */
    warnings: string[];
    /** What the check could not see (absent or empty when it saw everything). */
    incomplete?: Incomplete[];
    /** Set once the report is judged (outcome.ts). */
    outcome?: Outcome;
}

export function summary(r: Report): { resources: number; resourcesWithFindings: number; mandatory: number; advisory: number; exempted: number } {
    return {
        resources: r.resources.length,
        resourcesWithFindings: new Set(r.findings.filter((f) => f.resource).map((f) => f.resource?.urn)).size,
        mandatory: r.findings.filter((f) => f.level === "mandatory").length,
        advisory: r.findings.filter((f) => f.level === "advisory").length,
        exempted: r.exempted.length,
    };
}

/** The resource's own type in a URN (the last of its parent-qualified types); "" when it is not a URN. */
export function typeFromUrn(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? parts[2].split("$").pop() ?? "" : "";
}

/** The resource's name: what follows the last `::` of the URN. */
export function nameFromUrn(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i >= 0 ? urn.slice(i + 2) : urn;
}
