/**
 * The map page's script: draws the map's data (the JSON in #map-data) with Cytoscape, lays it out
 * with ELK, and shows what a node or an edge stands for (details, findings, the hops of each path)
 * when it is clicked, a short summary when it is hovered. Groups collapse and expand on
 * double-click; the search box fades what does not match. Every text goes in as text, never as HTML.
 */
import type cytoscape from "cytoscape";
import type { Core, EventObject } from "cytoscape";
import type { MapEdge, MapFinding, MapNode, NetworkMap } from "../map-model";
import { Measure, elementsFor, findingCounts } from "./elements";
import { layOut } from "./layout";
import { STYLE } from "./style";

interface MapApi {
    readonly cy: Core;
    readonly map: NetworkMap;
    /** Settles when the first layout is done. */
    ready: Promise<void>;
    setCollapsed(ids: readonly string[]): Promise<void>;
}

declare const window: Window & { cytoscape: typeof cytoscape; networkMap?: MapApi };

/** The size of a node's text as the graph draws it: 10px lines (bold, as a group's), wrapped at 180px. */
function measurer(): Measure {
    const ctx = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
    ctx.font = "bold 10px Helvetica, Arial, sans-serif";
    const WRAP = 180;
    return (lines) => {
        const widths = lines.map((l) => ctx.measureText(l).width);
        const rows = widths.reduce((s, w) => s + Math.max(1, Math.ceil(w / WRAP)), 0);
        return { w: Math.ceil(Math.min(WRAP, Math.max(...widths))) + 4, h: rows * 13 };
    };
}

/** Above this many nodes, subnets that no path from the internet enters start collapsed. */
const COLLAPSE_ABOVE = 300;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (cls !== undefined) { e.className = cls; }
    return e;
}

function byId(id: string): HTMLElement {
    return document.getElementById(id) as HTMLElement;
}

function findingItem(f: MapFinding): HTMLLIElement {
    const li = el("li", undefined, `finding ${f.level}${f.exempted ? " exempted" : ""}`);
    li.append(el("span", f.exempted ? `${f.level}, exempted` : f.level, "level"), " ", el("strong", f.policy, "policy"));
    if (f.on !== undefined) { li.append(` on ${f.on}`); }
    li.append(el("div", f.message, "message"));
    return li;
}

function showNode(n: MapNode): void {
    const panel = byId("details");
    panel.replaceChildren(el("h2", n.label), el("p", n.sublabel ?? n.kind, "kind"));
    if (n.exposed) {
        panel.append(el("p", n.exposed === "sure" ? "Reachable from the internet (see the red edges into it)." : "May be reachable from the internet (dashed orange edges).", `exposed ${n.exposed}`));
    }
    const details = el("ul", undefined, "details");
    n.details.forEach((d) => details.append(el("li", d)));
    panel.append(details, el("h3", `Findings (${n.findings.length})`));
    const list = el("ul", undefined, "findings");
    n.findings.forEach((f) => list.append(findingItem(f)));
    panel.append(n.findings.length > 0 ? list : el("p", "No findings.", "no-findings"));
}

const EDGE_KIND: Record<MapEdge["kind"], string> = {
    "gateway": "The internet, through a gateway", "route": "A route to the internet", "placement": "In this subnet",
    "member": "Security group on the resource", "sg-reference": "Security-group reference", "exposure": "Path from the internet",
};

function showEdge(e: MapEdge | undefined, label: string): void {
    const panel = byId("details");
    panel.replaceChildren(el("h2", e ? EDGE_KIND[e.kind] : "Edges of a collapsed group"), el("p", label, "kind"));
    const lines = el("ul", undefined, "details");
    (e?.details ?? ["Expand the group to see each edge."]).forEach((d) => lines.append(el("li", d)));
    panel.append(lines);
}

function showOtherFindings(map: NetworkMap): void {
    const box = byId("other-findings");
    const total = map.otherFindings.reduce((s, o) => s + o.findings.length, 0);
    box.replaceChildren(el("summary", `Findings on resources not drawn (${total})`));
    for (const o of map.otherFindings) {
        const list = el("ul", undefined, "findings");
        o.findings.forEach((f) => list.append(findingItem(f)));
        box.append(el("h4", o.resource), list);
    }
}

function search(cy: Core, query: string): void {
    const q = query.trim().toLowerCase();
    cy.elements().removeClass("faded match");
    if (q === "") {
        return;
    }
    const matches = cy.nodes().filter((n) => String(n.data("search")).includes(q));
    const keep = matches.union(matches.ancestors());
    cy.elements().difference(keep).addClass("faded");
    matches.addClass("match");
}

