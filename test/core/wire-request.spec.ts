// Reading an Analyze or AnalyzeStack request from its bytes (policies/core/wire-request.ts) gives what
// google-protobuf's decoding gives, read through the generated getters and Struct.toJavaScript(),
// with the keys of every object in the same order; what it cannot follow exactly, it refuses.
import * as assert from "assert";
import * as path from "path";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { Unreadable, WireResource, readAnalyzeRequest, readStackRequest, withoutFields } from "../../policies/core/wire-request";
import { StackResource } from "../../runner/analyzer-client";
import { analyzeRequest, analyzeStackRequest } from "../../runner/analyzer-messages";
import { Struct } from "../../runner/pulumi-grpc";
import { loadStackExport } from "../../cli/stack-export";
import { generateStack } from "../../bench/generate";
import { TYPE } from "../util/types";

/** A resource as google-protobuf decodes it, in the reader's terms; objects as JSON, so that key order counts. */
function decoded(r: apb.AnalyzerResource) {
    const [o, p, t] = [r.getOptions(), r.getProvider(), r.getOptions()?.getCustomtimeouts()];
    return {
        type: r.getType(), urn: r.getUrn(), name: r.getName(), parent: r.getParent(),
        properties: r.hasProperties() ? JSON.stringify(r.getProperties()!.toJavaScript()) : undefined,
        options: o && {
            protect: o.getProtect(), ignoreChanges: o.getIgnorechangesList(), deleteBeforeReplace: o.getDeletebeforereplace(),
            deleteBeforeReplaceDefined: o.getDeletebeforereplacedefined(), additionalSecretOutputs: o.getAdditionalsecretoutputsList(),
            aliases: o.getAliasesList(), customTimeouts: t && { create: t.getCreate(), update: t.getUpdate(), delete: t.getDelete() }, parent: o.getParent(),
        },
        provider: p && { type: p.getType(), urn: p.getUrn(), name: p.getName(), properties: p.hasProperties() ? JSON.stringify(p.getProperties()!.toJavaScript()) : undefined },
        dependencies: r.getDependenciesList(),
        propertyDependencies: JSON.stringify([...r.getPropertydependenciesMap().entries()].map(([k, v]) => [k, v.getUrnsList()])),
    };
}

function read(r: WireResource) {
    const json = (s: WireResource["properties"]) => (s ? JSON.stringify(s.toJavaScript()) : undefined);
    return { ...r, properties: json(r.properties), provider: r.provider && { ...r.provider, properties: json(r.provider.properties) },
        propertyDependencies: JSON.stringify(r.propertyDependencies) };
}

function assertReadsAsDecoded(bytes: Buffer): void {
    const expected = apb.AnalyzeStackRequest.deserializeBinary(bytes).getResourcesList().map(decoded);
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
    assert.deepStrictEqual(plain(readStackRequest(bytes).map(read)), plain(expected));
}

const bytesOf = (m: { serializeBinary(): Uint8Array }) => Buffer.from(m.serializeBinary());
/** A length-delimited field (of fewer than 128 bytes). */
const field = (n: number, ...payload: (Buffer | string)[]) => {
    const bytes = Buffer.concat(payload.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : p)));
    return Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes]);
};
const sg = (properties: StackResource["properties"], extra: Partial<StackResource> = {}): StackResource => ({
    urn: `urn:pulumi:s::p::${TYPE.sg}::web`, type: TYPE.sg, name: "web", properties, dependencies: [], propertyDependencies: {}, ...extra,
});

