/** Lists grouped by key, built in place. */

/** `list` with `item` appended in place (a new list when there is none): linear for many items. */
export function push<T>(list: T[] | undefined, item: T): T[] {
    const out = list ?? [];
    out.push(item);
    return out;
}

/** The items under each of their keys (an item once per key), in their order. */
export function indexBy<T>(items: readonly T[], keys: (item: T) => string[]): Map<string, T[]> {
    const out = new Map<string, T[]>();
    for (const item of items) {
        for (const k of new Set(keys(item))) {
            out.set(k, push(out.get(k), item));
        }
    }
    return out;
}
