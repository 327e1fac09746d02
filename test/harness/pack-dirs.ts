// Throw-away policy-pack directories for the Analyzer client tests. A pack is started from its own
// directory with `node ./node_modules/@pulumi/pulumi/cmd/run-policy-pack`, so each directory gets a
// `node_modules` link to this repository's.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const REPO = path.resolve(__dirname, "..", "..");
const FIXTURE = path.join(REPO, "test", "programs", "fixture-pack");

/** A temp directory holding the given files of the fixture pack and, if asked, a node_modules link. */
export function packDir(files: string[], withNodeModules = true): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-"));
    for (const f of files) {
        fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
    }
    if (withNodeModules) {
        fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
    }
    return dir;
}

export function fixturePackDir(): string {
    return packDir(["PulumiPolicy.yaml", "package.json", "index.ts"]);
}

/** A temp pack directory: package `name` 1.0.0 whose main file `main` holds `lines`, and a node_modules link. */
export function packWith(name: string, description: string, main: string, lines: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), `runtime: nodejs\ndescription: ${description}\n`);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", private: true, main }));
    fs.writeFileSync(path.join(dir, main), [...lines, ""].join("\n"));
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

export function removeDir(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
}
