/**
 * nacl-ephemeral-return-traffic: network ACLs are stateless, so every flow an ACL lets one side
 * start needs its replies allowed in the other direction, to the initiator's ephemeral ports.
 *
 * A flow is what an allow entry lets one side start after the earlier denies (earlier allows take
 * nothing away: inbound "allow TCP 1024-65535" then "allow TCP 8080" still declares a service on
 * 8080): TCP for tcp and all-protocol entries, UDP for udp entries, on the entry's ports; an entry
 * whose ports cover the whole ephemeral range is a return-path entry, and only its ports outside
 * that range start flows. For a flow with peer addresses C, the opposite direction must allow the
 * same protocol from/to C on the whole ephemeral range; each missing (addresses, ports) piece is
 * named with the deny entry that blocks it, or the implicit deny.
 *
 * Undetermined entries never make a violation that may not hold: one that may be evaluated before
 * an allow entry takes its possible points out of that entry's flows, and one that may allow counts
 * as allowing all it may match on the return side. Each is an advisory note (a violation when it
 * is invalid).
 */
import { portRange, portRangeSchema } from "../core/config";
import { directionEntries, DirectionEntries, allowedPart, KnownEntry, NaclNode, optimisticEntries } from "../graph/nacl";
import { NaclEntry, undeterminedPart } from "../model/nacl-entries";
import { isUndetermined } from "../model/values";
import { IntervalSet, covers, intersect, normalise, subtract } from "../net/intervals";
import { Missing, PortProtocol, missing } from "../net/nacl-eval";
import { PortRange, portSet } from "../net/ports";
import { stackPolicy } from "../core/policy";
import { Reporter } from "../core/report";
import { addressesText, entryAt, entryLabel, naclTitle, noteEntriesOnce, noteUnlinkedRules, oversizedText, portsText } from "./shared/text";

const DEFAULT_EPHEMERAL = "1024-65535";

export const naclEphemeralReturnTraffic = stackPolicy({
    name: "nacl-ephemeral-return-traffic",
    displayName: "Network ACLs allow return traffic",
    description: "Every flow a network ACL lets one side start (TCP for tcp and all-protocol allow entries, UDP for " +
        "udp entries, less what earlier deny entries match; earlier allows take nothing away) must have its return path allowed in the other direction, to and from the same peer CIDR, on " +
        "the whole ephemeral port range: network ACLs are stateless.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "For each flow, add an allow entry in the other direction for the same protocol, the peer's " +
        "CIDR and the ephemeral ports (1024-65535 covers ELB, NAT gateways, Lambda, Linux and Windows clients), with a " +
        "rule number below any deny entry that matches that return traffic.",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html",
    tags: ["network-acl", "stateless", "ephemeral-ports", "connectivity"],
    configSchema: {
        properties: {
            ephemeralPorts: portRangeSchema("The ephemeral port range return traffic must be allowed on, as " +
                "\"from-to\", e.g. \"32768-60999\" when every client is a Linux host.", DEFAULT_EPHEMERAL),
        },
    },
}, ({ model, config, report }) => {
    const ephemeral = portRange(config, "ephemeralPorts");
    const graph = model.naclGraph;
    for (const node of graph.nacls) {
        checkNacl(node, ephemeral, report);
    }
    noteUnlinkedRules(graph.unlinkedRules, report, "its flows and return paths cannot be checked with the ACL's other entries");
});

const DIRECTION = { inbound: { word: "inbound", peer: "from" }, outbound: { word: "outbound", peer: "to" } };

