/**
 * Three-valued decisions over canonical rules: a question about a rule is answered yes, no, or
 * "undetermined" (with the unknown or invalid values it hinges on). Policies ask their questions
 * through these helpers and never look at raw props.
 */
import { Cidr } from "../net/cidr";
import { PortRange, rangesOverlap } from "../net/ports";
import { Protocol, protocolIncludes } from "../net/protocol";
import { Peer, SgRule } from "./sg-rules";
import { Maybe, Undetermined, isUndetermined } from "./values";

export type Tri = "yes" | "no" | Undetermined;

export function tri(b: boolean): Tri {
    return b ? "yes" : "no";
}

/**
 * Both must hold: a definite "no" wins over an undetermined part, and an invalid value wins over
 * an unknown one (it is an error whatever the unknown turns out to be).
 */
export function and(...parts: (() => Tri)[]): Tri {
    let pending: Undetermined | undefined;
    for (const part of parts) {
        const r = part();
        if (r === "no") {
            return "no";
        }
        if (r !== "yes" && (pending === undefined || (pending.undetermined === "unknown" && r.undetermined === "invalid"))) {
            pending = r;
        }
    }
    return pending ?? "yes";
}

/** Applies a question to a value that may be undetermined. */
export function on<T>(value: Maybe<T>, question: (v: T) => boolean): Tri {
    return isUndetermined(value) ? value : tri(question(value));
}

/** Traffic a policy asks about: a protocol on some ports (ports ignored for protocols without them). */
export interface Traffic {
    readonly protocol: Protocol;
    readonly ports: readonly PortRange[];
}

/** Does the rule allow any of the given traffic? */
export function allowsTraffic(rule: SgRule, wanted: readonly Traffic[]): Tri {
    const protocol = rule.protocol;
    if (isUndetermined(protocol)) {
        return protocol;
    }
    const relevant = wanted.filter((w) => protocolIncludes(protocol, w.protocol));
    if (relevant.length === 0) {
        return "no";
    }
    return on(rule.ports, (ports) =>
        ports === null || relevant.some((w) => w.ports.some((p) => rangesOverlap(ports, p))));
}

/** The CIDR of a rule's peer, or undefined when the peer is not a CIDR. */
export function cidrOf(peer: Peer): Cidr | undefined {
    return peer.kind === "cidr" ? peer.cidr : undefined;
}

/** Rules whose peer is undetermined and could therefore be the world. */
export function peersUndetermined(rules: readonly SgRule[]): { rule: SgRule; why: Undetermined }[] {
    return rules.flatMap((r) => (isUndetermined(r.peer) ? [{ rule: r, why: r.peer }] : []));
}
