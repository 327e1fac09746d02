// One deserialisation per Analyzer call (policies/core/call-args.ts, wire-request.ts): @pulumi/policy's own handlers,
// hooked as the pack serves them, in process over gRPC, once with the pack's policies (the shared
// path) and once without (the framework's own path). Counts the framework's deserialisations and
// compares what the policies see and what the calls answer.
import * as assert from "assert";
import * as path from "path";
import { setImmediate as tick } from "timers/promises";
import { Policies, PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { catalogue } from "../../policies/catalogue";
import { ownResourceValidation, ownStackValidation } from "../../policies/core/call-args";
import { Unreadable, readStackRequest } from "../../policies/core/wire-request";
import { withServerHooks } from "../../policies/core/server-hooks";
import { plainProps } from "../../policies/model/values";
import { AnalyzedResource, AnalyzeResult } from "../../runner/analyzer-client";
import { analyzeRequest, analyzeResult, analyzeStackRequest } from "../../runner/analyzer-messages";
import { Struct } from "../../runner/pulumi-grpc";
import { generateStack } from "../../bench/generate";
import { TYPE } from "../util/types";

const policyDir = path.dirname(require.resolve("@pulumi/policy"));
const fromPolicy = <M>(name: string) => require(require.resolve(name, { paths: [policyDir] })) as M;
const grpc = fromPolicy<typeof import("@grpc/grpc-js")>("@grpc/grpc-js");
type RpcFun = (call: unknown, callback: unknown) => unknown;
const server = fromPolicy<{ [k in "makeAnalyzeRpcFun" | "makeAnalyzeStackRpcFun"]: (name: string, version: string, level: string, ps: Policies) => RpcFun }>("@pulumi/policy/server");
const deserialize = fromPolicy<{ deserializeProperties: (...a: unknown[]) => object }>("@pulumi/policy/deserialize");

interface Served {
    analyze(r: apb.AnalyzeRequest): Promise<apb.AnalyzeResponse>;
    analyzeStack(r: apb.AnalyzeStackRequest): Promise<apb.AnalyzeResponse>;
    /** AnalyzeStack of a request's bytes, as they are. */
    analyzeStackBytes(bytes: Buffer): Promise<apb.AnalyzeResponse>;
    close(): void;
}

/** The framework's Analyze and AnalyzeStack handlers for `policies`, hooked; with the policies named to the hook when `shared`. */
async function serve(policies: Policies, shared: boolean): Promise<Served> {
    const s = new grpc.Server();
    withServerHooks(() => s.addService(analyzerGrpc.AnalyzerService as never, {
        analyze: server.makeAnalyzeRpcFun("p", "1.0.0", "advisory", policies),
        analyzeStack: server.makeAnalyzeStackRpcFun("p", "1.0.0", "advisory", policies),
    } as never), () => [], shared ? policies : undefined);
    const port = await new Promise<number>((resolve, reject) =>
        s.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure() as never);
    const unary = <Req>(fn: (req: Req, cb: (err: Error | null, res: apb.AnalyzeResponse) => void) => unknown, req: Req) =>
        new Promise<apb.AnalyzeResponse>((resolve, reject) => { fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res))); });
    return {
        analyze: (r) => unary(client.analyze, r),
        analyzeStack: (r) => unary(client.analyzeStack, r),
        analyzeStackBytes: (bytes) => new Promise((resolve, reject) => {
            client.makeUnaryRequest("/pulumirpc.Analyzer/AnalyzeStack", (b: Buffer) => b, (b: Buffer) => apb.AnalyzeResponse.deserializeBinary(b), bytes,
                (err, res) => (err || !res ? reject(err ?? new Error("no response")) : resolve(res)));
        }),
        close: () => { client.close(); s.forceShutdown(); },
    };
}

/** Runs `call` on a server of `policies`, shared or not, counting the properties the framework deserialises. */
async function counted<T>(policies: Policies, shared: boolean, call: (s: Served) => Promise<T>): Promise<{ result: T; deserialised: number }> {
    const s = await serve(policies, shared);
    const original = deserialize.deserializeProperties;
    let deserialised = 0;
    deserialize.deserializeProperties = (...a: unknown[]) => {
        const props = original(...a);
        deserialised += Object.keys(props).length;
        return props;
    };
    try {
        return { result: await call(s), deserialised };
    } finally {
        deserialize.deserializeProperties = original;
        s.close();
    }
}

