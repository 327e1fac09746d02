// `npm run bench`: times the pack over the Analyzer protocol on synthetic stacks and prints a table.
//
//   (a) this pack (package.json main, i.e. the compiled dist/index.js, started like the Pulumi CLI does)
//   (b) the floor: the same catalogue with validation functions that do nothing (bench/floor-pack),
//       i.e. the cost of @pulumi/policy and gRPC themselves
//   (c) Pulumi's AWSGuard (@pulumi/awsguard), installed in bench/.awsguard (its dependencies conflict
//       with ours), when it installs and starts here
//
// For each stack size: a fresh pack process, Configure({}), then one Analyze per resource (inputs, with
// bounded concurrency), then one AnalyzeStack (all outputs). Requests are built and serialised before the
// clock starts, and the client counts the diagnostics of each response on the wire without decoding
// them, so the time is the pack's (plus gRPC), not the client's: the client and the pack share the CPUs.
// Peak RSS is the pack process's VmHWM.
// Also: the cold start of this pack (spawn to port printed, fresh process, caches cleared) compiled and
// from TypeScript source, and an in-process breakdown of AnalyzeStack per stack policy.
//
//   npm run bench                          # 1k, 5k, 10k, 50k; writes bench/results.md
//   npm run bench -- --sizes 1000 --no-awsguard --out -
//   npm run bench -- --runs 3               # (a) and (b) three times each at sizes up to 10k (default 5)
import { execFileSync } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzedResource, PackClient, StackResource, startPack } from "../runner/analyzer-client";
import { SyntheticStack, generateStack } from "./generate";

const REPO = path.resolve(__dirname, "..");
const BENCH = __dirname;
const WORK = path.join(BENCH, ".work");
const FLOOR_DIR = path.join(BENCH, "floor-pack");
const AWSGUARD_DIR = path.join(BENCH, ".awsguard");
const AWSGUARD_VERSION = "0.3.1";
const CONCURRENCY = 8;
const MAX_MESSAGE = 1024 * 1024 * 1024;

const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as typeof import("google-protobuf/google/protobuf/struct_pb");

// ------------------------------------------------------------------------------------------------
// Arguments
// ------------------------------------------------------------------------------------------------

function args(): { sizes: number[]; awsguard: boolean; awsguardMax: number; out: string; coldRuns: number; runs: number } {
    const a = process.argv.slice(2);
    const value = (flag: string) => { const i = a.indexOf(flag); return i >= 0 ? a[i + 1] : undefined; };
    return {
        sizes: (value("--sizes") ?? "1000,5000,10000,50000").split(",").map(Number),
        awsguard: !a.includes("--no-awsguard"),
        // AWSGuard at 50k takes minutes more; `--awsguard-max 50000` includes it.
        awsguardMax: Number(value("--awsguard-max") ?? "10000"),
        out: value("--out") ?? path.join(BENCH, "results.md"),
        coldRuns: Number(value("--cold-runs") ?? "5"),
        // Runs of (a) and (b), alternating, at sizes up to 10k; the table shows the median run of each.
        runs: Number(value("--runs") ?? "5"),
    };
}

// ------------------------------------------------------------------------------------------------
// Pack directories
// ------------------------------------------------------------------------------------------------

function linkNodeModules(dir: string): void {
    const link = path.join(dir, "node_modules");
    if (!fs.existsSync(link)) {
        fs.symlinkSync(path.join(REPO, "node_modules"), link, "dir");
    }
}

