// The check command's handling of exempted findings, text escaping and duplicate URNs, on fixed
// inputs and with a stand-in pack: fast and exact.
import * as assert from "assert";
import type { AnalyzeResult, CallOptions, Diagnostic, ExemptedFinding, ExpiredMatch, PackClient, StackResource } from "../../runner/analyzer-client";
import { check } from "../../cli/check";
import { InputError } from "../../cli/errors";
import { expiredRecords, pairExempted, unusedExemptions } from "../../cli/exempted";
import { formatJson } from "../../cli/format-json";
import { formatSarif } from "../../cli/format-sarif";
import { escapeControls, formatText } from "../../cli/format-text";
import { Report } from "../../cli/model";
import { parseStackExport } from "../../cli/stack-export";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const urn = (name: string) => `urn:pulumi:dev::app::${SG}::${name}`;
const diag = (policyName: string, message: string, level: "mandatory" | "advisory", u?: string): Diagnostic => ({
    policyName, policyPackName: "pack", policyPackVersion: "1.0.0", description: "d", message, enforcementLevel: level, ...(u ? { urn: u } : {}),
});
const EXEMPTED_MESSAGE = "Exempted mandatory finding of p-admin (exemption 'bastion-*'; reason: SEC-7; expires 2027-01-31): port 22 is open.";
const record = (u?: string): ExemptedFinding => ({
    policy: "p-admin", ...(u ? { urn: u } : {}), message: EXEMPTED_MESSAGE, finding: "port 22 is open.", level: "mandatory",
    exemption: { kind: "config", resource: "bastion-*" }, reason: "SEC-7", expires: "2027-01-31",
});

describe("cli: pairing exempted findings with their records", () => {
    it("pairs a record with the advisory diagnostic of exactly its policy, URN and message", () => {
        const exempted = diag("p-admin", EXEMPTED_MESSAGE, "advisory");
        const other = diag("p-other", "something else.", "mandatory");
        assert.deepStrictEqual(pairExempted([other, exempted], [record()], "Analyze"), { findings: [other], exempted: [{ diagnostic: exempted, record: record() }] });
    });

    it("pairs one diagnostic per record: a second, identical diagnostic stays a finding", () => {
        const a = diag("p-admin", EXEMPTED_MESSAGE, "advisory");
        const b = diag("p-admin", EXEMPTED_MESSAGE, "advisory");
        const paired = pairExempted([a, b], [record()], "Analyze");
        assert.deepStrictEqual([paired.findings.length, paired.exempted.length], [1, 1]);
    });

    it("never pairs a mandatory diagnostic, and says so when a record is left over", () => {
        assert.throws(() => pairExempted([diag("p-admin", EXEMPTED_MESSAGE, "mandatory")], [record()], "Analyze"),
            { message: "the policy pack recorded an exempted finding of p-admin that it did not report (Analyze)" });
    });

    it("does not pair across URNs", () => {
        assert.throws(() => pairExempted([diag("p-admin", EXEMPTED_MESSAGE, "advisory", urn("a"))], [record(urn("b"))], "AnalyzeStack"),
            { message: "the policy pack recorded an exempted finding of p-admin that it did not report (AnalyzeStack)" });
    });

    it("fails when the pack sends no records at all", () => {
        assert.throws(() => pairExempted([], undefined, "Analyze of x"), { message: "the policy pack sent no record of its exempted findings with Analyze of x" });
    });

    it("lists the configured exemptions that exempted nothing", () => {
        const sent = { "p-admin": { enforcementLevel: "mandatory" as const, properties: { exemptions: [{ resource: "bastion-*" }, { resource: "old-*" }] } } };
        assert.deepStrictEqual(unusedExemptions(sent, [record()], []), ["exemption 'old-*' of p-admin matched no finding: remove it, or check the pattern"]);
    });

    describe("an exemption that matched findings only after its expiry date", () => {
        const sent = { "p-admin": { enforcementLevel: "mandatory" as const, properties: { exemptions: [{ resource: "bastion-*" }, { resource: "old-*" }] } } };
        const expired = (name: string, coveredBy?: ExpiredMatch["coveredBy"]): ExpiredMatch => ({
            policy: "p-admin", urn: urn(name), finding: `${name}: port 22 is open.`, level: "mandatory", exemption: { kind: "config", resource: "old-*" },
            reason: "SEC-1", expires: "2026-11-22", ...(coveredBy ? { coveredBy } : {}),
        });
        const cases: [string, ExpiredMatch[], string][] = [
            ["one finding, reported at its level", [expired("old-1")],
                "exemption 'old-*' of p-admin expired on 2026-11-22 and no longer exempts: the finding it matched is reported at its level, with the expiry date; renew the exemption or fix the finding"],
            ["two findings, reported at their level", [expired("old-1"), expired("old-2")],
                "exemption 'old-*' of p-admin expired on 2026-11-22 and no longer exempts: the 2 findings it matched are reported at their level, with the expiry date; renew the exemption or fix the findings"],
            ["one finding reported, one covered by another exemption", [expired("old-1"), expired("old-2", { kind: "config", resource: "bastion-*" })],
                "exemption 'old-*' of p-admin expired on 2026-11-22 and no longer exempts: the finding it matched is reported at its level, with the expiry date; renew the exemption or fix the finding"],
            ["every finding covered by another exemption", [expired("old-1", { kind: "tag", tag: "security-exception" })],
                "exemption 'old-*' of p-admin expired on 2026-11-22 and no longer exempts: the findings it matched are covered by another exemption; remove it"],
        ];
        for (const [what, matches, warning] of cases) {
            it(`says it expired, not that it matched nothing: ${what}`, () => {
                assert.deepStrictEqual(unusedExemptions(sent, [record()], matches), [warning]);
            });
        }

        it("an expired match of another policy with the same pattern changes nothing here", () => {
            assert.deepStrictEqual(unusedExemptions(sent, [record()], [{ ...expired("old-1"), policy: "p-other" }]),
                ["exemption 'old-*' of p-admin matched no finding: remove it, or check the pattern"]);
        });

        it("fails when the pack sends exempted findings without the expired matches", () => {
            assert.throws(() => expiredRecords(undefined, "Analyze of x"), { message: "the policy pack sent no record of its expired exemptions with Analyze of x" });
        });
    });
});

