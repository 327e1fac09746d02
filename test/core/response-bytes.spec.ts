// Writing an AnalyzeResponse (policies/core/response-bytes.ts) gives google-protobuf's bytes, or
// nothing where it does not follow google-protobuf exactly.
import * as assert from "assert";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { responseBytes } from "../../policies/core/response-bytes";

const diagnostic = (d: Partial<Record<"name" | "pack" | "version" | "description" | "message" | "urn", string>> & { level?: number; severity?: number }) =>
    new apb.AnalyzeDiagnostic().setPolicyname(d.name ?? "").setPolicypackname(d.pack ?? "").setPolicypackversion(d.version ?? "")
        .setDescription(d.description ?? "").setMessage(d.message ?? "").setEnforcementlevel(d.level ?? 0).setUrn(d.urn ?? "").setSeverity(d.severity ?? 0);

function assertWrittenAsGoogleProtobuf(response: apb.AnalyzeResponse): void {
    const written = responseBytes(response);
    assert.ok(written, "written");
    assert.strictEqual(written.toString("hex"), Buffer.from(response.serializeBinary()).toString("hex"));
}

describe("writing an AnalyzeResponse", () => {
    it("writes what google-protobuf writes: every field, empty strings and zero enums left out, in field order", () => {
        const response = new apb.AnalyzeResponse().setDiagnosticsList([
            diagnostic({ name: "sg-unused", pack: "aws-network-guardrails", version: "0.1.0", description: "d", message: "m", level: 1, urn: "urn:a", severity: 2 }),
            diagnostic({ name: "x" }),
            diagnostic({}),
            diagnostic({ message: "ünïcödé and CJK 漢字", level: 3, severity: 4 }),
        ]).setNotApplicableList([
            new apb.PolicyNotApplicable().setPolicyName("p").setReason("not here"),
            new apb.PolicyNotApplicable().setPolicyName("q"),
        ]);
        assertWrittenAsGoogleProtobuf(response);
    });

    it("writes lengths of several bytes: long messages and many diagnostics", () => {
        const long = "x".repeat(20_000);
        const many = Array.from({ length: 3000 }, (_, i) => diagnostic({ name: `p${i}`, message: `${long.slice(0, i * 7)}é`, level: i % 5, urn: `urn:${i}` }));
        assertWrittenAsGoogleProtobuf(new apb.AnalyzeResponse().setDiagnosticsList([diagnostic({ message: long }), ...many]));
    });

    it("writes the strings that repeat from one diagnostic to the next (names, descriptions, URNs, some not ASCII) as google-protobuf does", () => {
        const many = Array.from({ length: 500 }, (_, i) => diagnostic({
            name: `policy-${i % 7}`, pack: "pack-ü", version: "1.0.0", description: `déscription ${i % 7}`, message: `finding ${i} ✓`,
            level: 1 + (i % 2), urn: `urn:pulumi:s::p::aws:ec2/securityGroup:SecurityGroup::grüppe-${i % 13}`, severity: 3,
        }));
        assertWrittenAsGoogleProtobuf(new apb.AnalyzeResponse().setDiagnosticsList(many)
            .setNotApplicableList([new apb.PolicyNotApplicable().setPolicyName("policy-1").setReason("déscription 1")]));
    });

    it("leaves to google-protobuf a response whose repeated description has a surrogate code unit, wherever it first appears", () => {
        const plain = Array.from({ length: 5 }, (_, i) => diagnostic({ name: "p", description: "d", message: `m${i}` }));
        for (const at of [0, 3, 5]) {
            const odd = diagnostic({ name: "p", description: "d \uD83D", message: "m" });
            assert.strictEqual(responseBytes(new apb.AnalyzeResponse().setDiagnosticsList([...plain.slice(0, at), odd, ...plain.slice(at), odd])), undefined);
        }
    });

    it("writes an empty response as no bytes at all", () => {
        assert.strictEqual(responseBytes(new apb.AnalyzeResponse())?.length, 0);
        assertWrittenAsGoogleProtobuf(new apb.AnalyzeResponse());
    });

    it("leaves to google-protobuf what it may write otherwise: surrogate code units (paired or not), enums out of range", () => {
        for (const message of ["emoji \u{1F600}", "lone \uD800 high", "lone \uDC00 low"]) {
            assert.strictEqual(responseBytes(new apb.AnalyzeResponse().setDiagnosticsList([diagnostic({ message })])), undefined);
        }
        assert.strictEqual(responseBytes(new apb.AnalyzeResponse().setDiagnosticsList([diagnostic({ level: -1 })])), undefined);
    });
});
