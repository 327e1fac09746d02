/**
 * What a network ACL lets in from the internet and back out, for one address family, with the
 * first-match evaluation of net/nacl-eval.ts. A port admits the internet when the allow entries
 * that decide some of its traffic (what no earlier entry matches first) together hold the whole
 * family, as the pack's NACL policies judge it: an earlier deny of a few addresses does not make
 * the rest less than the internet. The reply leaves when some port of the clients' ephemeral range
 * admits the whole family outbound. An entry not known yet is, for what surely passes, a deny of
 * everything it may match, evaluated first when its rule number is not known; for what may pass,
 * an allow of everything it may match.
 */
import { NaclEntry, undeterminedPart } from "../../model/nacl-entries";
import { Undetermined, isUndetermined } from "../../model/values";
import { Family, familyRange } from "../../net/cidr";
import { Interval, IntervalSet, covers, intersect, normalise, union } from "../../net/intervals";
import { KnownNaclEntry, PortProtocol, allowedSet } from "../../net/nacl-eval";
import { ALL_PORTS, PortRange, portSet } from "../../net/ports";
import { ALL } from "../../net/protocol";
import { NO_TRAFFIC, TrafficSet } from "../../net/traffic";
import { DirectionEntries, NaclNode, directionEntries, possibleFamilies } from "../nacl";
import { Doubt, Hop, NaclHop, TrafficGate, doubtGate } from "./path";

/** Where an entry was written, and its rule number. */
type Source = Pick<NaclEntry, "origin" | "ruleNumber">;

/** An entry as evaluated, and the entry it stands for (undefined for one made of an entry not known yet). */
export interface Evaluated {
    readonly entry: KnownNaclEntry;
    readonly source?: Source;
}

/** Ports the internet passes on, with the allow entries that decide them. */
interface Segment {
    readonly ports: IntervalSet;
    readonly entries: readonly Source[];
}

const PROTOCOLS: readonly PortProtocol[] = ["tcp", "udp"];

/** An entry not known yet, as an entry over everything it may match in the family; undefined when it cannot match there. */
function widened(e: NaclEntry, family: Family, action: "allow" | "deny"): KnownNaclEntry | undefined {
    if (!possibleFamilies(e).includes(family)) {
        return undefined;
    }
    return {
        ruleNumber: isUndetermined(e.ruleNumber) ? 0 : e.ruleNumber,
        action,
        protocol: isUndetermined(e.protocol) ? ALL : e.protocol,
        ports: isUndetermined(e.ports) ? ALL_PORTS : e.ports,
        cidr: isUndetermined(e.cidr) ? { family, range: familyRange(family) } : e.cidr,
    };
}

/** The entries to evaluate: surely (entries not known yet that may deny, as denies) or possibly (those that may allow, as allows). */
export function evaluatedEntries(view: DirectionEntries, family: Family, sure: boolean): Evaluated[] {
    const pending = view.undetermined
        .filter((u) => (sure ? u.action !== "allow" : u.action !== "deny"))
        .flatMap((u) => widened(u, family, sure ? "deny" : "allow") ?? []).map((entry): Evaluated => ({ entry }));
    const known = view.known.map((k): Evaluated => ({ entry: k, source: k }));
    // A stable sort: entries with equal numbers keep their order, those not known yet first.
    return [...pending, ...known].sort((a, b) => a.entry.ruleNumber - b.entry.ruleNumber);
}

/** The ports within `within` on which the entries admit the whole family for the protocol, grouped by the allow entries that decide them. */
function worldSegments(list: readonly Evaluated[], protocol: PortProtocol, family: Family, within: IntervalSet): Segment[] {
    const full = [familyRange(family)];
    // The ports each entry decides to let in: none for a deny, or an entry of another family or protocol.
    const allows = list.map((x, i) => {
        const before = list.slice(0, i).map((y) => ({ ...y.entry, action: "deny" as const, ruleNumber: 0 }));
        const decided = allowedSet([...before, { ...x.entry, ruleNumber: 1 }], protocol, family);
        return { x, ports: intersect(normalise(decided.flatMap((p) => p.ports)), within) };
    });
    const cuts = new Set<bigint>();
    allows.forEach((a) => a.ports.forEach((p) => cuts.add(p.lo).add(p.hi + 1n)));
    // Port numbers: their difference is exact as a number.
    const sorted = [...cuts].sort((a, b) => Number(a - b));
    const found = new Map<string, { ports: Interval[]; entries: Evaluated[] }>();
    for (let i = 0; i + 1 < sorted.length; i++) {
        const atom = { lo: sorted[i], hi: sorted[i + 1] - 1n };
        const deciding = allows.filter((a) => a.ports.some((p) => p.lo <= atom.lo && atom.lo <= p.hi));
        if (!covers(normalise(deciding.map((a) => a.x.entry.cidr.range)), full)) {
            continue;
        }
        const key = deciding.map((a) => list.indexOf(a.x)).join(",");
        const g = found.get(key) ?? { ports: [], entries: deciding.map((a) => a.x) };
        g.ports.push(atom);
        found.set(key, g);
    }
    return [...found.values()].map((g) => ({ ports: normalise(g.ports), entries: g.entries.flatMap((x) => (x.source ? [x.source] : [])) }));
}

