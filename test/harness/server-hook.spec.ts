// The server hook relies on @pulumi/policy adding its Analyzer service to a grpc-js server while
// the PolicyPack constructor runs. These tests fail when a framework upgrade breaks that: the hook
// is then either still in place after construction, or missing from the served pack's handlers.
import * as assert from "assert";
import * as path from "path";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { AnalyzedResource, AnalyzerRpcError, PackClient, startPack } from "../../runner/analyzer-client";
import { withServerHooks } from "../../policies/core/server-hooks";
import { REPO, packWith, removeDir } from "./pack-dirs";
import { TYPE } from "../util/types";

// The gRPC library @pulumi/policy serves with: the one the hook wraps.
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/policy"))] })) as typeof import("@grpc/grpc-js");

const INVALID_ARGUMENT = 3;
const ssh = (name: string): AnalyzedResource => ({
    urn: `urn:pulumi:prod::app::${TYPE.sg}::${name}`, type: TYPE.sg, name,
    properties: { description: "d", ingress: [{ description: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] },
});

/** This repository's pack, served from dist/ by servePolicyPack; it prints what addService is before and after. */
function hookReportingPack(): string {
    return packWith("server-hook", "The pack, reporting on the server hook.", "index.js", [
        "const path = require(\"path\");",
        "const grpc = require(require.resolve(\"@grpc/grpc-js\", { paths: [path.dirname(require.resolve(\"@pulumi/policy\"))] }));",
        `const { servePolicyPack } = require(${JSON.stringify(path.join(REPO, "dist", "policies", "core", "server-hooks"))});`,
        `const { catalogue, packName } = require(${JSON.stringify(path.join(REPO, "dist", "policies", "catalogue"))});`,
        "const original = grpc.Server.prototype.addService;",
        "servePolicyPack(packName, { policies: catalogue() });",
        // Printed before the port, which the server prints once it is bound.
        "console.log(`addService after construction: ${grpc.Server.prototype.addService === original ? \"the original\" : \"still wrapped\"}`);",
    ]);
}

describe("the server hook, as the framework (@pulumi/policy 1.21) constructs its server", function () {
    this.timeout(180_000);
    let dir: string;
    let pack: PackClient;
    before(async () => {
        dir = hookReportingPack();
        pack = await startPack(dir);
    });
    after(async () => {
        await pack?.close();
        removeDir(dir);
    });

    it("is gone once the PolicyPack is constructed: grpc.Server.prototype.addService is the original again", () => {
        assert.strictEqual(pack.stdout(), "addService after construction: the original\n");
    });

    it("is on the served pack's Configure: a bad configuration is rejected with INVALID_ARGUMENT", async () => {
        await assert.rejects(pack.configure({ "sg-egress-restrictd": "mandatory" }), (e: unknown) => {
            assert.ok(e instanceof AnalyzerRpcError, String(e));
            assert.deepStrictEqual([e.code, e.details], [INVALID_ARGUMENT,
                "invalid policy pack configuration: sg-egress-restrictd: this pack has no policy of that name; did you mean 'sg-egress-restricted'?"]);
            return true;
        });
    });

    it("is on the served pack's Analyze and AnalyzeStack: their exempted findings come back in trailers when asked", async () => {
        await pack.configure({ "sg-no-admin-ports-from-world": { exemptions: [{ resource: "bastion-*", reason: "SEC-7", expires: "2999-12-31" }] } });
        const analyzed = await pack.analyze(ssh("bastion-1"), { exempted: true });
        assert.deepStrictEqual(analyzed.exempted?.map((r) => [r.policy, r.level, r.reason]), [["sg-no-admin-ports-from-world", "mandatory", "SEC-7"]]);
        const stack = await pack.analyzeStack([], { exempted: true });
        assert.deepStrictEqual([stack.exempted, stack.expired], [[], []]);
    });
});

describe("withServerHooks", () => {
    const original = grpc.Server.prototype.addService;

    it("refuses a construction that adds no gRPC service, and leaves addService as it was", () => {
        assert.throws(() => withServerHooks(() => "constructed"),
            /^Error: the policy pack added no gRPC service while it was constructed, so its Configure checks and call scopes are missing$/);
        assert.strictEqual(grpc.Server.prototype.addService, original);
    });

    it("restores addService when the construction throws", () => {
        assert.throws(() => withServerHooks(() => { throw new Error("bad pack"); }), /^Error: bad pack$/);
        assert.strictEqual(grpc.Server.prototype.addService, original);
    });

    it("wraps only what is added while the construction runs", () => {
        let inside: unknown;
        const server = new grpc.Server();
        withServerHooks(() => {
            inside = grpc.Server.prototype.addService;
            server.addService(analyzerGrpc.AnalyzerService as never, {});
        });
        assert.notStrictEqual(inside, original);
        assert.strictEqual(grpc.Server.prototype.addService, original);
        server.forceShutdown();
    });
});
