/**
 * Security groups on the map: each group of the stack in its VPC, the groups from outside the stack
 * that resources or rules name, an edge from each resource to the groups on its interfaces, and an
 * edge from group to group for the rules that reference a group, labelled with the traffic the
 * references allow (ALB -> web -> app -> DB).
 */
import { ruleText } from "../../policies/core/report";
import type { Ref, StackResource, VpcDefaultGroup } from "../../policies/graph/stack";
import { isUndetermined } from "../../policies/model/values";
import { NO_TRAFFIC, TrafficSet, isNoTraffic, trafficKey, trafficOf, trafficUnion } from "../../policies/net/traffic";
import { trafficSetText } from "../../policies/sg/shared/world";
import { MapBuilder } from "./build";
import { kindOf } from "./build-network";

export function addGroups(b: MapBuilder): void {
    const { model } = b;
    for (const [urn, g] of model.groups) {
        const rules = model.rulesOf(urn);
        const count = (d: string) => rules.filter((r) => r.direction === d).length;
        b.addNode(urn, {
            kind: "security-group", label: g.resource.name, sublabel: kindOf(g.resource.type), urn: model.sourceUrn(urn),
            parent: b.containerOf(b.containers.vpcOfGroup(g.resource)),
            details: [b.label(urn), `${count("ingress")} inbound and ${count("egress")} outbound rules`],
        });
    }
    for (const r of model.resources) {
        const node = b.nodeOf(r.urn);
        if (node?.kind === "resource") {
            addMemberships(b, r, node.id, node.details);
        }
    }
    addReferences(b);
}

/** The node of a group a resource or rule names: the stack's, or one drawn for a group outside it. */
function groupNode(b: MapBuilder, ref: Ref): string {
    if (ref.kind === "stack") {
        return b.idOf(ref.urn) as string;
    }
    const key = `external:${ref.id}`;
    return b.idOf(key) ?? b.addNode(key, {
        kind: "security-group", label: ref.id, sublabel: "Security group (not in this stack)", parent: b.containerOf(undefined),
        details: [`security group ${ref.id}, which is not in this stack: its rules cannot be seen`],
    }).id;
}

/** A VPC's default group that the stack does not declare: drawn in its VPC. */
function defaultGroupNode(b: MapBuilder, d: VpcDefaultGroup): string {
    if (d.group) {
        return groupNode(b, d.group);
    }
    const text = b.model.defaultGroupText(d, (r) => b.label(r.urn));
    const key = `default:${text}`;
    return b.idOf(key) ?? b.addNode(key, {
        kind: "security-group", label: "default", sublabel: "Default security group (AWS's)", parent: b.containerOf(d.vpc),
        details: [`${text}, which AWS creates with the VPC and this stack does not declare`],
    }).id;
}

function addMemberships(b: MapBuilder, r: StackResource, id: string, details: string[]): void {
    const names: string[] = [];
    for (const n of b.model.exposure.interfacesOf(r)) {
        const member = (to: string, possible: boolean) => {
            b.addEdge("member", id, to, { label: possible ? "may be on it" : "" }, possible ? "possible" : "");
            const name = b.node(to)?.label;
            if (name !== undefined && !names.includes(name)) {
                names.push(name);
            }
        };
        n.groups.forEach((g) => member(groupNode(b, g), false));
        n.vpcDefaults.forEach((d) => member(defaultGroupNode(b, d), false));
        n.possibleGroups.forEach((g) => member(groupNode(b, g), true));
        if (n.unbounded || n.unresolved > 0) {
            details.push(`security groups on ${n.path}: ${n.undetermined[0]?.reason ?? "not all known yet"}`);
        }
    }
    details.push(`security groups: ${names.length > 0 ? names.join(", ") : "none known"}`);
}

interface Reference { ingress: TrafficSet; egress: TrafficSet; unknownTraffic: boolean; rules: string[] }

/** One edge per pair of groups: source -> destination, for ingress rules on the destination and egress rules on the source. */
function addReferences(b: MapBuilder): void {
    const { model } = b;
    const refs = new Map<string, Reference & { from: string; to: string }>();
    for (const urn of model.groups.keys()) {
        const own = b.idOf(urn) as string;
        for (const rule of model.rulesOf(urn)) {
            const peer = model.peerGroup(rule);
            if (!peer) {
                continue;
            }
            const other = groupNode(b, peer);
            const [from, to] = rule.direction === "ingress" ? [other, own] : [own, other];
            const key = `${from} ${to}`;
            const ref = refs.get(key) ?? refs.set(key, { from, to, ingress: NO_TRAFFIC, egress: NO_TRAFFIC, unknownTraffic: false, rules: [] }).get(key) as Reference & { from: string; to: string };
            if (isUndetermined(rule.protocol) || isUndetermined(rule.ports)) {
                ref.unknownTraffic = true;
            } else {
                ref[rule.direction] = trafficUnion(ref[rule.direction], trafficOf(rule.protocol, rule.ports));
            }
            const peerName = peer.kind === "stack" ? b.label(peer.urn) : `security group ${peer.id}`;
            ref.rules.push(`${rule.direction === "ingress" ? "inbound" : "outbound"}: ${b.label(rule.origin.urn)} ${ruleText(rule, peerName)}`);
        }
    }
    for (const ref of refs.values()) {
        b.addEdge("sg-reference", ref.from, ref.to, { label: referenceLabel(ref), details: ref.rules });
    }
}

/** "TCP port 8080"; "outbound only: TCP port 8080"; "TCP port 8080 (outbound: TCP ports 8080-8081)". */
function referenceLabel(ref: Reference): string {
    const inbound = isNoTraffic(ref.ingress) ? undefined : trafficSetText(ref.ingress);
    const outbound = isNoTraffic(ref.egress) ? undefined : trafficSetText(ref.egress);
    const unknown = ref.unknownTraffic ? "ports not known yet" : undefined;
    if (inbound === undefined) {
        return outbound === undefined ? unknown ?? "" : `outbound only: ${outbound}`;
    }
    const same = outbound === undefined || trafficKey(ref.ingress) === trafficKey(ref.egress);
    return same ? inbound : `${inbound} (outbound: ${outbound})`;
}
