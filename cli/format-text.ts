/**
 * The text report, laid out like the Pulumi CLI's policy violations: grouped by resource, each
 * finding as `[level]  pack vX  policy (type: name)` followed by its message; a program's finding
 * also names where the resource was declared (`at index.ts:12`). Exempted findings
 * follow in a section of their own. Every value from the input is shown with its control
 * characters escaped, so that a resource name cannot start a line, colour the terminal or hide text.
 */
import { PLAIN, Paint } from "./colour";
import { incompleteFooter, incompleteHeader } from "./incomplete";
import { shownPath } from "./locations";
import { Finding, Report, summary } from "./model";

const INDENT = "    ";

const NAMED: { [c: string]: string } = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * C0 and C1 controls (ANSI escapes start with ESC or CSI), DEL, the Unicode line and paragraph
 * separators, and the bidirectional overrides that reorder what a terminal shows.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The text with each control character written as an escape (`\n`, `\x1b`, `\u202e`). */
export function escapeControls(text: string): string {
    return text.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff
        ? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`
        : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

function header(r: Report, f: Finding, paint: Paint): string {
    const loc = f.resource?.location;
    const at = loc ? ` at ${escapeControls(shownPath(loc.file))}:${loc.line}` : "";
    const where = f.resource ? ` (${escapeControls(f.resource.type)}: ${escapeControls(f.resource.name)})${at}` : "";
    const label = f.exemption ? `exempted ${f.level}` : f.baseline === "existing" ? `existing ${f.level}` : f.level;
    const tag = f.exemption || f.baseline === "existing" ? paint.quiet(`[${label}]`) : paint[f.level](`[${label}]`);
    return `${INDENT}${tag}  ${escapeControls(r.pack.name)} v${escapeControls(r.pack.version)}  ${escapeControls(f.policy)}${where}`;
}

/** "exemption '<pattern>': <reason> (expires 2027-01-31)", or the same for a tag. */
function exemptionText(f: Finding): string {
    const e = f.exemption;
    if (!e) {
        return "";
    }
    const by = e.kind === "config" ? `exemption '${e.resource}'` : `tag '${e.tag}' on the resource`;
    return escapeControls(`${by}: ${e.reason} (${e.expires === undefined ? "no expiry date" : `expires ${e.expires}`})`);
}

function section(lines: string[], r: Report, title: string, findings: Finding[], paint: Paint): void {
    if (findings.length === 0) {
        return;
    }
    lines.push(title);
    let group: string | undefined;
    for (const f of findings) {
        const key = f.resource?.urn ?? "";
        if (group !== undefined && key !== group) {
            lines.push("");
        }
        group = key;
        lines.push(header(r, f, paint));
        if (f.exemption) {
            lines.push(`${INDENT}${exemptionText(f)}`);
        }
        lines.push(`${INDENT}${escapeControls(f.message)}`);
    }
    lines.push("");
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

/** What the baseline and --min-severity did, in a line each. */
function outcomeLines(r: Report): string[] {
    const o = r.outcome;
    const lines: string[] = [];
    if (o?.baseline) {
        const b = o.baseline;
        lines.push(`Baseline ${escapeControls(b.file)}: ${plural(b.existing, "existing finding")} (not failing), ${b.new} new` +
            `${b.absent > 0 ? `; ${b.absent} of its entries matched no finding (fixed, or changed: write the baseline again to drop them)` : ""}.`);
    }
    if (o?.hidden) {
        const h = o.hidden;
        const fails = h.failing === 0 ? "none of them fails the check"
            : `${h.failing} of them ${h.failing === 1 ? "fails" : "fail"} the check (--fail-on ${o.failOn})`;
        lines.push(`${plural(h.findings, "finding")} below --min-severity ${h.minSeverity} not shown` +
            `${h.exempted > 0 ? ` (and ${h.exempted} exempted)` : ""}; ${fails}.`);
    }
    return lines;
}

export function formatText(r: Report, paint: Paint = PLAIN): string {
    const lines: string[] = [];
    const [source, project, stack] = [r.source.path, r.source.project, r.source.stack].map(escapeControls);
    const what = r.source.kind === "program"
        ? `program ${source} (preview of project ${project}, stack ${stack})`
        : `stack export ${source} (project ${project}, stack ${stack})`;
    lines.push(`Checked ${what} with ${escapeControls(r.pack.name)} v${escapeControls(r.pack.version)}`, "");
    lines.push(...incompleteHeader(r.incomplete ?? []).map(escapeControls));
    section(lines, r, "Policy Violations:", r.findings.filter((f) => f.baseline !== "existing"), paint);
    section(lines, r, "Existing findings (in the baseline; they do not fail the check):", r.findings.filter((f) => f.baseline === "existing"), paint);
    section(lines, r, "Exempted findings (reported as advisory; they do not fail the check):", r.exempted, paint);
    const s = summary(r);
    const failed = (r.outcome?.failing ?? s.mandatory) > 0;
    const shownOnly = r.outcome?.hidden ? " shown" : "";
    lines.push(s.mandatory + s.advisory === 0
        ? paint.pass(`No policy violations${shownOnly} in ${plural(s.resources, "resource")}.`)
        : (failed ? paint.mandatory : (t: string) => t)(`${s.mandatory} mandatory, ${s.advisory} advisory: ` +
          `${plural(s.mandatory + s.advisory, "violation")}${shownOnly} on ${s.resourcesWithFindings} of ${plural(s.resources, "resource")}.`));
    lines.push(...outcomeLines(r));
    if (s.exempted > 0) {
        lines.push(`${plural(s.exempted, "exempted finding")}, not counted above.`);
    }
    lines.push(...incompleteFooter(r.incomplete ?? []));
    return lines.join("\n") + "\n";
}
