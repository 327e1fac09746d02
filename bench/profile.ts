// In-process breakdowns of Analyze and AnalyzeStack: the pack's policies through @pulumi/policy's
// own handlers (the same code path as over gRPC, without gRPC), timed per policy.
import * as path from "path";
import { performance } from "perf_hooks";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { REPO } from "./pack-dirs";

export interface StackProfile {
    totalS: number;
    stackPolicies: number;
    /** @pulumi/policy's own work per stack policy (deserialising every resource), average. */
    perPolicyOverheadS: number;
    /** One StackModel build from one policy's resources. */
    modelBuildS: number;
    perPolicy: { name: string; s: number }[];
}

export async function profileStack(req: apb.AnalyzeStackRequest): Promise<StackProfile> {
    type Policy = { name: string; validateStack?: (args: { resources: unknown[] }, report: unknown) => unknown };
    const server = require(path.join(REPO, "node_modules", "@pulumi", "policy", "server")) as {
        makeAnalyzeStackRpcFun(name: string, version: string, level: string, policies: Policy[]): RpcFun;
    };
    const { catalogue, packName } = require(path.join(REPO, "dist", "policies", "catalogue")) as { catalogue(): Policy[]; packName: string };
    const { StackModel, fromPolicyResources } = require(path.join(REPO, "dist", "policies", "graph", "stack")) as {
        StackModel: new (rs: unknown) => unknown; fromPolicyResources(rs: unknown[]): unknown;
    };
    const times = new Map<string, number>();
    const timed = (name: string, f: NonNullable<Policy["validateStack"]>): Policy["validateStack"] => (a, r) => {
        const t = performance.now();
        try { return f(a, r); } finally { times.set(name, (times.get(name) ?? 0) + (performance.now() - t) / 1000); }
    };
    const policies: Policy[] = catalogue().filter((p) => p.validateStack).map((p) => ({ ...p, validateResource: undefined, validateStack: timed(p.name, p.validateStack!) }));
    const probe: Policy = { name: "probe-model-build", validateStack: timed("probe-model-build", (a) => { new StackModel(fromPolicyResources(a.resources)); }) };
    const run = async (ps: Policy[]) => {
        const fn = server.makeAnalyzeStackRpcFun(packName, "0.1.0", "advisory", ps);
        const t = performance.now();
        await callInProcess(fn, req);
        return (performance.now() - t) / 1000;
    };
    await run([probe]); // warm-up
    times.clear();
    const totalS = await run(policies);
    const inPolicies = [...times.values()].reduce((a, b) => a + b, 0);
    const perPolicy = [...times.entries()].map(([name, s]) => ({ name, s }));
    times.clear();
    await run([probe]);
    return {
        totalS, stackPolicies: policies.length, perPolicyOverheadS: (totalS - inPolicies) / policies.length,
        modelBuildS: times.get("probe-model-build") ?? NaN, perPolicy,
    };
}

type RpcFun = (call: unknown, cb: (err: unknown) => void) => Promise<void>;

/**
 * One call of a @pulumi/policy handler, in process, in the pack's call scope: its gRPC handlers
 * run every call in one, so the in-process runs do too.
 */
function callInProcess(fn: RpcFun, request: unknown): Promise<void> {
    const { inCallScope } = require(path.join(REPO, "dist", "policies", "model", "call-scope")) as { inCallScope(handle: () => unknown): unknown };
    return new Promise<void>((resolve, reject) => { inCallScope(() => fn({ request }, (err) => (err ? reject(err) : resolve()))); });
}

export interface AnalyzeProfile {
    totalS: number;
    resourcePolicies: number;
    /** Time inside the pack's validateResource functions, all resources and policies. */
    inPoliciesS: number;
    /** One normalisation (securityGroupRules) of every resource; the pack repeats it in every SG policy. */
    normaliseS: number;
    sgPolicies: number;
}

/** Every Analyze request through @pulumi/policy's own handler, in process, one after the other. */
export async function profileAnalyze(reqs: apb.AnalyzeRequest[]): Promise<AnalyzeProfile> {
    type Args = { urn: string; name: string; type: string; props: unknown };
    type Policy = { name: string; validateResource?: (args: Args, report: unknown) => unknown; validateStack?: unknown; remediateResource?: unknown };
    const server = require(path.join(REPO, "node_modules", "@pulumi", "policy", "server")) as {
        makeAnalyzeRpcFun(name: string, version: string, level: string, policies: Policy[]): RpcFun;
    };
    const { catalogue, packName } = require(path.join(REPO, "dist", "policies", "catalogue")) as { catalogue(): Policy[]; packName: string };
    // Unshared, to measure what one normalisation of every resource costs.
    const { normaliseRules } = require(path.join(REPO, "dist", "policies", "model", "sg-rules")) as { normaliseRules(r: Args): unknown };
    let inPolicies = 0;
    const timed = (f: NonNullable<Policy["validateResource"]>): Policy["validateResource"] => (a, r) => {
        const t = performance.now();
        try { return f(a, r); } finally { inPolicies += (performance.now() - t) / 1000; }
    };
    const resourcePolicies = catalogue().filter((p) => p.validateResource)
        .map((p) => ({ ...p, remediateResource: undefined, validateStack: undefined, validateResource: timed(p.validateResource!) }));
    const run = async (ps: Policy[]) => {
        const fn = server.makeAnalyzeRpcFun(packName, "0.1.0", "advisory", ps);
        const t = performance.now();
        for (const req of reqs) {
            await callInProcess(fn, req);
        }
        return (performance.now() - t) / 1000;
    };
    const probe: Policy = { name: "probe-normalise", validateResource: timed((a) => { normaliseRules(a); }) };
    await run([probe]); // warm-up
    inPolicies = 0;
    const totalS = await run(resourcePolicies);
    const inPoliciesS = inPolicies;
    inPolicies = 0;
    await run([probe]);
    // The SG-rule policies are the ones built with sgRulePolicy; they all normalise the resource.
    const sgPolicies = resourcePolicies.filter((p) => p.name.startsWith("sg-")).length;
    return { totalS, resourcePolicies: resourcePolicies.length, inPoliciesS, normaliseS: inPolicies, sgPolicies };
}
