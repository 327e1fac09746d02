/**
 * Paths from the internet through load balancers: a path reaches an internet-facing load balancer
 * on a listener's port, and goes on to each of the listener's targets, on the target port, when the
 * network ACL of the target's subnet and the target's security groups let through what the target
 * sees (graph/exposure/client-ip.ts): the load balancer's own packets (lb-acls.ts, lb-admission.ts),
 * or, behind a Network Load Balancer that preserves the client's address, the client's packets,
 * which must be admitted from the internet itself. A target that admits only the load balancer's
 * group is reachable only through it.
 */
import { isUndetermined } from "../../model/values";
import { Family } from "../../net/cidr";
import { PortProtocol } from "../../net/nacl-eval";
import { isNoTraffic, portTraffic, trafficIntersect } from "../../net/traffic";
import type { StackModel } from "../stack";
import { Source, sourcesOf } from "./client-ip";
import type { ExposureModel } from "./exposure";
import { TargetAclGate, clientAclGate, targetAclGate } from "./lb-acls";
import { admits } from "./lb-admission";
import { Forward, LOAD_BALANCERS } from "./load-balancers";
import { Doubt, ExposurePath, Hop, ListenerHop, PossiblePath, TargetHop } from "./path";
import type { StackResource } from "../resource";

export interface Paths {
    readonly paths: ExposurePath[];
    readonly possible: PossiblePath[];
}

/** One way a path may go on to a target, by the source the target sees. */
interface Leg {
    readonly path: ExposurePath;
    readonly definite: boolean;
    readonly possible: boolean;
    readonly why?: Doubt;
}

/** The paths through every internet-facing load balancer of the stack, by target. */
export function throughLoadBalancers(model: StackModel, exposure: ExposureModel): Map<string, Paths> {
    const out = new Map<string, Paths>();
    const at = (urn: string) => out.get(urn) ?? out.set(urn, { paths: [], possible: [] }).get(urn) as Paths;
    for (const lb of model.resources.filter((r) => LOAD_BALANCERS.has(r.type))) {
        const reached = exposure.direct(lb);
        for (const f of exposure.loadBalancers.of(lb.urn).forwards) {
            const acls = new Map<string, TargetAclGate>();
            // The network ACL of the target's subnet, between the source the target sees and the target.
            const aclOf = (client: boolean, family: Family) => {
                const key = `${client} ${family}`;
                return acls.get(key) ?? acls.set(key, client
                    ? clientAclGate(exposure, f.target, family, f.protocols, f.targetPort)
                    : targetAclGate(model, exposure, lb, f.target, f.protocols, f.targetPort)).get(key) as TargetAclGate;
            };
            const emit = (p: ExposurePath, doubt: Doubt | undefined) => {
                const { sources, doubt: sourceDoubt } = sourcesOf(lb, f.targetGroup, p.family);
                const legs = sources.flatMap((source) => leg(model, exposure, lb, f, p, doubt, source, aclOf) ?? []);
                const sure = legs.length === sources.length && legs.every((l) => l.definite);
                const first = legs.find((l) => l.definite) ?? legs.find((l) => l.possible);
                if (!first) {
                    return;
                }
                if (sure) {
                    at(f.target.urn).paths.push(first.path);
                    return;
                }
                // A definite leg has no doubt of its own: sure by one source and not by the other, the answer hinges on the source.
                const why = first.why ?? sourceDoubt;
                if (why) {
                    at(f.target.urn).possible.push({ ...first.path, doubt: why });
                }
            };
            reached.paths.forEach((p) => emit(p, undefined));
            reached.possible.forEach((p) => emit(p, p.doubt));
        }
    }
    return out;
}

/** The path from the load balancer on to the target, when the target sees the given source. */
function leg(model: StackModel, exposure: ExposureModel, lb: StackResource, f: Forward, p: ExposurePath, doubt: Doubt | undefined, source: Source,
    aclOf: (client: boolean, family: Family) => TargetAclGate): Leg | undefined {
    const targetPort = f.targetPort;
    const listener: ListenerHop = { kind: "listener", urn: f.listener.urn, path: f.listenerPath, loadBalancer: lb.urn, port: isUndetermined(f.port) ? 0 : f.port };
    const target: TargetHop = {
        kind: "target", urn: f.via.urn, path: f.viaPath, target: f.target.urn,
        ...(f.targetGroup ? { targetGroup: f.targetGroup.urn } : {}), ...(isUndetermined(targetPort) ? {} : { port: targetPort }),
        ...(source.reason ? { source } : {}),
    };
    const onTarget = (protocols: PortProtocol[]) => portTraffic(protocols, isUndetermined(targetPort) ? [{ from: 0, to: 65535 }] : [{ from: targetPort, to: targetPort }]);
    // The protocols of the listener that the path to the load balancer carries on its port.
    const carried = f.protocols.filter((x) => (isUndetermined(f.port) ? p.traffic[x].length > 0
        : !isNoTraffic(trafficIntersect(p.traffic, portTraffic([x], [{ from: f.port, to: f.port }])))));
    const acl = aclOf(source.client, p.family);
    const sure = carried.filter((x) => acl.sure.includes(x));
    const protocols = sure.length > 0 ? sure : carried.filter((x) => acl.may.includes(x));
    if (protocols.length === 0) {
        return undefined;
    }
    const admit = admits(model, exposure, lb, f, onTarget(protocols), source.client, p.family);
    const traffic = admit.traffic ?? onTarget(protocols);
    const portDoubt = isUndetermined(f.port) ? { why: f.port, urn: f.listener.urn } : isUndetermined(targetPort) ? { why: targetPort, urn: f.targetPortOn.urn } : undefined;
    const aclHops = acl.hops.filter((h) => h.kind !== "nacl-in" && h.kind !== "nacl-out" || protocols.includes(h.protocol));
    const path = { resource: f.target.urn, ...(p.subnet ? { subnet: p.subnet } : {}), family: p.family, traffic, through: lb.urn,
        hops: [...p.hops, listener, target, ...aclHops, ...admit.hops] as Hop[] };
    const why = doubt ?? portDoubt ?? (sure.length > 0 ? undefined : acl.doubt) ?? (admit.definite ? undefined : admit.doubt);
    return { path, definite: !why && admit.definite, possible: why !== undefined && admit.possible, ...(why ? { why } : {}) };
}
