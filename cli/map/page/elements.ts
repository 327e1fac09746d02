/**
 * In the page: the map's nodes and edges as graph elements, with some groups collapsed. A node in a
 * collapsed group is not drawn; an edge to it is drawn to the outermost collapsed group that holds
 * it (one edge per pair, kind and exposure), and an edge inside one group is not drawn.
 */
import type { ElementDefinition } from "cytoscape";
import type { MapEdge, MapNode, NetworkMap } from "../map-model";

/** "1 mandatory, 2 advisory", counting the findings no exemption covers. */
export function findingCounts(n: MapNode): string {
    const count = (level: string) => n.findings.filter((f) => f.level === level && !f.exempted).length;
    return [["mandatory", count("mandatory")], ["advisory", count("advisory")]].filter(([, c]) => c !== 0).map(([l, c]) => `${c} ${l}`).join(", ");
}

function classesOf(n: MapNode, holdsExposed: MapNode["exposed"]): string {
    const out: string[] = [n.kind];
    if (n.reach) { out.push(n.reach); }
    if (n.role === "database") { out.push("database"); }
    if (n.exposed) { out.push(`exposed-${n.exposed}`); }
    if (n.onPath) { out.push(`on-path-${n.onPath}`); }
    if (holdsExposed) { out.push(`holds-exposed-${holdsExposed}`); }
    if (n.findings.some((f) => f.level === "mandatory" && !f.exempted)) { out.push("mandatory"); } else if (n.findings.some((f) => !f.exempted)) { out.push("advisory"); }
    return out.join(" ");
}

function edgeClasses(e: Pick<MapEdge, "kind" | "exposure">, meta: boolean): string {
    return [e.kind, e.exposure ?? "", meta ? "meta" : ""].filter((c) => c !== "").join(" ");
}

/** The size of a node that shows these lines of text. */
export type Measure = (lines: readonly string[]) => { w: number; h: number };

export function elementsFor(map: NetworkMap, collapsed: ReadonlySet<string>, measure: Measure): ElementDefinition[] {
    const byId = new Map(map.nodes.map((n) => [n.id, n]));
    const drawnAs = new Map<string, string>();
    const hidden = new Map<string, MapNode[]>();
    for (const n of map.nodes) {
        let by: string | undefined;
        for (let p = n.parent; p !== undefined; p = byId.get(p)?.parent) {
            if (collapsed.has(p)) {
                by = p;
            }
        }
        drawnAs.set(n.id, by ?? n.id);
        if (by !== undefined) {
            hidden.set(by, [...hidden.get(by) ?? [], n]);
        }
    }
    const out: ElementDefinition[] = [];
    for (const n of map.nodes.filter((x) => drawnAs.get(x.id) === x.id)) {
        const inside = collapsed.has(n.id) ? hidden.get(n.id) ?? [] : [];
        const exposedInside = inside.some((x) => x.exposed === "sure") ? "sure" : inside.some((x) => x.exposed) ? "possible" : undefined;
        const counts = findingCounts(n);
        const lines = [n.label, n.sublabel ?? "", counts === "" ? "" : `\u26a0 ${counts}`,
            inside.length > 0 ? `(${inside.length} inside: double-click to expand)` : ""].filter((l) => l !== "");
        const search = [n.label, n.sublabel ?? "", n.urn ?? "", ...n.details].join(" ").toLowerCase();
        const { w, h } = measure(lines);
        out.push({
            group: "nodes",
            data: { id: n.id, label: lines.join("\n"), kind: n.kind, search, w, h, ...(n.parent !== undefined ? { parent: n.parent } : {}) },
            classes: `${classesOf(n, exposedInside)}${collapsed.has(n.id) ? " collapsed" : ""}`,
        });
    }
    const meta = new Map<string, { e: MapEdge; source: string; target: string; labels: string[] }>();
    for (const e of map.edges) {
        const source = drawnAs.get(e.source) as string;
        const target = drawnAs.get(e.target) as string;
        if (source === target) {
            continue;
        }
        if (source === e.source && target === e.target) {
            out.push({ group: "edges", data: { id: e.id, source, target, label: e.label, kind: e.kind }, classes: edgeClasses(e, false) });
            continue;
        }
        const key = `${source} ${target} ${e.kind} ${e.exposure ?? ""}`;
        const m = meta.get(key) ?? meta.set(key, { e, source, target, labels: [] }).get(key) as { e: MapEdge; source: string; target: string; labels: string[] };
        if (e.label !== "" && !m.labels.includes(e.label)) {
            m.labels.push(e.label);
        }
    }
    [...meta.values()].forEach((m, i) => out.push({
        group: "edges",
        data: { id: `meta${i}`, source: m.source, target: m.target, label: m.labels.join(", "), kind: m.e.kind, stands: m.e.id },
        classes: edgeClasses(m.e, true),
    }));
    return out;
}
