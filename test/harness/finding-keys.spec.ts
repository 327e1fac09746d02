/**
 * Over the Analyzer protocol, the pack started as the CLI starts it: with the records asked for,
 * Analyze and AnalyzeStack send one key per diagnostic (policy, URN, message, kind, path), and
 * nothing when they are not asked for, as the engine never asks.
 */
import * as assert from "assert";
import { AnalyzedResource, PackClient, StackResource, startPack } from "../../runner/analyzer-client";
import { TYPE } from "../util/types";
import { REPO } from "./pack-dirs";

const WEB = `urn:pulumi:stack::project::${TYPE.sg}::web`;
const ssh = (cidr: string, port = 22) => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: [cidr], description: "r" });
const web: AnalyzedResource = { urn: WEB, type: TYPE.sg, name: "web", properties: { description: "web", ingress: [ssh("0.0.0.0/0"), ssh("0.0.0.0/0", 3389)], egress: [] } };

describe("finding keys, over the Analyzer protocol", function () {
    this.timeout(180_000);
    let pack: PackClient;
    before(async () => { pack = await startPack(REPO); });
    after(async () => { await pack?.close(); });
    beforeEach(async () => { await pack.configure({}); });

    it("Analyze: one key per diagnostic, paired by message, each rule by its own path", async () => {
        const r = await pack.analyze(web, { exempted: true });
        const admin = r.diagnostics.filter((d) => d.policyName === "sg-no-admin-ports-from-world");
        assert.strictEqual(admin.length, 2);
        assert.deepStrictEqual(r.keys?.filter((k) => k.policy === "sg-no-admin-ports-from-world"), [
            { policy: "sg-no-admin-ports-from-world", message: admin[0].message, kind: "violation", at: "ingress[0].cidrBlocks[0]" },
            { policy: "sg-no-admin-ports-from-world", message: admin[1].message, kind: "violation", at: "ingress[1].cidrBlocks[0]" },
        ]);
        assert.strictEqual(r.keys?.length, r.diagnostics.length, "one key per diagnostic");
    });

    it("AnalyzeStack: keys with the URN the finding names; none without the request header", async () => {
        const stack: StackResource[] = [{ ...web, dependencies: [], propertyDependencies: {} }];
        const r = await pack.analyzeStack(stack, { exempted: true });
        assert.deepStrictEqual(r.diagnostics.map((d) => [d.policyName, d.urn]), [["sg-unused", WEB]]);
        assert.deepStrictEqual(r.keys, [{ policy: "sg-unused", urn: WEB, message: r.diagnostics[0].message, kind: "violation" }]);
        const plain = await pack.analyze(web);
        assert.strictEqual(plain.keys, undefined);
    });
});