/** The shared path, then the framework's own (one after the other, so that each count is its own). */
async function bothPaths<T>(policies: Policies, call: (s: Served) => Promise<T>) {
    const shared = await counted(policies, true, call);
    return [shared, await counted(policies, false, call)] as const;
}

const bytes = (r: apb.AnalyzeResponse) => Buffer.from(r.serializeBinary()).toString("base64");
const stack = generateStack(300, { seed: 7 });
const stackPolicies = catalogue().filter((p) => (p as StackValidationPolicy).validateStack);
const resourcePolicies = catalogue().filter((p) => (p as ResourceValidationPolicy).validateResource);
/** The properties of the resources and of their providers. */
const propsOf = (rs: readonly AnalyzedResource[]) => rs.reduce((n, r) => n + Object.keys(r.properties).length + Object.keys(r.provider?.properties ?? {}).length, 0);

describe("one deserialisation per call, shared by the pack's own policies", function () {
    this.timeout(120_000);

    it("AnalyzeStack: the props of each resource and of its provider are deserialised once per call, where the framework's path copies them for each of the stack policies", async () => {
        const [shared, framework] = await bothPaths(catalogue(), (s) => s.analyzeStack(analyzeStackRequest(stack.stack)));
        assert.strictEqual(stack.stack.length, 300);
        assert.strictEqual(shared.deserialised, propsOf(stack.stack));
        assert.strictEqual(framework.deserialised, propsOf(stack.stack) * stackPolicies.length);
        assert.ok(analyzeResult(shared.result).diagnostics.length > 100);
        assert.strictEqual(bytes(shared.result), bytes(framework.result));
    });

    it("Analyze: the props of the resource and of its provider are deserialised once per call, where the framework's path copies them for each resource policy", async () => {
        const sample = stack.analyze.slice(0, 60);
        const all = (s: Served) => Promise.all(sample.map((r) => s.analyze(analyzeRequest(r))));
        const [shared, framework] = await bothPaths(catalogue(), all);
        assert.strictEqual(shared.deserialised, propsOf(sample));
        assert.strictEqual(framework.deserialised, propsOf(sample) * resourcePolicies.length);
        assert.deepStrictEqual(shared.result.map(bytes), framework.result.map(bytes));
    });

    it("a stack policy from elsewhere puts AnalyzeStack on the framework's path: it sees every resource with its props", async () => {
        const seen: number[] = [];
        const foreign: StackValidationPolicy = {
            name: "team-count", description: "counts", enforcementLevel: "advisory",
            validateStack: (args) => { seen.push(args.resources.filter((r) => Object.keys(r.props).length > 0).length); },
        };
        const { deserialised } = await counted([...catalogue(), foreign], true, (s) => s.analyzeStack(analyzeStackRequest(stack.stack)));
        assert.deepStrictEqual(seen, [299]); // all but the root stack resource, which has no props
        assert.strictEqual(deserialised, propsOf(stack.stack) * (stackPolicies.length + 1));
    });

    it("a resource policy from elsewhere puts Analyze on the framework's path: it sees the props", async () => {
        const seen: unknown[] = [];
        const foreign: ResourceValidationPolicy = {
            name: "team-props", description: "reads", enforcementLevel: "advisory",
            validateResource: (args) => { seen.push(args.props.description); },
        };
        const sg = stack.analyze.find((r) => r.type === TYPE.sg)!;
        const { deserialised } = await counted([...catalogue(), foreign], true, (s) => s.analyze(analyzeRequest(sg)));
        assert.deepStrictEqual(seen, [sg.properties.description]);
        assert.strictEqual(deserialised, propsOf([sg]) * (resourcePolicies.length + 1));
    });
});

