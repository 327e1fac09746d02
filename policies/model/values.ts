/**
 * Reading resource properties safely. During preview some values are not yet known: @pulumi/policy
 * hands them over as sentinel strings behind a proxy that throws UnknownValueError on access. Here
 * every read is caught and turned into a value that says so, with the property path, so that one
 * unknown never aborts a policy and never hides what is known.
 */
import { types } from "util";
import { Secret, UnknownValueError } from "@pulumi/policy";

/** Why a value cannot be decided on: it is unknown during preview, or it is invalid. */
export interface Undetermined {
    readonly undetermined: "unknown" | "invalid";
    /** Property path, e.g. "ingress[1].cidrBlocks[0]". */
    readonly path: string;
    /** Human-readable reason, e.g. "invalid CIDR '10.0.0.300/16' in ingress[1].cidrBlocks[0]". */
    readonly reason: string;
}

/** A value that is either decided (T) or undetermined. */
export type Maybe<T> = T | Undetermined;

export function isUndetermined(v: unknown): v is Undetermined {
    return typeof v === "object" && v !== null && "undetermined" in v;
}

export function unknownAt(path: string): Undetermined {
    return { undetermined: "unknown", path, reason: `${path} is not known until the resource is created` };
}

export function invalidAt(path: string, reason: string): Undetermined {
    return { undetermined: "invalid", path, reason };
}

/** The sentinel the SDK puts on the wire for any unknown value. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The sentinels the engine uses for unknown values (see @pulumi/policy's proxy module). */
export const UNKNOWN_SENTINELS = [
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    UNKNOWN_STRING,
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
] as const;
const UNKNOWN_SENTINEL_SET = new Set<string>(UNKNOWN_SENTINELS);
/** The wire form's signature key, and the signatures of secrets, output values and resource references. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** A property value read from a resource, with its path. */
export interface Field {
    readonly path: string;
    readonly state: "known" | "unknown" | "absent";
    /** The value when known (never null or undefined). */
    readonly value?: unknown;
}

function joinPath(parent: string, key: string | number): string {
    if (typeof key === "number") {
        return `${parent}[${key}]`;
    }
    return parent === "" ? key : `${parent}.${key}`;
}

const UNKNOWN_READ = Symbol("unknown");

/**
 * Classifies a raw value: unknown sentinel, secret or output wrapper, absent, or known. Only the
 * engine's wire forms (sentinel strings, objects carrying the signature key) and the policy SDK's
 * Secret class mean anything here: every other key of an object is data, so that no value written
 * in a program can pass itself off as unknown or secret.
 */
function classify(raw: unknown, path: string): Field {
    if (raw === UNKNOWN_READ) {
        return { path, state: "unknown" };
    }
    if (raw === undefined || raw === null) {
        return { path, state: "absent" };
    }
    if (typeof raw === "string" && UNKNOWN_SENTINEL_SET.has(raw)) {
        return { path, state: "unknown" };
    }
    if (typeof raw === "object") {
        const obj = raw as Record<string, unknown>;
        const sig = safeGet(obj, SIG_KEY);
        if (sig === SECRET_SIG) {
            if ("value" in obj) {
                return classify(safeGet(obj, "value"), path);
            }
            // A stack export's secret: readable only when exported with --show-secrets.
            const plaintext = safeGet(obj, "plaintext");
            if (typeof plaintext === "string") {
                try {
                    return classify(JSON.parse(plaintext), path);
                } catch {
                    return { path, state: "known", value: plaintext };
                }
            }
            return { path, state: "unknown" };
        }
        if (sig === OUTPUT_SIG) {
            // An output value is known exactly when it carries a value.
            return "value" in obj ? classify(safeGet(obj, "value"), path) : { path, state: "unknown" };
        }
        // Remediate wraps secrets in @pulumi/policy's own Secret class: an instance cannot come from data.
        if (raw instanceof Secret) {
            return classify(safeGet(raw, "value"), path);
        }
    }
    return { path, state: "known", value: raw };
}

/** Reads obj[key] through the policy proxy: an unknown value yields the UNKNOWN_READ marker. */
function safeGet(obj: object, key: string | number): unknown {
    try {
        return (obj as Record<string | number, unknown>)[key];
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return UNKNOWN_READ;
        }
        throw e;
    }
}