/** A stand-in pack whose resource "bastion-1" has an exempted finding (Analyze) and "web" a real one (AnalyzeStack). */
function fakePack(stackExpired: ExpiredMatch[] = []): PackClient {
    const result = (ds: Diagnostic[], rs: ExemptedFinding[], opts?: CallOptions, expired: ExpiredMatch[] = []): AnalyzeResult =>
        ({ diagnostics: ds, notApplicable: [], ...(opts?.exempted ? { exempted: rs, expired, keys: [] } : {}) });
    return {
        packDir: "", pid: -1, port: 0,
        getAnalyzerInfo: async () => ({ name: "pack", displayName: "", version: "1.0.0", supportsConfig: true, policies: [], initialConfig: {} }),
        getPluginInfo: async () => ({ version: "1" }),
        configure: async () => ({ "p-admin": { enforcementLevel: "mandatory", properties: { exemptions: [{ resource: "bastion-*" }, { resource: "old-*" }] } } }),
        sendConfigure: async () => undefined,
        sendConfigureBytes: async () => undefined,
        configureStack: async () => undefined,
        analyze: async (r, opts) => (r.name === "bastion-1" ? result([diag("p-admin", EXEMPTED_MESSAGE, "advisory")], [record()], opts) : result([], [], opts)),
        analyzeStack: async (_rs: StackResource[], opts) => result([diag("p-stack", "web is flagged.", "mandatory", urn("web"))], [], opts, stackExpired),
        remediate: async () => ({ remediations: [], notApplicable: [] }),
        stderr: () => "", stdout: () => "", close: async () => undefined, kill: () => undefined,
    };
}

