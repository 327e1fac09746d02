/**
 * The network ACL of each subnet: the ACL the stack associates it with (subnetIds, or an
 * aws.ec2.NetworkAclAssociation), else its VPC's default ACL: the stack's aws.ec2.DefaultNetworkAcl
 * for that VPC, else, for a VPC the stack creates, the default ACL AWS made with it, which allows all
 * traffic both ways. For a VPC outside the stack that default is not known.
 */
import { TYPE } from "../../model/types";
import { Undetermined } from "../../model/values";
import { Family } from "../../net/cidr";
import { trafficIntersect, trafficUnion } from "../../net/traffic";
import { PortRange } from "../../net/ports";
import { Targets, linkOne } from "../links";
import { NaclGraph, NaclNode } from "../nacl-graph";
import type { StackResource } from "../resource";
import { Network } from "../vpcs";
import { Doubt, TrafficGate, doubtGate } from "./path";
import { allowAllGate, naclGate } from "./nacl-world";
import { outside } from "./routes";

export class SubnetAcls {
    private readonly defaultOf = new Map<string, NaclNode>();
    /** ACLs whose subnets are not all known: any subnet may be one of theirs. */
    private readonly pending: { node: NaclNode; why: Undetermined }[];
    /** Each subnet's first ACL in stack order that names it, not a default ACL, and of any kind. */
    private readonly ownOf = new Map<string, NaclNode>();
    private readonly anyOf = new Map<string, NaclNode>();
    /** Each ACL's gate, per family and ephemeral range. */
    private readonly gates = new Map<string, Map<NaclNode, TrafficGate>>();

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
        for (const node of graph.nacls) {
            for (const s of node.subnets) {
                if (s.kind === "stack") {
                    first(this.anyOf, s.urn, node);
                    if (!node.isDefault) {
                        first(this.ownOf, s.urn, node);
                    }
                }
            }
        }
    }

    /**
     * The ACL a subnet of the stack is on: one of the stack's, the default ACL AWS made with a VPC the
     * stack creates (which allows everything), or a doubt when it cannot be told; with the ACLs whose
     * subnets are not known yet, which it may be on instead.
     */
    aclOf(subnetUrn: string): SubnetAcl {
        const own = this.ownOf.get(subnetUrn) ?? this.anyOf.get(subnetUrn);
        const on = own ? { node: own } : this.defaultAcl(subnetUrn);
        return { ...on, pending: own ? [] : this.pending.filter((p) => !p.node.isDefault) };
    }

    /** What the ACL of a subnet of the stack lets in from the internet, and the replies out. */
    gate(subnetUrn: string, family: Family, ephemeral: PortRange): TrafficGate {
        const acl = this.aclOf(subnetUrn);
        const gate = acl.node ? this.naclGate(acl.node, family, ephemeral)
            : acl.allowAllOf !== undefined ? allowAllGate(acl.allowAllOf, family, ephemeral) : doubtGate(acl.doubt as Doubt);
        if (acl.pending.length === 0) {
            return gate;
        }
        // It may be on one of the ACLs whose subnets are not known yet: sure only of what all of them let through.
        const others = acl.pending.map((p) => this.naclGate(p.node, family, ephemeral));
        return {
            segments: gate.segments,
            definite: others.reduce((a, g) => trafficIntersect(a, g.definite), gate.definite),
            possible: others.reduce((a, g) => trafficUnion(a, g.possible), gate.possible),
            doubt: { why: acl.pending[0].why, urn: acl.pending[0].node.resource.urn },
        };
    }

    /** An ACL's gate, worked out once per family and ephemeral range. */
    private naclGate(node: NaclNode, family: Family, ephemeral: PortRange): TrafficGate {
        const key = `${family} ${ephemeral.from}-${ephemeral.to}`;
        const byNode = this.gates.get(key) ?? this.gates.set(key, new Map()).get(key) as Map<NaclNode, TrafficGate>;
        return byNode.get(node) ?? byNode.set(node, naclGate(node, family, ephemeral)).get(node) as TrafficGate;
    }

    /** The VPC's default ACL: the stack's aws.ec2.DefaultNetworkAcl, AWS's for a VPC the stack creates, else a doubt. */
    private defaultAcl(subnetUrn: string): Omit<SubnetAcl, "pending"> {
        const subnet = this.byUrn.get(subnetUrn) as StackResource;
        const vpc = this.network.vpcOf(subnet, { vpc: ["vpcId"] });
        if (vpc.kind === "undetermined") {
            return { doubt: { why: vpc.why, urn: subnetUrn } };
        }
        const node = vpc.kind === "stack" ? this.defaultOf.get(vpc.urn) : undefined;
        if (node) {
            return { node };
        }
        if (vpc.kind === "stack" && this.byUrn.get(vpc.urn)?.type === TYPE.vpc) {
            return { allowAllOf: vpc.urn };
        }
        return {
            doubt: {
                why: outside("vpcId", `subnet '${subnet.name}' has no network ACL of the stack, and the default network ACL of its VPC is not in this stack`),
                urn: subnetUrn, outside: true,
            },
        };
    }
}

/** The ACL a subnet is on (one of `node`, `allowAllOf` and `doubt` is set), and the ACLs it may be on instead. */
export interface SubnetAcl {
    readonly node?: NaclNode;
    /** The VPC whose default ACL, which AWS made and the stack does not declare, allows everything. */
    readonly allowAllOf?: string;
    readonly doubt?: Doubt;
    readonly pending: readonly { readonly node: NaclNode; readonly why: Undetermined }[];
}

/** Keeps the first value set for a key. */
function first<K, V>(m: Map<K, V>, k: K, v: V): void {
    if (!m.has(k)) {
        m.set(k, v);
    }
}

