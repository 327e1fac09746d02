/**
 * How the NACL policies name ACLs, entries, addresses and ports, and the notes they all make: on
 * rules that belong to no ACL of the stack, on entries not known yet, on directions too large to
 * evaluate.
 */
import { MAX_EVALUATED_ENTRIES, NaclNode, UnlinkedNaclRule, directionKnown } from "../../graph/nacl";
import { NaclEntry } from "../../model/nacl-entries";
import { Undetermined, isUndetermined, unknownAt } from "../../model/values";
import { Family, rangeToCidrs } from "../../net/cidr";
import { IntervalSet } from "../../net/intervals";
import { Reporter } from "../../core/report";

/** "network ACL 'public'" or "default network ACL 'default'". */
function naclLabel(node: NaclNode): string {
    return `${node.isDefault ? "default network ACL" : "network ACL"} '${node.resource.name}'`;
}

/** The label at the start of a sentence: "Network ACL 'public'" or "Default network ACL 'default'". */
export function naclTitle(node: NaclNode): string {
    const label = naclLabel(node);
    return label.charAt(0).toUpperCase() + label.slice(1);
}

/** "ingress[0] (rule 100)" or "NetworkAclRule 'https-in' (rule 100)". */
export function entryLabel(e: Pick<NaclEntry, "origin" | "ruleNumber">): string {
    const where = e.origin.path === "" ? `NetworkAclRule '${e.origin.name}'` : e.origin.path;
    const n = isUndetermined(e.ruleNumber) ? "rule number not known" : `rule ${e.ruleNumber}`;
    return `${where} (${n})`;
}

/** Where an entry is, for its finding's key: its path on the ACL (whose own entries only it holds), or the URN of a NetworkAclRule. */
export function entryAt(e: Pick<NaclEntry, "origin">): string {
    return e.origin.path === "" ? e.origin.urn : e.origin.path;
}

/** CIDR blocks of an address set: "10.0.0.0/8, 172.16.0.0/12". */
export function addressesText(addresses: IntervalSet, family: Family): string {
    return addresses.flatMap((i) => rangeToCidrs(i, family)).join(", ");
}

/** "443", "1024-65535", "22, 80-443". */
export function portsText(ports: IntervalSet): string {
    return ports.map((i) => (i.lo === i.hi ? `${i.lo}` : `${i.lo}-${i.hi}`)).join(", ");
}

/** "Network ACL 'x' has N inbound entries, ..." for a direction too large to evaluate. */
export function oversizedText(node: NaclNode, egress: boolean, count: number): string {
    return `${naclTitle(node)} has ${count} ${egress ? "outbound" : "inbound"} entries; ` +
        `AWS allows at most 40 per direction, so the deployment fails, and the pack evaluates at most ` +
        `${MAX_EVALUATED_ENTRIES}. Fix: merge entries (wider CIDRs or port ranges) to stay within the quota.`;
}

/**
 * Notes each of `entries` that `why` gives a reason for (undefined: nothing to note), once per
 * property path and resource however often it turns up; `text` makes the note from the entry's
 * name: "inbound entry ingress[0] (rule 100) of network ACL 'public'".
 */
export function noteEntriesOnce(node: NaclNode, entries: Iterable<NaclEntry>, why: (e: NaclEntry) => Undetermined | undefined,
    text: (entry: string) => string, report: Reporter): void {
    const noted = new Set<string>();
    for (const e of entries) {
        const reason = why(e);
        const key = reason && `${reason.path}|${e.origin.urn}`;
        if (!reason || !key || noted.has(key)) {
            continue;
        }
        noted.add(key);
        const where = directionKnown(e) ? `${e.egress ? "outbound" : "inbound"} entry` : "entry (direction not known)";
        report.undetermined(reason, text(`${where} ${entryLabel(e)} of ${naclLabel(node)}`), node.resource.urn,
            e.origin.urn === node.resource.urn ? reason.path : `${e.origin.urn} ${reason.path}`);
    }
}

/**
 * Notes each NetworkAclRule that belongs to no ACL of the stack: `consequence` says what the
 * policy cannot check. An undetermined networkAclId goes through `undetermined` (an invalid one is
 * a violation); a known ID of an ACL outside the stack is a note.
 */
export function noteUnlinkedRules(rules: readonly UnlinkedNaclRule[], report: Reporter, consequence: string): void {
    for (const rule of rules) {
        const label = `NetworkAclRule '${rule.resource.name}'`;
        const id = rule.networkAclId;
        if (rule.defaultOf) {
            report.note(`${label} adds an entry to the default network ACL of VPC '${rule.defaultOf.name}', which is not in this ` +
                `stack (declare it as an aws.ec2.DefaultNetworkAcl): ${consequence}.`, rule.resource.urn);
        } else if (typeof id === "string") {
            report.note(`${label} adds an entry to network ACL ${id}, which is not in this stack: ${consequence}.`, rule.resource.urn);
        } else {
            const why = id ?? unknownAt("networkAclId");
            report.undetermined(why, `${label} cannot be linked to its network ACL, so ${consequence}.`, rule.resource.urn);
        }
    }
}
