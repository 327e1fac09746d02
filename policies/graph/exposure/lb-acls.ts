/**
 * Whether the network ACL of a target's subnet lets a load balancer reach the target. The packets
 * come from the load balancer's nodes, whose addresses are in the load balancer's subnets, to the
 * target port; the replies go back to them on their ephemeral ports. A node gets through when the
 * ACL admits the whole block of its subnet on the target port, and lets the replies out to the whole
 * block on some ephemeral port (as for the internet, nacl-world.ts). The target is reached when some
 * node gets through to some subnet the target may be in. What surely passes counts entries not known
 * yet as denies; what may pass, as allows.
 */
import { Maybe, child, invalidAt, isUndetermined, str } from "../../model/values";
import { Cidr, Family, parseCidr } from "../../net/cidr";
import { isNoTraffic, portTraffic, trafficIntersect } from "../../net/traffic";
import { Interval, IntervalSet, intersect, subtract, union } from "../../net/intervals";
import { KnownNaclEntry, PortProtocol, allowedSet, entryMatchesProtocol, entryPorts, missing } from "../../net/nacl-eval";
import { ALL_PORTS, PortRange, portSet } from "../../net/ports";
import { directionEntries } from "../nacl";
import type { NaclNode } from "../nacl-graph";
import type { StackResource } from "../resource";
import type { StackModel } from "../stack";
import { EPHEMERAL, type ExposureModel, hopsFor } from "./exposure";
import { Evaluated, awsDefaultHops, evaluatedEntries, oversizedDoubt } from "./nacl-world";
import { Doubt, Hop, NaclHop } from "./path";
import { outside } from "./routes";

/** The protocols that surely and possibly get through, with the entries that let them, and why the rest may. */
export interface TargetAclGate {
    readonly sure: readonly PortProtocol[];
    readonly may: readonly PortProtocol[];
    readonly hops: readonly Hop[];
    readonly doubt?: Doubt;
}

/** The load balancer's subnets of the stack, each with its IPv4 block (undetermined when it is not known). */
export function loadBalancerBlocks(model: StackModel, exposure: ExposureModel, lb: StackResource): { subnet: StackResource; block: Maybe<Cidr> }[] {
    return (exposure.placements.of(lb)?.subnets ?? []).map((s) => {
        const subnet = model.byUrn.get(s.urn) as StackResource;
        const text = str(child(subnet.root, "cidrBlock"));
        const block = isUndetermined(text) ? text
            : parseCidr(text, 4) ?? invalidAt("cidrBlock", `the cidrBlock of subnet '${subnet.name}' is not an IPv4 CIDR`);
        return { subnet, block };
    });
}

/** The allow entries that decide the packets from (or to) every address of the block on one port, in evaluation order. */
function deciding(list: readonly Evaluated[], protocol: PortProtocol, block: Interval, port: bigint): Evaluated[] {
    let rest: IntervalSet = [block];
    const out: Evaluated[] = [];
    for (const x of list) {
        const e = x.entry;
        const ports = entryPorts(e);
        if (e.cidr.family !== 4 || !entryMatchesProtocol(e, protocol) || port < BigInt(ports.from) || port > BigInt(ports.to)) {
            continue;
        }
        if (intersect(rest, [e.cidr.range]).length > 0 && e.action === "allow") {
            out.push(x);
        }
        rest = subtract(rest, [e.cidr.range]);
    }
    return out;
}

const entries = (list: readonly Evaluated[]): KnownNaclEntry[] => list.map((x) => x.entry);

/** The ports of `within` on which the entries let every address of the block through. */
function openPorts(list: readonly Evaluated[], protocol: PortProtocol, block: Interval, within: PortRange): IntervalSet {
    const blocked = missing(entries(list), protocol, 4, block, within).map((m) => ({ lo: BigInt(m.ports.from), hi: BigInt(m.ports.to) }));
    return subtract(portSet([within]), blocked.reduce((a: IntervalSet, i) => union(a, [i]), []));
}

