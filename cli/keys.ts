/**
 * What identifies each finding beyond its message. The pack sends one key per diagnostic beside
 * the response (policies/core/finding-keys.ts); a key pairs with the diagnostic of the same call that
 * has exactly its policy, URN and message. Nothing is read from the message text.
 */
import type { Diagnostic, FindingKey } from "../runner/analyzer-client";

const pairKey = (policy: string, urn: string | undefined, message: string) => JSON.stringify([policy, urn ?? "", message]);

/** Adds each diagnostic's key to `out`; a diagnostic the reporter did not send (none of the pack's policies') has none. */
export function pairKeys(diagnostics: readonly Diagnostic[], keys: readonly FindingKey[] | undefined, call: string, out: Map<Diagnostic, FindingKey>): void {
    if (keys === undefined) {
        throw new Error(`the policy pack sent no finding keys with ${call}`);
    }
    const waiting = new Map<string, FindingKey[]>();
    for (const k of keys) {
        const id = pairKey(k.policy, k.urn, k.message);
        waiting.set(id, [...waiting.get(id) ?? [], k]);
    }
    for (const d of diagnostics) {
        const k = waiting.get(pairKey(d.policyName, d.urn, d.message))?.shift();
        if (k) {
            out.set(d, k);
        }
    }
}
