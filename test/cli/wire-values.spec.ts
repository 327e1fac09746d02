// Values as the Pulumi engine hands them to an analyzer (cli/wire-values.ts): resource references
// and output values downgraded as the engine does when it marshals without KeepResources and
// KeepOutputValues; checkpoint-only forms decoded; anything else an error naming its path. The
// signatures come from @pulumi/pulumi's own runtime, and for the checkpoint-only ones from the
// engine's Go source (sdk/go/common/resource/sig/sig.go, pkg/resource/stack/deployment.go).
import * as assert from "assert";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { InputError } from "../../cli/errors";
import { UnreadableValue, analyzerProps, toAnalyzerValue } from "../../cli/wire-values";
import type { JsonValue } from "../../runner/analyzer-client";
import { UNKNOWN_SENTINELS } from "../../policies/model/values";

const SIG = rpc.specialSigKey;
const SECRET = rpc.specialSecretSig;
const REF = rpc.specialResourceSig;
const OUTPUT = rpc.specialOutputValueSig;
const ASSET = rpc.specialAssetSig;
const ARCHIVE = rpc.specialArchiveSig;
const BYTE_STRING = "803fd3297a5875dc03ca845dda5d2a98";
const FLOAT = "8ad145fe-0d11-4827-bfd7-1abcbf086f5c";
const UNKNOWN = rpc.unknownValue;
const SG_URN = "urn:pulumi:prod::app::aws:ec2/securityGroup:SecurityGroup::web";
const COMPONENT_URN = "urn:pulumi:prod::app::acme:index:Access::access";

