/** File paths in reports: relative to the working directory (text, JSON) or to the repository root (SARIF). */
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

/** The repository a file is in: the nearest directory above it that holds `.git`, else the working directory. */
export function repositoryRoot(file: string): string {
    for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, ".git"))) { return dir; }
        if (path.dirname(dir) === dir) { return process.cwd(); }
    }
}

/** The file's path relative to `root` with `/` separators, or undefined when it is outside it. */
export function relativeTo(root: string, file: string): string | undefined {
    return relativeInside(file, root);
}
