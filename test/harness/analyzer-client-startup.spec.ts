import * as assert from "assert";
import { spawn } from "child_process";
import * as path from "path";
import { startPack } from "../../runner/analyzer-client";
import { REPO, fixturePackDir, packDir, removeDir } from "./pack-dirs";

describe("analyzer client", function () {
    this.timeout(180_000);
    let fixtureDir: string;

    before(() => { fixtureDir = fixturePackDir(); });
    after(() => { removeDir(fixtureDir); });

    describe("start-up failures and shutdown", () => {
        it("a directory without PulumiPolicy.yaml is refused before anything starts", async () => {
            const dir = packDir([], false);
            try {
                await assert.rejects(startPack(dir),
                    { message: `failed to load Pulumi policy project located at "${dir}": no PulumiPolicy.yaml found` });
            } finally { removeDir(dir); }
        });

        it("a pack without node_modules is refused with the CLI's advice", async () => {
            const dir = packDir(["PulumiPolicy.yaml", "package.json", "index.ts"], false);
            try {
                await assert.rejects(startPack(dir), /dependencies are not installed; try running npm install or yarn install in/);
            } finally { removeDir(dir); }
        });

        it("a pack without an index fails with the process's stderr in the error", async () => {
            const dir = packDir(["PulumiPolicy.yaml", "package.json"]);
            try {
                await assert.rejects(startPack(dir), (e: unknown) => {
                    assert.ok(e instanceof Error);
                    assert.match(e.message, /failed to start: the process exited with code 32 before printing its port/);
                    assert.ok(e.message.includes(`--- policy pack stderr ---\nerror: [runtime] Running program '${dir}' failed`), e.message);
                    assert.ok(e.message.includes(`Cannot find module '${path.join(dir, "index.ts")}'`), e.message);
                    return true;
                });
            } finally { removeDir(dir); }
        });

        it("close() leaves nothing running: a process that starts and closes a pack exits on its own", async () => {
            const script = `require(${JSON.stringify(path.join(REPO, "runner", "analyzer-client"))})
                .startPack(${JSON.stringify(fixtureDir)})
                .then(async c => { await c.getAnalyzerInfo(); await c.close(); console.log("closed " + c.pid); })
                .catch(e => { console.error(e); process.exitCode = 1; });`;
            const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script],
                { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
            let out = "";
            child.stdout.on("data", d => { out += String(d); });
            child.stderr.on("data", d => { out += String(d); });
            const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
            const [code, signal] = await new Promise<[number | null, string | null]>(res => child.on("close", (c, s) => res([c, s])));
            clearTimeout(killer);
            assert.deepStrictEqual([code, signal], [0, null], out);
            const pid = Number(/closed (\d+)/.exec(out)?.[1]);
            assert.ok(pid > 0, out);
            assert.throws(() => process.kill(pid, 0), /ESRCH/); // the pack process is gone too
        });
    });
});
