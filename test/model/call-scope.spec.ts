import * as assert from "assert";
import * as path from "path";
import { setImmediate as tick } from "timers/promises";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { inCallScope, sharedInCall } from "../../policies/model/call-scope";
import { withServerHooks } from "../../policies/core/server-hooks";
import { securityGroupRules } from "../../policies/model/sg-rules";
import { TYPE } from "../util/types";

// The gRPC library @pulumi/policy serves with: the one withServerHooks wraps.
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/policy"))] })) as typeof import("@grpc/grpc-js");

/** Reads `key` twice in the current call, with an await in between, as a policy after another would. */
async function twoPolicies(key: string, build: () => number): Promise<[number, number]> {
    const first = sharedInCall(key, build);
    await tick();
    return [first, sharedInCall(key, build)];
}

describe("sharing within one Analyzer call", () => {
    it("builds a value once per call, for every policy of the call", async () => {
        let builds = 0;
        const seen = await inCallScope(() => twoPolicies("model", () => ++builds));
        assert.deepStrictEqual(seen, [1, 1]);
        assert.strictEqual(builds, 1);
    });

    it("never shares between two calls running at the same time", async () => {
        let builds = 0;
        const seen = await Promise.all([
            inCallScope(() => twoPolicies("model", () => ++builds)),
            inCallScope(() => twoPolicies("model", () => ++builds)),
        ]);
        assert.deepStrictEqual(seen, [[1, 1], [2, 2]]);
    });

    it("shares nothing outside a call: a policy called directly builds its own", async () => {
        let builds = 0;
        assert.deepStrictEqual(await twoPolicies("model", () => ++builds), [1, 2]);
    });

    it("shares a resource's rules only with that resource: two groups read in one call each get their own", () => {
        const group = (name: string, port: number) => ({ urn: `urn:pulumi:s::p::${TYPE.sg}::${name}`, name, type: TYPE.sg,
            props: { description: "d", ingress: [{ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["10.0.0.0/8"] }] } });
        const ports = inCallScope(() => [group("a", 22), group("b", 443)].map((g) => securityGroupRules(g)?.rules.map((r) => r.ports)));
        assert.deepStrictEqual(ports, [[{ from: 22, to: 22 }], [{ from: 443, to: 443 }]]);
    });

    it("keeps nothing when the build throws, so the next policy meets the same error", () => {
        let builds = 0;
        const failing = () => { builds++; throw new Error("bad props"); };
        inCallScope(() => {
            assert.throws(() => sharedInCall("model", failing), /bad props/);
            assert.throws(() => sharedInCall("model", failing), /bad props/);
        });
        assert.strictEqual(builds, 2);
    });
});

describe("the pack's gRPC handlers", () => {
    let server: InstanceType<typeof grpc.Server>;
    let client: analyzerGrpc.AnalyzerClient;
    const builds: Record<string, number> = { analyze: 0, analyzeStack: 0, remediate: 0 };

    before(async () => {
        server = new grpc.Server();
        const handler = (rpc: string) => (_call: unknown, callback: (err: null, res: unknown) => void) => {
            void twoPolicies(rpc, () => ++builds[rpc]).then(() => callback(null, rpc === "remediate" ? new apb.RemediateResponse() : new apb.AnalyzeResponse()));
        };
        withServerHooks(() => server.addService(analyzerGrpc.AnalyzerService as never, {
            analyze: handler("analyze"), analyzeStack: handler("analyzeStack"), remediate: handler("remediate"),
        }), () => []);
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
        client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure() as never);
    });

    after(() => {
        client.close();
        server.forceShutdown();
    });

    const unary = <Req>(fn: (req: Req, cb: (err: Error | null) => void) => unknown, req: Req) =>
        new Promise<void>((resolve, reject) => { fn(req, (err) => (err ? reject(err) : resolve())); });

    it("run each Analyze and AnalyzeStack call in its own scope: one build per call, even when calls overlap", async () => {
        await Promise.all([
            unary(client.analyze.bind(client), new apb.AnalyzeRequest()),
            unary(client.analyze.bind(client), new apb.AnalyzeRequest()),
            unary(client.analyzeStack.bind(client), new apb.AnalyzeStackRequest()),
        ]);
        assert.deepStrictEqual({ analyze: builds.analyze, analyzeStack: builds.analyzeStack }, { analyze: 2, analyzeStack: 1 });
    });

    it("leave Remediate unscoped: there each policy sees the props the previous one left", async () => {
        await unary(client.remediate.bind(client), new apb.AnalyzeRequest());
        assert.strictEqual(builds.remediate, 2);
    });
});
