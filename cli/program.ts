/**
 * Runs a Pulumi program under Pulumi's mock runtime, in preview mode, the way `pulumi preview` runs
 * it: in a child process of its own (runner/program-run.ts), in the program's directory, with its
 * own tsconfig.json or its compiled main, as CommonJS or as an ES module (program-entry.ts), within a
 * time limit. Whatever the program does to its process, only its answer on the channel counts.
 */
import * as fs from "fs";
import * as path from "path";
import type { AnalyzedResource, StackResource } from "../runner/analyzer-client";
import { CapturedStack, toAnalyzedResources, toStackResources } from "../runner/capture";
import { afterLookups } from "../runner/lookups";
import type { PendingRegistration, PlainCaptureOptions, ProgramError, RegisteredRef, Wait } from "../runner/program-protocol";
import { runProgram } from "../runner/program-run";
import { InputError } from "./errors";
import { shownPath } from "./locations";
import type { SourceLocation } from "./model";
import { programJob, readProject } from "./program-entry";
import { ProgramConfig, configFailure } from "./stack-config";
import { analyzerProps } from "./wire-values";

export { readProject } from "./program-entry";

export interface LoadedProgram {
    project: string;
    /** The program's entry file (for SARIF locations). */
    entry: string;
    captured: CapturedStack;
}

export interface LoadOptions {
    stack: string;
    /** The time limit of the program's run. */
    timeoutSeconds: number;
    /** Aborting stops the program (its process is gone when the promise rejects). */
    signal?: AbortSignal;
    /** The stack's config (stack-config.ts): the program reads it, and a failure on it says how to set it. */
    config?: ProgramConfig;
    /** More capture options for the child (plain data). */
    capture?: Partial<PlainCaptureOptions>;
}

/** What the child sets before the program runs: the config, and lookups answered as a fresh account. */
function captureConfig(opts: LoadOptions): Partial<PlainCaptureOptions> {
    const config = opts.config;
    return { lookups: "fresh-account", ...(config ? { config: { values: config.values, secretKeys: config.secretKeys } } : {}) };
}

/** Why the program failed: how to set the config it stopped on, or its error and the lookups it read first. */
function failure(e: ProgramError, config: ProgramConfig | undefined): string {
    return (config && configFailure(e, config)) ?? programError(e) + afterLookups(e.unansweredLookups ?? []);
}

/**
 * Runs the program in preview mode, with its stack config and lookups answered as a fresh AWS account
 * would, and returns every resource it registered.
 */
export async function loadProgram(dirArg: string, opts: LoadOptions): Promise<LoadedProgram> {
    const dir = path.resolve(dirArg);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        throw new InputError(`program directory ${dirArg} does not exist`);
    }
    const project = readProject(dir, dirArg);
    const job = { ...programJob(dir, dirArg, project), capture: { preview: true, project: project.name, stack: opts.stack, ...captureConfig(opts), ...opts.capture } };
    const outcome = await runProgram(job, { timeoutMs: opts.timeoutSeconds * 1000, signal: opts.signal });
    switch (outcome.kind) {
        case "captured":
            return { project: project.name, entry: job.entry, captured: outcome.captured };
        case "failed":
            throw new InputError(`program ${dirArg} failed: ${failure(outcome.error, opts.config)}`);
        case "stalled":
            throw new InputError(`program ${dirArg} stopped before it finished: ${neverCompleted(outcome.pending)}, ` +
                "and nothing is left to run", outcome.pending.map(pendingLine));
        case "timeout":
            throw new InputError(`program ${dirArg} did not finish within ${opts.timeoutSeconds} s (--timeout): ` +
                (outcome.pending ? neverCompleted(outcome.pending) : "it did not answer, so it is busy (a loop that never ends?)"),
            (outcome.pending ?? []).map(pendingLine));
        case "exited":
            throw new InputError(outcome.signal
                ? `program ${dirArg} was killed by ${outcome.signal} before it finished`
                : `program ${dirArg} exited (code ${outcome.code}) before its resources were registered: a Pulumi program must not end its process (process.exit)`);
    }
}

/** The error's first line, with the next one when it only introduces it (ts-node's "Unable to compile TypeScript:"). */
function programError(e: ProgramError): string {
    const lines = e.message.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    const first = lines.length > 1 && lines[0].endsWith(":") ? `${lines[0]} ${lines[1]}` : lines[0] ?? "";
    return e.name && e.name !== "Error" ? `${e.name}: ${first}` : first || e.name;
}

function neverCompleted(pending: PendingRegistration[]): string {
    const n = pending.length;
    return n === 0 ? "it waits for a value that never resolves, and no resource registration is waiting"
        : `${n} resource registration${n === 1 ? "" : "s"} never completed`;
}

function at(r: RegisteredRef): string {
    return `${r.type} '${r.name}'${r.location ? ` (${shownPath(r.location.file)}:${r.location.line})` : ""}`;
}

function names(on: RegisteredRef[]): string {
    return on.map(at).join(", ");
}

/** What one wait is, e.g. "input vpcId, an output of aws:ec2/vpc:Vpc 'main' (index.ts:4), which never completed". */
function waitText(w: Exclude<Wait, { kind: "failed" | "unanswered" }>): string {
    switch (w.kind) {
        case "input": {
            const open = w.on.filter((r) => !r.completed);
            return `input ${w.path || "(the inputs)"}, ` + (open.length > 0
                ? `an output of ${names(open)}, which never completed`
                : w.on.length > 0 ? `an output of ${names(w.on)} that never resolved` : "a value that never resolved");
        }
        case "parent":
        case "dependsOn":
        case "provider":
            return w.on.length > 0 ? `its ${w.kind} ${names(w.on)}, which never completed` : `its ${w.kind}, a value that never resolved`;
    }
}

/** One line per registration that never completed: what it is, where it was declared, and what it waits for. */
export function pendingLine(p: PendingRegistration): string {
    const waits: Exclude<Wait, { kind: "failed" | "unanswered" }>[] = [];
    for (const w of p.waits) {
        if (w.kind === "failed") {
            return `${at(p)}: its registration failed: ${w.message.split("\n")[0]}`;
        }
        if (w.kind === "unanswered") {
            return `${at(p)}: its registration was sent and never answered`;
        }
        waits.push(w);
    }
    return `${at(p)} waits for ${waits.map(waitText).join("; and for ")}`;
}

/** Where each resource of a captured program was declared, by URN. */
export function programLocations(captured: CapturedStack): Map<string, SourceLocation> {
    return new Map(captured.resources.flatMap((r) => (r.location ? [[r.urn, { file: r.location.file, line: r.location.line }]] : [])));
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
