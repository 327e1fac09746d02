// Fast tests of the check command's parts: argument parsing, checkpoint values, the stack-export
// fixture, and the engine's call order and progress reporting (with a stand-in pack).
import * as assert from "assert";
import * as fs from "fs";
import type { AnalyzeResult, AnalyzedResource, CallOptions, PackClient, StackResource } from "../../runner/analyzer-client";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../runner/capture";
import { PROGRESS_THRESHOLD, check } from "../../cli/check";
import { InputError } from "../../cli/errors";
import { parseArgs } from "../../cli/main";
import { fromCheckpoint, parseStackExport } from "../../cli/stack-export";
import { EXPORT_FILE, render } from "../fixtures/make-stack-export";

describe("cli: parseArgs", () => {
    it("reads a program check with every option", () => {
        assert.deepStrictEqual(parseArgs(["check", "dir", "--format=json", "--policy-pack-config", "c.json", "--stack", "prod", "--exit-zero"]),
            { program: "dir", outputs: [{ format: "json" }], config: "c.json", stack: "prod", failOn: "none" });
    });
    it("reads a stack-export check; defaults to text", () => {
        assert.deepStrictEqual(parseArgs(["check", "--stack-export", "e.json"]),
            { program: undefined, stackExport: "e.json", outputs: [{ format: "text" }], stack: "dev", failOn: "mandatory" });
    });
    it("--help wins", () => {
        assert.strictEqual(parseArgs(["check", "--format", "xml", "--help"]), undefined);
    });
    for (const [args, message] of [
        [["check", "a", "--stack-export", "e.json"], "give either a program directory or --stack-export <file>, not both"],
        [["check", "--format"], "--format needs a value"],
        [["check", "a", "--exit-zero=yes"], "unknown option '--exit-zero=yes' (see --help)"],
    ] as [string[], string][]) {
        it(`rejects ${args.join(" ")}`, () => {
            assert.throws(() => parseArgs(args), (e: Error) => e instanceof InputError && e.message === message);
        });
    }
});

describe("cli: stack export values and shape", () => {
    it("secrets: ciphertext becomes an unknown secret, plaintext (--show-secrets) is decoded", () => {
        assert.deepStrictEqual(fromCheckpoint({
            a: { [SIG_KEY]: SECRET_SIG, ciphertext: "v1:abc" },
            b: [{ [SIG_KEY]: SECRET_SIG, plaintext: "[\"10.0.0.0/8\"]" }],
            c: { d: 1 },
        }), {
            a: { [SIG_KEY]: SECRET_SIG, value: UNKNOWN },
            b: [{ [SIG_KEY]: SECRET_SIG, value: ["10.0.0.0/8"] }],
            c: { d: 1 },
        });
    });

    it("the committed fixture is exactly what make-stack-export.ts produces from the example", async () => {
        assert.strictEqual(await render(), fs.readFileSync(EXPORT_FILE, "utf8"),
            "run `npx ts-node --transpile-only test/fixtures/make-stack-export.ts` to regenerate");
    });

    it("Analyze gets inputs and the default provider; AnalyzeStack gets outputs and dependencies", () => {
        const e = parseStackExport(JSON.parse(fs.readFileSync(EXPORT_FILE, "utf8")), "x.json");
        assert.deepStrictEqual([e.project, e.stack], ["common-mistakes", "prod"]);
        const i = e.analyzed.findIndex((r) => r.name === "db-from-app" && r.type.startsWith("aws:vpc/"));
        assert.strictEqual(e.analyzed[i].properties.securityGroupId, "db-id");
        assert.strictEqual(e.analyzed[i].provider?.type, "pulumi:providers:aws");
        assert.strictEqual(e.stackResources[i].properties.id, "db-from-app-id");
        assert.deepStrictEqual(e.stackResources[i].propertyDependencies.securityGroupId, ["urn:pulumi:prod::common-mistakes::aws:ec2/securityGroup:SecurityGroup::db"]);
        const widget = e.analyzed.find((r) => r.type === "acme:index:Widget");
        assert.deepStrictEqual(widget?.properties.apiToken, { [SIG_KEY]: SECRET_SIG, value: UNKNOWN });
    });
});

