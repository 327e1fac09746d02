/**
 * Closed integer intervals and sets of them, over bigint so that the same code serves
 * ports (0..65535), IPv4 addresses (32 bits) and IPv6 addresses (128 bits).
 */
export interface Interval {
    readonly lo: bigint;
    readonly hi: bigint;
}

/** A normalised set: sorted, disjoint, non-adjacent intervals. */
export type IntervalSet = readonly Interval[];

export function interval(lo: bigint | number, hi: bigint | number): Interval {
    const l = BigInt(lo);
    const h = BigInt(hi);
    if (l > h) {
        throw new RangeError(`empty interval ${l}..${h}`);
    }
    return { lo: l, hi: h };
}

/** Sorts and merges overlapping or adjacent intervals. */
export function normalise(items: Iterable<Interval>): IntervalSet {
    const sorted = [...items].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
    const out: Interval[] = [];
    for (const it of sorted) {
        const last = out[out.length - 1];
        if (last && it.lo <= last.hi + 1n) {
            if (it.hi > last.hi) {
                out[out.length - 1] = { lo: last.lo, hi: it.hi };
            }
        } else {
            out.push(it);
        }
    }
    return out;
}

export function union(a: IntervalSet, b: IntervalSet): IntervalSet {
    return normalise([...a, ...b]);
}

/** a minus b. Both must be normalised. */
export function subtract(a: IntervalSet, b: IntervalSet): IntervalSet {
    const out: Interval[] = [];
    let j = 0;
    for (const it of a) {
        let lo = it.lo;
        const hi = it.hi;
        while (j < b.length && b[j].hi < lo) {
            j++;
        }
        let k = j;
        while (k < b.length && b[k].lo <= hi) {
            if (b[k].lo > lo) {
                out.push({ lo, hi: b[k].lo - 1n });
            }
            lo = b[k].hi + 1n;
            k++;
        }
        if (lo <= hi) {
            out.push({ lo, hi });
        }
    }
    return out;
}

/** a intersected with b. Both must be normalised. */
export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
    const out: Interval[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
        const lo = a[i].lo > b[j].lo ? a[i].lo : b[j].lo;
        const hi = a[i].hi < b[j].hi ? a[i].hi : b[j].hi;
        if (lo <= hi) {
            out.push({ lo, hi });
        }
        if (a[i].hi < b[j].hi) {
            i++;
        } else {
            j++;
        }
    }
    return out;
}

/** True when every point of `inner` lies in `outer`. */
export function covers(outer: IntervalSet, inner: IntervalSet): boolean {
    return subtract(inner, outer).length === 0;
}

export function overlaps(a: IntervalSet, b: IntervalSet): boolean {
    return intersect(a, b).length > 0;
}

export function size(a: IntervalSet): bigint {
    return a.reduce((n, it) => n + (it.hi - it.lo + 1n), 0n);
}