/** The pack from its TypeScript source (the old main), type-checked by the runner on start. */
function tsSourcePackDir(): string {
    const dir = path.join(WORK, "ts-source-pack");
    fs.mkdirSync(dir, { recursive: true });
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { name: string; version: string };
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: pkg.name, version: pkg.version, main: path.relative(dir, path.join(REPO, "index.ts")) }, null, 2));
    fs.copyFileSync(path.join(REPO, "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));
    fs.copyFileSync(path.join(REPO, "tsconfig.json"), path.join(dir, "tsconfig.json"));
    linkNodeModules(dir);
    return dir;
}

/** Installs AWSGuard in its own directory and makes it a pack; the reason when it cannot. */
function awsguardPackDir(): { dir?: string; reason?: string } {
    try {
        fs.mkdirSync(AWSGUARD_DIR, { recursive: true });
        fs.writeFileSync(path.join(AWSGUARD_DIR, "package.json"), JSON.stringify({
            name: "awsguard-bench", version: AWSGUARD_VERSION, private: true, main: "index.js",
            dependencies: { "@pulumi/awsguard": AWSGUARD_VERSION },
        }, null, 2));
        fs.writeFileSync(path.join(AWSGUARD_DIR, "PulumiPolicy.yaml"), "runtime: nodejs\ndescription: AWSGuard, for the benchmark\n");
        // Every policy on, so that AWSGuard does all the work it can do.
        fs.writeFileSync(path.join(AWSGUARD_DIR, "index.js"),
            "const { AwsGuard } = require(\"@pulumi/awsguard\");\nnew AwsGuard({ all: \"mandatory\" });\n");
        if (!fs.existsSync(path.join(AWSGUARD_DIR, "node_modules", "@pulumi", "awsguard"))) {
            process.stderr.write(`installing @pulumi/awsguard@${AWSGUARD_VERSION} in ${path.relative(REPO, AWSGUARD_DIR)} ...\n`);
            execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", AWSGUARD_DIR], { stdio: ["ignore", "ignore", "pipe"], timeout: 600_000 });
        }
        return { dir: AWSGUARD_DIR };
    } catch (e) {
        return { reason: `install failed: ${(e as Error).message.split("\n")[0]}` };
    }
}

// ------------------------------------------------------------------------------------------------
// Requests, built before the clock starts
// ------------------------------------------------------------------------------------------------

function options(r: AnalyzedResource): apb.AnalyzerResourceOptions {
    const o = r.options ?? {};
    return new apb.AnalyzerResourceOptions()
        .setProtect(o.protect ?? false).setIgnorechangesList(o.ignoreChanges ?? [])
        .setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? []).setAliasesList([])
        .setCustomtimeouts(new apb.AnalyzerResourceOptions.CustomTimeouts())
        .setParent(o.parent ?? "");
}

function provider(r: AnalyzedResource): apb.AnalyzerProviderResource | undefined {
    return r.provider && new apb.AnalyzerProviderResource().setUrn(r.provider.urn).setType(r.provider.type)
        .setName(r.provider.name).setProperties(Struct.fromJavaScript(r.provider.properties));
}

function analyzeRequests(rs: AnalyzedResource[]): apb.AnalyzeRequest[] {
    return rs.map((r) => {
        const req = new apb.AnalyzeRequest().setUrn(r.urn).setType(r.type).setName(r.name)
            .setProperties(Struct.fromJavaScript(r.properties)).setOptions(options(r));
        const p = provider(r);
        if (p) { req.setProvider(p); }
        return req;
    });
}

function analyzeStackRequest(rs: StackResource[]): apb.AnalyzeStackRequest {
    return new apb.AnalyzeStackRequest().setResourcesList(rs.map((r) => {
        const ar = new apb.AnalyzerResource().setUrn(r.urn).setType(r.type).setName(r.name)
            .setProperties(Struct.fromJavaScript(r.properties)).setOptions(options(r))
            .setParent(r.parent ?? "").setDependenciesList(r.dependencies);
        const p = provider(r);
        if (p) { ar.setProvider(p); }
        for (const [k, urns] of Object.entries(r.propertyDependencies)) {
            if (urns.length > 0) {
                ar.getPropertydependenciesMap().set(k, new apb.AnalyzerPropertyDependencies().setUrnsList(urns));
            }
        }
        return ar;
    }));
}

// ------------------------------------------------------------------------------------------------
// One measured run
// ------------------------------------------------------------------------------------------------

interface Run {
    /** Why the run failed (the pack crashed, e.g. out of memory); the numbers are then NaN. */
    failed?: string;
    analyzeS: number;
    stackS: number;
    totalS: number;
    rssMb: number;
    diagnostics: number;
    startS: number;
}

function peakRssMb(pid: number): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
}

/** Requests serialised to the bytes that go on the wire, before the clock starts. */
interface WireRequests {
    readonly analyze: Buffer[];
    readonly stack: Buffer;
}

