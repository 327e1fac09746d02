/**
 * Builds the network map from the stack model: what the graph answers (containers, placements,
 * routes, groups and their references, the exposure model's paths) becomes nodes and edges, in
 * stack order, so that the same stack always gives the same map. No props are read here.
 */
import { Containers } from "../../policies/graph/containers";
import { StackModel } from "../../policies/graph/stack";
import type { VpcRef } from "../../policies/graph/vpcs";
import { labeller } from "../../policies/exposure/shared/text";
import type { Finding } from "../model";
import { attachFindings } from "./build-findings";
import { addGroups } from "./build-groups";
import { addNetwork } from "./build-network";
import { addPaths } from "./build-paths";
import { EdgeKind, MapEdge, MapNode, NetworkMap } from "./map-model";

export const INTERNET = "internet";

type NewNode = Omit<MapNode, "id" | "details" | "findings"> & { details?: string[] };

export class MapBuilder {
    readonly nodes: MapNode[] = [];
    readonly edges: MapEdge[] = [];
    readonly containers: Containers;
    /** "aws.ec2.Subnet 'public-a'" for a resource of the stack, by its key. */
    readonly label: (urn: string) => string;
    private readonly ids = new Map<string, string>();
    private readonly byId = new Map<string, MapNode>();
    private readonly edgeKeys = new Set<string>();
    private outside?: string;

    constructor(readonly model: StackModel) {
        this.containers = new Containers(model);
        this.label = labeller(model);
    }

    /** The node drawn for a key (a resource's key in the stack model, "external:<id>", ...). */
    idOf(key: string): string | undefined {
        return this.ids.get(key);
    }

    nodeOf(key: string): MapNode | undefined {
        const id = this.ids.get(key);
        return id === undefined ? undefined : this.byId.get(id);
    }

    /** A node by its id. */
    node(id: string): MapNode | undefined {
        return this.byId.get(id);
    }

    addNode(key: string, n: NewNode): MapNode {
        const id = key === INTERNET ? INTERNET : `n${this.nodes.length}`;
        const node: MapNode = { ...n, id, details: n.details ?? [], findings: [] };
        this.ids.set(key, id);
        this.byId.set(id, node);
        this.nodes.push(node);
        return node;
    }

    /** Adds an edge once per kind, ends and key. */
    addEdge(kind: EdgeKind, source: string, target: string, e: { label: string; details?: string[]; exposure?: MapEdge["exposure"] }, key = ""): void {
        const k = `${kind}|${source}|${target}|${key}`;
        if (this.edgeKeys.has(k)) {
            return;
        }
        this.edgeKeys.add(k);
        this.edges.push({ id: `e${this.edges.length}`, kind, source, target, label: e.label, details: e.details ?? [], ...(e.exposure ? { exposure: e.exposure } : {}) });
    }

    /** The node of a VPC of the stack, else the one that holds what is outside the stack's VPCs. */
    containerOf(vpc: VpcRef | undefined): string {
        const id = vpc?.kind === "stack" ? this.idOf(vpc.urn) : undefined;
        return id ?? this.outsideNode();
    }

    private outsideNode(): string {
        this.outside ??= this.addNode("outside", {
            kind: "outside", label: "Outside this stack's VPCs",
            details: ["Resources and groups whose VPC is not in this stack, or not known yet."],
        }).id;
        return this.outside;
    }
}

/** The map of a stack, with the check's findings (and exempted findings) on the resources they name. */
export function buildMap(model: StackModel, findings: readonly Finding[], exempted: readonly Finding[], title: string): NetworkMap {
    const b = new MapBuilder(model);
    b.addNode(INTERNET, { kind: "internet", label: "Internet", details: ["Every address outside AWS."] });
    addNetwork(b);
    addGroups(b);
    addPaths(b);
    const otherFindings = attachFindings(b, findings, exempted);
    // Parents first, so that every format can nest a node in one already drawn.
    const byId = new Map(b.nodes.map((n) => [n.id, n]));
    const depth = (n: MapNode): number => (n.parent === undefined ? 0 : 1 + depth(byId.get(n.parent) as MapNode));
    const nodes = b.nodes.map((n, i) => ({ n, i, d: depth(n) })).sort((x, y) => x.d - y.d || x.i - y.i).map((x) => x.n);
    return { title, nodes, edges: b.edges, otherFindings };
}
