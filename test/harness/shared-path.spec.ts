// The shared path (policies/core/call-args.ts: one deserialisation per call, shared by the pack's
// policies) against the framework's own path (@pulumi/policy copies the props for every policy),
// over the Analyzer protocol, as the CLI drives the pack: the test corpus (stack exports, fixture
// programs, the test programs in preview and update, among them the paths from the internet), the
// examples, the public programs, and 1,000 generated stacks,
// under the bundled and the test configurations and with stack tags. Every answer must be the same:
// Configure's, and each Analyze and AnalyzeStack response with its exempted findings.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AnalyzedResource, PackClient, PolicyPackConfig, StackResource, startPack } from "../../runner/analyzer-client";
import { captureProgram } from "../../runner/capture";
import { DEFAULT_TIMEOUT_SECONDS } from "../../cli/options";
import { loadProgram, programRequests } from "../../cli/program";
import { ConfigFlags, readProgramConfig } from "../../cli/stack-config";
import { loadStackExport } from "../../cli/stack-export";
import { generateStack } from "../../bench/generate";
import { commonMistakes } from "../programs/common-mistakes";
import { defaultGroupDecoy, naclDecoy, splitWorldDecoy } from "../programs/decoy-links";
import { endpointGroups } from "../programs/endpoint-groups";
import { capturedUpdate } from "../programs/every-eni-type";
import { internetPaths } from "../programs/internet-paths";
import { lbTargetAcl } from "../programs/lb-target-acl";
import { pendingRule, pendingWorldRule } from "../programs/pending-rule";
import { sharedNetwork } from "../programs/shared-network";
import { Mutation, threeTier } from "../programs/three-tier";
import { webTier } from "../programs/web-tier";
import { REPO, packWith, removeDir } from "./pack-dirs";
import { RawCalls, assertSameAnswers, diagnosticsIn, rawRequests } from "./raw-calls";

interface Input { readonly name: string; readonly analyzed: AnalyzedResource[]; readonly stackResources: StackResource[] }

/** A pack of the catalogue, served by `serve` (one line of JavaScript over `hooks`, `PolicyPack`, `catalogue` and `packName`). */
function catalogueServedBy(name: string, serve: string): string {
    const dist = (...p: string[]) => JSON.stringify(path.join(REPO, "dist", "policies", ...p));
    return packWith(name, "The pack's catalogue.", "index.js", [
        "const { PolicyPack } = require(\"@pulumi/policy\");",
        `const hooks = require(${dist("core", "server-hooks")});`,
        `const { catalogue, packName } = require(${dist("catalogue")});`,
        serve,
    ]);
}

const outcome = <T>(p: Promise<T>): Promise<T | { error: string }> => p.catch((e: Error) => ({ error: e.message.split("\n")[0] }));

const CONFIGS: [string, PolicyPackConfig][] = [
    ["defaults", {}],
    ...["examples/config", "test/fixtures/config"].flatMap((dir) => fs.readdirSync(path.join(REPO, dir)).filter((f) => f.endsWith(".json"))
        .map((f): [string, PolicyPackConfig] => [`${dir}/${f}`, JSON.parse(fs.readFileSync(path.join(REPO, dir, f), "utf8")) as PolicyPackConfig])),
    ["stack tags", {
        "sg-descriptions": { stackTags: { env: "prod" } }, "sg-unused": { stackTags: { env: "dev" } },
        "nacl-rules-effective": { stackTags: { env: "*" } }, "sg-egress-restricted": { stackTags: { team: "net" } },
    }],
];

/** The engine's requests for a program captured in-process (as the check command converts them). */
const program = async (name: string, run: () => unknown, preview: boolean): Promise<Input> =>
    ({ name: `${name} (${preview ? "preview" : "update"})`, ...programRequests(await captureProgram(run, { preview }), name) });

