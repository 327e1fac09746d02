/**
 * aws-network-guardrails: run the pack without a cloud account.
 *
 *   check <program-dir>          a Pulumi program, run under mocks as a first `pulumi preview`
 *   check --stack-export <file>  a deployed stack, from `pulumi stack export`
 *
 * Exit codes: 0 no mandatory violation (advisory findings allowed), 1 a mandatory violation,
 * 2 a usage or input error (one line on stderr, never a stack trace).
 */
import { constants } from "os";
import * as path from "path";
import type { PackClient, PolicyPackConfig } from "../runner/analyzer-client";
import { CheckInput, check, startGuardrails } from "./check";
import { InputError, errorLines, oneLine, within } from "./errors";
import { formatJson } from "./format-json";
import { formatSarif } from "./format-sarif";
import { escapeControls, formatText } from "./format-text";
import { Report } from "./model";
import { loadProgram, programLocations, programRequests } from "./program";
import { loadStackExport, readJsonFile } from "./stack-export";

export const BIN = "aws-network-guardrails";

export const USAGE = `Usage: ${BIN} check <program-dir> [options]
       ${BIN} check --stack-export <file> [options]

Runs the aws-network-guardrails policy pack without a cloud account: on a Pulumi program run
under Pulumi's mock runtime as a first \`pulumi preview\`, or on a deployed stack's
\`pulumi stack export\` JSON.

Options:
  --stack-export <file>        check a stack export instead of a program
  --policy-pack-config <file>  policy levels and options, the JSON of \`pulumi preview --policy-pack-config\`
  --format text|json|sarif     report format (default: text)
  --stack <name>               stack name used in a program's URNs (default: dev)
  --timeout <seconds>          time limit for running the program, and again for the pack's analysis (default: 120)
  --exit-zero                  exit 0 even when a mandatory violation is found
  -h, --help                   show this help

Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 a usage or input error
(also a program that fails, stalls or runs out of time), 130/143 stopped by SIGINT/SIGTERM.
`;

export const FORMATS = ["text", "json", "sarif"] as const;
export type Format = typeof FORMATS[number];

export interface Options {
    program?: string;
    stackExport?: string;
    config?: string;
    format: Format;
    stack: string;
    exitZero: boolean;
    /** Seconds (--timeout); DEFAULT_TIMEOUT_SECONDS when not given. */
    timeout?: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 120;

const VALUE_OPTIONS = ["--stack-export", "--policy-pack-config", "--format", "--stack", "--timeout"];

/** Parses `check ...` arguments; undefined means "print help". */
export function parseArgs(argv: string[]): Options | undefined {
    if (argv.includes("-h") || argv.includes("--help") || argv[0] === "help") {
        return undefined;
    }
    if (argv.length === 0) {
        throw new InputError(`missing command: try \`${BIN} check <program-dir>\` or \`${BIN} --help\``);
    }
    const [command, ...rest] = argv;
    if (command !== "check") {
        throw new InputError(`unknown command '${command}': the only command is \`check\` (see --help)`);
    }
    const opts: Options = { format: "text", stack: "dev", exitZero: false };
    const positional: string[] = [];
    for (let i = 0; i < rest.length; i++) {
        let arg = rest[i];
        let value: string | undefined;
        const eq = arg.indexOf("=");
        if (arg.startsWith("--") && eq > 0) {
            value = arg.slice(eq + 1);
            arg = arg.slice(0, eq);
        }
        if (VALUE_OPTIONS.includes(arg)) {
            if (value === undefined) {
                value = rest[++i];
                if (value === undefined || value.startsWith("--")) {
                    throw new InputError(`${arg} needs a value`);
                }
            }
            switch (arg) {
                case "--stack-export": opts.stackExport = value; break;
                case "--policy-pack-config": opts.config = value; break;
                case "--stack": opts.stack = value; break;
                case "--timeout":
                    if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) {
                        throw new InputError(`--timeout needs a number of seconds greater than 0, got '${value}'`);
                    }
                    opts.timeout = Number(value);
                    break;
                case "--format":
                    if (!(FORMATS as readonly string[]).includes(value)) {
                        throw new InputError(`unknown --format '${value}': use text, json or sarif`);
                    }
                    opts.format = value as Format;
                    break;
            }
        } else if (arg === "--exit-zero" && value === undefined) {
            opts.exitZero = true;
        } else if (arg.startsWith("-")) {
            throw new InputError(`unknown option '${rest[i]}' (see --help)`);
        } else {
            positional.push(arg);
        }
    }
    if (positional.length > 1) {
        throw new InputError(`check takes one program directory, got ${positional.length}: ${positional.join(" ")}`);
    }
    if (positional.length === 1 && opts.stackExport !== undefined) {
        throw new InputError("give either a program directory or --stack-export <file>, not both");
    }
    if (positional.length === 0 && opts.stackExport === undefined) {
        throw new InputError("check needs a program directory or --stack-export <file> (see --help)");
    }
    opts.program = positional[0];
    return opts;
}

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
    const p = await loadProgram(dir, { stack: opts.stack, timeoutSeconds: opts.timeout ?? DEFAULT_TIMEOUT_SECONDS, signal });
    if (p.captured.resources.every((r) => r.type === "pulumi:pulumi:Stack" || r.type.startsWith("pulumi:providers:"))) {
        throw new InputError(`program ${dir} is an empty stack: it registers no resources to check`);
    }
    return {
        source: { kind: "program", path: dir, artifact: p.entry, project: p.project, stack: opts.stack },
        ...programRequests(p.captured, dir),
        locations: programLocations(p.captured),
    };
}

export function format(r: Report, f: Format): string {
    return f === "json" ? formatJson(r) : f === "sarif" ? formatSarif(r) : formatText(r);
}

export interface Io {
    stdout(text: string): void;
    stderr(text: string): void;
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
        const opts = parseArgs(argv);
        if (!opts) {
            io.stdout(USAGE);
            return 0;
        }
        const config = readConfig(opts.config);
        if (opts.stackExport !== undefined) {
            loadStackExport(opts.stackExport); // fail fast on bad input, before starting the pack
        }
        // Starting the pack takes a few seconds: do it while the program runs.
        pack = startGuardrails(abort.signal);
        const input = await readInput(opts, abort.signal);
        const report = await within(opts.timeout ?? DEFAULT_TIMEOUT_SECONDS, "the policy pack's analysis", check(pack, input, config, (line) => io.stderr(`${line}\n`)));
        pack = undefined;
        for (const w of report.warnings) {
            io.stderr(`warning: ${escapeControls(w)}\n`);
        }
        io.stdout(format(report, opts.format));
        const mandatory = report.findings.some((f) => f.level === "mandatory");
        return mandatory && !opts.exitZero ? 1 : 0;
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
    }, stop.signal).then((code) => {
        process.stdout.write(out.join(""), () => process.exit(code));
    }, fail);
}
