// Exemptions and strict configuration over the Analyzer protocol: the pack started as the CLI
// starts it. Configure rejections come back as INVALID_ARGUMENT; an exempted finding comes back
// as an advisory diagnostic from Analyze and AnalyzeStack, and its record only when the request
// asks for it (the engine never does).
import * as assert from "assert";
import * as path from "path";
import { AnalyzedResource, AnalyzerRpcError, Diagnostic, JsonObject, PackClient, StackResource, startPack } from "../../runner/analyzer-client";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { pairExempted } from "../../cli/exempted";
import { encodeConfigure, renameKey } from "../util/configure-bytes";
import { REPO, packWith, removeDir } from "./pack-dirs";
import { TYPE } from "../util/types";

const INVALID_ARGUMENT = 3;
const ssh = (name: string, tags?: JsonObject): AnalyzedResource => ({
    urn: `urn:pulumi:prod::app::${TYPE.sg}::${name}`, type: TYPE.sg, name,
    properties: { description: "d", ingress: [{ description: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }], ...(tags ? { tags } : {}) },
});
const instance = (name: string): StackResource => ({
    urn: `urn:pulumi:prod::app::${TYPE.instance}::${name}`, type: TYPE.instance, name,
    properties: { vpcSecurityGroupIds: ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"] }, dependencies: [], propertyDependencies: {},
});
const of = (ds: Diagnostic[], policy: string) => ds.filter((d) => d.policyName === policy);

/** Asserts that the call fails with INVALID_ARGUMENT and exactly this message. */
async function rejected(call: Promise<unknown>, message: string): Promise<void> {
    await assert.rejects(call, (e: unknown) => {
        assert.ok(e instanceof AnalyzerRpcError, String(e));
        assert.deepStrictEqual([e.code, e.details], [INVALID_ARGUMENT, `invalid policy pack configuration: ${message}`]);
        return true;
    });
}

describe("exemptions and configuration over the Analyzer protocol", function () {
    this.timeout(180_000);
    let pack: PackClient;
    before(async () => { pack = await startPack(REPO); });
    after(async () => { await pack?.close(); });

    describe("Configure rejects, naming the policy and the option", () => {
        after(async () => { await pack.configure({}); });
        const cases: [string, () => Promise<unknown>, string][] = [
            ["a policy name the pack does not have, with the closest one", () => pack.configure({ "sg-egress-restrictd": "mandatory" }),
                "sg-egress-restrictd: this pack has no policy of that name; did you mean 'sg-egress-restricted'?"],
            ["an exemption from a mandatory policy without expires",
                () => pack.configure({ "sg-no-admin-ports-from-world": { exemptions: [{ resource: "bastion-*", reason: "SEC-7" }] } }),
                "sg-no-admin-ports-from-world: exemptions[0] ('bastion-*') has no expires date, which every exemption from a mandatory policy needs (YYYY-MM-DD)."],
            ["a glob that matches every resource on a mandatory policy",
                () => pack.configure({ "sg-no-admin-ports-from-world": { exemptions: [{ resource: "**", reason: "SEC-7", expires: "2999-12-31" }] } }),
                "sg-no-admin-ports-from-world: exemptions[0] ('**') matches every resource, which would switch a mandatory policy off; set the policy's enforcementLevel instead."],
            ["an impossible expiry date", () => pack.configure({ "sg-unused": { exemptions: [{ resource: "legacy-*", reason: "r", expires: "2099-02-30" }] } }),
                "sg-unused: exemptions[0].expires (\"2099-02-30\") is not a date YYYY-MM-DD."],
            ["`constructor` as an option", () => pack.configure({ "sg-unused": { constructor: "x" } }),
                "sg-unused: unknown option 'constructor' (known: exemptions, exemptionTag, stackTags)."],
            ["`__proto__` as an option (encoded as the Go engine would; the protobuf library here cannot hold the key)",
                () => pack.sendConfigureBytes(renameKey(encodeConfigure({ "sg-unused": { level: apb.EnforcementLevel.ADVISORY, properties: { __PROTO__: { exemptions: [] } } } }),
                    "__PROTO__", "__proto__")),
                "sg-unused: unknown option '__proto__' (known: exemptions, exemptionTag, stackTags)."],
            ["`__proto__` as a policy name",
                () => pack.sendConfigureBytes(renameKey(encodeConfigure({ __PROTO__: { level: apb.EnforcementLevel.MANDATORY, properties: {} } }), "__PROTO__", "__proto__")),
                "__proto__: this pack has no policy of that name; did you mean 'sg-unused'?"],
            ["an exemption with an extra key (sent as another engine might, without schema validation)",
                () => pack.sendConfigure({ "sg-unused": { enforcementLevel: "advisory", properties: { exemptions: [{ resource: "legacy-*", reason: "r", owner: "team-a" }] } } }),
                "sg-unused: exemptions[0] has an unknown key 'owner' (known: resource, reason, expires)."],
            ["an option under `all`", () => pack.configure({ all: { enforcementLevel: "mandatory", allowedPorts: [443] } }),
                "all: sets only the enforcement level of every policy, so option 'allowedPorts' would apply to none; set it under each policy's name."],
        ];
        for (const [what, call, message] of cases) {
            it(what, () => rejected(call(), message));
        }

        it("accepts `all`, and keeps working after a rejection", async () => {
            await pack.configure({ all: "advisory" });
            assert.deepStrictEqual(of((await pack.analyze(ssh("web"))).diagnostics, "sg-no-admin-ports-from-world").map((d) => d.enforcementLevel), ["advisory"]);
        });
    });

    describe("an exempted finding", () => {
        after(async () => { await pack.configure({}); });

        it("Analyze: comes back as an advisory diagnostic naming policy, level, exemption, reason and expiry; its record only when asked", async () => {
            await pack.configure({});
            const [finding] = of((await pack.analyze(ssh("bastion-1"))).diagnostics, "sg-no-admin-ports-from-world");
            assert.strictEqual(finding.enforcementLevel, "mandatory");
            await pack.configure({ "sg-no-admin-ports-from-world": { exemptions: [{ resource: "bastion-*", reason: "SEC-7 vendor appliance", expires: "2999-12-31" }] } });
            const message = `Exempted mandatory finding of sg-no-admin-ports-from-world (exemption 'bastion-*'; reason: SEC-7 vendor appliance; expires 2999-12-31): ${finding.message}`;

            const engine = await pack.analyze(ssh("bastion-1"));
            assert.deepStrictEqual(of(engine.diagnostics, "sg-no-admin-ports-from-world"), [{ ...finding, enforcementLevel: "advisory", message }]);
            assert.strictEqual(engine.exempted, undefined, "no trailer for a request without our header");

            const asked = await pack.analyze(ssh("bastion-1"), { exempted: true });
            assert.deepStrictEqual(asked.diagnostics, engine.diagnostics);
            assert.deepStrictEqual(asked.exempted, [{
                policy: "sg-no-admin-ports-from-world", message, finding: finding.message, level: "mandatory",
                exemption: { kind: "config", resource: "bastion-*" }, reason: "SEC-7 vendor appliance", expires: "2999-12-31",
            }]);
            assert.deepStrictEqual((await pack.analyze(ssh("web"), { exempted: true })).exempted, [], "asked, with nothing exempted");
        });

        it("AnalyzeStack: the same, with the record naming the resource; the level is the one Configure gave", async () => {
            const stack = [instance("legacy-app"), instance("web")];
            await pack.configure({});
            const [finding] = of((await pack.analyzeStack(stack)).diagnostics, "eni-security-group-limit").filter((d) => d.urn === stack[0].urn);
            assert.strictEqual(finding.enforcementLevel, "mandatory");

            await pack.configure({ "eni-security-group-limit": { exemptions: [{ resource: "legacy-*", reason: "decommissioned in Q1", expires: "2999-12-31" }] } });
            const message = `Exempted mandatory finding of eni-security-group-limit (exemption 'legacy-*'; reason: decommissioned in Q1; expires 2999-12-31): ${finding.message}`;
            const engine = await pack.analyzeStack(stack);
            assert.deepStrictEqual(of(engine.diagnostics, "eni-security-group-limit").map((d) => [d.urn, d.enforcementLevel, d.urn === stack[0].urn ? d.message : "-"]), [
                [stack[0].urn, "advisory", message], [stack[1].urn, "mandatory", "-"],
            ]);
            assert.strictEqual(engine.exempted, undefined);
            const asked = await pack.analyzeStack(stack, { exempted: true });
            assert.deepStrictEqual(asked.diagnostics, engine.diagnostics);
            assert.deepStrictEqual(asked.exempted, [{
                policy: "eni-security-group-limit", urn: stack[0].urn, message, finding: finding.message, level: "mandatory",
                exemption: { kind: "config", resource: "legacy-*" }, reason: "decommissioned in Q1", expires: "2999-12-31",
            }]);

            await pack.configure({ "eni-security-group-limit": { enforcementLevel: "advisory", exemptions: [{ resource: "legacy-*", reason: "decommissioned" }] } });
            assert.deepStrictEqual(of((await pack.analyzeStack(stack)).diagnostics, "eni-security-group-limit").filter((d) => d.urn === stack[0].urn).map((d) => d.message),
                [`Exempted advisory finding of eni-security-group-limit (exemption 'legacy-*'; reason: decommissioned; no expiry date): ${finding.message}`]);
        });

        it("AnalyzeStack: many records come back whole across pages of the size the client asks for", async () => {
            const stack = Array.from({ length: 300 }, (_, i) => instance(`legacy-${i}`));
            await pack.configure({ "eni-security-group-limit": { exemptions: [{ resource: "legacy-*", reason: "decommissioned in Q1", expires: "2999-12-31" }] } });
            const small = await pack.analyzeStack(stack, { exempted: true, exemptedPageBytes: 64 });
            const large = await pack.analyzeStack(stack, { exempted: true });
            assert.strictEqual(small.exempted?.length, 300);
            assert.deepStrictEqual(small.exempted, large.exempted);
            const paired = pairExempted(small.diagnostics, small.exempted, "AnalyzeStack");
            assert.deepStrictEqual([paired.exempted.length, of(paired.findings, "eni-security-group-limit").length], [300, 0]);
        });

        it("a single `*` stays within one URN part; `**` crosses parts", async () => {
            const level = async (resource: string) => {
                await pack.configure({ "sg-no-admin-ports-from-world": { exemptions: [{ resource, reason: "r", expires: "2999-12-31" }] } });
                return of((await pack.analyze(ssh("bastion-1"))).diagnostics, "sg-no-admin-ports-from-world").map((d) => d.enforcementLevel);
            };
            assert.deepStrictEqual(await level("*::bastion-1"), ["mandatory"]);
            assert.deepStrictEqual(await level("**::bastion-1"), ["advisory"]);
            assert.deepStrictEqual(await level(`urn:pulumi:prod::app::*::bastion-?`), ["advisory"]);
        });

        it("a tag whose expiry has passed is a violation at the policy's level, and the finding stays", async () => {
            await pack.configure({ "sg-no-admin-ports-from-world": { exemptionTag: "security-exception" } });
            const ds = of((await pack.analyze(ssh("bastion-1", { "security-exception": "2020-01-31: SEC-7" }), { exempted: true })).diagnostics, "sg-no-admin-ports-from-world");
            assert.deepStrictEqual(ds.map((d) => [d.enforcementLevel, d.message.split(", so")[0]]), [
                ["mandatory", "The exemption tag tags[\"security-exception\"] on this resource expired on 2020-01-31 (SEC-7)"],
                ["mandatory", ds[1].message.split(", so")[0]],
            ]);
            assert.ok(!ds[1].message.startsWith("Exempted"), ds[1].message);
        });
    });
});

describe("a team's pack with a policy of its own, over the Analyzer protocol", function () {
    this.timeout(180_000);
    let dir: string;
    let pack: PackClient;
    before(async () => {
        dir = packWith("team-extra", "A team's pack with a policy of its own.", "index.ts", [
            `import { createPack } from ${JSON.stringify(path.join(REPO, "dist", "policies", "core", "compose"))};`,
            `import { servePolicyPack } from ${JSON.stringify(path.join(REPO, "dist", "policies", "core", "server-hooks"))};`,
            "const { policies, initialConfig } = createPack({ all: \"mandatory\" });",
            "servePolicyPack(\"team-extra\", { policies: [...policies, {",
            "    name: \"team-no-public-buckets\", description: \"Buckets are private.\", enforcementLevel: \"advisory\",",
            "    validateResource: (args, report) => { if (args.type === \"aws:s3/bucket:Bucket\" && args.props.acl === \"public-read\") { report(\"public\"); } },",
            "}] }, initialConfig);",
        ]);
        pack = await startPack(dir);
    });
    after(async () => {
        await pack?.close();
        removeDir(dir);
    });

    it("accepts the team's own policy name and its options", async () => {
        await pack.configure({ "team-no-public-buckets": { enforcementLevel: "mandatory", allowList: ["logs"] } });
        const bucket = { urn: "urn:pulumi:prod::app::aws:s3/bucket:Bucket::site", type: "aws:s3/bucket:Bucket", name: "site", properties: { acl: "public-read" } };
        assert.deepStrictEqual((await pack.analyze(bucket)).diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["team-no-public-buckets", "mandatory"]]);
    });

    it("rejects a typo of it, suggesting it; and a typo of one of ours", async () => {
        await rejected(pack.configure({ "team-no-public-bucket": "mandatory" }),
            "team-no-public-bucket: this pack has no policy of that name; did you mean 'team-no-public-buckets'?");
        await rejected(pack.configure({ "sg-egress-restrictd": "mandatory" }),
            "sg-egress-restrictd: this pack has no policy of that name; did you mean 'sg-egress-restricted'?");
    });

    it("takes the levels the team's pack declares: its `all: mandatory` makes an open-ended exemption invalid", async () => {
        await rejected(pack.configure({ "sg-unused": { exemptions: [{ resource: "legacy-*", reason: "r" }] } }),
            "sg-unused: exemptions[0] ('legacy-*') has no expires date, which every exemption from a mandatory policy needs (YYYY-MM-DD).");
    });
});