function checkNacl(node: NaclNode, ephemeral: PortRange, report: Reporter): void {
    const views = { inbound: directionEntries(node, false), outbound: directionEntries(node, true) };
    if (views.inbound.oversized || views.outbound.oversized) {
        for (const [egress, view] of [[false, views.inbound], [true, views.outbound]] as const) {
            if (view.oversized) {
                report.violation(oversizedText(node, egress, view.oversized), node.resource.urn, egress ? "egress" : "ingress");
            }
        }
        return;
    }
    for (const dir of ["inbound", "outbound"] as const) {
        const opposite = dir === "inbound" ? "outbound" : "inbound";
        const view = views[dir];
        const ordered = [...view.known].sort((a, b) => a.ruleNumber - b.ruleNumber);
        for (const entry of ordered) {
            for (const protocol of flowProtocols(entry)) {
                const message = checkEntry(node, entry, protocol, view, views[opposite], dir, ephemeral);
                if (message) {
                    report.violation(message, node.resource.urn, `${entryAt(entry)} ${protocol}`);
                }
            }
        }
    }
    // Entries of protocols that carry no flows (ICMP, ...) play no part in the check.
    const why = (e: NaclEntry) => (isUndetermined(e.protocol) || ["tcp", "udp", "all"].includes(e.protocol.kind) ? undeterminedPart(e) : undefined);
    noteEntriesOnce(node, [...views.inbound.undetermined, ...views.outbound.undetermined], why, (entry) => `The ${entry} may start flows ` +
        "that need return traffic, shadow other entries' flows, or carry their return traffic: the return-path check leaves it out " +
        "until it is known.", report);
}

/** TCP for tcp and all-protocol allow entries, UDP for udp ones. */
function flowProtocols(entry: KnownEntry): PortProtocol[] {
    if (entry.action !== "allow") {
        return [];
    }
    switch (entry.protocol.kind) {
        case "tcp":
        case "all":
            return ["tcp"];
        case "udp":
            return ["udp"];
        default:
            return [];
    }
}

function checkEntry(
    node: NaclNode, entry: KnownEntry, protocol: PortProtocol, view: DirectionEntries, opposite: DirectionEntries,
    dir: "inbound" | "outbound", ephemeral: PortRange,
): string | undefined {
    const declared = portSet([entry.ports ?? { from: 0, to: 65535 }]);
    const eph = portSet([ephemeral]);
    const flowPorts: IntervalSet = covers(declared, eph) ? subtract(declared, eph) : declared;
    const family = entry.cidr.family;
    // No flow (an entry on the ephemeral ports only, or shadowed): no peer, so no gap.
    const flows = allowedPart(entry, view, protocol)
        .map((p) => ({ addresses: p.addresses, ports: intersect(p.ports, flowPorts) }))
        .filter((p) => p.ports.length > 0);
    const peers = normalise(flows.flatMap((f) => f.addresses));
    const returnEntries = optimisticEntries(opposite, family);
    const gaps: Missing[] = peers.flatMap((peer) => missing(returnEntries, protocol, family, peer, ephemeral));
    if (gaps.length === 0) {
        return undefined;
    }
    const P = protocol.toUpperCase();
    const there = DIRECTION[dir];
    const back = DIRECTION[dir === "inbound" ? "outbound" : "inbound"];
    const flowText = flows.map((f) => `${there.word} ${P} ${portsText(f.ports)} ${there.peer} ${addressesText(f.addresses, family)}`).join("; ");
    const gapText = gaps.map((g) => `${back.word} ${P} ${portsText(portSet([g.ports]))} ${back.peer} ${addressesText([g.addresses], family)} ` +
        `is denied by ${g.blockedBy === undefined ? "the implicit deny" : `rule ${g.blockedBy}`}`).join("; ");
    const ephText = portsText(portSet([ephemeral]));
    const denies = gaps.map((g) => g.blockedBy).filter((n): n is number => n !== undefined);
    const below = denies.length > 0 ? ` with a rule number below ${Math.min(...denies)}` : "";
    const missingPeers = addressesText(normalise(gaps.map((g) => g.addresses)), family);
    return `${naclTitle(node)}: ${entryLabel(entry)} allows ${flowText}, but the return traffic is not allowed: ${gapText}. ` +
        `Network ACLs are stateless: the replies go to the initiator's ephemeral ports (${ephText}), so these connections hang. ` +
        `Fix: add an ${back.word} allow entry for ${P} ${ephText} ${back.peer} ${missingPeers}${below}.`;
}
