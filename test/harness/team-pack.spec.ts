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

    it("honours the exemption it ships with, and only for the matching resource", async () => {
        const ssh = (name: string) => sg(name, { description: "d", ingress: [{ description: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
        const names = async (name: string) => (await pack.analyze(ssh(name))).diagnostics.map((d) => d.policyName);
        assert.deepStrictEqual(await names("vendor-appliance-1"), ["sg-ingress-from-world-allowed-ports"]);
        assert.deepStrictEqual(await names("bastion"), ["sg-no-admin-ports-from-world", "sg-ingress-from-world-allowed-ports"]);
    });
});
