// `check` stopped by SIGTERM or SIGINT while it runs a program that never finishes: it ends the
// program's process and the pack's, says so on stderr, and exits with 128 + the signal's number.
// The processes are found by PID in /proc (Linux), before the signal, and looked for after.
import * as assert from "assert";
import { spawn } from "child_process";
import { BIN, REPO } from "./run-bin";
import { Proc, descendants, stillThere } from "./processes";

const HANGING = "test/fixtures/programs/hanging";

function until(test: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = () => {
            if (test()) { resolve(); return; }
            if (Date.now() - started > timeoutMs) { reject(new Error(`not within ${timeoutMs} ms`)); return; }
            setTimeout(poll, 100);
        };
        poll();
    });
}

describe("cli: check stopped by a signal while its program hangs", function () {
    this.timeout(240_000);
    before(function () {
        if (process.platform !== "linux") { this.skip(); }
    });

    for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]] as const) {
        it(`${signal}: exit ${code}, one line on stderr, and neither the program's process nor the pack's is left`, async () => {
            const child = spawn(process.execPath, [BIN, "check", HANGING], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
            const out = { stdout: "", stderr: "" };
            child.stdout.setEncoding("utf8").on("data", (d: string) => { out.stdout += d; });
            child.stderr.setEncoding("utf8").on("data", (d: string) => { out.stderr += d; });
            const closed = new Promise<number | null>((resolve) => child.once("close", (c) => resolve(c)));
            const pid = child.pid as number;

            // Both the program's process and the pack's are running below `check`.
            let tree: Proc[] = [];
            await until(() => {
                tree = descendants(pid);
                return tree.some((p) => p.cmdline.includes("program-child.js")) && tree.some((p) => p.cmdline.includes("run-policy-pack"));
            }, 180_000);
            child.kill(signal);
            const exit = await closed;

            assert.deepStrictEqual({ code: exit, stdout: out.stdout, stderr: out.stderr },
                { code, stdout: "", stderr: `error: interrupted by ${signal}: the program and the policy pack were stopped\n` });
            assert.deepStrictEqual(tree.filter(stillThere).map((p) => `${p.pid} ${p.state} ${p.cmdline}`), [], "processes left behind");
        });
    }
});
