// The CI examples in examples/ci/ and the pre-commit hook, run as CI would run them: each command of
// each file (`run:`, `script:`, `entry`) in a temporary repository holding a bundled example as its
// Pulumi program in infra/, with this package installed (linked) as a dev dependency. No network:
// the install step (`npm ci`) is checked for, not run.
import * as assert from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXPECTED, REPO, Run, plainEnv } from "./run-bin";
import { assertValidSarif } from "./sarif-schema";

const yaml = require("js-yaml") as { load(text: string): unknown };
const CI = path.join(REPO, "examples", "ci");
const load = (file: string) => yaml.load(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
const CHECK = "npx aws-network-guardrails check infra";

interface Step { run?: string; uses?: string; with?: Record<string, string>; if?: string }

/** A repository with examples/<example> as infra/, this package linked in node_modules, and git initialised. */
function repository(example: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ci-${example}-`));
    fs.cpSync(path.join(REPO, "examples", example), path.join(dir, "infra"), { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "app", private: true, devDependencies: { "aws-network-guardrails": "*" } }));
    fs.mkdirSync(path.join(dir, "node_modules", ".bin"), { recursive: true });
    fs.symlinkSync(REPO, path.join(dir, "node_modules", "aws-network-guardrails"), "dir");
    for (const shared of ["@pulumi", "typescript"]) {
        fs.symlinkSync(path.join(REPO, "node_modules", shared), path.join(dir, "node_modules", shared), "dir");
    }
    fs.symlinkSync(path.join("..", "aws-network-guardrails", "bin", "aws-network-guardrails.js"), path.join(dir, "node_modules", ".bin", "aws-network-guardrails"));
    execFileSync("git", ["init", "-q"], { cwd: dir });
    return dir;
}

/** Runs a command line as CI does, with the repository's node_modules/.bin on PATH and npm offline. */
function sh(dir: string, command: string): Promise<Run> {
    return new Promise((resolve, reject) => {
        const env = plainEnv({
            PATH: [path.join(dir, "node_modules", ".bin"), path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
            npm_config_offline: "true", npm_config_update_notifier: "false", npm_config_fund: "false",
        });
        const child = spawn("sh", ["-c", command], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
        const out = { stdout: "", stderr: "" };
        child.stdout.setEncoding("utf8").on("data", (d: string) => { out.stdout += d; });
        child.stderr.setEncoding("utf8").on("data", (d: string) => { out.stderr += d; });
        child.once("error", reject);
        child.once("close", (code) => resolve({ code, ...out }));
    });
}

/** The golden report of examples/<example>, as it reads when the program is in infra/. */
const golden = (name: string, example: string) => fs.readFileSync(path.join(EXPECTED, name), "utf8").split(`examples/${example}`).join("infra");

describe("examples/ci: each command, run in a repository that uses the pack", function () {
    this.timeout(600_000);
    const made: string[] = [];
    const repo = (example: string) => { const dir = repository(example); made.push(dir); return dir; };
    after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    it("GitHub Actions: installs, checks (exit 1 on common-mistakes, the text report in the log) and uploads the SARIF it wrote", async () => {
        const workflow = load(path.join(CI, "github-actions.yml")) as { permissions: Record<string, string>; jobs: { check: { steps: Step[] } } };
        const steps = workflow.jobs.check.steps;
        assert.deepStrictEqual(steps.flatMap((s) => (s.run ? [s.run] : [])), ["npm ci", `${CHECK} --format sarif --output guardrails.sarif --format text`]);
        const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
        assert.deepStrictEqual([upload?.with?.sarif_file, upload?.if, workflow.permissions["security-events"]], ["guardrails.sarif", "success() || failure()", "write"]);
        const dir = repo("common-mistakes");
        const r = await sh(dir, steps[3].run as string);
        assert.deepStrictEqual([r.code, r.stderr], [1, ""]);
        assert.strictEqual(r.stdout, golden("common-mistakes.txt", "common-mistakes"));
        const log = assertValidSarif(fs.readFileSync(path.join(dir, "guardrails.sarif"), "utf8"));
        const results = log.runs[0].results ?? [];
        assert.strictEqual(results.length, 20);
        assert.deepStrictEqual([...new Set(results.map((x) => x.locations?.[0].physicalLocation?.artifactLocation?.uri))], ["infra/index.ts"]);
    });

    it("GitLab CI: installs, checks (exit 0 on three-tier) and keeps the JSON and SARIF reports as artifacts", async () => {
        const job = load(path.join(CI, "gitlab-ci.yml"))["network-guardrails"] as { script: string[]; artifacts: { when: string; paths: string[] } };
        assert.deepStrictEqual(job.script, ["npm ci", `${CHECK} --format json --output guardrails.json --format sarif --output guardrails.sarif --format text`]);
        assert.deepStrictEqual(job.artifacts, { when: "always", paths: ["guardrails.json", "guardrails.sarif"] });
        const dir = repo("three-tier");
        const r = await sh(dir, job.script[1]);
        assert.deepStrictEqual([r.code, r.stderr], [0, ""]);
        assert.strictEqual(r.stdout, golden("three-tier.txt", "three-tier"));
        const report = JSON.parse(fs.readFileSync(path.join(dir, "guardrails.json"), "utf8")) as { summary: { passed: boolean; resources: number }; findings: unknown[] };
        assert.deepStrictEqual([report.summary.passed, report.findings], [true, []]);
        assert.deepStrictEqual(assertValidSarif(fs.readFileSync(path.join(dir, "guardrails.sarif"), "utf8")).runs[0].results, []);
    });

    it("pre-commit: the example's local hook and the hook this repository offers stop a commit on common-mistakes and pass three-tier", async () => {
        const local = (load(path.join(CI, ".pre-commit-config.yaml")) as { repos: { repo: string; hooks: { entry: string; language: string; files: string; pass_filenames: boolean }[] }[] }).repos[0];
        assert.deepStrictEqual([local.repo, local.hooks[0].entry, local.hooks[0].language, local.hooks[0].files, local.hooks[0].pass_filenames],
            ["local", CHECK, "system", "^infra/", false]);
        const offered = (yaml.load(fs.readFileSync(path.join(REPO, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; entry: string; language: string; pass_filenames: boolean }[])[0];
        assert.deepStrictEqual([offered.id, offered.entry, offered.language, offered.pass_filenames], ["aws-network-guardrails", "aws-network-guardrails check", "node", false]);
        const [failing, passing] = [repo("common-mistakes"), repo("three-tier")];
        // pre-commit runs the entry with the hook's args (here the program's directory) and no file names.
        const runs = await Promise.all([sh(failing, local.hooks[0].entry), sh(passing, local.hooks[0].entry),
            sh(failing, `${offered.entry} infra`), sh(passing, `${offered.entry} infra`)]);
        assert.deepStrictEqual(runs.map((x) => [x.code, x.stderr]), [[1, ""], [0, ""], [1, ""], [0, ""]]);
        assert.strictEqual(runs[0].stdout, golden("common-mistakes.txt", "common-mistakes"));
        assert.strictEqual(runs[3].stdout, golden("three-tier.txt", "three-tier"));
    });
});
