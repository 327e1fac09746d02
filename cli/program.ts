/**
 * Runs a TypeScript (or JavaScript) Pulumi program under Pulumi's mock runtime, in preview mode,
 * the way `pulumi preview` runs it: the entry point is the directory's `main` (Pulumi.yaml) or its
 * package's main / index, and a module that exports a function has that function called.
 */
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import type { AnalyzedResource, StackResource } from "../runner/analyzer-client";
import { CapturedStack, captureProgram, toAnalyzedResources, toStackResources } from "../runner/capture";
import { UnansweredLookup, afterLookups } from "../runner/lookups";
import { InputError } from "./errors";
import { ProgramConfig, configFailure } from "./stack-config";
import { analyzerProps } from "./wire-values";

export interface LoadedProgram {
    project: string;
    /** The program's entry file (for SARIF locations). */
    entry: string;
    captured: CapturedStack;
}

const yamlRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const yaml = yamlRequire("js-yaml") as { load(text: string): unknown };

/** Reads Pulumi.yaml (or Pulumi.yml): the project name and the optional `main`. */
export function readProject(dir: string, shown = dir): { name: string; main?: string } {
    const file = ["Pulumi.yaml", "Pulumi.yml"].find((f) => fs.existsSync(path.join(dir, f)));
    if (!file) {
        throw new InputError(`no Pulumi.yaml found in ${shown}: a program directory needs a Pulumi project file`);
    }
    let doc: unknown;
    try {
        doc = yaml.load(fs.readFileSync(path.join(dir, file), "utf8"));
    } catch (e) {
        throw new InputError(`${path.join(shown, file)} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    const project = doc as { name?: unknown; main?: unknown } | null;
    if (!project || typeof project.name !== "string" || project.name === "") {
        throw new InputError(`${path.join(shown, file)} has no project name`);
    }
    return { name: project.name, ...(typeof project.main === "string" ? { main: project.main } : {}) };
}

/** The `@pulumi/pulumi` the program will load: its own copy if it has one, else ours. */
function sdkDirFor(dir: string): string {
    let pkg: string;
    try {
        pkg = require.resolve("@pulumi/pulumi/package.json", { paths: [dir] });
    } catch {
        pkg = require.resolve("@pulumi/pulumi/package.json");
    }
    return path.dirname(pkg);
}

function entryOf(dir: string, main: string | undefined): string {
    const base = main ? path.resolve(dir, main) : dir;
    try {
        return require.resolve(fs.existsSync(base) && fs.statSync(base).isDirectory() ? base + path.sep : base);
    } catch {
        throw new InputError(`no entry point found in ${path.relative(process.cwd(), dir) || "."}: expected index.ts, index.js or a "main" in Pulumi.yaml`);
    }
}

/** Errors a program raised asynchronously (unhandled rejections) while it ran under mocks. */
let asyncErrors: unknown[] | undefined;
let failedAlready = false;

/**
 * True when the error belongs to a program: raised while it ran (it is reported as the program's
 * failure) or after it failed (already reported).
 */
export function recordProgramError(e: unknown): boolean {
    if (asyncErrors) {
        asyncErrors.push(e);
        return true;
    }
    return failedAlready;
}

function registerTypeScript(): void {
    if (!require.extensions[".ts"]) {
        require("ts-node").register({ transpileOnly: true });
    }
}

/**
 * Runs the program in preview mode, with its stack config and lookups answered as a fresh AWS account
 * would, and returns every resource it registered.
 */
export async function loadProgram(dirArg: string, stack: string, config?: ProgramConfig): Promise<LoadedProgram> {
    const dir = path.resolve(dirArg);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        throw new InputError(`program directory ${dirArg} does not exist`);
    }
    const project = readProject(dir, dirArg);
    registerTypeScript();
    const entry = entryOf(dir, project.main);
    // A program's console output would mix with the report on stdout: send it to stderr.
    const saved = { log: console.log, info: console.info };
    console.log = console.info = (...args: unknown[]) => console.error(...args);
    let captured: CapturedStack | undefined;
    asyncErrors = [];
    try {
        captured = await captureProgram(async () => {
            let exported = require(entry) as unknown;
            const esm = exported as { __esModule?: boolean; default?: unknown };
            if (esm && esm.__esModule && typeof esm.default === "function") {
                exported = esm.default;
            }
            return typeof exported === "function" ? await (exported as () => unknown)() : exported;
        }, {
            preview: true, project: project.name, stack, sdkDir: sdkDirFor(dir), lookups: "fresh-account",
            ...(config ? { config: { values: config.values, secretKeys: config.secretKeys } } : {}),
        });
        // Let rejections of the program's last promises surface before deciding it succeeded.
        await new Promise((resolve) => setImmediate(resolve));
        if (asyncErrors.length > 0) {
            throw asyncErrors[0];
        }
    } catch (e) {
        failedAlready = true;
        const error = asyncErrors[0] ?? e;
        const lookups = (e as { unansweredLookups?: UnansweredLookup[] } | undefined)?.unansweredLookups ?? captured?.unansweredLookups ?? [];
        throw new InputError(`program ${dirArg} failed: ${(config && configFailure(error, config)) ?? programError(error) + afterLookups(lookups)}`);
    } finally {
        asyncErrors = undefined;
        console.log = saved.log;
        console.info = saved.info;
    }
    return { project: project.name, entry, captured };
}

function programError(e: unknown): string {
    if (e instanceof Error) {
        const first = e.message.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "";
        return e.name && e.name !== "Error" ? `${e.name}: ${first}` : first || e.name;
    }
    return String(e);
}

/**
 * The engine's Analyze requests (inputs) and AnalyzeStack resources (outputs) for a captured
 * program, with every value as the engine hands it over (wire-values.ts).
 */
export function programRequests(captured: CapturedStack, dirArg: string): { analyzed: AnalyzedResource[]; stackResources: StackResource[] } {
    const source = `program ${dirArg}`;
    const convert = <R extends AnalyzedResource>(r: R, part: "inputs" | "outputs"): R => ({
        ...r,
        properties: analyzerProps(r.properties, part, r.urn, source),
        ...(r.provider ? { provider: { ...r.provider, properties: analyzerProps(r.provider.properties, "inputs", r.provider.urn, source) } } : {}),
    });
    return {
        analyzed: toAnalyzedResources(captured).map((r) => convert(r, "inputs")),
        stackResources: toStackResources(captured).map((r) => convert(r, "outputs")),
    };
}