describe("cli: check with exempted findings (stand-in pack)", () => {
    it("reports exempted findings apart, with the level they had, and warns about unused exemptions", async () => {
        const rs = ["bastion-1", "web"].map((name): StackResource => ({ urn: urn(name), type: SG, name, properties: {}, dependencies: [], propertyDependencies: {} }));
        const report = await check(Promise.resolve(fakePack()),
            { source: { kind: "program", path: "p", artifact: "p/index.ts", project: "app", stack: "dev" }, analyzed: rs, stackResources: rs }, {}, () => undefined);
        assert.deepStrictEqual(report.findings, [{ policy: "p-stack", level: "mandatory", resource: { urn: urn("web"), type: SG, name: "web" }, message: "web is flagged." }]);
        assert.deepStrictEqual(report.exempted, [{
            policy: "p-admin", level: "mandatory", resource: { urn: urn("bastion-1"), type: SG, name: "bastion-1" }, message: "port 22 is open.",
            exemption: { kind: "config", resource: "bastion-*", reason: "SEC-7", expires: "2027-01-31" },
        }]);
        assert.deepStrictEqual(report.warnings, ["exemption 'old-*' of p-admin matched no finding: remove it, or check the pattern"]);
    });
});

describe("cli: check with an expired exemption (stand-in pack)", () => {
    it("warns that the exemption expired and no longer exempts, from the pack's records, and keeps the finding", async () => {
        const rs = ["bastion-1", "web"].map((name): StackResource => ({ urn: urn(name), type: SG, name, properties: {}, dependencies: [], propertyDependencies: {} }));
        const match: ExpiredMatch = { policy: "p-admin", urn: urn("web"), finding: "web is flagged.", level: "mandatory",
            exemption: { kind: "config", resource: "old-*" }, reason: "SEC-1", expires: "2026-11-22" };
        const report = await check(Promise.resolve(fakePack([match])),
            { source: { kind: "program", path: "p", artifact: "p/index.ts", project: "app", stack: "dev" }, analyzed: rs, stackResources: rs }, {}, () => undefined);
        assert.deepStrictEqual(report.findings, [{ policy: "p-stack", level: "mandatory", resource: { urn: urn("web"), type: SG, name: "web" }, message: "web is flagged." }]);
        assert.deepStrictEqual(report.warnings, [
            "exemption 'old-*' of p-admin expired on 2026-11-22 and no longer exempts: the finding it matched is reported at its level, with the expiry date; renew the exemption or fix the finding",
        ]);
    });
});

const REPORT: Report = {
    pack: { name: "pack", version: "1.0.0" },
    source: { kind: "stack-export", path: "s.json", artifact: "/nonexistent/s.json", project: "app", stack: "dev" },
    resources: [{ urn: urn("web"), type: SG, name: "web" }, { urn: urn("bastion-1"), type: SG, name: "bastion-1" }],
    policies: [],
    findings: [{ policy: "p-stack", level: "mandatory", severity: "high", resource: { urn: urn("web"), type: SG, name: "web" }, message: "web is flagged." }],
    exempted: [
        { policy: "p-admin", level: "mandatory", severity: "critical", resource: { urn: urn("bastion-1"), type: SG, name: "bastion-1" }, message: "port 22 is open.",
            exemption: { kind: "config", resource: "bastion-*", reason: "SEC-7", expires: "2027-01-31" } },
        { policy: "p-desc", level: "advisory", resource: { urn: urn("bastion-1"), type: SG, name: "bastion-1" }, message: "no description.",
            exemption: { kind: "tag", tag: "security-exception", reason: "vendor box", expires: "2026-12-31" } },
    ],
    warnings: [],
};

