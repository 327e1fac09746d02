/**
 * Baselines: the findings of a run, written to a file (--write-baseline) that a later run reads
 * (--baseline) to tell the findings it already had from new ones. A finding is identified by its
 * policy, its resource's URN, what it is about on the resource (the rule or property path the
 * policy names) and whether it is a violation or a note; never by its message, which changes with
 * counts and addresses. One entry covers one finding with exactly that identity, and nothing else:
 * there are no patterns, and an entry that is written twice covers two findings.
 */
import * as fs from "fs";
import { InputError } from "./errors";
import { Finding, Report } from "./model";

export const BASELINE_VERSION = 1;

export interface Identity {
    policy: string;
    /** "" for a stack finding that names no resource. */
    urn: string;
    /** null when the policy names no path (a finding about the whole resource). */
    at: string | null;
    /** null for a diagnostic the pack did not key. */
    kind: "violation" | "note" | null;
}

export function identityOf(f: Finding): Identity {
    return { policy: f.policy, urn: f.resource?.urn ?? "", at: f.at ?? null, kind: f.kind ?? null };
}

export const identityKey = (i: Identity): string => JSON.stringify([i.policy, i.urn, i.at, i.kind]);

/** The baseline file of a report: every finding that is not exempted, in the report's order, with its level and message for the reader. */
export function baselineText(r: Report): string {
    return JSON.stringify({
        version: BASELINE_VERSION,
        pack: r.pack.name,
        findings: r.findings.map((f) => ({ ...identityOf(f), level: f.level, message: f.message })),
    }, null, 2) + "\n";
}

const ENTRY_KEYS = ["policy", "urn", "at", "kind", "level", "message"];

function entryProblem(e: unknown): string | undefined {
    if (typeof e !== "object" || e === null || Array.isArray(e)) {
        return "is not an object";
    }
    const r = e as Record<string, unknown>;
    const extra = Object.keys(r).find((k) => !ENTRY_KEYS.includes(k));
    if (extra !== undefined) {
        return `has the unknown key '${extra}' (an entry names one finding exactly: ${ENTRY_KEYS.join(", ")})`;
    }
    if (typeof r.policy !== "string" || r.policy === "") { return "needs a policy name"; }
    if (typeof r.urn !== "string") { return "needs a urn (\"\" for a finding on no resource)"; }
    if (r.at !== null && typeof r.at !== "string") { return "needs at: the rule or property path, or null"; }
    if (r.kind !== null && r.kind !== "violation" && r.kind !== "note") { return "needs kind: violation, note or null"; }
    if (r.level !== undefined && typeof r.level !== "string") { return "has a level that is not text"; }
    if (r.message !== undefined && typeof r.message !== "string") { return "has a message that is not text"; }
    return undefined;
}

/** The identities a baseline file holds; an error (exit 2) when it is missing or not a baseline. */
export function readBaseline(file: string): Identity[] {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(code === "ENOENT"
            ? `baseline ${file} not found: write one with --write-baseline ${file}`
            : `cannot read baseline ${file}: ${code ?? String(e)}`);
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new InputError(`baseline ${file} is not JSON: ${(e as Error).message}`);
    }
    const d = doc as Record<string, unknown> | null;
    if (typeof d !== "object" || d === null || Array.isArray(d) || !Array.isArray(d.findings)) {
        throw new InputError(`baseline ${file} is not a baseline: it needs { "version": ${BASELINE_VERSION}, "findings": [...] } (write one with --write-baseline)`);
    }
    if (d.version !== BASELINE_VERSION) {
        throw new InputError(`baseline ${file} has version ${JSON.stringify(d.version)}; this check reads version ${BASELINE_VERSION}`);
    }
    return d.findings.map((e, i) => {
        const problem = entryProblem(e);
        if (problem !== undefined) {
            throw new InputError(`baseline ${file}: findings[${i}] ${problem}`);
        }
        const r = e as Identity;
        return { policy: r.policy, urn: r.urn, at: r.at, kind: r.kind };
    });
}

/**
 * Marks each finding new or existing: an entry covers the first finding, in report order, with its
 * identity, and each entry covers one finding at most. Returns how many entries covered none.
 */
export function applyBaseline(findings: Finding[], entries: readonly Identity[]): { findings: Finding[]; absent: number } {
    const left = new Map<string, number>();
    for (const e of entries) {
        left.set(identityKey(e), (left.get(identityKey(e)) ?? 0) + 1);
    }
    const marked = findings.map((f): Finding => {
        const k = identityKey(identityOf(f));
        const n = left.get(k) ?? 0;
        if (n === 0) {
            return { ...f, baseline: "new" };
        }
        left.set(k, n - 1);
        return { ...f, baseline: "existing" };
    });
    return { findings: marked, absent: [...left.values()].reduce((a, b) => a + b, 0) };
}
