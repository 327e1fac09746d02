/**
 * The network part of the map: VPCs, the gateways from the internet, subnets (public when their
 * route table sends the internet to an internet gateway) with the routes drawn from their gateway,
 * and the resources in each subnet, or in their VPC when they span several subnets.
 */
import type { Gate, RouteHop } from "../../policies/graph/exposure/path";
import type { StackResource } from "../../policies/graph/stack";
import type { Family } from "../../policies/net/cidr";
import { familyText, hopsText } from "../../policies/exposure/shared/text";
import { INTERNET, MapBuilder } from "./build";
import type { Reach } from "./map-model";

/** "Instance" from "aws:ec2/instance:Instance". */
export function kindOf(type: string): string {
    return type.slice(type.lastIndexOf(":") + 1);
}

export function addNetwork(b: MapBuilder): void {
    const { model } = b;
    for (const urn of model.network.vpcs.urns) {
        const r = model.byUrn.get(urn) as StackResource;
        const cidr = b.containers.cidrOf(r);
        b.addNode(urn, { kind: "vpc", label: r.name, sublabel: `${kindOf(r.type)}${cidr ? ` ${cidr}` : ""}`, urn: model.sourceUrn(urn), details: [b.label(urn)] });
    }
    for (const g of b.containers.gateways()) {
        const kind = g.egressOnly ? "Egress-only internet gateway" : "Internet gateway";
        const node = b.addNode(g.resource.urn, {
            kind: "gateway", label: g.resource.name, sublabel: kind, urn: model.sourceUrn(g.resource.urn), parent: b.containerOf(g.vpc),
            details: [b.label(g.resource.urn), g.egressOnly ? "Lets IPv6 traffic out and admits no connection from the internet." : "Connects its VPC to the internet."],
        });
        b.addEdge("gateway", INTERNET, node.id, { label: g.egressOnly ? "IPv6 out only" : "" });
    }
    for (const urn of model.network.subnets.urns) {
        addSubnet(b, model.byUrn.get(urn) as StackResource);
    }
    for (const r of model.resources) {
        addResource(b, r);
    }
}

function addSubnet(b: MapBuilder, r: StackResource): void {
    const { model } = b;
    const gates = ([4, 6] as Family[]).map((family) => ({ family, gate: model.exposure.routing.routing({ kind: "stack", urn: r.urn }, family) }));
    const reach: Reach = gates.some((g) => g.gate.definite) ? "public" : gates.some((g) => g.gate.possible) ? "maybe-public" : "private";
    const cidr = b.containers.cidrOf(r);
    const acl = model.naclGraph.nacls.find((n) => !n.isDefault && n.subnets.some((s) => s.kind === "stack" && s.urn === r.urn));
    const node = b.addNode(r.urn, {
        kind: "subnet", label: r.name, sublabel: `${reach === "public" ? "public" : reach === "private" ? "private" : "maybe public"} subnet${cidr ? ` ${cidr}` : ""}`,
        urn: model.sourceUrn(r.urn), parent: b.containerOf(b.containers.vpcOfSubnet(r)), reach,
        details: [b.label(r.urn), ...gates.map((g) => routeLine(b, g.family, g.gate)),
            `network ACL: ${acl ? b.label(acl.resource.urn) : "its VPC's default network ACL"}`],
    });
    for (const { family, gate } of gates.filter((g) => g.gate.possible)) {
        for (const hop of gate.hops.filter((h): h is RouteHop => h.kind === "route")) {
            const from = hop.gateway.kind === "stack" ? b.idOf(hop.gateway.urn) : undefined;
            const via = from === undefined ? ` via ${hop.gateway.kind === "external" ? hop.gateway.id : "a gateway"}` : "";
            const label = `${hop.destination}${via}${gate.definite ? "" : " (possibly)"}`;
            b.addEdge("route", from ?? INTERNET, node.id, { label, details: [routeLine(b, family, gate)] }, `${family} ${hop.destination}`);
        }
    }
}

/** "IPv4: route: ... sends 0.0.0.0/0 to aws.ec2.InternetGateway 'main'", or why it may, or that it does not. */
function routeLine(b: MapBuilder, family: Family, gate: Gate): string {
    const f = familyText(family);
    if (gate.definite) {
        return `${f}: ${hopsText(gate.hops, b.label)}`;
    }
    if (gate.possible) {
        return `${f}: may route the internet to an internet gateway: ${gate.doubt?.why.reason ?? "not known yet"}`;
    }
    return `${f}: no route from the internet`;
}

/** A resource with a placement or network interfaces: in its one subnet, else in its VPC, with an edge to each of its subnets. */
function addResource(b: MapBuilder, r: StackResource): void {
    const { model } = b;
    const exposure = model.exposure;
    const placement = exposure.placements.of(r);
    if (!placement && exposure.interfacesOf(r).length === 0) {
        return;
    }
    const subnets = placement?.subnets ?? [];
    const vpcs = [...new Set(subnets.map((s) => b.containerOf(b.containers.vpcOfSubnet(model.byUrn.get(s.urn) as StackResource))))];
    const parent = subnets.length === 1 ? b.idOf(subnets[0].urn) as string
        : vpcs.length === 1 ? vpcs[0] : vpcs.length > 1 ? b.containerOf(undefined) : b.containerOf(b.containers.vpcOfResource(r));
    const role = exposure.roleOf(r);
    const details = [b.label(r.urn), `role: ${role}`];
    if (subnets.length > 1) {
        details.push(`subnets: ${subnets.map((s) => model.byUrn.get(s.urn)?.name).join(", ")}`);
    }
    details.push(...(placement?.doubts ?? []).map((d) => `subnet: ${d.why.reason}`));
    const node = b.addNode(r.urn, { kind: "resource", label: r.name, sublabel: kindOf(r.type), urn: model.sourceUrn(r.urn), parent, role, details });
    if (subnets.length > 1) {
        for (const s of subnets) {
            b.addEdge("placement", node.id, b.idOf(s.urn) as string, { label: "" });
        }
    }
}
