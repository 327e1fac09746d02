/**
 * The JSON report. Its shape is versioned (`version`) and documented in docs/check.md; findings are
 * in a stable order (by resource in the engine's order, then as the pack reported them).
 */
import { incompleteJson } from "./incomplete";
import { shownPath } from "./locations";
import { Finding, FindingExemption, Report, summary } from "./model";

export const JSON_REPORT_VERSION = 1;

function finding(f: Finding) {
    return {
        policy: f.policy,
        level: f.level,
        severity: f.severity ?? null,
        resource: f.resource ? { urn: f.resource.urn, type: f.resource.type, name: f.resource.name } : null,
        // Only when known (a program's resource), so that a stack export's findings keep their shape.
        ...(f.resource?.location ? { location: { file: shownPath(f.resource.location.file), line: f.resource.location.line } } : {}),
        message: f.message,
        // Only with --baseline.
        ...(f.baseline ? { baseline: f.baseline } : {}),
    };
}

/** `{ kind: "config", resource, reason, expires }` or `{ kind: "tag", tag, reason, expires }`; expires null when open-ended. */
function exemption(e: FindingExemption | undefined) {
    return e === undefined ? null : {
        kind: e.kind,
        ...(e.kind === "config" ? { resource: e.resource } : { tag: e.tag }),
        reason: e.reason,
        expires: e.expires ?? null,
    };
}

export function formatJson(r: Report): string {
    const s = summary(r);
    const o = r.outcome;
    return JSON.stringify({
        version: JSON_REPORT_VERSION,
        pack: r.pack,
        source: { kind: r.source.kind, path: r.source.path, project: r.source.project, stack: r.source.stack },
        summary: { ...s, failOn: o?.failOn ?? "mandatory", failing: o?.failing ?? s.mandatory, passed: (o?.failing ?? s.mandatory) === 0 },
        // Only with --min-severity and --baseline.
        ...(o?.hidden ? { hidden: o.hidden } : {}),
        ...(o?.baseline ? { baseline: o.baseline } : {}),
        // Only when the check could not see everything (docs/check.md).
        ...(r.incomplete?.length ? { incomplete: incompleteJson(r.incomplete) } : {}),
        findings: r.findings.map(finding),
        exempted: r.exempted.map((f) => ({ ...finding(f), exemption: exemption(f.exemption) })),
    }, null, 2) + "\n";
}