function wire(analyze: apb.AnalyzeRequest[], stack: apb.AnalyzeStackRequest): WireRequests {
    return { analyze: analyze.map((r) => Buffer.from(r.serializeBinary())), stack: Buffer.from(stack.serializeBinary()) };
}

/** AnalyzeResponse's field number of `repeated AnalyzeDiagnostic diagnostics` (pulumi/proto/analyzer.proto). */
const DIAGNOSTICS_FIELD = 2;

/**
 * The number of diagnostics in an AnalyzeResponse, read from its wire form without decoding them:
 * the client stands in for the engine (written in Go), and decoding tens of thousands of
 * diagnostics with google-protobuf in JavaScript would compete with the pack for the CPUs.
 */
function countDiagnostics(bytes: Uint8Array): number {
    let i = 0;
    const varint = () => {
        let value = 0;
        for (let shift = 0; ; shift += 7) {
            const b = bytes[i++];
            value += (b & 0x7f) * 2 ** shift;
            if ((b & 0x80) === 0) {
                return value;
            }
        }
    };
    let count = 0;
    while (i < bytes.length) {
        const key = varint();
        switch (key & 7) {
            case 0: varint(); break;
            case 1: i += 8; break;
            case 2: { const length = varint(); count += Math.floor(key / 8) === DIAGNOSTICS_FIELD ? 1 : 0; i += length; break; }
            case 5: i += 4; break;
            default: throw new Error(`unexpected protobuf wire type ${key & 7} in an AnalyzeResponse`);
        }
    }
    return count;
}

function rawUnary(client: InstanceType<typeof grpc.Client>, method: string, request: Buffer): Promise<Buffer> {
    const identity = (b: Buffer) => b;
    return new Promise((resolve, reject) => {
        client.makeUnaryRequest(`/pulumirpc.Analyzer/${method}`, identity, identity, request, (err, res) => (err || !res ? reject(err ?? new Error("no response")) : resolve(res)));
    });
}

async function measure(dir: string, requests: WireRequests): Promise<Run> {
    const t0 = performance.now();
    const pack: PackClient = await startPack(dir, { project: "bench", stack: "bench", dryRun: true, startTimeoutMs: 300_000 });
    const startS = (performance.now() - t0) / 1000;
    const client = new grpc.Client(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_MESSAGE, "grpc.max_send_message_length": MAX_MESSAGE,
    });
    try {
        await pack.configure({});
        let diagnostics = 0;
        const a0 = performance.now();
        let next = 0;
        const worker = async () => {
            while (next < requests.analyze.length) {
                const response = await rawUnary(client, "Analyze", requests.analyze[next++]);
                diagnostics += countDiagnostics(response);
            }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
        const a1 = performance.now();
        const stackResponse = await rawUnary(client, "AnalyzeStack", requests.stack);
        const a2 = performance.now();
        const stackDiagnostics = countDiagnostics(stackResponse);
        // The wire count, checked once per run against a full decode (after the clock stopped).
        const decoded = apb.AnalyzeResponse.deserializeBinary(stackResponse).getDiagnosticsList().length;
        if (decoded !== stackDiagnostics) {
            throw new Error(`counted ${stackDiagnostics} diagnostics on the wire but decoded ${decoded}`);
        }
        diagnostics += stackDiagnostics;
        return {
            analyzeS: (a1 - a0) / 1000, stackS: (a2 - a1) / 1000, totalS: (a2 - a0) / 1000,
            rssMb: peakRssMb(pack.pid), diagnostics, startS,
        };
    } finally {
        client.close();
        await pack.close();
    }
}