/** A stand-in pack that records the calls and flags every resource named "bad". */
function fakePack(calls: string[]): PackClient {
    const diag = (urn: string, level: "mandatory" | "advisory") => ({
        policyName: level === "mandatory" ? "p-mandatory" : "p-advisory", policyPackName: "pack", policyPackVersion: "1.0.0",
        description: "d", message: `flagged ${urn}`, enforcementLevel: level, urn,
    });
    return {
        packDir: "", pid: -1, port: 0,
        getAnalyzerInfo: async () => ({ name: "pack", displayName: "", version: "1.0.0", supportsConfig: true, policies: [], initialConfig: {} }),
        getPluginInfo: async () => ({ version: "1" }),
        configure: async () => { calls.push("Configure"); return {}; },
        sendConfigure: async () => undefined,
        sendConfigureBytes: async () => undefined,
        configureStack: async () => undefined,
        analyze: async (r: AnalyzedResource, opts?: CallOptions): Promise<AnalyzeResult> => {
            calls.push(`Analyze ${r.name}${opts?.exempted ? " (with exempted)" : ""}`);
            return { diagnostics: r.name === "bad" ? [diag(r.urn, "advisory")] : [], notApplicable: [], ...(opts?.exempted ? { exempted: [], expired: [], keys: [] } : {}) };
        },
        analyzeStack: async (rs: StackResource[], opts?: CallOptions): Promise<AnalyzeResult> => {
            calls.push(`AnalyzeStack ${rs.length}${opts?.exempted ? " (with exempted)" : ""}`);
            return { diagnostics: rs.filter((r) => r.name === "bad").map((r) => diag(r.urn, "mandatory")), notApplicable: [], ...(opts?.exempted ? { exempted: [], expired: [], keys: [] } : {}) };
        },
        remediate: async () => ({ remediations: [], notApplicable: [] }),
        stderr: () => "", stdout: () => "", close: async () => { calls.push("close"); }, kill: () => undefined,
    };
}

function resources(n: number): StackResource[] {
    return Array.from({ length: n }, (_, i) => {
        const name = i === 1 ? "bad" : `r${i}`;
        return { urn: `urn:pulumi:s::p::t::${name}`, type: "t", name, properties: {}, dependencies: [], propertyDependencies: {} };
    });
}

describe("cli: check (the engine's calls, with a stand-in pack)", () => {
    it("Configure, Analyze per resource in order, AnalyzeStack, close; findings grouped per resource", async () => {
        const calls: string[] = [];
        const progress: string[] = [];
        const rs = resources(3);
        const report = await check(Promise.resolve(fakePack(calls)),
            { source: { kind: "program", path: "p", artifact: "p/index.ts", project: "p", stack: "s" }, analyzed: rs, stackResources: rs },
            {}, (l) => progress.push(l));
        assert.deepStrictEqual(calls, ["Configure", "Analyze r0 (with exempted)", "Analyze bad (with exempted)", "Analyze r2 (with exempted)", "AnalyzeStack 3 (with exempted)", "close"]);
        assert.deepStrictEqual(report.findings.map((f) => [f.policy, f.level, f.resource?.name]),
            [["p-advisory", "advisory", "bad"], ["p-mandatory", "mandatory", "bad"]]);
        assert.deepStrictEqual(progress, [], "no progress for a small stack");
    });

    it(`reports progress (to the progress sink, i.e. stderr) above ${PROGRESS_THRESHOLD} resources`, async () => {
        const progress: string[] = [];
        const rs = resources(250);
        await check(Promise.resolve(fakePack([])),
            { source: { kind: "program", path: "p", artifact: "p/index.ts", project: "p", stack: "s" }, analyzed: rs, stackResources: rs },
            {}, (l) => progress.push(l));
        assert.deepStrictEqual(progress, [
            "checking 250 resources", "analyzed 100/250 resources", "analyzed 200/250 resources", "analyzed 250/250 resources",
            "running stack policies on 250 resources",
        ]);
    });
});
