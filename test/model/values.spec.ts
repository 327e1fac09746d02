import * as assert from "assert";
import { Secret, unknownCheckingProxy } from "@pulumi/policy";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import {
    Field, MAX_LIST, OUTPUT_SIG as MODEL_OUTPUT_SIG, RESOURCE_REF_SIG as MODEL_RESOURCE_REF_SIG, SECRET_SIG as MODEL_SECRET_SIG,
    SIG_KEY as MODEL_SIG_KEY, UNKNOWN_SENTINELS, Undetermined, bool, child, describe as describeValue, elements, notAnObject, num, plainProps, root, str,
} from "../../policies/model/values";

// The wire forms as the SDKs themselves define them, not as the code under test spells them. The
// policy SDK's sentinels are internal to it (not in its type declarations), hence the typed require.
const policyProxy = require("@pulumi/policy/proxy") as Record<
    "unknownBooleanValue" | "unknownNumberValue" | "unknownStringValue" | "unknownArrayValue" | "unknownAssetValue" |
    "unknownArchiveValue" | "unknownObjectValue", string>;
const UNKNOWN = rpc.unknownValue;
const SIG = rpc.specialSigKey;
const SECRET_SIG = rpc.specialSecretSig;
const OUTPUT_SIG = rpc.specialOutputValueSig;
const UNKNOWN_ARRAY = policyProxy.unknownArrayValue;
const UNKNOWN_NUMBER = policyProxy.unknownNumberValue;
const UNKNOWN_BOOL = policyProxy.unknownBooleanValue;

const secret = (value: unknown) => ({ [SIG]: SECRET_SIG, value });

function unknown(path: string): Undetermined {
    return { undetermined: "unknown", path, reason: `${path} is not known until the resource is created` };
}
function invalid(path: string, reason: string): Undetermined {
    return { undetermined: "invalid", path, reason };
}

/** Reads a path ("a.b[0]") from props, as plain data and as the runtime hands it over (behind the proxy). */
function at(props: Record<string, unknown>, proxied: boolean, ...keys: (string | number)[]): Field {
    let f = root(proxied ? unknownCheckingProxy(props) : props);
    for (const k of keys) {
        f = child(f, k);
    }
    return f;
}

/** A field with its value swapped for a plain copy, so that results behind the proxy compare exactly. */
function plain(f: Field): Field {
    return f.state === "known" ? { path: f.path, state: "known", value: JSON.parse(JSON.stringify(f.value)) } : f;
}

