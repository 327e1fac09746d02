// `check --map`: the map written beside the report, as a user runs the bin. The three-tier example's
// map in each text format is a golden file (UPDATE_GOLDEN=1 rewrites them); the report and the exit
// code do not change; a bad --map-format or an unwritable file is an input error (exit 2).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXPECTED, Run, assertGolden, runAll } from "./run-bin";

const EXPORT = "test/fixtures/common-mistakes.stack-export.json";

describe("cli: check --map", function () {
    this.timeout(600_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "map-"));
    const out = (name: string) => path.join(dir, name);
    const runs: { [name: string]: string[] } = {
        mermaid: ["check", "examples/three-tier", "--map", out("three-tier.mmd"), "--map-format", "mermaid"],
        dot: ["check", "examples/three-tier", "--map", out("three-tier.dot")],
        html: ["check", "--stack-export", EXPORT, "--map", out("mistakes.html")],
        explicit: ["check", "--stack-export", EXPORT, "--map", out("explicit.dot"), "--map-format=mermaid", "--exit-zero"],
        unwritable: ["check", "--stack-export", EXPORT, "--map", out("no-such-dir/map.html")],
        badFormat: ["check", "examples/three-tier", "--map", out("x.svg"), "--map-format", "svg"],
        formatAlone: ["check", "examples/three-tier", "--map-format", "dot"],
        noFile: ["check", "examples/three-tier", "--map"],
    };
    const result: { [name: string]: Run } = {};

    before(async () => {
        const names = Object.keys(runs);
        const done = await runAll(names.map((n) => runs[n]));
        names.forEach((n, i) => { result[n] = done[i]; });
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const ok = (name: string, code: number) => {
        const r = result[name];
        assert.strictEqual(r.code, code, `exit code of ${runs[name].join(" ")}\n${r.stderr}`);
        assert.strictEqual(r.stderr, "", "nothing on stderr");
        return r;
    };

    it("three-tier as Mermaid: the golden map, and the report unchanged", () => {
        assert.strictEqual(ok("mermaid", 0).stdout, fs.readFileSync(path.join(EXPECTED, "three-tier.txt"), "utf8"));
        assertGolden("three-tier.map.mmd", fs.readFileSync(out("three-tier.mmd"), "utf8"));
    });

    it("three-tier as DOT, by the file's extension: the golden map", () => {
        ok("dot", 0);
        assertGolden("three-tier.map.dot", fs.readFileSync(out("three-tier.dot"), "utf8"));
    });

    it("HTML by default: one file that loads nothing (no src, no link), with the libraries inlined; exit 1 still for the mandatory findings", () => {
        ok("html", 1);
        const html = fs.readFileSync(out("mistakes.html"), "utf8");
        assert.ok(html.startsWith("<!DOCTYPE html>"));
        assert.ok(html.includes("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">"));
        assert.doesNotMatch(html, /<(script|img|iframe)[^>]*\ssrc=|<link\b/i);
        const versions = (name: string) => (JSON.parse(fs.readFileSync(path.join("node_modules", name, "package.json"), "utf8")) as { version: string }).version;
        assert.ok(html.includes(`<!-- cytoscape ${versions("cytoscape")} (MIT), https://js.cytoscape.org -->`));
        assert.ok(html.includes(`<!-- elkjs ${versions("elkjs")} (EPL-2.0 OR GPL-3.0-or-later), https://github.com/kieler/elkjs -->`));
    });

    it("an explicit --map-format wins over the file's extension", () => {
        ok("explicit", 0);
        assert.ok(fs.readFileSync(out("explicit.dot"), "utf8").startsWith("%% Network map of stack export test/fixtures/common-mistakes.stack-export.json"));
    });

    const fails = (name: string, stderr: string) => {
        const r = result[name];
        assert.deepStrictEqual([r.code, r.stdout, r.stderr], [2, "", `${stderr}\n`]);
    };

    it("a file that cannot be written: exit 2, naming the file and why", () => {
        fails("unwritable", `error: cannot write the map to ${out("no-such-dir/map.html")}: ENOENT`);
    });

    it("an unknown --map-format: exit 2, naming the formats", () => {
        fails("badFormat", "error: unknown --map-format 'svg': use html, mermaid or dot");
    });

    it("--map-format without --map, and --map without a file: exit 2", () => {
        fails("formatAlone", "error: --map-format needs --map <file>");
        fails("noFile", "error: --map needs a value");
    });
});
