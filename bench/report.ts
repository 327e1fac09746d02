// The benchmark's report: the table of runs, AnalyzeStack alone, the targets, the in-process
// breakdowns and the CPU profiles' top entries.
import * as os from "os";
import { CpuProfiles } from "./cpu-profile";
import { AnalyzeProfile, StackProfile } from "./profile";
import { CONCURRENCY, Run, median, pairedRatio } from "./measure";

export const f2 = (x: number) => x.toFixed(2);
const ok = (b: boolean) => (b ? "meets" : "MISSES");

const LOAD_AT_START = os.loadavg()[0];
const loads: number[] = [];

/** Records the 1-minute load average (before each measured run). */
export function noteLoad(): void {
    loads.push(os.loadavg()[0]);
}

function machine(): string {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const during = loads.length > 0 ? `, ${f2(Math.min(...loads))}-${f2(Math.max(...loads))} before the measured runs` : "";
    return `${os.cpus().length} CPUs (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}` +
        `; 1-minute load average ${LOAD_AT_START.toFixed(1)} at the start${during} and ${os.loadavg()[0].toFixed(1)} at the end` +
        ` (above ${os.cpus().length}, other processes competed for the CPUs)`;
}

export interface Row {
    n: number; unknownIds: number; a: Run; b: Run; aRuns: Run[]; bRuns: Run[]; c?: Run; cRuns?: Run[]; cReason?: string;
    profile?: StackProfile; analyzeProfile?: AnalyzeProfile;
}

const phases = (r: Run) => `${f2(r.analyzeS)} + ${f2(r.stackS)} = ${f2(r.totalS)}`;
const mb = (r: Run) => `${r.rssMb.toFixed(0)} MB`;

