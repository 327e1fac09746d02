// The pack ships compiled JavaScript (package.json "main": "dist/index.js") so that `pulumi preview`
// does not type-check the TypeScript sources on every start. The sources stay the truth: this spec
// compiles them afresh with the same tsconfig into a temporary directory and fails when dist/ differs
// (a file changed, missing, or left over from a deleted source). `npm test` builds first (pretest).
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");

function filesUnder(dir: string, base = dir): string[] {
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? filesUnder(p, base) : [path.relative(base, p)];
    }).sort();
}

describe("build: dist/ is the compiled TypeScript source", function () {
    this.timeout(180_000);
    let fresh: string;

    before(() => {
        fresh = fs.mkdtempSync(path.join(os.tmpdir(), "dist-"));
        execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json"),
            "--outDir", fresh], { cwd: ROOT, stdio: "pipe" });
    });

    after(() => {
        fs.rmSync(fresh, { recursive: true, force: true });
    });

    it("package.json's main is the compiled entry point, and it exists", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { main: string; files?: string[] };
        assert.strictEqual(pkg.main, "dist/index.js");
        assert.ok(fs.existsSync(path.join(ROOT, pkg.main)), "dist/index.js is missing: run `npm run build`");
        assert.ok(pkg.files?.includes("dist/"), "\"files\" must ship dist/ (it is git-ignored, and npm pack honours .gitignore)");
    });

    it("dist/ holds exactly the files a fresh build produces, with the same contents (else run `npm run build`)", () => {
        const expected = filesUnder(fresh);
        const actual = filesUnder(DIST);
        assert.ok(expected.includes("index.js"));
        const missing = expected.filter((f) => !actual.includes(f));
        const extra = actual.filter((f) => !expected.includes(f));
        const stale = expected.filter((f) => actual.includes(f) &&
            !fs.readFileSync(path.join(fresh, f)).equals(fs.readFileSync(path.join(DIST, f))));
        assert.deepStrictEqual({ missing, extra, stale }, { missing: [], extra: [], stale: [] },
            "dist/ is stale relative to the TypeScript sources: run `npm run build`");
    });
});