/** The median of some numbers (the mean of the middle two for an even count). */
function median(xs: readonly number[]): number {
    const sorted = [...xs].sort((x, y) => x - y);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** a/b of each pair of runs of (a) and (b), which ran back to back, and their median. */
function pairedRatio(r: { aRuns: Run[]; bRuns: Run[] }): { median: number; each: number[] } {
    const each = r.aRuns.map((a, i) => a.totalS / r.bRuns[i].totalS);
    return { median: median(each), each };
}

/** The run of median total time (a failed run, if any: its failure is the result). */
function medianRun(runs: Run[]): Run {
    const failed = runs.find((r) => r.failed);
    return failed ?? [...runs].sort((x, y) => x.totalS - y.totalS)[Math.floor((runs.length - 1) / 2)];
}

async function measureOrFail(dir: string, requests: WireRequests): Promise<Run> {
    try {
        return await measure(dir, requests);
    } catch (e) {
        const why = (e as Error).message.split("\n").find((l) => /heap|memory|exited/i.test(l)) ?? (e as Error).message.split("\n")[0];
        return { failed: `failed: ${why.slice(0, 160)}`, analyzeS: NaN, stackS: NaN, totalS: NaN, rssMb: NaN, diagnostics: 0, startS: NaN };
    }
}

// ------------------------------------------------------------------------------------------------
// Cold start
// ------------------------------------------------------------------------------------------------

async function coldStarts(dir: string, runs: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        fs.rmSync(path.join(REPO, "node_modules", ".cache"), { recursive: true, force: true });
        const t0 = performance.now();
        const pack = await startPack(dir, { startTimeoutMs: 300_000 });
        times.push((performance.now() - t0) / 1000);
        await pack.close();
    }
    return times;
}

// ------------------------------------------------------------------------------------------------
// In-process breakdown of AnalyzeStack (same @pulumi/policy code path, without gRPC)
// ------------------------------------------------------------------------------------------------

interface StackProfile {
    totalS: number;
    stackPolicies: number;
    /** @pulumi/policy's own work per stack policy (deserialising every resource), average. */
    perPolicyOverheadS: number;
    /** One StackModel build from one policy's resources. */
    modelBuildS: number;
    perPolicy: { name: string; s: number }[];
}

