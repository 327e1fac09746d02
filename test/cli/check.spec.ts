// End-to-end tests of `aws-network-guardrails check`: the bin is run as a user runs it, on the
// bundled examples and on fixtures, and its exact output and exit code are compared.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv = require("ajv");
import type * as sarif from "sarif";
import { catalogue, packName } from "../../policies";
import { REPO, Run, assertGolden, runAll } from "./run-bin";

const EXPORT = "test/fixtures/common-mistakes.stack-export.json";
const version = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string; scripts: { start: string } });

interface JsonReport {
    version: number;
    pack: { name: string; version: string };
    summary: { resources: number; mandatory: number; advisory: number; passed: boolean };
    findings: { policy: string; level: string; resource: { urn: string; type: string; name: string } | null; message: string }[];
}

/** policy -> number of findings. */
function countByPolicy(r: JsonReport): Record<string, number> {
    const out: Record<string, number> = {};
    for (const f of r.findings) { out[f.policy] = (out[f.policy] ?? 0) + 1; }
    return out;
}

function everyPolicyOnce(): Record<string, number> {
    return Object.fromEntries(catalogue().map((p) => [p.name, 1]));
}

function sarifValidator(): Ajv.ValidateFunction {
    // The official SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's @microsoft/jest-sarif.
    const schema = JSON.parse(fs.readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
    const ajv = new Ajv({ allErrors: true, schemaId: "auto", jsonPointers: true, unknownFormats: "ignore" });
    ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json") as object);
    return ajv.compile(schema);
}

function assertValidSarif(text: string): sarif.Log {
    const log = JSON.parse(text) as sarif.Log;
    const validate = sarifValidator();
    assert.ok(validate(log), `invalid SARIF: ${JSON.stringify(validate.errors, null, 2)}`);
    return log;
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
        for (const [i, p] of catalogue().entries()) {
            assert.strictEqual(rules[i].helpUri, p.url);
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
        assert.strictEqual(results.length, catalogue().length);
        const lines = fs.readFileSync(path.join(REPO, EXPORT), "utf8").split("\n");
        for (const x of results) {
            const loc = x.locations?.[0];
            assert.strictEqual(loc?.physicalLocation?.artifactLocation?.uri, EXPORT);
            const urn = loc?.logicalLocations?.[0]?.fullyQualifiedName ?? "";
            assert.ok(lines[(loc?.physicalLocation?.region?.startLine ?? 0) - 1].includes(JSON.stringify(urn)), urn);
        }
    });

    it("exemptions: exempted findings vanish; each exemption that matched nothing is a warning on stderr", () => {
        const r = result.exempted;
        assert.strictEqual(r.code, 1, r.stderr);
        assert.strictEqual(r.stderr, "warning: exemption 'old-bastion' of sg-unused matched no finding: remove it, or check the pattern\n");
        const expected = everyPolicyOnce();
        delete expected["sg-unused"];
        delete expected["sg-descriptions"];
        assert.deepStrictEqual(countByPolicy(JSON.parse(r.stdout) as JsonReport), expected);
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

describe("cli: check, bad input (one line on stderr, exit 2)", function () {
    this.timeout(300_000);
    const cases: [string, string[], string][] = [
        ["malformed JSON", ["check", "--stack-export", "test/fixtures/bad/malformed.json"],
            "error: stack export test/fixtures/bad/malformed.json is not valid JSON: Unexpected end of JSON input"],
        ["a stack export of the wrong version", ["check", "--stack-export", "test/fixtures/bad/version-4.stack-export.json"],
            "error: test/fixtures/bad/version-4.stack-export.json is a stack export of version 4; only version 3 (the format of `pulumi stack export`) is supported"],
        ["an empty stack (export)", ["check", "--stack-export", "test/fixtures/bad/empty.stack-export.json"],
            "error: test/fixtures/bad/empty.stack-export.json is an empty stack: it has no resources to check"],
        ["an empty stack (program)", ["check", "test/fixtures/programs/empty"],
            "error: program test/fixtures/programs/empty is an empty stack: it registers no resources to check"],
        ["a program that throws", ["check", "test/fixtures/programs/throws"],
            "error: program test/fixtures/programs/throws failed: Missing required configuration variable 'throws:vpcId'"],
        ["a program directory without Pulumi.yaml", ["check", "test/fixtures/programs/no-project"],
            "error: no Pulumi.yaml found in test/fixtures/programs/no-project: a program directory needs a Pulumi project file"],
        ["a missing export file", ["check", "--stack-export", "test/fixtures/bad/nope.json"],
            "error: stack export test/fixtures/bad/nope.json does not exist"],
        ["an unknown --format", ["check", "examples/three-tier", "--format", "xml"],
            "error: unknown --format 'xml': use text, json or sarif"],
        ["malformed --policy-pack-config", ["check", "examples/three-tier", "--policy-pack-config", "test/fixtures/bad/malformed.json"],
            "error: policy pack config test/fixtures/bad/malformed.json is not valid JSON: Unexpected end of JSON input"],
        ["a config value the policy's schema rejects", ["check", "--stack-export", EXPORT, "--policy-pack-config", "test/fixtures/config/invalid-option.json"],
            "error: invalid policy pack config: validating policy config: aws-network-guardrails 0.1.0  sg-rule-quota: maxRules: Invalid type. Expected: integer, given: string"],
        ["no arguments to check", ["check"],
            "error: check needs a program directory or --stack-export <file> (see --help)"],
        ["an unknown option", ["check", "examples/three-tier", "--strict"],
            "error: unknown option '--strict' (see --help)"],
        ["an unknown command", ["lint", "examples/three-tier"],
            "error: unknown command 'lint': the only command is `check` (see --help)"],
    ];
    const results: Run[] = [];
    before(async () => {
        results.push(...await runAll(cases.map(([, args]) => args), 4));
    });
    cases.forEach(([what, args, line], i) => {
        it(`${what}: ${args.join(" ")}`, () => {
            const r = results[i];
            assert.deepStrictEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr }, { code: 2, stdout: "", stderr: `${line}\n` });
        });
    });
});