describe("cli: formats of exempted findings", () => {
    it("text: a section of their own, each with its exemption, reason and expiry; a count under the summary", () => {
        assert.strictEqual(formatText(REPORT), [
            "Checked stack export s.json (project app, stack dev) with pack v1.0.0",
            "",
            "Policy Violations:",
            `    [mandatory]  pack v1.0.0  p-stack (${SG}: web)`,
            "    web is flagged.",
            "",
            "Exempted findings (reported as advisory; they do not fail the check):",
            `    [exempted mandatory]  pack v1.0.0  p-admin (${SG}: bastion-1)`,
            "    exemption 'bastion-*': SEC-7 (expires 2027-01-31)",
            "    port 22 is open.",
            `    [exempted advisory]  pack v1.0.0  p-desc (${SG}: bastion-1)`,
            "    tag 'security-exception' on the resource: vendor box (expires 2026-12-31)",
            "    no description.",
            "",
            "1 mandatory, 0 advisory: 1 violation on 1 of 2 resources.",
            "2 exempted findings, not counted above.",
            "",
        ].join("\n"));
    });

    it("JSON: `exempted` beside `findings`, with the exemption as data; counted in the summary", () => {
        const json = JSON.parse(formatJson(REPORT)) as Record<string, unknown>;
        assert.deepStrictEqual(json.summary, { resources: 2, resourcesWithFindings: 1, mandatory: 1, advisory: 0, exempted: 2, failOn: "mandatory", failing: 1, passed: false });
        assert.deepStrictEqual(json.exempted, [
            { policy: "p-admin", level: "mandatory", severity: "critical", resource: { urn: urn("bastion-1"), type: SG, name: "bastion-1" }, message: "port 22 is open.",
                exemption: { kind: "config", resource: "bastion-*", reason: "SEC-7", expires: "2027-01-31" } },
            { policy: "p-desc", level: "advisory", severity: null, resource: { urn: urn("bastion-1"), type: SG, name: "bastion-1" }, message: "no description.",
                exemption: { kind: "tag", tag: "security-exception", reason: "vendor box", expires: "2026-12-31" } },
        ]);
    });

    it("SARIF: a result at the level it had, with an external, accepted suppression whose justification is the reason", () => {
        const results = (JSON.parse(formatSarif(REPORT)) as { runs: { results: { ruleId: string; level: string; suppressions?: unknown }[] }[] }).runs[0].results;
        assert.deepStrictEqual(results.map((r) => [r.ruleId, r.level, r.suppressions]), [
            ["p-stack", "error", undefined],
            ["p-admin", "error", [{ kind: "external", status: "accepted", justification: "SEC-7", properties: { exemption: "bastion-*", expires: "2027-01-31" } }]],
            ["p-desc", "warning", [{ kind: "external", status: "accepted", justification: "vendor box", properties: { exemptionTag: "security-exception", expires: "2026-12-31" } }]],
        ]);
    });
});

describe("cli: text output escapes control characters", () => {
    const cases: [string, string, string][] = [
        ["a newline", "a\nb", "a\\nb"],
        ["a carriage return and a tab", "a\rb\tc", "a\\rb\\tc"],
        ["an ANSI colour escape", "\u001b[31mred\u001b[0m", "\\x1b[31mred\\x1b[0m"],
        ["a C1 control (CSI)", "a\u009b2Jb", "a\\x9b2Jb"],
        ["NUL and DEL", "a\u0000b\u007f", "a\\x00b\\x7f"],
        ["a Unicode line separator and a right-to-left override", "a\u2028b\u202ec", "a\\u2028b\\u202ec"],
        ["ordinary text, accents and backslashes untouched", "café \\n web-1", "café \\n web-1"],
    ];
    for (const [what, text, expected] of cases) {
        it(what, () => assert.strictEqual(escapeControls(text), expected));
    }

    it("escapes names, URNs' parts and messages in the report, so no line can be forged", () => {
        const name = "web\u001b[2K\n    [advisory]  fake";
        const r: Report = { ...REPORT, exempted: [], findings: [{ policy: "p", level: "mandatory", resource: { urn: urn(name), type: SG, name }, message: "a\nb" }] };
        const lines = formatText(r).split("\n");
        assert.deepStrictEqual(lines.slice(2, 5), [
            "Policy Violations:",
            `    [mandatory]  pack v1.0.0  p (${SG}: web\\x1b[2K\\n    [advisory]  fake)`,
            "    a\\nb",
        ]);
    });
});

describe("cli: a stack export with two resources of one URN", () => {
    const doc = (resources: object[]) => ({ version: 3, deployment: { resources } });
    const web = { urn: urn("web"), custom: true, type: SG, inputs: {}, outputs: {} };

    it("is an input error naming the URN", () => {
        assert.throws(() => parseStackExport(doc([web, { ...web, inputs: { description: "other" } }]), "s.json"),
            (e: Error) => e instanceof InputError &&
                e.message === `s.json lists two resources with the URN ${urn("web")}; a stack has one resource per URN, so the export is damaged`);
    });

    it("is fine when one of them is pending deletion (a replacement in progress)", () => {
        assert.strictEqual(parseStackExport(doc([{ ...web, delete: true }, web]), "s.json").analyzed.length, 1);
    });
});