const MUTATIONS: Mutation[] = ["none", "nacl-missing-return-path", "nacl-ssh-from-world", "nacl-duplicate-rule-number", "sixth-sg-on-web", "rds-public",
    "no-flow-log", "inline-and-standalone-ingress", "unused-sg", "default-sg-rule", "app-egress-anywhere", "too-many-rules", "db-public-route-table",
    "db-open-to-internet"];
const PROGRAMS: [string, () => unknown][] = [
    ["common-mistakes", commonMistakes], ["nacl-decoy", naclDecoy], ["split-world-decoy", splitWorldDecoy], ["default-group-decoy", defaultGroupDecoy],
    ["endpoint-groups", endpointGroups], ["pending-rule", pendingRule], ["pending-world-rule", pendingWorldRule], ["web-tier", webTier],
    ["shared-network", () => sharedNetwork()], ["shared-network with its default group, exported whole", () => sharedNetwork({ defaultGroup: true, exportAs: "resource" })],
    ["internet-paths", internetPaths], ["lb-target-acl, SSH from the VPC", () => lbTargetAcl("vpc")], ["lb-target-acl, SSH from its own subnet", () => lbTargetAcl("own-subnet")],
    ...MUTATIONS.map((m): [string, () => unknown] => [`three-tier ${m}`, () => threeTier(m)]),
];

