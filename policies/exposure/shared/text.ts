/**
 * How the exposure policies tell a path from the internet: hop by hop (route, address, network
 * ACL entries in and out, security-group rule, listener, target), each naming its resource and the
 * property path that decides it; and the notes for paths that hinge on a value not known yet or
 * on a fact outside the stack.
 */
import { ExposurePath, Hop, PossiblePath } from "../../graph/exposure/exposure";
import type { Source } from "../../graph/exposure/client-ip";
import { NaclHop, RouteHop } from "../../graph/exposure/path";
import { Ref, StackModel } from "../../graph/stack";
import { Family } from "../../net/cidr";
import { IntervalSet } from "../../net/intervals";
import { TrafficSet } from "../../net/traffic";
import { MAX_LISTED, Reporter, listText, resourceLabel, ruleText } from "../../core/report";
import { portsText as naclPorts } from "../../nacl/shared/text";
import { located } from "../../sg/shared/prefix-list-blocks";
import { trafficSetText } from "../../sg/shared/world";

type Labels = (urn: string) => string;

/** "aws.ec2.Subnet 'public-a'" for a resource of the stack, by its key. */
export function labeller(model: StackModel): Labels {
    return (urn) => {
        const r = model.byUrn.get(urn);
        return r ? resourceLabel(r) : urn;
    };
}

const refText = (ref: Ref, label: Labels) => (ref.kind === "stack" ? label(ref.urn) : `${ref.id} (not in this stack)`);

/** "IPv4". */
export const familyText = (f: Family) => (f === 4 ? "IPv4" : "IPv6");

function routeText(h: RouteHop, label: Labels): string {
    const sends = `sends ${h.destination}${h.prefixList ? ` (entries of ${refText(h.prefixList, label)}, its destinationPrefixListId)` : ""} to ${refText(h.gateway, label)}`;
    if (h.tableOf === "vpc-main-table") {
        return `route: ${refText(h.subnet, label)} uses the main route table of ${label(h.table)}, and ${label(h.urn)} ${sends}`;
    }
    const how = h.tableOf === "association" ? `through ${label(h.via)}`
        : h.tableOf === "main-association" ? `its VPC's main route table, through ${label(h.via)}` : "its VPC's main route table";
    const route = h.path === "" ? label(h.urn) : `its ${h.path}`;
    return `route: ${refText(h.subnet, label)} uses ${label(h.table)} (${how}), and ${route} ${sends}`;
}

/**
 * One network ACL entry of a path, with its direction and rule number: the inbound entry that lets the
 * packet in, and the outbound entry that lets the reply out to the peer's ephemeral ports.
 */
function naclText(h: NaclHop, label: Labels): string {
    const direction = h.kind === "nacl-in" ? "inbound" : "outbound";
    const rule = `${direction} rule ${h.ruleNumber ?? "(number not known)"}`;
    if (h.awsDefault) {
        return h.kind === "nacl-in"
            ? `network ACL: the default network ACL of ${label(h.acl)} (AWS's, not declared in this stack): ${rule} lets all traffic in`
            : `${rule} lets all traffic out, the replies among it`;
    }
    const entry = `${rule} (${h.path === "" ? label(h.urn) : h.path})`;
    const peer = h.peer === undefined ? "the internet" : `the load balancer's nodes in ${label(h.peer)}`;
    return h.kind === "nacl-in"
        ? `network ACL: ${label(h.acl)} ${entry} lets ${h.protocol.toUpperCase()} ${naclPorts(h.ports)} in from ${peer}`
        : `${entry} lets the replies out to ${peer} (${h.protocol.toUpperCase()} ${naclPorts(h.ports)})`;
}

/** The source address a Network Load Balancer's target sees, why, and what the target must therefore admit. */
function sourceText(s: Source, label: Labels): string {
    const tg = s.targetGroup === undefined ? "the target group" : label(s.targetGroup);
    if (s.client) {
        const why = s.reason === "set" ? `${tg} sets preserveClientIp: true`
            : s.reason === "always" ? `${tg} is ${s.protocol ?? "UDP"}, which always keeps the client's address`
                : `client IP preservation, on by default for the instance targets of ${tg}`;
        return `with the client's own address (${why}), so the target must admit the internet itself, not the load balancer's subnets`;
    }
    const why = s.reason === "set" ? `${tg} sets preserveClientIp: false`
        : s.reason === "ip-default" ? `client IP preservation is off by default for the IP targets of ${tg}, a TCP or TLS group`
            : `a client of the other address family reaches the targets of ${tg} from the load balancer's address`;
    return `with the load balancer's private address (${why}), so the target must admit the load balancer's subnets or security group`;
}

