// The Analyzer client of a started pack: each RPC as the CLI makes it, with plain data in and out,
// and errors that carry the pack's stderr once its process has exited.

import { ChildProcess } from "child_process";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { CallRecords, DEFAULT_PAGE_BYTES, EXEMPTED_MORE, EXEMPTED_NEXT, EXEMPTED_PAGE, EXEMPTED_REQUEST, decodePages } from "../policies/core/exempted-wire";
import {
    AnalyzeResult, AnalyzedResource, AnalyzerInfo, AnalyzerRpcError, CallOptions, PackClient, PolicyConfigEntry, PolicyPackConfig,
    RemediateResult, StackConfig, StackResource,
} from "./analyzer-types";
import {
    analyzeRequest, analyzeResult, analyzeStackRequest, analyzerInfo, configureRequest, remediateResult, stackConfigureRequest,
} from "./analyzer-messages";
import { configureEntries } from "./policy-pack-config";
import { ClientUnaryCall, Empty, Metadata, ServiceError, grpc } from "./pulumi-grpc";

type Invoke<Res> = (cb: (err: ServiceError | null, res: Res) => void) => unknown;
type InvokeWithMetadata<Res> = (md: Metadata, cb: (err: ServiceError | null, res: Res) => void) => ClientUnaryCall;

/** The pack process's state: how it exited (once it has), and when all its handles are closed. */
export interface ProcessLife { exited: string | undefined; closed: Promise<void> }

export class Client implements PackClient {
    constructor(
        readonly packDir: string,
        private readonly child: ChildProcess,
        private readonly life: ProcessLife,
        readonly port: number,
        private readonly client: analyzerGrpc.AnalyzerClient,
        private readonly out: { stdout: string; stderr: string },
    ) {}

    get pid(): number { return this.child.pid ?? -1; }
    stderr(): string { return this.out.stderr; }
    stdout(): string { return this.out.stdout; }

    private call<Res>(method: string, invoke: Invoke<Res>): Promise<Res> {
        return new Promise<Res>((resolve, reject) => {
            invoke((err, res) => (err ? reject(this.rpcError(method, err)) : resolve(res)));
        });
    }

    private rpcError(method: string, err: ServiceError): AnalyzerRpcError {
        const details = err.details || err.message;
        const exited = this.life.exited;
        return new AnalyzerRpcError(method, err.code,
            exited ? `${details} (policy pack process exited with ${exited})` : details,
            exited ? this.out.stderr : "");
    }

    /** A call with request metadata; resolves with the response and the trailing metadata. */
    private callWithMetadata<Res>(method: string, md: Metadata, invoke: InvokeWithMetadata<Res>): Promise<{ res: Res; trailer: Metadata }> {
        return new Promise((resolve, reject) => {
            let res: Res | undefined;
            let failed = false;
            const call = invoke(md, (err, r) => {
                if (err) {
                    failed = true;
                    reject(this.rpcError(method, err));
                }
                res = r;
            });
            // grpc-js calls back first, then emits the status with the trailers.
            call.on("status", (status: { metadata: Metadata }) => {
                if (!failed) { resolve({ res: res as Res, trailer: status.metadata }); }
            });
        });
    }

    /** The exempted-finding records a trailer starts, with the pages that follow it; undefined when it holds none. */
    private async exemptedRecords(trailer: Metadata): Promise<CallRecords | undefined> {
        const first = trailer.get(EXEMPTED_PAGE)[0];
        if (first === undefined) {
            return undefined;
        }
        const pages = [Buffer.from(first)];
        let more = trailer.get(EXEMPTED_MORE)[0];
        while (more !== undefined) {
            const md = new grpc.Metadata();
            md.set(EXEMPTED_NEXT, String(more));
            const next = await this.callWithMetadata<unknown>("GetPluginInfo", md, (m, cb) => this.client.getPluginInfo(new Empty(), m, cb));
            const page = next.trailer.get(EXEMPTED_PAGE)[0];
            if (page === undefined) {
                throw new Error("the policy pack no longer holds the rest of its exempted findings");
            }
            pages.push(Buffer.from(page));
            more = next.trailer.get(EXEMPTED_MORE)[0];
        }
        return decodePages(pages);
    }

    private async analyzeCall(method: string, opts: CallOptions,
        invoke: InvokeWithMetadata<apb.AnalyzeResponse>): Promise<AnalyzeResult> {
        const md = new grpc.Metadata();
        if (opts.exempted) {
            md.set(EXEMPTED_REQUEST, String(opts.exemptedPageBytes ?? DEFAULT_PAGE_BYTES));
        }
        const { res, trailer } = await this.callWithMetadata(method, md, invoke);
        const records = await this.exemptedRecords(trailer);
        return { ...analyzeResult(res), ...(records ? { exempted: records.exempted, expired: records.expired, keys: records.keys } : {}) };
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        return analyzerInfo(await this.call<apb.AnalyzerInfo>("GetAnalyzerInfo", cb => this.client.getAnalyzerInfo(new Empty(), cb)));
    }

    async getPluginInfo(): Promise<{ version: string }> {
        const r = await this.call<{ getVersion(): string }>("GetPluginInfo", cb => this.client.getPluginInfo(new Empty(), cb));
        return { version: r.getVersion() };
    }

    async configureStack(c: StackConfig): Promise<void> {
        await this.call("ConfigureStack", cb => this.client.configureStack(stackConfigureRequest(c), cb));
    }

    async configure(config: PolicyPackConfig = {}): Promise<{ [policy: string]: PolicyConfigEntry }> {
        const entries = configureEntries(await this.getAnalyzerInfo(), config, this.packDir);
        if (Object.keys(entries).length > 0) {
            await this.sendConfigure(entries);
        }
        return entries;
    }

    async sendConfigure(entries: { [policy: string]: PolicyConfigEntry }): Promise<void> {
        await this.call("Configure", cb => this.client.configure(configureRequest(entries), cb));
    }

    async sendConfigureBytes(bytes: Uint8Array): Promise<void> {
        await this.call("Configure", cb => this.client.makeUnaryRequest("/pulumirpc.Analyzer/Configure",
            (b: Uint8Array) => Buffer.from(b), (b: Buffer) => b, bytes, cb));
    }

    async analyze(resource: AnalyzedResource, opts: CallOptions = {}): Promise<AnalyzeResult> {
        return this.analyzeCall("Analyze", opts, (md, cb) => this.client.analyze(analyzeRequest(resource), md, cb));
    }

    async analyzeStack(resources: StackResource[], opts: CallOptions = {}): Promise<AnalyzeResult> {
        const req = analyzeStackRequest(resources);
        return this.analyzeCall("AnalyzeStack", opts, (md, cb) => this.client.analyzeStack(req, md, cb));
    }

    async remediate(resource: AnalyzedResource): Promise<RemediateResult> {
        return remediateResult(await this.call<apb.RemediateResponse>("Remediate", cb => this.client.remediate(analyzeRequest(resource), cb)));
    }

    kill(): void {
        if (this.life.exited === undefined) {
            this.child.kill("SIGKILL");
        }
    }

    async close(): Promise<void> {
        this.client.close();
        if (this.life.exited === undefined) {
            this.child.kill("SIGTERM");
        }
        const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
        await this.life.closed;
        clearTimeout(timer);
    }
}
