/**
 * What identifies a finding beyond its message: the rule or property path it is about (`at`) and
 * whether it is a violation or a note. The reporter records one key per reported diagnostic in the
 * current Analyzer call; the server hook sends them beside the response with the exempted-finding
 * records (exempted-wire.ts), so that `check` can track a finding across runs (baselines, SARIF
 * fingerprints) while its message changes, without reading the message.
 */
import { sharedInCall } from "../model/call-scope";

export interface FindingKey {
    readonly policy: string;
    /** The diagnostic's URN: unset for a resource policy's finding on the resource it analyses. */
    readonly urn?: string;
    /** The diagnostic's message, exactly as reported: what the key pairs with. */
    readonly message: string;
    /** A definite violation, or a note (a decision that waits for an unknown value). */
    readonly kind: "violation" | "note";
    /** The rule or property path the finding is about (`ingress[0].cidrBlocks[1]`); unset when it is about the whole resource. */
    readonly at?: string;
}

/** The finding keys of the current Analyzer call (a fresh, unkept list outside a call). */
export function keysInCall(): FindingKey[] {
    return sharedInCall("finding-keys", () => [] as FindingKey[]);
}

export function isFindingKey(v: unknown): v is FindingKey {
    const r = v as Record<string, unknown> | null;
    return typeof r === "object" && r !== null && typeof r.policy === "string" && typeof r.message === "string" &&
        (r.kind === "violation" || r.kind === "note") && (r.urn === undefined || typeof r.urn === "string") &&
        (r.at === undefined || typeof r.at === "string");
}
