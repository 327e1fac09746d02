/**
 * The check shared by every "not from/to the world" policy: which rules expose some offending
 * traffic to a whole address family, alone or together, and which cannot be decided yet.
 */
import { familyName, isWholeFamily } from "../net/cidr";
import { Tri, WorldExposure, and, worldExposures } from "../model/decide";
import { SgRule } from "../model/sg-rules";
import { isUndetermined } from "../model/values";
import { MAX_LISTED, Reporter, listText, ruleText } from "../report";

export interface WorldCheck {
    /** Rules of one direction. */
    readonly rules: readonly SgRule[];
    /** Does the rule's traffic offend the policy? */
    readonly offends: (rule: SgRule) => Tri;
    readonly report: Reporter;
    /** The message for a definite exposure, given its description ("ingress[0]... allows ..."). */
    readonly violation: (exposure: WorldExposure, what: string) => string;
    /** What an undecided rule would mean, e.g. "If it is the world, ...". */
    readonly consequence: (rule: SgRule) => string;
}

/** "ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)", or the split form. */
export function exposureText(e: WorldExposure): string {
    if (e.rules.length === 1) {
        return ruleText(e.rules[0]);
    }
    const blocks = e.rules.map((r) => `${r.origin.peerPath} (${r.peer && !isUndetermined(r.peer) && r.peer.kind === "cidr" ? r.peer.cidr.text : "?"})`);
    const rules = e.rules.slice(0, MAX_LISTED).map(ruleText).join("; ");
    const more = e.rules.length > MAX_LISTED ? `; and ${e.rules.length - MAX_LISTED} more` : "";
    return `${listText(blocks)} together cover every ${familyName(e.family)} address: ${rules}${more}`;
}

/** The exposures of the rules whose traffic definitely offends. */
export function offendingExposures(rules: readonly SgRule[], offends: (rule: SgRule) => Tri): WorldExposure[] {
    return worldExposures(rules.filter((r) => offends(r) === "yes"));
}

export function checkWorldExposure(c: WorldCheck): void {
    for (const exposure of offendingExposures(c.rules, c.offends)) {
        c.report.violation(c.violation(exposure, exposureText(exposure)));
    }
    for (const rule of c.rules) {
        const peerIsWorld = (): Tri => {
            if (isUndetermined(rule.peer)) {
                return rule.peer;
            }
            return rule.peer.kind === "cidr" && isWholeFamily(rule.peer.cidr) ? "yes" : "no";
        };
        const verdict = and(peerIsWorld, () => c.offends(rule));
        if (verdict !== "yes" && verdict !== "no") {
            c.report.undetermined(verdict, c.consequence(rule));
        }
    }
}