describe("cli: values as the engine hands them to an analyzer", () => {
    it("the unknown sentinel is the SDK's own", () => {
        assert.ok(UNKNOWN_SENTINELS.includes(UNKNOWN));
    });

    const converted: [string, JsonValue, JsonValue][] = [
        ["a custom resource's reference: its ID", { [SIG]: REF, urn: SG_URN, id: "sg-1", packageVersion: "7.48.0" }, "sg-1"],
        ["a custom resource's reference whose ID is not known (checkpoint: empty)", { [SIG]: REF, urn: SG_URN, id: "" }, UNKNOWN],
        ["a custom resource's reference whose ID is not known (program at preview: the sentinel)", { [SIG]: REF, urn: SG_URN, id: UNKNOWN }, UNKNOWN],
        ["a custom resource's reference whose ID is a known output value", { [SIG]: REF, urn: SG_URN, id: { [SIG]: OUTPUT, value: "sg-1" } }, "sg-1"],
        ["a custom resource's reference whose ID is an unknown output value", { [SIG]: REF, urn: SG_URN, id: { [SIG]: OUTPUT } }, UNKNOWN],
        ["a component's reference: its URN", { [SIG]: REF, urn: COMPONENT_URN, packageVersion: "" }, COMPONENT_URN],
        ["an old checkpoint's reference with the ID property serialized: known", { [SIG]: REF, urn: SG_URN, id: { V: "sg-1" } }, "sg-1"],
        ["an old checkpoint's reference with the ID property serialized: a component", { [SIG]: REF, urn: COMPONENT_URN, id: { V: null } }, COMPONENT_URN],
        ["an old checkpoint's reference with the ID property serialized: unknown", { [SIG]: REF, urn: SG_URN, id: { V: {} } }, UNKNOWN],
        ["a known output value: its value", { [SIG]: OUTPUT, value: "0.0.0.0/0", dependencies: [SG_URN] }, "0.0.0.0/0"],
        ["an unknown output value: the unknown sentinel", { [SIG]: OUTPUT, dependencies: [SG_URN] }, UNKNOWN],
        ["a known secret output value: a secret of its value", { [SIG]: OUTPUT, value: ["10.0.0.0/8"], secret: true }, { [SIG]: SECRET, value: ["10.0.0.0/8"] }],
        ["an unknown secret output value: a secret unknown", { [SIG]: OUTPUT, secret: true }, { [SIG]: SECRET, value: UNKNOWN }],
        ["an output value that is not secret", { [SIG]: OUTPUT, value: 22, secret: false }, 22],
        ["an output value holding a resource reference", { [SIG]: OUTPUT, value: { group: { [SIG]: REF, urn: SG_URN, id: "sg-1" } } }, { group: "sg-1" }],
        ["a checkpoint's secret, exported without --show-secrets: a secret unknown", { [SIG]: SECRET, ciphertext: "v1:abc" }, { [SIG]: SECRET, value: UNKNOWN }],
        ["a checkpoint's secret with its plaintext (--show-secrets), decoded", { [SIG]: SECRET, plaintext: "{\"cidr\":\"10.0.0.0/8\"}" }, { [SIG]: SECRET, value: { cidr: "10.0.0.0/8" } }],
        ["a checkpoint's secret whose plaintext holds a reference", { [SIG]: SECRET, plaintext: JSON.stringify({ [SIG]: REF, urn: SG_URN, id: "sg-1" }) }, { [SIG]: SECRET, value: "sg-1" }],
        ["a program's secret, on the wire", { [SIG]: SECRET, value: { [SIG]: OUTPUT, value: "x" } }, { [SIG]: SECRET, value: "x" }],
        ["a text asset, as it is", { [SIG]: ASSET, hash: "h", text: "hello" }, { [SIG]: ASSET, hash: "h", text: "hello" }],
        ["an archive of assets, as it is", { [SIG]: ARCHIVE, assets: { "a.txt": { [SIG]: ASSET, text: "a" }, sub: { [SIG]: ARCHIVE, path: "./sub" } } },
            { [SIG]: ARCHIVE, assets: { "a.txt": { [SIG]: ASSET, text: "a" }, sub: { [SIG]: ARCHIVE, path: "./sub" } } }],
        ["a checkpoint's byte string that is UTF-8: its text", { [SIG]: BYTE_STRING, value: Buffer.from("10.0.0.0/8", "utf8").toString("base64") }, "10.0.0.0/8"],
        ["a checkpoint's NaN", { [SIG]: FLOAT, value: "7ff8000000000000" }, NaN],
        ["a checkpoint's +Infinity", { [SIG]: FLOAT, value: "7ff0000000000000" }, Infinity],
        ["a checkpoint's -Infinity", { [SIG]: FLOAT, value: "fff0000000000000" }, -Infinity],
        ["plain values, lists and objects, and unknown sentinels, as they are",
            { a: [1, "x", null, true, { b: UNKNOWN }], c: UNKNOWN_SENTINELS[0] }, { a: [1, "x", null, true, { b: UNKNOWN }], c: UNKNOWN_SENTINELS[0] }],
        ["every form nested in lists and objects",
            { ingress: [{ cidrBlocks: [{ [SIG]: OUTPUT, value: "0.0.0.0/0" }], securityGroups: [{ [SIG]: REF, urn: SG_URN, id: "sg-1" }] }] },
            { ingress: [{ cidrBlocks: ["0.0.0.0/0"], securityGroups: ["sg-1"] }] }],
    ];
    for (const [what, value, expected] of converted) {
        it(`converts ${what}`, () => assert.deepStrictEqual(toAnalyzerValue(value), expected));
    }

    const unreadable: [string, JsonValue, string, string][] = [
        ["a signature nobody knows", { x: [{ [SIG]: "zzz" }] }, "x[0]", "holds a value with the signature \"zzz\", which neither the Pulumi engine nor a policy pack knows"],
        ["a signature key holding a number", { x: { [SIG]: 7 } }, "x", "holds a value with the signature 7, which neither the Pulumi engine nor a policy pack knows"],
        ["an empty signature", { x: { [SIG]: "" } }, "x", "holds a value with the signature \"\", which neither the Pulumi engine nor a policy pack knows"],
        ["a resource reference without a urn", { x: { [SIG]: REF, id: "sg-1" } }, "x", "holds a resource reference without a string urn"],
        ["a resource reference whose ID is a number", { x: { [SIG]: REF, urn: SG_URN, id: 7 } }, "x.id", "is the ID of a resource reference, but not a string"],
        ["a resource reference whose packageVersion is a number", { x: { [SIG]: REF, urn: SG_URN, packageVersion: 7 } }, "x.packageVersion",
            "is a field of a resource reference, but not a string"],
        ["an output value whose secret flag is a string", { x: { [SIG]: OUTPUT, value: 1, secret: "yes" } }, "x.secret",
            "is the secret flag of an output value, but not a boolean"],
        ["an output value holding a signature nobody knows", { x: { [SIG]: OUTPUT, value: { [SIG]: "zzz" } } }, "x.value",
            "holds a value with the signature \"zzz\", which neither the Pulumi engine nor a policy pack knows"],
        ["a secret with neither ciphertext nor plaintext", { x: { [SIG]: SECRET } }, "x", "holds a secret with neither its ciphertext nor its plaintext"],
        ["an asset with a hash only", { "Owner Team": { [SIG]: ASSET, hash: "h" } }, "[\"Owner Team\"]",
            "holds an asset without path, text or uri, which a policy pack cannot read"],
        ["an asset whose text is a number", { x: { [SIG]: ASSET, text: 7 } }, "x.text", "is a field of an asset, but not a string"],
        ["an archive with nothing in it", { x: { [SIG]: ARCHIVE, hash: "h" } }, "x", "holds an archive without assets, path or uri, which a policy pack cannot read"],
        ["an archive whose assets hold a plain string", { x: { [SIG]: ARCHIVE, assets: { "a.txt": "a" } } }, "x.assets[\"a.txt\"]",
            "is in the assets of an archive, but is not an asset or an archive"],
        ["a byte string that is not UTF-8", { x: { [SIG]: BYTE_STRING, value: Buffer.from([0x31, 0xff]).toString("base64") } }, "x",
            "holds a string that is not valid UTF-8, which the Pulumi engine does not send to a policy pack"],
        ["a byte string without its value", { x: { [SIG]: BYTE_STRING } }, "x", "holds a byte string without its base64 value"],
        ["a non-finite number without its bits", { x: { [SIG]: FLOAT, value: "NaN" } }, "x", "holds a non-finite number without its 16 hexadecimal digits"],
    ];
    for (const [what, value, path, why] of unreadable) {
        it(`refuses ${what}, naming its path`, () => {
            assert.throws(() => toAnalyzerValue(value), (e: unknown) => {
                assert.ok(e instanceof UnreadableValue, String(e));
                assert.deepStrictEqual([e.path, e.why], [path, why]);
                return true;
            });
        });
    }

    it("props: an unreadable value is an input error naming the source, the resource, and inputs or outputs with the path", () => {
        assert.throws(() => analyzerProps({ ingress: [{ cidrBlocks: [{ [SIG]: "zzz" }] }] }, "outputs", SG_URN, "s.json"), (e: unknown) => e instanceof InputError &&
            e.message === `s.json: ${SG_URN}: outputs.ingress[0].cidrBlocks[0] holds a value with the signature "zzz", which neither the Pulumi engine nor a policy pack knows`);
        assert.throws(() => analyzerProps([1], "inputs", SG_URN, "s.json"), (e: unknown) => e instanceof InputError &&
            e.message === `s.json: ${SG_URN}: inputs is not an object of properties`);
    });

    it("props: missing or null props are none", () => {
        assert.deepStrictEqual([analyzerProps(undefined, "inputs", SG_URN, "s.json"), analyzerProps(null, "outputs", SG_URN, "s.json")], [{}, {}]);
    });
});
