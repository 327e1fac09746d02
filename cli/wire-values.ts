/**
 * Property values as the Pulumi engine hands them to an analyzer. The engine marshals the props of
 * Analyze and AnalyzeStack keeping unknowns and secrets, but not resource references or output
 * values (pkg/resource/plugin/analyzer_plugin.go: MarshalOptions without KeepResources and
 * KeepOutputValues), so a policy pack reads only plain values, unknown sentinels, secrets, assets and
 * archives:
 * - a resource reference becomes the resource's ID when it has one (a custom resource; unknown while
 *   the ID is not known), else its URN (a component);
 * - an output value becomes its value when known, else the unknown sentinel, wrapped as a secret
 *   when it is secret;
 * - a checkpoint's secret becomes a secret holding its plaintext (`--show-secrets`), or an unknown
 *   when only its ciphertext is there; a checkpoint's byte string becomes its text, and its
 *   non-finite number (NaN, Infinity) the number.
 * Any other signature, or a malformed value of a known one, is an UnreadableValue naming its path.
 */
import type { JsonObject, JsonValue } from "../runner/analyzer-client";
import { InputError } from "./errors";
import { OUTPUT_SIG, RESOURCE_REF_SIG, SECRET_SIG, SIG_KEY, UNKNOWN_SENTINELS, UNKNOWN_STRING as UNKNOWN } from "../policies/model/values";

export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
/** Checkpoint only: a string whose bytes are not UTF-8, base64-encoded. */
export const BYTE_STRING_SIG = "803fd3297a5875dc03ca845dda5d2a98";
/** Checkpoint only: NaN or an infinity, as the hexadecimal bits of the double. */
export const FLOAT_SIG = "8ad145fe-0d11-4827-bfd7-1abcbf086f5c";

/** A value no policy pack can be handed, at `path` (e.g. `ingress[0].cidrBlocks[0]`). */
export class UnreadableValue extends Error {
    constructor(readonly path: string, readonly why: string) {
        super(`${path || "(the properties)"} ${why}`);
        this.name = "UnreadableValue";
    }
}

const UNKNOWN_SET = new Set<string>(UNKNOWN_SENTINELS);

function isObject(v: unknown): v is JsonObject {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function own(o: JsonObject, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(o, key);
}

/** `a.b`, `a[0]`, `a["x y"]`. */
export function childPath(path: string, key: string | number): string {
    if (typeof key === "number") {
        return `${path}[${key}]`;
    }
    if (/^[A-Za-z_$][\w$]*$/.test(key)) {
        return path === "" ? key : `${path}.${key}`;
    }
    return `${path}[${JSON.stringify(key)}]`;
}

/** A reference's ID as the engine reads it: the ID, "" when not known yet, or undefined for a component. */
function referenceId(id: JsonValue | undefined, path: string): string | undefined {
    if (id === undefined) {
        return undefined;
    }
    if (typeof id === "string") {
        return UNKNOWN_SET.has(id) ? "" : id;
    }
    if (isObject(id) && id[SIG_KEY] === OUTPUT_SIG) {
        if (!own(id, "value") || (typeof id.value === "string" && UNKNOWN_SET.has(id.value))) {
            return "";
        }
        if (typeof id.value === "string") {
            return id.value;
        }
    } else if (isObject(id) && own(id, "V")) {
        // A checkpoint written while a bug serialized the ID property itself: null for a component,
        // the ID, or an object for an unknown ID.
        if (id.V === null) {
            return undefined;
        }
        if (typeof id.V === "string") {
            return id.V;
        }
        if (isObject(id.V)) {
            return "";
        }
    }
    throw new UnreadableValue(childPath(path, "id"), "is the ID of a resource reference, but not a string");
}

function resourceReference(v: JsonObject, path: string): JsonValue {
    if (typeof v.urn !== "string") {
        throw new UnreadableValue(path, "holds a resource reference without a string urn");
    }
    for (const key of ["name", "type", "packageVersion"]) {
        if (own(v, key) && typeof v[key] !== "string") {
            throw new UnreadableValue(childPath(path, key), "is a field of a resource reference, but not a string");
        }
    }
    const id = referenceId(v.id, path);
    return id === undefined ? v.urn : id === "" ? UNKNOWN : id;
}

function outputValue(v: JsonObject, path: string): JsonValue {
    if (own(v, "secret") && typeof v.secret !== "boolean") {
        throw new UnreadableValue(childPath(path, "secret"), "is the secret flag of an output value, but not a boolean");
    }
    const value = own(v, "value") ? toAnalyzerValue(v.value, childPath(path, "value")) : UNKNOWN;
    return v.secret === true ? { [SIG_KEY]: SECRET_SIG, value } : value;
}

function secret(v: JsonObject, path: string): JsonValue {
    if (typeof v.plaintext === "string") {
        let plain: JsonValue;
        try {
            plain = JSON.parse(v.plaintext) as JsonValue;
        } catch {
            plain = v.plaintext;
        }
        return { [SIG_KEY]: SECRET_SIG, value: toAnalyzerValue(plain, path) };
    }
    if (own(v, "value")) {
        return { [SIG_KEY]: SECRET_SIG, value: toAnalyzerValue(v.value, childPath(path, "value")) };
    }
    if (typeof v.ciphertext === "string") {
        return { [SIG_KEY]: SECRET_SIG, value: UNKNOWN };
    }
    throw new UnreadableValue(path, "holds a secret with neither its ciphertext nor its plaintext");
}

/** What @pulumi/policy can make an asset of: a non-empty path, text or uri. */
function asset(v: JsonObject, path: string): JsonValue {
    for (const key of ["hash", "path", "text", "uri"]) {
        if (own(v, key) && typeof v[key] !== "string") {
            throw new UnreadableValue(childPath(path, key), "is a field of an asset, but not a string");
        }
    }
    if (!v.path && !v.text && !v.uri) {
        throw new UnreadableValue(path, "holds an asset without path, text or uri, which a policy pack cannot read");
    }
    return v;
}

/** An archive of assets and archives, or a non-empty path or uri. */
function archive(v: JsonObject, path: string): JsonValue {
    if (v.assets) {
        if (!isObject(v.assets)) {
            throw new UnreadableValue(childPath(path, "assets"), "holds the assets of an archive, but is not an object");
        }
        const assets = v.assets;
        return { ...v, assets: Object.fromEntries(Object.entries(assets).map(([k, a]) => {
            const at = childPath(childPath(path, "assets"), k);
            if (!isObject(a) || (a[SIG_KEY] !== ASSET_SIG && a[SIG_KEY] !== ARCHIVE_SIG)) {
                throw new UnreadableValue(at, "is in the assets of an archive, but is not an asset or an archive");
            }
            return [k, toAnalyzerValue(a, at)];
        })) };
    }
    if (!v.path && !v.uri) {
        throw new UnreadableValue(path, "holds an archive without assets, path or uri, which a policy pack cannot read");
    }
    return v;
}

function byteString(v: JsonObject, path: string): JsonValue {
    if (typeof v.value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(v.value)) {
        throw new UnreadableValue(path, "holds a byte string without its base64 value");
    }
    try {
        return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(v.value, "base64"));
    } catch {
        throw new UnreadableValue(path, "holds a string that is not valid UTF-8, which the Pulumi engine does not send to a policy pack");
    }
}

