/**
 * Paths from the internet through load balancers: a path reaches an internet-facing load balancer
 * on a listener's port, and goes on to each of the listener's targets, on the target port, when the
 * target's security groups admit the load balancer: a rule whose source is one of the load
 * balancer's groups, or CIDR rules that hold every subnet of the load balancer (the internet among
 * them). A target that admits only the load balancer's group is reachable only through it.
 */
import { SgRule } from "../../model/sg-rules";
import { Maybe, isUndetermined, unknownAt } from "../../model/values";
import { reaches } from "../../model/world";
import { Cidr } from "../../net/cidr";
import { covers, normalise } from "../../net/intervals";
import { PortProtocol } from "../../net/nacl-eval";
import { TrafficSet, isNoTraffic, portTraffic, trafficIntersect } from "../../net/traffic";
import { refKey } from "../links";
import type { StackResource } from "../resource";
import type { StackModel } from "../stack";
import type { ExposureModel } from "./exposure";
import { rulesOn, sgHop } from "./groups";
import { loadBalancerBlocks, targetAclGate } from "./lb-acls";
import { Forward, LOAD_BALANCERS } from "./load-balancers";
import { CLOSED, Doubt, ExposurePath, Gate, Hop, ListenerHop, PossiblePath, SgHop, TargetHop, doubtful } from "./path";

export interface Paths {
    readonly paths: ExposurePath[];
    readonly possible: PossiblePath[];
}

/** Whether the target's groups admit traffic from the load balancer on the target port. */
function admitsLoadBalancer(model: StackModel, exposure: ExposureModel, lb: StackResource, f: Forward, traffic: TrafficSet): Gate {
    const rules = rulesOn(model, exposure.interfacesOf(f.target));
    const lbGroups = new Set(exposure.interfacesOf(lb).flatMap((n) => n.groups.map(refKey)));
    const hop = (rule: SgRule): SgHop => sgHop(rule, rules.groupOf.get(rule));
    const fromLb = (rule: SgRule) => {
        const g = model.peerGroup(rule);
        return g !== undefined && lbGroups.has(refKey(g));
    };
    const sure = rules.sure.filter((r) => reaches(r, traffic) === "yes");
    const byGroup = sure.filter(fromLb);
    if (byGroup.length > 0) {
        return { definite: true, possible: true, hops: byGroup.map(hop) };
    }
    // CIDR rules that together hold every subnet of the load balancer.
    const lbBlocks = loadBalancerBlocks(model, exposure, lb);
    const subnets = lbBlocks.map((b) => b.subnet);
    const blocks: Maybe<Cidr>[] = lbBlocks.map((b) => b.block);
    const cidrRules = sure.filter((r) => !isUndetermined(r.peer) && r.peer.kind === "cidr" && r.peer.cidr.family === 4);
    const ranges = normalise(cidrRules.map((r) => (r.peer as { cidr: Cidr }).cidr.range));
    const known = blocks.filter((b): b is Cidr => !isUndetermined(b));
    if (subnets.length > 0 && known.length === blocks.length && known.every((b) => covers(ranges, [b.range]))) {
        const needed = cidrRules.filter((r) => known.some((b) => covers([(r.peer as { cidr: Cidr }).cidr.range], [b.range]) ||
            covers([b.range], [(r.peer as { cidr: Cidr }).cidr.range])));
        return { definite: true, possible: true, hops: needed.map(hop) };
    }
    const unknownBlock = blocks.find(isUndetermined);
    if (unknownBlock && cidrRules.length > 0) {
        return doubtful({ why: unknownBlock, urn: subnets[blocks.indexOf(unknownBlock)].urn });
    }
    const pending = [...rules.sure, ...rules.maybe.map((m) => m.rule)].find((r) => reaches(r, traffic) !== "no" && mayBeFromLb(model, r));
    if (pending) {
        const why = [pending.protocol, pending.ports, pending.peer].find(isUndetermined)
            ?? (!isUndetermined(pending.peer) && "id" in pending.peer && isUndetermined(pending.peer.id) ? pending.peer.id : undefined);
        const maybe = rules.maybe.find((m) => m.rule === pending)?.doubt;
        return doubtful(maybe ?? { why: why ?? unknownAt(pending.origin.peerPath), urn: pending.origin.urn });
    }
    return rules.anything ? doubtful(rules.anything) : CLOSED;
}

