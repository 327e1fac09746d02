/**
 * The source address a load balancer's target sees on a client's packets. An application or classic
 * load balancer opens connections of its own: the target sees the load balancer's private address.
 * A Network Load Balancer's target group with client IP preservation passes the packets on with the
 * client's address, so the target's network ACL and security groups must admit the client (the
 * internet) itself, or the load balancer's security group, which AWS honours even then; the load
 * balancer's subnets are not the source. AWS's defaults: preserved for instance targets, and for IP
 * targets of UDP, TCP_UDP, QUIC and TCP_QUIC groups (always, whatever preserveClientIp says); not for
 * IP targets of TCP and TLS groups, unless preserveClientIp is "true". A client of the other address
 * family than the targets' (IPv6 to IPv4 targets, and the reverse) reaches them from the load
 * balancer's address.
 */
import { Maybe, bool, child, isUndetermined, str } from "../../model/values";
import { Family } from "../../net/cidr";
import type { StackResource } from "../resource";
import { Doubt } from "./path";

/** Why the target sees the source it sees, for a Network Load Balancer's target group. */
export type SourceReason = "set" | "always" | "instance-default" | "ip-default" | "family";

/** The source a target sees: the client's address or the load balancer's, and, for an NLB's group, why. */
export interface Source {
    readonly client: boolean;
    readonly reason?: SourceReason;
    /** The target group that decides it. */
    readonly targetGroup?: string;
    /** The target group's protocol, when it is one that always preserves the client's address. */
    readonly protocol?: string;
}

/** The sources a target may see: one when it is known, both when it hinges on a value not known yet. */
export interface Sources {
    readonly sources: readonly Source[];
    readonly doubt?: Doubt;
}

const PROXY: Sources = { sources: [{ client: false }] };
const ALWAYS = new Set(["UDP", "TCP_UDP", "QUIC", "TCP_QUIC"]);
const NETWORK = new Set([...ALWAYS, "TCP", "TLS"]);
const either = (doubt: Doubt, tg: StackResource): Sources =>
    ({ sources: [{ client: true, targetGroup: tg.urn }, { client: false, targetGroup: tg.urn }], doubt });

/** Whether the load balancer is a Network Load Balancer: by its target group's protocol, else by its loadBalancerType. */
function isNetwork(lb: StackResource, tg: StackResource): Maybe<boolean> {
    const protocol = str(child(tg.root, "protocol"));
    if (typeof protocol === "string") {
        return NETWORK.has(protocol.toUpperCase());
    }
    const type = str(child(lb.root, "loadBalancerType"));
    return isUndetermined(type) ? type : type === "network";
}

/** The source the targets of a load balancer's target group see on the packets of a client of the family. */
export function sourcesOf(lb: StackResource, tg: StackResource | undefined, family: Family): Sources {
    if (!tg) {
        return PROXY;
    }
    const network = isNetwork(lb, tg);
    if (isUndetermined(network)) {
        return either({ why: network, urn: lb.urn }, tg);
    }
    const targetType = str(child(tg.root, "targetType"));
    if (!network || (typeof targetType === "string" && targetType !== "instance" && targetType !== "ip")) {
        return PROXY;
    }
    if (isUndetermined(targetType)) {
        return either({ why: targetType, urn: tg.urn }, tg);
    }
    const ip = targetType === "ip";
    const addressType = ip ? str(child(tg.root, "ipAddressType")) : undefined;
    if (isUndetermined(addressType)) {
        return either({ why: addressType, urn: tg.urn }, tg);
    }
    const known = (client: boolean, reason: SourceReason): Sources => ({ sources: [{ client, reason, targetGroup: tg.urn }] });
    if ((addressType === "ipv6" ? 6 : 4) !== family) {
        return known(false, "family");
    }
    const protocol = str(child(tg.root, "protocol"));
    if (typeof protocol === "string" && ALWAYS.has(protocol.toUpperCase())) {
        return { sources: [{ client: true, reason: "always", targetGroup: tg.urn, protocol: protocol.toUpperCase() }] };
    }
    const preserve = bool(child(tg.root, "preserveClientIp"));
    if (isUndetermined(preserve)) {
        return either({ why: preserve, urn: tg.urn }, tg);
    }
    const tcp = preserve !== undefined ? known(preserve, "set") : known(!ip, ip ? "ip-default" : "instance-default");
    // A protocol not known yet: UDP would preserve the client's address; so does TCP here, or the answer hinges on it.
    return isUndetermined(protocol) && !tcp.sources[0].client ? either({ why: protocol, urn: tg.urn }, tg) : tcp;
}
