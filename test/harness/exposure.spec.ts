/**
 * The exposure policies over the Analyzer protocol: the pack started as the CLI starts it, its
 * policies as GetAnalyzerInfo lists them, Configure with the admin-port option, and AnalyzeStack fed
 * with a real program captured under mocks at a first preview (every ID unknown).
 */
import * as assert from "assert";
import { AnalyzeResult, PackClient, startPack } from "../../runner/analyzer-client";
import { captureProgram, toStackResources } from "../../runner/capture";
import { internetPaths } from "../programs/internet-paths";
import { TYPE } from "../util/types";
import { REPO } from "./pack-dirs";

const urn = (type: string, name: string) => `urn:pulumi:stack::project::${type}::${name}`;
const POLICIES = ["db-not-reachable-from-internet", "compute-reachable-only-through-load-balancers", "admin-ports-not-reachable-from-internet"];

/** [policy, level, severity, first clause, urn] of the exposure policies' diagnostics. */
function exposure(r: AnalyzeResult): [string, string, string | undefined, string, string | undefined][] {
    return r.diagnostics.filter((d) => POLICIES.includes(d.policyName))
        .map((d) => [d.policyName, d.enforcementLevel, d.severity, d.message.split(": route:")[0], d.urn]);
}

describe("analyzer protocol: paths from the internet (AnalyzeStack)", function () {
    this.timeout(180_000);
    let pack: PackClient;

    before(async () => {
        pack = await startPack(REPO);
    });

    after(async () => {
        await pack?.close();
    });

    it("GetAnalyzerInfo lists the three policies with their levels and the admin policy's ports option", async () => {
        const info = await pack.getAnalyzerInfo();
        const listed = info.policies.filter((p) => POLICIES.includes(p.name));
        assert.deepStrictEqual(listed.map((p) => [p.name, p.enforcementLevel]), [
            ["db-not-reachable-from-internet", "mandatory"],
            ["compute-reachable-only-through-load-balancers", "advisory"],
            ["admin-ports-not-reachable-from-internet", "mandatory"],
        ]);
        const admin = listed[2].configSchema?.properties as Record<string, { default?: unknown }> | undefined;
        assert.deepStrictEqual(admin?.["ports"]?.default, []);
    });

    it("a real program at a first preview: each path reported on the resource it reaches, at its level", async () => {
        await pack.configure({});
        const stack = toStackResources(await captureProgram(internetPaths, { preview: true }));
        assert.deepStrictEqual(exposure(await pack.analyzeStack(stack)), [
            ["db-not-reachable-from-internet", "mandatory", "critical", "aws.rds.Instance 'reports' is reachable from the internet on TCP port 5432 (IPv4)",
                urn(TYPE.rdsInstance, "reports")],
            ["compute-reachable-only-through-load-balancers", "advisory", "medium",
                "aws.ecs.Service 'api' is reachable from the internet directly, not through a load balancer, on TCP port 8443 (IPv4)", urn(TYPE.ecsService, "api")],
            ["compute-reachable-only-through-load-balancers", "advisory", "medium",
                "aws.ec2.Instance 'bastion' is reachable from the internet directly, not through a load balancer, on TCP port 22 (IPv4)", urn(TYPE.instance, "bastion")],
            ["admin-ports-not-reachable-from-internet", "mandatory", "critical",
                "aws.ec2.Instance 'ops' is reachable from the internet through aws.lb.LoadBalancer 'nlb' over IPv4 on SSH (TCP port 22)", urn(TYPE.instance, "ops")],
            ["admin-ports-not-reachable-from-internet", "mandatory", "critical",
                "aws.ec2.Instance 'bastion' is reachable from the internet over IPv4 on SSH (TCP port 22)", urn(TYPE.instance, "bastion")],
        ]);
    });

    it("Configure: a configured admin port adds the ECS service's 8443; the level set to advisory reports the same paths as advisory", async () => {
        const stack = toStackResources(await captureProgram(internetPaths, { preview: true }));
        await pack.configure({ "admin-ports-not-reachable-from-internet": { enforcementLevel: "advisory", ports: [8443] } });
        const admin = exposure(await pack.analyzeStack(stack)).filter((d) => d[0] === "admin-ports-not-reachable-from-internet");
        assert.deepStrictEqual(admin.map((d) => [d[1], d[3]]), [
            ["advisory", "aws.ecs.Service 'api' is reachable from the internet over IPv4 on TCP port 8443"],
            ["advisory", "aws.ec2.Instance 'ops' is reachable from the internet through aws.lb.LoadBalancer 'nlb' over IPv4 on SSH (TCP port 22)"],
            ["advisory", "aws.ec2.Instance 'bastion' is reachable from the internet over IPv4 on SSH (TCP port 22)"],
        ]);
        await pack.configure({});
    });

    it("Configure rejects an admin port out of range, naming the policy and the option", async () => {
        await assert.rejects(pack.configure({ "admin-ports-not-reachable-from-internet": { ports: [70000] } }),
            (e: Error) => /admin-ports-not-reachable-from-internet/.test(e.message) && /ports/.test(e.message));
    });
});
