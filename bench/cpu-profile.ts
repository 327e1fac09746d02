// CPU profiles of the pack at two stack sizes, and what grows faster than the stack.
//
//   npx ts-node --transpile-only bench/cpu-profile.ts 5000 20000
//
// For each size, a fresh `node --cpu-prof` process serves the pack (dist/index.js, as the runner
// starts it), and this process drives it over gRPC as bench/measure.ts does: Configure, one Analyze
// per resource (8 at a time), one AnalyzeStack. Prints the times, then, per phase, the functions
// with the most self time at the larger size beside their self time at the smaller one, and writes
// the profiles to bench/.work/profiles (open them in Chrome DevTools or VS Code).
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { analyzeRequest, analyzeStackRequest, configureRequest } from "../runner/analyzer-messages";
import { grpc } from "../runner/pulumi-grpc";
import { generateStack } from "./generate";
import { CONCURRENCY } from "./measure";
import { REPO, WORK } from "./pack-dirs";

const PROFILES = path.join(WORK, "profiles");

/** The phases' times, and their windows on the profile's clock (microseconds; both processes read the same monotonic clock). */
export interface Timing { n: number; analyzeS: number; stackS: number; analyzeUs: [number, number]; stackUs: [number, number] }
type Phase = "analyze" | "stack";

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** The pack, served by a profiled process that writes its profile when it gets SIGUSR2. */
const SERVE = `process.chdir(${JSON.stringify(REPO)}); process.on("SIGUSR2", () => process.exit(0)); require(${JSON.stringify(path.join(REPO, "dist", "index.js"))});`;

/** Profiles the pack while it analyses a generated stack of `n` resources; the times and the profile's file. */
async function profileAt(n: number): Promise<{ timing: Timing; profile: string }> {
    const dir = path.join(PROFILES, String(n));
    fs.rmSync(dir, { recursive: true, force: true });
    const s = generateStack(n);
    const analyze = s.analyze.map((r) => Buffer.from(analyzeRequest(r).serializeBinary()));
    const stack = Buffer.from(analyzeStackRequest(s.stack).serializeBinary());
    const child = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "-e", SERVE], { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const port = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding("utf8").once("data", (d: string) => resolve(d.trim()));
        child.once("exit", (code) => reject(new Error(`the pack exited with ${code}`)));
    });
    const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { "grpc.max_send_message_length": 1 << 30, "grpc.max_receive_message_length": 1 << 30 });
    const same = (b: Buffer) => b;
    const call = (method: string, req: Buffer) => new Promise<void>((resolve, reject) => {
        client.makeUnaryRequest(`/pulumirpc.Analyzer/${method}`, same, same, req, (err) => (err ? reject(err) : resolve()));
    });
    try {
        await call("Configure", Buffer.from(configureRequest({}).serializeBinary()));
        const [t0, u0] = [performance.now(), nowUs()];
        let next = 0;
        await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
            while (next < analyze.length) {
                await call("Analyze", analyze[next++]);
            }
        }));
        const [t1, u1] = [performance.now(), nowUs()];
        await call("AnalyzeStack", stack);
        const timing: Timing = { n, analyzeS: (t1 - t0) / 1000, stackS: (performance.now() - t1) / 1000, analyzeUs: [u0, u1], stackUs: [u1, nowUs()] };
        child.kill("SIGUSR2");
        await exited;
        return { timing, profile: path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!) };
    } finally {
        client.close();
        child.kill();
    }
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface Profile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }

/** Self time per function (name, file and line), in seconds, of the samples within `window` (microseconds). */
export function selfTimes(p: Profile, [from, to]: [number, number]): Map<string, number> {
    const keys = new Map(p.nodes.map((node) => {
        const { functionName, url, lineNumber } = node.callFrame;
        const file = url.replace(/^file:\/\//, "").replace(`${REPO}/`, "").replace(/^.*node_modules\//, "");
        return [node.id, `${functionName || "(anonymous)"} ${file ? `${file}:${lineNumber + 1}` : ""}`.trim()];
    }));
    const out = new Map<string, number>();
    let t = p.startTime;
    p.samples.forEach((id, i) => {
        t += p.timeDeltas[i];
        // A sample stands for the time up to the next one.
        const dt = (p.timeDeltas[i + 1] ?? 0) / 1e6;
        if (t >= from && t < to) {
            const key = keys.get(id)!;
            out.set(key, (out.get(key) ?? 0) + dt);
        }
    });
    return out;
}

export interface Profiled { n: number; timing: Timing; profile: string }

/** The profiles' top entries of one phase at the larger size, as a markdown table. */
export function topEntries(small: Profiled, large: Profiled, phase: Phase, top = 15): string {
    const window = (r: Profiled) => (phase === "analyze" ? r.timing.analyzeUs : r.timing.stackUs);
    const read = (r: Profiled) => selfTimes(JSON.parse(fs.readFileSync(r.profile, "utf8")) as Profile, window(r));
    const [a, b] = [read(small), read(large)];
    const total = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
    const rows = [...b.entries()].sort((x, y) => y[1] - x[1]).slice(0, top);
    const lines = [`| function (self time) | ${small.n} resources, s | ${large.n} resources, s | share at ${large.n} | growth |`, "|---|---:|---:|---:|---:|"];
    for (const [key, s] of rows) {
        const before = a.get(key) ?? 0;
        lines.push(`| \`${key}\` | ${before.toFixed(2)} | ${s.toFixed(2)} | ${((100 * s) / total(b)).toFixed(1)}% | ${before > 0 ? (s / before).toFixed(1) : "-"}x |`);
    }
    lines.push(`| all | ${total(a).toFixed(2)} | ${total(b).toFixed(2)} | 100% | ${(total(b) / total(a)).toFixed(1)}x |`);
    return lines.join("\n");
}

export interface CpuProfiles {
    readonly runs: readonly Profiled[];
    /** The top entries of AnalyzeStack and of Analyze, as markdown tables. */
    readonly stack: string;
    readonly analyze: string;
}

/** Profiles the pack at two sizes. */
export async function cpuProfiles(small: number, large: number): Promise<CpuProfiles> {
    const runs: Profiled[] = [];
    for (const n of [small, large]) {
        runs.push({ n, ...await profileAt(n) });
    }
    return { runs, stack: topEntries(runs[0], runs[1], "stack"), analyze: topEntries(runs[0], runs[1], "analyze") };
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const [small, large] = (args.length >= 2 ? args : ["5000", "20000"]).map(Number);
    const profiles = await cpuProfiles(small, large);
    for (const r of profiles.runs) {
        process.stdout.write(`${r.n} resources: Analyze ${r.timing.analyzeS.toFixed(2)} s + AnalyzeStack ${r.timing.stackS.toFixed(2)} s (profile ${path.relative(REPO, r.profile)})\n`);
    }
    process.stdout.write(`\nAnalyzeStack:\n\n${profiles.stack}\n\nAnalyze (all calls):\n\n${profiles.analyze}\n`);
}

if (require.main === module) {
    main().catch((e: Error) => { process.stderr.write(`${e.stack}\n`); process.exit(1); });
}