/** What a policy can read of a stack resource, with the objects it links to named by URN. */
function stackView(r: PolicyResource) {
    const Sg = { __pulumiType: TYPE.sg } as never;
    return {
        keys: Object.keys(r), type: r.type, urn: r.urn, name: r.name, props: plainProps(r.props), opts: r.opts,
        provider: r.provider && { ...r.provider, props: plainProps(r.provider.props) }, parent: r.parent?.urn,
        dependencies: r.dependencies.map((d) => d.urn),
        propertyDependencies: Object.entries(r.propertyDependencies).map(([k, ds]) => [k, ds.map((d) => d.urn)]),
        isSg: r.isType(Sg), asSg: r.asType(Sg) === r.props,
    };
}

function analyzeView(a: ResourceValidationArgs) {
    const Sg = { __pulumiType: TYPE.sg } as never;
    return {
        keys: Object.keys(a).sort(), type: a.type, urn: a.urn, name: a.name, props: plainProps(a.props), opts: a.opts,
        provider: a.provider && { ...a.provider, props: plainProps(a.provider.props) }, stackTags: [...a.stackTags],
        isSg: a.isType(Sg), asSg: a.asType(Sg) === a.props,
    };
}

describe("the arguments of the pack's own policies on the shared path", function () {
    this.timeout(120_000);

    it("AnalyzeStack: the framework's resources, field for field, the same objects for every policy of the call", async () => {
        const seen: { shared: PolicyResource[][]; framework: PolicyResource[][] } = { shared: [], framework: [] };
        const probe = (into: PolicyResource[][]): StackValidationPolicy => ({
            name: "probe", description: "d", enforcementLevel: "advisory", validateStack: ownStackValidation((args) => { into.push(args.resources); }),
        });
        const twice = (into: PolicyResource[][]) => [probe(into), { ...probe(into), name: "probe-2" }];
        await counted(twice(seen.shared), true, (s) => s.analyzeStack(analyzeStackRequest(stack.stack)));
        await counted(twice(seen.framework), false, (s) => s.analyzeStack(analyzeStackRequest(stack.stack)));
        assert.strictEqual(seen.shared[0], seen.shared[1]);
        assert.notStrictEqual(seen.framework[0], seen.framework[1]);
        assert.strictEqual(seen.shared[0].length, 300);
        assert.deepStrictEqual(seen.shared[0].map(stackView), seen.framework[0].map(stackView));
        assert.ok(seen.shared[0].some((r) => r.parent !== undefined && r.dependencies.length > 0 && Object.keys(r.propertyDependencies).length > 0));
    });

    it("Analyze: the framework's arguments, field for field", async () => {
        const seen: { shared: ResourceValidationArgs[]; framework: ResourceValidationArgs[] } = { shared: [], framework: [] };
        const probe = (into: ResourceValidationArgs[]): ResourceValidationPolicy => ({
            name: "probe", description: "d", enforcementLevel: "advisory", validateResource: ownResourceValidation((args) => { into.push(args); }),
        });
        const sample = stack.analyze.slice(0, 40);
        for (const path of ["shared", "framework"] as const) {
            await counted([probe(seen[path])], path === "shared", (s) => Promise.all(sample.map((r) => s.analyze(analyzeRequest(r)))));
        }
        assert.strictEqual(seen.shared.length, 40);
        assert.deepStrictEqual(seen.shared.map(analyzeView), seen.framework.map(analyzeView));
    });

    it("reading an unknown value through the proxy, and notApplicable: the framework's answers on both paths", async () => {
        const pending: AnalyzedResource = {
            urn: `urn:pulumi:s::p::${TYPE.sg}::web`, type: TYPE.sg, name: "web",
            properties: { description: "web", vpcId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
        };
        const policies: Policies = [
            { name: "reads-vpc", description: "d", enforcementLevel: "mandatory", validateResource: ownResourceValidation((a, report) => { report(String(a.props.vpcId)); }) },
            { name: "not-here", description: "d", enforcementLevel: "mandatory", validateResource: ownResourceValidation((a) => a.notApplicable("not for groups")) },
        ];
        const [shared, framework] = await bothPaths(policies, (s) => s.analyze(analyzeRequest(pending)));
        const expected: AnalyzeResult = {
            diagnostics: [{
                policyName: "reads-vpc", policyPackName: "p", policyPackVersion: "1.0.0", description: "d", enforcementLevel: "advisory",
                message: "can't run policy 'reads-vpc' from policy pack 'p@v1.0.0' during preview: string value at .vpcId can't be known during preview",
            }],
            notApplicable: [{ policyName: "not-here", reason: "not for groups" }],
        };
        assert.deepStrictEqual(analyzeResult(shared.result), expected);
        assert.strictEqual(bytes(shared.result), bytes(framework.result));
    });

    it("leaves the shared props as they were: the whole catalogue between two snapshots of them", async () => {
        const snapshots: string[] = [];
        const snapshot: StackValidationPolicy = {
            name: "snapshot", description: "d", enforcementLevel: "advisory",
            validateStack: ownStackValidation((args) => { snapshots.push(JSON.stringify(args.resources.map((r) => plainProps(r.props)))); }),
        };
        await counted([snapshot, ...catalogue(), { ...snapshot, name: "snapshot-2" }], true, (s) => s.analyzeStack(analyzeStackRequest(stack.stack)));
        assert.strictEqual(snapshots.length, 2);
        assert.strictEqual(snapshots[0], snapshots[1]);
    });

    it("never shares between calls that overlap: each sees its own resources", async () => {
        const counts: StackValidationPolicy = {
            name: "counts", description: "d", enforcementLevel: "advisory",
            validateStack: ownStackValidation(async (args, report) => { await tick(); report(`${args.resources.length} resources`); }),
        };
        const sizes = [5, 50, 17, 120];
        const { result } = await counted([counts], true, (s) => Promise.all(sizes.map((n) => s.analyzeStack(analyzeStackRequest(stack.stack.slice(0, n))))));
        assert.deepStrictEqual(result.map((r) => analyzeResult(r).diagnostics.map((d) => d.message)), sizes.map((n) => [`d\n${n} resources`]));
    });

    it("a request the pack's reader refuses (a name that is not well-formed UTF-8) is decoded by google-protobuf and takes the framework's path", async () => {
        const wellFormed = analyzeStackRequest(stack.stack.slice(0, 40));
        const odd = Buffer.from(new apb.AnalyzerResource().setUrn(`urn:pulumi:s::p::${TYPE.sg}::odd`).setType(TYPE.sg).setName("odd")
            .setOptions(new apb.AnalyzerResourceOptions()).setProperties(Struct.fromJavaScript({ description: "d" })).serializeBinary());
        const name = Buffer.from([0x22, 0x02, 0xc3, 0x28]); // field 4 (name): an invalid two-byte sequence
        const length = odd.length + name.length;
        assert.ok(length >= 128 && length < 16384);
        const resource = Buffer.concat([Buffer.from([0x0a, (length & 0x7f) | 0x80, length >> 7]), odd, name]); // field 1 (resources), a two-byte length
        const request = Buffer.concat([Buffer.from(wellFormed.serializeBinary()), resource]);
        assert.throws(() => readStackRequest(request), Unreadable);
        const [shared, framework] = await bothPaths(catalogue(), (s) => s.analyzeStackBytes(request));
        assert.strictEqual(shared.deserialised, (propsOf(stack.stack.slice(0, 40)) + 1) * stackPolicies.length);
        assert.strictEqual(bytes(shared.result), bytes(framework.result));
    });

    it("a request the framework rejects goes to the framework, which answers with its own error", async () => {
        const bare = new apb.AnalyzeStackRequest().setResourcesList([
            new apb.AnalyzerResource().setUrn(`urn:pulumi:s::p::${TYPE.sg}::web`).setType(TYPE.sg).setName("web"),
        ]);
        const errors: string[] = [];
        for (const shared of [true, false]) {
            const s = await serve(catalogue(), shared);
            await s.analyzeStack(bare).then(() => errors.push("answered"), (e: Error) => errors.push(e.message.split("\n")[0]));
            s.close();
        }
        assert.deepStrictEqual(errors, Array(2).fill(`2 UNKNOWN: Error validating resource with policy '${stackPolicies[0].name}' from policy pack 'p@v1.0.0':`));
    });
});
