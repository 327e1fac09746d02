/**
 * aws-network-guardrails: run the pack without a cloud account.
 *
 *   check <program-dir>          a Pulumi program, run under mocks as a first `pulumi preview`
 *   check --stack-export <file>  a deployed stack, from `pulumi stack export`
 *
 * Exit codes: 0 passed, 1 a finding at the --fail-on level (mandatory by default) that no exemption
 * and no baseline covers, 2 a usage or input error (one line on stderr, never a stack trace), 3 an
 * incomplete check with --fail-on-incomplete (and nothing that exits 1).
 */
import * as fs from "fs";
import { constants } from "os";
import * as path from "path";
import type { PackClient, PolicyPackConfig } from "../runner/analyzer-client";
import { baselineText, readBaseline } from "./baseline";
import { CheckInput, PACK_DIR, check, startGuardrails } from "./check";
import { COLOURS, PLAIN, Paint, colourWanted } from "./colour";
import { InputError, errorLines, oneLine, within } from "./errors";
import { formatJson } from "./format-json";
import { SarifContext, formatSarif } from "./format-sarif";
import { escapeControls, formatText } from "./format-text";
import { lookupWarnings, notExpanded } from "./incomplete";
import { Report } from "./model";
import { DEFAULT_TIMEOUT_SECONDS, Format, Options, USAGE, parseArgs } from "./options";
import { exitCode, judge } from "./outcome";
import { loadProgram, programLocations, programRequests } from "./program";
import { readProgramConfig } from "./stack-config";
import { loadStackExport, readJsonFile } from "./stack-export";

export { BIN, DEFAULT_TIMEOUT_SECONDS, FAIL_ON, FORMATS, SEVERITIES, USAGE, parseArgs } from "./options";
export type { FailOn, Format, Options, Output } from "./options";

function readConfig(file: string | undefined): PolicyPackConfig {
    if (file === undefined) {
        return {};
    }
    const doc = readJsonFile(file, "policy pack config");
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
        throw new InputError(`policy pack config ${file} must be a JSON object of policy names`);
    }
    return doc as PolicyPackConfig;
}

async function readInput(opts: Options, signal: AbortSignal): Promise<CheckInput> {
    if (opts.stackExport !== undefined) {
        const e = loadStackExport(opts.stackExport);
        return {
            source: { kind: "stack-export", path: opts.stackExport, artifact: path.resolve(opts.stackExport), project: e.project, stack: e.stack },
            analyzed: e.analyzed,
            stackResources: e.stackResources,
        };
    }
    const dir = opts.program as string;
    const config = readProgramConfig(dir, opts.stack, opts.programConfig ?? { config: [], secret: [] });
    const p = await loadProgram(dir, { stack: opts.stack, timeoutSeconds: opts.timeout ?? DEFAULT_TIMEOUT_SECONDS, signal, ...(config ? { config } : {}) });
    if (p.captured.resources.every((r) => r.type === "pulumi:pulumi:Stack" || r.type.startsWith("pulumi:providers:"))) {
        throw new InputError(`program ${dir} is an empty stack: it registers no resources to check`);
    }
    return {
        source: { kind: "program", path: dir, artifact: p.entry, project: p.project, stack: opts.stack },
        ...programRequests(p.captured, dir),
        incomplete: notExpanded(p.captured),
        warnings: lookupWarnings(p.captured),
        locations: programLocations(p.captured),
    };
}

/** This package's version, and its home page when package.json names one. */
export function packageInfo(): { version: string; homepage?: string } {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string; homepage?: unknown };
    return { version: pkg.version, ...(typeof pkg.homepage === "string" && pkg.homepage !== "" ? { homepage: pkg.homepage } : {}) };
}

export function format(r: Report, f: Format, ctx: { paint?: Paint; sarif?: SarifContext } = {}): string {
    return f === "json" ? formatJson(r) : f === "sarif" ? formatSarif(r, ctx.sarif) : formatText(r, ctx.paint);
}

/** Writes a report or baseline file, making its directory; an error says which option named it. */
function writeFile(file: string, text: string, option: string): void {
    try {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        fs.writeFileSync(file, text);
    } catch (e) {
        throw new InputError(`cannot write ${option} ${file}: ${(e as NodeJS.ErrnoException).code ?? oneLine(e)}`);
    }
}

export interface Io {
    stdout(text: string): void;
    stderr(text: string): void;
    /** Whether a text report on stdout is coloured (default: not). */
    colour?: boolean;
}

