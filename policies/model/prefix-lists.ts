/**
 * Managed prefix lists as rules see them: the CIDR blocks a list holds. One canonical entry per
 * block, from the list's inline `entries` or from an aws.ec2.ManagedPrefixListEntry resource, with
 * the resource and property path it was written at. A list whose entries are not all known says
 * why it may hold more.
 */
import { ManagedPrefixListEntry } from "@pulumi/aws/ec2/managedPrefixListEntry";
import { Cidr, Family, parseCidr } from "../net/cidr";
import { ResourceRef, propsOf } from "./resource-ref";
import { typeToken } from "./types";
import { Field, Maybe, Undetermined, child, describe, elements, invalidAt, isUndetermined, str } from "./values";

export const PREFIX_LIST_ENTRY = typeToken(ManagedPrefixListEntry);

export interface PrefixListEntry {
    /** The resource the entry is written on: the list itself, or an aws.ec2.ManagedPrefixListEntry. */
    readonly resource: Omit<ResourceRef, "props">;
    /** "entries[0].cidr" on the list, "cidr" on an entry resource. */
    readonly path: string;
    readonly cidr: Maybe<Cidr>;
}

/** A value that is not decided yet, and the resource it belongs to. */
interface UndeterminedOn {
    readonly why: Undetermined;
    readonly resource: Omit<ResourceRef, "props">;
}

export interface PrefixListEntries {
    /** The list's address family (addressFamily); undetermined when not known or not IPv4/IPv6. */
    readonly family: Maybe<Family>;
    /** The list's own entries that entry resources do not repeat, then those of the entry resources. */
    readonly entries: PrefixListEntry[];
    /** Entries of entry resources that may belong to the list (which list they name is not known yet), and why. */
    readonly maybe: (PrefixListEntry & { readonly why: UndeterminedOn })[];
    /** Set when the list's own entries are not known yet (they may be anything): why. */
    readonly more?: UndeterminedOn;
}

function refOf(r: ResourceRef): Omit<ResourceRef, "props"> {
    return { urn: r.urn, name: r.name, type: r.type };
}

function familyOf(field: Field): Maybe<Family> {
    const v = str(field);
    if (v === "IPv4" || v === "IPv6") {
        return v === "IPv4" ? 4 : 6;
    }
    return isUndetermined(v) ? v : invalidAt(field.path, `${field.path} should be 'IPv4' or 'IPv6', got ${v === undefined ? "nothing" : describe(v)}`);
}

function entryOf(resource: ResourceRef, field: Field, family: Maybe<Family>): PrefixListEntry {
    const text = str(field);
    const fam = isUndetermined(family) ? undefined : family;
    const cidr = isUndetermined(text) ? text
        : text === undefined ? invalidAt(field.path, `${field.path} is empty: a CIDR block is needed`)
            : parseCidr(text, fam) ?? invalidAt(field.path, `invalid ${fam === 6 ? "IPv6 " : fam === 4 ? "IPv4 " : ""}CIDR ${describe(text)} in ${field.path}`);
    return { resource: refOf(resource), path: field.path, cidr };
}

function sameBlock(a: Maybe<Cidr>, b: Maybe<Cidr>): boolean {
    return !isUndetermined(a) && !isUndetermined(b) && a.family === b.family && a.range.lo === b.range.lo && a.range.hi === b.range.hi;
}

/**
 * The blocks of `list`: its own inline entries, then those of the entry resources linked to it (a
 * deployed list's outputs repeat the entry resources' blocks: such a block counts once, as the
 * entry resource's), and those of entry resources that may be linked to it, with the reason.
 */
export function prefixListEntries(list: ResourceRef, entryResources: readonly ResourceRef[],
    maybe: readonly { readonly resource: ResourceRef; readonly why: Undetermined }[]): PrefixListEntries {
    const props = propsOf(list);
    const family = familyOf(child(props, "addressFamily"));
    const entryOfResource = (r: ResourceRef) => entryOf(r, child(propsOf(r), "cidr"), family);
    const added = entryResources.map(entryOfResource);
    const own: PrefixListEntry[] = [];
    const items = elements(child(props, "entries"));
    if (!isUndetermined(items)) {
        for (const item of items) {
            const entry = entryOf(list, child(item, "cidr"), family);
            if (!added.some((a) => sameBlock(a.cidr, entry.cidr))) {
                own.push(entry);
            }
        }
    }
    return {
        family,
        entries: [...own, ...added],
        maybe: maybe.map((m) => ({ ...entryOfResource(m.resource), why: { why: m.why, resource: refOf(m.resource) } })),
        ...(isUndetermined(items) ? { more: { why: items, resource: refOf(list) } } : {}),
    };
}
