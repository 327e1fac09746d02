// A readable view of a network map for tests: "kind name (reach) exposed:sure in <container>" for
// each node, "kind: from -> to [label] sure" for each edge, each list sorted.
import type { NetworkMap } from "../../cli/map/map-model";

export function view(map: NetworkMap): { nodes: string[]; edges: string[] } {
    const byId = new Map(map.nodes.map((n) => [n.id, n]));
    const name = (id: string) => {
        const n = byId.get(id);
        return n ? `${n.kind} ${n.label}` : `? ${id}`;
    };
    return {
        nodes: map.nodes.map((n) => `${name(n.id)}${n.reach ? ` (${n.reach})` : ""}${n.exposed ? ` exposed:${n.exposed}` : ""}` +
            `${n.parent ? ` in ${name(n.parent)}` : ""}`).sort(),
        edges: map.edges.map((e) => `${e.kind}: ${name(e.source)} -> ${name(e.target)}${e.label ? ` [${e.label}]` : ""}${e.exposure ? ` ${e.exposure}` : ""}`).sort(),
    };
}
