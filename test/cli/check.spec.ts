// End-to-end tests of `aws-network-guardrails check`: the bin is run as a user runs it, on the
// bundled examples and on fixtures, and its exact output and exit code are compared.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { assertValidSarif } from "./sarif-schema";
import { catalogue, packName } from "../../policies/catalogue";
import { REPO, Run, assertGolden, runAll } from "./run-bin";

const EXPORT = "test/fixtures/common-mistakes.stack-export.json";
const version = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string; scripts: { start: string } });

interface JsonFinding {
    policy: string;
    level: string;
    severity: string | null;
    resource: { urn: string; type: string; name: string } | null;
    message: string;
}

interface JsonReport {
    version: number;
    pack: { name: string; version: string };
    summary: { resources: number; mandatory: number; advisory: number; exempted: number; passed: boolean };
    findings: JsonFinding[];
    exempted: (JsonFinding & { exemption: Record<string, string | null> })[];
}

/** policy -> number of findings. */
function countByPolicy(r: JsonReport): Record<string, number> {
    const out: Record<string, number> = {};
    for (const f of r.findings) { out[f.policy] = (out[f.policy] ?? 0) + 1; }
    return out;
}

/**
 * Every policy once, but db-not-reachable-from-internet: a database with a path from the internet is
 * also publicly accessible and trusts an address range, which db-ingress-only-via-security-groups
 * would report a second time (test/programs/three-tier.spec.ts shows that path).
 */
function everyPolicyOnce(): Record<string, number> {
    return Object.fromEntries(catalogue().filter((p) => p.name !== "db-not-reachable-from-internet").map((p) => [p.name, 1]));
}

