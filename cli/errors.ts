/** A usage or input problem: the command prints `error: <message>` on one line and exits with 2. */
export class InputError extends Error {
    constructor(message: string) {
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
