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
// Peak RSS is the pack process's VmHWM. (a), (b) and (c) run one after the other, `--runs` times at
// sizes up to 20k, and once above.
// Also: the cold start of this pack (spawn to port printed, fresh process, caches cleared) compiled and
// from TypeScript source, in-process breakdowns of Analyze and AnalyzeStack per policy, and CPU
// profiles of the pack at 5k and 20k resources (bench/cpu-profile.ts).
//
//   npm run bench                          # 5k, 10k, 20k, 50k; writes bench/results.md
//   npm run bench -- --sizes 1000 --no-awsguard --no-cpu-profile --out -
//   npm run bench -- --runs 5               # (a), (b), (c) five times each at sizes up to 20k (default 3)
import * as fs from "fs";
import * as path from "path";
import { analyzeRequest, analyzeStackRequest } from "../runner/analyzer-messages";
import { SyntheticStack, generateStack } from "./generate";
import { CpuProfiles, cpuProfiles } from "./cpu-profile";
import { Run, coldStarts, measure, measureOrFail, medianRun, wire } from "./measure";
import { BENCH, FLOOR_DIR, REPO, WORK, awsguardPackDir, linkNodeModules, tsSourcePackDir } from "./pack-dirs";
import { AnalyzeProfile, StackProfile, profileAnalyze, profileStack } from "./profile";
import { Row, f2, noteLoad, report } from "./report";

function args() {
    const a = process.argv.slice(2);
    const value = (flag: string) => { const i = a.indexOf(flag); return i >= 0 ? a[i + 1] : undefined; };
    return {
        sizes: (value("--sizes") ?? "5000,10000,20000,50000").split(",").map(Number),
        awsguard: !a.includes("--no-awsguard"),
        cpuProfile: !a.includes("--no-cpu-profile"),
        out: value("--out") ?? path.join(BENCH, "results.md"),
        coldRuns: Number(value("--cold-runs") ?? "5"),
        // Runs of (a), (b) and (c), one after the other, at sizes up to 20k; the table shows the median run of each.
        runs: Number(value("--runs") ?? "3"),
    };
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

    const rows: Row[] = [];
    let guardReason = guard.reason;
    for (const n of opts.sizes) {
        const s: SyntheticStack = generateStack(n);
        const requests = wire(s.analyze.map(analyzeRequest), analyzeStackRequest(s.stack));
        const runs = n <= 20000 ? Math.max(1, opts.runs) : 1;
        const [aRuns, bRuns, cRuns]: Run[][] = [[], [], []];
        for (let i = 1; i <= runs; i++) {
            log(`${n} resources (${s.unknownIds} with unknown IDs), run ${i} of ${runs}:`);
            for (const [label, dir, into] of [["(a) pack", REPO, aRuns], ["(b) floor", FLOOR_DIR, bRuns]] as const) {
                noteLoad();
                into.push(await measureOrFail(dir, requests));
                const r = into[into.length - 1];
                log(`  ${label}: ${f2(r.totalS)} s, ${r.rssMb.toFixed(0)} MB ${r.failed ?? ""}`);
            }
            if (guard.dir && !guardReason) {
                try {
                    noteLoad();
                    cRuns.push(await measure(guard.dir, requests));
                    log(`  (c) AWSGuard: ${f2(cRuns[i - 1].totalS)} s, ${cRuns[i - 1].rssMb.toFixed(0)} MB`);
                } catch (e) {
                    guardReason = `failed: ${(e as Error).message.split("\n")[0]}`;
                }
            }
        }
        let profile: StackProfile | undefined;
        let analyzeProfile: AnalyzeProfile | undefined;
        if (n === 20000 || opts.sizes.length === 1) {
            log("  in-process AnalyzeStack and Analyze breakdowns ...");
            profile = await profileStack(requests.stack);
            analyzeProfile = await profileAnalyze(requests.analyze);
        }
        rows.push({
            n, unknownIds: s.unknownIds, a: medianRun(aRuns), b: medianRun(bRuns), aRuns, bRuns,
            ...(cRuns.length === runs ? { c: medianRun(cRuns), cRuns } : { cReason: guardReason ?? "not run" }), profile, analyzeProfile,
        });
    }
    let cpu: CpuProfiles | undefined;
    if (opts.cpuProfile) {
        log("CPU profiles of the pack at 5k and 20k resources ...");
        cpu = await cpuProfiles(5000, 20000);
    }

    const text = report(rows, opts.runs, cold, coldTs, cpu);
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
