/**
 * Reading protobuf messages from their bytes as google-protobuf reads them (3.21, the version
 * @pulumi/pulumi's generated classes use), for wire-request.ts: fields one by one, the last
 * occurrence of a field winning, and google.protobuf.Struct values as `Struct.toJavaScript()` gives
 * them. What google-protobuf might read otherwise throws Unreadable.
 */

export class Unreadable extends Error {}

/** One message's bytes, read field by field. */
export class Reader {
    private pos: number;

    constructor(private readonly bytes: Buffer, start = 0, private readonly end = bytes.length,
        private readonly view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)) {
        this.pos = start;
    }

    more(): boolean { return this.pos < this.end; }

    at(): number { return this.pos; }

    /** A bool (google-protobuf reads 32 bits of its varint). */
    bool(): boolean {
        const v = this.varint();
        if (v > 0xffffffff) { throw new Unreadable("a bool of more than 32 bits"); }
        return v !== 0;
    }

    varint(): number {
        let value = 0;
        for (let shift = 0; shift < 64; shift += 7) {
            if (this.pos >= this.end) { throw new Unreadable("truncated varint"); }
            const b = this.bytes[this.pos++];
            value += (b & 0x7f) * 2 ** shift;
            if (b < 0x80) { return value; }
        }
        throw new Unreadable("varint too long");
    }

    /** The next field's number and wire type. */
    key(): [number, number] {
        const k = this.varint();
        return [Math.floor(k / 8), k % 8];
    }

    /** The bytes of a length-delimited field, as a reader. */
    sub(): Reader {
        const length = this.varint();
        if (this.pos + length > this.end) { throw new Unreadable("truncated field"); }
        const r = new Reader(this.bytes, this.pos, this.pos + length, this.view);
        this.pos += length;
        return r;
    }

    string(): string {
        const length = this.varint();
        const [start, end, bytes] = [this.pos, this.pos + length, this.bytes];
        if (end > this.end) { throw new Unreadable("truncated string"); }
        this.pos = end;
        let ascii = "";
        for (let i = start; i < end; i++) {
            const b = bytes[i];
            if (b >= 0x80) {
                const s = bytes.toString("utf8", start, end);
                if (s.includes("\uFFFD")) { throw new Unreadable("not well-formed UTF-8"); }
                return s;
            }
            if (length <= 12) { ascii += String.fromCharCode(b); }
        }
        return length <= 12 ? ascii : bytes.toString("latin1", start, end);
    }

    double(): number {
        if (this.pos + 8 > this.end) { throw new Unreadable("truncated double"); }
        const d = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return d;
    }

    skip(wire: number): void {
        switch (wire) {
            case 0: this.varint(); break;
            case 1: this.pos += 8; break;
            case 2: this.sub(); break;
            case 5: this.pos += 4; break;
            default: throw new Unreadable(`wire type ${wire}`);
        }
        if (this.pos > this.end) { throw new Unreadable("truncated field"); }
    }

    /** Reads every field with `read(field, wire)`; unknown fields are skipped. */
    fields(read: (field: number, wire: number) => boolean): void {
        while (this.more()) {
            const [field, wire] = this.key();
            if (!read(field, wire)) { this.skip(wire); }
        }
    }
}

export const LEN = 2;
export const VARINT = 0;
export const FIXED64 = 1;

export function expect(wire: number, wanted: number): void {
    if (wire !== wanted) { throw new Unreadable(`wire type ${wire} where ${wanted} was expected`); }
}

const NONE = Symbol("no value");

/** A google.protobuf.Value, as `Value.toJavaScript()` gives it (the last kind on the wire). */
function value(r: Reader): unknown {
    let v: unknown = NONE;
    while (r.more()) {
        const key = r.varint();
        const wire = key % 8;
        switch ((key - wire) / 8) {
            case 1: expect(wire, VARINT); r.varint(); v = null; break;
            case 2: expect(wire, FIXED64); v = r.double(); break;
            case 3: expect(wire, LEN); v = r.string(); break;
            case 4: expect(wire, VARINT); v = r.bool(); break;
            case 5: expect(wire, LEN); v = struct(r.sub()); break;
            case 6: expect(wire, LEN); v = list(r.sub()); break;
            default: r.skip(wire);
        }
    }
    if (v === NONE) { throw new Unreadable("a Value without a kind"); }
    return v;
}

function list(r: Reader): unknown[] {
    const out: unknown[] = [];
    r.fields((field, wire) => field === 1 && (expect(wire, LEN), out.push(value(r.sub())), true));
    return out;
}

/** A Struct's entry: its key and value. */
function structEntry(r: Reader): [string, unknown] {
    let key = "";
    let v: unknown = NONE;
    while (r.more()) {
        const k = r.varint();
        expect(k % 8, LEN);
        if (k === 10) {
            key = r.string();
        } else if (k === 18 && v === NONE) {
            v = value(r.sub());
        } else {
            // google-protobuf merges a repeated value and reads no other field: not worth following.
            throw new Unreadable(`field ${Math.floor(k / 8)} in a map entry`);
        }
    }
    if (key === "__proto__" || v === NONE) { throw new Unreadable(v === NONE ? "a map entry without a value" : "a map key __proto__"); }
    return [key, v];
}

/** A google.protobuf.Struct, as `Struct.toJavaScript()` gives it: keys in sorted order, the last entry of a key winning. */
export function struct(r: Reader): Record<string, unknown> {
    const entries: [string, unknown][] = [];
    let sorted = true;
    while (r.more()) {
        const key = r.varint();
        if (key !== 10) { r.skip(key % 8); continue; }
        const e = structEntry(r.sub());
        sorted &&= entries.length === 0 || entries[entries.length - 1][0] < e[0];
        entries.push(e);
    }
    if (!sorted) {
        // Stable: of equal keys, the last one on the wire stays last, and is assigned last.
        entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
        out[k] = v;
    }
    return out;
}
