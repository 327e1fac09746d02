/**
 * The exposure model, built once per AnalyzeStack call beside the stack model: for each resource
 * that can have a public address, the paths by which the internet reaches it directly, hop by hop,
 * through every subnet it may be in, for IPv4 and IPv6. A path needs all four layers: a route from
 * an internet gateway, a public address, a network ACL that admits the packet and lets the reply
 * out, and security groups that admit it. Through load balancers: graph/exposure/through-lbs.ts.
 * The model answers questions and writes no messages.
 */
import { ClusterInstance as NeptuneClusterInstance } from "@pulumi/aws/neptune/clusterInstance";
import { Cluster as NeptuneCluster } from "@pulumi/aws/neptune/cluster";
import { Cluster as RdsCluster } from "@pulumi/aws/rds/cluster";
import { ClusterInstance as RdsClusterInstance } from "@pulumi/aws/rds/clusterInstance";
import { typeToken } from "../../model/types";
import type { Undetermined } from "../../model/values";
import { Family } from "../../net/cidr";
import { union } from "../../net/intervals";
import { PortRange } from "../../net/ports";
import { NO_TRAFFIC, TrafficSet, isNoTraffic, trafficIntersect, trafficMinus } from "../../net/traffic";
import { DATABASE_INSTANCES, Role, eniShapeOf } from "../eni-types";
import { NetworkInterfaceNode } from "../interfaces";
import { Ref, Targets, linkOne } from "../links";
import type { StackResource } from "../resource";
import type { StackModel } from "../stack";
import { SubnetAcls } from "./acls";
import { Addresses, addressSpec } from "./addresses";
import { groupsGate, rulesOn } from "./groups";
import { LOAD_BALANCERS, LoadBalancers, noGroupsGate } from "./load-balancers";
import { Doubt, ExposurePath, Gate, Hop, NaclHop, PossiblePath, TrafficGate, doubtGate } from "./path";
import { PLACED, Placements } from "./placement";
import { RouteDestinations } from "./route-destinations";
import { Routing, outside } from "./routes";
import { Paths, throughLoadBalancers } from "./through-lbs";

export type { Doubt, ExposurePath, Hop, HopKind, PossiblePath } from "./path";

/** The clients' ephemeral ports a reply goes to: AWS documents 1024-65535 as covering every client. */
export const EPHEMERAL: PortRange = { from: 1024, to: 65535 };

/** What the model found for one resource: the paths that surely exist, those that may, and the doubts that stand alone. */
export interface Exposure {
    readonly resource: StackResource;
    readonly role: Role;
    readonly paths: ExposurePath[];
    readonly possible: PossiblePath[];
}

const CLUSTER_OF = new Map([[typeToken(RdsClusterInstance), typeToken(RdsCluster)], [typeToken(NeptuneClusterInstance), typeToken(NeptuneCluster)]]);

export class ExposureModel {
    readonly routing: Routing;
    readonly addresses: Addresses;
    readonly acls: SubnetAcls;
    readonly placements: Placements;
    readonly loadBalancers: LoadBalancers;
    private lbPaths?: Map<string, Paths>;
    private readonly clusters = new Targets();
    private readonly cache = new Map<string, Exposure>();
    /** Each subnet's route and network ACL, per family: the same for every resource in it. */
    private readonly subnetGates = new Map<string, { route: Gate; nacl: TrafficGate }>();

    constructor(private readonly model: StackModel) {
        const { resources, byUrn, network } = model;
        this.routing = new Routing(resources, byUrn, network, new RouteDestinations(resources, byUrn, (urn) => model.prefixListEntries(urn)));
        this.addresses = new Addresses(resources);
        this.acls = new SubnetAcls(model.naclGraph, byUrn, network);
        this.placements = new Placements(resources, byUrn, network);
        this.loadBalancers = new LoadBalancers(resources, byUrn);
        resources.filter((r) => [...CLUSTER_OF.values()].includes(r.type)).forEach((r) => this.clusters.add(r, ["id", "clusterIdentifier"]));
    }

    /** The resources that may have a public address of their own, in stack order. */
    candidates(): StackResource[] {
        return this.model.resources.filter((r) => PLACED.has(r.type) && addressSpec(r.type) !== undefined);
    }

    /** What a resource is: compute, a load balancer, a database, ... */
    roleOf(r: StackResource): Role {
        return eniShapeOf(r.type)?.role ?? (DATABASE_INSTANCES.some((d) => d.type === r.type) ? "database" : "other");
    }

    /** The network interfaces whose groups filter what reaches the resource: its own, or its cluster's. */
    interfacesOf(r: StackResource): NetworkInterfaceNode[] {
        // A cluster instance has none of its own (its type puts no groups on interfaces): its cluster's filter it.
        const cluster = CLUSTER_OF.has(r.type) ? linkOne(r, "clusterIdentifier", this.clusters)?.ref : undefined;
        return this.model.interfacesOf(cluster?.kind === "stack" ? cluster.urn : r.urn);
    }

    /** Why the groups of a cluster instance's cluster cannot be checked: the cluster is outside the stack, or not known yet. */
    private clusterDoubt(r: StackResource): Doubt | undefined {
        const link = CLUSTER_OF.has(r.type) ? linkOne(r, "clusterIdentifier", this.clusters) : undefined;
        if (link === undefined || link.ref?.kind === "stack") {
            return undefined;
        }
        return link.ref ? { why: outside("clusterIdentifier", `cluster ${link.ref.id} is not in this stack, so the security groups that filter its ` +
            "instances cannot be checked"), urn: r.urn, outside: true } : { why: link.undetermined as Undetermined, urn: r.urn };
    }

