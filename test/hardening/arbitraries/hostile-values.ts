/**
 * fast-check arbitraries for hostile values: any field may be replaced by a value of the wrong type,
 * null, NaN, huge or negative numbers, hostile CIDR strings, deeply nested or very large lists,
 * wire-form secrets and outputs, or one of the engine's unknown sentinels. Realistic values stay the
 * most likely (see `field`), so that the policies' logic is reached as often as their input checks.
 */
import fc from "fast-check";
import { OUTPUT_SIG, SECRET_SIG, SIG_KEY, UNKNOWN_SENTINELS } from "../../../policies/model/values";

export type Props = Record<string, unknown>;

// ------------------------------------------------------------------------------------------------
// Hostile leaves
// ------------------------------------------------------------------------------------------------

export const unknownSentinel = fc.constantFrom(...UNKNOWN_SENTINELS);

const HOSTILE_CIDRS = [
    "::ffff:1.2.3.4/200", "0.0.0.0/0\u0000", "0.0.0.0/0\n", " 0.0.0.0/0", "0.0.0.0/00", "0.0.0.0/-1", "1.2.3.4/-1",
    "1.2.3.4/33", "1.2.3.4/", "/0", "0/0", "0.0.0/0", "00.0.0.0/0", "010.0.0.1/8", "10.0.0.256/8", "1.2.3.4.5/8",
    "\u0661\u0660.0.0.0/8", "١٠.٠.٠.٠/٨", "０.０.０.０/０", "::/0", "::/129", ":::/0", "0::0::0/0", "::ffff:0.0.0.0/96",
    "::1.2.3.4/128", "2001:db8::/32", "2001:db8:::/32", "00000::/0", "::ffff:01.2.3.4/128", "fe80::1%eth0/64",
    "0.0.0.0/1", "128.0.0.0/1", "0.0.0.0/0 ", "0.0.0.0 /0", "1e3.0.0.0/8", "0x0.0.0.0/0", "4294967296/0", "-1.0.0.0/0",
    "0.0.0.0/1e1", "0.0.0.0/0x0", "0.0.0.0/+0", "a.b.c.d/0", "*", "any", "0.0.0.0/0,::/0", "🙂", "\ud800", "",
    `${"9".repeat(400)}/8`, `${"1.".repeat(2000)}1/8`, `${":".repeat(5000)}/0`, `0.0.0.0/${"0".repeat(10_000)}`,
];

