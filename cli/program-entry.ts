/**
 * What the nodejs language host decides before it runs a program: the project (Pulumi.yaml: name,
 * runtime, main, runtime options), the entry file, whether it is an ES module, whether TypeScript is
 * compiled and with which tsconfig.json, and which `@pulumi/pulumi` it loads.
 */
import * as fs from "fs";
import * as path from "path";
import type { ProgramJob } from "../runner/program-protocol";
import { InputError } from "./errors";

const yaml = require("js-yaml") as { load(text: string): unknown };

export interface Project {
    name: string;
    main?: string;
    /** runtime.options.typescript: false turns ts-node off. */
    typescript: boolean;
    /** runtime.options.tsconfig: another project file than tsconfig.json. */
    tsconfig?: string;
}

type ProjectDoc = { name?: unknown; main?: unknown; runtime?: unknown } | null;

/** Reads Pulumi.yaml (or Pulumi.yml): the project name, `main`, and the nodejs runtime's options. */
export function readProject(dir: string, shown = dir): Project {
    const file = ["Pulumi.yaml", "Pulumi.yml"].find((f) => fs.existsSync(path.join(dir, f)));
    if (!file) {
        throw new InputError(`no Pulumi.yaml found in ${shown}: a program directory needs a Pulumi project file`);
    }
    const where = path.join(shown, file);
    let doc: unknown;
    try {
        doc = yaml.load(fs.readFileSync(path.join(dir, file), "utf8"));
    } catch (e) {
        throw new InputError(`${where} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    const project = doc as ProjectDoc;
    if (!project || typeof project.name !== "string" || project.name === "") {
        throw new InputError(`${where} has no project name`);
    }
    const runtime = project.runtime;
    const runtimeName = typeof runtime === "object" && runtime !== null ? (runtime as { name?: unknown }).name : runtime;
    if (runtimeName === undefined) {
        throw new InputError(`${where} has no runtime: a Node.js program says \`runtime: nodejs\``);
    }
    if (runtimeName !== "nodejs") {
        throw new InputError(`program ${shown} has runtime ${JSON.stringify(runtimeName)} in ${file}; check runs Node.js programs only: ` +
            "check this one with `pulumi preview --policy-pack <this pack>`, or check its deployed stack with `check --stack-export <file>`");
    }
    const options = typeof runtime === "object" && runtime !== null ? (runtime as { options?: Record<string, unknown> }).options ?? {} : {};
    return {
        name: project.name,
        ...(typeof project.main === "string" ? { main: project.main } : {}),
        typescript: options.typescript !== false,
        ...(typeof options.tsconfig === "string" ? { tsconfig: options.tsconfig } : {}),
    };
}

const EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"];
const JS = new Set([".js", ".mjs", ".cjs"]);

function isFile(p: string): boolean {
    return fs.existsSync(p) && fs.statSync(p).isFile();
}

function readJson(file: string): Record<string, unknown> | undefined {
    try {
        const v = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
        return typeof v === "object" && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
    } catch {
        return undefined;
    }
}

/** A file as given, or with one of the extensions Node (with TypeScript) tries. */
function asFile(p: string): string | undefined {
    return [p, ...EXTENSIONS.map((e) => p + e)].find(isFile);
}

/** The entry point of a directory: its package.json `exports`/`main`, else its index file. */
function entryOfDirectory(dir: string): string | undefined {
    const pkg = readJson(path.join(dir, "package.json")) ?? {};
    const exp = pkg.exports as unknown;
    const dot = typeof exp === "object" && exp !== null ? (exp as Record<string, unknown>)["."] : undefined;
    const fromExports = typeof exp === "string" ? exp : typeof dot === "string" ? dot
        : typeof dot === "object" && dot !== null ? ["default", "require", "import"].map((k) => (dot as Record<string, unknown>)[k]).find((v) => typeof v === "string") : undefined;
    for (const target of [fromExports, pkg.main]) {
        const found = typeof target === "string" ? asFile(path.resolve(dir, target)) : undefined;
        if (found) { return found; }
    }
    return ["index.js", "index.mjs", "index.cjs", "index.ts", "index.mts", "index.cts"].map((f) => path.join(dir, f)).find(isFile);
}

/** The `type` of the nearest package.json above a file, as Node reads it for .js and .ts files. */
function packageType(file: string): string | undefined {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
        const pkg = readJson(path.join(dir, "package.json"));
        if (pkg) { return typeof pkg.type === "string" ? pkg.type : undefined; }
        if (path.dirname(dir) === dir) { return undefined; }
    }
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

/** How to run the program in `dir` (absolute), except the capture options. */
export function programJob(dir: string, shown: string, project: Project): Omit<ProgramJob, "capture"> {
    const base = project.main ? path.resolve(dir, project.main) : dir;
    const entry = fs.existsSync(base) && fs.statSync(base).isDirectory() ? entryOfDirectory(base) : asFile(base);
    if (!entry) {
        throw new InputError(project.main
            ? `the main of program ${shown} (${project.main} in Pulumi.yaml) does not exist`
            : `no entry point found in ${shown}: expected index.ts, index.js or a "main" in Pulumi.yaml or package.json`);
    }
    const ext = path.extname(entry);
    const esm = ext === ".mjs" || ext === ".mts" || (ext !== ".cjs" && ext !== ".cts" && packageType(entry) === "module");
    let typescript: ProgramJob["typescript"];
    if (project.typescript && !JS.has(ext)) {
        const tsconfig = path.resolve(dir, project.tsconfig ?? "tsconfig.json");
        if (project.tsconfig !== undefined && !isFile(tsconfig)) {
            throw new InputError(`the tsconfig of program ${shown} (${project.tsconfig} in Pulumi.yaml) does not exist`);
        }
        typescript = { tsconfig: isFile(tsconfig) ? tsconfig : null };
    }
    return { dir, entry, esm, ...(typescript ? { typescript } : {}), sdkDir: sdkDirFor(dir) };
}
