/**
 * Mutation testing with StrykerJS, one source file of policies/ at a time (a whole run takes hours
 * on two cores, and a run per file keeps what is done when a later one is stopped). Each file keeps
 * its own incremental report under mutation/<folder>/, committed, so that a later run only tests the
 * mutants of code or tests that changed since (mutation-testing-report-schema JSON).
 *
 *     npm run mutate                          # every file of every folder, in turn
 *     npm run mutate -- net graph             # the files of the named folders
 *     npm run mutate -- policies/net/cidr.ts  # one file
 *     npm run mutate -- --score               # the score per folder, from the committed reports
 *     npm run mutate -- --force <file>        # test every mutant again, reusing no earlier result
 *     npm run mutate -- <file>:1-120          # only the mutants of those lines (a long file in parts)
 *
 * --force is for static mutants (code run at module load, such as a constant Set): Stryker reuses
 * their earlier result even when new tests would now kill them.
 *
 * A run over some lines keeps the results of earlier ones in the same report, and notes the lines run
 * in <report>.lines until a run over the whole file; --score lists such files as partly run.
 *
 * Each run tests with only the specs of stryker.config.json that import the file (mutate-specs.ts).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { specsReaching } from "./mutate-specs";

/** The folders, and the directories of each whose files are mutated. */
export const FOLDERS: Record<string, string[]> = {
    net: ["policies/net"],
    model: ["policies/model"],
    graph: ["policies/graph", "policies/graph/exposure"],
    policies: ["sg", "sg/shared", "nacl", "nacl/shared", "db", "eni", "vpc", "exposure", "exposure/shared"].map((f) => `policies/${f}`),
};

/** The source files of a folder, in name order. */
export function sourceFiles(folder: string): string[] {
    return FOLDERS[folder].flatMap((dir) => fs.readdirSync(dir)
        .filter((f) => f.endsWith(".ts")).sort().map((f) => `${dir}/${f}`));
}

/** Where a source file's incremental report lives. */
export function reportFile(folder: string, source: string): string {
    return `mutation/${folder}/${source.replace(/^policies\//, "").replace(/\//g, "--").replace(/\.ts$/, "")}.json`;
}

function folderOf(source: string): string | undefined {
    return Object.keys(FOLDERS).find((f) => FOLDERS[f].includes(path.dirname(source)));
}

interface Counts { detected: number; undetected: number; invalid: number; stale: boolean }

/** Stryker's score: killed and timed-out mutants over those that compiled and ran. */
function counts(report: string, source: string): Counts {
    const json = JSON.parse(fs.readFileSync(report, "utf8")) as {
        files: Record<string, { source: string; mutants: Array<{ status: string }> }>;
    };
    const file = json.files[source];
    const result: Counts = { detected: 0, undetected: 0, invalid: 0, stale: false };
    if (file === undefined) {
        return result;
    }
    result.stale = file.source !== fs.readFileSync(source, "utf8");
    for (const m of file.mutants) {
        if (m.status === "Killed" || m.status === "Timeout") {
            result.detected++;
        } else if (m.status === "Survived" || m.status === "NoCoverage") {
            result.undetected++;
        } else {
            result.invalid++;
        }
    }
    return result;
}

function score(): void {
    for (const folder of Object.keys(FOLDERS)) {
        let detected = 0;
        let undetected = 0;
        const missing: string[] = [];
        const stale: string[] = [];
        const partly: string[] = [];
        for (const source of sourceFiles(folder)) {
            const report = reportFile(folder, source);
            if (!fs.existsSync(report)) {
                missing.push(source);
                continue;
            }
            if (fs.existsSync(`${report}.lines`)) {
                partly.push(`${source} (lines ${fs.readFileSync(`${report}.lines`, "utf8").trim().split("\n").join(", ")})`);
            }
            const c = counts(report, source);
            detected += c.detected;
            undetected += c.undetected;
            if (c.stale) {
                stale.push(source);
            }
        }
        const total = detected + undetected;
        const pct = total === 0 ? "n/a" : `${(100 * detected / total).toFixed(1)}%`;
        console.log(`${folder}: ${pct} (${detected} detected of ${total})` +
            (missing.length > 0 ? `; not run yet: ${missing.join(", ")}` : "") +
            (partly.length > 0 ? `; partly run: ${partly.join(", ")}` : "") +
            (stale.length > 0 ? `; changed since its run: ${stale.join(", ")}` : ""));
    }
}

function run(source: string, folder: string, force: boolean, lines?: string): number {
    const report = reportFile(folder, source);
    fs.mkdirSync(path.dirname(report), { recursive: true });
    console.log(`\n== mutation testing ${source} -> ${report}`);
    const config = JSON.parse(fs.readFileSync("stryker.config.json", "utf8")) as { mochaOptions: { spec: string[] } };
    const specs = specsReaching(source, config.mochaOptions.spec);
    if (specs.length > 0) {
        config.mochaOptions.spec = specs;
    }
    console.log(`${specs.length} spec file(s) import it`);
    const configFile = `.tmp/stryker/${path.basename(report)}`;
    fs.mkdirSync(path.dirname(configFile), { recursive: true });
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const child = spawnSync("npx", ["stryker", "run", configFile, "--incremental", "--incrementalFile", report,
        "--mutate", lines === undefined ? source : `${source}:${lines}`, ...(force ? ["--force"] : [])], { stdio: "inherit" });
    if (child.status === 0 && lines !== undefined) {
        fs.appendFileSync(`${report}.lines`, `${lines}\n`);
    } else if (child.status === 0) {
        fs.rmSync(`${report}.lines`, { force: true });
    }
    return child.status ?? 1;
}

const force = process.argv.includes("--force");
const args = process.argv.slice(2).filter((a) => a !== "--force");
if (args.includes("--score")) {
    score();
    process.exit(0);
}
const targets: Array<[string, string, string?]> = [];
for (const arg of args.length > 0 ? args : Object.keys(FOLDERS)) {
    const range = /^(.*\.ts):(\d+-\d+)$/.exec(arg);
    const [file, lines] = range ? [range[1], range[2]] : [arg, undefined];
    if (arg in FOLDERS) {
        targets.push(...sourceFiles(arg).map((s): [string, string] => [s, arg]));
    } else if (folderOf(file) !== undefined && fs.existsSync(file)) {
        targets.push([file, folderOf(file) as string, lines]);
    } else {
        console.error(`unknown folder or file: ${arg}; choose from ${Object.keys(FOLDERS).join(", ")} or a file in them (file:from-to for some lines)`);
        process.exit(2);
    }
}
const failed = targets.filter(([source, folder, lines]) => run(source, folder, force, lines) !== 0).map(([s]) => s);
score();
if (failed.length > 0) {
    console.error(`stryker failed on: ${failed.join(", ")}`);
    process.exit(1);
}
