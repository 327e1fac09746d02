/**
 * A route's destination as address ranges of one family: a CIDR block, or the entries of a managed
 * prefix list (destinationPrefixListId), each of which routes like a CIDR route of its own. The list
 * is found by its ID or, at a first preview, by the property dependency (an inline route shares its
 * table's `routes` dependencies). A list outside the stack, a list whose entries are not all known,
 * and a list not linked yet may hold any destination: the route is then incomplete, with the doubt
 * that names why.
 */
import { ManagedPrefixList } from "@pulumi/aws/ec2/managedPrefixList";
import { PrefixListEntries } from "../../model/prefix-lists";
import { Route } from "../../model/routes";
import { typeToken } from "../../model/types";
import { Field, child, elements, isUndetermined, unknownAt } from "../../model/values";
import { Family } from "../../net/cidr";
import { Interval } from "../../net/intervals";
import { Ref, Targets, linkOne } from "../links";
import type { StackResource } from "../resource";
import { Doubt } from "./path";
import { outside } from "./routes";

/** One block a route sends somewhere: its range, its prefix length (the more specific wins), as written. */
export interface RouteBlock {
    readonly range: Interval;
    readonly prefix: number;
    readonly text: string;
}

/** A route's destination in one family: the blocks known, whether they are all, and the list they come from. */
export interface RouteRanges {
    readonly blocks: readonly RouteBlock[];
    /** False when the destination may hold more than the blocks; `doubt` says why. */
    readonly complete: boolean;
    readonly doubt?: Doubt;
    readonly list?: Ref;
}

const PREFIX_LIST = typeToken(ManagedPrefixList);

export class RouteDestinations {
    private readonly lists = new Targets();

    constructor(resources: readonly StackResource[], private readonly byUrn: ReadonlyMap<string, StackResource>,
        private readonly entriesOf: (urn: string) => PrefixListEntries) {
        resources.filter((r) => r.type === PREFIX_LIST).forEach((r) => this.lists.add(r, ["id"]));
    }

    /** The route's destination in the family; undefined when it is surely of the other family. */
    of(route: Route, family: Family): RouteRanges | undefined {
        const d = route.destination;
        if (isUndetermined(d)) {
            return (route.family ?? family) === family ? { blocks: [], complete: false, doubt: { why: d, urn: route.origin.urn } } : undefined;
        }
        if (d.kind === "cidr") {
            return d.cidr.family === family ? { blocks: [{ range: d.cidr.range, prefix: d.cidr.prefix, text: d.cidr.text }], complete: true } : undefined;
        }
        const resource = this.byUrn.get(route.origin.urn) as StackResource;
        const standalone = route.origin.path === "";
        // An inline route's destination was read from its item of `routes`, so the list and the item are there.
        const at = standalone ? resource.root : (elements(child(resource.root, "routes")) as Field[]).find((i) => i.path === route.origin.path) as Field;
        const field = child(at, "destinationPrefixListId");
        // An inline route shares the dependencies of its table's `routes`.
        const link = linkOne(resource, standalone ? "destinationPrefixListId" : "routes", this.lists, field);
        const path = field.path;
        if (link?.ref?.kind === "stack") {
            return this.listRanges(link.ref, family);
        }
        if (link?.ref) {
            return { blocks: [], complete: false, list: link.ref, doubt: { why: outside(path,
                `prefix list ${link.ref.id} (${path} of ${standalone ? "route" : "route table"} '${resource.name}') is not in this stack, so the destinations ` +
                "the route sends to its target cannot be checked"),
            urn: resource.urn, outside: true } };
        }
        return { blocks: [], complete: false, doubt: { why: link?.undetermined ?? (isUndetermined(d.id) ? d.id : unknownAt(path)), urn: resource.urn } };
    }

    /** The blocks of a prefix list of the stack in the family, complete when all its entries and its family are known. */
    private listRanges(list: Ref & { kind: "stack" }, family: Family): RouteRanges | undefined {
        const entries = this.entriesOf(list.urn);
        if (!isUndetermined(entries.family) && entries.family !== family) {
            return undefined;
        }
        const blocks = entries.entries.flatMap((e) => (!isUndetermined(e.cidr) && e.cidr.family === family
            ? [{ range: e.cidr.range, prefix: e.cidr.prefix, text: e.cidr.text }] : []));
        const pending = entries.entries.find((e) => isUndetermined(e.cidr));
        const why = isUndetermined(entries.family) ? { why: entries.family, urn: list.urn }
            : entries.more ? { why: entries.more.why, urn: entries.more.resource.urn }
                : pending && isUndetermined(pending.cidr) ? { why: pending.cidr, urn: pending.resource.urn }
                    : entries.maybe[0] ? { why: entries.maybe[0].why.why, urn: entries.maybe[0].why.resource.urn } : undefined;
        return { blocks, complete: why === undefined, list, ...(why ? { doubt: why } : {}) };
    }
}
