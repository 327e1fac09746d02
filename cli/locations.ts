/** File paths in reports: relative to the working directory (text, JSON) or to the source root (SARIF). */
import * as fs from "fs";
import * as path from "path";

function relativeInside(file: string, dir: string): string | undefined {
    const rel = path.relative(dir, path.resolve(file));
    return rel.startsWith("..") || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join("/");
}

/** Relative to the working directory, with `/` separators; absolute when the file is outside it. */
export function shownPath(file: string): string {
    return relativeInside(file, process.cwd()) ?? path.resolve(file);
}

/** The git repository a directory is in: the nearest directory at or above it that holds `.git`. */
export function gitRoot(dir: string): string | undefined {
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
        if (fs.existsSync(path.join(d, ".git"))) { return d; }
        if (path.dirname(d) === d) { return undefined; }
    }
}

/** SARIF's root when --source-root is not given: the git repository of the input's directory, else that directory. */
export function sourceRoot(source: { kind: "program" | "stack-export"; path: string }): string {
    const dir = path.resolve(source.kind === "program" ? source.path : path.dirname(source.path));
    return gitRoot(dir) ?? dir;
}

/** The file's path relative to `root` with `/` separators, or undefined when it is outside it. */
export function relativeTo(root: string, file: string): string | undefined {
    return relativeInside(file, root);
}
