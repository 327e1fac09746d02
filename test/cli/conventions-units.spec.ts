// Fast tests of the CI conventions of `check`: --format/--output pairs, --fail-on, --min-severity,
// colour, baselines and the SARIF that code scanning tracks.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as sarif from "sarif";
import { Identity, applyBaseline, baselineText, readBaseline } from "../../cli/baseline";
import { COLOURS, colourWanted } from "../../cli/colour";
import { InputError } from "../../cli/errors";
import { formatSarif, policyDocUri } from "../../cli/format-sarif";
import { formatText } from "../../cli/format-text";
import { parseArgs } from "../../cli/main";
import { Finding, Report } from "../../cli/model";
import { exitCode, judge } from "../../cli/outcome";
import { catalogue } from "../../policies/catalogue";

const URN = "urn:pulumi:dev::app::aws:ec2/securityGroup:SecurityGroup::web";
const web = { urn: URN, type: "aws:ec2/securityGroup:SecurityGroup", name: "web" };
const ssh: Finding = { policy: "sg-no-admin-ports-from-world", level: "mandatory", severity: "critical", resource: web, kind: "violation",
    at: "ingress[0].cidrBlocks[0]", message: "ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0." };
const rdp: Finding = { ...ssh, at: "ingress[1].cidrBlocks[0]", message: "ingress[1].cidrBlocks[0] allows TCP port 3389 from 0.0.0.0/0." };
const quota: Finding = { policy: "sg-rule-quota", level: "mandatory", severity: "medium", resource: web, kind: "violation", at: "ingress IPv4",
    message: "aws.ec2.SecurityGroup 'web' has 63 inbound IPv4 rules." };
const unused: Finding = { policy: "sg-unused", level: "advisory", severity: "low", resource: web, kind: "violation", message: "unused." };

function report(findings: Finding[], exempted: Finding[] = []): Report {
    return {
        pack: { name: "aws-network-guardrails", version: "0.1.0" },
        source: { kind: "stack-export", path: "stack.json", artifact: path.join(os.tmpdir(), "no-such-dir", "stack.json"), project: "app", stack: "dev" },
        resources: [web],
        policies: [ssh, quota, unused].map((f) => ({ name: f.policy, displayName: f.policy, description: "d", enforcementLevel: f.level,
            severity: f.severity as "low", url: `https://docs.aws.example/${f.policy}` })),
        findings, exempted, warnings: [],
    };
}

const rejects = (args: string[], message: string) =>
    assert.throws(() => parseArgs(["check", "dir", ...args]), (e: Error) => e instanceof InputError && e.message === message, args.join(" "));

describe("cli: --format and --output", () => {
    it("each --output belongs to the --format before it; the one without goes to stdout; --output alone writes text", () => {
        assert.deepStrictEqual(parseArgs(["check", "dir", "--format", "sarif", "--output", "a.sarif", "--format=json", "--output=b.json", "--format", "text"])?.outputs,
            [{ format: "sarif", file: "a.sarif" }, { format: "json", file: "b.json" }, { format: "text" }]);
        assert.deepStrictEqual(parseArgs(["check", "dir", "--output", "r.txt"])?.outputs, [{ format: "text", file: "r.txt" }]);
        assert.deepStrictEqual(parseArgs(["check", "dir"])?.outputs, [{ format: "text" }]);
    });
    it("rejects mismatched and duplicated pairs", () => {
        rejects(["--format", "json", "--format", "json"], "--format json is given twice: give each format once, each with its own --output");
        rejects(["--format", "json", "--output", "a", "--format", "json", "--output", "b"], "--format json is given twice: give each format once, each with its own --output");
        rejects(["--format", "json", "--format", "sarif"], "--format json and --format sarif would both go to stdout: give all but one an --output <file>");
        rejects(["--output", "a.json", "--format", "json"], "--output a.json comes before any --format: give each --output right after its own --format");
        rejects(["--format", "json", "--output", "a", "--output", "b"], "--output b follows --format json --output a: give each --output right after its own --format");
        rejects(["--format", "json", "--output", "r", "--format", "sarif", "--output", "./r"], "two reports would be written to r: give each --output its own file");
        rejects(["--format", "xml"], "unknown --format 'xml': use text, json or sarif");
        rejects(["--output"], "--output needs a value");
    });
});

