import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { JsonObject, PackClient, PolicyPackConfig, startPack } from "../../runner/analyzer-client";
import { CapturedStack, UNKNOWN, captureProgram, toAnalyzedResources, toStackResources } from "../../runner/capture";
import { catalogue, packName } from "../../policies/catalogue";
import { webTier } from "../programs/web-tier";
import { REPO } from "./pack-dirs";
import { defaultConfig, expectedInfo, sgResource, version } from "./analyzer-client-fixtures";

describe("analyzer client", function () {
    this.timeout(180_000);
    let pack: PackClient;
    let program: CapturedStack;
    const startedIn: { [k: string]: number } = {};

    before(async () => {
        const t = Date.now();
        const started = startPack(REPO).then((c) => { startedIn.pack = Date.now() - t; return c; });
        [pack, program] = await Promise.all([started, captureProgram(webTier)]);
    });

    after(async () => {
        await pack?.close();
    });

    describe("this repository's pack (generic: compared with whatever catalogue() declares)", () => {
        beforeEach(async () => { await pack.configure({}); });

        it("starts like the CLI starts it and reports its port", () => {
            assert.ok(pack.port > 0 && pack.pid > 0);
            assert.ok(startedIn.pack > 0);
            console.log(`      (pack start-up: ${startedIn.pack} ms)`);
        });

        it("GetAnalyzerInfo: pack name, package.json version, and exactly the catalogue's policies", async () => {
            const info = await pack.getAnalyzerInfo();
            assert.strictEqual(info.name, packName);
            assert.strictEqual(info.version, version);
            assert.strictEqual(info.supportsConfig, true);
            assert.deepStrictEqual(info.initialConfig, {});
            assert.deepStrictEqual(info.policies, catalogue().map(expectedInfo));
        });

        it("Configure {}: every declared policy is sent with its default level and schema defaults", async () => {
            const sent = await pack.configure({});
            assert.deepStrictEqual(sent, Object.fromEntries(catalogue().map(p => [p.name, defaultConfig(p)])));
        });

        it("Analyze: every resource of a real program is analyzed without error; diagnostics name catalogue policies", async () => {
            const names = new Set(catalogue().map(p => p.name));
            for (const r of toAnalyzedResources(program)) {
                const { diagnostics, notApplicable } = await pack.analyze(r);
                for (const d of diagnostics) {
                    assert.ok(names.has(d.policyName), d.policyName);
                    assert.strictEqual(d.policyPackName, packName);
                    assert.strictEqual(d.policyPackVersion, version);
                    assert.ok(d.enforcementLevel === "mandatory" || d.enforcementLevel === "advisory");
                    assert.ok(d.urn === undefined || d.urn === r.urn);
                }
                for (const n of notApplicable) { assert.ok(names.has(n.policyName), n.policyName); }
            }
        });

        it("Analyze: a resource type no policy knows gets no diagnostics", async () => {
            const r = await pack.analyze({ urn: "urn:pulumi:stack::project::test:index:Other::o", type: "test:index:Other", name: "o",
                properties: { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] } });
            assert.deepStrictEqual(r.diagnostics, []);
        });

        it("Configure all=disabled silences every policy; all=mandatory raises every finding to mandatory", async () => {
            const worst = sgResource({ ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
            await pack.configure({ all: "disabled" });
            assert.deepStrictEqual(await pack.analyze(worst), { diagnostics: [], notApplicable: [] });
            const sent = await pack.configure({ all: "mandatory" });
            assert.ok(Object.values(sent).every(c => c.enforcementLevel === "mandatory"));
            for (const d of (await pack.analyze(worst)).diagnostics) {
                assert.ok(d.enforcementLevel === "mandatory" || d.message.startsWith("can't run "), JSON.stringify(d));
            }
        });

        it("AnalyzeStack: only stack policies report", async () => {
            const stackPolicies = new Set(catalogue().filter(p => "validateStack" in p).map(p => p.name));
            const r = await pack.analyzeStack(toStackResources(program));
            if (stackPolicies.size === 0) {
                assert.deepStrictEqual(r, { diagnostics: [], notApplicable: [] });
            }
            for (const d of r.diagnostics) { assert.ok(stackPolicies.has(d.policyName), d.policyName); }
        });

        it("Remediate: only policies at level remediate act", async () => {
            const remediating = catalogue().filter(p => p.enforcementLevel === "remediate");
            const r = await pack.remediate(toAnalyzedResources(program)[1]);
            if (remediating.length === 0) {
                assert.deepStrictEqual(r, { remediations: [], notApplicable: [] });
            }
        });
    });

    describe("this repository's pack: policy findings over the wire", () => {
        beforeEach(async () => { await pack.configure({}); });
        const brief = (r: { diagnostics: { policyName: string; enforcementLevel: string; message: string; urn?: string; severity?: string }[] }) =>
            r.diagnostics.map(d => [d.policyName, d.enforcementLevel, d.severity, d.message.split(". ")[0]]);

        it("Analyze flags SSH from the world, and passes a clean security group", async () => {
            const bad = sgResource({ description: "bastion", ingress: [
                { description: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
            assert.deepStrictEqual(brief(await pack.analyze(bad)), [
                ["sg-no-admin-ports-from-world", "mandatory", "critical", "ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)"],
                ["sg-ingress-from-world-allowed-ports", "advisory", "medium", "ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address), which is ingress from the whole internet beyond the allowed ports"],
            ]);
            const clean = sgResource({ description: "web tier", ingress: [
                { description: "https from the ALB", protocol: "tcp", fromPort: 443, toPort: 443, securityGroups: ["sg-0alb"] }],
            egress: [{ description: "to the app tier", protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: ["sg-0app"] }] });
            assert.deepStrictEqual(await pack.analyze(clean), { diagnostics: [], notApplicable: [] });
        });

        it("Analyze: an unknown CIDR on port 22 is an advisory note from the mandatory policy, and hides nothing else", async () => {
            const r = sgResource({ description: "mixed", ingress: [
                { description: "a", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [UNKNOWN] },
                { description: "b", protocol: "tcp", fromPort: 3389, toPort: 3389, ipv6CidrBlocks: ["::/0"] }] });
            assert.deepStrictEqual(brief(await pack.analyze(r)).filter(d => d[0] === "sg-no-admin-ports-from-world"), [
                ["sg-no-admin-ports-from-world", "mandatory", "critical", "ingress[1].ipv6CidrBlocks[0] allows TCP port 3389 from ::/0 (every IPv6 address)"],
                ["sg-no-admin-ports-from-world", "advisory", "critical", "Cannot be verified at preview: ingress[0].cidrBlocks[0] is not known until the resource is created"],
            ]);
        });

        it("Configure options change the verdict: sg-egress-restricted with allowedPorts [80, 443] at mandatory", async () => {
            const r = sgResource({ description: "web", egress: [
                { description: "http out", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }] });
            assert.deepStrictEqual(brief(await pack.analyze(r)), [
                ["sg-egress-restricted", "advisory", "medium", "egress[0].cidrBlocks[0] allows TCP port 80 to 0.0.0.0/0 (every IPv4 address), which is egress to the whole internet beyond the allowed ports"],
            ]);
            await pack.configure({ "sg-egress-restricted": { enforcementLevel: "mandatory", allowedPorts: [80, 443] } });
            assert.deepStrictEqual(await pack.analyze(r), { diagnostics: [], notApplicable: [] });
        });

        it("Configure rejects maxRules x maxSecurityGroups above 1000, and the pack keeps working", async () => {
            await assert.rejects(pack.configure({ "sg-rule-quota": { maxRules: 100 }, "eni-security-group-limit": { maxSecurityGroups: 16 } }),
                (e: Error) => e.message.includes("sg-rule-quota maxRules (100) x eni-security-group-limit maxSecurityGroups (16) = 1600"));
            await pack.configure({ "sg-rule-quota": { maxRules: 62 }, "eni-security-group-limit": { maxSecurityGroups: 16 } });
        });

        it("Configure rejects an unknown option and a reversed port range, naming the policy and the option", async () => {
            await assert.rejects(pack.configure({ "sg-egress-restricted": { allowedPort: [443] } }),
                (e: Error) => e.message.includes("sg-egress-restricted: unknown option 'allowedPort'"));
            await assert.rejects(pack.configure({ "nacl-ephemeral-return-traffic": { ephemeralPorts: "65535-1024" } }),
                (e: Error) => e.message.includes("nacl-ephemeral-return-traffic: ephemeralPorts (\"65535-1024\") should be a port range"));
        });

        it("Configure rejects an out-of-range port in a policy's config, naming the policy and key", async () => {
            await assert.rejects(pack.configure({ "sg-no-admin-ports-from-world": { ports: [70000] } }),
                (e: Error) => /sg-no-admin-ports-from-world/.test(e.message) && /ports/.test(e.message));
        });
    });

    describe("this repository's pack: team configuration over the wire", () => {
        const config = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO, "examples", "config", `${name}.json`), "utf8")) as PolicyPackConfig;
        const levelsOf = (r: { diagnostics: { policyName: string; enforcementLevel: string }[] }) => r.diagnostics.map((d) => [d.policyName, d.enforcementLevel]);
        const wideOpen = sgResource({ description: "d", ingress: [{ description: "app", protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["0.0.0.0/0"] }],
            egress: [{ description: "web", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }] }, "bastion-1");
        after(async () => {
            await pack.configure({});
            await pack.configureStack({ stack: "stack", project: "project" });
        });

        it("examples/config/baseline.json sends exactly the defaults", async () => {
            assert.deepStrictEqual(await pack.configure(config("baseline")), await pack.configure({}));
        });

        it("examples/config/strict.json makes egress and world ingress mandatory", async () => {
            await pack.configure(config("strict"));
            assert.deepStrictEqual(levelsOf(await pack.analyze(wideOpen)), [
                ["sg-egress-restricted", "mandatory"], ["sg-ingress-from-world-allowed-ports", "mandatory"],
            ]);
        });

        it("examples/config/migration.json makes everything advisory", async () => {
            await pack.configure(config("migration"));
            const ssh = sgResource({ description: "d", ingress: [{ description: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
            assert.deepStrictEqual(levelsOf(await pack.analyze(ssh)), [
                ["sg-no-admin-ports-from-world", "advisory"], ["sg-ingress-from-world-allowed-ports", "advisory"],
            ]);
        });

        it("exemptions: a glob over names exempts until it expires, then the finding names the exemption", async () => {
            const exempt = (expires: string) => pack.configure({ "sg-ingress-from-world-allowed-ports": { exemptions: [{ resource: "bastion-*", reason: "SEC-7", expires }] } });
            await pack.configure({});
            const [finding] = (await pack.analyze(wideOpen)).diagnostics.filter((d) => d.policyName === "sg-ingress-from-world-allowed-ports");
            await exempt("2999-12-31");
            const exempted = await pack.analyze(wideOpen);
            assert.deepStrictEqual(levelsOf(exempted), [["sg-egress-restricted", "advisory"], ["sg-ingress-from-world-allowed-ports", "advisory"]]);
            assert.strictEqual(exempted.diagnostics[1].message,
                `Exempted advisory finding of sg-ingress-from-world-allowed-ports (exemption 'bastion-*'; reason: SEC-7; expires 2999-12-31): ${finding.message}`);
            await exempt("2000-01-01");
            const findings = (await pack.analyze(wideOpen)).diagnostics.filter((d) => d.policyName === "sg-ingress-from-world-allowed-ports");
            assert.strictEqual(findings.length, 1);
            assert.ok(findings[0].message.endsWith("The exemption for 'bastion-*' (SEC-7) expired on 2000-01-01; renew it or fix the finding."), findings[0].message);
        });

        it("exemptions: a tag exempts only when an admin names its key, and its value carries the expiry and reason", async () => {
            const tagged = (key: string) => sgResource({ ...(wideOpen.properties as JsonObject), tags: { [key]: "2999-12-31: proxy host SEC-9" } }, "proxy");
            const egress = async (key: string) => (await pack.analyze(tagged(key))).diagnostics.filter((d) => d.policyName === "sg-egress-restricted");
            await pack.configure({});
            const [plain] = await egress("guardrails-exempt:sg-egress-restricted");
            assert.strictEqual(plain.enforcementLevel, "advisory");
            assert.ok(!plain.message.startsWith("Exempted"), `tag exemptions are off by default: ${plain.message}`);
            await pack.configure({ "sg-egress-restricted": { exemptionTag: "security-exception" } });
            assert.deepStrictEqual((await egress("security-exception")).map((d) => [d.enforcementLevel, d.message]), [["advisory",
                `Exempted advisory finding of sg-egress-restricted (tag 'security-exception' on the resource; reason: proxy host SEC-9; expires 2999-12-31): ${plain.message}`]]);
        });

        it("stack tags: a policy scoped to production runs only on stacks tagged so", async () => {
            await pack.configure({ "sg-egress-restricted": { stackTags: { environment: "production" } } });
            await pack.configureStack({ stack: "dev", project: "app", tags: { environment: "dev" } });
            assert.deepStrictEqual(levelsOf(await pack.analyze(wideOpen)), [["sg-ingress-from-world-allowed-ports", "advisory"]]);
            await pack.configureStack({ stack: "prod", project: "app", tags: { environment: "production" } });
            assert.deepStrictEqual(levelsOf(await pack.analyze(wideOpen)), [["sg-egress-restricted", "advisory"], ["sg-ingress-from-world-allowed-ports", "advisory"]]);
        });

        it("Remediate: sg-default-denies-all empties the default group; sg-no-admin-ports-from-world drops only the world's block", async () => {
            await pack.configure({ "sg-default-denies-all": "remediate", "sg-no-admin-ports-from-world": "remediate" });
            const DEFAULT = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
            const dflt = await pack.remediate({ urn: `urn:pulumi:stack::project::${DEFAULT}::default`, type: DEFAULT, name: "default",
                properties: { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] } });
            assert.deepStrictEqual(dflt.remediations.map((r) => [r.policyName, r.properties]), [["sg-default-denies-all", { vpcId: "vpc-1", ingress: [], egress: [] }]]);
            const ssh = await pack.remediate(sgResource({ description: "d", ingress: [{ description: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0", "203.0.113.0/24"] }] }));
            assert.deepStrictEqual(ssh.remediations.map((r) => [r.policyName, r.properties]), [["sg-no-admin-ports-from-world",
                { description: "d", ingress: [{ description: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.0/24"] }] }]]);
        });
    });
});
