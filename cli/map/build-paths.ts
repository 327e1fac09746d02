/**
 * The paths from the internet on the map, from the exposure model: an edge to each resource the
 * internet reaches directly (from the internet gateway of the stack the path enters by, whose edge
 * from the internet is then part of the path; else from the internet), and from a load balancer to
 * each target it reaches through it; one edge per pair and kind (sure or possible), with every
 * path's hops in its details. The nodes that decide a hop (subnet, gateway, security group, load
 * balancer) are marked as on a path.
 */
import type { Doubt, ExposurePath, Hop } from "../../policies/graph/exposure/path";
import { hopsText, trafficText } from "../../policies/exposure/shared/text";
import { INTERNET, MapBuilder } from "./build";
import type { Exposure } from "./map-model";

interface PathEdge {
    readonly from: string;
    readonly to: string;
    readonly exposure: Exposure;
    readonly labels: string[];
    readonly lines: string[];
}

/** The resources (by key) whose nodes a hop involves. */
function hopKeys(h: Hop): string[] {
    switch (h.kind) {
        case "route":
            return [h.subnet, h.gateway].flatMap((r) => (r.kind === "stack" ? [r.urn] : []));
        case "public-address":
            return [h.urn];
        case "sg-rule":
            return [h.group ?? h.urn];
        case "listener":
            return [h.loadBalancer];
        case "target":
            return [h.target];
        default:
            return [];
    }
}

export function addPaths(b: MapBuilder): void {
    const { model } = b;
    const edges = new Map<string, PathEdge>();
    const mark = (key: string, field: "exposed" | "onPath", e: Exposure) => {
        const node = b.nodeOf(key);
        if (node && node.kind !== "vpc") {
            node[field] = node[field] === "sure" ? "sure" : e;
        }
    };
    const record = (from: string, toKey: string, p: ExposurePath, exposure: Exposure, doubt?: Doubt) => {
        const to = b.idOf(toKey) as string;
        const key = `${from} ${to} ${exposure}`;
        const edge = edges.get(key) ?? edges.set(key, { from, to, exposure, labels: [], lines: [] }).get(key) as PathEdge;
        const traffic = trafficText(p.traffic, p.family);
        if (!edge.labels.includes(traffic)) {
            edge.labels.push(traffic);
        }
        const through = p.subnet ? ` through ${p.subnet.kind === "stack" ? b.label(p.subnet.urn) : p.subnet.id}` : "";
        const hops = p.hops.length > 0 ? `: ${hopsText(p.hops, b.label)}` : "";
        edge.lines.push(`${exposure === "sure" ? "" : "may be "}reachable on ${traffic}${through}${hops}${doubt ? `. It hinges on this: ${doubt.why.reason}` : ""}`);
        mark(toKey, "exposed", exposure);
        [...p.hops.flatMap(hopKeys), ...(p.subnet?.kind === "stack" ? [p.subnet.urn] : []), ...(p.through ? [p.through] : [])]
            .filter((k) => k !== toKey).forEach((k) => mark(k, "onPath", exposure));
    };
    // The gateway a direct path enters by, and the paths through each gateway's edge from the internet.
    const entries = new Map<string, Exposure>();
    const entry = (p: ExposurePath, exposure: Exposure): string => {
        const gateway = p.hops.flatMap((h) => (h.kind === "route" && h.gateway.kind === "stack" ? [b.idOf(h.gateway.urn)] : []))[0];
        if (gateway === undefined) {
            return INTERNET;
        }
        entries.set(gateway, entries.get(gateway) === "sure" ? "sure" : exposure);
        return gateway;
    };
    for (const r of model.resources) {
        if (b.nodeOf(r.urn)?.kind !== "resource") {
            continue;
        }
        const direct = model.exposure.direct(r);
        direct.paths.forEach((p) => record(entry(p, "sure"), r.urn, p, "sure"));
        direct.possible.forEach((p) => record(entry(p, "possible"), r.urn, p, "possible", p.doubt));
        const through = model.exposure.through(r);
        const lb = (p: ExposurePath) => b.idOf(p.through as string) as string;
        through.paths.forEach((p) => record(lb(p), r.urn, p, "sure"));
        through.possible.forEach((p) => record(lb(p), r.urn, p, "possible", p.doubt));
    }
    for (const e of b.edges.filter((x) => x.kind === "gateway" && entries.has(x.target))) {
        e.exposure = entries.get(e.target);
    }
    for (const e of edges.values()) {
        b.addEdge("exposure", e.from, e.to, { label: e.labels.join(", "), exposure: e.exposure, details: e.lines }, e.exposure);
    }
}
