// One measured run of a pack over gRPC, the statistics over runs, and the cold start.
// Requests are serialised before the clock starts, and responses are counted on the wire.
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { PackClient, startPack } from "../runner/analyzer-client";
import { grpc } from "../runner/pulumi-grpc";
import { REPO } from "./pack-dirs";

export const CONCURRENCY = 8;
const MAX_MESSAGE = 1024 * 1024 * 1024;

export interface Run {
    /** Why the run failed (the pack crashed, e.g. out of memory); the numbers are then NaN. */
    failed?: string;
    analyzeS: number;
    stackS: number;
    totalS: number;
    rssMb: number;
    diagnostics: number;
    startS: number;
}

function peakRssMb(pid: number): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
}

/** Requests serialised to the bytes that go on the wire, before the clock starts. */
export interface WireRequests {
    readonly analyze: Buffer[];
    readonly stack: Buffer;
}

export function wire(analyze: apb.AnalyzeRequest[], stack: apb.AnalyzeStackRequest): WireRequests {
    return { analyze: analyze.map((r) => Buffer.from(r.serializeBinary())), stack: Buffer.from(stack.serializeBinary()) };
}

/** AnalyzeResponse's field number of `repeated AnalyzeDiagnostic diagnostics` (pulumi/proto/analyzer.proto). */
const DIAGNOSTICS_FIELD = 2;

/**
 * The number of diagnostics in an AnalyzeResponse, read from its wire form without decoding them:
 * the client stands in for the engine (written in Go), and decoding tens of thousands of
 * diagnostics with google-protobuf in JavaScript would compete with the pack for the CPUs.
 */
export function countDiagnostics(bytes: Uint8Array): number {
    let i = 0;
    const varint = () => {
        let value = 0;
        for (let shift = 0; ; shift += 7) {
            const b = bytes[i++];
            value += (b & 0x7f) * 2 ** shift;
            if ((b & 0x80) === 0) {
                return value;
            }
        }
    };
    let count = 0;
    while (i < bytes.length) {
        const key = varint();
        switch (key & 7) {
            case 0: varint(); break;
            case 1: i += 8; break;
            case 2: { const length = varint(); count += Math.floor(key / 8) === DIAGNOSTICS_FIELD ? 1 : 0; i += length; break; }
            case 5: i += 4; break;
            default: throw new Error(`unexpected protobuf wire type ${key & 7} in an AnalyzeResponse`);
        }
    }
    return count;
}

function rawUnary(client: InstanceType<typeof grpc.Client>, method: string, request: Buffer): Promise<Buffer> {
    const identity = (b: Buffer) => b;
    return new Promise((resolve, reject) => {
        client.makeUnaryRequest(`/pulumirpc.Analyzer/${method}`, identity, identity, request, (err, res) => (err || !res ? reject(err ?? new Error("no response")) : resolve(res)));
    });
}

export async function measure(dir: string, requests: WireRequests): Promise<Run> {
    const t0 = performance.now();
    const pack: PackClient = await startPack(dir, { project: "bench", stack: "bench", dryRun: true, startTimeoutMs: 300_000 });
    const startS = (performance.now() - t0) / 1000;
    const client = new grpc.Client(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_MESSAGE, "grpc.max_send_message_length": MAX_MESSAGE,
    });
    try {
        await pack.configure({});
        let diagnostics = 0;
        const a0 = performance.now();
        let next = 0;
        const worker = async () => {
            while (next < requests.analyze.length) {
                const response = await rawUnary(client, "Analyze", requests.analyze[next++]);
                diagnostics += countDiagnostics(response);
            }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
        const a1 = performance.now();
        const stackResponse = await rawUnary(client, "AnalyzeStack", requests.stack);
        const a2 = performance.now();
        const stackDiagnostics = countDiagnostics(stackResponse);
        // The wire count, checked once per run against a full decode (after the clock stopped).
        const decoded = apb.AnalyzeResponse.deserializeBinary(stackResponse).getDiagnosticsList().length;
        if (decoded !== stackDiagnostics) {
            throw new Error(`counted ${stackDiagnostics} diagnostics on the wire but decoded ${decoded}`);
        }
        diagnostics += stackDiagnostics;
        return {
            analyzeS: (a1 - a0) / 1000, stackS: (a2 - a1) / 1000, totalS: (a2 - a0) / 1000,
            rssMb: peakRssMb(pack.pid), diagnostics, startS,
        };
    } finally {
        client.close();
        await pack.close();
    }
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
    const sorted = [...xs].sort((x, y) => x - y);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** x/y of each pair of runs (which ran back to back), of their total or of one phase, and their median. */
export function pairedRatio(xs: readonly Run[], ys: readonly Run[], of: (r: Run) => number = (r) => r.totalS): { median: number; each: number[] } {
    const each = xs.map((x, i) => of(x) / of(ys[i]));
    return { median: median(each), each };
}

/** The run of median total time (a failed run, if any: its failure is the result). */
export function medianRun(runs: Run[]): Run {
    const failed = runs.find((r) => r.failed);
    return failed ?? [...runs].sort((x, y) => x.totalS - y.totalS)[Math.floor((runs.length - 1) / 2)];
}

export async function measureOrFail(dir: string, requests: WireRequests): Promise<Run> {
    try {
        return await measure(dir, requests);
    } catch (e) {
        const why = (e as Error).message.split("\n").find((l) => /heap|memory|exited/i.test(l)) ?? (e as Error).message.split("\n")[0];
        return { failed: `failed: ${why.slice(0, 160)}`, analyzeS: NaN, stackS: NaN, totalS: NaN, rssMb: NaN, diagnostics: 0, startS: NaN };
    }
}

export async function coldStarts(dir: string, runs: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        fs.rmSync(path.join(REPO, "node_modules", ".cache"), { recursive: true, force: true });
        const t0 = performance.now();
        const pack = await startPack(dir, { startTimeoutMs: 300_000 });
        times.push((performance.now() - t0) / 1000);
        await pack.close();
    }
    return times;
}
