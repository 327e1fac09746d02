/**
 * nacl-rules-effective: every network ACL entry can take effect. Flags duplicate rule numbers in
 * one direction (AWS rejects them), entries that can never match because entries evaluated before
 * them (allow or deny) already match all their traffic, and more entries per direction and address
 * family than the quota.
 *
 * "Never matches" is decided exactly over (address, protocol, port-or-ICMP type/code) points: each
 * entry is mapped onto the evaluator's (address, port) plane within its own protocol, ICMP type and
 * code becoming one 16-bit value, and the entry is unreachable when its effective part is empty.
 * Only fully-known entries shadow: an undetermined one may match nothing.
 */
import { integer, integerSchema } from "../core/config";
import { KnownEntry, NaclNode, directionEntries, directionKnown, possibleFamilies } from "../graph/nacl";
import { push } from "../graph/lists";
import { NaclEntry, undeterminedPart } from "../model/nacl-entries";
import { Undetermined, isUndetermined } from "../model/values";
import { familyName } from "../net/cidr";
import { KnownNaclEntry, allowedSet } from "../net/nacl-eval";
import { ALL_PORTS, PortRange } from "../net/ports";
import { TCP, protocolIncludes } from "../net/protocol";
import { stackPolicy } from "../core/policy";
import { Reporter, listText, trafficText } from "../core/report";
import { addressesText, entryAt, entryLabel, naclTitle, noteEntriesOnce, noteUnlinkedRules } from "./shared/text";

export const naclRulesEffective = stackPolicy({
    name: "nacl-rules-effective",
    displayName: "Network ACL entries are all effective",
    description: "Network ACLs have no duplicate rule numbers in one direction, no entry that can never match " +
        "because earlier entries already match all its traffic, and no more entries per direction and address " +
        "family than the quota.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Give every entry of a direction its own rule number; remove entries that earlier entries " +
        "shadow, or renumber them below the entries that shadow them; merge entries (wider CIDRs or port ranges) or " +
        "request a quota increase when a direction has too many.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
    tags: ["network-acl", "hygiene", "quota"],
    configSchema: {
        properties: {
            maxEntriesPerDirection: integerSchema("Entries allowed per direction and address family of one network " +
                "ACL: the AWS quota, 20 by default and adjustable up to 40.", 1, 40, 20),
        },
    },
}, ({ model, config, report }) => {
    const max = integer(config, "maxEntriesPerDirection", 1, 40);
    const graph = model.naclGraph;
    for (const node of graph.nacls) {
        checkNacl(node, max, report);
    }
    noteUnlinkedRules(graph.unlinkedRules, report, "its rule number and reachability cannot be checked with the ACL's other entries");
});

const WORD = { false: "inbound", true: "outbound" } as const;

function checkNacl(node: NaclNode, max: number, report: Reporter): void {
    const acl = naclTitle(node);
    for (const egress of [false, true]) {
        const dir = WORD[`${egress}`];
        const entries = node.entries.filter((e) => e.egress === egress && directionKnown(e));
        // Duplicate rule numbers.
        const byNumber = new Map<number, NaclEntry[]>();
        for (const e of entries) {
            if (!isUndetermined(e.ruleNumber)) {
                byNumber.set(e.ruleNumber, push(byNumber.get(e.ruleNumber), e));
            }
        }
        for (const [n, same] of [...byNumber.entries()].sort((a, b) => a[0] - b[0])) {
            if (same.length > 1) {
                report.violation(`${acl} has ${same.length} ${dir} entries with rule number ${n}: ` +
                    `${listText(same.map((e) => e.origin.path === "" ? `NetworkAclRule '${e.origin.name}'` : e.origin.path))}. ` +
                    "AWS rejects a second entry with the same rule number in one direction, so the deployment fails. " +
                    "Fix: give each entry its own rule number.", node.resource.urn, same.map(entryAt).join(", "));
            }
        }
        // Entries that can never match.
        // (Too many entries to compare pairwise: the quota check below reports the size.)
        const view = directionEntries(node, egress);
        const ordered = [...view.known].sort((a, b) => a.ruleNumber - b.ruleNumber);
        for (const entry of ordered) {
            const shadows = shadowing(entry, ordered);
            if (shadows) {
                report.violation(`${acl}: the ${dir} entry ${entryLabel(entry)}, ${entry.action} ${entryTraffic(entry)} ` +
                    `${egress ? "to" : "from"} ${addressesText([entry.cidr.range], entry.cidr.family)}, can never match: ` +
                    `${listText(shadows.map((s) => `rule ${s.ruleNumber}`))} ${shadows.length === 1 ? "is evaluated first and already matches" : "are evaluated first and already match"} ` +
                    "all of its traffic. Fix: remove it, or give it a rule number below the entries " +
                    "that shadow it (AWS evaluates entries in ascending rule-number order).", node.resource.urn, entryAt(entry));
            }
        }
        // Quota per direction and address family. An entry whose direction or family is not known
        // yet may count here: it matters only when it could take the count past the quota.
        for (const family of [4, 6] as const) {
            const count = entries.filter((e) => {
                const fams = possibleFamilies(e);
                return fams.length === 1 && fams[0] === family;
            }).length;
            const maybe = node.entries.filter((e) => e.egress === egress && possibleFamilies(e).includes(family) &&
                (!directionKnown(e) || possibleFamilies(e).length > 1));
            if (count > max) {
                report.violation(`${acl} has ${count} ${dir} ${familyName(family)} entries, more than the ${max} allowed ` +
                    "per direction and address family. AWS rejects the entries beyond the quota. Fix: merge entries (wider " +
                    `CIDRs or port ranges), or request a quota increase (up to 40) and raise maxEntriesPerDirection.`,
                node.resource.urn, `${egress ? "egress" : "ingress"} ${familyName(family)}`);
            } else if (count + maybe.length > max) {
                report.undetermined(undeterminedPart(maybe[0]) as Undetermined, `${acl} has ${count} to ${count + maybe.length} ` +
                    `${dir} ${familyName(family)} entries: those whose direction or address family is not known yet cannot be ` +
                    `counted against the ${max} allowed per direction and address family.`, node.resource.urn,
                `${egress ? "egress" : "ingress"} ${familyName(family)}`);
            }
        }
    }
    noteEntriesOnce(node, node.entries, (e) => undeterminedPart(e) ?? icmpUndetermined(e), (entry) => `Whether the ${entry} ` +
        "duplicates a rule number, can never match or shadows other entries is not checked until it is known.", report);
}

