/**
 * What is generated from the catalogue: the README's policy table and examples/config/baseline.json
 * (every policy at its default level with its default options). `npm run docs` rewrites both; a
 * test fails when either and the code disagree.
 */
import * as fs from "fs";
import * as path from "path";
import { Policy } from "@pulumi/policy";
import { catalogue } from "../policies/catalogue";
import { GOVERNANCE_KEYS } from "../policies/core/governance";

export const README = path.join(__dirname, "..", "README.md");
export const BASELINE = path.join(__dirname, "..", "examples", "config", "baseline.json");
const BEGIN = "<!-- policy-table:begin -->";
const END = "<!-- policy-table:end -->";

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function configText(p: Policy): string {
    // The options every policy shares (exemptions, exemptionTag, stackTags) are described once, below the table.
    const props = Object.entries(p.configSchema?.properties ?? {}).filter(([k]) => !GOVERNANCE_KEYS.includes(k));
    if (props.length === 0) {
        return "-";
    }
    return props.map(([k, v]) => `\`${k}\` (default \`${JSON.stringify(v.default)}\`)`).join("<br>");
}

function controlsText(p: Policy): string {
    const controls = (p.tags ?? []).filter((t) => /^(cis-aws|security-hub):/.test(t))
        .map((t) => t.replace(/^cis-aws:/, "CIS ").replace(/^security-hub:/, "Security Hub "));
    return controls.length > 0 ? controls.join("<br>") : "this pack";
}

export function policyTable(): string {
    const rows = catalogue().map((p) => `| \`${p.name}\` | ${p.enforcementLevel} | ${p.severity} | ${cell(p.description)} | ` +
        `${controlsText(p)} | ${configText(p)} | ${cell(p.remediationSteps ?? "")} |`);
    return [
        "| policy | default level | severity | what it checks | controls | config | how to fix |",
        "|---|---|---|---|---|---|---|",
        ...rows,
    ].join("\n");
}

/** Every policy's default level and the defaults of its own options, as a configuration file. */
export function baselineConfig(): string {
    const config = Object.fromEntries(catalogue().map((p) => [p.name, {
        enforcementLevel: p.enforcementLevel,
        ...Object.fromEntries(Object.entries(p.configSchema?.properties ?? {})
            .filter(([k]) => !GOVERNANCE_KEYS.includes(k)).map(([k, v]) => [k, v.default])),
    }]));
    return `${JSON.stringify(config, null, 4)}\n`;
}

/** The table as it stands in the README now. */
export function readmeTable(text = fs.readFileSync(README, "utf8")): string | undefined {
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    return start < 0 || end < start ? undefined : text.slice(start + BEGIN.length, end).trim();
}

if (require.main === module) {
    const text = fs.readFileSync(README, "utf8");
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (start < 0 || end < start) {
        console.error(`README.md has no ${BEGIN} ... ${END} section`);
        process.exit(2);
    }
    fs.writeFileSync(README, `${text.slice(0, start + BEGIN.length)}\n${policyTable()}\n${text.slice(end)}`);
    fs.writeFileSync(BASELINE, baselineConfig());
    console.log("README.md policy table and examples/config/baseline.json updated");
}