async function profileStack(req: apb.AnalyzeStackRequest): Promise<StackProfile> {
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

interface AnalyzeProfile {
    totalS: number;
    resourcePolicies: number;
    /** Time inside the pack's validateResource functions, all resources and policies. */
    inPoliciesS: number;
    /** One normalisation (securityGroupRules) of every resource; the pack repeats it in every SG policy. */
    normaliseS: number;
    sgPolicies: number;
}

/** Every Analyze request through @pulumi/policy's own handler, in process, one after the other. */
async function profileAnalyze(reqs: apb.AnalyzeRequest[]): Promise<AnalyzeProfile> {
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

// ------------------------------------------------------------------------------------------------
// Report
// ------------------------------------------------------------------------------------------------

const f2 = (x: number) => x.toFixed(2);
const ms = (x: number) => (x * 1000).toFixed(3);
const ok = (b: boolean) => (b ? "meets" : "MISSES");

const LOAD_AT_START = os.loadavg()[0];

function machine(): string {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    return `${os.cpus().length} CPUs (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}` +
        `; 1-minute load average ${LOAD_AT_START.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end (above ${os.cpus().length}, other processes competed for the CPUs)`;
}

async function main(): Promise<void> {
    const opts = args();
    fs.mkdirSync(WORK, { recursive: true });
    if (!fs.existsSync(path.join(REPO, "dist", "index.js"))) {
        throw new Error("dist/index.js is missing: run `npm run build` first");
    }
    linkNodeModules(FLOOR_DIR);
    const guard = opts.awsguard ? awsguardPackDir() : { reason: "skipped (--no-awsguard)" };
    const log = (s: string) => process.stderr.write(s + "\n");

    log(`cold start of the pack (compiled main), ${opts.coldRuns} fresh processes ...`);
    const cold = await coldStarts(REPO, opts.coldRuns);
    log(`cold start of the pack from TypeScript source (type-checked by the runner) ...`);
    const coldTs = await coldStarts(tsSourcePackDir(), Math.min(2, opts.coldRuns));

    type Row = { n: number; unknownIds: number; a: Run; b: Run; aRuns: Run[]; bRuns: Run[]; c?: Run; cReason?: string; profile?: StackProfile; analyzeProfile?: AnalyzeProfile };
    const rows: Row[] = [];
    let guardReason = guard.reason;
    for (const n of opts.sizes) {
        const s: SyntheticStack = generateStack(n);
        const analyze = analyzeRequests(s.analyze);
        const stack = analyzeStackRequest(s.stack);
        const requests = wire(analyze, stack);
        const runs = n <= 10000 ? Math.max(1, opts.runs) : 1;
        const aRuns: Run[] = [];
        const bRuns: Run[] = [];
        for (let i = 1; i <= runs; i++) {
            log(`${n} resources (${s.unknownIds} with unknown IDs), run ${i} of ${runs}: (a) pack ...`);
            aRuns.push(await measureOrFail(REPO, requests));
            log(`  ${f2(aRuns[i - 1].totalS)} s, ${aRuns[i - 1].rssMb.toFixed(0)} MB ${aRuns[i - 1].failed ?? ""}; (b) floor ...`);
            bRuns.push(await measureOrFail(FLOOR_DIR, requests));
            log(`  ${f2(bRuns[i - 1].totalS)} s, ${bRuns[i - 1].rssMb.toFixed(0)} MB ${bRuns[i - 1].failed ?? ""}`);
        }
        const a = medianRun(aRuns);
        const b = medianRun(bRuns);
        let c: Run | undefined;
        if (guard.dir && !guardReason && n > opts.awsguardMax) {
            guardReason = `not run above ${opts.awsguardMax} resources (--awsguard-max)`;
        }
        if (guard.dir && !guardReason) {
            log("  (c) AWSGuard ...");
            try {
                c = await measure(guard.dir, requests);
                log(`  ${f2(c.totalS)} s, ${c.rssMb.toFixed(0)} MB`);
            } catch (e) {
                guardReason = `failed: ${(e as Error).message.split("\n")[0]}`;
            }
        }
        let profile: StackProfile | undefined;
        let analyzeProfile: AnalyzeProfile | undefined;
        if (n === 10000 || opts.sizes.length === 1) {
            log("  in-process AnalyzeStack breakdown ...");
            profile = await profileStack(stack);
        }
        if (n === opts.sizes[0]) {
            log("  in-process Analyze breakdown ...");
            analyzeProfile = await profileAnalyze(analyze);
        }
        rows.push({ n, unknownIds: s.unknownIds, a, b, aRuns, bRuns, c, cReason: guardReason, profile, analyzeProfile });
        if (guardReason?.startsWith("not run above")) { guardReason = undefined; }
    }

    const lines: string[] = [];
    const p = (s = "") => lines.push(s);
    p(`Machine: ${machine()}. Analyze calls ${CONCURRENCY} at a time; one fresh pack process per run; times in seconds. ` +
        `Up to 10k resources, (a) and (b) ran ${Math.max(1, opts.runs)} times each, alternating, and the table shows the run of median total; above, once. ` +
        "a/b is the median of the ratios of each pair of runs, which ran back to back under the same load.");
    p();
    p("| resources | unknown IDs | (a) pack: Analyze + AnalyzeStack = total | (a) per resource | (a) peak RSS | (b) floor: Analyze + AnalyzeStack = total | (b) peak RSS | (c) AWSGuard total | (c) peak RSS | a/b | a/c | findings (a) |");
    p("|---:|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
    for (const r of rows) {
        if (r.a.failed || r.b.failed) {
            p(`| ${r.n} | ${r.unknownIds} | ${r.a.failed ?? f2(r.a.totalS)} | | | ${r.b.failed ?? f2(r.b.totalS)} | ${r.b.failed ? "" : `${r.b.rssMb.toFixed(0)} MB`} | | | | | |`);
            continue;
        }
        const c = r.c ? [f2(r.c.totalS), `${r.c.rssMb.toFixed(0)} MB`, f2(r.a.totalS / r.c.totalS)] : [`not available: ${r.cReason ?? "?"}`, "", ""];
        p(`| ${r.n} | ${r.unknownIds} | ${f2(r.a.analyzeS)} + ${f2(r.a.stackS)} = ${f2(r.a.totalS)} | ${ms(r.a.totalS / r.n)} ms | ${r.a.rssMb.toFixed(0)} MB ` +
            `| ${f2(r.b.analyzeS)} + ${f2(r.b.stackS)} = ${f2(r.b.totalS)} | ${r.b.rssMb.toFixed(0)} MB | ${c[0]} | ${c[1]} | ${f2(pairedRatio(r).median)} | ${c[2]} | ${r.a.diagnostics} |`);
    }
    p();
    const at = (n: number) => rows.find((r) => r.n === n);
    const r5 = at(5000);
    const r10 = at(10000);
    const r50 = at(50000);
    p("| target | measured | |");
    p("|---|---|---|");
    if (r10) {
        const { median: ab, each } = pairedRatio(r10);
        const runsNote = each.length > 1
            ? ` (median of ${each.length} pairs of runs: ${each.map(f2).join(", ")}; the median runs' totals give ${f2(r10.a.totalS / r10.b.totalS)})`
            : "";
        p(`| a/b <= 1.3 at 10k resources | ${f2(ab)}${runsNote} | ${ok(ab <= 1.3)} |`);
    }
    p(`| cold start < 3 s (compiled main; median of ${cold.length}, caches cleared) | ${f2(median(cold))} s (min ${f2(Math.min(...cold))}, max ${f2(Math.max(...cold))}); from TypeScript source: ${coldTs.map(f2).join(", ")} s | ${ok(median(cold) < 3)} |`);
    if (r5 && r50) {
        p(`| time(50k)/time(5k) <= 12 | ${f2(r50.a.totalS / r5.a.totalS)} (floor: ${f2(r50.b.totalS / r5.b.totalS)}) | ${ok(r50.a.totalS / r5.a.totalS <= 12)} |`);
    }
    if (r50) { p(`| peak RSS < 1.5 GB at 50k | ${r50.a.rssMb.toFixed(0)} MB (floor: ${r50.b.rssMb.toFixed(0)} MB) | ${ok(r50.a.rssMb < 1536)} |`); }
    for (const r of rows.filter((x) => x.analyzeProfile && !x.profile)) {
        const ap = r.analyzeProfile!;
        p();
        p(`Analyze of the ${r.n} resources, in process (no gRPC), one at a time: ${f2(ap.totalS)} s, of which ${f2(ap.inPoliciesS)} s in the ` +
            `pack's ${ap.resourcePolicies} resource policies and ${f2(ap.totalS - ap.inPoliciesS)} s in @pulumi/policy.`);
    }
    for (const r of rows.filter((x) => x.profile)) {
        const pr = r.profile!;
        p();
        p(`AnalyzeStack at ${r.n} resources, in process (no gRPC): ${f2(pr.totalS)} s for ${pr.stackPolicies} stack policies. ` +
            `@pulumi/policy deserialises every resource once per stack policy: ${f2(pr.perPolicyOverheadS)} s each ` +
            `(${f2(pr.perPolicyOverheadS * pr.stackPolicies)} s in all). One stack-model build: ${f2(pr.modelBuildS)} s; ` +
            "the pack builds it once per AnalyzeStack call and shares it with the other stack policies of the call " +
            `(building it in every policy would cost ${f2(pr.modelBuildS * pr.stackPolicies)} s).`);
        p();
        const ap = r.analyzeProfile;
        if (ap) {
            p(`Analyze of the ${r.n} resources, in process (no gRPC), one at a time: ${f2(ap.totalS)} s, of which ${f2(ap.inPoliciesS)} s in the ` +
                `pack's ${ap.resourcePolicies} resource policies and ${f2(ap.totalS - ap.inPoliciesS)} s in @pulumi/policy (one deserialisation ` +
                `of the properties per policy). Normalising every resource's rules (securityGroupRules) takes ${f2(ap.normaliseS)} s; ` +
                `the ${ap.sgPolicies} SG policies of one Analyze call share one normalisation.`);
            p();
        }
        p("| stack policy | s (model build included) |");
        p("|---|---:|");
        for (const x of pr.perPolicy) { p(`| ${x.name} | ${f2(x.s)} |`); }
    }
    const text = lines.join("\n") + "\n";
    process.stdout.write("\n" + text);
    if (opts.out !== "-") {
        fs.writeFileSync(opts.out, `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}.\n\n${text}`);
        log(`written to ${path.relative(process.cwd(), opts.out)}`);
    }
}

main().catch((e: Error) => {
    process.stderr.write(`${e.stack ?? e.message}\n`);
    process.exit(1);
});
