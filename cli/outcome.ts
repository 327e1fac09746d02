/**
 * Judging a report: which findings fail the check (--fail-on, less exempted findings and those the
 * baseline covers), and which are reported (--min-severity). A finding below --min-severity is left
 * out of the report but still judged, so the filter never lets a failing finding pass unseen: the
 * report says how many it hid and how many of those fail the check.
 */
import { Identity, applyBaseline } from "./baseline";
import { Finding, Outcome, Report } from "./model";
import { FailOn, SEVERITIES, SeverityName } from "./options";

export interface Judging {
    failOn: FailOn;
    minSeverity?: SeverityName;
    baseline?: { file: string; entries: readonly Identity[] };
}

/** Whether a finding at this level fails the check under --fail-on (exempted and existing findings never do). */
export function failsAt(failOn: FailOn, f: Finding): boolean {
    if (f.exemption || f.baseline === "existing") {
        return false;
    }
    return failOn === "advisory" || (failOn === "mandatory" && f.level === "mandatory");
}

/** Shown under --min-severity: at or above it, or of no known severity (never hidden on a guess). */
function shown(min: SeverityName | undefined, f: Finding): boolean {
    const rank = SEVERITIES.indexOf(f.severity as SeverityName);
    return min === undefined || rank < 0 || rank >= SEVERITIES.indexOf(min);
}

/** The report with its outcome: findings marked new or existing, and only those at or above --min-severity. */
export function judge(r: Report, j: Judging): Report {
    const marked = j.baseline ? applyBaseline(r.findings, j.baseline.entries) : undefined;
    const findings = marked?.findings ?? r.findings;
    const failing = findings.filter((f) => failsAt(j.failOn, f));
    const outcome: Outcome = { failOn: j.failOn, failing: failing.length };
    if (marked && j.baseline) {
        const existing = findings.filter((f) => f.baseline === "existing").length;
        outcome.baseline = { file: j.baseline.file, existing, new: findings.length - existing, absent: marked.absent };
    }
    const keep = (f: Finding) => shown(j.minSeverity, f);
    if (j.minSeverity !== undefined) {
        outcome.hidden = {
            minSeverity: j.minSeverity,
            findings: findings.filter((f) => !keep(f)).length,
            failing: failing.filter((f) => !keep(f)).length,
            exempted: r.exempted.filter((f) => !keep(f)).length,
        };
    }
    return { ...r, findings: findings.filter(keep), exempted: r.exempted.filter(keep), outcome };
}

/** The exit code: 1 when a finding fails the check, else 3 for an incomplete check with --fail-on-incomplete, else 0. */
export function exitCode(r: Report, failOnIncomplete: boolean): number {
    return (r.outcome?.failing ?? 0) > 0 ? 1 : failOnIncomplete && (r.incomplete ?? []).length > 0 ? 3 : 0;
}
