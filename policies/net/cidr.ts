import * as ipaddr from "ipaddr.js";
import { Interval } from "./intervals";

export type Family = 4 | 6;

/** A parsed CIDR block: its text as written, its family, and the address range it covers. */
export interface Cidr {
    readonly text: string;
    readonly family: Family;
    readonly prefix: number;
    readonly range: Interval;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };
const MAX_TEXT = 64;

function toBigInt(bytes: number[]): bigint {
    return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

/** Every address of a family, as an interval. */
export function familyRange(family: Family): Interval {
    return { lo: 0n, hi: (1n << BigInt(BITS[family])) - 1n };
}

/**
 * Parses a CIDR block numerically. Accepts IPv4 in four-part decimal and IPv6 in any valid
 * spelling ("::0/0", "0:0:0:0:0:0:0:0/0"). Host bits are masked off, as AWS does when it
 * evaluates a rule. Returns undefined for anything AWS would reject, or for a block of the wrong
 * family when `family` is given.
 */
export function parseCidr(text: unknown, family?: Family): Cidr | undefined {
    if (typeof text !== "string" || text.length > MAX_TEXT) {
        return undefined;
    }
    if (!parsed.has(text)) {
        if (parsed.size >= MAX_PARSED) {
            parsed.clear();
        }
        parsed.set(text, parseText(text));
    }
    const cidr = parsed.get(text);
    return cidr !== undefined && (family === undefined || cidr.family === family) ? cidr : undefined;
}

/**
 * Blocks already parsed, by text: a stack repeats the same few blocks in thousands of rules.
 * Parsing is pure and a Cidr immutable, so sharing one is exact.
 */
const parsed = new Map<string, Cidr | undefined>();
const MAX_PARSED = 4096;

function parseText(text: string): Cidr | undefined {
    const m = /^([0-9a-fA-F:.]+)\/(0|[1-9][0-9]{0,2})$/.exec(text);
    if (!m) {
        return undefined;
    }
    const [, address, prefixText] = m;
    const isV4 = ipaddr.IPv4.isValidFourPartDecimal(address);
    const value = isV4 ? toBigInt(ipaddr.IPv4.parse(address).toByteArray()) : ipv6Value(address);
    if (value === undefined) {
        return undefined;
    }
    const fam: Family = isV4 ? 4 : 6;
    const prefix = Number(prefixText);
    if (prefix > BITS[fam]) {
        return undefined;
    }
    const bits = BigInt(BITS[fam]);
    const hostBits = bits - BigInt(prefix);
    const lo = (value >> hostBits) << hostBits;
    const hi = lo + (1n << hostBits) - 1n;
    return Object.freeze({ text, family: fam, prefix, range: Object.freeze({ lo, hi }) });
}

/**
 * The value of an IPv6 address, or undefined when it is not one (RFC 4291 2.2): eight groups of one to
 * four hex digits, or fewer around one "::" that stands for at least one zero group; the last two groups
 * may be written as an IPv4 address in four-part decimal (::a.b.c.d is the low 32 bits). Read here, not
 * by ipaddr.js, which takes "::a.b.c.d" for ::ffff:a.b.c.d and accepts five-digit groups, zero-padded
 * embedded octets, a "::" that stands for no group, and a trailing colon.
 */
function ipv6Value(address: string): bigint | undefined {
    let text = address;
    let low = 0n;
    if (address.includes(".")) {
        // An embedded IPv4 address: the last two groups, in four-part decimal.
        const colon = address.lastIndexOf(":");
        const v4 = address.slice(colon + 1);
        if (!ipaddr.IPv4.isValidFourPartDecimal(v4)) {
            return undefined;
        }
        low = toBigInt(ipaddr.IPv4.parse(v4).toByteArray());
        text = `${address.slice(0, colon + 1)}0:0`;
    }
    const halves = text.split("::").map((half) => (half === "" ? [] : half.split(":")));
    const count = halves.reduce((n, half) => n + half.length, 0);
    if (halves.length > 2 || (halves.length === 2 ? count > 7 : count !== 8)
        || !halves.every((half) => half.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group)))) {
        return undefined;
    }
    const groups = halves.length === 2 ? [...halves[0], ...Array<string>(8 - count).fill("0"), ...halves[1]] : halves[0];
    return groups.reduce((n, group) => (n << 16n) | BigInt(parseInt(group, 16)), 0n) | low;
}

/** True when the block is the whole address family (0.0.0.0/0, ::/0). */
export function isWholeFamily(c: Cidr): boolean {
    return c.prefix === 0;
}

export function familyName(family: Family): string {
    return family === 4 ? "IPv4" : "IPv6";
}

/** Formats an address range of a family back into CIDR blocks (the minimal list). */
export function rangeToCidrs(range: Interval, family: Family): string[] {
    const bits = BITS[family];
    const out: string[] = [];
    let lo = range.lo;
    while (lo <= range.hi) {
        // The largest block that starts at lo (aligned to its size) and ends by range.hi.
        const aligned = lo === 0n ? bits : bitLength(lo & -lo) - 1;
        const fits = bitLength(range.hi - lo + 1n) - 1;
        const size = Math.min(aligned, fits, bits);
        out.push(`${formatAddress(lo, family)}/${bits - size}`);
        lo += 1n << BigInt(size);
    }
    return out;
}

/** The number of binary digits of a positive value, counted 32 bits at a time. */
function bitLength(n: bigint): number {
    let bits = 0;
    for (; n > 0xffffffffn; n >>= 32n) {
        bits += 32;
    }
    return bits + 32 - Math.clz32(Number(n));
}

function formatAddress(value: bigint, family: Family): string {
    if (family === 4) {
        // ipaddr.js writes an IPv4 address as its four octets, dotted.
        const v = Number(value);
        return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
    }
    const bytes: number[] = [];
    for (let i = BITS[family] / 8 - 1; i >= 0; i--) {
        bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
    }
    return ipaddr.fromByteArray(bytes).toString();
}
