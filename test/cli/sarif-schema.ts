// Validation of SARIF logs against the SARIF 2.1.0 JSON schema (draft-04), with ajv.
import * as assert from "assert";
import * as fs from "fs";
import Ajv = require("ajv");
import type * as sarif from "sarif";

let validator: Ajv.ValidateFunction | undefined;

/**
 * The schema is the one published with the standard (2.1.0, rtm.5) as @microsoft/jest-sarif ships it:
 * no maintained package made to ship the schema exists on the npm registry (the SARIF Multitool's
 * Linux build ships a draft 2020-12 rewrite of it, which ajv 6 cannot read, in 108 MB).
 */
function sarifValidator(): Ajv.ValidateFunction {
    if (!validator) {
        const schema = JSON.parse(fs.readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
        const ajv = new Ajv({ allErrors: true, schemaId: "auto", jsonPointers: true, unknownFormats: "ignore" });
        ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json") as object);
        validator = ajv.compile(schema);
    }
    return validator;
}

export function assertValidSarif(text: string): sarif.Log {
    const log = JSON.parse(text) as sarif.Log;
    const validate = sarifValidator();
    assert.ok(validate(log), `invalid SARIF: ${JSON.stringify(validate.errors, null, 2)}`);
    return log;
}