describe("reading an AnalyzeStack request from its bytes", () => {
    it("reads generated stacks, new and existing, as google-protobuf decodes them", () => {
        for (const [n, seed, newShare] of [[300, 1, 0.3], [120, 2, 1], [120, 3, 0]]) {
            assertReadsAsDecoded(bytesOf(analyzeStackRequest(generateStack(n, { seed, newShare }).stack)));
        }
    });

    it("reads the stack exports of the test corpus as google-protobuf decodes them", () => {
        for (const f of ["common-mistakes", "control-chars", "references"]) {
            const { stackResources } = loadStackExport(path.join(__dirname, "..", "fixtures", `${f}.stack-export.json`));
            assertReadsAsDecoded(bytesOf(analyzeStackRequest(stackResources)));
        }
    });

    it("reads every kind of value: nested lists and objects, null, booleans, numbers, empty and non-ASCII strings, keys in sorted order", () => {
        const properties = {
            zeta: [1, -0.5, 1e308, -0, 0, [], [null, true, false, "", { b: 1, a: [2] }]], alpha: { "é": "ünïcödé", "😀": "emoji 😀", "": "empty key" },
            description: "d", "10": "digits", "2": "digit", "a b": null,
        };
        const bytes = bytesOf(analyzeStackRequest([sg(properties, {
            parent: "urn:parent", dependencies: ["urn:a", "urn:b"], propertyDependencies: { vpcId: ["urn:a"], ingress: ["urn:b", "urn:a"] },
            options: { protect: true, ignoreChanges: ["tags"], deleteBeforeReplace: true, additionalSecretOutputs: ["x"], aliases: ["urn:old"],
                customTimeouts: { create: 1.5, update: 2, delete: 3 }, parent: "urn:parent" },
            provider: { urn: "urn:provider", type: "pulumi:providers:aws", name: "default", properties: { region: "eu-west-1", version: "7.0.0" } },
        })]));
        assertReadsAsDecoded(bytes);
        assert.deepStrictEqual(Object.keys(readStackRequest(bytes)[0].properties!.toJavaScript()), ["2", "10", "a b", "alpha", "description", "zeta"]);
    });

    it("lets the last occurrence of a field win, whole, as google-protobuf does (it replaces a message rather than merging it)", () => {
        const one = (props: Record<string, string>, name: string) => bytesOf(new apb.AnalyzerResource().setName(name).setProperties(Struct.fromJavaScript(props)));
        const resource = Buffer.concat([one({ zulu: "1", mike: "first" }, "first"), one({ alpha: "2", mike: "second" }, "second")]);
        const request = field(1, resource);
        assertReadsAsDecoded(request);
        assert.deepStrictEqual(readStackRequest(request).map((r) => [r.name, r.properties?.toJavaScript()]), [["second", { alpha: "2", mike: "second" }]]);
    });

    it("lists map entries by sorted key whatever their order on the wire, the last entry of a key winning", () => {
        const entry = (key: string, value: string) => field(1, field(1, key), field(2, field(3, value)));
        const request = field(1, field(2, entry("zulu", "z"), entry("alpha", "a"), entry("mike", "m1"), entry("mike", "m2")),
            field(9, field(1, "vpcId"), field(2, field(1, "urn:vpc"))), field(9, field(1, "ingress"), field(2, field(1, "urn:a"), field(1, "urn:b"))));
        assertReadsAsDecoded(request);
        const [r] = readStackRequest(request);
        assert.deepStrictEqual(JSON.stringify(r.properties?.toJavaScript()), "{\"alpha\":\"a\",\"mike\":\"m2\",\"zulu\":\"z\"}");
        assert.deepStrictEqual(r.propertyDependencies, [["ingress", ["urn:a", "urn:b"]], ["vpcId", ["urn:vpc"]]]);
    });

    it("skips fields it does not know, as google-protobuf does", () => {
        const known = bytesOf(analyzeStackRequest([sg({ description: "d" })]));
        const unknown = Buffer.from([0xf8, 0x01, 0x2a, 0x82, 0x02, 0x03, 0x61, 0x62, 0x63]); // field 31 varint 42, field 32 "abc"
        assertReadsAsDecoded(Buffer.concat([known, unknown]));
    });

    it("refuses what it does not follow exactly: bytes that are not well-formed UTF-8, a key __proto__, a value without a kind, a wrong wire type, truncation", () => {
        const refused = (bytes: Buffer) => assert.throws(() => readStackRequest(bytes), Unreadable);
        const resourceWith = (...fields: Buffer[]) => field(1, ...fields);
        refused(resourceWith(field(1, Buffer.from([0xc3, 0x28])))); // type: an invalid two-byte sequence
        refused(resourceWith(field(1, Buffer.from([0xed, 0xa0, 0x80])))); // type: a surrogate, encoded
        refused(resourceWith(field(2, field(1, field(1, "__proto__"), field(2, field(3, "x")))))); // properties: { __proto__: "x" }
        refused(resourceWith(field(2, field(1, field(1, "a"))))); // properties: { a: a Value without a kind }
        refused(resourceWith(Buffer.from([0x08, 0x01]))); // type as a varint
        refused(resourceWith(Buffer.from([0x0a, 0x05, 0x61]))); // type: 5 bytes announced, 1 given
        refused(Buffer.from([0x0b, 0x0c])); // a group
    });
});

describe("reading an Analyze request from its bytes", () => {
    const requests = generateStack(200, { seed: 11 }).analyze.map((r) => bytesOf(analyzeRequest(r)));

    it("reads each generated request, with its options and provider, as google-protobuf decodes it", () => {
        for (const bytes of requests) {
            const r = apb.AnalyzeRequest.deserializeBinary(bytes);
            const [o, p, t] = [r.getOptions(), r.getProvider(), r.getOptions()?.getCustomtimeouts()];
            const expected = {
                type: r.getType(), urn: r.getUrn(), name: r.getName(), parent: "", properties: JSON.stringify(r.getProperties()!.toJavaScript()),
                options: o && { protect: o.getProtect(), ignoreChanges: o.getIgnorechangesList(), deleteBeforeReplace: o.getDeletebeforereplace(),
                    deleteBeforeReplaceDefined: o.getDeletebeforereplacedefined(), additionalSecretOutputs: o.getAdditionalsecretoutputsList(),
                    aliases: o.getAliasesList(), customTimeouts: t && { create: t.getCreate(), update: t.getUpdate(), delete: t.getDelete() }, parent: o.getParent() },
                provider: p && { type: p.getType(), urn: p.getUrn(), name: p.getName(), properties: JSON.stringify(p.getProperties()!.toJavaScript()) },
                dependencies: [], propertyDependencies: "[]",
            };
            assert.deepStrictEqual(JSON.parse(JSON.stringify(read(readAnalyzeRequest(bytes)))), JSON.parse(JSON.stringify(expected)));
        }
        assert.ok(requests.length === 200 && requests.every((b) => apb.AnalyzeRequest.deserializeBinary(b).hasProvider() || b === requests[0]));
    });

    it("drops the fields asked for and keeps the others byte for byte: the request without its props and provider", () => {
        for (const bytes of requests) {
            const whole = apb.AnalyzeRequest.deserializeBinary(bytes).toObject();
            const { properties: _p, provider: _q, ...rest } = whole;
            assert.deepStrictEqual(apb.AnalyzeRequest.deserializeBinary(withoutFields(bytes, [2, 6])).toObject(), { ...rest, properties: undefined, provider: undefined });
        }
    });
});
