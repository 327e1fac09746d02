// The package as a library: `require` and `import` of its name give the catalogue, the selection
// helpers and the factory, and start nothing (the process ends by itself); the package's directory,
// which the Pulumi CLI loads, is the ready pack. Runs the compiled dist/ (`npm run build` first).
import * as assert from "assert";
import { spawn } from "child_process";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");

/** The public names of the library, a contract: adding one is a decision, removing one breaks users. */
const EXPORTS = ["FRAMEWORKS", "POLICIES", "SEVERITIES", "catalogue", "createPack", "describePolicies", "packName", "policyByName",
    "selectPolicies", "servePack", "servePolicyPack"];

interface Ended { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; timedOut: boolean }

/** Runs a script in a fresh Node process in the repository (which resolves the package's own name); kills it after `ms`. */
function runNode(args: string[], ms = 30_000): Promise<Ended> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, args, { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
        const out = { stdout: "", stderr: "" };
        child.stdout.setEncoding("utf8").on("data", (d: string) => { out.stdout += d; });
        child.stderr.setEncoding("utf8").on("data", (d: string) => { out.stderr += d; });
        let timedOut = false;
        const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, ms);
        child.once("error", reject);
        child.once("close", (code, signal) => { clearTimeout(timer); resolve({ code, signal, ...out, timedOut }); });
    });
}

function endedByItself(r: Ended): void {
    assert.deepStrictEqual({ code: r.code, timedOut: r.timedOut, stderr: r.stderr }, { code: 0, timedOut: false, stderr: "" });
}

describe("the package as a library (dist/)", function () {
    this.timeout(90_000);

    it("require gives the library's exact exports from dist/library.js, and the process ends by itself after using them", async () => {
        const r = await runNode(["-e", [
            "const lib = require('aws-network-guardrails');",
            "const pack = lib.createPack({ policies: lib.selectPolicies({ minSeverity: 'critical' }), all: 'advisory' });",
            "console.log(JSON.stringify({",
            "  resolved: require.resolve('aws-network-guardrails'), names: Object.keys(lib).sort(),",
            "  pack: pack.policies.map((p) => [p.name, p.enforcementLevel]), described: lib.describePolicies().length,",
            "}));",
        ].join("\n")]);
        endedByItself(r);
        assert.deepStrictEqual(JSON.parse(r.stdout), {
            resolved: path.join(REPO, "dist", "library.js"),
            names: EXPORTS,
            pack: [["sg-no-admin-ports-from-world", "advisory"], ["nacl-no-admin-ports-from-world", "advisory"],
                ["db-not-reachable-from-internet", "advisory"], ["admin-ports-not-reachable-from-internet", "advisory"]],
            described: 21,
        });
    });

    it("import (an ES module) gives the same names, and the process ends by itself", async () => {
        const r = await runNode(["--input-type=module", "-e", [
            "import { selectPolicies, servePack, POLICIES } from 'aws-network-guardrails';",
            "import * as lib from 'aws-network-guardrails';",
            // `default` and `__esModule` are how Node presents any CommonJS module to an importer.
            "console.log(JSON.stringify({ names: Object.keys(lib).filter((k) => !['default', '__esModule'].includes(k)).sort(), servePack: typeof servePack,",
            "  policies: POLICIES.length, cis: selectPolicies({ frameworks: ['cis-aws'] }) }));",
        ].join("\n")]);
        endedByItself(r);
        assert.deepStrictEqual(JSON.parse(r.stdout), {
            names: EXPORTS, servePack: "function", policies: 21,
            cis: ["sg-no-admin-ports-from-world", "sg-default-denies-all", "nacl-no-admin-ports-from-world"],
        });
    });

    it("the package's directory, which run-policy-pack requires, is the ready pack (main), not the library", async () => {
        const r = await runNode(["-e", `console.log(require.resolve(${JSON.stringify(REPO)}))`]);
        endedByItself(r);
        assert.strictEqual(r.stdout.trim(), path.join(REPO, "dist", "index.js"));
    });
});
