// Validation of SARIF logs: the SARIF 2.1.0 JSON schema and the SARIF Multitool's own rules.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Validator, type OutputUnit } from "@cfworker/json-schema";
import type * as sarif from "sarif";

/**
 * The SARIF Multitool (Microsoft's SARIF SDK, the standard's reference tooling) ships, in its package
 * for this platform, its executable and the SARIF 2.1.0 schema (JSON Schema draft 2020-12).
 */
function multitoolFile(name: string): string {
    const pkg = `@microsoft/sarif-multitool-${process.platform}`;
    try {
        return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), name);
    } catch {
        throw new Error(`${pkg} is not installed: run npm ci (the SARIF Multitool has builds for Linux, macOS and Windows)`);
    }
}

let validator: Validator | undefined;

function sarifValidator(): Validator {
    if (!validator) {
        const schema = JSON.parse(fs.readFileSync(multitoolFile("sarif-2.1.0.json"), "utf8")) as object;
        validator = new Validator(schema, "2020-12", false);
    }
    return validator;
}

/** Keywords whose errors only say that an error lies deeper (in a property, an item, a reference). */
const WRAPPERS = new Set(["properties", "additionalProperties", "items", "prefixItems", "$ref", "allOf"]);

/** The schema's errors for a log: each where it lies (a JSON pointer) and what is wrong there. */
export function sarifSchemaErrors(log: unknown): string[] {
    const errors: OutputUnit[] = sarifValidator().validate(log).errors;
    return errors.filter((e) => !WRAPPERS.has(e.keyword)).map((e) => `${e.instanceLocation}: ${e.error}`);
}

/** Parses a SARIF log and fails, naming the first schema errors, unless the schema holds. */
export function assertValidSarif(text: string): sarif.Log {
    const log = JSON.parse(text) as sarif.Log;
    const errors = sarifSchemaErrors(log);
    assert.deepStrictEqual(errors.slice(0, 10), [], "the log breaks the SARIF 2.1.0 schema");
    return log;
}

/** One problem the Multitool's `validate` reports: its rule, level and where. */
export interface MultitoolFinding { rule: string; level: string; location: string; message: string }

/** Runs `Sarif.Multitool validate` on a log and returns its errors and warnings (notes are advice). */
export function multitoolFindings(text: string): MultitoolFinding[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sarif-validate-"));
    try {
        const input = path.join(dir, "input.sarif");
        const output = path.join(dir, "validation.sarif");
        fs.writeFileSync(input, text);
        const exe = multitoolFile(process.platform === "win32" ? "Sarif.Multitool.exe" : "Sarif.Multitool");
        const run = spawnSync(exe, ["validate", input, "--output", output, "--level", "Error;Warning"], { encoding: "utf8" });
        assert.strictEqual(run.status, 0, `Sarif.Multitool validate failed: ${run.error?.message ?? ""}${run.stdout}${run.stderr}`);
        const report = JSON.parse(fs.readFileSync(output, "utf8")) as sarif.Log;
        return (report.runs[0].results ?? []).map((r) => ({
            rule: r.ruleId ?? "",
            level: r.level ?? "warning",
            location: String(r.message.arguments?.[0] ?? ""),
            message: r.message.arguments?.slice(1).join(" | ") ?? "",
        }));
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
