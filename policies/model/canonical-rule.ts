/**
 * The one canonical security-group rule: one AWS rule, with one peer, and where it was written.
 * model/sg-rules.ts reads it from every AWS shape that can express one.
 */
import { Cidr } from "../net/cidr";
import { PortRange } from "../net/ports";
import { Protocol } from "../net/protocol";
import { Maybe, Undetermined, isUndetermined } from "./values";

export type Direction = "ingress" | "egress";

export type Peer =
    | { readonly kind: "cidr"; readonly cidr: Cidr }
    | { readonly kind: "security-group"; readonly id: Maybe<string> }
    | { readonly kind: "prefix-list"; readonly id: Maybe<string> }
    | { readonly kind: "self" };

/** Where a rule was written: the resource and the property paths of the rule and of its peer. */
interface Origin {
    readonly urn: string;
    readonly name: string;
    readonly type: string;
    /** "ingress[2]" for an inline rule, "" for a standalone rule resource. */
    readonly rulePath: string;
    /** "ingress[2].cidrBlocks[0]", "cidrBlocks[0]", "cidrIpv4", ... */
    readonly peerPath: string;
}

/** Which field named the peer: known even when the peer's value is not. */
export type PeerField = "cidr4" | "cidr6" | "prefix-list" | "security-group" | "self" | "none";

export interface SgRule {
    readonly direction: Direction;
    readonly via: PeerField;
    readonly protocol: Maybe<Protocol>;
    /** TCP/UDP port range; all ports for all-protocol rules; null for protocols without ports (ICMP, ...). */
    readonly ports: Maybe<PortRange | null>;
    readonly peer: Maybe<Peer>;
    readonly description: Maybe<string | undefined>;
    readonly origin: Origin;
}

export interface SgRuleSet {
    readonly rules: SgRule[];
    /** For standalone rule resources: the security group the rule belongs to. */
    readonly securityGroupId?: Maybe<string | undefined>;
    /** For security groups: the group's own description (undefined: the provider's "Managed by Pulumi"). */
    readonly groupDescription?: Maybe<string | undefined>;
}

/**
 * True for the rule that stands for a whole inline ingress or egress list that cannot be read (not
 * known yet, or not a list): it may hold any rules, or none.
 */
export function standsForWholeList(rule: SgRule): rule is SgRule & { readonly peer: Undetermined } {
    return rule.origin.rulePath === rule.direction && isUndetermined(rule.peer);
}

/**
 * The AWS rule a canonical rule stands for: two rules with the same identity are one rule in AWS
 * (for example an inline rule read back from a group's outputs and the standalone resource that
 * created it). Undefined when a part is undetermined. `ownIds` are the IDs of the group the rule
 * belongs to: a reference to one of them is the same rule as `self`.
 */
export function ruleIdentity(r: SgRule, ownIds: ReadonlySet<string> = new Set()): string | undefined {
    const { peer, protocol, ports } = r;
    if (isUndetermined(peer) || isUndetermined(protocol) || isUndetermined(ports)) {
        return undefined;
    }
    let peerKey: string;
    switch (peer.kind) {
        case "cidr":
            peerKey = `cidr:${peer.cidr.family}:${peer.cidr.range.lo}-${peer.cidr.range.hi}`;
            break;
        case "self":
            peerKey = "self";
            break;
        default:
            if (isUndetermined(peer.id)) {
                return undefined;
            }
            // AWS reads a reference to the group itself back as `self`.
            peerKey = peer.kind === "security-group" && ownIds.has(peer.id) ? "self" : `${peer.kind}:${peer.id}`;
    }
    const proto = protocol.kind === "number" ? `${protocol.number}` : protocol.kind;
    return `${r.direction}|${proto}|${ports === null ? "-" : `${ports.from}-${ports.to}`}|${peerKey}`;
}