function icmpUndetermined(e: NaclEntry): Undetermined | undefined {
    const parts = [e.icmp?.type, e.icmp?.code].filter((v): v is Undetermined => isUndetermined(v));
    return parts.find((u) => u.undetermined === "invalid") ?? parts[0];
}

function entryTraffic(e: KnownEntry): string {
    // Only ICMP and ICMPv6 entries carry a type and code.
    if (e.icmp && !isUndetermined(e.icmp.type) && !isUndetermined(e.icmp.code)) {
        const t = e.icmp.type === -1 ? "all types" : `type ${e.icmp.type}`;
        const c = e.icmp.code === -1 ? "" : ` code ${e.icmp.code}`;
        return `${trafficText(e.protocol, null)} ${t}${c}`;
    }
    return trafficText(e.protocol, e.ports);
}

/**
 * The plane an entry occupies within one protocol class: TCP/UDP ports; ICMP (type, code) as
 * type * 256 + code; nothing (all values) for other protocols and all-protocol entries. Undefined when an
 * ICMP value is not known.
 */
function planeOf(e: KnownEntry): PortRange | undefined {
    switch (e.protocol.kind) {
        case "tcp":
        case "udp":
            return e.ports ?? ALL_PORTS;
        case "icmp":
        case "icmpv6": {
            const type = e.icmp?.type ?? -1;
            const code = e.icmp?.code ?? -1;
            if (isUndetermined(type) || isUndetermined(code)) {
                return undefined;
            }
            if (type === -1) {
                return ALL_PORTS;
            }
            return code === -1 ? { from: type * 256, to: type * 256 + 255 } : { from: type * 256 + code, to: type * 256 + code };
        }
        default:
            return ALL_PORTS;
    }
}

/**
 * The entries evaluated before `entry` that overlap it, when together they match all of its
 * traffic; undefined when some of its traffic reaches it.
 */
function shadowing(entry: KnownEntry, ordered: readonly KnownEntry[]): KnownEntry[] | undefined {
    const plane = planeOf(entry);
    if (!plane) {
        return undefined;
    }
    // Entries of the same family that match this protocol (for an all-protocol entry, only
    // all-protocol entries) and come first, each as a deny on its plane within this protocol.
    const earlier = ordered.filter((b) => b.ruleNumber < entry.ruleNumber
        && b.cidr.family === entry.cidr.family && protocolIncludes(b.protocol, entry.protocol));
    const before = earlier.flatMap((b): KnownNaclEntry[] => {
        const p = planeOf(b);
        return p ? [{ ruleNumber: 0, action: "deny", protocol: TCP, ports: p, cidr: b.cidr }] : [];
    });
    const rest = allowedSet([...before, { ruleNumber: 1, action: "allow", protocol: TCP, ports: plane, cidr: entry.cidr }], "tcp", entry.cidr.family);
    return rest.length === 0 ? overlapping(entry, plane, earlier) : undefined;
}

function overlapping(entry: KnownEntry, plane: PortRange, earlier: readonly KnownEntry[]): KnownEntry[] {
    return earlier.filter((b) => {
        const p = planeOf(b);
        return p !== undefined && b.cidr.range.lo <= entry.cidr.range.hi && entry.cidr.range.lo <= b.cidr.range.hi
            && p.from <= plane.to && plane.from <= p.to;
    });
}