const portsOf = (segments: readonly Segment[]): IntervalSet => segments.reduce((a: IntervalSet, s) => union(a, s.ports), []);

/** Why nothing can be told of an ACL with more entries in one direction than AWS allows (AWS would reject it). */
export function oversizedDoubt(node: NaclNode): Doubt | undefined {
    const [inbound, outbound] = [directionEntries(node, false).oversized, directionEntries(node, true).oversized];
    const count = inbound ?? outbound;
    return count === undefined ? undefined : { why: { undetermined: "invalid", path: inbound === undefined ? "egress" : "ingress",
        reason: `network ACL '${node.resource.name}' has ${count} entries in one direction, more than AWS allows` }, urn: node.resource.urn };
}

/** What an ACL of the stack lets in from the internet on each protocol, with the reply out on the ephemeral ports. */
export function naclGate(node: NaclNode, family: Family, ephemeral: PortRange): TrafficGate {
    const inbound = directionEntries(node, false);
    const outbound = directionEntries(node, true);
    const oversized = oversizedDoubt(node);
    if (oversized) {
        return doubtGate(oversized);
    }
    const segments: { traffic: TrafficSet; hops: Hop[] }[] = [];
    let definite = NO_TRAFFIC;
    let possible = NO_TRAFFIC;
    const hop = (kind: NaclHop["kind"], protocol: PortProtocol, ports: IntervalSet) => (e: Source): NaclHop => ({
        kind, urn: e.origin.urn, path: e.origin.path, acl: node.resource.urn, protocol, ports,
        ...(isUndetermined(e.ruleNumber) ? {} : { ruleNumber: e.ruleNumber }),
    });
    const eph = portSet([ephemeral]);
    for (const protocol of PROTOCOLS) {
        const sureIn = worldSegments(evaluatedEntries(inbound, family, true), protocol, family, portSet([ALL_PORTS]));
        const sureOut = worldSegments(evaluatedEntries(outbound, family, true), protocol, family, eph);
        const mayIn = worldSegments(evaluatedEntries(inbound, family, false), protocol, family, portSet([ALL_PORTS]));
        const mayOut = worldSegments(evaluatedEntries(outbound, family, false), protocol, family, eph);
        if (sureOut.length > 0) {
            definite = { ...definite, [protocol]: portsOf(sureIn) };
            const reply = sureOut[0].entries.map(hop("nacl-out", protocol, sureOut[0].ports));
            for (const s of sureIn) {
                segments.push({ traffic: { ...NO_TRAFFIC, [protocol]: s.ports }, hops: [...s.entries.map(hop("nacl-in", protocol, s.ports)), ...reply] });
            }
        }
        if (mayOut.length > 0) {
            possible = { ...possible, [protocol]: portsOf(mayIn) };
        }
    }
    const pending = [...inbound.undetermined, ...outbound.undetermined][0];
    const doubt: Doubt | undefined = pending && { why: undeterminedPart(pending) as Undetermined, urn: pending.origin.urn };
    return { segments, definite, possible, ...(doubt ? { doubt } : {}) };
}

/** Every port of TCP and UDP, or the given ones. */
export function tcpUdp(ports: IntervalSet): TrafficSet {
    return { ...NO_TRAFFIC, tcp: ports, udp: ports };
}

/** AWS's default network ACL of a VPC the stack creates and does not declare: its rule 100 (IPv4) or 101 (IPv6) allows all traffic both ways. */
export function allowAllGate(vpcUrn: string, family: Family, ephemeral: PortRange): TrafficGate {
    const all = portSet([ALL_PORTS]);
    const segments = PROTOCOLS.map((protocol) => ({
        traffic: { ...NO_TRAFFIC, [protocol]: all },
        hops: awsDefaultHops(vpcUrn, family, protocol, all, portSet([ephemeral])),
    }));
    return { segments, definite: tcpUdp(all), possible: tcpUdp(all) };
}

/** The two entries of AWS's default ACL that a flow takes: the inbound allow-all and the outbound allow-all, rule 100 (IPv4) or 101 (IPv6). */
export function awsDefaultHops(vpcUrn: string, family: Family, protocol: PortProtocol, inPorts: IntervalSet, outPorts: IntervalSet): NaclHop[] {
    const base = { urn: vpcUrn, path: "", acl: vpcUrn, protocol, ruleNumber: family === 4 ? 100 : 101, awsDefault: true } as const;
    return [{ kind: "nacl-in", ...base, ports: inPorts }, { kind: "nacl-out", ...base, ports: outPorts }];
}