function float(v: JsonObject, path: string): JsonValue {
    if (typeof v.value !== "string" || !/^[0-9a-fA-F]{16}$/.test(v.value)) {
        throw new UnreadableValue(path, "holds a non-finite number without its 16 hexadecimal digits");
    }
    return Buffer.from(v.value, "hex").readDoubleBE(0);
}

const BY_SIGNATURE: Record<string, (v: JsonObject, path: string) => JsonValue> = {
    [SECRET_SIG]: secret,
    [RESOURCE_REF_SIG]: resourceReference,
    [OUTPUT_SIG]: outputValue,
    [ASSET_SIG]: asset,
    [ARCHIVE_SIG]: archive,
    [BYTE_STRING_SIG]: byteString,
    [FLOAT_SIG]: float,
};

/** A checkpoint's or a program's value, as the engine would hand it to an analyzer. */
export function toAnalyzerValue(v: JsonValue, path = ""): JsonValue {
    if (Array.isArray(v)) {
        return v.map((x, i) => toAnalyzerValue(x, childPath(path, i)));
    }
    if (!isObject(v)) {
        return v;
    }
    if (own(v, SIG_KEY)) {
        const sig = v[SIG_KEY];
        const convert = typeof sig === "string" && Object.prototype.hasOwnProperty.call(BY_SIGNATURE, sig) ? BY_SIGNATURE[sig] : undefined;
        if (!convert) {
            throw new UnreadableValue(path, `holds a value with the signature ${JSON.stringify(sig)}, which neither the Pulumi engine nor a policy pack knows`);
        }
        return convert(v, path);
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toAnalyzerValue(x, childPath(path, k))]));
}

/**
 * A resource's inputs or outputs (`part`) as the engine hands them over; a value no policy pack can
 * be handed is an input error naming the source, the resource and the property path.
 */
export function analyzerProps(props: JsonValue | undefined, part: "inputs" | "outputs", urn: string, source: string): JsonObject {
    try {
        if (props !== undefined && props !== null && !isObject(props)) {
            throw new UnreadableValue(part, "is not an object of properties");
        }
        return toAnalyzerValue(props ?? {}, part) as JsonObject;
    } catch (e) {
        if (e instanceof UnreadableValue) {
            throw new InputError(`${source}: ${urn}: ${e.message}`);
        }
        throw e;
    }
}
