/**
 * Telling exempted findings apart. The pack reports each one as an advisory diagnostic and sends a
 * record of it beside the response (policies/exempted-wire.ts); a record pairs with the advisory
 * diagnostic of the same call that has exactly its policy, URN and message. Nothing is read from
 * the message text.
 */
import type { Diagnostic, ExemptedFinding, PolicyConfigEntry } from "../runner/analyzer-client";

export interface Paired {
    findings: Diagnostic[];
    exempted: { diagnostic: Diagnostic; record: ExemptedFinding }[];
}

const key = (policy: string, urn: string | undefined, message: string) => JSON.stringify([policy, urn ?? "", message]);

/** Splits one call's diagnostics into findings and exempted findings. */
export function pairExempted(diagnostics: Diagnostic[], records: ExemptedFinding[] | undefined, call: string): Paired {
    if (records === undefined) {
        throw new Error(`the policy pack sent no record of its exempted findings with ${call}`);
    }
    const waiting = new Map<string, ExemptedFinding[]>();
    for (const r of records) {
        const k = key(r.policy, r.urn, r.message);
        waiting.set(k, [...waiting.get(k) ?? [], r]);
    }
    const paired: Paired = { findings: [], exempted: [] };
    for (const d of diagnostics) {
        const record = d.enforcementLevel === "advisory" ? waiting.get(key(d.policyName, d.urn, d.message))?.shift() : undefined;
        if (record) {
            paired.exempted.push({ diagnostic: d, record });
        } else {
            paired.findings.push(d);
        }
    }
    const unreported = [...waiting.values()].flat()[0];
    if (unreported) {
        throw new Error(`the policy pack recorded an exempted finding of ${unreported.policy} that it did not report (${call})`);
    }
    return paired;
}

/** One warning per configured exemption that exempted nothing. */
export function unusedExemptions(sent: { [policy: string]: PolicyConfigEntry }, used: readonly ExemptedFinding[]): string[] {
    const usedKeys = new Set(used.flatMap((r) => (r.exemption.kind === "config" ? [`${r.policy}\u0000${r.exemption.resource}`] : [])));
    const warnings: string[] = [];
    for (const [policy, entry] of Object.entries(sent)) {
        const list = entry.properties?.exemptions;
        for (const e of Array.isArray(list) ? list : []) {
            const resource = (e as { resource?: unknown }).resource;
            if (typeof resource === "string" && !usedKeys.has(`${policy}\u0000${resource}`)) {
                warnings.push(`exemption '${resource}' of ${policy} matched no finding: remove it, or check the pattern`);
            }
        }
    }
    return warnings;
}
