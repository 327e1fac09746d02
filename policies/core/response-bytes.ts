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

/**
 * The byte lengths of a response's strings, each checked once: a diagnostic's policy name, pack,
 * version and description repeat on every diagnostic of the policy, and its URN on every finding on
 * the resource. Throws Unwritable for a string with a surrogate code unit.
 */
class Lengths {
    private readonly repeated = new Map<string, number>();

    of(v: string, repeats: boolean): number {
        const known = repeats ? this.repeated.get(v) : undefined;
        if (known !== undefined) { return known; }
        const n = Buffer.byteLength(v, "utf8");
        // A string of one byte per character is ASCII, and so has no surrogate.
        if (n !== v.length && SURROGATE.test(v)) { throw new Unwritable("a surrogate code unit"); }
        if (repeats) { this.repeated.set(v, n); }
        return n;
    }
}

/** A message to write: its fields, the byte length of each string field, and its size without its own tag and length. */
interface Message { readonly field: number; readonly fields: readonly Field[]; readonly lengths: number[]; size: number }

/** The message's lengths and size; proto3 leaves out empty strings and zero enums. `repeats` names the string fields that repeat. */
function measured(field: number, fields: readonly Field[], lengths: Lengths, repeats: ReadonlySet<number>): Message {
    const m: Message = { field, fields, lengths: [], size: 0 };
    for (const [f, v] of fields) {
        let n = 0;
        if (typeof v === "string") {
            if (v.length > 0) {
                n = lengths.of(v, repeats.has(f));
                m.size += 1 + varintSize(n) + n;
            }
        } else if (v !== 0) {
            if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) { throw new Unwritable("an enum out of range"); }
            m.size += 1 + varintSize(v);
        }
        m.lengths.push(n);
    }
    return m;
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

    message({ field, fields, lengths, size }: Message): void {
        this.buf[this.pos++] = (field << 3) | 2;
        this.varint(size);
        fields.forEach(([f, v], i) => {
            if (typeof v === "string") {
                if (v.length > 0) {
                    this.buf[this.pos++] = (f << 3) | 2;
                    this.varint(lengths[i]);
                    this.pos += this.buf.write(v, this.pos, "utf8");
                }
            } else if (v !== 0) {
                this.buf[this.pos++] = f << 3;
                this.varint(v);
            }
        });
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

/** A diagnostic's string fields that repeat from one diagnostic to the next: policy name, pack, version, description, URN. */
const REPEATED = new Set([1, 2, 3, 4, 8]);

/** The bytes google-protobuf would write for the response; undefined when this writer does not follow it exactly. */
export function responseBytes(response: Response): Buffer | undefined {
    try {
        const lengths = new Lengths();
        const messages = [
            ...response.getDiagnosticsList().map((d) => measured(2, diagnosticFields(d), lengths, REPEATED)),
            ...response.getNotApplicableList().map((n) => measured(3, [[1, n.getPolicyName()], [2, n.getReason()]], lengths, REPEATED)),
        ];
        const total = messages.reduce((n, m) => n + 1 + varintSize(m.size) + m.size, 0);
        const w = new Writer(Buffer.allocUnsafe(total));
        for (const m of messages) {
            w.message(m);
        }
        return w.pos === total ? w.buf : undefined;
    } catch (e) {
        if (e instanceof Unwritable) {
            return undefined;
        }
        throw e;
    }
}
