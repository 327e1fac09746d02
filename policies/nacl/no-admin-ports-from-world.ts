/**
 * nacl-no-admin-ports-from-world: the inbound entries of a network ACL must not admit the whole
 * internet to TCP 22 or 3389 (or a configured admin port, TCP or UDP): no allow entry from a
 * whole-family CIDR (0.0.0.0/0, ::/0, in any spelling), and no allow entries whose CIDRs together
 * cover a family, may decide traffic to such a port (port by port, first match: see nacl/shared/world.ts).
 */
import { portList, portListSchema } from "../core/config";
import { directionEntries, NaclNode } from "../graph/nacl";
import { NaclEntry, undeterminedPart } from "../model/nacl-entries";
import { isUndetermined } from "../model/values";
import { Cidr, familyName, isWholeFamily } from "../net/cidr";
import { PortRange, formatPorts } from "../net/ports";
import { stackPolicy } from "../core/policy";
import { Reporter, listText, trafficText } from "../core/report";
import { addressesText, entryAt, entryLabel, naclTitle, noteEntriesOnce, noteUnlinkedRules, oversizedText } from "./shared/text";
import { AdminPort, SplitExposure, mayCarry, maySplit, splitExposures, wholeFamilyExposures } from "./shared/world";

const BUILT_IN: AdminPort[] = [
    { label: "SSH (TCP port 22)", protocol: "tcp", ports: { from: 22, to: 22 } },
    { label: "RDP (TCP port 3389)", protocol: "tcp", ports: { from: 3389, to: 3389 } },
];

function configured(range: PortRange): AdminPort[] {
    return (["tcp", "udp"] as const).map((protocol) => ({ label: `${protocol.toUpperCase()} ${formatPorts(range)}`, protocol, ports: range }));
}

const FIX = "Allow admin ports only from trusted CIDRs (a bastion or VPN range) in the network ACL, with the " +
    "security groups as the finer control, or remove the entry and connect with AWS Systems Manager Session " +
    "Manager, which needs no inbound port at all.";

export const naclNoAdminPortsFromWorld = stackPolicy({
    name: "nacl-no-admin-ports-from-world",
    displayName: "No SSH or RDP from the internet through network ACLs",
    description: "Network ACLs must not admit the whole internet to SSH (TCP 22), RDP (TCP 3389) or other configured " +
        "admin ports (TCP and UDP): no inbound allow entry from 0.0.0.0/0 or ::/0 (in any spelling), and no inbound allow " +
        "entries whose CIDRs together cover an address family, may decide traffic to such a port (judged port by port, " +
        "first match), unless earlier entries completely shadow them there.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
    tags: ["network-acl", "ingress", "internet-exposure", "admin-ports"],
    controls: { cis: ["5.1"], securityHub: ["EC2.21"] },
    configSchema: {
        properties: {
            ports: portListSchema("More admin ports to protect besides SSH and RDP (TCP and UDP), e.g. [23, 5900, \"5985-5986\"].", []),
        },
    },
}, ({ model, config, report }) => {
    const adminPorts = [...BUILT_IN, ...portList(config, "ports").flatMap(configured)];
    const graph = model.naclGraph;
    for (const node of graph.nacls) {
        checkNacl(node, adminPorts, report);
    }
    noteUnlinkedRules(graph.unlinkedRules, report, "whether it admits the whole internet to an admin port cannot be checked with the ACL's other entries");
});

function checkNacl(node: NaclNode, adminPorts: readonly AdminPort[], report: Reporter): void {
    const view = directionEntries(node, false);
    if (view.oversized) {
        report.violation(oversizedText(node, false, view.oversized), node.resource.urn, "ingress");
        return;
    }
    const acl = naclTitle(node);
    const risk = "where scanners find and brute-force admin ports within minutes";
    for (const { entry, reached } of wholeFamilyExposures(view, adminPorts)) {
        const what = trafficText(entry.protocol, entry.ports);
        const cidrText = entry.cidr.family === 4 ? "0.0.0.0/0" : "::/0";
        report.violation(`${acl}: ${entryLabel(entry)} allows inbound ${what} from ${cidrText} (every ${familyName(entry.cidr.family)} ` +
            `address), which lets ${listText(reached.map((a) => a.label))} in from the whole internet, ${risk}. Fix: ${FIX}`, node.resource.urn,
        entryAt(entry));
    }
    for (const e of splitExposures(view, adminPorts)) {
        const entries = e.entries.map((x) => `${entryLabel(x)} allows inbound ${trafficText(x.protocol, x.ports)} from ${addressesText([x.cidr.range], x.cidr.family)}`);
        report.violation(`${acl}: ${listText(entries)}, blocks that together cover every ${familyName(e.family)} address, which ` +
            `lets ${reachedText(e)} in from the whole internet, ${risk}. Fix: ${FIX}`, node.resource.urn,
        e.entries.map(entryAt).join(", "));
    }
    const why = (e: NaclEntry) => {
        const part = undeterminedPart(e);
        return part && mayTouch(e, adminPorts, (cidr) => maySplit(e, cidr, view, adminPorts)) ? part : undefined;
    };
    noteEntriesOnce(node, view.undetermined, why, (entry) => `The ${entry} may admit the whole internet to an admin port ` +
        `(${listText(adminPorts.map((a) => a.label))}), or shadow an entry that does.`, report);
}

/** "SSH (TCP port 22)", "UDP port 5985": the admin ports a split exposure reaches, as far as it reaches them. */
function reachedText(e: SplitExposure): string {
    return listText(e.reached.map(({ admin, ports }) => {
        // The reached ports lie within the admin range: one interval from its start to its end is all of it.
        const all = ports[0].lo === BigInt(admin.ports.from) && ports[0].hi === BigInt(admin.ports.to);
        return all ? admin.label : `${admin.protocol.toUpperCase()} ${listText(ports.map((i) => formatPorts({ from: Number(i.lo), to: Number(i.hi) })))}`;
    }));
}

/**
 * Whether an undetermined entry may decide admin traffic from the whole internet: one whose CIDR is
 * not known, or from a whole family, that may carry admin traffic; one with a smaller known block
 * only when the family's allows may cover it on an admin port (`split`): with none, a deny has
 * nothing to take away and an allow no split to complete.
 */
function mayTouch(e: NaclEntry, adminPorts: readonly AdminPort[], split: (cidr: Cidr) => boolean): boolean {
    if (!isUndetermined(e.cidr) && !isWholeFamily(e.cidr)) {
        return split(e.cidr);
    }
    return adminPorts.some((a) => mayCarry(e, a));
}