/** The object behind @pulumi/policy's unknown-checking proxy (the property name is the proxy's own). */
const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * The plain properties behind the policy proxy, for the policies to read from the start: reading
 * them directly is exact (classify knows the sentinels the proxy would throw on) and spares an
 * exception per unknown value read. A proxy given to `root` still reads correctly, only slower.
 */
export function plainProps(props: unknown): unknown {
    if (types.isProxy(props)) {
        const target = safeGet(props as object, PROXY_TARGET);
        if (typeof target === "object" && target !== null) {
            return target;
        }
    }
    return props;
}

/** The root of a resource's properties. */
export function root(props: unknown): Field {
    return classify(props, "");
}

/** The field `key` of an object field. Reading into a non-object yields "absent". */
export function child(parent: Field, key: string | number): Field {
    const path = joinPath(parent.path, key);
    // Only a known field has a value, and it is never null.
    if (typeof parent.value !== "object") {
        return { path, state: parent.state === "unknown" ? "unknown" : "absent" };
    }
    return classify(safeGet(parent.value as object, key), path);
}

/** Caps the length of lists read from props, so that hostile input cannot make a policy run forever. */
export const MAX_LIST = 100_000;

/**
 * The elements of a list field: absent -> [], a known array -> its elements, unknown or a
 * non-array -> undetermined.
 */
export function elements(field: Field): Field[] | Undetermined {
    if (field.state === "absent") {
        return [];
    }
    if (field.state === "unknown") {
        return unknownAt(field.path);
    }
    const value = field.value;
    if (!Array.isArray(value)) {
        return invalidAt(field.path, `${field.path} should be a list, got ${describe(value)}`);
    }
    if (value.length > MAX_LIST) {
        return invalidAt(field.path, `${field.path} has ${value.length} entries, more than the ${MAX_LIST} a policy reads`);
    }
    const out: Field[] = [];
    for (let i = 0; i < value.length; i++) {
        out.push(child(field, i));
    }
    return out;
}

/**
 * Why a list element that should be an object is not one, or undefined when it is: not known yet, or
 * invalid ("ingress[0] should be a rule object, got nothing").
 */
export function notAnObject(item: Field, what: string): Undetermined | undefined {
    if (item.state === "unknown") {
        return unknownAt(item.path);
    }
    const got = item.state === "absent" ? "nothing" : typeof item.value !== "object" || Array.isArray(item.value) ? describe(item.value) : undefined;
    return got === undefined ? undefined : invalidAt(item.path, `${item.path} should be ${what}, got ${got}`);
}

/** A string field: absent -> undefined. */
export function str(field: Field): Maybe<string | undefined> {
    return typed(field, "string", "a string") as Maybe<string | undefined>;
}

/** A number field: absent -> undefined. Numeric strings are accepted, as the provider does. */
export function num(field: Field): Maybe<number | undefined> {
    if (typeof field.value === "string" && /^-?\d+$/.test(field.value.trim())) {
        return Number(field.value);
    }
    const v = typed(field, "number", "a number");
    if (typeof v === "number" && !Number.isFinite(v)) {
        return invalidAt(field.path, `${field.path} should be a number, got ${describe(v)}`);
    }
    return v as Maybe<number | undefined>;
}

/** A boolean field: absent -> undefined. */
export function bool(field: Field): Maybe<boolean | undefined> {
    if (field.value === "true" || field.value === "false") {
        return field.value === "true";
    }
    return typed(field, "boolean", "true or false") as Maybe<boolean | undefined>;
}

function typed(field: Field, type: "string" | "number" | "boolean", expected: string): Maybe<unknown> {
    switch (field.state) {
        case "absent":
            return undefined;
        case "unknown":
            return unknownAt(field.path);
        default:
            return typeof field.value === type
                ? field.value
                : invalidAt(field.path, `${field.path} should be ${expected}, got ${describe(field.value)}`);
    }
}

/** A short, bounded rendering of a value for messages. */
export function describe(value: unknown): string {
    let text: string;
    if (typeof value === "string") {
        text = `'${value}'`;
    } else if (Array.isArray(value)) {
        text = "a list";
    } else if (typeof value === "object" && value !== null) {
        text = "an object";
    } else {
        text = String(value);
    }
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
