/**
 * Which aws.ec2.ManagedPrefixListEntry resources belong to which prefix list of the stack: by the
 * entry's known prefixListId, or, while it is not known, to every list its prefixListId depends on
 * (with the reason it is not linked yet).
 */
import { PREFIX_LIST_ENTRY } from "../model/prefix-lists";
import { Undetermined } from "../model/values";
import { Targets, depsOf, linkRequired } from "./links";
import { push } from "./lists";
import type { StackResource } from "./resource";

export interface ListedEntry {
    readonly resource: StackResource;
    /** Set when the entry is not linked yet: it may belong to this list. */
    readonly why?: Undetermined;
}

/** The entry resources of each prefix list, by the list's key. */
export function entriesByList(resources: readonly StackResource[], prefixLists: Targets): Map<string, ListedEntry[]> {
    const byList = new Map<string, ListedEntry[]>();
    for (const r of resources.filter((x) => x.type === PREFIX_LIST_ENTRY)) {
        const link = linkRequired(r, "prefixListId", prefixLists);
        const lists = link.ref ? (link.ref.kind === "stack" ? [link.ref.urn] : []) : prefixLists.among(depsOf(r, "prefixListId")).targets;
        const why = link.ref ? undefined : link.undetermined;
        lists.forEach((u) => byList.set(u, push(byList.get(u), { resource: r, why })));
    }
    return byList;
}
