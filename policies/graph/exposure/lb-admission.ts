/**
 * Whether a load balancer's target admits what the load balancer forwards, on the target port, by
 * the source the target sees (graph/exposure/client-ip.ts). From the load balancer's own address: a
 * rule whose source is one of the load balancer's groups, or CIDR rules that hold every subnet of
 * the load balancer (the internet among them). From the client's address (a Network Load
 * Balancer that preserves it): a rule whose source is one of the load balancer's groups, which AWS
 * honours even then, or rules that admit the whole internet; the load balancer's subnets are not the
 * source, so CIDR rules that hold only them admit nothing.
 */
import { SgRule } from "../../model/sg-rules";
import { Maybe, isUndetermined, unknownAt } from "../../model/values";
import { reaches } from "../../model/rule-traffic";
import { Cidr, Family } from "../../net/cidr";
import { covers, normalise } from "../../net/intervals";
import { TrafficSet, isNoTraffic, trafficIntersect } from "../../net/traffic";
import { refKey } from "../links";
import type { StackResource } from "../resource";
import type { StackModel } from "../stack";
import { type ExposureModel, hopsFor } from "./exposure";
import { groupsGate, rulesOn, sgHop } from "./groups";
import { loadBalancerBlocks } from "./lb-acls";
import { Forward } from "./load-balancers";
import { CLOSED, Gate, SgHop, doubtful } from "./path";

/** What the target's groups admit: the gate, and the traffic of the path when it is narrower than what was asked. */
export type Admission = Gate & { readonly traffic?: TrafficSet };

/** Whether the target's groups admit the traffic, from the client's address (`client`) or from the load balancer's. */
export function admits(model: StackModel, exposure: ExposureModel, lb: StackResource, f: Forward, traffic: TrafficSet,
    client: boolean, family: Family): Admission {
    const rules = rulesOn(model, exposure.interfacesOf(f.target));
    const lbGroups = new Set(exposure.interfacesOf(lb).flatMap((n) => n.groups.map(refKey)));
    const hop = (rule: SgRule): SgHop => sgHop(rule, rules.groupOf.get(rule));
    const sure = rules.sure.filter((r) => reaches(r, traffic) === "yes");
    const byGroup = sure.filter((rule) => {
        const g = model.peerGroup(rule);
        return g !== undefined && lbGroups.has(refKey(g));
    });
    if (byGroup.length > 0) {
        return { definite: true, possible: true, hops: byGroup.map(hop) };
    }
    const gate = client ? fromInternet(model, rules, traffic, family) : fromSubnets(model, exposure, lb, rules, sure, hop);
    if (gate.definite || gate.doubt) {
        return gate;
    }
    const pending = [...rules.sure, ...rules.maybe.map((m) => m.rule)].find((r) => reaches(r, traffic) !== "no" && mayBeFromLb(model, r, client));
    if (pending) {
        // What is not known yet; otherwise the group ID, which, not known, is unknown at the peer path.
        const why = [pending.protocol, pending.ports, pending.peer].find(isUndetermined);
        const maybe = rules.maybe.find((m) => m.rule === pending)?.doubt;
        return doubtful(maybe ?? { why: why ?? unknownAt(pending.origin.peerPath), urn: pending.origin.urn });
    }
    return rules.anything ? doubtful(rules.anything) : CLOSED;
}

type Rules = ReturnType<typeof rulesOn>;

/** The client's own packets: rules that admit the whole internet of the family on the traffic. */
function fromInternet(model: StackModel, rules: Rules, traffic: TrafficSet, family: Family): Admission {
    const gate = groupsGate(model, rules, family);
    const sure = trafficIntersect(gate.definite, traffic);
    if (!isNoTraffic(sure)) {
        return { definite: true, possible: true, hops: hopsFor(gate, sure), traffic: sure };
    }
    return !isNoTraffic(trafficIntersect(gate.possible, traffic)) && gate.doubt ? doubtful(gate.doubt) : CLOSED;
}

/** The load balancer's own packets: CIDR rules that together hold every subnet of the load balancer. */
function fromSubnets(model: StackModel, exposure: ExposureModel, lb: StackResource, rules: Rules, sure: SgRule[], hop: (r: SgRule) => SgHop): Gate {
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
    return unknownBlock && cidrRules.length > 0 ? doubtful({ why: unknownBlock, urn: subnets[blocks.indexOf(unknownBlock)].urn }) : CLOSED;
}

/** A rule that may admit the load balancer: its source (a group; for its own packets, a CIDR too) or its traffic is not known yet. */
function mayBeFromLb(model: StackModel, r: SgRule, client: boolean): boolean {
    const peer = r.peer;
    if (isUndetermined(peer)) {
        return true;
    }
    if (peer.kind === "security-group") {
        return model.peerGroup(r) === undefined;
    }
    return !client && (isUndetermined(r.protocol) || isUndetermined(r.ports)) && peer.kind === "cidr";
}
