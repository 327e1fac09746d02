/**
 * Three-valued decisions over canonical rules: a question about a rule is answered yes, no, or
 * "undetermined" (with the unknown or invalid values it hinges on). Policies ask their questions
 * through these helpers and never look at raw props.
 */
import { Undetermined } from "./values";

export type Answer = "yes" | "no" | Undetermined;

export function answerOf(b: boolean): Answer {
    return b ? "yes" : "no";
}

/**
 * Both must hold: a definite "no" wins over an undetermined part, and an invalid value wins over
 * an unknown one (it is an error whatever the unknown turns out to be).
 */
export function allHold(...parts: (() => Answer)[]): Answer {
    let pending: Undetermined | undefined;
    for (const part of parts) {
        const r = part();
        if (r === "no") {
            return "no";
        }
        if (r !== "yes" && (pending === undefined || (pending.undetermined === "unknown" && r.undetermined === "invalid"))) {
            pending = r;
        }
    }
    return pending ?? "yes";
}

