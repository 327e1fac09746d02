// Exemption integrity over the Analyzer protocol (the pack started as the CLI starts it): a
// URN-shaped pattern exempts by URN only, never a resource named after a URN; a catch-all pattern
// is rejected at Configure on a mandatory policy; a finding that an expired exemption matched comes
// back at its level, with a record saying so when the request asks for records.
import * as assert from "assert";
import { AnalyzedResource, AnalyzerRpcError, Diagnostic, PackClient, StackResource, startPack } from "../../runner/analyzer-client";
import { REPO } from "./pack-dirs";
import { TYPE } from "../util/types";

const INVALID_ARGUMENT = 3;
const POLICY = "sg-no-admin-ports-from-world";
const ssh = (stack: string, name: string): AnalyzedResource => ({
    urn: `urn:pulumi:${stack}::app::${TYPE.sg}::${name}`, type: TYPE.sg, name,
    properties: { description: "d", ingress: [{ description: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] },
});
const instance = (stack: string, name: string): StackResource => ({
    urn: `urn:pulumi:${stack}::app::${TYPE.instance}::${name}`, type: TYPE.instance, name,
    properties: { vpcSecurityGroupIds: ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"] }, dependencies: [], propertyDependencies: {},
});
const levels = (ds: Diagnostic[], policy: string) => ds.filter((d) => d.policyName === policy).map((d) => d.enforcementLevel);
const exempting = (policy: string, resource: string, expires = "2999-12-31") => ({ [policy]: { exemptions: [{ resource, reason: "SEC-7", expires }] } });

describe("exemption integrity over the Analyzer protocol", function () {
    this.timeout(180_000);
    let pack: PackClient;
    before(async () => { pack = await startPack(REPO); });
    after(async () => { await pack?.close(); });

    describe("a URN-shaped pattern exempts by URN only", () => {
        const PROD_BASTION = `urn:pulumi:prod::app::${TYPE.sg}::bastion`;
        const cases: [string, string, AnalyzedResource, string[]][] = [
            ["Analyze: the exact URN exempts the prod resource", PROD_BASTION, ssh("prod", "bastion"), ["advisory"]],
            ["Analyze: the exact URN of a prod resource, used as the name of a dev resource, exempts nothing", PROD_BASTION, ssh("dev", PROD_BASTION), ["mandatory"]],
            ["Analyze: urn:pulumi:prod::*::*::web-* exempts web-1 of stack prod", "urn:pulumi:prod::*::*::web-*", ssh("prod", "web-1"), ["advisory"]],
            ["Analyze: urn:pulumi:prod::*::*::web-* does not exempt a dev resource named urn:pulumi:prod::x::y::web-1", "urn:pulumi:prod::*::*::web-*",
                ssh("dev", "urn:pulumi:prod::x::y::web-1"), ["mandatory"]],
            ["Analyze: a plain name glob still exempts by name", "bastion-*", ssh("dev", "bastion-eu"), ["advisory"]],
        ];
        for (const [what, pattern, resource, expected] of cases) {
            it(what, async () => {
                await pack.configure(exempting(POLICY, pattern));
                assert.deepStrictEqual(levels((await pack.analyze(resource)).diagnostics, POLICY), expected);
            });
        }

        it("AnalyzeStack: the exact URN exempts the prod instance, not a dev instance named after it", async () => {
            const real = instance("prod", "legacy");
            const impostor = instance("dev", real.urn);
            await pack.configure(exempting("eni-security-group-limit", real.urn));
            const ds = (await pack.analyzeStack([real, impostor])).diagnostics.filter((d) => d.policyName === "eni-security-group-limit");
            assert.deepStrictEqual(ds.map((d) => [d.urn, d.enforcementLevel]), [[real.urn, "advisory"], [impostor.urn, "mandatory"]]);
        });
    });

    describe("Configure rejects a catch-all pattern on a mandatory policy, and accepts a scoped one", () => {
        after(async () => { await pack.configure({}); });
        for (const pattern of ["**aws**", "**a**", "**e**", "**:**", "urn:**", "**::*", "*", "?*"]) {
            it(`rejects '${pattern}'`, async () => {
                await assert.rejects(pack.configure(exempting(POLICY, pattern)), (e: unknown) => {
                    assert.ok(e instanceof AnalyzerRpcError, String(e));
                    assert.deepStrictEqual([e.code, e.details], [INVALID_ARGUMENT, `invalid policy pack configuration: ${POLICY}: exemptions[0] ('${pattern}') ` +
                        "matches every resource, which would switch a mandatory policy off; set the policy's enforcementLevel instead."]);
                    return true;
                });
            });
        }
        for (const pattern of ["urn:pulumi:prod::**", `**::${TYPE.sg}::*`, "bastion-*"]) {
            it(`accepts '${pattern}'`, async () => {
                await pack.configure(exempting(POLICY, pattern));
            });
        }
        it("accepts '**aws**' on an advisory policy (its findings stay visible)", async () => {
            await pack.configure({ [POLICY]: { enforcementLevel: "advisory", exemptions: [{ resource: "**aws**", reason: "SEC-7" }] } });
        });
    });

    describe("an exemption that matches after its expiry date", () => {
        after(async () => { await pack.configure({}); });

        it("Analyze: the finding comes back at its level with the date, and a record of the expired match when asked", async () => {
            await pack.configure({});
            const [finding] = (await pack.analyze(ssh("prod", "bastion-1"))).diagnostics.filter((d) => d.policyName === POLICY);
            await pack.configure(exempting(POLICY, "bastion-*", "2020-01-31"));
            const engine = await pack.analyze(ssh("prod", "bastion-1"));
            assert.deepStrictEqual(engine.diagnostics.filter((d) => d.policyName === POLICY), [{
                ...finding, message: `${finding.message} The exemption for 'bastion-*' (SEC-7) expired on 2020-01-31; renew it or fix the finding.`,
            }]);
            assert.deepStrictEqual([engine.exempted, engine.expired], [undefined, undefined], "no trailer for a request without our header");
            const asked = await pack.analyze(ssh("prod", "bastion-1"), { exempted: true });
            assert.deepStrictEqual(asked.diagnostics, engine.diagnostics);
            assert.deepStrictEqual(asked.exempted, []);
            assert.deepStrictEqual(asked.expired, [{ policy: POLICY, finding: finding.message, level: "mandatory",
                exemption: { kind: "config", resource: "bastion-*" }, reason: "SEC-7", expires: "2020-01-31" }]);
        });

        it("AnalyzeStack: the record names the resource; a current exemption that covers it too is named", async () => {
            const stack = [instance("prod", "legacy-app"), instance("prod", "web")];
            await pack.configure({});
            const [finding] = (await pack.analyzeStack(stack)).diagnostics.filter((d) => d.policyName === "eni-security-group-limit" && d.urn === stack[0].urn);
            await pack.configure({ "eni-security-group-limit": { exemptions: [
                { resource: "legacy-*", reason: "decommissioned", expires: "2020-01-31" },
                { resource: "**::legacy-app", reason: "renewed", expires: "2999-12-31" },
            ] } });
            const asked = await pack.analyzeStack(stack, { exempted: true });
            assert.deepStrictEqual(asked.expired, [{ policy: "eni-security-group-limit", urn: stack[0].urn, finding: finding.message, level: "mandatory",
                exemption: { kind: "config", resource: "legacy-*" }, reason: "decommissioned", expires: "2020-01-31",
                coveredBy: { kind: "config", resource: "**::legacy-app" } }]);
            assert.deepStrictEqual(asked.exempted?.map((r) => [r.urn, r.exemption]), [[stack[0].urn, { kind: "config", resource: "**::legacy-app" }]]);
        });
    });
});
