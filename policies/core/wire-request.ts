/**
 * Analyze and AnalyzeStack requests read from their bytes straight into plain values.
 * google-protobuf decodes a request into a tree of message objects many times the size of its bytes
 * (about 470 MB for a stack of 20,000 resources), which the framework's path then converts to plain
 * values once per policy; on the shared path (call-args.ts) the values are read once, here, and the
 * tree is never built. The reading follows google-protobuf's (protobuf-reader.ts; the fields as
 * @pulumi/pulumi's classes generated from analyzer.proto number them): the last occurrence of a
 * field wins, map entries are listed in the order of their sorted keys, a Struct's values are what
 * `Struct.toJavaScript()` gives. Anything else, such as an unexpected wire type, a string that is not
 * well-formed UTF-8 or a map key "__proto__", throws Unreadable, and the caller decodes the request
 * with google-protobuf.
 */
import { LEN, Reader, Unreadable, VARINT, FIXED64, expect, struct } from "./protobuf-reader";

export { Unreadable };

/** Resource fields the pack's arguments are built from, as in an AnalyzerResource (or an AnalyzeRequest). */
export interface WireResource {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly parent: string;
    readonly properties?: PlainStruct;
    readonly options?: WireOptions;
    readonly provider?: { readonly type: string; readonly urn: string; readonly name: string; readonly properties?: PlainStruct };
    readonly dependencies: readonly string[];
    /** By property, sorted by property name. */
    readonly propertyDependencies: readonly (readonly [string, readonly string[]])[];
}

export interface WireOptions {
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    readonly deleteBeforeReplace: boolean;
    readonly deleteBeforeReplaceDefined: boolean;
    readonly additionalSecretOutputs: readonly string[];
    readonly aliases: readonly string[];
    readonly customTimeouts?: { readonly create: number; readonly update: number; readonly delete: number };
    readonly parent: string;
}

/** A Struct as the framework's deserialisation reads it. */
export interface PlainStruct { toJavaScript(): Record<string, unknown> }

/** A map's entry (key field 1, value field 2), by key; the last entry of a key wins. */
function mapEntry<V>(r: Reader, into: Map<string, V>, readValue: (r: Reader) => V, empty: () => V): void {
    let key = "";
    let v: V | undefined;
    r.fields((field, wire) => {
        expect(wire, LEN);
        if (field === 1) {
            key = r.string();
        } else if (field === 2 && v === undefined) {
            v = readValue(r.sub());
        } else {
            // google-protobuf merges a repeated value and reads no other field: not worth following.
            throw new Unreadable(`field ${field} in a map entry`);
        }
        return true;
    });
    if (key === "__proto__") { throw new Unreadable("a map key __proto__"); }
    into.set(key, v ?? empty());
}

const sortedEntries = <V>(m: Map<string, V>): [string, V][] => [...m.keys()].sort().map((k) => [k, m.get(k)!]);

function plainStruct(r: Reader): PlainStruct {
    const values = struct(r);
    return { toJavaScript: () => values };
}

function options(r: Reader): WireOptions {
    const o = { protect: false, ignoreChanges: [] as string[], deleteBeforeReplace: false, deleteBeforeReplaceDefined: false,
        additionalSecretOutputs: [] as string[], aliases: [] as string[], customTimeouts: undefined as WireOptions["customTimeouts"], parent: "" };
    r.fields((field, wire) => {
        switch (field) {
            case 1: expect(wire, VARINT); o.protect = r.bool(); return true;
            case 2: expect(wire, LEN); o.ignoreChanges.push(r.string()); return true;
            case 3: expect(wire, VARINT); o.deleteBeforeReplace = r.bool(); return true;
            case 4: expect(wire, VARINT); o.deleteBeforeReplaceDefined = r.bool(); return true;
            case 5: expect(wire, LEN); o.additionalSecretOutputs.push(r.string()); return true;
            case 6: expect(wire, LEN); o.aliases.push(r.string()); return true;
            case 7: expect(wire, LEN); o.customTimeouts = timeouts(r.sub()); return true;
            case 8: expect(wire, LEN); o.parent = r.string(); return true;
            default: return false;
        }
    });
    return o;
}

function timeouts(r: Reader): { create: number; update: number; delete: number } {
    const t = { create: 0, update: 0, delete: 0 };
    const names = [undefined, "create", "update", "delete"] as const;
    r.fields((field, wire) => {
        if (field === 4) { expect(wire, FIXED64); r.double(); return true; }
        const name = names[field];
        return name !== undefined && (expect(wire, FIXED64), t[name] = r.double(), true);
    });
    return t;
}

function provider(r: Reader): NonNullable<WireResource["provider"]> {
    const p: { type: string; urn: string; name: string; properties?: PlainStruct } = { type: "", urn: "", name: "" };
    r.fields((field, wire) => {
        switch (field) {
            case 1: expect(wire, LEN); p.type = r.string(); return true;
            case 2: expect(wire, LEN); p.properties = plainStruct(r.sub()); return true;
            case 3: expect(wire, LEN); p.urn = r.string(); return true;
            case 4: expect(wire, LEN); p.name = r.string(); return true;
            default: return false;
        }
    });
    return p;
}

function urns(r: Reader): string[] {
    const out: string[] = [];
    r.fields((field, wire) => field === 1 && (expect(wire, LEN), out.push(r.string()), true));
    return out;
}

function resource(r: Reader): WireResource {
    const res: { -readonly [K in keyof WireResource]: WireResource[K] } & { dependencies: string[] } = {
        type: "", urn: "", name: "", parent: "", dependencies: [], propertyDependencies: [],
    };
    const deps = new Map<string, string[]>();
    r.fields((field, wire) => {
        switch (field) {
            case 1: expect(wire, LEN); res.type = r.string(); return true;
            case 2: expect(wire, LEN); res.properties = plainStruct(r.sub()); return true;
            case 3: expect(wire, LEN); res.urn = r.string(); return true;
            case 4: expect(wire, LEN); res.name = r.string(); return true;
            case 5: expect(wire, LEN); res.options = options(r.sub()); return true;
            case 6: expect(wire, LEN); res.provider = provider(r.sub()); return true;
            case 7: expect(wire, LEN); res.parent = r.string(); return true;
            case 8: expect(wire, LEN); res.dependencies.push(r.string()); return true;
            case 9: expect(wire, LEN); mapEntry(r.sub(), deps, urns, () => []); return true;
            default: return false;
        }
    });
    res.propertyDependencies = sortedEntries(deps);
    return res;
}

/** The resources of an AnalyzeStack request's bytes; throws Unreadable where google-protobuf might read them otherwise. */
export function readStackRequest(bytes: Buffer): WireResource[] {
    const out: WireResource[] = [];
    const r = new Reader(bytes);
    r.fields((field, wire) => field === 1 && (expect(wire, LEN), out.push(resource(r.sub())), true));
    return out;
}

/** The resource of an Analyze request's bytes (its fields are numbered as an AnalyzerResource's first six). */
export function readAnalyzeRequest(bytes: Buffer): WireResource {
    return resource(new Reader(bytes));
}

/** The bytes of a message without its fields numbered `dropped`. */
export function withoutFields(bytes: Buffer, dropped: readonly number[]): Buffer {
    const r = new Reader(bytes);
    const kept: Buffer[] = [];
    while (r.more()) {
        const start = r.at();
        const [field, wire] = r.key();
        r.skip(wire);
        if (!dropped.includes(field)) {
            kept.push(bytes.subarray(start, r.at()));
        }
    }
    return Buffer.concat(kept);
}
