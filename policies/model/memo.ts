/**
 * Sharing one normalisation among the policies of one call. @pulumi/policy hands every policy its
 * own freshly deserialised copy of the props, so objects cannot be the key; their content can. A
 * small cache keyed by a digest of the content (and the resource's identity) is exact: the same
 * content always normalises to the same result.
 */
import { createHash } from "crypto";

/** The object behind @pulumi/policy's unknown-checking proxy (the property name is the proxy's own). */
const PROXY_TARGET = "__getSpecialProxyTarget";

/** The plain object behind a policy proxy, or the value itself. */
export function rawOf(value: unknown): unknown {
    if (typeof value === "object" && value !== null) {
        try {
            const target = (value as Record<string, unknown>)[PROXY_TARGET];
            if (target !== undefined) {
                return target;
            }
        } catch {
            return value;
        }
    }
    return value;
}

/**
 * A digest of JSON-like content, or undefined when it cannot be serialised (then nothing is
 * cached). Parts are hashed one by one, so that a large stack never becomes one huge string.
 */
export function digest(parts: readonly unknown[]): string | undefined {
    try {
        const hash = createHash("sha1");
        for (const part of parts) {
            const text = JSON.stringify(Array.isArray(part) ? part.map(rawOf) : rawOf(part), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
            hash.update(text === undefined ? "\u0000undefined" : text).update("\u0001");
        }
        return hash.digest("hex");
    } catch {
        return undefined;
    }
}

export class Memo<T> {
    private readonly entries = new Map<string, T>();

    constructor(private readonly size: number) {}

    /** The cached value for `key`, or a freshly built one (cached unless the key is undefined). */
    get(key: string | undefined, build: () => T): T {
        if (key === undefined) {
            return build();
        }
        const hit = this.entries.get(key);
        if (hit !== undefined) {
            return hit;
        }
        const value = build();
        this.entries.set(key, value);
        if (this.entries.size > this.size) {
            this.entries.delete(this.entries.keys().next().value as string);
        }
        return value;
    }
}
