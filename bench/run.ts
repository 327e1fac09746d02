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
import * as fs from "fs";
import * as path from "path";
import { analyzeRequest, analyzeStackRequest } from "../runner/analyzer-messages";
import { SyntheticStack, generateStack } from "./generate";
import { Run, coldStarts, measure, measureOrFail, medianRun, wire } from "./measure";
import { BENCH, FLOOR_DIR, REPO, WORK, awsguardPackDir, linkNodeModules, tsSourcePackDir } from "./pack-dirs";
import { AnalyzeProfile, StackProfile, profileAnalyze, profileStack } from "./profile";
import { Row, f2, report } from "./report";

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
        const analyze = s.analyze.map(analyzeRequest);
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

    const text = report(rows, opts.runs, cold, coldTs);
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
