// The benchmark's report: the table of runs, the targets, and the in-process breakdowns.
import * as os from "os";
import { AnalyzeProfile, StackProfile } from "./profile";
import { CONCURRENCY, Run, median, pairedRatio } from "./measure";

export const f2 = (x: number) => x.toFixed(2);
const ms = (x: number) => (x * 1000).toFixed(3);
const ok = (b: boolean) => (b ? "meets" : "MISSES");

const LOAD_AT_START = os.loadavg()[0];

function machine(): string {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    return `${os.cpus().length} CPUs (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}` +
        `; 1-minute load average ${LOAD_AT_START.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end (above ${os.cpus().length}, other processes competed for the CPUs)`;
}

export interface Row {
    n: number; unknownIds: number; a: Run; b: Run; aRuns: Run[]; bRuns: Run[]; c?: Run; cReason?: string;
    profile?: StackProfile; analyzeProfile?: AnalyzeProfile;
}

/** The report's text (markdown): `runs` is --runs, `cold` and `coldTs` the cold starts compiled and from source. */
export function report(rows: Row[], runs: number, cold: number[], coldTs: number[]): string {
    const lines: string[] = [];
    const p = (s = "") => lines.push(s);
    p(`Machine: ${machine()}. Analyze calls ${CONCURRENCY} at a time; one fresh pack process per run; times in seconds. ` +
        `Up to 10k resources, (a) and (b) ran ${Math.max(1, runs)} times each, alternating, and the table shows the run of median total; above, once. ` +
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
    return lines.join("\n") + "\n";
}
