import * as assert from "assert";
import type { ExemptedFinding, ExpiredMatch } from "../../policies/core/exempted";
import type { FindingKey } from "../../policies/core/finding-keys";
import { CallRecords, DEFAULT_PAGE_BYTES, MAX_PAGE_BYTES, MIN_PAGE_BYTES, PageStore, decodePages, encodePages, pageBytesAsked } from "../../policies/core/exempted-wire";

const record = (i: number): ExemptedFinding => ({
    policy: "eni-security-group-limit", urn: `urn:pulumi:prod::app::aws:ec2/instance:Instance::legacy-${i}`, message: `Exempted mandatory finding ... legacy-${i}`,
    finding: `legacy-${i} has 6 security groups.`, level: "mandatory", exemption: { kind: "config", resource: "legacy-*" }, reason: "r", expires: "2999-12-31",
});

const expiredMatch = (i: number): ExpiredMatch => ({
    policy: "sg-no-admin-ports-from-world", urn: `urn:pulumi:prod::app::aws:ec2/securityGroup:SecurityGroup::bastion-${i}`,
    finding: `bastion-${i} allows SSH.`, level: "mandatory", exemption: { kind: "config", resource: "bastion-*" }, reason: "r", expires: "2020-01-31",
    ...(i % 2 === 0 ? { coveredBy: { kind: "tag", tag: "security-exception" } } : {}),
});

const key = (i: number): FindingKey => ({
    policy: "sg-no-admin-ports-from-world", message: `ingress[${i}].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0.`, kind: "violation",
    ...(i % 2 === 0 ? { urn: `urn:pulumi:prod::app::aws:ec2/securityGroup:SecurityGroup::web-${i}`, at: `ingress[${i}].cidrBlocks[0]` } : {}),
});

describe("exempted-finding records on the wire", () => {
    it("round-trip through pages of the size asked for", () => {
        const records = Array.from({ length: 200 }, (_, i) => record(i));
        const expired = Array.from({ length: 50 }, (_, i) => expiredMatch(i));
        const keys = Array.from({ length: 50 }, (_, i) => key(i));
        const pages = encodePages({ exempted: records, expired, keys }, 64);
        assert.ok(pages.length > 10, `${pages.length} pages`);
        assert.ok(pages.every((p) => p.length <= 64));
        assert.deepStrictEqual(decodePages(pages), { exempted: records, expired, keys });
    });

    it("send one page, never none, when there is nothing to send", () => {
        const pages = encodePages({ exempted: [], expired: [], keys: [] }, DEFAULT_PAGE_BYTES);
        assert.strictEqual(pages.length, 1);
        assert.deepStrictEqual(decodePages(pages), { exempted: [], expired: [], keys: [] });
    });

    it("refuse records of another shape", () => {
        const shapes: [string, unknown][] = [
            ["an exempted finding at another level", { exempted: [{ ...record(1), level: "remediate" }], expired: [], keys: [] }],
            ["an expired match without its date", { exempted: [], expired: [{ ...expiredMatch(1), expires: undefined }], keys: [] }],
            ["an expired match of a tag", { exempted: [], expired: [{ ...expiredMatch(1), exemption: { kind: "tag", tag: "t" } }], keys: [] }],
            ["an expired match covered by something unknown", { exempted: [], expired: [{ ...expiredMatch(1), coveredBy: { kind: "other" } }], keys: [] }],
            ["no list of expired matches", { exempted: [], keys: [] }],
            ["no list of finding keys", { exempted: [], expired: [] }],
            ["a finding key of another kind", { exempted: [], expired: [], keys: [{ ...key(0), kind: "remark" }] }],
            ["a finding key whose path is not text", { exempted: [], expired: [], keys: [{ ...key(0), at: 3 }] }],
            ["a bare list", []],
        ];
        for (const [what, payload] of shapes) {
            const bad = encodePages(payload as CallRecords, DEFAULT_PAGE_BYTES);
            assert.throws(() => decodePages(bad), { message: "the policy pack sent exempted findings in a shape this client does not know" }, what);
        }
    });

    it("take the page size the request asks for, within bounds; no header means no records", () => {
        assert.deepStrictEqual([[], ["1000"], ["1"], ["99999999"], ["many"]].map(pageBytesAsked),
            [undefined, 1000, MIN_PAGE_BYTES, MAX_PAGE_BYTES, DEFAULT_PAGE_BYTES]);
    });

    it("keep the later pages for their client, one token per page, and forget the oldest beyond the limit", () => {
        const store = new PageStore(2);
        const [a, b, c] = [Buffer.from("a"), Buffer.from("b"), Buffer.from("c")];
        assert.strictEqual(store.keep([]), undefined);
        const first = store.keep([a, b]) as string;
        const second = store.take(first);
        assert.deepStrictEqual(second?.page, a);
        assert.deepStrictEqual(store.take(second?.more as string), { page: b });
        assert.strictEqual(store.take(first), undefined, "a token is used once");
        const old = store.keep([c]) as string;
        store.keep([a]);
        store.keep([b]);
        assert.strictEqual(store.take(old), undefined, "evicted");
    });
});