    /** The direct paths from the internet to a resource. */
    direct(r: StackResource): Exposure {
        const cached = this.cache.get(r.urn);
        if (cached) {
            return cached;
        }
        const out: Exposure = { resource: r, role: this.roleOf(r), paths: [], possible: [] };
        const placement = this.placements.of(r);
        if (placement && addressSpec(r.type)) {
            const interfaces = this.interfacesOf(r);
            const rules = rulesOn(this.model, interfaces);
            const bare = LOAD_BALANCERS.has(r.type) && interfaces.length === 0;
            const clusterDoubt = this.clusterDoubt(r);
            for (const family of [4, 6] as const) {
                const groups = bare ? noGroupsGate(r, this.model.network)
                    : clusterDoubt ? doubtGate(clusterDoubt) : groupsGate(this.model, rules, family);
                for (const subnet of placement.subnets) {
                    this.pathIn(r, subnet, family, groups, out);
                }
                for (const doubt of placement.doubts) {
                    this.unplaced(r, family, groups, doubt, out);
                }
            }
        }
        this.cache.set(r.urn, out);
        return out;
    }

    /** The paths from the internet through load balancers to a resource (a target). */
    through(r: StackResource): Paths {
        this.lbPaths ??= throughLoadBalancers(this.model, this);
        return this.lbPaths.get(r.urn) ?? { paths: [], possible: [] };
    }

    /** The path through one subnet, surely and possibly. */
    private pathIn(r: StackResource, subnet: Ref & { kind: "stack" }, family: Family, groups: TrafficGate, out: Exposure): void {
        const key = `${family} ${subnet.urn}`;
        const { route, nacl } = this.subnetGates.get(key) ?? this.subnetGates.set(key, {
            route: this.routing.routing(subnet, family), nacl: this.acls.gate(subnet.urn, family, EPHEMERAL),
        }).get(key) as { route: Gate; nacl: TrafficGate };
        const address = this.addresses.of(r, this.model.byUrn.get(subnet.urn), family);
        const base = { resource: r.urn, subnet, family };
        add(out, base, [route, address], [nacl, groups]);
    }

    /** A resource whose subnet cannot be told, or is outside the stack: a path may exist when its address and groups allow one. */
    private unplaced(r: StackResource, family: Family, groups: TrafficGate, doubt: Doubt, out: Exposure): void {
        const address = this.addresses.of(r, "unknown", family);
        const traffic = address.possible ? portTraffic(groups.possible) : NO_TRAFFIC;
        if (!isNoTraffic(traffic)) {
            out.possible.push({ resource: r.urn, family, traffic, hops: [...address.hops], doubt });
        }
    }
}

/** TCP and UDP only: the paths are about ports. */
function portTraffic(t: TrafficSet): TrafficSet {
    return { ...t, other: [] };
}

/**
 * The hops of a filtering layer's segments that carry some of the traffic, each once. A network ACL
 * entry that decides the ports of several segments names the ports of them all.
 */
export function hopsFor(gate: TrafficGate, traffic: TrafficSet): Hop[] {
    const byKey = new Map<string, Hop>();
    for (const h of gate.segments.filter((s) => !isNoTraffic(trafficIntersect(s.traffic, traffic))).flatMap((s) => s.hops)) {
        const key = `${h.kind}|${h.urn}|${h.path}|${"protocol" in h ? h.protocol : ""}`;
        const first = byKey.get(key);
        byKey.set(key, first === undefined ? h : isNaclHop(first) && isNaclHop(h) ? { ...first, ports: union(first.ports, h.ports) } : first);
    }
    return [...byKey.values()];
}

function isNaclHop(h: Hop): h is NaclHop {
    return h.kind === "nacl-in" || h.kind === "nacl-out";
}

/**
 * Puts the layers together: a path where all surely pass, a possible one where all may and one only may.
 * The possible path's doubt is that of a gate that is not definite, else that of the filter whose
 * uncertain traffic holds some of it (every gate and filter that is not sure of something carries a doubt).
 */
export function add(out: { paths: ExposurePath[]; possible: PossiblePath[] }, base: Omit<ExposurePath, "traffic" | "hops">,
    gates: readonly Gate[], filters: readonly TrafficGate[]): void {
    const through = (pick: (f: TrafficGate) => TrafficSet) => filters.reduce((t, f) => trafficIntersect(t, pick(f)), portTraffic(pick(filters[0])));
    const sure = gates.every((g) => g.definite) ? through((f) => f.definite) : NO_TRAFFIC;
    const may = gates.every((g) => g.possible) ? through((f) => f.possible) : NO_TRAFFIC;
    const gateHops = gates.flatMap((g) => g.hops);
    if (!isNoTraffic(sure)) {
        out.paths.push({ ...base, traffic: sure, hops: [...gateHops, ...filters.flatMap((f) => hopsFor(f, sure))] });
    }
    const rest = trafficMinus(may, sure);
    if (isNoTraffic(rest)) {
        return;
    }
    const doubt = gates.find((g) => !g.definite)?.doubt
        ?? filters.find((f) => !isNoTraffic(trafficMinus(trafficIntersect(rest, f.possible), f.definite)))?.doubt;
    if (doubt) {
        out.possible.push({ ...base, traffic: rest, hops: [...gateHops, ...filters.flatMap((f) => hopsFor(f, rest))], doubt });
    }
}