function start(): void {
    const map = JSON.parse(byId("map-data").textContent ?? "{}") as NetworkMap;
    const nodes = new Map(map.nodes.map((n) => [n.id, n]));
    const edges = new Map(map.edges.map((e) => [e.id, e]));
    const paths = map.edges.filter((e) => e.kind === "exposure");
    const findings = map.nodes.reduce((s, n) => s + n.findings.length, 0) + map.otherFindings.reduce((s, o) => s + o.findings.length, 0);
    byId("title").textContent = `Network map of ${map.title}`;
    byId("summary").textContent = `${map.nodes.filter((n) => n.kind === "resource").length} resources, ${paths.length} path edges from the internet, ` +
        `${findings} findings`;
    showOtherFindings(map);

    const cy = window.cytoscape({ container: byId("graph"), style: STYLE, elements: [], minZoom: 0.05, maxZoom: 3 });
    let collapsed = new Set<string>();
    const measure = measurer();
    const draw = async () => {
        cy.elements().remove();
        cy.add(elementsFor(map, collapsed, measure));
        await layOut(cy);
        cy.fit(undefined, 30);
        search(cy, (byId("search") as HTMLInputElement).value);
    };
    const setCollapsed = (ids: readonly string[]) => {
        collapsed = new Set(ids);
        return draw();
    };
    const quiet = map.nodes.filter((n) => n.kind === "subnet" && !map.nodes.some((c) => c.parent === n.id && (c.exposed || c.onPath)));
    const api: MapApi = { cy, map, ready: setCollapsed(map.nodes.length > COLLAPSE_ABOVE ? quiet.map((n) => n.id) : []), setCollapsed };
    window.networkMap = api;

    cy.on("tap", "node", (ev: EventObject) => {
        const n = nodes.get(ev.target.id());
        if (n) { showNode(n); }
    });
    cy.on("tap", "edge", (ev: EventObject) => showEdge(edges.get(ev.target.id()), String(ev.target.data("label") ?? "")));
    cy.on("dbltap", "node", (ev: EventObject) => {
        const id = ev.target.id();
        const ids = collapsed.has(id) ? [...collapsed].filter((x) => x !== id) : ev.target.isParent() ? [...collapsed, id] : [...collapsed];
        void setCollapsed(ids);
    });
    const tip = byId("tooltip");
    cy.on("mouseover", "node", (ev: EventObject) => {
        const n = nodes.get(ev.target.id());
        if (!n || n.findings.length === 0) { return; }
        const counts = findingCounts(n);
        tip.replaceChildren(el("strong", n.label), el("div", counts === "" ? `${n.findings.length} exempted` : counts));
        n.findings.forEach((f) => tip.append(el("div", `${f.level}: ${f.policy}`)));
        const at = ev.renderedPosition ?? ev.target.renderedPosition();
        tip.style.left = `${at.x + 16}px`;
        tip.style.top = `${at.y + 16}px`;
        tip.hidden = false;
    });
    cy.on("mouseout", "node", () => { tip.hidden = true; });

    byId("search").addEventListener("input", (ev) => search(cy, (ev.target as HTMLInputElement).value));
    byId("search").addEventListener("keydown", (ev) => {
        if (ev.key === "Enter") {
            const q = (ev.target as HTMLInputElement).value.trim().toLowerCase();
            // Open the groups that hide a match, then show the matches.
            const hits = map.nodes.filter((n) => q !== "" && [n.label, n.sublabel ?? "", n.urn ?? "", ...n.details].join(" ").toLowerCase().includes(q));
            const open = (id: string | undefined): boolean => id !== undefined && (collapsed.has(id) || open(nodes.get(id)?.parent));
            const hidden = hits.some((n) => open(n.parent));
            const ids = hidden ? [...collapsed].filter((c) => !hits.some((n) => isWithin(nodes, n, c))) : [...collapsed];
            void setCollapsed(ids).then(() => cy.fit(cy.nodes(".match"), 60));
        }
    });
    byId("collapse-subnets").addEventListener("click", () => void setCollapsed(map.nodes.filter((n) => n.kind === "subnet").map((n) => n.id)));
    byId("expand-all").addEventListener("click", () => void setCollapsed([]));
    byId("fit").addEventListener("click", () => cy.fit(undefined, 30));
}

/** True when the node is inside the group (at any depth). */
function isWithin(nodes: Map<string, MapNode>, n: MapNode, group: string): boolean {
    for (let p = n.parent; p !== undefined; p = nodes.get(p)?.parent) {
        if (p === group) { return true; }
    }
    return false;
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
} else {
    start();
}
