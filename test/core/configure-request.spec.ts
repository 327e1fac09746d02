import * as assert from "assert";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { readConfigureRequest } from "../../policies/core/configure-request";
import { encodeConfigure as encode, renameKey } from "../util/configure-bytes";

describe("reading a Configure request from its bytes", () => {
    it("reads every policy's level and properties: strings, numbers, booleans, null, lists and nested objects", () => {
        const properties = { ports: [22, "5985-5986"], exemptions: [{ resource: "bastion-*", reason: "SEC-7", expires: "2027-01-31" }],
            stackTags: { environment: "production" }, ratio: 0.5, on: true, off: false, nothing: null, negative: -3 };
        assert.deepStrictEqual(readConfigureRequest(encode({
            "sg-no-admin-ports-from-world": { level: apb.EnforcementLevel.MANDATORY, properties },
            "sg-unused": { level: apb.EnforcementLevel.ADVISORY, properties: {} },
            "sg-default-denies-all": { level: apb.EnforcementLevel.REMEDIATE, properties: {} },
        })), {
            "sg-no-admin-ports-from-world": { level: apb.EnforcementLevel.MANDATORY, properties },
            "sg-unused": { level: apb.EnforcementLevel.ADVISORY, properties: {} },
            "sg-default-denies-all": { level: apb.EnforcementLevel.REMEDIATE, properties: {} },
        });
    });

    it("keeps a key `__proto__` as an own key, in options, nested objects and policy names", () => {
        const bytes = renameKey(encode({
            "__PROTO__": { level: apb.EnforcementLevel.MANDATORY, properties: {} },
            "sg-unused": { level: apb.EnforcementLevel.ADVISORY, properties: { __PROTO__: { exemptions: [] }, exemptions: [{ resource: "x", reason: "r", __PROTO__: 1 }] } },
        }), "__PROTO__", "__proto__");
        const read = readConfigureRequest(bytes);
        // (The encoder writes map entries in key order.)
        assert.deepStrictEqual(Object.keys(read).sort(), ["__proto__", "sg-unused"]);
        assert.deepStrictEqual(Object.keys(read["sg-unused"].properties).sort(), ["__proto__", "exemptions"]);
        const [exemption] = read["sg-unused"].properties.exemptions as Record<string, unknown>[];
        assert.deepStrictEqual(Object.keys(exemption).sort(), ["__proto__", "reason", "resource"]);
        assert.strictEqual(Object.getPrototypeOf(read["sg-unused"].properties), Object.prototype);
    });

    it("refuses a truncated request", () => {
        const bytes = encode({ "sg-unused": { level: apb.EnforcementLevel.ADVISORY, properties: { a: "b" } } });
        assert.throws(() => readConfigureRequest(bytes.subarray(0, bytes.length - 2)), { message: "truncated Configure request" });
    });
});
