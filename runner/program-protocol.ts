// The channel between `check` and the child process that runs a Pulumi program (program-host.ts):
// IPC messages of plain data. Every message carries the token the checker chose for this run, so
// nothing the program itself sends on the channel counts.

import type { CaptureOptions, CapturedStack } from "./capture";
import type { UnansweredLookup } from "./lookups";

/** Where a resource was declared: an absolute file path and 1-based line and column. */
export interface SourceLocation {
    file: string;
    line: number;
    column: number;
}

/** A registration named in a stall report. */
export interface RegisteredRef {
    type: string;
    name: string;
    location?: SourceLocation;
    /** The registration completed (it got its URN) or failed. */
    completed: boolean;
}

/** What a registration that never completed waits for. */
export type Wait =
    /** An input (property path) whose value never resolved; `on`: the registered resources it comes from. */
    | { kind: "input"; path: string; on: RegisteredRef[] }
    /** A resource option naming resources that never completed ([]: its value never resolved). */
    | { kind: "parent" | "dependsOn" | "provider"; on: RegisteredRef[] }
    /** Its inputs resolved and the registration was refused. */
    | { kind: "failed"; message: string }
    /** Its inputs resolved and the registration was never answered. */
    | { kind: "unanswered" };

export type PendingRegistration = RegisteredRef & { waits: Wait[] };

/** Capture options that cross the channel: plain data only. */
export type PlainCaptureOptions = Omit<CaptureOptions, "ids" | "call" | "sdkDir" | "registrations" | "watchLookups">;

/**
 * Why a program failed: its error's name and message, the SDK's `key` and `secret` of a missing
 * config value, and the lookups it read that check answered otherwise than a cloud account would.
 */
export interface ProgramError {
    name: string;
    message: string;
    key?: string;
    secret?: boolean;
    unansweredLookups?: UnansweredLookup[];
}

/** How the child loads the program, as the nodejs language host does. */
export interface ProgramJob {
    /** The program's directory (the child's working directory), absolute. */
    dir: string;
    /** The file (or directory) to load, absolute. */
    entry: string;
    /** Load with `import()` (an ES module) rather than `require`. */
    esm: boolean;
    /** Compile TypeScript with ts-node, with this tsconfig.json (absolute) or none (null); undefined: no TypeScript. */
    typescript?: { tsconfig: string | null };
    /** The `@pulumi/pulumi` the program loads (its own copy, or the checker's). */
    sdkDir: string;
    capture: PlainCaptureOptions;
}

export type ToChild =
    | { kind: "run"; token: string; job: ProgramJob }
    /** Asks for the registrations still waiting (the checker's time limit is up). */
    | { kind: "report"; token: string };

export type FromChild = { token: string } & (
    | { kind: "captured"; captured: CapturedStack }
    | { kind: "failed"; error: ProgramError }
    /** Nothing is left to run and registrations still wait. */
    | { kind: "stalled"; pending: PendingRegistration[] }
    /** The answer to a `report` request. */
    | { kind: "report"; pending: PendingRegistration[] }
);
