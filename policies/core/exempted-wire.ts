/**
 * How exempted-finding records, and the records of findings that expired exemptions matched,
 * travel from the pack to a client that asks for them.
 *
 * A diagnostic on the wire holds only a policy name, description, message, level, URN and severity,
 * so the records travel beside the response: as gRPC trailing metadata of the Analyze or
 * AnalyzeStack call, and only when the request carries our header. The Pulumi engine never sends
 * it, so it never sees a trailer. The records are JSON, deflated. A Node HTTP/2 client accepts a
 * header list of about 64 KiB (its default maxHeaderListSize) and grpc-js 1.14 has no channel option
 * to raise it (no grpc.max_metadata_size); with a bigger trailer the call never completes. So the
 * records go in pages the client sized; a page that is not the last names a token, and the client
 * fetches the next page with a GetPluginInfo call carrying that token.
 */
import { deflateRawSync, inflateRawSync } from "zlib";
import type { ExemptedFinding, ExpiredMatch } from "./exempted";
import { FindingKey, isFindingKey } from "./finding-keys";

/** What one Analyze or AnalyzeStack call sends beside its response. */
export interface CallRecords {
    readonly exempted: ExemptedFinding[];
    readonly expired: ExpiredMatch[];
    /** One key per diagnostic that the pack's reporter sent (finding-keys.ts). */
    readonly keys: FindingKey[];
}

/** Request header of Analyze/AnalyzeStack: send the records, in pages of at most this many bytes. */
export const EXEMPTED_REQUEST = "aws-network-guardrails-exempted";
/** Trailer: one page of the deflated records. */
export const EXEMPTED_PAGE = "aws-network-guardrails-exempted-bin";
/** Trailer: the token of the next page. */
export const EXEMPTED_MORE = "aws-network-guardrails-exempted-more";
/** Request header of GetPluginInfo: the token of the page wanted. */
export const EXEMPTED_NEXT = "aws-network-guardrails-exempted-next";

export const DEFAULT_PAGE_BYTES = 16 * 1024;
/** Base64 makes 32 KiB about 43 KiB on the wire: well inside a 64 KiB header list. */
export const MAX_PAGE_BYTES = 32 * 1024;
export const MIN_PAGE_BYTES = 64;

/** The page size a request asks for, within bounds; undefined when it asks for no records. */
export function pageBytesAsked(values: readonly unknown[]): number | undefined {
    if (values.length === 0) {
        return undefined;
    }
    const n = Number(String(values[0]));
    return Number.isInteger(n) ? Math.min(MAX_PAGE_BYTES, Math.max(MIN_PAGE_BYTES, n)) : DEFAULT_PAGE_BYTES;
}

/** The records, deflated and cut into pages (one page, maybe short, when there is little). */
export function encodePages(records: CallRecords, pageBytes: number): Buffer[] {
    const all = deflateRawSync(Buffer.from(JSON.stringify(records), "utf8"));
    const pages: Buffer[] = [];
    for (let at = 0; at < all.length || pages.length === 0; at += pageBytes) {
        pages.push(all.subarray(at, at + pageBytes));
    }
    return pages;
}

function isSource(v: unknown): boolean {
    const source = v as Record<string, unknown> | undefined;
    return (source?.kind === "config" && typeof source.resource === "string") || (source?.kind === "tag" && typeof source.tag === "string");
}

/** The fields both kinds of record share. */
function isFinding(r: Record<string, unknown>): boolean {
    return typeof r.policy === "string" && typeof r.finding === "string" && (r.level === "mandatory" || r.level === "advisory") &&
        typeof r.reason === "string" && (r.urn === undefined || typeof r.urn === "string");
}

function isExempted(v: unknown): v is ExemptedFinding {
    const r = v as Record<string, unknown> | null;
    return typeof r === "object" && r !== null && isFinding(r) && typeof r.message === "string" &&
        (r.expires === undefined || typeof r.expires === "string") && isSource(r.exemption);
}

function isExpired(v: unknown): v is ExpiredMatch {
    const r = v as Record<string, unknown> | null;
    const source = r?.exemption as Record<string, unknown> | undefined;
    return typeof r === "object" && r !== null && isFinding(r) && typeof r.expires === "string" &&
        source?.kind === "config" && typeof source.resource === "string" && (r.coveredBy === undefined || isSource(r.coveredBy));
}

/** The records from their pages, in order. */
export function decodePages(pages: readonly Buffer[]): CallRecords {
    const records = JSON.parse(inflateRawSync(Buffer.concat(pages)).toString("utf8")) as Partial<Record<string, unknown>> | null;
    const { exempted, expired, keys } = records ?? {};
    if (!Array.isArray(exempted) || !exempted.every(isExempted) || !Array.isArray(expired) || !expired.every(isExpired) ||
        !Array.isArray(keys) || !keys.every(isFindingKey)) {
        throw new Error("the policy pack sent exempted findings in a shape this client does not know");
    }
    return { exempted, expired, keys };
}

/** Pages waiting for their client, by token; the oldest go first when too many wait. */
export class PageStore {
    private readonly waiting = new Map<string, Buffer[]>();
    private counter = 0;

    constructor(private readonly limit = 16) {}

    /** Keeps the pages after the first; returns the token of the second, if any. */
    keep(rest: Buffer[]): string | undefined {
        if (rest.length === 0) {
            return undefined;
        }
        const token = `${process.pid}-${++this.counter}`;
        this.waiting.set(token, rest);
        while (this.waiting.size > this.limit) {
            this.waiting.delete(this.waiting.keys().next().value as string);
        }
        return token;
    }

    /** The page a token names, and the token of the one after it. */
    take(token: string): { page: Buffer; more?: string } | undefined {
        const pages = this.waiting.get(token);
        this.waiting.delete(token);
        if (!pages) {
            return undefined;
        }
        const [page, ...rest] = pages;
        const more = this.keep(rest);
        return { page, ...(more ? { more } : {}) };
    }
}
