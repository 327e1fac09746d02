/**
 * An AnalyzeResponse written to bytes as google-protobuf writes it (the fields, their order and
 * encoding of @pulumi/pulumi's generated AnalyzeResponse.serializeBinaryToWriter), in one buffer.
 * A stack of 20,000 resources gets some 30,000 diagnostics back, 34 MB; google-protobuf's writer
 * takes about a second over them. A response this writer does not follow exactly (a string with a
 * surrogate code unit, which google-protobuf encodes its own way, or an enum out of range) is left
 * to google-protobuf: `responseBytes` then answers undefined.
 */

export interface Diagnostic {
    getPolicyname(): string; getPolicypackname(): string; getPolicypackversion(): string; getDescription(): string; getMessage(): string;
    getEnforcementlevel(): number; getUrn(): string; getSeverity(): number;
}
export interface NotApplicable { getPolicyName(): string; getReason(): string }
export interface Response { getDiagnosticsList(): Diagnostic[]; getNotApplicableList(): NotApplicable[] }

/** A field of a message: a string (wire type 2) or an enum (wire type 0), by field number. */
type Field = readonly [number, string | number];

const SURROGATE = /[\uD800-\uDFFF]/;

class Unwritable extends Error {}

function varintSize(n: number): number {
    let size = 1;
    while (n >= 0x80) {
        n = Math.floor(n / 128);
        size++;
    }
    return size;
}

/** The size of a message's fields, without its own tag and length; proto3 leaves out empty strings and zero enums. */
function fieldsSize(fields: readonly Field[]): number {
    let size = 0;
    for (const [, v] of fields) {
        if (typeof v === "string") {
            if (v.length === 0) { continue; }
            if (SURROGATE.test(v)) { throw new Unwritable("a surrogate code unit"); }
            const n = Buffer.byteLength(v, "utf8");
            size += 1 + varintSize(n) + n;
        } else if (v !== 0) {
            if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) { throw new Unwritable("an enum out of range"); }
            size += 1 + varintSize(v);
        }
    }
    return size;
}

class Writer {
    pos = 0;
    constructor(readonly buf: Buffer) {}

    varint(n: number): void {
        while (n >= 0x80) {
            this.buf[this.pos++] = (n & 0x7f) | 0x80;
            n = Math.floor(n / 128);
        }
        this.buf[this.pos++] = n;
    }

    message(field: number, fields: readonly Field[], size: number): void {
        this.buf[this.pos++] = (field << 3) | 2;
        this.varint(size);
        for (const [f, v] of fields) {
            if (typeof v === "string") {
                if (v.length > 0) {
                    this.buf[this.pos++] = (f << 3) | 2;
                    this.varint(Buffer.byteLength(v, "utf8"));
                    this.pos += this.buf.write(v, this.pos, "utf8");
                }
            } else if (v !== 0) {
                this.buf[this.pos++] = f << 3;
                this.varint(v);
            }
        }
    }
}

const diagnosticFields = (d: Diagnostic): Field[] => [
    [1, d.getPolicyname()], [2, d.getPolicypackname()], [3, d.getPolicypackversion()], [4, d.getDescription()], [5, d.getMessage()],
    [7, d.getEnforcementlevel()], [8, d.getUrn()], [9, d.getSeverity()],
];

/** Whether `r` reads as an AnalyzeResponse. */
export function isResponse(r: unknown): r is Response {
    return typeof (r as Partial<Response> | undefined)?.getDiagnosticsList === "function" && typeof (r as Response).getNotApplicableList === "function";
}

/** The bytes google-protobuf would write for the response; undefined when this writer does not follow it exactly. */
export function responseBytes(response: Response): Buffer | undefined {
    try {
        const messages = [
            ...response.getDiagnosticsList().map((d) => [2, diagnosticFields(d)] as const),
            ...response.getNotApplicableList().map((n) => [3, [[1, n.getPolicyName()], [2, n.getReason()]] as Field[]] as const),
        ].map(([field, fields]) => ({ field, fields, size: fieldsSize(fields) }));
        const total = messages.reduce((n, m) => n + 1 + varintSize(m.size) + m.size, 0);
        const w = new Writer(Buffer.allocUnsafe(total));
        for (const m of messages) {
            w.message(m.field, m.fields, m.size);
        }
        return w.pos === total ? w.buf : undefined;
    } catch (e) {
        if (e instanceof Unwritable) {
            return undefined;
        }
        throw e;
    }
}
