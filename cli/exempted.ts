/**
 * Telling exempted findings apart. The pack reports each one as an advisory diagnostic and sends a
 * record of it beside the response (policies/exempted-wire.ts); a record pairs with the advisory
 * diagnostic of the same call that has exactly its policy, URN and message. It also sends a record
 * of each finding that an exemption matched after its expiry date. Nothing is read from the
 * message text.
 */
import type { Diagnostic, ExemptedFinding, ExpiredMatch, PolicyConfigEntry } from "../runner/analyzer-client";

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

/** The records of findings that expired exemptions matched, which the pack sends with its exempted findings. */
export function expiredRecords(records: ExpiredMatch[] | undefined, call: string): ExpiredMatch[] {
    if (records === undefined) {
        throw new Error(`the policy pack sent no record of its expired exemptions with ${call}`);
    }
    return records;
}

/** What an expired exemption that matched findings did: nothing, so its findings are reported or another exemption covers them. */
function expiredWarning(policy: string, resource: string, matched: readonly ExpiredMatch[]): string {
    const reported = matched.filter((m) => m.coveredBy === undefined).length;
    const head = `exemption '${resource}' of ${policy} expired on ${matched[0].expires} and no longer exempts`;
    if (reported === 0) {
        return `${head}: the findings it matched are covered by another exemption; remove it`;
    }
    return reported === 1
        ? `${head}: the finding it matched is reported at its level, with the expiry date; renew the exemption or fix the finding`
        : `${head}: the ${reported} findings it matched are reported at their level, with the expiry date; renew the exemption or fix the findings`;
}

/**
 * One warning per configured exemption that exempted nothing: one that matched findings only after
 * its expiry date says so, any other matched no finding.
 */
export function unusedExemptions(sent: { [policy: string]: PolicyConfigEntry }, used: readonly ExemptedFinding[],
    expired: readonly ExpiredMatch[]): string[] {
    const keyOf = (policy: string, resource: string) => `${policy}\u0000${resource}`;
    const usedKeys = new Set(used.flatMap((r) => (r.exemption.kind === "config" ? [keyOf(r.policy, r.exemption.resource)] : [])));
    const expiredByKey = new Map<string, ExpiredMatch[]>();
    for (const m of expired) {
        const k = keyOf(m.policy, m.exemption.resource);
        expiredByKey.set(k, [...expiredByKey.get(k) ?? [], m]);
    }
    const warnings: string[] = [];
    for (const [policy, entry] of Object.entries(sent)) {
        const list = entry.properties?.exemptions;
        for (const e of Array.isArray(list) ? list : []) {
            const resource = (e as { resource?: unknown }).resource;
            if (typeof resource !== "string" || usedKeys.has(keyOf(policy, resource))) {
                continue;
            }
            const matched = expiredByKey.get(keyOf(policy, resource));
            warnings.push(matched ? expiredWarning(policy, resource, matched)
                : `exemption '${resource}' of ${policy} matched no finding: remove it, or check the pattern`);
        }
    }
    return warnings;
}
