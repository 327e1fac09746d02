/**
 * A Configure request read from its bytes. The protobuf library keeps map entries (policy names,
 * option names) in plain objects, where a key `__proto__` is lost: assigning it sets the
 * prototype. Read here, every key becomes an own property, so that the configuration check
 * judges exactly what the engine sent.
 *
 *     ConfigureAnalyzerRequest { map<string, PolicyConfig> policyConfig = 1; }
 *     PolicyConfig { EnforcementLevel enforcementLevel = 1; google.protobuf.Struct properties = 2; }
 */

const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const FIXED32 = 5;

class Reader {
    constructor(private readonly buf: Buffer, private pos = 0, private readonly end = buf.length) {}

    more(): boolean {
        return this.pos < this.end;
    }

    varint(): number {
        let value = 0;
        for (let scale = 1; ; scale *= 128) {
            if (this.pos >= this.end) {
                throw new Error("truncated Configure request");
            }
            const byte = this.buf[this.pos++];
            value += (byte & 0x7f) * scale;
            if (byte < 0x80) {
                return value;
            }
        }
    }

    /** The next field: its number and wire type. */
    tag(): [number, number] {
        const tag = this.varint();
        return [Math.floor(tag / 8), tag % 8];
    }

    sub(): Reader {
        const length = this.varint();
        if (this.pos + length > this.end) {
            throw new Error("truncated Configure request");
        }
        const reader = new Reader(this.buf, this.pos, this.pos + length);
        this.pos += length;
        return reader;
    }

    string(): string {
        const r = this.sub();
        return r.buf.toString("utf8", r.pos, r.end);
    }

    double(): number {
        const value = this.buf.readDoubleLE(this.pos);
        this.pos += 8;
        return value;
    }

    skip(wireType: number): void {
        switch (wireType) {
            case VARINT: this.varint(); break;
            case FIXED64: this.pos += 8; break;
            case LEN: this.sub(); break;
            case FIXED32: this.pos += 4; break;
            default: throw new Error(`unexpected wire type ${wireType} in Configure request`);
        }
    }
}

function put(o: Record<string, unknown>, key: string, value: unknown): void {
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A map entry { key = 1; value = 2; }. */
function entry<T>(r: Reader, value: (r: Reader) => T, empty: T): [string, T] {
    let key = "";
    let v = empty;
    while (r.more()) {
        const [field, type] = r.tag();
        if (field === 1 && type === LEN) {
            key = r.string();
        } else if (field === 2 && type === LEN) {
            v = value(r.sub());
        } else {
            r.skip(type);
        }
    }
    return [key, v];
}

/** google.protobuf.Value: null 1, number 2, string 3, bool 4, struct 5, list 6. */
function value(r: Reader): unknown {
    let v: unknown = null;
    while (r.more()) {
        const [field, type] = r.tag();
        if (field === 1 && type === VARINT) { r.varint(); v = null; }
        else if (field === 2 && type === FIXED64) { v = r.double(); }
        else if (field === 3 && type === LEN) { v = r.string(); }
        else if (field === 4 && type === VARINT) { v = r.varint() !== 0; }
        else if (field === 5 && type === LEN) { v = struct(r.sub()); }
        else if (field === 6 && type === LEN) { v = list(r.sub()); }
        else { r.skip(type); }
    }
    return v;
}

function list(r: Reader): unknown[] {
    const out: unknown[] = [];
    while (r.more()) {
        const [field, type] = r.tag();
        if (field === 1 && type === LEN) { out.push(value(r.sub())); } else { r.skip(type); }
    }
    return out;
}

/** google.protobuf.Struct { map<string, Value> fields = 1; } */
function struct(r: Reader): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (r.more()) {
        const [field, type] = r.tag();
        if (field === 1 && type === LEN) {
            const [k, v] = entry(r.sub(), value, null);
            put(out, k, v);
        } else {
            r.skip(type);
        }
    }
    return out;
}

export interface ConfiguredPolicy {
    /** The EnforcementLevel enum value. */
    readonly level: number;
    readonly properties: Record<string, unknown>;
}

function policyConfig(r: Reader): ConfiguredPolicy {
    let level = 0;
    let properties: Record<string, unknown> = {};
    while (r.more()) {
        const [field, type] = r.tag();
        if (field === 1 && type === VARINT) { level = r.varint(); }
        else if (field === 2 && type === LEN) { properties = struct(r.sub()); }
        else { r.skip(type); }
    }
    return { level, properties };
}

/** Policy name -> level and properties, every key an own property. */
export function readConfigureRequest(bytes: Buffer): Record<string, ConfiguredPolicy> {
    const r = new Reader(bytes);
    const out: Record<string, ConfiguredPolicy> = {};
    while (r.more()) {
        const [field, type] = r.tag();
        if (field === 1 && type === LEN) {
            const [name, config] = entry(r.sub(), policyConfig, { level: 0, properties: {} });
            put(out, name, config);
        } else {
            r.skip(type);
        }
    }
    return out;
}