describe("cli: check, end to end", function () {
    this.timeout(600_000);
    const runs: { [name: string]: string[] } = {
        threeTier: ["check", "examples/three-tier"],
        mistakesText: ["check", "examples/common-mistakes"],
        mistakesJson: ["check", "examples/common-mistakes", "--format", "json"],
        mistakesSarif: ["check", "examples/common-mistakes", "--format=sarif"],
        npmStart: version.scripts.start.replace(/^node bin\/aws-network-guardrails\.js /, "").split(" "),
        exportText: ["check", "--stack-export", EXPORT],
        exportJson: ["check", "--stack-export", EXPORT, "--format", "json"],
        exportSarif: ["check", "--stack-export", EXPORT, "--format", "sarif"],
        configured: ["check", "--stack-export", EXPORT, "--format", "json", "--policy-pack-config", "test/fixtures/config/all-advisory-no-unused.json"],
        exempted: ["check", "--stack-export", EXPORT, "--format", "json", "--policy-pack-config", "test/fixtures/config/exemptions.json"],
        exemptedText: ["check", "--stack-export", EXPORT, "--policy-pack-config", "test/fixtures/config/exemptions.json"],
        exemptedSarif: ["check", "--stack-export", EXPORT, "--format", "sarif", "--policy-pack-config", "test/fixtures/config/exemptions.json"],
        controlChars: ["check", "--stack-export", "test/fixtures/control-chars.stack-export.json"],
        expiredExemption: ["check", "--stack-export", EXPORT, "--format", "json", "--policy-pack-config", "test/fixtures/config/expired-exemption.json"],
        references: ["check", "--stack-export", "test/fixtures/references.stack-export.json"],
        programReferences: ["check", "test/fixtures/programs/resource-references"],
    };
    const result: { [name: string]: Run } = {};
    let seconds = 0;

    before(async () => {
        const t = Date.now();
        const names = Object.keys(runs);
        const done = await runAll(names.map((n) => runs[n]));
        names.forEach((n, i) => { result[n] = done[i]; });
        seconds = (Date.now() - t) / 1000;
    });

    const ok = (name: string, code: number) => {
        const r = result[name];
        assert.strictEqual(r.code, code, `exit code of ${runs[name].join(" ")}\n${r.stderr}`);
        assert.strictEqual(r.stderr, "", "nothing on stderr");
        return r;
    };

    it(`runs the ${Object.keys(runs).length} checks below (timing)`, () => {
        assert.ok(seconds > 0);
        console.log(`      (${seconds.toFixed(1)} s for ${Object.keys(runs).length} runs)`);
    });

    it("three-tier passes clean: exit 0, exact text", () => {
        assertGolden("three-tier.txt", ok("threeTier", 0).stdout);
    });

    it("common-mistakes: exit 1 (mandatory findings), exact text grouped by resource", () => {
        assertGolden("common-mistakes.txt", ok("mistakesText", 1).stdout);
    });

    it("common-mistakes: exact JSON, and every catalogue policy reported exactly once", () => {
        const r = ok("mistakesJson", 1);
        assertGolden("common-mistakes.json", r.stdout);
        const report = JSON.parse(r.stdout) as JsonReport;
        assert.deepStrictEqual(countByPolicy(report), everyPolicyOnce());
        assert.deepStrictEqual(report.pack, { name: packName, version: version.version });
    });

    it("`npm start` prints the common-mistakes report and exits 0 (--exit-zero)", () => {
        assert.strictEqual(ok("npmStart", 0).stdout, result.mistakesText.stdout);
    });

    it("common-mistakes: SARIF 2.1.0 valid against the official schema; one rule per policy, one result per finding", () => {
        const log = assertValidSarif(ok("mistakesSarif", 1).stdout);
        const run = log.runs[0];
        const rules = run.tool.driver.rules ?? [];
        assert.deepStrictEqual(rules.map((x) => x.id), catalogue().map((p) => p.name));
        assert.strictEqual(run.tool.driver.informationUri, "https://www.npmjs.com/package/aws-network-guardrails");
        for (const [i, p] of catalogue().entries()) {
            assert.strictEqual(rules[i].helpUri, `https://unpkg.com/aws-network-guardrails@${version.version}/docs/policies.md#${p.name}`);
            assert.strictEqual(rules[i].help?.text, p.remediationSteps);
            assert.strictEqual(rules[i].fullDescription?.text, p.description);
            assert.strictEqual(rules[i].defaultConfiguration?.level, p.enforcementLevel === "mandatory" ? "error" : "warning");
            assert.match(String(rules[i].properties?.["security-severity"]), /^\d+\.\d$/);
        }
        const results = run.results ?? [];
        const json = JSON.parse(result.mistakesJson.stdout) as JsonReport;
        assert.deepStrictEqual(results.map((x) => [x.ruleId, x.level, x.message.text]),
            json.findings.map((f) => [f.policy, f.level === "mandatory" ? "error" : "warning", f.message]));
        for (const x of results) {
            const loc = x.locations?.[0];
            assert.strictEqual(loc?.physicalLocation?.artifactLocation?.uri, "examples/common-mistakes/index.ts");
            assert.ok((loc?.physicalLocation?.region?.startLine ?? 0) >= 1);
            assert.match(loc?.logicalLocations?.[0]?.fullyQualifiedName ?? "", /^urn:pulumi:dev::common-mistakes::/);
        }
    });

    it("stack export: exit 1, exact text and JSON; the unknown resource type is ignored silently", () => {
        assertGolden("stack-export.txt", ok("exportText", 1).stdout);
        const r = ok("exportJson", 1);
        assertGolden("stack-export.json", r.stdout);
        const report = JSON.parse(r.stdout) as JsonReport;
        assert.deepStrictEqual(countByPolicy(report), everyPolicyOnce());
        assert.ok(!r.stdout.includes("acme:index:Widget"));
    });

    it("stack export: valid SARIF pointing into the export file", () => {
        const log = assertValidSarif(ok("exportSarif", 1).stdout);
        const results = log.runs[0].results ?? [];
        assert.strictEqual(results.length, Object.keys(everyPolicyOnce()).length);
        const lines = fs.readFileSync(path.join(REPO, EXPORT), "utf8").split("\n");
        for (const x of results) {
            const loc = x.locations?.[0];
            assert.strictEqual(loc?.physicalLocation?.artifactLocation?.uri, EXPORT);
            const urn = loc?.logicalLocations?.[0]?.fullyQualifiedName ?? "";
            assert.ok(lines[(loc?.physicalLocation?.region?.startLine ?? 0) - 1].includes(JSON.stringify(urn)), urn);
        }
    });

    /** The finding of the unexempted run that an exempted one stands for: same policy and resource. */
    const unexempted = (policy: string, name: string) => {
        const all = (JSON.parse(result.exportJson.stdout) as JsonReport).findings.filter((f) => f.policy === policy && f.resource?.name === name);
        assert.strictEqual(all.length, 1, `${policy} on ${name}`);
        return all[0];
    };

    it("exemptions, JSON: exempted findings leave `findings` for `exempted`, with their exemption; an unused exemption is a warning", () => {
        const r = result.exempted;
        assert.strictEqual(r.code, 1, r.stderr);
        assert.strictEqual(r.stderr, "warning: exemption 'old-bastion' of sg-unused matched no finding: remove it, or check the pattern\n");
        const report = JSON.parse(r.stdout) as JsonReport;
        const expected = everyPolicyOnce();
        delete expected["sg-unused"];
        delete expected["sg-descriptions"];
        assert.deepStrictEqual(countByPolicy(report), expected);
        assert.deepStrictEqual(report.exempted, [
            { ...unexempted("sg-unused", "legacy"), exemption: { kind: "config", resource: "legac*", reason: "kept for the rollback path", expires: "2999-12-31" } },
            { ...unexempted("sg-descriptions", "web-to-app"), exemption: { kind: "config", resource: "**::web-to-app", reason: "generated by the platform module", expires: null } },
        ]);
        assert.strictEqual(report.summary.exempted, 2);
    });

    it("exemptions, text: a section of exempted findings, each with its exemption, reason and expiry", () => {
        const r = result.exemptedText;
        assert.strictEqual(r.code, 1, r.stderr);
        const section = r.stdout.slice(r.stdout.indexOf("Exempted findings"));
        const legacy = unexempted("sg-unused", "legacy");
        const rule = unexempted("sg-descriptions", "web-to-app");
        assert.strictEqual(section, [
            "Exempted findings (reported as advisory; they do not fail the check):",
            `    [exempted advisory]  ${packName} v${version.version}  sg-unused (${legacy.resource?.type}: legacy)`,
            "    exemption 'legac*': kept for the rollback path (expires 2999-12-31)",
            `    ${legacy.message}`,
            "",
            `    [exempted advisory]  ${packName} v${version.version}  sg-descriptions (${rule.resource?.type}: web-to-app)`,
            "    exemption '**::web-to-app': generated by the platform module (no expiry date)",
            `    ${rule.message}`,
            "",
            r.stdout.split("\n").slice(-3)[0],
            "2 exempted findings, not counted above.",
            "",
        ].join("\n"));
    });

    it("exemptions, SARIF: valid; exempted findings are results with an external suppression justified by the reason", () => {
        const log = assertValidSarif(result.exemptedSarif.stdout);
        const suppressed = (log.runs[0].results ?? []).filter((x) => x.suppressions);
        assert.deepStrictEqual(suppressed.map((x) => [x.ruleId, x.level, x.message.text, x.locations?.[0]?.logicalLocations?.[0]?.name, x.suppressions]), [
            ["sg-unused", "warning", unexempted("sg-unused", "legacy").message, "legacy",
                [{ kind: "external", status: "accepted", justification: "kept for the rollback path", properties: { exemption: "legac*", expires: "2999-12-31" } }]],
            ["sg-descriptions", "warning", unexempted("sg-descriptions", "web-to-app").message, "web-to-app",
                [{ kind: "external", status: "accepted", justification: "generated by the platform module", properties: { exemption: "**::web-to-app", expires: null } }]],
        ]);
        assert.strictEqual((log.runs[0].results ?? []).length, Object.keys(everyPolicyOnce()).length, "every finding once, exempted or not");
    });

    it("an exemption that matched only after its expiry date: the finding stays at its level with the date, and the warning says it expired", () => {
        const r = result.expiredExemption;
        assert.strictEqual(r.code, 1, r.stderr);
        assert.strictEqual(r.stderr, "warning: exemption 'legac*' of sg-unused expired on 2020-01-31 and no longer exempts: the finding it matched is " +
            "reported at its level, with the expiry date; renew the exemption or fix the finding\n");
        const report = JSON.parse(r.stdout) as JsonReport;
        const legacy = unexempted("sg-unused", "legacy");
        assert.deepStrictEqual(report.findings.filter((f) => f.policy === "sg-unused"), [
            { ...legacy, message: `${legacy.message} The exemption for 'legac*' (kept for the rollback path) expired on 2020-01-31; renew it or fix the finding.` },
        ]);
        assert.deepStrictEqual(report.exempted, []);
    });

    it("text escapes control characters: a resource name with an ANSI escape and a newline cannot forge or colour a line", () => {
        const r = result.controlChars;
        assert.strictEqual(r.code, 1, r.stderr);
        assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(r.stdout), "no control character but line breaks");
        const shown = "web\\x1b[31m\\n    [advisory]  forged\\x1b[0m";
        const lines = r.stdout.split("\n");
        assert.strictEqual(lines[3], `    [mandatory]  ${packName} v${version.version}  sg-no-admin-ports-from-world (aws:ec2/securityGroup:SecurityGroup: ${shown})`);
        // Every line that mentions the name is a finding's header or a message quoting it, escaped.
        assert.deepStrictEqual(lines.filter((l) => l.includes("forged") && !l.endsWith(`(aws:ec2/securityGroup:SecurityGroup: ${shown})`) && !l.includes(`'${shown}'`)), []);
        assert.ok(!lines.some((l) => l.startsWith("    [advisory]  forged")));
    });

    it("stack export with resource references and output values (a stack output holding a resource, a component's inputs and outputs, " +
        "secret and unknown output values): converted as the engine hands them over; exact text", () => {
        assertGolden("references.txt", ok("references", 1).stdout);
    });

    it("program with resource references (a component's input and output, a stack output holding a resource): exact text", () => {
        assertGolden("program-references.txt", ok("programReferences", 1).stdout);
    });

    it("--policy-pack-config: `all: advisory` makes it exit 0; a disabled policy vanishes", () => {
        const report = JSON.parse(ok("configured", 0).stdout) as JsonReport;
        const expected = everyPolicyOnce();
        delete expected["sg-unused"];
        assert.deepStrictEqual(countByPolicy(report), expected);
        assert.deepStrictEqual([...new Set(report.findings.map((f) => f.level))], ["advisory"]);
        assert.strictEqual(report.summary.passed, true);
    });
});
