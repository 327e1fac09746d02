import * as assert from "assert";
import { AnalyzerInfo, AnalyzerRpcError, PackClient, PolicyConfigError, startPack } from "../../runner/analyzer-client";
import { CapturedStack, SECRET_SIG, SIG_KEY, UNKNOWN, captureProgram, toStackResources } from "../../runner/capture";
import { webTier } from "../programs/web-tier";
import { fixturePackDir, removeDir } from "./pack-dirs";
import { SG, sgResource } from "./analyzer-client-fixtures";

describe("analyzer client", function () {
    this.timeout(180_000);
    let fixture: PackClient;
    let fixtureDir: string;
    let program: CapturedStack;

    before(async () => {
        fixtureDir = fixturePackDir();
        [fixture, program] = await Promise.all([startPack(fixtureDir), captureProgram(webTier)]);
    });

    after(async () => {
        await fixture?.close();
        removeDir(fixtureDir);
    });

    describe("protocol, against a fixture pack with known policies", () => {
        const sshFromWorld = { fromPort: 22, toPort: 22, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] };
        beforeEach(async () => { await fixture.configure({}); });

        it("GetAnalyzerInfo maps every field and enum to plain values", async () => {
            const expected: AnalyzerInfo = {
                name: "fixture-pack", displayName: "", version: "1.2.3", supportsConfig: true,
                policies: [
                    {
                        name: "no-world-ports", displayName: "No world ports", description: "Listed ports are not open to 0.0.0.0/0.",
                        enforcementLevel: "advisory", policyType: "resource",
                        configSchema: {
                            properties: {
                                note: { type: "string" },
                                ports: { default: [22], items: { maximum: 65535, minimum: 0, type: "integer" }, type: "array" },
                            },
                            required: ["ports"],
                        },
                        severity: "high", tags: ["sg"], remediationSteps: "Close the port.", url: "https://example.com/no-world-ports",
                        framework: { name: "fixture", version: "1", reference: "F-1", specification: "spec" },
                    },
                    { name: "described", displayName: "", description: "Resources have a description.", enforcementLevel: "mandatory", policyType: "resource" },
                    { name: "boom", displayName: "", description: "Throws on fixture:index:Boom.", enforcementLevel: "mandatory", policyType: "resource" },
                    {
                        name: "rule-parents", displayName: "", description: "Lists which security group each rule depends on.",
                        enforcementLevel: "advisory", policyType: "stack", severity: "low",
                    },
                    { name: "fill-description", displayName: "", description: "Fills in a missing description.", enforcementLevel: "remediate", policyType: "resource" },
                ],
                initialConfig: { "no-world-ports": { enforcementLevel: "mandatory", properties: { note: "initial" } } },
            };
            assert.deepStrictEqual(await fixture.getAnalyzerInfo(), expected);
        });

        it("Configure {}: declared levels, schema defaults, then the pack's initialConfig on top", async () => {
            assert.deepStrictEqual(await fixture.configure({}), {
                "no-world-ports": { enforcementLevel: "mandatory", properties: { ports: [22], note: "initial" } },
                "described": { enforcementLevel: "mandatory", properties: {} },
                "boom": { enforcementLevel: "mandatory", properties: {} },
                "rule-parents": { enforcementLevel: "advisory", properties: {} },
                "fill-description": { enforcementLevel: "remediate", properties: {} },
            });
        });

        it("Analyze: exact diagnostics, severity, not-applicable list", async () => {
            const r = await fixture.analyze(sgResource({ ingress: [sshFromWorld] }));
            assert.deepStrictEqual(r, {
                diagnostics: [
                    {
                        policyName: "no-world-ports", policyPackName: "fixture-pack", policyPackVersion: "1.2.3",
                        description: "Listed ports are not open to 0.0.0.0/0.",
                        message: "Listed ports are not open to 0.0.0.0/0.\ningress[0] opens 22 to the world (initial)",
                        enforcementLevel: "mandatory", severity: "high",
                    },
                    {
                        policyName: "described", policyPackName: "fixture-pack", policyPackVersion: "1.2.3",
                        description: "Resources have a description.", message: "Resources have a description.\nno description",
                        enforcementLevel: "mandatory",
                    },
                ],
                notApplicable: [{ policyName: "fill-description", reason: "Policy does not implement validateResource" }],
            });
            const other = await fixture.analyze({ urn: "urn:x", type: "test:index:Other", name: "o", properties: {} });
            assert.deepStrictEqual(other.notApplicable.map(n => [n.policyName, n.reason]), [
                ["no-world-ports", `only ${SG}`], ["fill-description", "Policy does not implement validateResource"],
            ]);
        });

        it("Configure: `all`, per-policy levels and properties merged over defaults, as the CLI sends them", async () => {
            const sent = await fixture.configure({
                "all": "advisory",
                "no-world-ports": { ports: [22, 443], note: "cfg" },
                "described": "disabled",
            });
            assert.deepStrictEqual(sent, {
                "no-world-ports": { enforcementLevel: "advisory", properties: { ports: [22, 443], note: "cfg" } },
                "described": { enforcementLevel: "disabled", properties: {} },
                "boom": { enforcementLevel: "advisory", properties: {} },
                "rule-parents": { enforcementLevel: "advisory", properties: {} },
                "fill-description": { enforcementLevel: "advisory", properties: {} },
                // The CLI passes the `all` entry itself on as well.
                "all": { enforcementLevel: "advisory", properties: {} },
            });
            const r = await fixture.analyze(sgResource({ ingress: [{ ...sshFromWorld, toPort: 443 }] }));
            assert.deepStrictEqual(r.diagnostics.map(d => [d.policyName, d.enforcementLevel, d.message]), [
                ["no-world-ports", "advisory", "Listed ports are not open to 0.0.0.0/0.\ningress[0] opens 22 to the world (cfg)"],
                ["no-world-ports", "advisory", "Listed ports are not open to 0.0.0.0/0.\ningress[0] opens 443 to the world (cfg)"],
            ]);
        });

        it("Configure rejects what the CLI rejects, with the CLI's wording", async () => {
            await assert.rejects(fixture.configure({ described: "loud" }),
                { message: "parsing enforcement level for \"described\": \"loud\" is not a valid enforcement level" });
            await assert.rejects(fixture.configure({ described: 3 }),
                { message: "parsing \"described\": 3 is not a valid value; must be a string or object" });
            await assert.rejects(fixture.configure({ "no-world-ports": { ports: ["x", 70000] } }), (e: unknown) => {
                assert.ok(e instanceof PolicyConfigError);
                assert.deepStrictEqual(e.errors, [
                    "validating policy config: fixture-pack 1.2.3  no-world-ports: ports.0: Invalid type. Expected: integer, given: string",
                    "validating policy config: fixture-pack 1.2.3  no-world-ports: ports.1: should be <= 65535",
                ]);
                return true;
            });
            // A name the pack does not declare, without a level, has no valid level to send.
            await assert.rejects(fixture.configure({ "not-a-policy": { x: 1 } }), { message: "invalid enforcement level \"\"" });
        });

        it("Analyze: unknown values make a policy advisory 'can't run'; secrets arrive unwrapped", async () => {
            const unknown = await fixture.analyze(sgResource({ description: UNKNOWN, ingress: [] }));
            assert.deepStrictEqual(unknown.diagnostics.map(d => [d.policyName, d.enforcementLevel, d.message.split(":")[0]]), [
                ["described", "advisory", "can't run policy 'described' from policy pack 'fixture-pack@v1.2.3' during preview"],
            ]);
            const secret = await fixture.analyze(sgResource({ description: { [SIG_KEY]: SECRET_SIG, value: "hidden" }, ingress: [] }));
            assert.deepStrictEqual(secret.diagnostics, []);
        });

        it("AnalyzeStack: parent, dependencies and property dependencies reach the pack as resources", async () => {
            const r = await fixture.analyzeStack(toStackResources(program));
            const rules = program.resources.filter(x => x.propertyDependencies.securityGroupId);
            assert.deepStrictEqual(r.diagnostics, rules.map(x => ({
                policyName: "rule-parents", policyPackName: "fixture-pack", policyPackVersion: "1.2.3",
                description: "Lists which security group each rule depends on.",
                message: `Lists which security group each rule depends on.\n${x.name} -> web [parent project-stack; deps web]`,
                enforcementLevel: "advisory", urn: x.urn, severity: "low",
            })));
            assert.deepStrictEqual(r.notApplicable, []);
        });

        it("Remediate: returns the new wire-form properties", async () => {
            assert.deepStrictEqual(await fixture.remediate(sgResource({ ingress: [] })), {
                remediations: [{
                    policyName: "fill-description", policyPackName: "fixture-pack", policyPackVersion: "1.2.3",
                    description: "Fills in a missing description.", properties: { description: "filled", ingress: [] },
                }],
                notApplicable: [],
            });
        });

        it("ConfigureStack: stack tags reach the policies", async () => {
            await fixture.configureStack({ stack: "prod", project: "net", organization: "acme", tags: { env: "prod" } });
            try {
                const r = await fixture.analyze(sgResource({ ingress: [] }));
                assert.deepStrictEqual(r.diagnostics.map(d => d.message), ["Resources have a description.\nno description in prod"]);
            } finally {
                await fixture.configureStack({ stack: "stack", project: "project" });
            }
        });

        it("a policy that throws fails the RPC with the pack's message and stack", async () => {
            await assert.rejects(fixture.analyze({ urn: "urn:b", type: "fixture:index:Boom", name: "b", properties: {} }), (e: unknown) => {
                assert.ok(e instanceof AnalyzerRpcError);
                assert.strictEqual(e.method, "Analyze");
                assert.strictEqual(e.code, 2);
                assert.match(e.message, /^Error validating resource with policy 'boom' from policy pack 'fixture-pack@v1\.2\.3':\nError: kaboom\n/);
                return true;
            });
            assert.strictEqual(fixture.stderr(), "");
        });
    });
});
