/**
 * The network map as text, for docs and reviews: a Mermaid flowchart or a Graphviz DOT digraph.
 * VPCs, subnets and the node for what is outside the stack's VPCs are nested groups (subgraphs,
 * clusters); paths from the internet are thick red edges (dashed orange when they may exist).
 */
import type { MapEdge, MapNode, NetworkMap } from "./map-model";

const CONTAINERS = new Set<MapNode["kind"]>(["vpc", "subnet", "outside"]);
const RED = "#d62728";
const ORANGE = "#ff7f0e";

/** "1 mandatory and 2 advisory findings", "" when there are none. */
function findingsLine(n: MapNode): string {
    const count = (l: string) => n.findings.filter((f) => f.level === l && !f.exempted).length;
    const parts = [["mandatory", count("mandatory")], ["advisory", count("advisory")]].filter(([, c]) => c !== 0).map(([l, c]) => `${c} ${l}`);
    const total = count("mandatory") + count("advisory");
    return parts.length === 0 ? "" : `${parts.join(" and ")} finding${total === 1 ? "" : "s"}`;
}

function lines(n: MapNode): string[] {
    return [n.label, n.sublabel ?? "", findingsLine(n)].filter((l) => l !== "");
}

/** Children of each node, in map order. */
function childrenOf(map: NetworkMap): Map<string | undefined, MapNode[]> {
    const out = new Map<string | undefined, MapNode[]>();
    for (const n of map.nodes) {
        out.set(n.parent, [...out.get(n.parent) ?? [], n]);
    }
    return out;
}

