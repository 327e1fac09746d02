/** In the page: how the map's elements look. Public subnets red, private green; paths from the internet thick red (dashed orange: possible). */
import type { StylesheetJson } from "cytoscape";

const RED = "#d62728";
const ORANGE = "#ff7f0e";
const GREEN = "#2ca02c";

export const STYLE: StylesheetJson = [
    {
        selector: "node",
        style: {
            "label": "data(label)", "text-wrap": "wrap", "text-max-width": "180px", "font-size": 10, "font-family": "Helvetica, Arial, sans-serif",
            "text-valign": "center", "text-halign": "center", "shape": "round-rectangle", "width": "data(w)", "height": "data(h)", "padding": "8px",
            "background-color": "#ffffff", "border-width": 1, "border-color": "#8a8f98", "color": "#1d2330",
        },
    },
    {
        selector: ":parent, .collapsed, .vpc, .subnet, .outside",
        style: { "text-valign": "top", "text-halign": "center", "font-weight": "bold", "padding": "14px", "background-opacity": 0.6 },
    },
    { selector: ".collapsed", style: { "text-valign": "center", "border-style": "double", "border-width": 4 } },
    { selector: ".vpc", style: { "background-color": "#eef2fa", "border-color": "#5b6b8c", "border-width": 2 } },
    { selector: ".outside", style: { "background-color": "#f5f5f5", "border-style": "dashed" } },
    { selector: ".subnet.public", style: { "background-color": "#fdecea", "border-color": RED, "border-width": 2 } },
    { selector: ".subnet.maybe-public", style: { "background-color": "#fff4e5", "border-color": ORANGE, "border-width": 2, "border-style": "dashed" } },
    { selector: ".subnet.private", style: { "background-color": "#eaf4ea", "border-color": GREEN, "border-width": 2 } },
    { selector: ".internet", style: { "shape": "ellipse", "background-color": "#1d2330", "color": "#ffffff", "width": 90, "height": 90, "font-size": 13, "font-weight": "bold" } },
    { selector: "node.gateway", style: { "shape": "hexagon", "background-color": "#ffe9b3", "border-color": "#b8860b", "padding": "12px" } },
    { selector: ".security-group", style: { "shape": "cut-rectangle", "background-color": "#e8f0fe", "border-color": "#1f77b4", "border-style": "dashed" } },
    { selector: ".database", style: { "shape": "barrel", "background-color": "#f3e8fd" } },
    { selector: ".advisory", style: { "border-color": ORANGE, "border-width": 2 } },
    { selector: ".mandatory", style: { "border-color": RED, "border-width": 3 } },
    { selector: ".on-path-sure, .on-path-possible", style: { "underlay-color": RED, "underlay-opacity": 0.12, "underlay-padding": 6 } },
    { selector: ".exposed-sure, .holds-exposed-sure", style: { "border-color": RED, "border-width": 4, "underlay-color": RED, "underlay-opacity": 0.25, "underlay-padding": 8 } },
    { selector: ".exposed-possible, .holds-exposed-possible", style: { "border-color": ORANGE, "border-width": 3, "border-style": "dashed" } },
    {
        selector: "edge",
        style: {
            "curve-style": "bezier", "width": 1.5, "line-color": "#9aa0aa", "target-arrow-color": "#9aa0aa", "target-arrow-shape": "triangle",
            "label": "data(label)", "font-size": 9, "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": "2px",
            "color": "#333333", "arrow-scale": 0.9,
        },
    },
    { selector: ".member, .placement", style: { "line-style": "dotted", "target-arrow-shape": "none", "line-color": "#b5bac2", "width": 1 } },
    { selector: ".sg-reference", style: { "line-color": "#1f77b4", "target-arrow-color": "#1f77b4", "width": 2 } },
    { selector: "edge.route, edge.gateway", style: { "line-color": "#b8860b", "target-arrow-color": "#b8860b" } },
    { selector: "edge.sure", style: { "line-color": RED, "target-arrow-color": RED, "width": 4, "z-index": 10, "color": RED, "font-weight": "bold" } },
    { selector: "edge.possible", style: { "line-color": ORANGE, "target-arrow-color": ORANGE, "width": 3, "line-style": "dashed", "z-index": 9 } },
    { selector: ".meta", style: { "line-style": "dashed" } },
    { selector: ".faded", style: { "opacity": 0.15 } },
    { selector: ".match", style: { "border-color": "#e6b800", "border-width": 5 } },
    { selector: ":selected", style: { "overlay-color": "#1f77b4", "overlay-opacity": 0.15, "overlay-padding": 6 } },
];
