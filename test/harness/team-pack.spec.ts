import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { AnalyzedResource, PackClient, startPack } from "../../runner/analyzer-client";
import { REPO } from "./pack-dirs";
import { TYPE } from "../util/types";

const DIR = path.join(REPO, "examples", "team-pack");
const LINK = path.join(DIR, "node_modules");
const SG = TYPE.sg;
const sg = (name: string, props: Record<string, unknown>): AnalyzedResource =>
    ({ urn: `urn:pulumi:prod::app::${SG}::${name}`, type: SG, name, properties: props as AnalyzedResource["properties"] });

describe("examples/team-pack: a pack composed with createPack, over the Analyzer protocol", function () {
    this.timeout(180_000);
    let pack: PackClient;
    before(async () => {
        if (!fs.existsSync(LINK)) {
            fs.symlinkSync(path.join(REPO, "node_modules"), LINK, "dir");
        }
        pack = await startPack(DIR);
        await pack.configure({});
    });
    after(async () => {
        await pack?.close();
        fs.rmSync(LINK, { force: true });
    });

    it("advertises the team's name, levels and initial configuration", async () => {
        const info = await pack.getAnalyzerInfo();
        assert.strictEqual(info.name, "team-guardrails");
        assert.strictEqual(info.version, "1.0.0");
        const levels = Object.fromEntries(info.policies.map((p) => [p.name, p.enforcementLevel]));
        assert.strictEqual(levels["sg-egress-restricted"], "mandatory");
        assert.strictEqual(levels["sg-descriptions"], "advisory");
        assert.strictEqual(levels["sg-unused"], "advisory");
        assert.deepStrictEqual(Object.keys(info.initialConfig).sort(), ["eni-security-group-limit", "sg-egress-restricted", "sg-no-admin-ports-from-world"]);
    });

    it("applies the team's options: egress on 8443 passes, on 80 blocks", async () => {
        const egress = (port: number) => sg(`svc-${port}`, { description: "svc", egress: [{ description: "out", protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] }] });
        assert.deepStrictEqual((await pack.analyze(egress(8443))).diagnostics, []);
        const blocked = (await pack.analyze(egress(80))).diagnostics.map((d) => [d.policyName, d.enforcementLevel]);
        assert.deepStrictEqual(blocked, [["sg-egress-restricted", "mandatory"]]);
    });

    it("honours the exemption it ships with, and only for the matching resource: the exempted finding comes back advisory", async () => {
        const ssh = (name: string) => sg(name, { description: "d", ingress: [{ description: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
        const levels = async (name: string) => (await pack.analyze(ssh(name))).diagnostics.map((d) => [d.policyName, d.enforcementLevel]);
        const bastion = (await pack.analyze(ssh("bastion"))).diagnostics;
        assert.deepStrictEqual(bastion.map((d) => [d.policyName, d.enforcementLevel]),
            [["sg-no-admin-ports-from-world", "mandatory"], ["sg-ingress-from-world-allowed-ports", "mandatory"]]);
        // The example's exemption ends on 2027-03-31 (UTC); after that day the finding is mandatory again.
        if (new Date().toISOString().slice(0, 10) > "2027-03-31") {
            assert.deepStrictEqual(await levels("vendor-appliance-1"), [["sg-no-admin-ports-from-world", "mandatory"], ["sg-ingress-from-world-allowed-ports", "mandatory"]]);
            return;
        }
        const vendor = (await pack.analyze(ssh("vendor-appliance-1"))).diagnostics;
        assert.deepStrictEqual(vendor.map((d) => [d.policyName, d.enforcementLevel]), [["sg-no-admin-ports-from-world", "advisory"], ["sg-ingress-from-world-allowed-ports", "mandatory"]]);
        assert.strictEqual(vendor[0].message, "Exempted mandatory finding of sg-no-admin-ports-from-world (exemption 'vendor-appliance-*'; " +
            `reason: VEND-42: replaced in Q1; expires 2027-03-31): ${bastion[0].message}`);
    });
});
