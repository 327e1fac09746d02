/**
 * The text report, laid out like the Pulumi CLI's policy violations: grouped by resource, each
 * finding as `[level]  pack vX  policy (type: name)` followed by its message.
 */
import { Finding, Report, summary } from "./model";

const INDENT = "    ";

function header(r: Report, f: Finding): string {
    const where = f.resource ? ` (${f.resource.type}: ${f.resource.name})` : "";
    return `${INDENT}[${f.level}]  ${r.pack.name} v${r.pack.version}  ${f.policy}${where}`;
}

export function formatText(r: Report): string {
    const lines: string[] = [];
    const what = r.source.kind === "program"
        ? `program ${r.source.path} (preview of project ${r.source.project}, stack ${r.source.stack})`
        : `stack export ${r.source.path} (project ${r.source.project}, stack ${r.source.stack})`;
    lines.push(`Checked ${what} with ${r.pack.name} v${r.pack.version}`, "");
    if (r.findings.length > 0) {
        lines.push("Policy Violations:");
        let group: string | undefined;
        for (const f of r.findings) {
            const key = f.resource?.urn ?? "";
            if (group !== undefined && key !== group) {
                lines.push("");
            }
            group = key;
            lines.push(header(r, f));
            for (const l of f.message.split("\n")) {
                lines.push(l === "" ? "" : `${INDENT}${l}`);
            }
        }
        lines.push("");
    }
    const s = summary(r);
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
    lines.push(s.mandatory + s.advisory === 0
        ? `No policy violations in ${plural(s.resources, "resource")}.`
        : `${s.mandatory} mandatory, ${s.advisory} advisory: ${plural(s.mandatory + s.advisory, "violation")} ` +
          `on ${s.resourcesWithFindings} of ${plural(s.resources, "resource")}.`);
    return lines.join("\n") + "\n";
}
