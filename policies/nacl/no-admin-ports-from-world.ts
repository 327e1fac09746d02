/**
 * nacl-no-admin-ports-from-world: no inbound network ACL allow entry with a whole-family CIDR
 * (0.0.0.0/0, ::/0, in any spelling) may decide any of TCP 22 or 3389 (or a configured admin port,
 * TCP or UDP), unless earlier entries completely shadow it on those ports.
 */
import { portList, portListSchema } from "../config";
import {
    directionEntries, directionKnown, effectivePart, entryLabel, naclLabel, NaclNode, noteUnlinkedRules, oversizedText,
} from "../graph/nacl";
import { NaclEntry, undeterminedPart } from "../model/nacl-entries";
import { isUndetermined } from "../model/values";
import { familyName, familyRange, isWholeFamily } from "../net/cidr";
import { IntervalSet, normalise, overlaps } from "../net/intervals";
import { PortProtocol, entryMatchesProtocol } from "../net/nacl-eval";
import { PortRange, formatPorts, portSet } from "../net/ports";
import { stackPolicy } from "../policy";
import { Reporter, listText, trafficText } from "../report";

interface AdminPort {
    readonly label: string;
    readonly protocol: PortProtocol;
    readonly ports: PortRange;
}

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
    description: "Network ACLs must not have an inbound allow entry from the whole internet (0.0.0.0/0 or ::/0, in " +
        "any spelling) that decides SSH (TCP 22), RDP (TCP 3389) or other configured admin ports (TCP and UDP), " +
        "unless earlier entries completely shadow it on those ports.",
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
        report.violation(oversizedText(node, false, view.oversized), node.resource.urn);
        return;
    }
    const ordered = [...view.known].sort((a, b) => a.ruleNumber - b.ruleNumber);
    for (const entry of ordered) {
        const whole = familyRange(entry.cidr.family);
        if (entry.action !== "allow" || entry.cidr.range.lo !== whole.lo || entry.cidr.range.hi !== whole.hi) {
            continue;
        }
        const reached: string[] = [];
        const open = new Map<PortProtocol, IntervalSet>();
        for (const admin of adminPorts) {
            if (!entryMatchesProtocol(entry, admin.protocol)) {
                continue;
            }
            const effective = open.get(admin.protocol)
                ?? normalise(effectivePart(entry, view, admin.protocol).flatMap((p) => p.ports));
            open.set(admin.protocol, effective);
            if (overlaps(effective, portSet([admin.ports]))) {
                reached.push(admin.label);
            }
        }
        if (reached.length === 0) {
            continue;
        }
        const what = trafficText(entry.protocol, entry.ports);
        const cidrText = entry.cidr.family === 4 ? "0.0.0.0/0" : "::/0";
        report.violation(`${naclLabel(node).replace(/^./, (c) => c.toUpperCase())}: ${entryLabel(entry)} allows inbound ${what} ` +
            `from ${cidrText} (every ${familyName(entry.cidr.family)} address), which lets ${listText(reached)} in from the whole ` +
            `internet, where scanners find and brute-force admin ports within minutes. Fix: ${FIX}`, node.resource.urn);
    }
    const noted = new Set<string>();
    for (const e of view.undetermined) {
        const why = undeterminedPart(e);
        if (!why || !mayTouch(e, adminPorts)) {
            continue;
        }
        const key = `${why.path}|${e.origin.urn}`;
        if (noted.has(key)) {
            continue;
        }
        noted.add(key);
        const where = directionKnown(e) ? "inbound entry" : "entry (direction not known)";
        report.undetermined(why, `The ${where} ${entryLabel(e)} of ${naclLabel(node)} may admit the whole internet to an ` +
            `admin port (${listText(adminPorts.map((a) => a.label))}), or shadow an entry that does.`, node.resource.urn);
    }
}

/** Whether an undetermined entry may match traffic to an admin port. */
function mayTouch(e: NaclEntry, adminPorts: readonly AdminPort[]): boolean {
    if (!isUndetermined(e.cidr) && !isWholeFamily(e.cidr) && e.action === "allow") {
        return false;
    }
    return adminPorts.some((a) => {
        if (isUndetermined(e.protocol)) {
            return true;
        }
        if (e.protocol.kind !== "all" && e.protocol.kind !== a.protocol) {
            return false;
        }
        return isUndetermined(e.ports) || e.ports === null || (e.ports.from <= a.ports.to && a.ports.from <= e.ports.to);
    });
}
