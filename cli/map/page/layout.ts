/**
 * In the page: laying out the map with ELK's layered algorithm (left to right, from the internet
 * inwards, groups nested).
 */
import type { Core, NodeSingular } from "cytoscape";
import type ELK from "elkjs/lib/elk.bundled";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";

declare const window: Window & { ELK: typeof ELK };

/** Spacing, set on every group too: ELK reads it from the graph that holds the nodes. Wide between layers, for the edges' labels. */
const SPACING = {
    "elk.layered.spacing.nodeNodeBetweenLayers": "110",
    "elk.spacing.nodeNode": "24",
    "elk.spacing.componentComponent": "40",
};

const LAYERED = {
    ...SPACING,
    "elk.algorithm": "layered",
    "elk.direction": "RIGHT",
    "elk.hierarchyHandling": "INCLUDE_CHILDREN",
    "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
};

/** Room a group keeps inside its border: its label on top. */
const GROUP_PADDING = "[top=34,left=14,bottom=14,right=14]";

/** Lays the visible graph out with ELK and places every node; resolves when done. */
export async function layOut(cy: Core): Promise<void> {
    const elkOf = new Map<string, ElkNode>();
    const root: ElkNode = { id: "__root", layoutOptions: LAYERED, children: [], edges: [] };
    const nodes = cy.nodes();
    for (const n of nodes.toArray() as NodeSingular[]) {
        const size = n.isParent() ? { w: 0, h: 0 } : n.layoutDimensions({ nodeDimensionsIncludeLabels: true });
        elkOf.set(n.id(), {
            id: n.id(), width: size.w, height: size.h, children: [],
            ...(n.isParent() ? { layoutOptions: { ...SPACING, "elk.padding": GROUP_PADDING } } : {}),
        });
    }
    for (const n of nodes.toArray() as NodeSingular[]) {
        const parent = n.parent().length > 0 ? elkOf.get(n.parent().first().id()) : undefined;
        (parent ?? root).children?.push(elkOf.get(n.id()) as ElkNode);
    }
    // ELK refuses an edge between a node and a group that holds it.
    const holds = (a: NodeSingular, b: NodeSingular) => a.isParent() && b.ancestors().contains(a);
    root.edges = cy.edges().toArray().filter((e) => !holds(e.source(), e.target()) && !holds(e.target(), e.source()))
        .map((e): ElkExtendedEdge => ({ id: e.id(), sources: [e.source().id()], targets: [e.target().id()] }));
    const laid = await new window.ELK().layout(root);
    const place = (n: ElkNode, x: number, y: number) => {
        const at = { x: x + (n.x ?? 0), y: y + (n.y ?? 0) };
        const node = cy.getElementById(n.id);
        if ((n.children ?? []).length === 0 && node.length > 0) {
            node.position({ x: at.x + (n.width ?? 0) / 2, y: at.y + (n.height ?? 0) / 2 });
        }
        (n.children ?? []).forEach((c) => place(c, at.x, at.y));
    };
    cy.batch(() => (laid.children ?? []).forEach((c) => place(c, 0, 0)));
}
