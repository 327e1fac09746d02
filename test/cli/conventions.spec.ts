// End-to-end tests of the CI conventions of `check`, run as a user runs the bin: --version, several
// formats in one run, --fail-on, --min-severity, colour, baselines and --source-root.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXPECTED, REPO, Run, RunOptions, plainEnv, runBin } from "./run-bin";
import { assertValidSarif } from "./sarif-schema";

const EXPORT = "test/fixtures/common-mistakes.stack-export.json";
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version;
const golden = (name: string) => fs.readFileSync(path.join(EXPECTED, name), "utf8");
const ESC = "\u001b";

interface JsonReport {
    findings: { policy: string; resource: { name: string } | null; baseline?: string }[];
    summary: { failOn: string; failing: number; passed: boolean };
    baseline?: { existing: number; new: number; absent: number };
}

/** The common-mistakes export with the bastion's SSH rule moved to RDP and a new RDP entry from the internet in the public NACL. */
function changedExport(file: string): void {
    const doc = JSON.parse(fs.readFileSync(path.join(REPO, EXPORT), "utf8")) as { deployment: { resources: { urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] } };
    for (const r of doc.deployment.resources) {
        for (const props of [r.inputs, r.outputs]) {
            if (r.urn.endsWith("::bastion-ssh")) {
                Object.assign(props, { fromPort: 3389, toPort: 3389 });
            }
            if (r.urn.endsWith("NetworkAcl::public")) {
                props.ingress = [...props.ingress as object[], { action: "allow", cidrBlock: "0.0.0.0/0", fromPort: 3389, protocol: "tcp", ruleNo: 140, toPort: 3389 }];
            }
        }
    }
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
}

