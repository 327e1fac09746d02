/** The formats of `check --map`: by `--map-format`, else by the file's extension (.mmd or .mermaid, .dot or .gv), else HTML. */
import * as path from "path";
import { InputError } from "../errors";

export const MAP_FORMATS = ["html", "mermaid", "dot"] as const;
export type MapFormat = typeof MAP_FORMATS[number];

/** The value of --map-format, checked. */
export function parseMapFormat(value: string): MapFormat {
    if (!(MAP_FORMATS as readonly string[]).includes(value)) {
        throw new InputError(`unknown --map-format '${value}': use html, mermaid or dot`);
    }
    return value as MapFormat;
}

/** The explicit format, else the one the file's extension names, else HTML. */
export function mapFormatOf(file: string, explicit: MapFormat | undefined): MapFormat {
    const ext = path.extname(file).toLowerCase();
    return explicit ?? (ext === ".mmd" || ext === ".mermaid" ? "mermaid" : ext === ".dot" || ext === ".gv" ? "dot" : "html");
}
