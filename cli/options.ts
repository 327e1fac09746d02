/**
 * The command line of `check`: its usage text and the parsing of its arguments into Options.
 */
import * as path from "path";
import { InputError } from "./errors";
import { MapFormat, parseMapFormat } from "./map/format";
import type { ConfigFlags } from "./stack-config";

export const BIN = "aws-network-guardrails";

export const USAGE = `Usage: ${BIN} check <program-dir> [options]
       ${BIN} check --stack-export <file> [options]
       ${BIN} --version

Runs the aws-network-guardrails policy pack without a cloud account: on a Pulumi program run
under Pulumi's mock runtime as a first \`pulumi preview\`, or on a deployed stack's
\`pulumi stack export\` JSON.

Options:
  --stack-export <file>        check a stack export instead of a program
  --policy-pack-config <file>  policy levels and options, the JSON of \`pulumi preview --policy-pack-config\`
  --format text|json|sarif     report format (default: text); repeat it, each with its own --output,
                               to write several formats in one run
  --output <file>              write the report of the --format before it to <file> (default: stdout)
  --fail-on <level>            mandatory (default): exit 1 on a mandatory finding; advisory: on any
                               finding; none: never exit 1
  --min-severity <severity>    report only findings of this severity or above (low, medium, high,
                               critical); hidden findings still count for --fail-on
  --baseline <file>            findings the baseline holds are reported as existing and do not fail
  --write-baseline <file>      write every finding of this run to <file>, as a baseline
  --source-root <dir>          the directory SARIF paths are relative to (default: the git
                               repository of the input, else its directory)
  --stack <name>               stack name used in a program's URNs, and whose Pulumi.<name>.yaml
                               config the program reads (default: dev)
  --config <key>=<value>       a config value for the program, over the stack's (repeatable)
  --secret <key>=<value>       a secret config value for the program (repeatable)
  --config-file <file>         stack settings (YAML or JSON with a config: map) to read instead of
                               Pulumi.<stack>.yaml
  --timeout <seconds>          time limit for running the program, and again for the pack's analysis (default: 120)
  --fail-on-incomplete         exit 3 when the check cannot see everything (a multi-language
                               component's children), unless a finding fails the check (exit 1)
  --exit-zero                  the same as --fail-on none
  --map <file>                 also write a map of the network: VPCs, subnets, resources, security
                               groups, the paths from the internet and each resource's findings
  --map-format html|mermaid|dot  the map's format (default: by the file's extension, .mmd or .dot, else html)
  --version                    print the version
  -h, --help                   show this help

Exit codes: 0 passed, 1 a finding at the --fail-on level that no exemption and no baseline
covers, 2 a usage or input error (also a program that fails, stalls or runs out of time),
3 an incomplete check with --fail-on-incomplete, 130/143 stopped by SIGINT/SIGTERM.
Colour: text on a terminal is coloured; NO_COLOR=1 turns it off, FORCE_COLOR=1 on (FORCE_COLOR=0 off).
`;

export const FORMATS = ["text", "json", "sarif"] as const;
export type Format = typeof FORMATS[number];

export const FAIL_ON = ["mandatory", "advisory", "none"] as const;
export type FailOn = typeof FAIL_ON[number];

/** The severities of the pack's policies, lowest first. */
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type SeverityName = typeof SEVERITIES[number];

/** One report: its format, and the file it goes to (stdout when unset). */
export interface Output {
    format: Format;
    file?: string;
}

export interface Options {
    program?: string;
    stackExport?: string;
    config?: string;
    /** At least one; at most one without a file. */
    outputs: Output[];
    stack: string;
    failOn: FailOn;
    minSeverity?: SeverityName;
    baseline?: string;
    writeBaseline?: string;
    sourceRoot?: string;
    /** --config, --secret, --config-file; absent when none is given. */
    programConfig?: ConfigFlags;
    failOnIncomplete?: true;
    /** Seconds (--timeout); DEFAULT_TIMEOUT_SECONDS when not given. */
    timeout?: number;
    /** --map <file>, and --map-format. */
    map?: string;
    mapFormat?: MapFormat;
}

export const DEFAULT_TIMEOUT_SECONDS = 120;

const VALUE_OPTIONS = ["--stack-export", "--policy-pack-config", "--format", "--output", "--fail-on", "--min-severity", "--baseline",
    "--write-baseline", "--source-root", "--stack", "--config", "--secret", "--config-file", "--timeout", "--map", "--map-format"];

