/** Configure requests as bytes, for keys the protobuf library's maps cannot hold (`__proto__`). */
import * as assert from "assert";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** A Configure request encoded by the protobuf library, as the engine's would be. */
export function encodeConfigure(entries: Record<string, { level: apb.EnforcementLevel; properties: Record<string, unknown> }>): Buffer {
    const req = new apb.ConfigureAnalyzerRequest();
    for (const [name, { level, properties }] of Object.entries(entries)) {
        req.getPolicyconfigMap().set(name, new apb.PolicyConfig().setEnforcementlevel(level)
            .setProperties(Struct.fromJavaScript(properties as Parameters<typeof Struct.fromJavaScript>[0])));
    }
    return Buffer.from(req.serializeBinary());
}

/** Renames every occurrence of a key in the encoded bytes (same length, so every length prefix stays right). */
export function renameKey(bytes: Buffer, from: string, to: string): Buffer {
    assert.strictEqual(Buffer.byteLength(from), Buffer.byteLength(to));
    const out = Buffer.from(bytes);
    let at = out.indexOf(from);
    assert.ok(at >= 0, `no ${from} in the request`);
    while (at >= 0) {
        out.write(to, at, "utf8");
        at = out.indexOf(from, at + 1);
    }
    return out;
}
