// Analyzer calls as bytes, for comparing two packs: each request serialised once, each answer kept
// as the bytes of its response and of its exempted-finding pages (all of them, through
// GetPluginInfo as the check command fetches them), decoded only to show a difference.
import * as assert from "assert";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzedResource, StackResource } from "../../runner/analyzer-client";
import { analyzeRequest, analyzeResult, analyzeStackRequest } from "../../runner/analyzer-messages";
import { grpc } from "../../runner/pulumi-grpc";
import { countDiagnostics } from "../../bench/measure";
import { EXEMPTED_MORE, EXEMPTED_NEXT, EXEMPTED_PAGE, EXEMPTED_REQUEST, MAX_PAGE_BYTES, decodePages } from "../../policies/core/exempted-wire";

export interface RawAnswer { readonly response?: Buffer; readonly error?: string; readonly pages: readonly Buffer[] }

/** An input's requests, serialised: one Analyze per resource, then AnalyzeStack. */
export interface RawRequests { readonly analyze: readonly Buffer[]; readonly stack: Buffer }

export function rawRequests(analyzed: readonly AnalyzedResource[], stack: StackResource[]): RawRequests {
    return {
        analyze: analyzed.map((r) => Buffer.from(analyzeRequest(r).serializeBinary())),
        stack: Buffer.from(analyzeStackRequest(stack).serializeBinary()),
    };
}

const same = (b: Buffer) => b;

export class RawCalls {
    private readonly client: InstanceType<typeof grpc.Client>;

    constructor(port: number) {
        const max = 1024 * 1024 * 1024;
        this.client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": max, "grpc.max_send_message_length": max,
        });
    }

    private unary(method: string, request: Buffer, md: InstanceType<typeof grpc.Metadata>): Promise<{ response?: Buffer; error?: string; trailer?: InstanceType<typeof grpc.Metadata> }> {
        return new Promise((resolve) => {
            let response: Buffer | undefined;
            let error: string | undefined;
            const call = this.client.makeUnaryRequest(`/pulumirpc.Analyzer/${method}`, same, same, request, md, (err, res) => {
                if (err) {
                    error = `${err.code} ${err.details.split("\n")[0]}`;
                }
                response = res;
            });
            call.on("status", (status: { metadata: InstanceType<typeof grpc.Metadata> }) => resolve({ response, error, trailer: status.metadata }));
        });
    }

    async call(method: "Analyze" | "AnalyzeStack", request: Buffer): Promise<RawAnswer> {
        const md = new grpc.Metadata();
        md.set(EXEMPTED_REQUEST, String(MAX_PAGE_BYTES));
        const { response, error, trailer } = await this.unary(method, request, md);
        const pages: Buffer[] = [];
        let page = trailer?.get(EXEMPTED_PAGE)[0];
        let more = trailer?.get(EXEMPTED_MORE)[0];
        while (page !== undefined) {
            pages.push(Buffer.from(page));
            if (more === undefined) {
                break;
            }
            const next = new grpc.Metadata();
            next.set(EXEMPTED_NEXT, String(more));
            const { trailer: t } = await this.unary("GetPluginInfo", Buffer.alloc(0), next);
            [page, more] = [t?.get(EXEMPTED_PAGE)[0], t?.get(EXEMPTED_MORE)[0]];
        }
        return { ...(response ? { response } : {}), ...(error ? { error } : {}), pages };
    }

    /** Every answer to an input: each Analyze (all at once, in order), then AnalyzeStack. */
    async answers(requests: RawRequests): Promise<RawAnswer[]> {
        const analyzed = await Promise.all(requests.analyze.map((r) => this.call("Analyze", r)));
        return [...analyzed, await this.call("AnalyzeStack", requests.stack)];
    }

    close(): void {
        this.client.close();
    }
}

const decoded = (a: RawAnswer) => ({
    ...(a.error ? { error: a.error } : {}),
    ...(a.response ? analyzeResult(apb.AnalyzeResponse.deserializeBinary(a.response)) : {}),
    ...(a.pages.length > 0 ? decodePages(a.pages) : {}),
});

const equal = (a: RawAnswer, b: RawAnswer) => a.error === b.error && (a.response === undefined ? b.response === undefined : b.response !== undefined && a.response.equals(b.response)) &&
    a.pages.length === b.pages.length && a.pages.every((p, i) => p.equals(b.pages[i]));

/** Asserts that two packs answered alike, byte for byte; shows the first difference decoded, under `label`. */
export function assertSameAnswers(label: string, a: readonly RawAnswer[], b: readonly RawAnswer[]): void {
    assert.strictEqual(a.length, b.length, label);
    const i = a.findIndex((x, k) => !equal(x, b[k]));
    if (i >= 0) {
        assert.deepStrictEqual({ label, call: i, answer: decoded(a[i]) }, { label, call: i, answer: decoded(b[i]) });
        assert.fail(`${label}, call ${i}: the answers decode alike but their bytes differ`);
    }
}

/** The number of diagnostics in some answers (counted on the wire). */
export function diagnosticsIn(answers: readonly RawAnswer[]): number {
    return answers.reduce((n, a) => n + (a.response ? countDiagnostics(a.response) : 0), 0);
}