/** "a, b or c". */
const oneOf = (values: readonly string[]) => `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;

function choice<T extends string>(option: string, value: string, values: readonly T[]): T {
    if (!(values as readonly string[]).includes(value)) {
        throw new InputError(`unknown ${option} '${value}': use ${oneOf(values)}`);
    }
    return value as T;
}

/**
 * The outputs from the --format and --output options in the order given: each --output belongs to the
 * --format just before it; an --output alone writes text.
 */
function outputsOf(given: { option: "--format" | "--output"; value: string }[]): Output[] {
    const outputs: Output[] = [];
    for (const { option, value } of given) {
        const last = outputs[outputs.length - 1];
        if (option === "--format") {
            outputs.push({ format: choice("--format", value, FORMATS) });
        } else if (last && last.file === undefined) {
            last.file = value;
        } else if (!last && !given.some((g) => g.option === "--format")) {
            outputs.push({ format: "text", file: value });
        } else {
            throw new InputError(last
                ? `--output ${value} follows --format ${last.format} --output ${last.file}: give each --output right after its own --format`
                : `--output ${value} comes before any --format: give each --output right after its own --format`);
        }
    }
    const formats = outputs.map((o) => o.format);
    const twice = formats.find((f, i) => formats.indexOf(f) !== i);
    if (twice) {
        throw new InputError(`--format ${twice} is given twice: give each format once, each with its own --output`);
    }
    const toStdout = outputs.filter((o) => o.file === undefined);
    if (toStdout.length > 1) {
        throw new InputError(`--format ${toStdout[0].format} and --format ${toStdout[1].format} would both go to stdout: give all but one an --output <file>`);
    }
    const files = outputs.flatMap((o) => (o.file === undefined ? [] : [path.resolve(o.file)]));
    const same = files.find((f, i) => files.indexOf(f) !== i);
    if (same) {
        throw new InputError(`two reports would be written to ${path.relative(process.cwd(), same) || same}: give each --output its own file`);
    }
    return outputs.length > 0 ? outputs : [{ format: "text" }];
}

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
    const opts: Options = { outputs: [], stack: "dev", failOn: "mandatory" };
    const reports: { option: "--format" | "--output"; value: string }[] = [];
    let failOn: FailOn | undefined;
    let exitZero = false;
    const programConfig = () => opts.programConfig ??= { config: [], secret: [] };
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
                case "--config": programConfig().config.push(value); break;
                case "--secret": programConfig().secret.push(value); break;
                case "--config-file": programConfig().configFile = value; break;
                case "--timeout":
                    if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) {
                        throw new InputError(`--timeout needs a number of seconds greater than 0, got '${value}'`);
                    }
                    opts.timeout = Number(value);
                    break;
                case "--format":
                case "--output":
                    reports.push({ option: arg, value });
                    break;
                case "--fail-on":
                    if (failOn !== undefined) {
                        throw new InputError("--fail-on is given twice");
                    }
                    failOn = choice("--fail-on", value, FAIL_ON);
                    break;
                case "--min-severity": opts.minSeverity = choice("--min-severity", value, SEVERITIES); break;
                case "--baseline": opts.baseline = value; break;
                case "--write-baseline": opts.writeBaseline = value; break;
                case "--source-root": opts.sourceRoot = value; break;
                case "--map": opts.map = value; break;
                case "--map-format": opts.mapFormat = parseMapFormat(value); break;
            }
        } else if (arg === "--exit-zero" && value === undefined) {
            exitZero = true;
        } else if (arg === "--fail-on-incomplete" && value === undefined) {
            opts.failOnIncomplete = true;
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
    if (opts.stackExport !== undefined && opts.programConfig !== undefined) {
        throw new InputError("--config, --secret and --config-file configure a program; a stack export has its values already");
    }
    if (opts.mapFormat !== undefined && opts.map === undefined) {
        throw new InputError("--map-format needs --map <file>");
    }
    if (exitZero && failOn !== undefined && failOn !== "none") {
        throw new InputError(`--exit-zero means --fail-on none, which contradicts --fail-on ${failOn}: give one of them`);
    }
    opts.failOn = exitZero ? "none" : failOn ?? "mandatory";
    opts.outputs = outputsOf(reports);
    const written = opts.outputs.flatMap((o) => (o.file === undefined ? [] : [path.resolve(o.file)]));
    if (opts.writeBaseline !== undefined && written.includes(path.resolve(opts.writeBaseline))) {
        throw new InputError(`--write-baseline ${opts.writeBaseline} is also an --output: give the baseline a file of its own`);
    }
    if (opts.baseline !== undefined && written.includes(path.resolve(opts.baseline))) {
        throw new InputError(`--baseline ${opts.baseline} is also an --output, which would overwrite it: give the report another file`);
    }
    opts.program = positional[0];
    return opts;
}
