// A program run in a child process of its own (runner/program-run.ts): the one answer it gives on
// the channel, as plain data, and the child gone when the call returns.
import * as assert from "assert";
import * as path from "path";
import { programRequests } from "../../cli/program";
import { programJob, readProject } from "../../cli/program-entry";
import { RESOURCE_REF_SIG, SIG_KEY, UNKNOWN } from "../../runner/capture";
import type { ProgramJob, RegisteredRef } from "../../runner/program-protocol";
import { ProgramOutcome, runProgram } from "../../runner/program-run";
import { allProcesses, stillThere } from "../cli/processes";
import { TYPE } from "../util/types";

const PROGRAMS = path.resolve(__dirname, "..", "fixtures", "programs");

function job(name: string, preview = true): ProgramJob {
    const dir = path.join(PROGRAMS, name);
    const project = readProject(dir);
    return { ...programJob(dir, name, project), capture: { preview, project: project.name, stack: "dev" } };
}

function kindOf(o: ProgramOutcome): string {
    return o.kind;
}

function at(name: string, line: number, column: number) {
    return { file: path.join(PROGRAMS, name, "index.ts"), line, column };
}

describe("runner: a program in a child process of its own", function () {
    this.timeout(180_000);

    it("stalled: every registration that never completed, where it was declared, and what it waits for", async () => {
        const o = await runProgram(job("stalled"), { timeoutMs: 120_000, quiet: true });
        const web: RegisteredRef = { type: TYPE.sg, name: "web", location: at("stalled", 7, 13), completed: false };
        assert.deepStrictEqual(o, {
            kind: "stalled",
            pending: [
                { ...web, waits: [{ kind: "input", path: "vpcId", on: [] }] },
                {
                    type: TYPE.sgRule, name: "web-https", location: at("stalled", 8, 1), completed: false,
                    waits: [{ kind: "input", path: "securityGroupId", on: [web] }],
                },
            ],
        });
    });

    it("hanging (a timer keeps it alive): at the time limit, the same report, asked for on the channel", async () => {
        const o = await runProgram(job("hanging"), { timeoutMs: 20_000, quiet: true });
        assert.strictEqual(kindOf(o), "timeout");
        const pending = (o as Extract<ProgramOutcome, { kind: "timeout" }>).pending ?? [];
        assert.deepStrictEqual(pending.map((p) => [p.name, p.location?.line, p.waits.map((w) => w.kind === "input" ? `${w.path} <- ${w.on.map((r) => r.name)}` : w.kind)]),
            [["web", 9, ["vpcId <- "]], ["web-https", 10, ["securityGroupId <- web"]]]);
    });

    it("a program that throws: its error, as plain data", async () => {
        assert.deepStrictEqual(await runProgram(job("throws"), { timeoutMs: 120_000, quiet: true }),
            { kind: "failed", error: { name: "Error", message: "Missing required configuration variable 'throws:vpcId'" } });
    });

    it("a program that calls process.exit(0) before its registration completed: it exited, with no answer", async () => {
        // The SDK turns the exit code into 1 because promises were left waiting.
        assert.deepStrictEqual(await runProgram(job("exits"), { timeoutMs: 120_000, quiet: true }), { kind: "exited", code: 1, signal: null });
    });

    it("a program that forges an answer on the channel and replaces process.exit: its real registrations are the answer", async () => {
        const o = await runProgram(job("stdout-writer"), { timeoutMs: 120_000, quiet: true });
        assert.strictEqual(kindOf(o), "captured");
        const captured = (o as Extract<ProgramOutcome, { kind: "captured" }>).captured;
        assert.deepStrictEqual(captured.resources.map((r) => [r.type, r.name, r.location?.line]),
            [[TYPE.rootStack, "stdout-writer-dev", undefined], [TYPE.sg, "bastion", 10]]);
    });

    it("aborted: rejects with the abort's reason once the child is gone", async () => {
        const abort = new AbortController();
        let pid = 0;
        const run = runProgram(job("hanging"), { timeoutMs: 120_000, signal: abort.signal, quiet: true, started: (p) => { pid = p; } });
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const child = allProcesses().find((p) => p.pid === pid);
        assert.ok(child, "the child runs");
        abort.abort("SIGTERM");
        await assert.rejects(run, (e) => e === "SIGTERM");
        assert.strictEqual(stillThere(child), false);
    });

    /** The reference-inputs program's InstanceProfile `role` and Instance `iamInstanceProfile`: as the SDK sent them, and as the pack gets them. */
    async function referenceInputs(preview: boolean) {
        const o = await runProgram(job("reference-inputs", preview), { timeoutMs: 120_000, quiet: true });
        assert.strictEqual(kindOf(o), "captured");
        const captured = (o as Extract<ProgramOutcome, { kind: "captured" }>).captured;
        const sent = (name: string, type: string, key: string) => captured.resources.find((r) => r.name === name && r.type === type)?.inputs[key];
        const handed = programRequests(captured, "reference-inputs").analyzed;
        const got = (name: string, type: string, key: string) => handed.find((r) => r.name === name && r.type === type)?.properties[key];
        return {
            sent: [sent("app", TYPE.instanceProfile, "role"), sent("app", TYPE.instance, "iamInstanceProfile")],
            handed: [got("app", TYPE.instanceProfile, "role"), got("app", TYPE.instance, "iamInstanceProfile")],
        };
    }

    it("resource objects as inputs: the SDK sends resource references; the pack gets each resource's ID, unknown in preview", async () => {
        const { sent, handed } = await referenceInputs(true);
        assert.deepStrictEqual(sent.map((v) => (v as Record<string, unknown>)[SIG_KEY]), [RESOURCE_REF_SIG, RESOURCE_REF_SIG]);
        assert.deepStrictEqual(handed, [UNKNOWN, UNKNOWN]);
    });

    it("resource objects as inputs, in an update: the pack gets each resource's known ID", async () => {
        assert.deepStrictEqual((await referenceInputs(false)).handed, ["app-id", "app-id"]);
    });
});
