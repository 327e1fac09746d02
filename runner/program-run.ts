// Runs a Pulumi program in a child process of its own (program-host.ts) and waits for its one
// answer on the IPC channel, within a time limit. The child's stdout and stderr are this process's
// stderr: nothing the program prints can reach a report. The child never outlives the call.

import { fork } from "child_process";
import { randomBytes } from "crypto";
import * as path from "path";
import type { CapturedStack } from "./capture";
import type { FromChild, PendingRegistration, ProgramError, ProgramJob, ToChild } from "./program-protocol";

export const CHILD_ENTRY = path.join(__dirname, "program-child.js");

export type ProgramOutcome =
    | { kind: "captured"; captured: CapturedStack }
    | { kind: "failed"; error: ProgramError }
    /** Nothing was left to run while registrations still waited. */
    | { kind: "stalled"; pending: PendingRegistration[] }
    /** The time limit was reached; `pending` is undefined when the program did not answer (it was busy). */
    | { kind: "timeout"; pending?: PendingRegistration[] }
    /** The process ended without an answer (the program called process.exit, or it was killed). */
    | { kind: "exited"; code: number | null; signal: string | null };

export interface RunOptions {
    timeoutMs: number;
    /** Aborting kills the program; the promise then rejects (with the signal's reason) once the child has exited. */
    signal?: AbortSignal;
    /** How long to wait, at the time limit, for the program to say what it waits for. Default 5 s. */
    reportMs?: number;
    /** Called with the child's PID once it is started. */
    started?: (pid: number) => void;
    /** Discard the program's output instead of writing it to stderr. */
    quiet?: boolean;
}

/** How long a child that has answered may take to exit by itself. */
const EXIT_GRACE_MS = 2000;

export function runProgram(job: ProgramJob, opts: RunOptions): Promise<ProgramOutcome> {
    return new Promise((resolve, reject) => {
        const token = randomBytes(16).toString("hex");
        const child = fork(CHILD_ENTRY, [], { cwd: job.dir, stdio: opts.quiet ? ["ignore", "ignore", "ignore", "ipc"] : ["ignore", 2, 2, "ipc"], execArgv: [], serialization: "json" });
        const kill = () => { if (child.exitCode === null && child.signalCode === null) { child.kill("SIGKILL"); } };
        // Never leave the program running when this process exits early.
        process.once("exit", kill);
        let result: { outcome: ProgramOutcome } | { error: unknown } | undefined;
        const timers: NodeJS.Timeout[] = [];
        const onAbort = () => settle({ error: opts.signal?.reason ?? new Error("aborted") }, 0);

        /** Records the result (the first one wins) and ends the child: at once, or after a grace period. */
        function settle(r: NonNullable<typeof result>, graceMs: number): void {
            if (result) { return; }
            result = r;
            timers.forEach(clearTimeout);
            if (graceMs === 0) { kill(); } else { setTimeout(kill, graceMs).unref(); }
        }

        child.on("message", (m: FromChild) => {
            if (typeof m !== "object" || m === null || m.token !== token) { return; }
            switch (m.kind) {
                case "captured": settle({ outcome: { kind: "captured", captured: m.captured } }, EXIT_GRACE_MS); break;
                case "failed": settle({ outcome: { kind: "failed", error: m.error } }, EXIT_GRACE_MS); break;
                case "stalled": settle({ outcome: { kind: "stalled", pending: m.pending } }, EXIT_GRACE_MS); break;
                case "report": settle({ outcome: { kind: "timeout", pending: m.pending } }, 0); break;
            }
        });
        child.once("error", (e) => settle({ error: e }, 0));
        // "close" comes after the last message and after the exit.
        child.once("close", (code, sig) => {
            process.removeListener("exit", kill);
            opts.signal?.removeEventListener("abort", onAbort);
            settle({ outcome: { kind: "exited", code, signal: sig } }, 0);
            const r = result as NonNullable<typeof result>;
            if ("outcome" in r) { resolve(r.outcome); } else { reject(r.error); }
        });

        if (opts.signal?.aborted) {
            onAbort();
            return;
        }
        opts.signal?.addEventListener("abort", onAbort, { once: true });
        if (child.pid !== undefined) { opts.started?.(child.pid); }
        const run: ToChild = { kind: "run", token, job };
        child.send(run);
        timers.push(setTimeout(() => {
            // Ask what the registrations wait for; a program busy in a loop cannot answer.
            const report: ToChild = { kind: "report", token };
            if (child.connected) { child.send(report); }
            timers.push(setTimeout(() => settle({ outcome: { kind: "timeout" } }, 0), opts.reportMs ?? 5000));
        }, opts.timeoutMs));
    });
}
