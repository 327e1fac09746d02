/**
 * A path from the internet to a resource, hop by hop, as the exposure model finds it: each hop is
 * decided by one resource of the stack at one property path, so that a report can name it and a
 * map can draw it (internet -> route -> address -> NACL -> security group -> listener -> target).
 * Also the answer one layer of a path gives: what it surely lets through, what it may let through,
 * and the value or the fact outside the stack that the difference hinges on.
 */
import type { SgRule } from "../../model/sg-rules";
import type { Undetermined } from "../../model/values";
import type { Family } from "../../net/cidr";
import type { IntervalSet } from "../../net/intervals";
import type { PortProtocol } from "../../net/nacl-eval";
import { ALL_PORTS, portSet } from "../../net/ports";
import { NO_TRAFFIC, TrafficSet } from "../../net/traffic";
import type { Ref } from "../links";
import type { Source } from "./client-ip";

export type HopKind = "route" | "public-address" | "nacl-in" | "nacl-out" | "sg-rule" | "listener" | "target";

interface HopBase {
    readonly kind: HopKind;
    /** The resource (its key in the stack model) whose property decides the hop. */
    readonly urn: string;
    /** The property path on that resource: "routes[0]", "associatePublicIpAddress", "ingress[1]", "cidrIpv4", "port". */
    readonly path: string;
}

/**
 * How a subnet got its route table: an association of its own, a main-table association, the VPC's
 * aws.ec2.DefaultRouteTable, or the main table AWS made with the VPC (then `table` is the VPC).
 */
export type TableOf = "association" | "main-association" | "default-route-table" | "vpc-main-table";

/** The subnet routes the internet's addresses to an internet gateway. */
export interface RouteHop extends HopBase {
    readonly kind: "route";
    readonly subnet: Ref;
    /** The route table, and the resource that makes it the subnet's (an association, or the table itself). */
    readonly table: string;
    readonly tableOf: TableOf;
    readonly via: string;
    /** The destination blocks that reach the gateway, as written: "0.0.0.0/0"; a prefix list's entries. */
    readonly destination: string;
    readonly gateway: Ref;
    /** The managed prefix list the route names as its destination (destinationPrefixListId). */
    readonly prefixList?: Ref;
}

/** How the resource gets a public address: its own flag, its subnet's default, an Elastic IP, an internet-facing load balancer. */
export type AddressSource = "own-flag" | "subnet-default" | "elastic-ip" | "internet-facing" | "ipv6" | "dual-stack";

export interface AddressHop extends HopBase {
    readonly kind: "public-address";
    readonly family: Family;
    readonly source: AddressSource;
}

export interface NaclHop extends HopBase {
    readonly kind: "nacl-in" | "nacl-out";
    /** The network ACL (a VPC, for the default ACL AWS made with it that the stack does not declare). */
    readonly acl: string;
    readonly protocol: PortProtocol;
    /** The entry's rule number (AWS's default ACL: 100 for IPv4, 101 for IPv6); undefined when it is not known. */
    readonly ruleNumber?: number;
    /** Set for an entry of the default ACL AWS made with a VPC that the stack does not declare: it allows everything. */
    readonly awsDefault?: true;
    /** The ports of the path the entry lets through: the service's inbound, the replies' outbound. */
    readonly ports: IntervalSet;
    /** The subnet of a load balancer whose nodes the entry lets in (and replies out to); undefined: the internet. */
    readonly peer?: string;
}

export interface SgHop extends HopBase {
    readonly kind: "sg-rule";
    readonly rule: SgRule;
    /** The security group of the stack the rule is on (the rule's own resource, or the group a rule resource adds it to). */
    readonly group?: string;
}

export interface ListenerHop extends HopBase {
    readonly kind: "listener";
    readonly loadBalancer: string;
    readonly port: number;
}

export interface TargetHop extends HopBase {
    readonly kind: "target";
    readonly targetGroup?: string;
    readonly target: string;
    readonly port?: number;
    /** The source address the target sees, when a Network Load Balancer's target group decides it. */
    readonly source?: Source;
}

export type Hop = RouteHop | AddressHop | NaclHop | SgHop | ListenerHop | TargetHop;

/** A path from the internet to a resource: the traffic it carries, and its hops in the order a packet takes them. */
export interface ExposurePath {
    /** The resource the path reaches. */
    readonly resource: string;
    /** The subnet it enters through (a load balancer's, for a path through one); none when that cannot be told. */
    readonly subnet?: Ref;
    readonly family: Family;
    /** The traffic (protocols, ports) the whole path lets through, at the resource. */
    readonly traffic: TrafficSet;
    readonly hops: readonly Hop[];
    /** The load balancer the path goes through, when it does. */
    readonly through?: string;
}

/** Why a layer's answer is not sure: a value not known yet (or invalid), or a fact outside the stack. */
export interface Doubt {
    readonly why: Undetermined;
    /** The resource the value or fact belongs to. */
    readonly urn: string;
    /** Set when it is a fact outside the stack (a VPC's main route table, a group's rules) rather than a value. */
    readonly outside?: boolean;
}

/** A path that may exist: it depends on the doubt. */
export interface PossiblePath extends ExposurePath {
    readonly doubt: Doubt;
}

/** A yes-or-no layer (a route, an address). */
export interface Gate {
    readonly definite: boolean;
    readonly possible: boolean;
    readonly hops: readonly Hop[];
    readonly doubt?: Doubt;
}

export const CLOSED: Gate = { definite: false, possible: false, hops: [] };

/** A gate that hinges on a doubt: possibly open (with the hops it would take), surely not. */
export function doubtful(doubt: Doubt, hops: readonly Hop[] = []): Gate {
    return { definite: false, possible: true, hops, doubt };
}

/** A filtering layer that cannot be told (an ACL, a cluster's groups): it may let any port through, surely none. */
export function doubtGate(doubt: Doubt): TrafficGate {
    const all = portSet([ALL_PORTS]);
    return { segments: [], definite: NO_TRAFFIC, possible: { ...NO_TRAFFIC, tcp: all, udp: all }, doubt };
}

/** Traffic a filtering layer lets through: surely (in segments, each with the hops that decide it) and possibly. */
export interface TrafficGate {
    readonly segments: readonly { readonly traffic: TrafficSet; readonly hops: readonly Hop[] }[];
    readonly definite: TrafficSet;
    readonly possible: TrafficSet;
    readonly doubt?: Doubt;
}

/** The gate one of two or more candidates decides, when which one cannot be told: sure only where all agree. */
export function eitherOf(gates: readonly Gate[], doubt: Doubt): Gate {
    const definite = gates.every((g) => g.definite);
    const possible = gates.some((g) => g.possible);
    const hops = gates.find((g) => g.possible)?.hops ?? [];
    return { definite, possible, hops, ...(definite ? {} : { doubt: gates.find((g) => g.possible && g.doubt)?.doubt ?? doubt }) };
}
