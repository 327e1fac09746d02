/**
 * Globs over URNs and resource names. `*` is any run of characters within one part of a URN: it
 * never crosses a `::` separator. `**` is any run at all, separators included. `?` is one
 * character within a part. Every other character stands for itself, and `::` in a pattern matches
 * only a separator.
 *
 * Matching runs the pattern's automaton over the subject once, with the set of live states held as
 * bits (32 states a word): no backtracking, so the work is (subject length) x (pattern length / 32).
 */

type Item = { kind: "char"; code: number } | { kind: "sep" } | { kind: "one" } | { kind: "star" } | { kind: "globstar" };

function parse(pattern: string): Item[] {
    const items: Item[] = [];
    const chars = Array.from(pattern);
    for (let i = 0; i < chars.length; i++) {
        const c = chars[i];
        const last = items[items.length - 1];
        if (c === "*") {
            const kind = chars[i + 1] === "*" ? "globstar" : "star";
            while (chars[i + 1] === "*") {
                i++;
            }
            // Adjacent stars make one: `***` and `*` followed by `**` are `**`.
            if (last?.kind === "star" || last?.kind === "globstar") {
                items[items.length - 1] = { kind: last.kind === "globstar" || kind === "globstar" ? "globstar" : "star" };
            } else {
                items.push({ kind });
            }
        } else if (c === "?") {
            items.push({ kind: "one" });
        } else if (c === ":" && chars[i + 1] === ":") {
            items.push({ kind: "sep" });
            i++;
        } else {
            items.push({ kind: "char", code: c.codePointAt(0) as number });
        }
    }
    return items;
}

export interface Glob {
    readonly pattern: string;
    test(subject: string): boolean;
    /** Word operations of the last test: (symbols read) x (words per state set). */
    readonly work: number;
}

export function compileGlob(pattern: string): Glob {
    const items = parse(pattern);
    const states = items.length + 1;
    const words = Math.ceil(states / 32);
    const mask = () => new Uint32Array(words);
    const set = (m: Uint32Array, i: number) => { m[i >>> 5] |= 1 << (i & 31); };
    // State i: items [0, i) matched. Masks of the states that step on a symbol, that stay, and that
    // may skip ahead on nothing (a star matching the empty run).
    const byChar = new Map<number, Uint32Array>();
    const anyChar = mask();
    const onSep = mask();
    const stayOnChar = mask();
    const stayOnSep = mask();
    const skip = mask();
    items.forEach((item, i) => {
        switch (item.kind) {
            case "char":
                if (!byChar.has(item.code)) {
                    byChar.set(item.code, mask());
                }
                set(byChar.get(item.code) as Uint32Array, i);
                break;
            case "one": set(anyChar, i); break;
            case "sep": set(onSep, i); break;
            case "star": set(stayOnChar, i); set(skip, i); break;
            case "globstar": set(stayOnChar, i); set(stayOnSep, i); set(skip, i); break;
        }
    });
    const none = mask();
    let work = 0;
    return {
        pattern,
        get work() { return work; },
        test(subject: string): boolean {
            work = 0;
            let live = mask();
            let next = mask();
            set(live, 0);
            closeOver(live, skip, words);
            for (let i = 0; i < subject.length; i++) {
                const code = subject.codePointAt(i) as number;
                if (code > 0xffff) {
                    i++;
                }
                const separator = code === 58 && subject.charCodeAt(i + 1) === 58;
                if (separator) {
                    i++;
                }
                const step = separator ? onSep : anyChar;
                const step2 = separator ? none : byChar.get(code) ?? none;
                const stay = separator ? stayOnSep : stayOnChar;
                // live := (live & step) << 1 | (live & stay), then the stars' skips.
                let carry = 0;
                let any = 0;
                for (let w = 0; w < words; w++) {
                    const moving = live[w] & (step[w] | step2[w]);
                    next[w] = (moving << 1) | carry | (live[w] & stay[w]);
                    carry = moving >>> 31;
                }
                closeOver(next, skip, words);
                for (let w = 0; w < words; w++) {
                    any |= next[w];
                }
                work += words;
                if (any === 0) {
                    return false;
                }
                const swap = live;
                live = next;
                next = swap;
            }
            const last = states - 1;
            return (live[last >>> 5] & (1 << (last & 31))) !== 0;
        },
    };
}

/** Adds the states a star lets skip ahead on nothing; stars never follow one another after parsing, so one shift closes the set. */
function closeOver(live: Uint32Array, skip: Uint32Array, words: number): void {
    let carry = 0;
    for (let w = 0; w < words; w++) {
        const skipping = live[w] & skip[w];
        live[w] |= (skipping << 1) | carry;
        carry = skipping >>> 31;
    }
}

/**
 * A pattern shaped like a URN (it starts with `urn:` or holds a `::` separator) names resources by
 * URN only. A resource name may hold anything, `::` included, so only a plain name glob is ever
 * tried against names.
 */
export function isUrnPattern(pattern: string): boolean {
    return pattern.startsWith("urn:") || pattern.includes("::");
}

/** Does the glob match the text? */
export function globMatch(pattern: string, text: string): boolean {
    return compileGlob(pattern).test(text);
}
