/**
 * The mocha specs that can reach a source file: those that import it, directly or through other
 * modules. A spec that does not can neither cover nor kill one of its mutants (not even a static
 * one, run at module load), so a run of that file's mutants needs only these; the dry run and each
 * static mutant then run a few specs instead of all of them.
 */
import * as fs from "fs";
import * as path from "path";

/** The spec files a list of patterns names: "dir/**\/*.spec.ts" (every spec under dir) or one file. */
export function expandSpecs(patterns: string[]): string[] {
    const files = patterns.flatMap((p) => {
        const m = /^(.*)\/\*\*\/\*\.spec\.ts$/.exec(p);
        return m ? walk(m[1]).filter((f) => f.endsWith(".spec.ts")) : fs.existsSync(p) ? [p] : [];
    });
    return [...new Set(files)].sort();
}

function walk(dir: string): string[] {
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = `${dir}/${e.name}`;
        return e.isDirectory() ? walk(full) : [full];
    });
}

/** Relative module specifiers of a TypeScript file: import/export ... from, import(), require(). */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)["'](\.{1,2}\/[^"']*)["']/g;

function resolve(from: string, spec: string): string | undefined {
    const base = path.normalize(path.join(path.dirname(from), spec));
    return [`${base}.ts`, `${base}/index.ts`].find((f) => fs.existsSync(f));
}

/** The project's source files a file imports, directly or not (itself included). */
export function importClosure(file: string, memo = new Map<string, string[]>()): Set<string> {
    const seen = new Set<string>();
    const stack = [path.normalize(file)];
    while (stack.length > 0) {
        const f = stack.pop() as string;
        if (seen.has(f)) {
            continue;
        }
        seen.add(f);
        if (!memo.has(f)) {
            const text = fs.readFileSync(f, "utf8");
            memo.set(f, [...text.matchAll(SPECIFIER)].map((m) => resolve(f, m[1])).filter((r): r is string => r !== undefined));
        }
        stack.push(...(memo.get(f) as string[]));
    }
    return seen;
}

/** The specs of `patterns` whose imports reach `source`. */
export function specsReaching(source: string, patterns: string[]): string[] {
    const memo = new Map<string, string[]>();
    const target = path.normalize(source);
    return expandSpecs(patterns).filter((spec) => importClosure(spec, memo).has(target));
}
