import { integer, integerSchema } from "../core/config";
import { pendingGroup } from "../graph/rule-groups";
import { StackModel } from "../graph/stack";
import { isPeerList } from "../model/sg-peers";
import { Direction, SgRule, ruleIdentity } from "../model/sg-rules";
import { Undetermined, isUndetermined } from "../model/values";
import { resourceLabel } from "../core/report";
import { stackPolicy } from "../core/policy";
import { valueAt } from "./shared/world";

export const DEFAULT_MAX_RULES = 60;

const FIX = "Consolidate rules: reference security groups instead of listing many CIDRs, use a managed prefix list " +
    "for address sets (it counts its max entries), or raise the 'Inbound or outbound rules per security group' quota " +
    "and set maxRules to match (maxRules x maxSecurityGroups must stay at most 1000).";

type Family = "IPv4" | "IPv6";
const FAMILIES: readonly Family[] = ["IPv4", "IPv6"];

/** What a part that cannot be counted yet may add in one family: some rules, or (unbounded) any number. */
interface Extra {
    readonly rules: number;
    readonly unbounded: boolean;
}

/** A part of a direction's rules that cannot be counted yet: what it may add, per family. */
interface Uncounted {
    readonly why: Undetermined;
    readonly extra: Partial<Record<Family, Extra>>;
    /** Where the value is, for the finding's key: its path, after its resource's URN unless that is the group's. */
    readonly at: string;
}

/** True when `extra` may take `count` rules past `max`. */
const mayExceed = (count: number, extra: Extra | undefined, max: number): boolean =>
    extra !== undefined && (extra.unbounded || count + extra.rules > max);

interface Count {
    readonly rules: Record<Family, number>;
    readonly uncounted: Uncounted[];
}

/**
 * Counts one direction's rules as AWS does: each CIDR in its family, group references in both
 * families, a prefix list as its max entries in both; and what the unknown parts may add.
 */
function count(model: StackModel, rules: SgRule[], home: string): Count {
    const c: Count = { rules: { IPv4: 0, IPv6: 0 }, uncounted: [] };
    const add = (families: readonly Family[], n: number) => families.forEach((f) => { c.rules[f] += n; });
    const unbounded = (why: Undetermined, families: readonly Family[], r: SgRule) => c.uncounted.push({
        why, extra: Object.fromEntries(families.map((f) => [f, { rules: 0, unbounded: true }])),
        at: valueAt(r, why.path, home),
    });
    const seen = new Set<string>();
    for (const r of rules) {
        // The same rule written twice (inline outputs and a standalone resource) is one AWS rule.
        const key = ruleIdentity(r) ?? `?${r.origin.urn}#${r.origin.peerPath}`;
        if (seen.has(key)) {
            continue;
        }
        seen.add(key);
        const peer = r.peer;
        const families: readonly Family[] = r.via === "cidr4" ? ["IPv4"] : r.via === "cidr6" ? ["IPv6"] : FAMILIES;
        if (isUndetermined(peer)) {
            // One peer whose value is not known (or invalid) is one rule; a whole list, or a rule that
            // cannot be read, may be any number.
            if (r.via !== "none" && !isPeerList(peer.path)) {
                add(families, 1);
            } else {
                unbounded(peer, families, r);
            }
        } else if (peer.kind === "prefix-list") {
            const size = model.prefixList(r)?.maxEntries;
            // A whole list of IDs not known yet may hold none or any number: no prefix list of it is counted.
            const wholeList = isUndetermined(peer.id) && isPeerList(peer.id.path);
            if (typeof size === "number") {
                add(families, size);
            } else if (!wholeList) {
                add(families, 1);
                const path = isUndetermined(peer.id) ? peer.id.path : r.origin.peerPath;
                unbounded(isUndetermined(size) ? size : {
                    undetermined: "unknown", path,
                    reason: `the size of the prefix list at ${path} is not known in this stack (it counts as its max entries)`,
                }, families, r);
            }
            if (wholeList) {
                unbounded(peer.id, families, r);
            }
        } else if (peer.kind === "security-group" && isUndetermined(peer.id) && isPeerList(peer.id.path)) {
            unbounded(peer.id, families, r);
        } else {
            add(families, 1);
        }
    }
    return c;
}

/** "12 inbound IPv4 rules" or "12 inbound IPv4 and 3 inbound IPv6 rules". */
function countText(c: Count, families: readonly Family[], word: string): string {
    return `${families.map((f) => `${c.rules[f]} ${word} ${f}`).join(" and ")} rules`;
}

export const sgRuleQuota = stackPolicy({
    name: "sg-rule-quota",
    displayName: "Rules per security group within quota",
    description: "Inbound and outbound rules per security group stay within the configured quota (default 60), counted " +
        "as AWS counts them: every CIDR, IPv6 CIDR, group reference and prefix-list entry separately, IPv4 and IPv6 " +
        "separately, inline and standalone rules together.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups",
    tags: ["security-group", "quota"],
    configSchema: {
        properties: {
            maxRules: integerSchema("Inbound (and, separately, outbound) rules allowed per security group and address " +
                "family (AWS default 60). maxRules x maxSecurityGroups of eni-security-group-limit must be at most 1000.",
            1, 1000, DEFAULT_MAX_RULES),
        },
    },
}, ({ model, config, report }) => {
    const max = integer(config, "maxRules", 1, 1000);
    for (const [urn, group] of model.groups) {
        const label = resourceLabel(group.resource);
        for (const direction of ["ingress", "egress"] as Direction[]) {
            const c = count(model, model.rulesOf(urn).filter((r) => r.direction === direction), urn);
            const word = direction === "ingress" ? "inbound" : "outbound";
            // A rule resource whose group cannot be told yet may add its rules to this group.
            for (const pending of model.rulesByGroup.mayBeOn([urn])) {
                // What it may add: its counted rules, and any number in a family where a part of it cannot be counted.
                const more = count(model, pending.ruleSet.rules.filter((r) => r.direction === direction), urn);
                const extra = Object.fromEntries(FAMILIES.map((f): [Family, Extra] =>
                    [f, { rules: more.rules[f], unbounded: more.uncounted.some((u) => u.extra[f] !== undefined) }]));
                const { why, at } = pendingGroup(pending);
                c.uncounted.push({ why: { ...why, reason: `${why.reason} (${resourceLabel(pending.resource)}, which may add its rules to this group)` }, extra,
                    at: at });
            }
            for (const family of FAMILIES.filter((f) => c.rules[f] > max)) {
                report.violation(`${label} has ${c.rules[family]} ${word} ${family} rules as AWS counts them (each CIDR, group ` +
                    `reference and prefix-list entry is one rule), more than the quota of ${max}. AWS rejects the ` +
                    `rules beyond the quota at deploy time. Fix: ${FIX}`, urn, `${direction} ${family}`);
            }
            // An uncounted part matters only in a family it could take past the quota (an invalid one always does).
            for (const u of c.uncounted) {
                const families = FAMILIES.filter((f) => c.rules[f] <= max && mayExceed(c.rules[f], u.extra[f], max));
                if (families.length > 0 || u.why.undetermined === "invalid") {
                    const shown = families.length > 0 ? families : FAMILIES.filter((f) => f in u.extra);
                    report.undetermined(u.why, `${label} has at least ${countText(c, shown, word)}; this part cannot be ` +
                        `counted against the quota of ${max}.`, urn, u.at);
                }
            }
        }
    }
});