/** Mermaid: every character that could end a label or mark it up, as an entity code. */
function mermaidEscape(text: string): string {
    return text.replace(/[^A-Za-z0-9 .,:/_()'+-]/gu, (c) => `#${c.codePointAt(0)};`);
}

/** Mermaid: a label as a quoted string, its lines joined by line breaks. */
function mermaidText(lines: readonly string[]): string {
    return `"${lines.map(mermaidEscape).join("<br/>")}"`;
}

function mermaidNode(n: MapNode): string {
    const text = mermaidText(lines(n));
    switch (n.kind) {
        case "internet":
            return `${n.id}((${text}))`;
        case "gateway":
            return `${n.id}{{${text}}}`;
        case "security-group":
            return `${n.id}[/${text}/]`;
        default:
            return n.role === "database" ? `${n.id}[(${text})]` : `${n.id}[${text}]`;
    }
}

function mermaidArrow(e: MapEdge): string {
    const label = e.label === "" ? "" : `|${mermaidText([e.label])}|`;
    if (e.exposure !== undefined) {
        return e.exposure === "sure" ? `==>${label}` : `-.->${label}`;
    }
    if (e.kind === "member" || e.kind === "placement") {
        return e.label === "" ? "-.-" : `-.-${label}`;
    }
    return `-->${label}`;
}

export function formatMermaid(map: NetworkMap): string {
    const children = childrenOf(map);
    const out = [`%% Network map of ${mermaidEscape(map.title)}`, "flowchart LR"];
    const emit = (n: MapNode, depth: number) => {
        const pad = "    ".repeat(depth);
        if (CONTAINERS.has(n.kind)) {
            out.push(`${pad}subgraph ${n.id}[${mermaidText(lines(n))}]`);
            (children.get(n.id) ?? []).forEach((c) => emit(c, depth + 1));
            out.push(`${pad}end`);
        } else {
            out.push(`${pad}${mermaidNode(n)}`);
        }
    };
    (children.get(undefined) ?? []).forEach((n) => emit(n, 1));
    map.edges.forEach((e) => out.push(`    ${e.source} ${mermaidArrow(e)} ${e.target}`));
    const styled = (pick: (e: MapEdge) => boolean) => map.edges.map((e, i) => (pick(e) ? i : -1)).filter((i) => i >= 0);
    const sure = styled((e) => e.exposure === "sure");
    const possible = styled((e) => e.exposure === "possible");
    if (sure.length > 0) {
        out.push(`    linkStyle ${sure.join(",")} stroke:${RED},stroke-width:3px`);
    }
    if (possible.length > 0) {
        out.push(`    linkStyle ${possible.join(",")} stroke:${ORANGE},stroke-width:2px`);
    }
    const classes: [string, string, (n: MapNode) => boolean][] = [
        ["public", "fill:#fdecea,stroke:#d62728", (n) => n.reach === "public"],
        ["maybepublic", "fill:#fff4e5,stroke:#ff7f0e", (n) => n.reach === "maybe-public"],
        ["private", "fill:#eaf4ea,stroke:#2ca02c", (n) => n.reach === "private"],
        ["exposed", `stroke:${RED},stroke-width:3px`, (n) => n.exposed === "sure"],
        ["maybeexposed", `stroke:${ORANGE},stroke-width:2px,stroke-dasharray:4`, (n) => n.exposed === "possible"],
    ];
    for (const [name, style, pick] of classes) {
        const ids = map.nodes.filter(pick).map((n) => n.id);
        if (ids.length > 0) {
            out.push(`    classDef ${name} ${style}`, `    class ${ids.join(",")} ${name}`);
        }
    }
    return `${out.join("\n")}\n`;
}

/** DOT: a double-quoted string. */
function dotText(lines: readonly string[]): string {
    // Control characters (a line break, an escape) become spaces: a label is one line of text.
    return `"${lines.map((l) => l.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ").replace(/\\/g, "\\\\").replace(/"/g, "\\\"")).join("\\n")}"`;
}

function dotNodeAttrs(n: MapNode): string {
    const shape = n.kind === "internet" ? "doublecircle" : n.kind === "gateway" ? "hexagon" : n.kind === "security-group" ? "parallelogram"
        : n.role === "database" ? "cylinder" : "box";
    const attrs = [`label=${dotText(lines(n))}`, `shape=${shape}`];
    if (n.exposed) {
        attrs.push(`color="${n.exposed === "sure" ? RED : ORANGE}"`, `penwidth=${n.exposed === "sure" ? 3 : 2}`);
    }
    return attrs.join(", ");
}

const FILL: Record<string, string> = { "public": "#fdecea", "maybe-public": "#fff4e5", "private": "#eaf4ea" };

export function formatDot(map: NetworkMap): string {
    const children = childrenOf(map);
    const out = [
        `// Network map of ${map.title.replace(/\s+/g, " ")}`,
        "digraph network {",
        "    graph [rankdir=LR, compound=true, fontname=\"Helvetica\", newrank=true];",
        "    node [fontname=\"Helvetica\", fontsize=10];",
        "    edge [fontname=\"Helvetica\", fontsize=9];",
    ];
    // An edge to a group ends at the group's invisible anchor, clipped at the group's border (lhead).
    const endOf = (id: string) => {
        const n = map.nodes.find((x) => x.id === id);
        return n && CONTAINERS.has(n.kind) ? { node: `${id}_anchor`, cluster: `cluster_${id}` } : { node: id };
    };
    const emit = (n: MapNode, depth: number) => {
        const pad = "    ".repeat(depth);
        if (CONTAINERS.has(n.kind)) {
            const fill = n.reach ? `; style="rounded,filled"; fillcolor="${FILL[n.reach]}"` : "; style=rounded";
            out.push(`${pad}subgraph cluster_${n.id} {`, `${pad}    label=${dotText(lines(n))}${fill};`, `${pad}    ${n.id}_anchor [shape=point, style=invis];`);
            (children.get(n.id) ?? []).forEach((c) => emit(c, depth + 1));
            out.push(`${pad}}`);
        } else {
            out.push(`${pad}${n.id} [${dotNodeAttrs(n)}];`);
        }
    };
    (children.get(undefined) ?? []).forEach((n) => emit(n, 1));
    for (const e of map.edges) {
        const [from, to] = [endOf(e.source), endOf(e.target)];
        const attrs = e.label === "" ? [] : [`label=${dotText([e.label])}`];
        if (from.cluster) { attrs.push(`ltail=${from.cluster}`); }
        if (to.cluster) { attrs.push(`lhead=${to.cluster}`); }
        if (e.exposure !== undefined) {
            attrs.push(`color="${e.exposure === "sure" ? RED : ORANGE}"`, `penwidth=${e.exposure === "sure" ? 3 : 2}`, ...(e.exposure === "possible" ? ["style=dashed"] : []));
        } else if (e.kind === "member" || e.kind === "placement") {
            attrs.push("style=dotted", "arrowhead=none");
        }
        out.push(`    ${from.node} -> ${to.node}${attrs.length > 0 ? ` [${attrs.join(", ")}]` : ""};`);
    }
    out.push("}");
    return `${out.join("\n")}\n`;
}