/**
 * Runs the command and returns its exit code. Aborting `stop` (with the signal's name as reason)
 * ends the program and the pack, and returns 128 + the signal's number once both are gone.
 */
export async function main(argv: string[], io: Io, stop?: AbortSignal): Promise<number> {
    let pack: Promise<PackClient> | undefined;
    const abort = new AbortController();
    const onStop = () => {
        abort.abort(stop?.reason);
        void pack?.then((p) => p.kill(), () => undefined);
    };
    stop?.addEventListener("abort", onStop, { once: true });
    try {
        const help = argv.includes("-h") || argv.includes("--help") || argv[0] === "help";
        if (!help && argv.includes("--version")) {
            io.stdout(`${packageInfo().version}\n`);
            return 0;
        }
        const opts = parseArgs(argv);
        if (!opts) {
            io.stdout(USAGE);
            return 0;
        }
        const config = readConfig(opts.config);
        const baseline = opts.baseline === undefined ? undefined : { file: opts.baseline, entries: readBaseline(opts.baseline) };
        if (opts.stackExport !== undefined) {
            loadStackExport(opts.stackExport); // fail fast on bad input, before starting the pack
        }
        // Starting the pack takes a few seconds: do it while the program runs.
        pack = startGuardrails(abort.signal);
        const input = await readInput(opts, abort.signal);
        const report = await within(opts.timeout ?? DEFAULT_TIMEOUT_SECONDS, "the policy pack's analysis", check(pack, input, config, (line) => io.stderr(`${line}\n`)));
        pack = undefined;
        if (opts.map !== undefined) {
            (await import("./map/write")).writeMap(opts.map, opts.mapFormat, input.stackResources, report);
        }
        for (const w of report.warnings) {
            io.stderr(`warning: ${escapeControls(w)}\n`);
        }
        if (opts.writeBaseline !== undefined) {
            writeFile(opts.writeBaseline, baselineText(report), "--write-baseline");
            io.stderr(`wrote baseline ${escapeControls(opts.writeBaseline)}: ${report.findings.length} findings (exempted ones are not in it)\n`);
        }
        const judged = judge(report, { failOn: opts.failOn, ...(opts.minSeverity ? { minSeverity: opts.minSeverity } : {}), ...(baseline ? { baseline } : {}) });
        const { homepage } = packageInfo();
        const sarif: SarifContext = { ...(opts.sourceRoot !== undefined ? { sourceRoot: opts.sourceRoot } : {}), ...(homepage ? { homepage } : {}) };
        for (const o of opts.outputs) {
            const text = format(judged, o.format, { paint: o.file === undefined && io.colour ? COLOURS : PLAIN, sarif });
            if (o.file === undefined) {
                io.stdout(text);
            } else {
                writeFile(o.file, text, "--output");
            }
        }
        return exitCode(judged, opts.failOnIncomplete === true);
    } catch (e) {
        if (pack) {
            abort.abort(); // kills the pack if it is still starting
            await pack.then((p) => p.close(), () => undefined);
        }
        if (stop?.aborted) {
            const signal = String(stop.reason);
            io.stderr(`error: interrupted by ${signal}: the program and the policy pack were stopped\n`);
            return 128 + (constants.signals[signal as NodeJS.Signals] ?? 0);
        }
        io.stderr(errorLines(e));
        return 2;
    } finally {
        stop?.removeEventListener("abort", onStop);
    }
}

/** The bin's entry point: runs main, writes everything out, then exits with its code. */
export function run(argv: string[]): void {
    let failed = false;
    const fail = (e: unknown) => {
        if (failed) {
            return;
        }
        failed = true;
        process.stderr.write(`error: ${escapeControls(oneLine(e))}\n`, () => process.exit(2));
    };
    process.on("uncaughtException", fail);
    process.on("unhandledRejection", fail);
    // SIGINT/SIGTERM stop the program and the pack first; a second one exits at once.
    const stop = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => {
        if (stop.signal.aborted) {
            process.exit(128 + constants.signals[signal]);
        }
        stop.abort(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const out: string[] = [];
    void main(argv, {
        stdout: (t) => { out.push(t); },
        stderr: (t) => { process.stderr.write(t); },
        colour: colourWanted(process.env, process.stdout.isTTY === true),
    }, stop.signal).then((code) => {
        process.stdout.write(out.join(""), () => process.exit(code));
    }, fail);
}
