/**
 * `check --map <file>`: the map of the checked stack, with the report's findings, written as one
 * HTML page, a Mermaid flowchart or a Graphviz DOT digraph (see ./format.ts).
 */
import * as fs from "fs";
import type { StackResource } from "../../runner/analyzer-client";
import { InputError } from "../errors";
import type { Report } from "../model";
import { buildMap } from "./build";
import { MapFormat, mapFormatOf } from "./format";
import { renderHtml } from "./html";
import type { NetworkMap } from "./map-model";
import { stackModelOf } from "./stack-model";
import { formatDot, formatMermaid } from "./text";

/** "program examples/three-tier (project three-tier, stack dev)". */
function titleOf(r: Report): string {
    const s = r.source;
    return `${s.kind === "program" ? "program" : "stack export"} ${s.path} (project ${s.project}, stack ${s.stack})`;
}

export function networkMap(stackResources: readonly StackResource[], report: Report): NetworkMap {
    return buildMap(stackModelOf(stackResources), report.findings, report.exempted, titleOf(report));
}

export function renderMap(map: NetworkMap, format: MapFormat): string {
    return format === "mermaid" ? formatMermaid(map) : format === "dot" ? formatDot(map) : renderHtml(map);
}

export function writeMap(file: string, format: MapFormat | undefined, stackResources: readonly StackResource[], report: Report): void {
    const text = renderMap(networkMap(stackResources, report), mapFormatOf(file, format));
    try {
        fs.writeFileSync(file, text);
    } catch (e) {
        throw new InputError(`cannot write the map to ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
}