describe("the shared path gives the framework's own answers, over the Analyzer protocol", function () {
    this.timeout(600_000);
    const dirs: string[] = [];
    let shared: PackClient;
    let framework: PackClient;
    let calls: [RawCalls, RawCalls];

    before(async () => {
        dirs.push(catalogueServedBy("shared-path", "hooks.servePolicyPack(packName, { policies: catalogue() });"));
        dirs.push(catalogueServedBy("framework-path", "hooks.withServerHooks(() => new PolicyPack(packName, { policies: catalogue() }));"));
        [shared, framework] = await Promise.all(dirs.map((d) => startPack(d)));
        calls = [new RawCalls(shared.port), new RawCalls(framework.port)];
    });
    after(async () => {
        calls?.forEach((c) => c.close());
        await Promise.all([shared?.close(), framework?.close()]);
        dirs.forEach(removeDir);
    });

    /** Both packs under `config` (the same answer to Configure), then each input: the same answers; the number of diagnostics. */
    async function compare(inputs: readonly Input[], [configName, config]: [string, PolicyPackConfig], tags: Record<string, string> = {}): Promise<number> {
        const configured = await Promise.all([shared, framework].map(async (p) => {
            await p.configureStack({ stack: "dev", project: "app", tags });
            return outcome(p.configure(config));
        }));
        assert.deepStrictEqual({ configName, answer: configured[0] }, { configName, answer: configured[1] });
        if ("error" in configured[0]) {
            return 0;
        }
        let diagnostics = 0;
        // A few inputs at a time, so that both packs and this client keep busy.
        for (let i = 0; i < inputs.length; i += 8) {
            await Promise.all(inputs.slice(i, i + 8).map(async (input) => {
                const requests = rawRequests(input.analyzed, input.stackResources);
                const [a, b] = await Promise.all(calls.map((c) => c.answers(requests)));
                assertSameAnswers(`${input.name}, configuration ${configName}`, a, b);
                diagnostics += diagnosticsIn(a);
            }));
        }
        return diagnostics;
    }

    /** Every input under every configuration; the number of diagnostics. */
    async function compareAll(inputs: readonly Input[], configs: readonly [string, PolicyPackConfig][], tags?: Record<string, string>): Promise<number> {
        let diagnostics = 0;
        for (const config of configs) {
            diagnostics += await compare(inputs, config, tags);
        }
        return diagnostics;
    }

    it("the stack exports of the test corpus, under every configuration", async () => {
        const files = ["test/fixtures", "test/fixtures/bad"].flatMap((dir) => fs.readdirSync(path.join(REPO, dir))
            .filter((f) => f.endsWith(".stack-export.json")).map((f) => path.join(REPO, dir, f)));
        const inputs = files.flatMap((file) => {
            try {
                return [{ name: path.relative(REPO, file), ...loadStackExport(file) }];
            } catch {
                return []; // refused by the check command before any pack sees it
            }
        });
        assert.deepStrictEqual(inputs.map((i) => i.name), ["test/fixtures/common-mistakes.stack-export.json", "test/fixtures/control-chars.stack-export.json",
            "test/fixtures/references.stack-export.json"]);
        assert.ok(await compareAll(inputs, CONFIGS) > 200);
    });

    it("the examples, the fixture programs and the public programs, as the check command runs them, under every configuration", async () => {
        const inputs: Input[] = [];
        const keys = fs.mkdtempSync(path.join(os.tmpdir(), "shared-path-"));
        fs.writeFileSync(path.join(keys, "id.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISharedPathTestKeyOnly shared-path\n");
        fs.writeFileSync(path.join(keys, "id"), "not a private key: the program only reads the file\n");
        const EXAMPLES = "test/public-programs/pulumi-examples";
        const DIRS: [string, ConfigFlags][] = [
            ...["examples/three-tier", "examples/common-mistakes", "test/fixtures/programs/resource-references", "test/fixtures/programs/three-tier-db-open",
                `${EXAMPLES}/aws-ts-webserver`, `${EXAMPLES}/aws-ts-resources`, `${EXAMPLES}/aws-ts-wordpress-fargate-rds`,
                "test/public-programs/pulumi-templates/vm-aws-typescript"].map((d): [string, ConfigFlags] => [d, { config: [], secret: [] }]),
            [`${EXAMPLES}/aws-ts-ec2-provisioners`, { config: ["keyName=ci-key"], secret: ["privateKey=not-a-key"] }],
            [`${EXAMPLES}/aws-ts-ansible-wordpress`, { config: [`publicKeyPath=${path.join(keys, "id.pub")}`, `privateKeyPath=${path.join(keys, "id")}`],
                secret: ["dbPassword=not-a-password"] }],
        ];
        for (const [dir, flags] of DIRS) {
            const config = readProgramConfig(path.join(REPO, dir), "dev", flags);
            const loaded = await loadProgram(path.join(REPO, dir), { stack: "dev", timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, ...(config ? { config } : {}) });
            inputs.push({ name: dir, ...programRequests(loaded.captured, dir) });
        }
        fs.rmSync(keys, { recursive: true, force: true });
        assert.ok(await compareAll(inputs, CONFIGS) > 100);
    });

    it("the test programs, in preview and in update, under the default, strict and stack-tag configurations", async () => {
        const inputs: Input[] = [];
        for (const [name, run] of PROGRAMS) {
            for (const preview of [true, false]) {
                inputs.push(await program(name, run, preview));
            }
        }
        inputs.push({ name: "every ENI type (update)", ...programRequests(await capturedUpdate(), "every-eni-type") });
        assert.ok(await compareAll(inputs, CONFIGS.filter(([name]) => /defaults|strict|stack tags/.test(name)), { env: "prod" }) > 500);
    });

    it("1,000 generated stacks of 5 to 40 resources, new and existing, under five configurations and two sets of stack tags", async () => {
        const configs = CONFIGS.filter(([name]) => /defaults|baseline|strict|exemptions\.json|stack tags/.test(name));
        assert.strictEqual(configs.length, 5);
        const stacks = Array.from({ length: 1000 }, (_, i) => {
            const n = 5 + ((i * 37) % 36);
            const s = generateStack(n, { seed: i + 1, newShare: [0, 0.3, 1][i % 3], compact: true });
            return { name: `generated ${n} resources, seed ${i + 1}`, analyzed: s.analyze, stackResources: s.stack };
        });
        let diagnostics = 0;
        for (const [i, config] of configs.entries()) {
            diagnostics += await compare(stacks.filter((_, k) => k % configs.length === i), config, i % 2 === 0 ? { env: "prod" } : { env: "dev", team: "net" });
        }
        assert.ok(diagnostics > 10_000, String(diagnostics));
    });
});