describe("cli: --fail-on, --min-severity, --baseline options", () => {
    it("reads them; --exit-zero is --fail-on none", () => {
        const o = parseArgs(["check", "dir", "--fail-on", "advisory", "--min-severity=high", "--baseline", "b.json", "--write-baseline", "n.json", "--source-root", ".."]);
        assert.deepStrictEqual([o?.failOn, o?.minSeverity, o?.baseline, o?.writeBaseline, o?.sourceRoot], ["advisory", "high", "b.json", "n.json", ".."]);
        assert.strictEqual(parseArgs(["check", "dir", "--exit-zero", "--fail-on", "none"])?.failOn, "none");
    });
    it("rejects unknown values and contradictions", () => {
        rejects(["--fail-on", "high"], "unknown --fail-on 'high': use mandatory, advisory or none");
        rejects(["--fail-on", "none", "--fail-on", "advisory"], "--fail-on is given twice");
        rejects(["--exit-zero", "--fail-on", "advisory"], "--exit-zero means --fail-on none, which contradicts --fail-on advisory: give one of them");
        rejects(["--min-severity", "severe"], "unknown --min-severity 'severe': use low, medium, high or critical");
        rejects(["--write-baseline", "x.json", "--format", "json", "--output", "x.json"], "--write-baseline x.json is also an --output: give the baseline a file of its own");
        rejects(["--baseline", "b.json", "--output", "b.json"], "--baseline b.json is also an --output, which would overwrite it: give the report another file");
    });
});

describe("cli: colour", () => {
    it("on a terminal only; NO_COLOR (non-empty) turns it off, FORCE_COLOR on, FORCE_COLOR=0 off, FORCE_COLOR wins", () => {
        const cases: [NodeJS.ProcessEnv, boolean, boolean][] = [
            [{}, true, true], [{}, false, false], [{ TERM: "dumb" }, true, false],
            [{ NO_COLOR: "1" }, true, false], [{ NO_COLOR: "" }, true, true],
            [{ FORCE_COLOR: "1" }, false, true], [{ FORCE_COLOR: "" }, false, true], [{ FORCE_COLOR: "0" }, true, false],
            [{ FORCE_COLOR: "false" }, true, false], [{ FORCE_COLOR: "1", NO_COLOR: "1" }, false, true],
        ];
        for (const [env, tty, want] of cases) {
            assert.strictEqual(colourWanted(env, tty), want, `${JSON.stringify(env)} tty=${tty}`);
        }
    });
    it("colours the level tags and the summary; escapes stay escaped", () => {
        const text = formatText(judge(report([ssh, { ...unused, message: "a\u001b[31mred" }]), { failOn: "mandatory" }), COLOURS);
        assert.deepStrictEqual(text.split("\n").filter((l) => l.includes("\u001b")), [
            "    \u001b[1;31m[mandatory]\u001b[0m  aws-network-guardrails v0.1.0  sg-no-admin-ports-from-world (aws:ec2/securityGroup:SecurityGroup: web)",
            "    \u001b[33m[advisory]\u001b[0m  aws-network-guardrails v0.1.0  sg-unused (aws:ec2/securityGroup:SecurityGroup: web)",
            "\u001b[1;31m1 mandatory, 1 advisory: 2 violations on 1 of 1 resource.\u001b[0m",
        ]);
        assert.ok(text.includes("a\\x1b[31mred"));
    });
});

describe("cli: judging findings", () => {
    it("--fail-on: mandatory fails on a mandatory finding, advisory on any, none never; exempted findings never", () => {
        const exemption = { kind: "config" as const, resource: "web", reason: "r" };
        const cases: [Finding[], Finding[], "mandatory" | "advisory" | "none", number][] = [
            [[ssh, unused], [], "mandatory", 1], [[unused], [], "mandatory", 0], [[unused], [], "advisory", 1],
            [[ssh], [], "none", 0], [[], [{ ...ssh, exemption }], "advisory", 0],
        ];
        for (const [findings, exempted, failOn, code] of cases) {
            assert.strictEqual(exitCode(judge(report(findings, exempted), { failOn }), false), code, `${failOn}: ${findings.map((f) => f.policy)}`);
        }
    });
    it("--min-severity hides findings from the report but not from the exit code, and says how many it hid", () => {
        const r = judge(report([ssh, quota, unused]), { failOn: "mandatory", minSeverity: "high" });
        assert.deepStrictEqual(r.findings.map((f) => f.policy), ["sg-no-admin-ports-from-world"]);
        assert.deepStrictEqual(r.outcome, { failOn: "mandatory", failing: 2, hidden: { minSeverity: "high", findings: 2, failing: 1, exempted: 0 } });
        const hidden = judge(report([quota, unused]), { failOn: "mandatory", minSeverity: "critical" });
        assert.strictEqual(exitCode(hidden, false), 1, "a hidden mandatory finding still fails");
        assert.deepStrictEqual(formatText(hidden).split("\n").slice(-3), [
            "No policy violations shown in 1 resource.",
            "2 findings below --min-severity critical not shown; 1 of them fails the check (--fail-on mandatory).",
            "",
        ]);
    });
});

