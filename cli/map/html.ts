/**
 * The network map as one HTML file that works offline: the map's data as JSON, the graph libraries
 * (Cytoscape, and ELK for the layout) and the page's own script inlined, and a content security
 * policy that lets the page load nothing at all. Names and findings reach the page only as JSON
 * data, put into the page as text: nothing in them can end a script or become markup.
 */
import * as fs from "fs";
import * as path from "path";
import type { NetworkMap } from "./map-model";
import { PAGE_CSS } from "./page-css";

/** The page's modules, each before the modules that import it. */
const PAGE_MODULES = ["style", "elements", "layout", "page"];
const PAGE_DIR = path.join(__dirname, "page");

interface Library { name: string; file: string; license: string; home: string }

const LIBRARIES: Library[] = [
    { name: "cytoscape", file: "cytoscape/dist/cytoscape.min.js", license: "MIT", home: "https://js.cytoscape.org" },
    { name: "elkjs", file: "elkjs/lib/elk.bundled.js", license: "EPL-2.0 OR GPL-3.0-or-later", home: "https://github.com/kieler/elkjs" },
];

/** JSON that can stand inside a script element: no "<", ">" or "&", and no line separators JavaScript would choke on. */
export function scriptJson(value: unknown): string {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Script text inlined in the page: it must not hold anything that ends the script element. */
function inline(code: string, what: string): string {
    if (/<\/script|<!--/i.test(code)) {
        throw new Error(`${what} holds text that would end its script element`);
    }
    return code;
}

function library(lib: Library): string {
    const file = require.resolve(lib.file);
    const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(file), "..", "package.json"), "utf8")) as { version: string };
    return `<!-- ${lib.name} ${version} (${lib.license}), ${lib.home} -->\n<script>${inline(fs.readFileSync(file, "utf8"), lib.name)}</script>`;
}

/** A page module as JavaScript: compiled with the package (dist/), or from its TypeScript when run from the sources. */
function pageModule(name: string): string {
    const compiled = path.join(PAGE_DIR, `${name}.js`);
    if (fs.existsSync(compiled)) {
        return fs.readFileSync(compiled, "utf8");
    }
    const ts = require("typescript") as typeof import("typescript");
    const source = fs.readFileSync(path.join(PAGE_DIR, `${name}.ts`), "utf8");
    return ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS } }).outputText;
}

/** The page's modules, linked by a table of modules. */
function pageScript(): string {
    const modules = PAGE_MODULES.map((name) => `modules["./${name}"] = (function (exports) {\n${pageModule(name)}\nreturn exports;\n})({});`);
    return inline(`(function () {\n"use strict";\nvar modules = {};\nfunction require(name) { return modules[name]; }\n${modules.join("\n")}\n})();`, "the page's script");
}

const LEGEND: [string, string, string][] = [
    ["Public subnet (routes the internet to an internet gateway)", "#d62728", "#fdecea"],
    ["Private subnet", "#2ca02c", "#eaf4ea"],
    ["Path from the internet", "#d62728", "#d62728"],
    ["Possible path (hinges on a value not known yet)", "#ff7f0e", "transparent"],
    ["Security-group reference, labelled with its traffic", "#1f77b4", "transparent"],
    ["Mandatory finding", "#d62728", "#ffffff"],
];

export function renderHtml(map: NetworkMap): string {
    const css = PAGE_CSS;
    const legend = LEGEND.map(([text, c, b]) => `<li style="--c: ${c}; --b: ${b}">${escapeHtml(text)}</li>`).join("");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Network map of ${escapeHtml(map.title)}</title>
<style>${inline(css, "the page's style")}</style>
</head>
<body>
<header>
<h1 id="title"></h1><span id="summary"></span>
<input id="search" type="search" placeholder="Search by name, type or URN (Enter: show)" aria-label="Search">
<button id="collapse-subnets" type="button">Collapse subnets</button>
<button id="expand-all" type="button">Expand all</button>
<button id="fit" type="button">Fit</button>
</header>
<main>
<div id="graph"></div>
<aside>
<section id="details"><p class="hint">Click a resource, a group or an edge to see its details and findings. Double-click a VPC or a subnet to collapse or expand it.</p></section>
<section id="legend"><h3>Legend</h3><ul>${legend}</ul></section>
<details id="other-findings"></details>
</aside>
<div id="tooltip" hidden></div>
</main>
<script type="application/json" id="map-data">${scriptJson(map)}</script>
${LIBRARIES.map(library).join("\n")}
<script>${pageScript()}</script>
</body>
</html>
`;
}
