/**
 * A config value check cannot know (a `secure:` value it cannot decrypt) is the wire's unknown value, so a
 * resource input made from it is unknown. Read as a string, a boolean or an object it stays unknown or
 * fails with the SDK's ConfigTypeError; read as a number, the SDK's parseFloat would turn it into 4. This
 * makes that read fail like any other value that is not a number.
 */
import { UNKNOWN_STRING } from "../policies/model/values";

interface ConfigClass {
    prototype: {
        getImpl(key: string): string | undefined;
        fullKey(key: string): string;
        getNumberImpl: ((this: ConfigClass["prototype"], key: string, ...rest: unknown[]) => number | undefined) & { unknownGuard?: true };
    };
}

/** Guards the Config class of the SDK in `sdkDir` (ours when undefined); once per SDK copy. */
export function guardUnknownNumbers(sdkDir: string | undefined): void {
    const { Config } = require(sdkDir === undefined ? "@pulumi/pulumi/config" : `${sdkDir}/config`) as { Config: ConfigClass };
    const original = Config.prototype.getNumberImpl;
    if (typeof original !== "function" || original.unknownGuard) { return; }
    const guarded = function (this: ConfigClass["prototype"], key: string, ...rest: unknown[]): number | undefined {
        if (this.getImpl(key) === UNKNOWN_STRING) {
            throw new Error(`Configuration '${this.fullKey(key)}' value '${UNKNOWN_STRING}' is not a valid number`);
        }
        return original.call(this, key, ...rest);
    };
    Config.prototype.getNumberImpl = Object.assign(guarded, { unknownGuard: true as const });
}