describe("cli: baselines", () => {
    const entry = (f: Finding): Identity => ({ policy: f.policy, urn: f.resource?.urn ?? "", at: f.at ?? null, kind: f.kind ?? null });

    it("an entry covers exactly one finding of its policy, URN, path and kind, whatever the message says", () => {
        const moved = { ...ssh, message: "ingress[0].cidrBlocks[0] allows TCP port 2222 from 0.0.0.0/0." };
        assert.deepStrictEqual(applyBaseline([moved, rdp], [entry(ssh)]).findings.map((f) => [f.at, f.baseline]),
            [["ingress[0].cidrBlocks[0]", "existing"], ["ingress[1].cidrBlocks[0]", "new"]]);
        // Never a wider class: not another path, another kind, another resource, another policy.
        for (const other of [{ ...ssh, at: "ingress[2].cidrBlocks[0]" }, { ...ssh, kind: "note" as const }, { ...ssh, resource: { ...web, urn: `${URN}2` } },
            { ...ssh, policy: "sg-ingress-from-world-allowed-ports" }]) {
            assert.deepStrictEqual(applyBaseline([other], [entry(ssh)]), { findings: [{ ...other, baseline: "new" }], absent: 1 });
        }
        const twice = applyBaseline([ssh, ssh], [entry(ssh)]).findings.map((f) => f.baseline);
        assert.deepStrictEqual(twice, ["existing", "new"], "one entry, one finding");
    });

    it("a run with its own baseline passes; the report counts existing, new and stale entries", () => {
        const written = JSON.parse(baselineText(report([ssh, quota]))) as { findings: Identity[] };
        assert.deepStrictEqual(written.findings[0], { ...entry(ssh), level: "mandatory", message: ssh.message });
        const r = judge(report([ssh, rdp]), { failOn: "mandatory", baseline: { file: "b.json", entries: written.findings } });
        assert.deepStrictEqual([r.outcome?.failing, r.outcome?.baseline], [1, { file: "b.json", existing: 1, new: 1, absent: 1 }]);
        const text = formatText(r);
        assert.ok(text.includes("Existing findings (in the baseline; they do not fail the check):\n    [existing mandatory]  "), text);
        assert.ok(text.endsWith("Baseline b.json: 1 existing finding (not failing), 1 new; 1 of its entries matched no finding " +
            "(fixed, or changed: write the baseline again to drop them).\n"), text);
    });

    it("a missing or malformed baseline is an input error that says what is wrong", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baseline-"));
        const file = (name: string, text: string) => { fs.writeFileSync(path.join(dir, name), text); return path.join(dir, name); };
        const good = { policy: "p", urn: "u", at: null, kind: "violation" };
        const cases: [string, string][] = [
            [path.join(dir, "none.json"), `baseline ${path.join(dir, "none.json")} not found: write one with --write-baseline ${path.join(dir, "none.json")}`],
            [file("b.json", "[]"), `baseline ${path.join(dir, "b.json")} is not a baseline: it needs { "version": 1, "findings": [...] } (write one with --write-baseline)`],
            [file("c.json", JSON.stringify({ version: 2, findings: [] })), `baseline ${path.join(dir, "c.json")} has version 2; this check reads version 1`],
            [file("d.json", JSON.stringify({ version: 1, findings: [{ ...good, urn: "*" }, { ...good, pattern: "**" }] })),
                `baseline ${path.join(dir, "d.json")}: findings[1] has the unknown key 'pattern' (an entry names one finding exactly: policy, urn, at, kind, level, message)`],
            [file("e.json", JSON.stringify({ version: 1, findings: [{ policy: "p", at: null, kind: "violation" }] })),
                `baseline ${path.join(dir, "e.json")}: findings[0] needs a urn ("" for a finding on no resource)`],
            [file("f.json", JSON.stringify({ version: 1, findings: [{ ...good, kind: "any" }] })), `baseline ${path.join(dir, "f.json")}: findings[0] needs kind: violation, note or null`],
        ];
        for (const [f, message] of cases) {
            assert.throws(() => readBaseline(f), (e: Error) => e instanceof InputError && e.message === message, message);
        }
        // The parser's own words differ between Node.js versions.
        assert.throws(() => readBaseline(file("a.json", "{")), (e: Error) => e instanceof InputError && e.message.startsWith(`baseline ${path.join(dir, "a.json")} is not JSON: `));
        assert.deepStrictEqual(readBaseline(file("g.json", JSON.stringify({ version: 1, findings: [{ ...good, urn: "*" }] }))), [{ ...good, urn: "*" }],
            "a URN is compared as written: '*' is no pattern");
    });
});

