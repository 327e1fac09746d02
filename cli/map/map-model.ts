/**
 * The network map as data: the nodes (the internet, VPCs, subnets, gateways, resources, security
 * groups) and the edges between them, with the findings of each resource. The HTML page, Mermaid and
 * DOT are drawn from this one structure.
 */

export type NodeKind = "internet" | "outside" | "vpc" | "subnet" | "gateway" | "resource" | "security-group";

/** A path that surely exists, or one that hinges on a value not known yet or a fact outside the stack. */
export type Exposure = "sure" | "possible";

/** A subnet whose route table sends the internet to an internet gateway (surely, possibly), or not. */
export type Reach = "public" | "maybe-public" | "private";

export interface MapFinding {
    readonly policy: string;
    readonly level: "mandatory" | "advisory";
    readonly message: string;
    /** Set when an exemption covers the finding. */
    readonly exempted?: true;
    /** The resource the finding is on, when it is not the node itself (a rule resource of a group). */
    readonly on?: string;
}

export interface MapNode {
    readonly id: string;
    readonly kind: NodeKind;
    /** The resource's name (or a short name of what the node stands for). */
    readonly label: string;
    /** A second line: the resource's kind ("Instance", "Subnet 10.0.0.0/24"). */
    readonly sublabel?: string;
    readonly urn?: string;
    /** The compound node it is drawn in. */
    readonly parent?: string;
    readonly reach?: Reach;
    /** What a resource is: compute, load-balancer, database, ... */
    readonly role?: string;
    /** Lines for the details panel. */
    readonly details: string[];
    readonly findings: MapFinding[];
    /** The internet reaches the resource (a path ends at it). */
    exposed?: Exposure;
    /** The node decides a hop of some path from the internet (a subnet, a gateway, a group, a load balancer). */
    onPath?: Exposure;
}

export type EdgeKind = "gateway" | "route" | "placement" | "member" | "sg-reference" | "exposure";

export interface MapEdge {
    readonly id: string;
    readonly kind: EdgeKind;
    readonly source: string;
    readonly target: string;
    readonly label: string;
    /** Set on a path's edge, and on the edge from the internet to a gateway that paths enter by. */
    exposure?: Exposure;
    /** Lines for the details panel: the rules of a reference, the hops of each path. */
    readonly details: string[];
}

export interface NetworkMap {
    readonly title: string;
    readonly nodes: MapNode[];
    readonly edges: MapEdge[];
    /** Findings on resources the map does not draw (network ACLs, route tables, ...), by resource. */
    readonly otherFindings: { readonly resource: string; readonly findings: MapFinding[] }[];
}