/** True when the entries let some address of the block through on some of the ports. */
function anyOpen(list: readonly Evaluated[], protocol: PortProtocol, block: Interval, ports: IntervalSet): boolean {
    return allowedSet(entries(list), protocol, 4).some((p) => intersect(p.addresses, [block]).length > 0 && intersect(p.ports, ports).length > 0);
}

/** What one ACL lets through from a load balancer's subnet to the target port, and back. */
function throughAcl(node: NaclNode, protocol: PortProtocol, from: { subnet: StackResource; block: Cidr }, port: Maybe<number>): { sure?: Hop[]; may: boolean } {
    const [inbound, outbound] = [directionEntries(node, false), directionEntries(node, true)];
    const wanted: PortRange = isUndetermined(port) ? ALL_PORTS : { from: port, to: port };
    const range = from.block.range;
    if (oversizedDoubt(node)) {
        return { may: true }; // AWS would reject it: nothing can be told (partly() says why).
    }
    const may = anyOpen(evaluatedEntries(inbound, 4, false), protocol, range, portSet([wanted]))
        && anyOpen(evaluatedEntries(outbound, 4, false), protocol, range, portSet([EPHEMERAL]));
    if (isUndetermined(port)) {
        return { may };
    }
    const [sureIn, sureOut] = [evaluatedEntries(inbound, 4, true), evaluatedEntries(outbound, 4, true)];
    const replies = openPorts(sureOut, protocol, range, EPHEMERAL);
    if (openPorts(sureIn, protocol, range, wanted).length === 0 || replies.length === 0) {
        return { may };
    }
    const hop = (kind: NaclHop["kind"], ports: IntervalSet) => (x: Evaluated): NaclHop[] => (x.source ? [{
        kind, urn: x.source.origin.urn, path: x.source.origin.path, acl: node.resource.urn, protocol, ports, peer: from.subnet.urn,
        ...(isUndetermined(x.source.ruleNumber) ? {} : { ruleNumber: x.source.ruleNumber }),
    }] : []);
    return {
        may: true,
        sure: [...deciding(sureIn, protocol, range, BigInt(port)).flatMap(hop("nacl-in", portSet([wanted]))),
            ...deciding(sureOut, protocol, range, replies[0].lo).flatMap(hop("nacl-out", replies))],
    };
}

/** Whether the ACL of some subnet the target may be in lets some node of the load balancer reach it on the target port. */
export function targetAclGate(model: StackModel, exposure: ExposureModel, lb: StackResource, target: StackResource, protocols: readonly PortProtocol[],
    port: Maybe<number>): TargetAclGate {
    const placement = exposure.placements.of(target);
    if (!placement) {
        return { sure: protocols, may: protocols, hops: [] }; // A target without a subnet of its own (an IP address, a function).
    }
    const blocks = loadBalancerBlocks(model, exposure, lb);
    const unknownBlock = blocks.find((b) => isUndetermined(b.block));
    const known = blocks.flatMap((b) => (isUndetermined(b.block) ? [] : [{ subnet: b.subnet, block: b.block }]));
    const doubts: Doubt[] = [...unknownBlock ? [{ why: unknownBlock.block as Exclude<Maybe<Cidr>, Cidr>, urn: unknownBlock.subnet.urn }] : [],
        ...blocks.length === 0 ? exposure.placements.of(lb)?.doubts ?? [] : [], ...placement.doubts];
    const sure: PortProtocol[] = [];
    const may = new Set<PortProtocol>(doubts.length > 0 ? protocols : []);
    const hops: Hop[] = [];
    for (const subnet of placement.subnets) {
        const acl = exposure.acls.aclOf(subnet.urn);
        if (acl.doubt) {
            doubts.push(acl.doubt);
            protocols.forEach((p) => may.add(p));
            continue;
        }
        for (const protocol of protocols) {
            const all = acl.node ? known.map((from) => throughAcl(acl.node as NaclNode, protocol, from, port)) : [];
            const pending = acl.pending.flatMap((p) => known.map((from) => throughAcl(p.node, protocol, from, port)));
            const open = acl.allowAllOf !== undefined ? { may: true, sure: allowAll(acl.allowAllOf, protocol, port) } : all.find((x) => x.sure) ?? { may: all.some((x) => x.may) };
            if (open.may || pending.some((x) => x.may)) {
                may.add(protocol);
            }
            const surely = open.sure !== undefined && pending.every((x) => x.sure) && !isUndetermined(port);
            if (surely && !sure.includes(protocol)) {
                sure.push(protocol);
                hops.push(...(open.sure as Hop[]));
            } else if (!surely && (open.may || pending.some((x) => x.may)) && !isUndetermined(port)) {
                // (A port not known yet is the path's doubt already.)
                // (A subnet on AWS's default ACL and no pending one is surely open: here, the subnet has an ACL of its own.)
                doubts.push(acl.pending[0] ? { why: acl.pending[0].why, urn: acl.pending[0].node.resource.urn } : partly(acl.node as NaclNode, known));
            }
        }
    }
    const doubt = doubts[0];
    return { sure, may: protocols.filter((p) => may.has(p)), hops, ...(doubt ? { doubt } : {}) };
}

