/**
 * The network ACL of each subnet: the ACL the stack associates it with (subnetIds, or an
 * aws.ec2.NetworkAclAssociation), else its VPC's default ACL: the stack's aws.ec2.DefaultNetworkAcl
 * for that VPC, else, for a VPC the stack creates, the default ACL AWS made with it, which allows all
 * traffic both ways. For a VPC outside the stack that default is not known.
 */
import { TYPE } from "../../model/types";
import { Undetermined } from "../../model/values";
import { Family } from "../../net/cidr";
import { NO_TRAFFIC, trafficIntersect, trafficUnion } from "../../net/traffic";
import { PortRange } from "../../net/ports";
import { Targets, linkOne } from "../links";
import { NaclGraph, NaclNode } from "../nacl-graph";
import type { StackResource } from "../resource";
import { Network } from "../vpcs";
import { Doubt, TrafficGate } from "./path";
import { allowAllGate, naclGate, tcpUdp } from "./nacl-world";
import { outside } from "./routes";
import { ALL_PORTS, portSet } from "../../net/ports";

export class SubnetAcls {
    private readonly defaultOf = new Map<string, NaclNode>();
    /** ACLs whose subnets are not all known: any subnet may be one of theirs. */
    private readonly pending: { node: NaclNode; why: Undetermined }[];

    constructor(private readonly graph: NaclGraph, private readonly byUrn: ReadonlyMap<string, StackResource>, private readonly network: Network) {
        const vpcsByDefaultAcl = new Targets();
        for (const urn of network.vpcs.urns) {
            vpcsByDefaultAcl.add(byUrn.get(urn) as StackResource, ["defaultNetworkAclId"]);
        }
        for (const node of graph.nacls.filter((n) => n.isDefault)) {
            const vpc = linkOne(node.resource, "defaultNetworkAclId", vpcsByDefaultAcl)?.ref ?? linkOne(node.resource, "vpcId", network.vpcs)?.ref;
            if (vpc?.kind === "stack" && !this.defaultOf.has(vpc.urn)) {
                this.defaultOf.set(vpc.urn, node);
            }
        }
        this.pending = graph.nacls.flatMap((node) => (node.subnetsUndetermined.length > 0 ? [{ node, why: node.subnetsUndetermined[0] }] : []));
    }

    /** What the ACL of a subnet of the stack lets in from the internet, and the replies out. */
    gate(subnetUrn: string, family: Family, ephemeral: PortRange): TrafficGate {
        const own = this.graph.nacls.find((n) => !n.isDefault && n.subnets.some((s) => s.kind === "stack" && s.urn === subnetUrn))
            ?? this.graph.nacls.find((n) => n.subnets.some((s) => s.kind === "stack" && s.urn === subnetUrn));
        const gate = own ? naclGate(own, family, ephemeral) : this.defaultGate(subnetUrn, family, ephemeral);
        const pending = own ? [] : this.pending.filter((p) => !p.node.isDefault);
        if (pending.length === 0) {
            return gate;
        }
        // It may be on one of the ACLs whose subnets are not known yet: sure only of what all of them let through.
        const others = pending.map((p) => naclGate(p.node, family, ephemeral));
        const all = [gate, ...others];
        const definite = all.reduce((a, g) => trafficIntersect(a, g.definite), gate.definite);
        return {
            segments: gate.segments, definite, possible: all.reduce((a, g) => trafficUnion(a, g.possible), NO_TRAFFIC),
            doubt: { why: pending[0].why, urn: pending[0].node.resource.urn },
        };
    }

    private defaultGate(subnetUrn: string, family: Family, ephemeral: PortRange): TrafficGate {
        const subnet = this.byUrn.get(subnetUrn) as StackResource;
        const vpc = this.network.vpcOf(subnet, { vpc: ["vpcId"] });
        const doubt = (d: Doubt): TrafficGate => ({ segments: [], definite: NO_TRAFFIC, possible: tcpUdp(portSet([ALL_PORTS])), doubt: d });
        if (vpc.kind === "undetermined") {
            return doubt({ why: vpc.why, urn: subnetUrn });
        }
        const node = vpc.kind === "stack" ? this.defaultOf.get(vpc.urn) : undefined;
        if (node) {
            return naclGate(node, family, ephemeral);
        }
        if (vpc.kind === "stack" && this.byUrn.get(vpc.urn)?.type === TYPE.vpc) {
            return allowAllGate(vpc.urn, ephemeral);
        }
        return doubt({
            why: outside("vpcId", `subnet '${subnet.name}' has no network ACL of the stack, and the default network ACL of its VPC is not in this stack`),
            urn: subnetUrn, outside: true,
        });
    }
}
