// What `check` decides before it runs a program, as the nodejs language host does: the runtime, the
// entry file, ES module or CommonJS, and TypeScript with which tsconfig.json.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../cli/errors";
import { programJob, readProject } from "../../cli/program-entry";

const OURS = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

const made: string[] = [];

/** A program directory made of the given files (path -> content). */
function program(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-entry-"));
    made.push(dir);
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
}

function jobOf(files: Record<string, string>) {
    const dir = program(files);
    return { dir, job: programJob(dir, "prog", readProject(dir, "prog")) };
}

function refusal(files: Record<string, string>): string {
    const dir = program(files);
    try {
        programJob(dir, "prog", readProject(dir, "prog"));
    } catch (e) {
        assert.ok(e instanceof InputError, String(e));
        return e.message;
    }
    assert.fail("no error");
}

const NODEJS = "name: p\nruntime: nodejs\n";

describe("cli: program entry, as the nodejs language host finds it", () => {
    after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    it("index.ts in a CommonJS directory: TypeScript without a tsconfig.json (the host's defaults), the checker's SDK", () => {
        const { dir, job } = jobOf({ "Pulumi.yaml": NODEJS, "index.ts": "" });
        assert.deepStrictEqual(job, { dir, entry: path.join(dir, "index.ts"), esm: false, typescript: { tsconfig: null }, sdkDir: OURS });
    });

    it("the program's own tsconfig.json", () => {
        const { dir, job } = jobOf({ "Pulumi.yaml": NODEJS, "index.ts": "", "tsconfig.json": "{}" });
        assert.deepStrictEqual(job.typescript, { tsconfig: path.join(dir, "tsconfig.json") });
    });

    it("runtime.options.tsconfig names another project file; one that does not exist is an input error", () => {
        const yaml = "name: p\nruntime:\n  name: nodejs\n  options:\n    tsconfig: tsconfig.pulumi.json\n";
        const { dir, job } = jobOf({ "Pulumi.yaml": yaml, "index.ts": "", "tsconfig.pulumi.json": "{}" });
        assert.deepStrictEqual(job.typescript, { tsconfig: path.join(dir, "tsconfig.pulumi.json") });
        assert.strictEqual(refusal({ "Pulumi.yaml": yaml, "index.ts": "" }),
            "the tsconfig of program prog (tsconfig.pulumi.json in Pulumi.yaml) does not exist");
    });

    it("runtime.options.typescript: false runs the program without ts-node", () => {
        const { job } = jobOf({ "Pulumi.yaml": "name: p\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n", "index.ts": "" });
        assert.strictEqual(job.typescript, undefined);
    });

    it("package.json main names the compiled JavaScript, which runs without ts-node", () => {
        const { dir, job } = jobOf({ "Pulumi.yaml": NODEJS, "index.ts": "", "package.json": JSON.stringify({ main: "bin/index.js" }), "bin/index.js": "" });
        assert.deepStrictEqual(job, { dir, entry: path.join(dir, "bin", "index.js"), esm: false, sdkDir: OURS });
    });

    it("package.json exports ('.' with default) comes before main", () => {
        const { dir, job } = jobOf({
            "Pulumi.yaml": NODEJS, "package.json": JSON.stringify({ exports: { ".": { default: "./lib/main.js" } }, main: "other.js" }),
            "lib/main.js": "", "other.js": "",
        });
        assert.strictEqual(job.entry, path.join(dir, "lib", "main.js"));
    });

    it("Pulumi.yaml main: a file, or a directory with its own index", () => {
        let r = jobOf({ "Pulumi.yaml": `${NODEJS}main: src/app.ts\n`, "src/app.ts": "", "index.ts": "" });
        assert.strictEqual(r.job.entry, path.join(r.dir, "src", "app.ts"));
        r = jobOf({ "Pulumi.yaml": `${NODEJS}main: src\n`, "src/index.ts": "" });
        assert.strictEqual(r.job.entry, path.join(r.dir, "src", "index.ts"));
    });

    it("ES modules: \"type\": \"module\" (TypeScript or JavaScript), .mts and .mjs; .cts stays CommonJS", () => {
        const cases: [Record<string, string>, string, boolean, boolean][] = [
            [{ "package.json": JSON.stringify({ type: "module" }), "index.ts": "" }, "index.ts", true, true],
            [{ "package.json": JSON.stringify({ type: "module" }), "index.js": "" }, "index.js", true, false],
            [{ "index.mts": "" }, "index.mts", true, true],
            [{ "index.mjs": "" }, "index.mjs", true, false],
            [{ "package.json": JSON.stringify({ type: "module" }), "index.cts": "" }, "index.cts", false, true],
        ];
        for (const [files, entry, esm, typescript] of cases) {
            const { dir, job } = jobOf({ "Pulumi.yaml": NODEJS, ...files });
            assert.deepStrictEqual([path.relative(dir, job.entry), job.esm, job.typescript !== undefined], [entry, esm, typescript], entry);
        }
    });

    it("a runtime other than nodejs: an input error naming it and what checks such a program", () => {
        assert.strictEqual(refusal({ "Pulumi.yaml": "name: p\nruntime: go\n" }),
            "program prog has runtime \"go\" in Pulumi.yaml; check runs Node.js programs only: check this one with " +
            "`pulumi preview --policy-pack <this pack>`, or check its deployed stack with `check --stack-export <file>`");
        assert.strictEqual(refusal({ "Pulumi.yaml": "name: p\nruntime:\n  name: dotnet\n" }).split(";")[0], "program prog has runtime \"dotnet\" in Pulumi.yaml");
    });

    it("no runtime, no entry file, a main that does not exist: input errors", () => {
        assert.strictEqual(refusal({ "Pulumi.yaml": "name: p\n" }), "prog/Pulumi.yaml has no runtime: a Node.js program says `runtime: nodejs`");
        assert.strictEqual(refusal({ "Pulumi.yaml": NODEJS }),
            "no entry point found in prog: expected index.ts, index.js or a \"main\" in Pulumi.yaml or package.json");
        assert.strictEqual(refusal({ "Pulumi.yaml": `${NODEJS}main: app.ts\n` }), "the main of program prog (app.ts in Pulumi.yaml) does not exist");
    });
});
