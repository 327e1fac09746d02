/**
 * A key of its own for every resource of a stack. The engine never sends two resources with one
 * URN, but a broken or hostile input can; each copy is then evaluated as a resource of its own: the
 * first keeps its URN as key, a later one gets "<urn>#<n>" (a key no other resource has), and its
 * dependencies on a shared URN lead to every copy.
 */
import type { StackResource } from "./resource";

export interface Keys {
    readonly resources: readonly StackResource[];
    /** Key -> URN, for the keys that are not the URN itself. */
    readonly urnOf: ReadonlyMap<string, string>;
    /** The keys of every resource with this URN. */
    keysOf(urn: string): readonly string[];
}

export function uniqueKeys(input: readonly StackResource[]): Keys {
    const urns = new Set(input.map((r) => r.urn));
    if (urns.size === input.length) {
        return { resources: input, urnOf: new Map(), keysOf: (urn) => (urns.has(urn) ? [urn] : []) };
    }
    const byUrn = new Map<string, string[]>();
    const urnOf = new Map<string, string>();
    const used = new Set<string>();
    // The next suffix to try per URN, so that many copies of one URN cost linear time.
    const next = new Map<string, number>();
    const keys = input.map((r) => {
        let key = r.urn;
        let n = next.get(r.urn) ?? 2;
        while (used.has(key) || (key !== r.urn && urns.has(key))) {
            key = `${r.urn}#${n++}`;
        }
        next.set(r.urn, n);
        used.add(key);
        const copies = byUrn.get(r.urn) ?? [];
        copies.push(key);
        byUrn.set(r.urn, copies);
        if (key !== r.urn) {
            urnOf.set(key, r.urn);
        }
        return key;
    });
    const keysOf = (urn: string) => byUrn.get(urn) ?? [];
    const expand = (deps: readonly string[]) => [...new Set(deps.flatMap((u) => (byUrn.has(u) ? keysOf(u) : [u])))];
    const resources = input.map((r, i) => ({
        ...r,
        urn: keys[i],
        dependencies: expand(r.dependencies),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([p, deps]) => [p, expand(deps)])),
    }));
    return { resources, urnOf, keysOf };
}
