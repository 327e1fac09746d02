// The SARIF that `check` writes, validated by the SARIF Multitool and against the SARIF 2.1.0 schema; and
// proof that both validators reject the mistakes a SARIF writer can make.
import * as assert from "assert";
import type * as sarif from "sarif";
import { Run, runAll } from "./run-bin";
import { MultitoolFinding, assertValidSarif, multitoolFindings, sarifSchemaErrors } from "./sarif-schema";

const EXPORT = "test/fixtures/common-mistakes.stack-export.json";

describe("cli: SARIF validated by the SARIF Multitool and the SARIF 2.1.0 schema", function () {
    this.timeout(600_000);
    let program: Run;
    let exempted: Run;

    before(async () => {
        [program, exempted] = await runAll([
            ["check", "examples/common-mistakes", "--format", "sarif"],
            ["check", "--stack-export", EXPORT, "--format", "sarif", "--policy-pack-config", "test/fixtures/config/exemptions.json"],
        ]);
    });

    /** A fresh copy of the exempted run's log, to break. */
    const exemptedLog = (): sarif.Log => JSON.parse(exempted.stdout) as sarif.Log;

    it("a program's findings, with their source lines, break none of the Multitool's rules and hold to the schema", () => {
        assert.strictEqual(program.code, 1, program.stderr);
        const log = assertValidSarif(program.stdout);
        assert.ok((log.runs[0].results ?? []).some((r) => r.locations?.[0].physicalLocation?.region?.startLine !== undefined));
        assert.deepStrictEqual(multitoolFindings(program.stdout), []);
    });

    it("exempted findings, written as suppressions, break none of the Multitool's rules and hold to the schema", () => {
        assert.strictEqual(exempted.code, 1, exempted.stderr);
        const log = assertValidSarif(exempted.stdout);
        assert.ok((log.runs[0].results ?? []).some((r) => r.suppressions?.[0]?.kind === "external"));
        assert.deepStrictEqual(multitoolFindings(exempted.stdout), []);
    });

    it("the Multitool reports a source root without its trailing slash, and an absolute URI under a base", () => {
        const log = exemptedLog();
        const root = log.runs[0].originalUriBaseIds!["%SRCROOT%"];
        root.uri = root.uri!.replace(/\/$/, "");
        log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri = "file:///elsewhere/index.ts";
        const found = multitoolFindings(JSON.stringify(log, null, 2)).map((f: MultitoolFinding) => [f.rule, f.level, f.location]);
        assert.deepStrictEqual(found, [
            ["SARIF1004", "error", "runs[0].originalUriBaseIds['%SRCROOT%']"],
            ["SARIF1004", "error", "runs[0].results[0].locations[0].physicalLocation.artifactLocation"],
        ]);
    });

    it("the schema names each mistake where it lies: a level, a message, a rule id, a fingerprint, a suppression kind", () => {
        const log = exemptedLog();
        const run = log.runs[0];
        const results = run.results!;
        (results[0] as { level: string }).level = "high";
        delete (results[1] as Partial<sarif.Result>).message;
        delete (run.tool.driver.rules![0] as Partial<sarif.ReportingDescriptor>).id;
        (results[2].partialFingerprints as Record<string, unknown>)["guardrailsFinding/v2"] = 7;
        (results[3] as unknown as Record<string, unknown>).severity = "high";
        results[4].suppressions = [{ kind: "exempted" as "external" }];
        assert.deepStrictEqual(sarifSchemaErrors(log), [
            '#/runs/0/tool/driver/rules/0: Instance does not have required property "id".',
            '#/runs/0/results/0/level: Instance does not match any of ["none","note","warning","error"].',
            '#/runs/0/results/1: Instance does not have required property "message".',
            '#/runs/0/results/2/partialFingerprints/guardrailsFinding~1v2: Instance type "number" is invalid. Expected "string".',
            "#/runs/0/results/3/severity: False boolean schema.",
            '#/runs/0/results/4/suppressions/0/kind: Instance does not match any of ["inSource","external"].',
        ]);
        assert.throws(() => assertValidSarif(JSON.stringify(log)), /breaks the SARIF 2\.1\.0 schema/);
    });
});
