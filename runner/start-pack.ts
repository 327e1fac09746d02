// Starts a Node.js policy pack the way the Pulumi CLI does (pkg/resource/plugin/analyzer_plugin.go,
// NewPolicyAnalyzer): the CLI runs the `pulumi-analyzer-policy` shim with cwd = the pack directory
// and the arguments `<engine-address> .`; the shim runs `node ./node_modules/@pulumi/pulumi/cmd/run-policy-pack`.
// The environment carries PULUMI_CONFIG and PULUMI_NODEJS_{ORGANIZATION,PROJECT,STACK,DRY_RUN}
// (plus the PULUMI_* variants). The pack prints the port of its Analyzer server on stdout.

import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { PackClient, StartPackOptions } from "./analyzer-types";
import { Client, ProcessLife } from "./analyzer-grpc-client";
import { grpc } from "./pulumi-grpc";

/**
 * The `<engine-address>` argument. run-policy-pack drops it (`argv._.shift()`), and the Node SDK only
 * talks to an engine when PULUMI_NODEJS_ENGINE is set, which the CLI does not do for analyzers, so
 * the pack never connects to it. We pass an address nothing listens on rather than run an Engine
 * service that would never be called; pack-side log output goes to stderr, which we capture.
 */
export const UNUSED_ENGINE_ADDRESS = "127.0.0.1:0";

const MAX_MESSAGE = 1024 * 1024 * 400;

export async function startPack(packDir: string, opts: StartPackOptions = {}): Promise<PackClient> {
    const dir = path.resolve(packDir);
    if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        throw new Error(`failed to load Pulumi policy project located at "${dir}": no PulumiPolicy.yaml found`);
    }
    const runPolicyPack = opts.runPolicyPack ?? path.join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    if (!fs.existsSync(runPolicyPack)) {
        throw new Error("it looks like the policy pack's dependencies are not installed; " +
            `try running npm install or yarn install in "${dir}"`);
    }

    const env: NodeJS.ProcessEnv = { ...process.env };
    // Never let the pack attach to an engine or monitor of a surrounding Pulumi run.
    for (const k of ["PULUMI_NODEJS_ENGINE", "PULUMI_NODEJS_MONITOR", "PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS"]) {
        delete env[k];
    }
    const setEnv = (k: string, v: string | undefined) => { if (v) { env[k] = v; } };
    if (opts.config) { setEnv("PULUMI_CONFIG", JSON.stringify(opts.config)); }
    for (const [suffix, v] of [["ORGANIZATION", opts.organization], ["PROJECT", opts.project],
        ["STACK", opts.stack], ["DRY_RUN", opts.dryRun === undefined ? undefined : String(opts.dryRun)]]) {
        setEnv(`PULUMI_NODEJS_${suffix}`, v);
        setEnv(`PULUMI_${suffix}`, v);
    }
    Object.assign(env, opts.env);

    const child = spawn(opts.nodePath ?? process.execPath, [runPolicyPack, UNUSED_ENGINE_ADDRESS, "."], {
        cwd: dir, env, stdio: ["ignore", "pipe", "pipe"],
    });
    const out = { stdout: "", stderr: "" };
    child.stderr.setEncoding("utf8").on("data", (d: string) => { out.stderr += d; });
    const life: ProcessLife = {
        exited: undefined,
        // "close" comes after "exit", once stdio is closed too, i.e. when no handle is left.
        closed: new Promise<void>(resolve => child.once("close", () => resolve())),
    };
    child.once("exit", (code, signal) => { life.exited = signal ?? `code ${code}`; });
    const port = await readPort(dir, child, life, out, opts.startTimeoutMs ?? 120_000, opts.signal);
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_MESSAGE,
        "grpc.max_send_message_length": MAX_MESSAGE,
    });
    return new Client(dir, child, life, port, client, out);
}

function readPort(dir: string, child: ChildProcess, life: ProcessLife, out: { stdout: string; stderr: string },
    timeoutMs: number, signal?: AbortSignal): Promise<number> {
    return new Promise<number>((resolve, reject) => {
        let pending = "";
        let settled = false;
        const settle = () => { settled = true; clearTimeout(timer); };
        const fail = (why: string) => {
            if (settled) { return; }
            settle();
            child.kill("SIGKILL");
            // Once the process is gone, so that no caller outlives it.
            void life.closed.then(() => reject(new Error(`policy pack "${dir}" failed to start: ${why}` +
                (out.stderr ? `\n--- policy pack stderr ---\n${out.stderr}` : ""))));
        };
        child.stdout?.setEncoding("utf8").on("data", (d: string) => {
            if (settled) { out.stdout += d; return; }
            pending += d;
            let nl: number;
            while ((nl = pending.indexOf("\n")) >= 0) {
                const line = pending.slice(0, nl).trim();
                pending = pending.slice(nl + 1);
                if (/^\d+$/.test(line)) {
                    settle();
                    out.stdout += pending;
                    resolve(Number(line));
                    return;
                }
                out.stdout += line + "\n";
            }
        });
        // Wait for "close" rather than "exit" so that all of stderr has been read.
        void life.closed.then(() => fail(`the process exited with ${life.exited ?? "unknown status"} before printing its port`));
        child.once("error", e => fail(e.message));
        const timer = setTimeout(() => fail(`no port printed within ${timeoutMs} ms`), timeoutMs);
        if (signal?.aborted) {
            fail("aborted");
        }
        signal?.addEventListener("abort", () => fail("aborted"), { once: true });
    });
}
