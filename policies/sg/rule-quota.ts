import { integer, integerSchema } from "../config";
import { StackModel } from "../graph/stack";
import { Direction, SgRule, ruleIdentity } from "../model/sg-rules";
import { T } from "../model/types";
import { Undetermined, child, isUndetermined, num, root, str } from "../model/values";
import { resourceLabel } from "../report";
import { stackPolicy } from "../policy";

export const DEFAULT_MAX_RULES = 60;

const FIX = "Consolidate rules: reference security groups instead of listing many CIDRs, use a managed prefix list " +
    "for address sets (it counts its max entries), or raise the 'Inbound or outbound rules per security group' quota " +
    "and set maxRules to match (maxRules x maxSecurityGroups must stay at most 1000).";

/** The max entries of a managed prefix list of the stack, by ID. */
function prefixListSizes(model: StackModel): Map<string, number> {
    const sizes = new Map<string, number>();
    for (const r of model.resources.filter((x) => x.type === T.managedPrefixList)) {
        const props = root(r.props);
        const id = str(child(props, "id"));
        const max = num(child(props, "maxEntries"));
        if (typeof id === "string" && typeof max === "number") {
            sizes.set(id, max);
        }
    }
    return sizes;
}

interface Count {
    ipv4: number;
    ipv6: number;
    uncounted: Undetermined[];
}

/** Counts one direction's rules as AWS does: each CIDR in its family, references in both families. */
function count(rules: SgRule[], sizes: Map<string, number>): Count {
    const c: Count = { ipv4: 0, ipv6: 0, uncounted: [] };
    const seen = new Set<string>();
    for (const r of rules) {
        // The same rule written twice (inline outputs and a standalone resource) is one AWS rule.
        const key = ruleIdentity(r) ?? `?${r.origin.urn}#${r.origin.peerPath}`;
        if (seen.has(key)) {
            continue;
        }
        seen.add(key);
        const peer = r.peer;
        if ((r.via === "cidr4" || r.via === "cidr6") && isUndetermined(peer) && peer.undetermined === "invalid"
            && /(^|\.)(cidrBlocks|ipv6CidrBlocks)$/.test(peer.path)) {
            // A whole CIDR list that cannot be read (not a list, or longer than a policy reads) is
            // not one rule: it cannot be counted, and saying so is a violation.
            c.uncounted.push(peer);
        } else if (r.via === "cidr4") {
            c.ipv4 += 1;
        } else if (r.via === "cidr6") {
            c.ipv6 += 1;
        } else if (r.via === "prefix-list" && !isUndetermined(peer) && peer.kind === "prefix-list") {
            const size = isUndetermined(peer.id) ? undefined : sizes.get(peer.id);
            c.ipv4 += size ?? 1;
            c.ipv6 += size ?? 1;
            if (size === undefined) {
                const path = isUndetermined(peer.id) ? peer.id.path : r.origin.peerPath;
                c.uncounted.push({ undetermined: "unknown", path, reason: `the size of the prefix list at ${path} is not known in this stack (it counts as its max entries)` });
            }
        } else if (r.via === "security-group" || r.via === "self" || r.via === "prefix-list") {
            c.ipv4 += 1;
            c.ipv6 += 1;
        } else if (isUndetermined(peer)) {
            c.uncounted.push(peer);
        }
    }
    return c;
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
    const sizes = prefixListSizes(model);
    for (const [urn, group] of model.groups) {
        const label = resourceLabel(group.resource);
        for (const direction of ["ingress", "egress"] as Direction[]) {
            const rules = model.rulesOf(urn).filter((r) => r.direction === direction);
            const c = count(rules, sizes);
            const word = direction === "ingress" ? "inbound" : "outbound";
            for (const [family, n] of [["IPv4", c.ipv4], ["IPv6", c.ipv6]] as const) {
                if (n > max) {
                    report.violation(`${label} has ${n} ${word} ${family} rules as AWS counts them (each CIDR, group ` +
                        `reference and prefix-list entry is one rule), more than the quota of ${max}. AWS rejects the ` +
                        `rules beyond the quota at deploy time. Fix: ${FIX}`, urn);
                }
            }
            if (c.ipv4 <= max && c.ipv6 <= max) {
                for (const why of c.uncounted) {
                    report.undetermined(why, `${label} has at least ${Math.max(c.ipv4, c.ipv6)} ${word} rules; this one ` +
                        `cannot be counted against the quota of ${max}.`, urn);
                }
            }
        }
    }
});