/**
 * Whether the network ACL of some subnet the target may be in admits the clients' own packets (a
 * Network Load Balancer that preserves their address): the internet, on the target port, with the
 * replies out to it, as on a direct path.
 */
export function clientAclGate(exposure: ExposureModel, target: StackResource, family: Family, protocols: readonly PortProtocol[],
    port: Maybe<number>): TargetAclGate {
    const placement = exposure.placements.of(target);
    if (!placement) {
        return { sure: protocols, may: protocols, hops: [] };
    }
    const doubts: Doubt[] = [...placement.doubts];
    const sure: PortProtocol[] = [];
    const may = new Set<PortProtocol>(doubts.length > 0 ? protocols : []);
    const hops: Hop[] = [];
    for (const subnet of placement.subnets) {
        const gate = exposure.acls.gate(subnet.urn, family, EPHEMERAL);
        for (const protocol of protocols) {
            const wanted = portTraffic([protocol], [isUndetermined(port) ? ALL_PORTS : { from: port, to: port }]);
            const definite = !isUndetermined(port) && !isNoTraffic(trafficIntersect(gate.definite, wanted));
            const possible = definite || !isNoTraffic(trafficIntersect(gate.possible, wanted));
            if (possible) {
                may.add(protocol);
            }
            if (definite && !sure.includes(protocol)) {
                sure.push(protocol);
                hops.push(...hopsFor(gate, wanted));
            } else if (possible && !definite && !isUndetermined(port) && gate.doubt) {
                doubts.push(gate.doubt);
            }
        }
    }
    const doubt = doubts[0];
    return { sure, may: protocols.filter((p) => may.has(p)), hops, ...(doubt ? { doubt } : {}) };
}

/** AWS's default ACL of a VPC the stack creates: its rule 100 lets everything in and out. */
function allowAll(vpcUrn: string, protocol: PortProtocol, port: Maybe<number>): Hop[] {
    return awsDefaultHops(vpcUrn, 4, protocol, portSet([isUndetermined(port) ? ALL_PORTS : { from: port, to: port }]), portSet([EPHEMERAL]));
}

/** Why traffic may pass an ACL that does not surely let it: an entry not known yet, or a part of a subnet's block. */
function partly(node: NaclNode, from: readonly { subnet: StackResource }[]): Doubt {
    const oversized = oversizedDoubt(node);
    if (oversized) {
        return oversized;
    }
    const pending = [...directionEntries(node, false).undetermined, ...directionEntries(node, true).undetermined][0];
    if (pending) {
        const why = [pending.ruleNumber, pending.action, pending.protocol, pending.ports, pending.cidr].find(isUndetermined);
        if (why) {
            return { why, urn: pending.origin.urn };
        }
    }
    const names = from.map((f) => `'${f.subnet.name}'`).join(", ");
    return {
        why: outside("subnetIds", `network ACL '${node.resource.name}' lets only part of the load balancer's subnets (${names}) reach the target or get its replies, ` +
            "and which addresses the load balancer's nodes get there is not known"),
        urn: node.resource.urn, outside: true,
    };
}