describe("cli: CI conventions, end to end", function () {
    this.timeout(600_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "check-conventions-"));
    const t = (name: string) => path.join(tmp, name);
    const runs: { [name: string]: [string[], RunOptions?] } = {
        version: [["--version"]],
        unknownOption: [["check", "--stack-export", EXPORT, "--colour"]],
        duplicated: [["check", "--stack-export", EXPORT, "--format", "json", "--format", "json"]],
        several: [["check", "--stack-export", EXPORT, "--format", "sarif", "--output", t("out/a.sarif"), "--format", "json", "--output", t("out/b.json"), "--format", "text"]],
        sarif: [["check", "--stack-export", EXPORT, "--format", "sarif"]],
        sourceRoot: [["check", "--stack-export", EXPORT, "--format", "sarif", "--source-root", "test"]],
        failOnNone: [["check", "--stack-export", EXPORT, "--fail-on", "none", "--format", "json"]],
        advisoryOnly: [["check", "--stack-export", EXPORT, "--policy-pack-config", "test/fixtures/config/all-advisory-no-unused.json", "--fail-on", "advisory", "--format", "json"]],
        critical: [["check", "--stack-export", EXPORT, "--min-severity", "critical"]],
        forceColour: [["check", "--stack-export", EXPORT, "--format", "text", "--output", t("plain.txt"), "--format", "json", "--output", t("plain.json")], { env: plainEnv({ FORCE_COLOR: "1" }) }],
        forceColourStdout: [["check", "--stack-export", EXPORT], { env: plainEnv({ FORCE_COLOR: "1" }) }],
        noColour: [["check", "--stack-export", EXPORT], { env: plainEnv({ NO_COLOR: "1" }) }],
        writeBaseline: [["check", "--stack-export", EXPORT, "--write-baseline", t("baseline.json"), "--format", "json", "--output", t("written.json")]],
        missingBaseline: [["check", "--stack-export", EXPORT, "--baseline", t("none.json")]],
    };
    const result: { [name: string]: Run } = {};
    const later: { [name: string]: Run } = {};

    before(async () => {
        fs.writeFileSync(t("bad-baseline.json"), JSON.stringify({ version: 1, findings: [{ policy: "sg-unused", urn: "**" }] }));
        const names = Object.keys(runs);
        for (let i = 0; i < names.length; i += 3) {
            const batch = names.slice(i, i + 3);
            (await Promise.all(batch.map((n) => runBin(...runs[n])))).forEach((r, j) => { result[batch[j]] = r; });
        }
        // Runs that read the baseline the first batch wrote.
        changedExport(t("changed.json"));
        const base = t("baseline.json");
        const [same, sameSarif, changed, bad] = await Promise.all([
            runBin(["check", "--stack-export", EXPORT, "--baseline", base]),
            runBin(["check", "--stack-export", EXPORT, "--baseline", base, "--format", "sarif"]),
            runBin(["check", "--stack-export", t("changed.json"), "--baseline", base, "--format", "json"]),
            runBin(["check", "--stack-export", EXPORT, "--baseline", t("bad-baseline.json")]),
        ]);
        Object.assign(later, { same, sameSarif, changed, bad });
    });

    const ok = (r: Run, code: number, stderr = "") => {
        assert.strictEqual(r.code, code, r.stderr);
        assert.strictEqual(r.stderr, stderr);
        return r;
    };

    it("--version prints the package's version; an unknown option stays a one-line usage error", () => {
        assert.strictEqual(ok(result.version, 0).stdout, `${VERSION}\n`);
        assert.deepStrictEqual([result.unknownOption.code, result.unknownOption.stderr, result.unknownOption.stdout], [2, "error: unknown option '--colour' (see --help)\n", ""]);
        assert.deepStrictEqual([result.duplicated.code, result.duplicated.stderr],
            [2, "error: --format json is given twice: give each format once, each with its own --output\n"]);
    });

    it("one run writes SARIF and JSON to their files and text to stdout, each exactly as alone", () => {
        assert.strictEqual(ok(result.several, 1).stdout, golden("stack-export.txt"));
        assert.strictEqual(fs.readFileSync(t("out/b.json"), "utf8"), golden("stack-export.json"));
        assert.strictEqual(fs.readFileSync(t("out/a.sarif"), "utf8"), ok(result.sarif, 1).stdout);
        assertValidSarif(result.sarif.stdout);
    });

    it("--source-root: SARIF paths relative to it; by default relative to the git repository", () => {
        const uri = (r: Run) => {
            const run = assertValidSarif(r.stdout).runs[0];
            return [run.results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri, run.originalUriBaseIds?.["%SRCROOT%"]?.uri];
        };
        assert.deepStrictEqual(uri(ok(result.sourceRoot, 1)), ["fixtures/common-mistakes.stack-export.json", `file://${path.join(REPO, "test")}/`]);
        assert.deepStrictEqual(uri(result.sarif), [EXPORT, `file://${REPO}/`]);
    });

    it("--fail-on: none exits 0 and says the check passed; advisory fails on advisory findings", () => {
        const none = JSON.parse(ok(result.failOnNone, 0).stdout) as JsonReport;
        assert.deepStrictEqual(none.summary, { ...none.summary, failOn: "none", failing: 0, passed: true });
        const advisory = JSON.parse(ok(result.advisoryOnly, 1).stdout) as JsonReport;
        assert.deepStrictEqual([advisory.summary.failOn, advisory.summary.failing, advisory.summary.passed], ["advisory", 19, false]);
    });

    it("--min-severity critical: only the critical findings are shown, the others still fail the check and are counted", () => {
        const r = ok(result.critical, 1);
        assert.deepStrictEqual(r.stdout.split("\n").filter((l) => l.startsWith("    [")).map((l) => l.split("  ")[4].split(" ")[0]),
            ["sg-no-admin-ports-from-world", "nacl-no-admin-ports-from-world", "admin-ports-not-reachable-from-internet"]);
        assert.deepStrictEqual(r.stdout.split("\n").slice(-3), [
            "3 mandatory, 0 advisory: 3 violations shown on 3 of 47 resources.",
            "17 findings below --min-severity critical not shown; 7 of them fail the check (--fail-on mandatory).",
            "",
        ]);
    });

    it("colour: FORCE_COLOR colours text on stdout only, never a file or JSON; NO_COLOR keeps it plain", () => {
        assert.strictEqual(fs.readFileSync(t("plain.txt"), "utf8"), golden("stack-export.txt"));
        assert.strictEqual(fs.readFileSync(t("plain.json"), "utf8"), golden("stack-export.json"));
        const coloured = ok(result.forceColourStdout, 1).stdout;
        assert.strictEqual(coloured.replace(/\u001b\[[0-9;]*m/g, ""), golden("stack-export.txt"));
        assert.strictEqual(coloured.split("\n").filter((l) => l.includes(`${ESC}[1;31m[mandatory]${ESC}[0m`)).length, 10);
        assert.strictEqual(coloured.split("\n").filter((l) => l.includes(`${ESC}[33m[advisory]${ESC}[0m`)).length, 10);
        assert.strictEqual(ok(result.noColour, 1).stdout, golden("stack-export.txt"));
    });

    it("--write-baseline, then --baseline: the same findings are existing and pass; the SARIF says unchanged", () => {
        ok(result.writeBaseline, 1, `wrote baseline ${t("baseline.json")}: 20 findings (exempted ones are not in it)\n`);
        const same = ok(later.same, 0);
        assert.ok(same.stdout.startsWith(`${golden("stack-export.txt").split("\n").slice(0, 2).join("\n")}\nExisting findings (in the baseline; they do not fail the check):\n`));
        assert.deepStrictEqual(same.stdout.split("\n").slice(-3), [
            "10 mandatory, 10 advisory: 20 violations on 17 of 47 resources.",
            `Baseline ${t("baseline.json")}: 20 existing findings (not failing), 0 new.`,
            "",
        ]);
        const results = assertValidSarif(ok(later.sameSarif, 0).stdout).runs[0].results ?? [];
        assert.deepStrictEqual([...new Set(results.map((x) => x.baselineState))], ["unchanged"]);
    });

    it("--baseline: a rule that now opens another port is still the finding the baseline holds; a new rule is new and fails", () => {
        const r = JSON.parse(ok(later.changed, 1).stdout) as JsonReport;
        assert.deepStrictEqual(r.findings.filter((f) => f.baseline === "new").map((f) => [f.policy, f.resource?.name]), [
            ["nacl-no-admin-ports-from-world", "public"],
        ]);
        assert.deepStrictEqual(r.baseline, { file: t("baseline.json"), existing: 20, new: 1, absent: 0 });
    });

    it("a missing or malformed baseline is a usage error", () => {
        assert.deepStrictEqual([result.missingBaseline.code, result.missingBaseline.stderr],
            [2, `error: baseline ${t("none.json")} not found: write one with --write-baseline ${t("none.json")}\n`]);
        assert.deepStrictEqual([later.bad.code, later.bad.stderr], [2, `error: baseline ${t("bad-baseline.json")}: findings[0] needs at: the rule or property path, or null\n`]);
    });
});
