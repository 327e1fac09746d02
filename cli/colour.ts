/**
 * Colour for the text report on a terminal. NO_COLOR (any non-empty value) turns it off; FORCE_COLOR
 * turns it on even when stdout is not a terminal, and FORCE_COLOR=0 (or false) off; FORCE_COLOR wins
 * when both are set, as in Node.js. Only the text report written to stdout is ever coloured.
 */

/** Whether the text report on stdout is coloured, from the environment and whether stdout is a terminal. */
export function colourWanted(env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): boolean {
    const force = env.FORCE_COLOR;
    if (force !== undefined) {
        return !["0", "false"].includes(force.toLowerCase());
    }
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") {
        return false;
    }
    return stdoutIsTTY && env.TERM !== "dumb";
}

export interface Paint {
    mandatory(text: string): string;
    advisory(text: string): string;
    quiet(text: string): string;
    pass(text: string): string;
}

const sgr = (open: string) => (text: string) => `\u001b[${open}m${text}\u001b[0m`;

export const COLOURS: Paint = { mandatory: sgr("1;31"), advisory: sgr("33"), quiet: sgr("2"), pass: sgr("32") };

const same = (text: string) => text;
export const PLAIN: Paint = { mandatory: same, advisory: same, quiet: same, pass: same };
