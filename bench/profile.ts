// In-process breakdowns of Analyze and AnalyzeStack: the pack's policies through @pulumi/policy's
// own handlers, hooked as the pack serves them (dist/policies/core/server-hooks: the shared path),
// called over gRPC within this process, timed per policy. Each policy is timed inside its own
// validation function (wrapped as the pack's own, so that the call stays on the shared path).
import * as path from "path";
import { performance } from "perf_hooks";
import type { Policies, PolicyResource, StackValidation, ResourceValidation } from "@pulumi/policy";
import { grpc } from "../runner/pulumi-grpc";
import { CONCURRENCY } from "./measure";
import { REPO } from "./pack-dirs";

export interface StackProfile {
    totalS: number;
    stackPolicies: number;
    /** Receiving the request and building the call's arguments once: every resource deserialised (what the framework did once per stack policy). */
    argsS: number;
    /** One StackModel build from those arguments. */
    modelBuildS: number;
    perPolicy: { name: string; s: number }[];
}

export interface AnalyzeProfile {
    totalS: number;
    resourcePolicies: number;
    /** Time inside the pack's validateResource functions, all resources and policies. */
    inPoliciesS: number;
}

const dist = <M>(...p: string[]) => require(path.join(REPO, "dist", "policies", ...p)) as M;
const policyDir = path.dirname(require.resolve("@pulumi/policy", { paths: [REPO] }));
const fromPolicy = <M>(name: string) => require(require.resolve(name, { paths: [policyDir] })) as M;
type RpcFun = (call: unknown, callback: unknown) => unknown;
type Policy = { name: string; validateResource?: ResourceValidation; validateStack?: StackValidation; remediateResource?: unknown };

/** `policies` served in this process as the pack serves its own; `call` sends one request's bytes. */
async function served(policies: Policy[]): Promise<{ call(method: string, bytes: Buffer): Promise<void>; close(): void }> {
    const policyGrpc = fromPolicy<typeof import("@grpc/grpc-js")>("@grpc/grpc-js");
    const server = fromPolicy<{ [k in "makeAnalyzeRpcFun" | "makeAnalyzeStackRpcFun"]: (n: string, v: string, l: string, ps: Policies) => RpcFun }>("@pulumi/policy/server");
    const { AnalyzerService } = fromPolicy<{ AnalyzerService: unknown }>("@pulumi/pulumi/proto/analyzer_grpc_pb");
    const { withServerHooks } = dist<{ withServerHooks(c: () => unknown, check: () => string[], ps: Policies): unknown }>("core", "server-hooks");
    const { packName } = dist<{ packName: string }>("catalogue");
    const s = new policyGrpc.Server({ "grpc.max_receive_message_length": 1 << 30 });
    const ps = policies as Policies;
    withServerHooks(() => s.addService(AnalyzerService as never, {
        analyze: server.makeAnalyzeRpcFun(packName, "0.1.0", "advisory", ps),
        analyzeStack: server.makeAnalyzeStackRpcFun(packName, "0.1.0", "advisory", ps),
    } as never), () => [], ps);
    const port = await new Promise<number>((resolve, reject) =>
        s.bindAsync("127.0.0.1:0", policyGrpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
    const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { "grpc.max_send_message_length": 1 << 30, "grpc.max_receive_message_length": 1 << 30 });
    const same = (b: Buffer) => b;
    return {
        call: (method, bytes) => new Promise<void>((resolve, reject) => {
            client.makeUnaryRequest(`/pulumirpc.Analyzer/${method}`, same, same, bytes, (err) => (err ? reject(err) : resolve()));
        }),
        close: () => { client.close(); s.forceShutdown(); },
    };
}

const { ownResourceValidation, ownStackValidation } = dist<{
    ownResourceValidation(v: ResourceValidation): ResourceValidation; ownStackValidation(v: StackValidation): StackValidation;
}>("core", "call-args");
const catalogue = () => dist<{ catalogue(): Policy[] }>("catalogue").catalogue();

/** Runs `f`, adding its time to `times[name]`. */
function timing<A extends unknown[], R>(times: Map<string, number>, name: string, f: (...a: A) => R): (...a: A) => R {
    return (...a) => {
        const t = performance.now();
        try { return f(...a); } finally { times.set(name, (times.get(name) ?? 0) + (performance.now() - t) / 1000); }
    };
}

/** AnalyzeStack of `request` (its bytes on the wire) in process: its stack policies timed one by one. */
export async function profileStack(request: Buffer): Promise<StackProfile> {
    const { StackModel, fromPolicyResources } = dist<{ StackModel: new (rs: unknown) => unknown; fromPolicyResources(rs: readonly PolicyResource[]): unknown }>("graph", "stack");
    const times = new Map<string, number>();
    const own = (name: string, v: StackValidation): Policy => ({ name, validateStack: ownStackValidation(timing(times, name, v)) });
    const policies = catalogue().filter((p) => p.validateStack).map((p) => own(p.name, p.validateStack!));
    const argsProbe: Policy = { name: "probe-args", validateStack: ownStackValidation(() => undefined) };
    const modelProbe = own("probe-model-build", (args) => { new StackModel(fromPolicyResources(args.resources)); });
    const run = async (ps: Policy[]) => {
        const s = await served(ps);
        try {
            const t = performance.now();
            await s.call("AnalyzeStack", request);
            return (performance.now() - t) / 1000;
        } finally {
            s.close();
        }
    };
    await run([modelProbe]); // warm-up
    times.clear();
    const totalS = await run(policies);
    const perPolicy = [...times.entries()].map(([name, s]) => ({ name, s }));
    times.clear();
    const argsS = await run([argsProbe]); // receiving the request and building its arguments, nothing else
    await run([modelProbe]);
    return { totalS, stackPolicies: policies.length, argsS, modelBuildS: times.get("probe-model-build") ?? NaN, perPolicy };
}

/** Every Analyze request (their bytes) in process, 8 at a time. */
export async function profileAnalyze(requests: readonly Buffer[]): Promise<AnalyzeProfile> {
    const times = new Map<string, number>();
    const policies = catalogue().filter((p) => p.validateResource)
        .map((p) => ({ name: p.name, validateResource: ownResourceValidation(timing(times, "policies", p.validateResource!)) }));
    const s = await served(policies);
    try {
        const all = async () => {
            let next = 0;
            const t = performance.now();
            await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
                while (next < requests.length) {
                    await s.call("Analyze", requests[next++]);
                }
            }));
            return (performance.now() - t) / 1000;
        };
        await all(); // warm-up
        times.clear();
        const totalS = await all();
        return { totalS, resourcePolicies: policies.length, inPoliciesS: times.get("policies") ?? 0 };
    } finally {
        s.close();
    }
}
