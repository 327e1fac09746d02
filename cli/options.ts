/**
 * The command line of `check`: its usage text and the parsing of its arguments into Options.
 */
import { InputError } from "./errors";
import { MapFormat, parseMapFormat } from "./map/format";
import type { ConfigFlags } from "./stack-config";

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
  --stack <name>               stack name used in a program's URNs, and whose Pulumi.<name>.yaml
                               config the program reads (default: dev)
  --config <key>=<value>       a config value for the program, over the stack's (repeatable)
  --secret <key>=<value>       a secret config value for the program (repeatable)
  --config-file <file>         stack settings (YAML or JSON with a config: map) to read instead of
                               Pulumi.<stack>.yaml
  --timeout <seconds>          time limit for running the program, and again for the pack's analysis (default: 120)
  --fail-on-incomplete         exit 3 when the check cannot see everything (a multi-language
                               component's children), unless a mandatory violation exits 1
  --exit-zero                  exit 0 even when a mandatory violation is found
  --map <file>                 also write a map of the network: VPCs, subnets, resources, security
                               groups, the paths from the internet and each resource's findings
  --map-format html|mermaid|dot  the map's format (default: by the file's extension, .mmd or .dot, else html)
  -h, --help                   show this help

Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 a usage or input error
(also a program that fails, stalls or runs out of time), 3 an incomplete check with
--fail-on-incomplete, 130/143 stopped by SIGINT/SIGTERM.
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

const VALUE_OPTIONS = ["--stack-export", "--policy-pack-config", "--format", "--stack", "--config", "--secret", "--config-file", "--timeout", "--map", "--map-format"];

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
                case "--map": opts.map = value; break;
                case "--map-format": opts.mapFormat = parseMapFormat(value); break;
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
    opts.program = positional[0];
    return opts;
}