/** The report's text (markdown): `runs` is --runs, `cold` and `coldTs` the cold starts compiled and from source. */
export function report(rows: Row[], runs: number, cold: number[], coldTs: number[], cpu?: CpuProfiles): string {
    const lines: string[] = [];
    const p = (s = "") => lines.push(s);
    const stack = (r: Run) => r.stackS;
    p(`Machine: ${machine()}. Analyze calls ${CONCURRENCY} at a time; one fresh pack process per run; times in seconds. ` +
        `Up to 20k resources, (a), (b) and (c) ran ${Math.max(1, runs)} times each, one after the other, and the tables show the run of median total; above, once. ` +
        "a/b and a/c are the medians of the ratios of each (a) to the (b) and (c) that ran right after it, under the same load.");
    p();
    p("| resources | unknown IDs | (a) pack: Analyze + AnalyzeStack = total | (a) peak RSS | (b) floor: Analyze + AnalyzeStack = total | (b) peak RSS | (c) AWSGuard: Analyze + AnalyzeStack = total | (c) peak RSS | a/b | a/c | findings (a) |");
    p("|---:|---:|---|---:|---|---:|---|---:|---:|---:|---:|");
    for (const r of rows) {
        const a = r.a.failed ?? phases(r.a);
        const b = r.b.failed ?? phases(r.b);
        const c = r.c ? [phases(r.c), mb(r.c), f2(pairedRatio(r.aRuns, r.cRuns!).median)] : [`not available: ${r.cReason ?? "?"}`, "", ""];
        const ab = r.a.failed || r.b.failed ? "" : f2(pairedRatio(r.aRuns, r.bRuns).median);
        p(`| ${r.n} | ${r.unknownIds} | ${a} | ${r.a.failed ? "" : mb(r.a)} | ${b} | ${r.b.failed ? "" : mb(r.b)} | ${c[0]} | ${c[1]} | ${ab} | ${c[2]} | ${r.a.diagnostics} |`);
    }
    p();
    p("AnalyzeStack alone (the same runs), where @pulumi/policy used to copy the whole stack once per stack policy:");
    p();
    p("| resources | (a) pack | (b) floor | (c) AWSGuard | a/b | a/c |");
    p("|---:|---:|---:|---:|---:|---:|");
    for (const r of rows.filter((x) => !x.a.failed && !x.b.failed)) {
        p(`| ${r.n} | ${f2(r.a.stackS)} | ${f2(r.b.stackS)} | ${r.c ? f2(r.c.stackS) : ""} | ${f2(pairedRatio(r.aRuns, r.bRuns, stack).median)} | ` +
            `${r.c ? f2(pairedRatio(r.aRuns, r.cRuns!, stack).median) : ""} |`);
    }
    p();
    const at = (n: number) => rows.find((r) => r.n === n && !r.a.failed);
    const [r5, r20, r50] = [at(5000), at(20000), at(50000)];
    const pairs = (x: { median: number; each: number[] }) => `${f2(x.median)}${x.each.length > 1 ? ` (runs: ${x.each.map(f2).join(", ")})` : ""}`;
    p("| target | measured | |");
    p("|---|---|---|");
    if (r20) {
        const ab = pairedRatio(r20.aRuns, r20.bRuns);
        p(`| at 20k resources, pack <= 1.0x the do-nothing floor | ${pairs(ab)} | ${ok(ab.median <= 1)} |`);
        if (r20.c) {
            const ac = pairedRatio(r20.aRuns, r20.cRuns!);
            p(`| at 20k resources, pack <= AWSGuard | ${pairs(ac)} | ${ok(ac.median <= 1)} |`);
        }
    }
    if (r5 && r20) {
        const growth = r20.a.totalS / r5.a.totalS;
        p(`| time(20k)/time(5k) <= 4.4 | ${f2(growth)} (median runs; floor: ${f2(r20.b.totalS / r5.b.totalS)}${r5.c && r20.c ? `, AWSGuard: ${f2(r20.c.totalS / r5.c.totalS)}` : ""}) | ${ok(growth <= 4.4)} |`);
    }
    if (r50) {
        p(`| peak RSS < 1.5 GB at 50k | ${mb(r50.a)} (floor: ${r50.b.failed ? "failed" : mb(r50.b)}${r50.c ? `, AWSGuard: ${mb(r50.c)}` : ""}) | ${ok(r50.a.rssMb < 1536)} |`);
    }
    p(`| cold start < 1.5 s (compiled main; median of ${cold.length}, caches cleared) | ${f2(median(cold))} s (min ${f2(Math.min(...cold))}, max ${f2(Math.max(...cold))}); ` +
        `from TypeScript source: ${coldTs.map(f2).join(", ")} s | ${ok(median(cold) < 1.5)} |`);
    for (const r of rows.filter((x) => x.profile)) {
        const pr = r.profile!;
        const inPolicies = pr.perPolicy.reduce((x, y) => x + y.s, 0);
        p();
        p(`AnalyzeStack at ${r.n} resources, in process (gRPC within the process, the shared path): ${f2(pr.totalS)} s for ${pr.stackPolicies} stack policies, ` +
            `${f2(inPolicies)} s of it in the policies. Receiving the request and building the call's arguments once (every resource deserialised, ` +
            `which @pulumi/policy alone did once per stack policy): ${f2(pr.argsS)} s. One stack-model build: ${f2(pr.modelBuildS)} s (in the first policy's time below).`);
        const ap = r.analyzeProfile;
        if (ap) {
            p();
            p(`Analyze of the ${r.n} resources, in process, ${CONCURRENCY} at a time: ${f2(ap.totalS)} s, of which ${f2(ap.inPoliciesS)} s in the pack's ` +
                `${ap.resourcePolicies} resource policies; the rest is gRPC and @pulumi/policy (one deserialisation per call).`);
        }
        p();
        p("| stack policy | s |");
        p("|---|---:|");
        for (const x of pr.perPolicy) { p(`| ${x.name} | ${f2(x.s)} |`); }
    }
    if (cpu) {
        p();
        p("CPU profiles (`node --cpu-prof`, bench/cpu-profile.ts): the pack profiled in a process of its own, driven over gRPC from the bench's, " +
            cpu.runs.map((r) => `${r.n} resources: Analyze ${f2(r.timing.analyzeS)} s + AnalyzeStack ${f2(r.timing.stackS)} s`).join("; ") +
            ". Top entries by self time; growth is the ratio of the two sizes' self times (4x the resources).");
        p();
        p("AnalyzeStack:");
        p();
        p(cpu.stack);
        p();
        p("Analyze (all calls; `(idle)` is the pack waiting for the next request):");
        p();
        p(cpu.analyze);
    }
    return lines.join("\n") + "\n";
}