describe("cli: SARIF for code scanning", () => {
    const results = (r: Report, ctx = {}) => (JSON.parse(formatSarif(r, ctx)) as sarif.Log).runs[0];

    it("fingerprints come from the identity, not the message; the same identity twice is told apart by its occurrence", () => {
        const fp = (fs2: Finding[]) => (results(report(fs2)).results ?? []).map((x) => x.partialFingerprints?.["guardrailsFinding/v2"]);
        const [a, b] = fp([ssh, rdp]);
        assert.match(a ?? "", /^[0-9a-f]{64}:1$/);
        assert.notStrictEqual(a, b);
        assert.deepStrictEqual(fp([{ ...ssh, message: "another message" }]), [a]);
        assert.deepStrictEqual(fp([ssh, ssh]), [a, a?.replace(/:1$/, ":2")]);
    });

    it("baselineState with --baseline; informationUri and each rule's docs/policies.md entry from the home page", () => {
        const r = judge(report([ssh, rdp]), { failOn: "mandatory", baseline: { file: "b", entries: [{ policy: ssh.policy, urn: URN, at: ssh.at ?? null, kind: "violation" }] } });
        const run = results(r, { homepage: "https://github.com/acme/aws-network-guardrails#readme" });
        assert.deepStrictEqual((run.results ?? []).map((x) => x.baselineState), ["unchanged", "new"]);
        assert.strictEqual(run.tool.driver.informationUri, "https://github.com/acme/aws-network-guardrails#readme");
        assert.strictEqual(run.tool.driver.rules?.[0].helpUri,
            "https://github.com/acme/aws-network-guardrails/blob/HEAD/docs/policies.md#sg-no-admin-ports-from-world");
        assert.strictEqual(policyDocUri("https://guardrails.example/site/", "sg-unused", "1.2.3"), "https://guardrails.example/site/docs/policies.md#sg-unused");
        assert.strictEqual(policyDocUri("https://www.npmjs.com/package/aws-network-guardrails", "sg-unused", "1.2.3"),
            "https://unpkg.com/aws-network-guardrails@1.2.3/docs/policies.md#sg-unused", "the npm page: the file as that version ships it");
        const bare = results(report([ssh]));
        assert.strictEqual(bare.tool.driver.informationUri, undefined, "no home page, no informationUri");
        assert.strictEqual(bare.tool.driver.rules?.[0].helpUri, "https://docs.aws.example/sg-no-admin-ports-from-world", "the policy's own URL");
        assert.strictEqual(bare.results?.[0].baselineState, undefined);
    });

    it("every policy has the anchor its rule's helpUri names in docs/policies.md", () => {
        const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "policies.md"), "utf8");
        const anchors = [...doc.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
        assert.deepStrictEqual(anchors, catalogue().map((p) => p.name));
        assert.ok(policyDocUri("https://github.com/o/r", "sg-unused", "1.2.3").endsWith("docs/policies.md#sg-unused"));
    });

    it("URIs are relative to --source-root, else to the input's git repository, else to its directory", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srcroot-"));
        fs.mkdirSync(path.join(dir, "infra"));
        const r = { ...report([ssh]), source: { ...report([]).source, path: path.join(dir, "infra", "stack.json"), artifact: path.join(dir, "infra", "stack.json") } };
        const uri = (ctx: { sourceRoot?: string }) => {
            const run = results(r, ctx);
            return [run.results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri, run.originalUriBaseIds?.["%SRCROOT%"]?.uri];
        };
        assert.deepStrictEqual(uri({}), ["stack.json", `file://${path.join(dir, "infra")}/`]);
        assert.deepStrictEqual(uri({ sourceRoot: dir }), ["infra/stack.json", `file://${dir}/`]);
        fs.mkdirSync(path.join(dir, ".git"));
        assert.deepStrictEqual(uri({}), ["infra/stack.json", `file://${dir}/`]);
    });
});
