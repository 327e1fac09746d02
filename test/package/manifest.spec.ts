// What the published package is: the files `npm pack` ships, the modules its compiled code loads at
// run time (each a Node built-in, a shipped file, or a dependency pinned at the lockfile's version),
// and a bin that runs compiled JavaScript. Reads the compiled dist/ (`npm run build` first).
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import { npmSync } from "./npm";

const REPO = path.resolve(__dirname, "..", "..");

interface Manifest {
    main: string; types: string; exports: unknown; bin: Record<string, string>; files: string[]; private?: boolean;
    engines: { node: string }; dependencies: Record<string, string>; devDependencies: Record<string, string>;
}
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as Manifest;
const lock = JSON.parse(fs.readFileSync(path.join(REPO, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };

/** The files `npm pack` puts in the tarball, relative to the package. */
function packedFiles(): string[] {
    const [result] = JSON.parse(npmSync(["pack", "--dry-run", "--json", "--ignore-scripts"], REPO)) as { files: { path: string }[] }[];
    return result.files.map((f) => f.path).sort();
}

/** Module names that a compiled file loads by a literal name: require("x"), <a createRequire>("x"), require.resolve("x"). */
function loadedBy(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    return [...text.matchAll(/\b\w*[Rr]equire(?:\.resolve)?\(\s*["']([^"']+)["']/g)].map((m) => m[1]);
}

/** The package a bare module name belongs to: `@scope/name` or `name`. */
function packageOf(specifier: string): string {
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function isBuiltin(specifier: string): boolean {
    return specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]) || builtinModules.includes(specifier);
}

describe("the published package", function () {
    this.timeout(120_000);
    let files: string[];
    before(() => { files = packedFiles(); });

    it("is publishable: not private, with main (the ready pack), types and exports (the library), a bin and engines", () => {
        assert.strictEqual(pkg.private, undefined);
        assert.deepStrictEqual({ main: pkg.main, types: pkg.types, exports: pkg.exports, bin: pkg.bin, engines: pkg.engines }, {
            main: "dist/index.js",
            types: "dist/library.d.ts",
            exports: { ".": { types: "./dist/library.d.ts", require: "./dist/library.js", import: "./dist/library.js" }, "./package.json": "./package.json" },
            bin: { "aws-network-guardrails": "bin/aws-network-guardrails.js" },
            // Node 20, on which it is tested (@pulumi/pulumi needs 20 or later; module.register, for ES module programs, 20.6).
            engines: { node: "^20.6.0" },
        });
    });

    it("ships what the installed package runs and documents, and no tests, TypeScript sources or build configuration", () => {
        const needed = ["package.json", "LICENSE", "PulumiPolicy.yaml", "README.md", "bin/aws-network-guardrails.js", "dist/index.js", "dist/library.js",
            "dist/library.d.ts", "dist/cli/main.js", "dist/runner/program-child.js", "dist/runner/program-host.js", "dist/runner/ts-esm-hooks.js",
            "docs/policies.md", "docs/library.md", "examples/config/baseline.json"];
        assert.deepStrictEqual(needed.filter((f) => !files.includes(f)), []);
        const unwanted = files.filter((f) => f.startsWith("test/") || f.includes("/test/") || (f.endsWith(".ts") && !f.endsWith(".d.ts")) ||
            /(^|\/)tsconfig[^/]*\.json$/.test(f) || f.startsWith("node_modules/") || f.startsWith("scripts/") || f.startsWith("mutation/"));
        assert.deepStrictEqual(unwanted, []);
        // Everything compiled from the sources, and nothing else, under dist/.
        const built = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
            .flatMap((e) => e.isDirectory() ? built(path.join(dir, e.name)) : [path.relative(REPO, path.join(dir, e.name))]);
        assert.deepStrictEqual(files.filter((f) => f.startsWith("dist/")), built(path.join(REPO, "dist")).sort());
    });

    it("loads at run time only Node built-ins, its own shipped files, and its declared dependencies", () => {
        const code = files.filter((f) => f.endsWith(".js"));
        const undeclared: string[] = [];
        const missing: string[] = [];
        let bare = 0;
        for (const file of code) {
            for (const specifier of loadedBy(path.join(REPO, file))) {
                if (specifier.startsWith(".")) {
                    const target = path.relative(REPO, path.resolve(path.dirname(path.join(REPO, file)), specifier));
                    if (![target, `${target}.js`, `${target}/index.js`].some((t) => files.includes(t))) {
                        missing.push(`${file}: ${specifier}`);
                    }
                } else if (!isBuiltin(specifier)) {
                    bare++;
                    if (!(packageOf(specifier) in pkg.dependencies)) {
                        undeclared.push(`${file}: ${specifier}`);
                    }
                }
            }
        }
        assert.ok(bare > 20, `found only ${bare} loads of packages: the scan is broken`);
        assert.deepStrictEqual({ undeclared, missing }, { undeclared: [], missing: [] });
    });

    it("finds each kind of load the scan looks for (the scan itself)", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-"));
        try {
            const file = path.join(dir, "a.js");
            fs.writeFileSync(file, "const a = require(\"x\");\nconst b = pulumiRequire('@s/y/deep');\nrequire.resolve(\"z\", { paths: [d] });\n" +
                "require(`${dynamic}`);\n");
            assert.deepStrictEqual(loadedBy(file).map(packageOf), ["x", "@s/y", "z"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("pins every dependency to the exact version the lockfile resolves", () => {
        const drift = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })
            .filter(([name, version]) => lock.packages[`node_modules/${name}`]?.version !== version)
            .map(([name, version]) => `${name}: ${version} (lockfile: ${lock.packages[`node_modules/${name}`]?.version})`);
        assert.deepStrictEqual(drift, []);
    });

    it("the bin runs compiled JavaScript: a check runs with ts-node and typescript unloadable in its process", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "no-ts-"));
        try {
            const preload = path.join(dir, "forbid-ts.js");
            fs.writeFileSync(preload, [
                "const Module = require('module');",
                "const resolve = Module._resolveFilename;",
                "Module._resolveFilename = function (request, ...rest) {",
                "  if (/^(ts-node|typescript)(\\/|$)/.test(request)) { throw new Error('loaded ' + request); }",
                "  return resolve.call(this, request, ...rest);",
                "};",
            ].join("\n"));
            const forbidden = spawnSync(process.execPath, ["--require", preload, "-e", "require('ts-node')"], { cwd: REPO, encoding: "utf8" });
            assert.match(forbidden.stderr, /Error: loaded ts-node/);
            const r = spawnSync(process.execPath, ["--require", preload, path.join(REPO, "bin", "aws-network-guardrails.js"),
                "check", "--stack-export", "test/fixtures/common-mistakes.stack-export.json"], { cwd: REPO, encoding: "utf8" });
            assert.strictEqual(r.stderr, "");
            assert.strictEqual(r.status, 1);
            assert.strictEqual(r.stdout, fs.readFileSync(path.join(REPO, "test", "fixtures", "expected", "stack-export.txt"), "utf8"));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