/** One hop, as a clause. */
function hopText(h: Hop, label: Labels): string {
    switch (h.kind) {
        case "route":
            return routeText(h, label);
        case "public-address": {
            const family = familyText(h.family);
            switch (h.source) {
                case "elastic-ip":
                    return `address: ${label(h.urn)} (${h.path}) gives it an Elastic IP`;
                case "subnet-default":
                    return `address: it does not set its own public-address flag, and ${label(h.urn)} ${h.path === "" ? "is a default subnet, which AWS " +
                        "sets to map public addresses on launch" : `sets ${h.path}: true`}`;
                case "internet-facing":
                    return `address: it is internet-facing (${h.path === "internal" ? "internal is not true" : `${h.path} is dualstack`})`;
                case "ipv6":
                    return h.path === "assignIpv6AddressOnCreation"
                        ? `address: it does not set its own IPv6 addresses, and ${label(h.urn)} sets ${h.path}: true, which gives it public ${family} addresses`
                        : `address: ${label(h.urn)} ${h.path} gives it ${family} addresses, which are public`;
                case "dual-stack":
                    return `address: ${h.path} is dual-stack and the public-access flag is true, which gives it public ${family} addresses`;
                default:
                    return `address: ${h.path}: true gives it a public ${family} address`;
            }
        }
        case "nacl-in":
        case "nacl-out":
            return naclText(h, label);
        case "sg-rule":
            return h.group === undefined || h.group === h.urn ? `security group: ${label(h.urn)} ${ruleText(h.rule)}`
                : `security group: on ${label(h.group)}, ${label(h.urn)} ${ruleText(h.rule)}`;
        case "listener":
            return `listener: ${label(h.urn)} on port ${h.port} of ${label(h.loadBalancer)}`;
        case "target": {
            const to = `target: ${label(h.urn)} ${h.path} sends it to ${label(h.target)}${h.port === undefined ? "" : ` on port ${h.port}`}`;
            return h.source ? `${to} ${sourceText(h.source, label)}` : to;
        }
    }
}

/** The layer a hop belongs to: hops of one layer in a row make one clause. */
const LAYER: Record<Hop["kind"], string> = {
    "route": "route", "public-address": "address", "nacl-in": "network ACL", "nacl-out": "network ACL", "sg-rule": "security group",
    "listener": "listener", "target": "target",
};

/** The hops of a path, in the order a packet takes them: "route: ...; address: ...; network ACL: ...; security group: ...". */
export function hopsText(hops: readonly Hop[], label: Labels): string {
    const clauses: { text: string; count: number; more: number }[] = [];
    const seen = new Set<string>();
    let layer: string | undefined;
    for (const h of hops) {
        const last = clauses[clauses.length - 1];
        // Beyond MAX_LISTED hops of one layer (rules whose blocks together cover the world), the rest are counted;
        // a reply's outbound entry is always named, beside the inbound entries.
        if (LAYER[h.kind] === layer && last.count >= MAX_LISTED && h.kind !== "nacl-out") {
            last.more++;
            continue;
        }
        const text = hopText(h, label);
        if (seen.has(text)) {
            continue;
        }
        seen.add(text);
        if (LAYER[h.kind] === layer) {
            // The entries counted so far come before the reply's entry.
            last.text += `${last.more > 0 ? `, and ${last.more} more` : ""}, and ${text.replace(`${layer}: `, "")}`;
            last.more = 0;
            last.count++;
        } else {
            clauses.push({ text, count: 1, more: 0 });
            layer = LAYER[h.kind];
        }
    }
    return clauses.map((c) => (c.more > 0 ? `${c.text}, and ${c.more} more` : c.text)).join("; ");
}

/** "TCP port 5432 (IPv4)". */
export function trafficText(traffic: TrafficSet, family: Family): string {
    return `${trafficSetText(traffic)} (${familyText(family)})`;
}

/** "subnet 'public-a'" and the like, for the other paths of one resource. */
export function otherPaths(paths: readonly ExposurePath[], label: Labels): string {
    const others = [...new Set(paths.slice(1).map((p) => `${trafficText(p.traffic, p.family)}${p.subnet ? ` through ${refText(p.subnet, label)}` : ""}`))];
    return others.length === 0 ? "" : ` It is also reachable on ${listText(others)}.`;
}

/**
 * A path that may exist: a note naming the value it hinges on (a violation when that value is
 * invalid), or the fact outside the stack.
 */
export function reportPossible(model: StackModel, p: PossiblePath, subject: string, consequence: string, report: Reporter, urn: string): void {
    const label = labeller(model);
    const known = p.hops.length > 0 ? ` The parts that are known: ${hopsText(p.hops, label)}.` : "";
    const what = `${subject} may be reachable from the internet on ${trafficText(p.traffic, p.family)}.${known} ${consequence}`;
    const on = model.byUrn.get(p.doubt.urn);
    if (p.doubt.outside) {
        report.note(`Cannot be verified: ${p.doubt.why.reason}. ${what}`, urn);
    } else {
        // A value on another resource is keyed after that resource's URN.
        const elsewhere = on !== undefined && p.doubt.urn !== urn;
        report.undetermined(elsewhere ? located(p.doubt.why, on) : p.doubt.why, what, urn, elsewhere ? `${p.doubt.urn} ${p.doubt.why.path}` : undefined);
    }
}

/** Ports as "22, 80-443" (NACL style). */
export function portsText(ports: IntervalSet): string {
    return naclPorts(ports);
}