export const validCidr4 = fc.oneof(
    fc.constantFrom("0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8", "192.168.1.0/24", "1.2.3.4/32", "172.16.0.0/12"),
    fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(32)).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`),
);
export const validCidr6 = fc.oneof(
    fc.constantFrom("::/0", "::0/0", "0:0:0:0:0:0:0:0/0", "2001:db8::/32", "::/1", "8000::/1", "fd00::/8", "::1/128"),
    fc.tuple(fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }), fc.nat(128))
        .map(([gs, p]) => `${gs.map((g) => g.toString(16)).join(":")}/${p}`),
);
export const hostileCidr = fc.oneof(
    fc.constantFrom(...HOSTILE_CIDRS),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 20 }).map((s) => `${s}/0`),
    fc.tuple(fc.integer({ min: -300, max: 300 }), fc.integer({ min: -300, max: 300 }), fc.integer({ min: -5, max: 300 }))
        .map(([a, b, p]) => `${a}.0.0.${b}/${p}`),
    fc.tuple(validCidr4, fc.constantFrom("\u0000", "\u200b", "\t", "/", "/0", "%", ".0")).map(([c, s]) => `${c}${s}`),
);

/** Numbers that are not a valid anything: ports out of range, floats, non-finite, huge. */
export const hostileNumber = fc.oneof(
    fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER,
        Number.MAX_SAFE_INTEGER + 2, 5e-324, -1, 65535, 65536, 70000, 2 ** 32, 2 ** 53, 22.5, 0.1, -65535, 32767, 32766, 256, 255, -2),
    fc.double(),
    fc.integer({ min: -100_000, max: 100_000 }),
);

const hostileString = fc.oneof(
    fc.constantFrom("", " ", "-1", "22", " 22 ", "0022", "+6", "-0", "99999999999999999999999", "1e3", "0x16", "NaN", "Infinity",
        "tcp", "TCP", "all", "ALL", "icmpv6", "58", "256", "-2", "true", "false", "allow", "ALLOW ", "deny", "ingress", "egress",
        "__proto__", "constructor", "toString", "hasOwnProperty", "\u0000", "\ud83d", "x".repeat(20_000), SIG_KEY, SECRET_SIG, OUTPUT_SIG),
    fc.string({ maxLength: 30 }),
    hostileCidr,
);

/** Wire-form secrets and outputs around a value. */
export function wrapped(inner: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
    return fc.oneof(
        inner.map((value) => ({ [SIG_KEY]: SECRET_SIG, value })),
        fc.string({ maxLength: 20 }).map((ciphertext) => ({ [SIG_KEY]: SECRET_SIG, ciphertext })),
        inner.map((v) => ({ [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(v) ?? "undefined" })),
        fc.constantFrom({ [SIG_KEY]: SECRET_SIG, plaintext: "{not json" }, { [SIG_KEY]: SECRET_SIG, plaintext: 42 }, { [SIG_KEY]: SECRET_SIG }),
        fc.constant({ [SIG_KEY]: OUTPUT_SIG, known: false }),
        inner.map((value) => ({ [SIG_KEY]: OUTPUT_SIG, known: true, value })),
        inner.map((value) => ({ [SIG_KEY]: OUTPUT_SIG, known: true, secret: true, value, dependencies: ["urn:x"] })),
        fc.tuple(inner, fc.constantFrom<unknown>(true, "true", 1, null, UNKNOWN_SENTINELS[2])).map(([value, known]) => ({ [SIG_KEY]: OUTPUT_SIG, known, value })),
        fc.tuple(inner, fc.constantFrom<unknown>(SECRET_SIG, OUTPUT_SIG, UNKNOWN_SENTINELS[0], "", 7, null))
            .map(([value, sig]) => ({ [SIG_KEY]: sig, value, known: true })),
        inner.map((value) => ({ __pulumiUnknown: true, value })),
        inner.map((value) => ({ constructor: { name: "Secret" }, value })),
    );
}

/** Keys that probe prototype and proxy handling. Own properties (as JSON.parse makes them). */
const PROBE_KEYS = ["constructor", "__proto__", "toString", "valueOf", "length", "then", "prototype", "hasOwnProperty",
    "__isSpecialProxy", "__getSpecialProxyTarget", SIG_KEY, "value", "known"];

/** An object with own data properties for the given entries (also for "__proto__"). */
export function ownObject(entries: [string, unknown][]): Props {
    const o: Props = {};
    for (const [k, v] of entries) {
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return o;
}

const leaf: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom<unknown>(null, true, false, {}, []),
    hostileNumber,
    hostileString,
    unknownSentinel,
);

/** Arbitrary JSON-ish values, nested a few levels, with secrets, outputs and sentinels anywhere. */
export const hostileTree: fc.Arbitrary<unknown> = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        { arbitrary: leaf, weight: 6 },
        { arbitrary: fc.array(tie("tree"), { maxLength: 4 }), weight: 2 },
        {
            arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROBE_KEYS), fc.string({ maxLength: 8 })), tie("tree")), { maxLength: 4 })
                .map(ownObject),
            weight: 2,
        },
        { arbitrary: wrapped(tie("tree")), weight: 1 },
    ),
})).tree;

/** A nesting of `depth` lists (or objects) around a value: no recursion in the building. */
export function deeplyNested(depth: number, kind: "array" | "object", inner: unknown = "0.0.0.0/0"): unknown {
    let v: unknown = inner;
    for (let i = 0; i < depth; i++) {
        v = kind === "array" ? [v] : { [i % 2 === 0 ? "cidrBlocks" : "ingress"]: v };
    }
    return v;
}

/** Anything hostile, including very large lists (thousands of entries) and deep nesting. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
    { arbitrary: hostileTree, weight: 20 },
    { arbitrary: wrapped(hostileTree), weight: 4 },
    {
        arbitrary: fc.tuple(fc.integer({ min: 1000, max: 4000 }), fc.array(fc.oneof(validCidr4, hostileTree), { minLength: 1, maxLength: 4 }))
            .map(([n, xs]) => Array.from({ length: n }, (_, i) => xs[i % xs.length])),
        weight: 1,
    },
    { arbitrary: fc.tuple(fc.integer({ min: 50, max: 300 }), fc.constantFrom<"array" | "object">("array", "object")).map(([d, k]) => deeplyNested(d, k)), weight: 1 },
);

/** Usually the good value, sometimes a hostile one, sometimes a sentinel or a wrapped good value. */
export function field<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
    return fc.oneof(
        { arbitrary: good, weight: 12 },
        { arbitrary: hostile, weight: 3 },
        { arbitrary: unknownSentinel, weight: 1 },
        { arbitrary: wrapped(good), weight: 2 },
        { arbitrary: fc.constant(null), weight: 1 },
    );
}

/** A list field: a list of usually good elements, each of which may be hostile; or a hostile list. */
export function listField<T>(element: fc.Arbitrary<T>, maxLength = 4): fc.Arbitrary<unknown> {
    return field(fc.array(field(element), { maxLength }));
}

/** An object of the given fields, any of them absent, plus a probe key now and then. */
export function shape(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Props> {
    return fc.tuple(
        fc.record(fields, { requiredKeys: [] }),
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROBE_KEYS), fc.string({ maxLength: 8 })), hostileTree), { maxLength: 1 }),
    ).map(([rec, extra]) => ownObject([...Object.entries(rec), ...extra]));
}
