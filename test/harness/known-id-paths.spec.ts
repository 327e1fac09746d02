/**
 * Over the Analyzer protocol, the pack started as the CLI starts it: AnalyzeStack on real programs
 * captured as an update (IDs and computed outputs known) and as a first preview. An internet path
 * linked by known IDs is the same path as one linked by dependencies.
 */
import * as assert from "assert";
import { AnalyzeResult, PackClient, startPack } from "../../runner/analyzer-client";
import { captureProgram, toStackResources } from "../../runner/capture";
import { KNOWN_IDS, KNOWN_OUTPUTS, mainTableRoute, nlbForwardingSsh } from "../programs/known-id-paths";
import { REPO } from "./pack-dirs";

/** [policy, level, first clause, resource name] of the admin-ports findings. */
function adminPorts(r: AnalyzeResult): [string, string, string, string | undefined][] {
    return r.diagnostics.filter((d) => d.policyName === "admin-ports-not-reachable-from-internet")
        .map((d) => [d.policyName, d.enforcementLevel, d.message.split(": ")[0], d.urn?.split("::").pop()]);
}

describe("analyzer protocol: internet paths linked by known IDs (AnalyzeStack, update and first preview)", function () {
    this.timeout(180_000);
    let pack: PackClient;
    const analyze = async (program: () => void, preview: boolean) => pack.analyzeStack(toStackResources(await captureProgram(program,
        preview ? { preview } : { preview, ids: (_type, name) => KNOWN_IDS[name], outputs: (_type, name) => KNOWN_OUTPUTS[name] })));

    before(async () => {
        pack = await startPack(REPO);
        await pack.configure({});
    });

    after(async () => {
        await pack?.close();
    });

    it("a route added to the VPC's main table (routeTableId: vpc.mainRouteTableId) makes the instance reachable", async () => {
        const expected = [["admin-ports-not-reachable-from-internet", "mandatory", "aws.ec2.Instance 'vm' is reachable from the internet over IPv4 on SSH (TCP port 22)", "vm"]];
        assert.deepStrictEqual([adminPorts(await analyze(mainTableRoute, false)), adminPorts(await analyze(mainTableRoute, true))], [expected, expected]);
    });

    it("a listener that names its target group by ARN forwards SSH from the internet to the instance", async () => {
        const expected = [["admin-ports-not-reachable-from-internet", "mandatory",
            "aws.ec2.Instance 'ops' is reachable from the internet through aws.lb.LoadBalancer 'nlb' over IPv4 on SSH (TCP port 22)", "ops"]];
        assert.deepStrictEqual([adminPorts(await analyze(nlbForwardingSsh, false)), adminPorts(await analyze(nlbForwardingSsh, true))], [expected, expected]);
    });
});
