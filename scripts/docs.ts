/**
 * What is generated from the catalogue: the policy reference table in docs/policies.md, the short policy
 * list in the README, and examples/config/baseline.json (every policy at its default level with its
 * default options). `npm run docs` rewrites all three; a test fails when any of them and the code disagree.
 */
import * as fs from "fs";
import * as path from "path";
import { Policy } from "@pulumi/policy";
import { catalogue } from "../policies/catalogue";
import { GOVERNANCE_KEYS } from "../policies/core/governance";

const ROOT = path.join(__dirname, "..");
export const README = path.join(ROOT, "README.md");
export const POLICIES_DOC = path.join(ROOT, "docs", "policies.md");
export const BASELINE = path.join(ROOT, "examples", "config", "baseline.json");

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function configText(p: Policy): string {
    // The options every policy shares (exemptions, exemptionTag, stackTags) are described once, below the table.
    const props = Object.entries(p.configSchema?.properties ?? {}).filter(([k]) => !GOVERNANCE_KEYS.includes(k));
    if (props.length === 0) {
        return "-";
    }
    return props.map(([k, v]) => `\`${k}\` (default \`${JSON.stringify(v.default)}\`): ${cell(v.description ?? "")}`).join("<br>");
}

function controlsText(p: Policy): string {
    const controls = (p.tags ?? []).filter((t) => /^(cis-aws|security-hub):/.test(t))
        .map((t) => t.replace(/^cis-aws:/, "CIS ").replace(/^security-hub:/, "Security Hub "));
    return controls.length > 0 ? controls.join("<br>") : "this pack";
}

/**
 * The full reference: what each policy checks, its controls, options and fix. Each row starts with an
 * anchor named after the policy (`docs/policies.md#<policy>`), which SARIF rules link to as their help.
 */
export function policyTable(): string {
    const rows = catalogue().map((p) => `| <a id="${p.name}"></a>\`${p.name}\` | ${p.enforcementLevel} | ${p.severity} | ${cell(p.description)} | ` +
        `${controlsText(p)} | ${configText(p)} | ${cell(p.remediationSteps ?? "")} |`);
    return [
        "| policy | default level | severity | what it checks | controls | config | how to fix |",
        "|---|---|---|---|---|---|---|",
        ...rows,
    ].join("\n");
}

/** The short list for the README: one line per policy. */
export function policyList(): string {
    const rows = catalogue().map((p) => `| \`${p.name}\` | ${p.enforcementLevel} | ${p.severity} | ${cell(p.displayName ?? "")} |`);
    return [
        "| policy | default level | severity | rule |",
        "|---|---|---|---|",
        ...rows,
    ].join("\n");
}

/** A generated section: the file it lives in, the markers around it, and its text. */
export interface Generated {
    file: string;
    begin: string;
    end: string;
    text: () => string;
}

export const REFERENCE_TABLE: Generated =
    { file: POLICIES_DOC, begin: "<!-- policy-table:begin -->", end: "<!-- policy-table:end -->", text: policyTable };
export const README_LIST: Generated =
    { file: README, begin: "<!-- policy-list:begin -->", end: "<!-- policy-list:end -->", text: policyList };
export const GENERATED = [REFERENCE_TABLE, README_LIST];

/** Every policy's default level and the defaults of its own options, as a configuration file. */
export function baselineConfig(): string {
    const config = Object.fromEntries(catalogue().map((p) => [p.name, {
        enforcementLevel: p.enforcementLevel,
        ...Object.fromEntries(Object.entries(p.configSchema?.properties ?? {})
            .filter(([k]) => !GOVERNANCE_KEYS.includes(k)).map(([k, v]) => [k, v.default])),
    }]));
    return `${JSON.stringify(config, null, 4)}\n`;
}

/** The section as it stands in its file now, or undefined when the file lacks its markers. */
export function currentText(g: Generated, text = fs.readFileSync(g.file, "utf8")): string | undefined {
    const start = text.indexOf(g.begin);
    const end = text.indexOf(g.end);
    return start < 0 || end < start ? undefined : text.slice(start + g.begin.length, end).trim();
}

if (require.main === module) {
    for (const g of GENERATED) {
        if (currentText(g) === undefined) {
            console.error(`${path.relative(ROOT, g.file)} has no ${g.begin} ... ${g.end} section`);
            process.exit(2);
        }
    }
    for (const g of GENERATED) {
        const text = fs.readFileSync(g.file, "utf8");
        const start = text.indexOf(g.begin) + g.begin.length;
        fs.writeFileSync(g.file, `${text.slice(0, start)}\n${g.text()}\n${text.slice(text.indexOf(g.end))}`);
    }
    fs.writeFileSync(BASELINE, baselineConfig());
    console.log("docs/policies.md policy table, README.md policy list and examples/config/baseline.json updated");
}