/** A rule that may admit the load balancer: its source or its traffic is not known yet. */
function mayBeFromLb(model: StackModel, r: SgRule): boolean {
    const peer = r.peer;
    if (isUndetermined(peer)) {
        return true;
    }
    if (peer.kind === "security-group") {
        return model.peerGroup(r) === undefined;
    }
    return (isUndetermined(r.protocol) || isUndetermined(r.ports)) && peer.kind === "cidr";
}

/** The paths through every internet-facing load balancer of the stack, by target. */
export function throughLoadBalancers(model: StackModel, exposure: ExposureModel): Map<string, Paths> {
    const out = new Map<string, Paths>();
    const at = (urn: string) => out.get(urn) ?? out.set(urn, { paths: [], possible: [] }).get(urn) as Paths;
    for (const lb of model.resources.filter((r) => LOAD_BALANCERS.has(r.type))) {
        const reached = exposure.direct(lb);
        const node = exposure.loadBalancers.of(lb.urn);
        for (const f of node.forwards) {
            const targetPort = f.targetPort;
            const listener: ListenerHop = { kind: "listener", urn: f.listener.urn, path: f.listenerPath, loadBalancer: lb.urn, port: isUndetermined(f.port) ? 0 : f.port };
            const target: TargetHop = {
                kind: "target", urn: f.via.urn, path: f.viaPath, target: f.target.urn,
                ...(f.targetGroup ? { targetGroup: f.targetGroup.urn } : {}), ...(isUndetermined(targetPort) ? {} : { port: targetPort }),
            };
            const onTarget = (protocols: PortProtocol[]) => portTraffic(protocols, isUndetermined(targetPort) ? [{ from: 0, to: 65535 }] : [{ from: targetPort, to: targetPort }]);
            // The protocols of the listener that the path to the load balancer carries on its port.
            const carried = (p: ExposurePath): PortProtocol[] => f.protocols.filter((x) => (isUndetermined(f.port) ? p.traffic[x].length > 0
                : !isNoTraffic(trafficIntersect(p.traffic, portTraffic([x], [{ from: f.port, to: f.port }])))));
            // The network ACL of the target's subnet, between the load balancer's nodes and the target.
            const acl = targetAclGate(model, exposure, lb, f.target, f.protocols, targetPort);
            const emit = (p: ExposurePath, doubt: Doubt | undefined) => {
                const carriedProtocols = carried(p);
                const sure = carriedProtocols.filter((x) => acl.sure.includes(x));
                const protocols = sure.length > 0 ? sure : carriedProtocols.filter((x) => acl.may.includes(x));
                if (protocols.length === 0) {
                    return;
                }
                const traffic = onTarget(protocols);
                const admit = admitsLoadBalancer(model, exposure, lb, f, traffic);
                const portDoubt = isUndetermined(f.port) ? { why: f.port, urn: f.listener.urn } : isUndetermined(targetPort) ? { why: targetPort, urn: f.targetPortOn.urn } : undefined;
                const aclHops = acl.hops.filter((h) => h.kind !== "nacl-in" && h.kind !== "nacl-out" || protocols.includes(h.protocol));
                const path = { resource: f.target.urn, ...(p.subnet ? { subnet: p.subnet } : {}), family: p.family, traffic, through: lb.urn,
                    hops: [...p.hops, listener, target, ...aclHops, ...admit.hops] as Hop[] };
                const why = doubt ?? portDoubt ?? (sure.length > 0 ? undefined : acl.doubt) ?? (admit.definite ? undefined : admit.doubt);
                if (why && admit.possible) {
                    at(f.target.urn).possible.push({ ...path, doubt: why });
                } else if (!why && admit.definite) {
                    at(f.target.urn).paths.push(path);
                }
            };
            reached.paths.forEach((p) => emit(p, undefined));
            reached.possible.forEach((p) => emit(p, p.doubt));
        }
    }
    return out;
}
