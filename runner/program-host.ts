// The child process that runs one Pulumi program under the SDK's mocks, the way the nodejs language
// host runs it (@pulumi/pulumi cmd/run): in the program's directory, with ts-node registered with the
// program's own tsconfig.json (transpile-only) or none, an ES module loaded with import(). It answers
// on the IPC channel only (program-protocol.ts); the program's stdout is the checker's stderr.

import { register as registerLoader } from "module";
import * as path from "path";
import { pathToFileURL } from "url";
import { captureProgram } from "./capture";
import type { UnansweredLookup } from "./lookups";
import type { FromChild, ProgramError, ProgramJob, ToChild } from "./program-protocol";
import { Registrations } from "./registrations";

type Reply = FromChild extends infer M ? M extends unknown ? Omit<M, "token"> : never : never;

// Our own references, taken before the program runs: it may replace process.send or process.exit.
const send = process.send?.bind(process);
const exit = process.exit.bind(process);
const registrations = new Registrations();
let token: string | undefined;
// The lookups the program has read so far, once its capture starts.
let lookupsRead: () => { unansweredLookups?: UnansweredLookup[] } = () => ({});
let finished = false;

function reply(m: Reply, then?: () => void): void {
    if (send && token !== undefined) {
        send({ token, ...m }, undefined, {}, () => then?.());
    }
}

/**
 * Sends the one final answer, then ends this process: with code 1 unless the program completed,
 * which also keeps the SDK from reporting the promises a stalled program left as leaks.
 */
function finish(m: Reply): void {
    if (finished) { return; }
    finished = true;
    reply(m, () => exit(m.kind === "captured" ? 0 : 1));
}

/** The error as plain data, with the fields the checker's message reads (program-protocol.ts). */
function errorOf(e: unknown): ProgramError {
    const base = e instanceof Error ? { name: e.name, message: e.message } : { name: "", message: String(e) };
    const f = (typeof e === "object" && e !== null ? e : {}) as { key?: unknown; secret?: unknown; unansweredLookups?: UnansweredLookup[] };
    const lookups = f.unansweredLookups ?? lookupsRead().unansweredLookups;
    return {
        ...base,
        ...(typeof f.key === "string" ? { key: f.key } : {}),
        ...(typeof f.secret === "boolean" ? { secret: f.secret } : {}),
        ...(lookups && lookups.length > 0 ? { unansweredLookups: lookups } : {}),
    };
}

/** The compiler options a tsconfig.json sets, with those of the files it extends. */
function optionsSetBy(tsconfig: string): Set<string> {
    const ts = require("typescript") as typeof import("typescript");
    const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    return new Set(Object.keys(parsed?.options ?? {}));
}

/**
 * ts-node as the language host registers it: CommonJS hooks, or ESM loader hooks for an ES module,
 * with the host's defaults for what the program's tsconfig.json leaves unset (module and
 * moduleResolution go together: a tsconfig that sets one gets neither default).
 */
function registerTypeScript(job: ProgramJob, tsconfig: string | null): void {
    const set = tsconfig === null ? new Set<string>() : optionsSetBy(tsconfig);
    const defaults: Record<string, unknown> = {
        target: job.esm ? "ES2022" : "ES2020",
        ...(set.has("module") || set.has("moduleResolution") ? {} : { module: "nodenext", moduleResolution: "nodenext" }),
        sourceMap: true,
    };
    const options = {
        transpileOnly: true,
        ...(tsconfig === null ? { skipProject: true } : { project: tsconfig }),
        compilerOptions: Object.fromEntries(Object.entries(defaults).filter(([k]) => !set.has(k))),
    };
    if (job.esm) {
        registerLoader(pathToFileURL(path.join(__dirname, "ts-esm-hooks.js")).href, { data: options });
        // Stacks of ES modules are mapped by Node from the source maps the loader attaches.
        (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
    } else {
        (require("ts-node") as typeof import("ts-node")).register(options);
    }
}

const dynamicImport = new Function("url", "return import(url)") as (url: string) => Promise<Record<string, unknown>>;

/** Loads the program and runs what it exports, as the language host does; returns its outputs. */
async function runEntry(job: ProgramJob): Promise<unknown> {
    let exported: unknown;
    if (job.esm) {
        const ns = await dynamicImport(pathToFileURL(job.entry).href);
        if (Object.getOwnPropertyDescriptor(ns, "default") !== undefined) {
            if (Object.keys(ns).length !== 1) {
                throw new Error("expected entrypoint module to have either a default export or named exports but not both");
            }
            exported = ns.default;
        } else {
            exported = ns;
        }
    } else {
        exported = require(job.entry);
        const esm = exported as { __esModule?: boolean; default?: unknown };
        if (esm && esm.__esModule && typeof esm.default === "function") {
            exported = esm.default;
        }
    }
    return typeof exported === "function" ? await (exported as () => unknown)() : exported;
}

function start(job: ProgramJob): void {
    // An idle program must be able to end: the channel alone does not keep this process alive.
    process.channel?.unref();
    const fail = (e: unknown) => finish({ kind: "failed", error: errorOf(e) });
    process.on("uncaughtException", fail);
    process.on("unhandledRejection", fail);
    // Nothing left to run while registrations still wait: they wait for values that never resolve.
    process.on("beforeExit", () => {
        if (!finished) {
            void registrations.pending().then((pending) => finish({ kind: "stalled", pending }));
        }
    });
    if (job.typescript) {
        registerTypeScript(job, job.typescript.tsconfig);
    }
    captureProgram(() => runEntry(job), { ...job.capture, sdkDir: job.sdkDir, registrations, watchLookups: (record) => { lookupsRead = record; } }).then(
        // Let rejections of the program's last promises surface before deciding that it succeeded.
        (captured) => setImmediate(() => finish({ kind: "captured", captured })),
        fail,
    );
}

process.on("message", (m: ToChild) => {
    if (m.kind === "run" && token === undefined) {
        token = m.token;
        start(m.job);
    } else if (m.kind === "report" && m.token === token && !finished) {
        void registrations.pending().then((pending) => reply({ kind: "report", pending }));
    }
});
// The checker is gone: so is the program.
process.on("disconnect", () => exit(0));
