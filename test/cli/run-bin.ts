// Runs the command as a user would: `node bin/aws-network-guardrails.js ...` from the repository root.
import { spawn } from "child_process";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

export const REPO = path.resolve(__dirname, "..", "..");
export const BIN = path.join(REPO, "bin", "aws-network-guardrails.js");
export const EXPECTED = path.join(REPO, "test", "fixtures", "expected");

export interface Run { code: number | null; stdout: string; stderr: string }

/** Where and with what environment to run (default: the repository root, this process's environment without colour settings). */
export interface RunOptions { cwd?: string; env?: NodeJS.ProcessEnv }

/** This process's environment without FORCE_COLOR and NO_COLOR, so that reports are never coloured unless a test asks. */
export function plainEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const { FORCE_COLOR: _f, NO_COLOR: _n, ...env } = process.env;
    return { ...env, ...extra };
}

export function runBin(args: string[], opts: RunOptions = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? REPO, env: opts.env ?? plainEnv(), stdio: ["ignore", "pipe", "pipe"] });
        const out = { stdout: "", stderr: "" };
        child.stdout.setEncoding("utf8").on("data", (d: string) => { out.stdout += d; });
        child.stderr.setEncoding("utf8").on("data", (d: string) => { out.stderr += d; });
        child.once("error", reject);
        child.once("close", (code) => resolve({ code, ...out }));
    });
}

/** Runs every argument list, at most `parallel` at a time; results in the same order. */
export async function runAll(argLists: string[][], parallel = 3): Promise<Run[]> {
    const results: Run[] = new Array(argLists.length);
    let next = 0;
    const worker = async () => {
        while (next < argLists.length) {
            const i = next++;
            results[i] = await runBin(argLists[i]);
        }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return results;
}

/** Compares with test/fixtures/expected/<name>; `UPDATE_GOLDEN=1` rewrites the file instead. */
export function assertGolden(name: string, actual: string): void {
    const file = path.join(EXPECTED, name);
    if (process.env.UPDATE_GOLDEN) {
        fs.mkdirSync(EXPECTED, { recursive: true });
        fs.writeFileSync(file, actual);
        return;
    }
    assert.strictEqual(actual, fs.readFileSync(file, "utf8"), `output differs from ${path.relative(REPO, file)} (UPDATE_GOLDEN=1 rewrites it)`);
}
