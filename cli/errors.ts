import { escapeControls } from "./format-text";

/**
 * A usage or input problem: the command prints `error: <message>` on one line, then one indented
 * line per detail (e.g. each resource a stalled program never completed), and exits with 2.
 */
export class InputError extends Error {
    constructor(message: string, readonly details: readonly string[] = []) {
        super(message);
        this.name = "InputError";
    }
}

/** The first line of an error's message, without a stack trace. */
export function oneLine(e: unknown): string {
    const text = e instanceof Error ? e.message : String(e);
    const first = text.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "unknown error";
    return first;
}

/** Rejects with an input error when the promise takes longer than `seconds`. */
export function within<T>(seconds: number, what: string, p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new InputError(`${what} did not finish within ${seconds} s (--timeout)`)), seconds * 1000);
    });
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** What the command prints for an error: `error: <message>`, then each detail indented. */
export function errorLines(e: unknown): string {
    if (!(e instanceof InputError)) {
        return `error: ${escapeControls(oneLine(e))}\n`;
    }
    return [`error: ${escapeControls(e.message)}`, ...e.details.map((d) => `  ${escapeControls(d)}`)].join("\n") + "\n";
}