describe("model/values", () => {
    describe("child paths", () => {
        const cases: [string, string | number, string][] = [["", "ingress", "ingress"], ["ingress", 0, "ingress[0]"], ["ingress[0]", "cidrBlocks", "ingress[0].cidrBlocks"], ["", 3, "[3]"]];
        for (const [parent, key, expected] of cases) {
            it(`joins '${parent}' and ${JSON.stringify(key)} into '${expected}'`, () => assert.strictEqual(child({ path: parent, state: "absent" }, key).path, expected));
        }
    });

    describe("root", () => {
        it("reads a plain object as a known root with an empty path", () => {
            const props = { a: 1 };
            assert.deepStrictEqual(root(props), { path: "", state: "known", value: props });
        });
        it("reads undefined props as absent", () => assert.deepStrictEqual(root(undefined), { path: "", state: "absent" }));
        it("reads null props as absent", () => assert.deepStrictEqual(root(null), { path: "", state: "absent" }));
        it("reads props behind the proxy as known", () => {
            const f = root(unknownCheckingProxy({ a: 1 }));
            assert.deepStrictEqual(plain(f), { path: "", state: "known", value: { a: 1 } });
        });
    });

    for (const proxied of [false, true]) {
        const how = proxied ? "through unknownCheckingProxy" : "on plain objects";
        describe(`child, elements and scalars ${how}`, () => {
            const props = {
                name: "web",
                port: 22,
                portText: "22",
                paddedPort: " 443 ",
                negative: "-1",
                flag: true,
                flagText: "false",
                nothing: null,
                unknownString: UNKNOWN,
                unknownNumber: UNKNOWN_NUMBER,
                unknownBool: UNKNOWN_BOOL,
                unknownList: UNKNOWN_ARRAY,
                list: ["10.0.0.0/8", UNKNOWN, null, 5],
                nested: { inner: { leaf: "x" } },
                oops: "oops",
                obj: { a: 1 },
                secretText: secret("x"),
                secretList: secret(["a", "b"]),
                secretNumber: secret(22),
                outputKnown: { [SIG]: OUTPUT_SIG, value: "y" },
                outputUnknown: { [SIG]: OUTPUT_SIG, dependencies: ["urn:pulumi:s::p::t::n"] },
                markerLookalike: { __pulumiUnknown: true },
                secretLookalike: { constructor: { name: "Secret" }, value: "z" },
                policySecret: new Secret("z"),
                float: 1.5,
                nan: NaN,
                inf: Infinity,
                exp: "1e3",
                hex: "0x16",
                long: "y".repeat(200),
            };
            const f = (...keys: (string | number)[]) => at(props, proxied, ...keys);

            describe("child", () => {
                it("reads a known string field", () => assert.deepStrictEqual(f("name"), { path: "name", state: "known", value: "web" }));
                it("reads a missing field as absent", () => assert.deepStrictEqual(f("missing"), { path: "missing", state: "absent" }));
                it("reads null as absent", () => assert.deepStrictEqual(f("nothing"), { path: "nothing", state: "absent" }));
                it("reads the unknown sentinel at a field as unknown", () => assert.deepStrictEqual(f("unknownString"), { path: "unknownString", state: "unknown" }));
                it("reads the unknown-list sentinel as unknown", () => assert.deepStrictEqual(f("unknownList"), { path: "unknownList", state: "unknown" }));
                it("reads under an unknown field as unknown", () => assert.deepStrictEqual(f("unknownList", 0), { path: "unknownList[0]", state: "unknown" }));
                it("reads under an absent field as absent", () => assert.deepStrictEqual(f("missing", "x", 0), { path: "missing.x[0]", state: "absent" }));
                it("reads into a string as absent", () => assert.deepStrictEqual(f("oops", "x"), { path: "oops.x", state: "absent" }));
                it("reads a nested leaf with a dotted path", () => assert.deepStrictEqual(f("nested", "inner", "leaf"), { path: "nested.inner.leaf", state: "known", value: "x" }));
                it("reads the unknown sentinel at a list element as unknown", () => assert.deepStrictEqual(f("list", 1), { path: "list[1]", state: "unknown" }));
                it("reads a secret in wire form as its value", () => assert.deepStrictEqual(f("secretText"), { path: "secretText", state: "known", value: "x" }));
                it("reads a known output in wire form as its value", () => assert.deepStrictEqual(f("outputKnown"), { path: "outputKnown", state: "known", value: "y" }));
                it("reads an output without a value as unknown", () => assert.deepStrictEqual(f("outputUnknown"), { path: "outputUnknown", state: "unknown" }));
                it("reads an object that only looks like the mock runtime's unknown marker as data", () =>
                    assert.deepStrictEqual(f("markerLookalike"), { path: "markerLookalike", state: "known", value: { __pulumiUnknown: true } }));
                it("reads an object with its own constructor named Secret as data, not as a secret", () =>
                    assert.deepStrictEqual(f("secretLookalike", "value"), { path: "secretLookalike.value", state: "known", value: "z" }));
                it("reads a @pulumi/policy Secret as its value", () => assert.deepStrictEqual(f("policySecret"), { path: "policySecret", state: "known", value: "z" }));
            });

            describe("elements", () => {
                it("lists the elements of a known list, an unknown element as unknown and null as absent", () => {
                    const list = elements(f("list"));
                    assert.ok(Array.isArray(list));
                    assert.deepStrictEqual(list, [
                        { path: "list[0]", state: "known", value: "10.0.0.0/8" },
                        { path: "list[1]", state: "unknown" },
                        { path: "list[2]", state: "absent" },
                        { path: "list[3]", state: "known", value: 5 },
                    ]);
                });
                it("makes the whole list unknown when the list is the unknown sentinel", () => assert.deepStrictEqual(elements(f("unknownList")), unknown("unknownList")));
                it("lists an absent list as []", () => assert.deepStrictEqual(elements(f("missing")), []));
                it("takes an element that is an object as one, and says why each other element is not", () => {
                    const list = elements(f("list")) as Field[];
                    assert.deepStrictEqual([f("obj"), ...list].map((item) => notAnObject(item, "a rule object")), [
                        undefined,
                        invalid("list[0]", "list[0] should be a rule object, got '10.0.0.0/8'"),
                        unknown("list[1]"),
                        invalid("list[2]", "list[2] should be a rule object, got nothing"),
                        invalid("list[3]", "list[3] should be a rule object, got 5"),
                    ]);
                    assert.deepStrictEqual(notAnObject(f("nested"), "an entry"), undefined);
                    assert.deepStrictEqual(notAnObject({ path: "x", state: "known", value: [] }, "an entry"), invalid("x", "x should be an entry, got a list"));
                });
                it("lists a null list as []", () => assert.deepStrictEqual(elements(f("nothing")), []));
                it("rejects a string where a list belongs", () => assert.deepStrictEqual(elements(f("oops")), invalid("oops", "oops should be a list, got 'oops'")));
                it("rejects an object where a list belongs", () => assert.deepStrictEqual(elements(f("obj")), invalid("obj", "obj should be a list, got an object")));
                it("rejects a number where a list belongs", () => assert.deepStrictEqual(elements(f("port")), invalid("port", "port should be a list, got 22")));
                it("lists the elements of a secret list", () => {
                    assert.deepStrictEqual(elements(f("secretList")), [
                        { path: "secretList[0]", state: "known", value: "a" },
                        { path: "secretList[1]", state: "known", value: "b" },
                    ]);
                });
            });

            describe("str", () => {
                const cases: [string, (string | number)[], unknown][] = [
                    ["reads a string", ["name"], "web"],
                    ["reads a secret string", ["secretText"], "x"],
                    ["reads a missing string as undefined", ["missing"], undefined],
                    ["reads a null string as undefined", ["nothing"], undefined],
                    ["reads an unknown string as unknown", ["unknownString"], unknown("unknownString")],
                    ["reads an unknown list element as unknown", ["list", 1], unknown("list[1]")],
                    ["rejects a number", ["port"], invalid("port", "port should be a string, got 22")],
                    ["rejects a boolean", ["flag"], invalid("flag", "flag should be a string, got true")],
                    ["rejects a list", ["secretList"], invalid("secretList", "secretList should be a string, got a list")],
                    ["rejects an object", ["obj"], invalid("obj", "obj should be a string, got an object")],
                ];
                for (const [name, keys, expected] of cases) {
                    it(name, () => assert.deepStrictEqual(str(f(...keys)), expected));
                }
            });

            describe("num", () => {
                const cases: [string, (string | number)[], unknown][] = [
                    ["reads a number", ["port"], 22],
                    ["accepts the numeric string '22'", ["portText"], 22],
                    ["accepts a numeric string with spaces ' 443 '", ["paddedPort"], 443],
                    ["accepts the negative numeric string '-1'", ["negative"], -1],
                    ["reads a secret number", ["secretNumber"], 22],
                    ["reads a non-integer number as it is", ["float"], 1.5],
                    ["reads a missing number as undefined", ["missing"], undefined],
                    ["reads null as undefined", ["nothing"], undefined],
                    ["reads an unknown number as unknown", ["unknownNumber"], unknown("unknownNumber")],
                    ["rejects a non-numeric string", ["name"], invalid("name", "name should be a number, got 'web'")],
                    ["rejects an exponent string '1e3'", ["exp"], invalid("exp", "exp should be a number, got '1e3'")],
                    ["rejects a hex string '0x16'", ["hex"], invalid("hex", "hex should be a number, got '0x16'")],
                    ["rejects NaN", ["nan"], invalid("nan", "nan should be a number, got NaN")],
                    ["rejects Infinity", ["inf"], invalid("inf", "inf should be a number, got Infinity")],
                    ["rejects a boolean", ["flag"], invalid("flag", "flag should be a number, got true")],
                    ["rejects a list", ["list"], invalid("list", "list should be a number, got a list")],
                    ["cuts a long value to 80 characters in the reason", ["long"], invalid("long", `long should be a number, got '${"y".repeat(76)}...`)],
                ];
                for (const [name, keys, expected] of cases) {
                    it(name, () => assert.deepStrictEqual(num(f(...keys)), expected));
                }
            });

            describe("bool", () => {
                const cases: [string, (string | number)[], unknown][] = [
                    ["reads true", ["flag"], true],
                    ["accepts the string 'false'", ["flagText"], false],
                    ["reads a missing flag as undefined", ["missing"], undefined],
                    ["reads null as undefined", ["nothing"], undefined],
                    ["reads an unknown flag as unknown", ["unknownBool"], unknown("unknownBool")],
                    ["rejects a number", ["port"], invalid("port", "port should be true or false, got 22")],
                    ["rejects the string 'oops'", ["oops"], invalid("oops", "oops should be true or false, got 'oops'")],
                ];
                for (const [name, keys, expected] of cases) {
                    it(name, () => assert.deepStrictEqual(bool(f(...keys)), expected));
                }
            });
        });
    }

    describe("stack-export secrets", () => {
        for (const proxied of [false, true]) {
            const how = proxied ? "through the proxy" : "plain object";
            it(`reads an encrypted secret (ciphertext only) as unknown (${how})`, () => {
                assert.deepStrictEqual(str(at({ s: { [SIG]: SECRET_SIG, ciphertext: "AAAA" } }, proxied, "s")), unknown("s"));
            });
            it(`reads a --show-secrets plaintext as its JSON value (${how})`, () => {
                assert.deepStrictEqual(num(at({ s: { [SIG]: SECRET_SIG, plaintext: "22" } }, proxied, "s")), 22);
                assert.deepStrictEqual(str(at({ s: { [SIG]: SECRET_SIG, plaintext: "\"10.0.0.0/8\"" } }, proxied, "s")), "10.0.0.0/8");
            });
            it(`reads a --show-secrets plaintext that is not JSON as that text (${how})`, () => {
                assert.deepStrictEqual(at({ s: { [SIG]: SECRET_SIG, plaintext: "10.0.0.0/8" } }, proxied, "s"), { path: "s", state: "known", value: "10.0.0.0/8" });
            });
        }
    });

    describe("unknowns inside wrappers", () => {
        it("reads a wire-form secret holding the unknown sentinel as unknown (plain object)", () => {
            assert.deepStrictEqual(str(at({ s: secret(UNKNOWN) }, false, "s")), unknown("s"));
        });
        it("reads a wire-form secret holding the unknown sentinel as unknown (through the proxy)", () => {
            assert.deepStrictEqual(str(at({ s: secret(UNKNOWN) }, true, "s")), unknown("s"));
        });
        it("reads a @pulumi/policy Secret holding the unknown sentinel as unknown (through the proxy)", () => {
            assert.deepStrictEqual(str(at({ s: new Secret(UNKNOWN) }, true, "s")), unknown("s"));
        });
        it("reads a known output holding the unknown sentinel as unknown (through the proxy)", () => {
            assert.deepStrictEqual(str(at({ o: { [SIG]: OUTPUT_SIG, value: UNKNOWN } }, true, "o")), unknown("o"));
        });
    });

    describe("wire forms are the SDKs' own", () => {
        it("the unknown sentinels are exactly those @pulumi/policy's proxy and @pulumi/pulumi's runtime define", () => {
            const defined = new Set([
                policyProxy.unknownBooleanValue, policyProxy.unknownNumberValue, policyProxy.unknownStringValue,
                policyProxy.unknownArrayValue, policyProxy.unknownAssetValue, policyProxy.unknownArchiveValue,
                policyProxy.unknownObjectValue, rpc.unknownValue,
            ]);
            assert.deepStrictEqual(new Set(UNKNOWN_SENTINELS), defined);
        });
        it("the signature key and the secret, output-value and resource-reference signatures are @pulumi/pulumi's", () => {
            assert.deepStrictEqual([MODEL_SIG_KEY, MODEL_SECRET_SIG, MODEL_OUTPUT_SIG, MODEL_RESOURCE_REF_SIG],
                [rpc.specialSigKey, rpc.specialSecretSig, rpc.specialOutputValueSig, rpc.specialResourceSig]);
        });
        for (const sentinel of [policyProxy.unknownBooleanValue, policyProxy.unknownNumberValue, policyProxy.unknownStringValue,
            policyProxy.unknownArrayValue, policyProxy.unknownObjectValue]) {
            it(`reads the sentinel ${sentinel} as unknown, through the proxy too`, () => {
                assert.deepStrictEqual(at({ x: sentinel }, false, "x"), { path: "x", state: "unknown" });
                assert.deepStrictEqual(at({ x: sentinel }, true, "x"), { path: "x", state: "unknown" });
            });
        }
        it("reads root props carrying __pulumiUnknown: true as known data", () => {
            assert.deepStrictEqual(root({ __pulumiUnknown: true, ingress: [] }), { path: "", state: "known", value: { __pulumiUnknown: true, ingress: [] } });
        });
    });

    describe("reading into a known value that is not an object", () => {
        it("reads a string's own property as absent: a string holds no fields", () => {
            assert.deepStrictEqual(at({ name: "web" }, false, "name", "length"), { path: "name.length", state: "absent" });
        });
    });

    describe("errors other than an unknown value", () => {
        it("passes on an error a property read throws for another reason", () => {
            const props = Object.defineProperty({}, "broken", { get: () => { throw new RangeError("broken getter"); }, enumerable: true });
            assert.throws(() => child(root(props), "broken"), /broken getter/);
        });
    });

    describe("plainProps", () => {
        it("returns the very object behind @pulumi/policy's proxy", () => {
            const props = { name: "web" };
            assert.strictEqual(plainProps(unknownCheckingProxy(props)), props);
        });
        it("returns plain props as they are", () => {
            const props = { name: "web" };
            assert.strictEqual(plainProps(props), props);
        });
        it("returns plain props carrying a key named like the proxy's target as they are: data is not a proxy", () => {
            const props = { __getSpecialProxyTarget: { ingress: [] }, ingress: [{ fromPort: 22 }] };
            assert.strictEqual(plainProps(props), props);
        });
        it("returns a proxy that is not the policy proxy as it is", () => {
            const other = new Proxy({ name: "web" }, {});
            assert.strictEqual(plainProps(other), other);
        });
        it("returns a proxy whose target property is null as it is", () => {
            const other = new Proxy({ __getSpecialProxyTarget: null }, {});
            assert.strictEqual(plainProps(other), other);
        });
    });

    describe("list cap", () => {
        it(`reads at most MAX_LIST (${MAX_LIST}) elements of a list within the cap`, () => {
            const list = elements(at({ xs: new Array(MAX_LIST).fill("a") }, false, "xs"));
            assert.ok(Array.isArray(list));
            assert.strictEqual(list.length, MAX_LIST);
            assert.deepStrictEqual(list[MAX_LIST - 1], { path: `xs[${MAX_LIST - 1}]`, state: "known", value: "a" });
        });
        it("rejects a list longer than MAX_LIST instead of silently dropping its tail", () => {
            const xs = new Array(MAX_LIST + 1).fill("10.0.0.0/8");
            assert.deepStrictEqual(elements(at({ xs }, false, "xs")),
                invalid("xs", `xs has ${MAX_LIST + 1} entries, more than the ${MAX_LIST} a policy reads`));
        });
    });

    describe("describe", () => {
        const cases: [unknown, string][] = [["a", "'a'"], [22, "22"], [false, "false"], [[1], "a list"], [{}, "an object"], [undefined, "undefined"], [null, "null"]];
        for (const [value, expected] of cases) {
            it(`renders ${String(value)} as ${expected}`, () => assert.strictEqual(describeValue(value), expected));
        }
        it("keeps a rendering of exactly 80 characters whole", () => {
            assert.strictEqual(describeValue("y".repeat(78)), `'${"y".repeat(78)}'`);
        });
        it("cuts a long rendering to 80 characters", () => {
            assert.strictEqual(describeValue("z".repeat(100)), `'${"z".repeat(76)}...`);
        });
    });
});
