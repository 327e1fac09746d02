/**
 * Traffic as a set, on three axes: TCP ports, UDP ports, and the protocols that have no ports, by
 * IANA number (ICMP is 1, ICMPv6 58, GRE 47, ...). Protocol "all" is every point of every axis.
 */
import { IntervalSet, interval, intersect, normalise, subtract, union } from "./intervals";
import { PortRange } from "./ports";
import { Protocol } from "./protocol";

export interface TrafficSet {
    readonly tcp: IntervalSet;
    readonly udp: IntervalSet;
    /** Protocol numbers 0-255 other than TCP (6) and UDP (17). */
    readonly other: IntervalSet;
}

export type Axis = keyof TrafficSet;
export const AXES: readonly Axis[] = ["tcp", "udp", "other"];

const EVERY_PORT: IntervalSet = [interval(0, 65535)];
/** Every protocol number but TCP's and UDP's. */
export const OTHER_PROTOCOLS: IntervalSet = [interval(0, 5), interval(7, 16), interval(18, 255)];

export const NO_TRAFFIC: TrafficSet = { tcp: [], udp: [], other: [] };
export const ALL_TRAFFIC: TrafficSet = { tcp: EVERY_PORT, udp: EVERY_PORT, other: OTHER_PROTOCOLS };

/** The number of a protocol without ports. */
function numberOf(p: Exclude<Protocol, { kind: "all" | "tcp" | "udp" }>): number {
    switch (p.kind) {
        case "icmp":
            return 1;
        case "icmpv6":
            return 58;
        case "number":
            return p.number;
    }
}

/** The traffic a rule allows: its protocol on its ports (all ports for "all"; null for protocols without ports). */
export function trafficOf(protocol: Protocol, ports: PortRange | null): TrafficSet {
    if (protocol.kind === "all") {
        return ALL_TRAFFIC;
    }
    if (protocol.kind === "tcp" || protocol.kind === "udp") {
        const set = ports === null ? EVERY_PORT : [interval(ports.from, ports.to)];
        return { ...NO_TRAFFIC, [protocol.kind]: set };
    }
    const n = numberOf(protocol);
    return { ...NO_TRAFFIC, other: [interval(n, n)] };
}

/** The given TCP and UDP ports. */
export function portTraffic(protocols: readonly ("tcp" | "udp")[], ports: readonly PortRange[]): TrafficSet {
    const set = normalise(ports.map((p) => interval(p.from, p.to)));
    return { tcp: protocols.includes("tcp") ? set : [], udp: protocols.includes("udp") ? set : [], other: [] };
}

function each(a: TrafficSet, b: TrafficSet, op: (x: IntervalSet, y: IntervalSet) => IntervalSet): TrafficSet {
    return { tcp: op(a.tcp, b.tcp), udp: op(a.udp, b.udp), other: op(a.other, b.other) };
}

export const trafficUnion = (a: TrafficSet, b: TrafficSet): TrafficSet => each(a, b, union);
export const trafficIntersect = (a: TrafficSet, b: TrafficSet): TrafficSet => each(a, b, intersect);
export const trafficMinus = (a: TrafficSet, b: TrafficSet): TrafficSet => each(a, b, subtract);

export function isNoTraffic(t: TrafficSet): boolean {
    return t.tcp.length === 0 && t.udp.length === 0 && t.other.length === 0;
}

/** A text key: equal sets have equal keys. */
export function trafficKey(t: TrafficSet): string {
    return AXES.map((a) => t[a].map((i) => `${i.lo}-${i.hi}`).join(",")).join("|");
}
