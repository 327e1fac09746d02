/**
 * Views of one network ACL of the stack model for the evaluator, shared by the NACL policies. The
 * ACLs themselves, with their entries and subnets, are built in graph/nacl-graph.ts; the policies'
 * texts are in nacl/shared/text.ts.
 */
import { NaclEntry, knownEntry } from "../model/nacl-entries";
import { isUndetermined } from "../model/values";
import { Family, familyRange } from "../net/cidr";
import { KnownNaclEntry, PointSet, PortProtocol, allowedSet } from "../net/nacl-eval";
import { ALL_PORTS } from "../net/ports";
import { ALL } from "../net/protocol";
import { NaclNode } from "./nacl-graph";

export type { NaclNode, UnlinkedNaclRule } from "./nacl-graph";

/** A fully-known entry, as the evaluator takes it, with where it was written. */
export type KnownEntry = NonNullable<ReturnType<typeof knownEntry>> & { readonly icmp?: NaclEntry["icmp"] };

/** The entries of one direction: fully-known ones (in stack order) and undetermined ones. */
export interface DirectionEntries {
    readonly known: KnownEntry[];
    readonly undetermined: NaclEntry[];
    /**
     * Set when the direction holds more entries than are ever evaluated (AWS allows at most 40):
     * then `known` and `undetermined` are empty, and the policies report the size instead.
     */
    readonly oversized?: number;
}

/** Entries per direction beyond which a network ACL is not evaluated: AWS's maximum is 40. */
export const MAX_EVALUATED_ENTRIES = 100;

/**
 * False for the entries of a NetworkAclRule whose `egress` flag is undetermined: the model reads
 * such a rule in both directions, with the flag as its (undetermined) action.
 */
export function directionKnown(e: NaclEntry): boolean {
    return !(e.origin.path === "" && isUndetermined(e.action) && e.action.path === "egress");
}

export function directionEntries(node: NaclNode, egress: boolean): DirectionEntries {
    const known: KnownEntry[] = [];
    const undetermined: NaclEntry[] = [];
    const entries = node.entries.filter((x) => x.egress === egress);
    if (entries.length > MAX_EVALUATED_ENTRIES) {
        return { known, undetermined, oversized: entries.length };
    }
    for (const e of entries) {
        const k = knownEntry(e);
        if (k) {
            known.push(e.icmp ? { ...k, icmp: e.icmp } : k);
        } else {
            undetermined.push(e);
        }
    }
    return { known, undetermined };
}

/** The address families an entry may belong to: its CIDR's, or the one its CIDR field names. */
export function possibleFamilies(e: NaclEntry): Family[] {
    if (!isUndetermined(e.cidr)) {
        return [e.cidr.family];
    }
    // The path of an unknown CIDR: its field ("ingress[0].cidrBlock", a rule's "ipv6CidrBlock"), or the entry's.
    if (e.cidr.path.endsWith("ipv6CidrBlock")) {
        return [6];
    }
    return e.cidr.path.endsWith("cidrBlock") ? [4] : [4, 6];
}

/**
 * Every point an undetermined entry may match in a family, as an evaluator entry of the given
 * action and rule number (an over-approximation: unknown CIDR -> the whole family, unknown
 * protocol -> all, unknown ports -> all), or undefined when it cannot match in that family.
 */
function mayMatch(e: NaclEntry, family: Family, action: "allow" | "deny", ruleNumber: number): KnownNaclEntry | undefined {
    if (!possibleFamilies(e).includes(family)) {
        return undefined;
    }
    const cidr = isUndetermined(e.cidr) ? { family, range: familyRange(family) } : e.cidr;
    const protocol = isUndetermined(e.protocol) ? ALL : e.protocol;
    const ports = isUndetermined(e.ports) ? ALL_PORTS : e.ports;
    return { ruleNumber, action, protocol, ports, cidr };
}

/** True when entry `a` (at index ia of its direction's entries) is evaluated before `b` (at ib). */
function evaluatedBefore(a: number, ia: number, b: number, ib: number): boolean {
    return a < b || (a === b && ia < ib);
}

/**
 * The part of a known entry's points that it decides, for a protocol: every point not matched by an
 * entry that is (or, for an undetermined one, may be) evaluated before it.
 */
export function effectivePart(entry: KnownEntry, view: DirectionEntries, protocol: PortProtocol): PointSet[] {
    return pointsAfter(entry, view, protocol, () => true);
}

/**
 * The part of a known allow entry's points that it lets through, for a protocol: every point not
 * matched by a deny entry that is (or, for an undetermined one, may be) evaluated before it. An
 * earlier allow takes nothing away: the traffic still passes, and the entry still declares it.
 */
export function allowedPart(entry: KnownEntry, view: DirectionEntries, protocol: PortProtocol): PointSet[] {
    return pointsAfter(entry, view, protocol, (action) => action !== "allow");
}

/** The entry's points less those of the entries before it whose (possible) action `subtracts`. */
function pointsAfter(entry: KnownEntry, view: DirectionEntries, protocol: PortProtocol,
    subtracts: (action: NaclEntry["action"]) => boolean): PointSet[] {
    const index = view.known.indexOf(entry);
    const family = entry.cidr.family;
    const before: KnownNaclEntry[] = [
        ...view.known.filter((k, i) => subtracts(k.action) && evaluatedBefore(k.ruleNumber, i, entry.ruleNumber, index)),
        ...view.undetermined
            .filter((u) => subtracts(u.action) && (isUndetermined(u.ruleNumber) || u.ruleNumber <= entry.ruleNumber))
            .map((u) => mayMatch(u, family, "deny", 0))
            .filter((u): u is KnownNaclEntry => u !== undefined),
    ].map((k) => ({ ...k, action: "deny" as const, ruleNumber: 0 }));
    return allowedSet([...before, { ...entry, action: "allow", ruleNumber: 1 }], protocol, family);
}

/** The optimistic entries of each direction's entries, by family: the same list for every flow of the direction. */
const optimisticOf = new WeakMap<DirectionEntries, Map<Family, readonly KnownNaclEntry[]>>();

/**
 * The entries to evaluate when asking whether something is definitely not allowed: the known ones,
 * plus every undetermined entry that may allow, as an allow over all it may match (an undetermined
 * entry known to deny only ever denies what the later entries would decide otherwise).
 */
export function optimisticEntries(view: DirectionEntries, family: Family): readonly KnownNaclEntry[] {
    const byFamily = optimisticOf.get(view) ?? new Map<Family, readonly KnownNaclEntry[]>();
    optimisticOf.set(view, byFamily);
    const known = byFamily.get(family);
    if (known) {
        return known;
    }
    const may = view.undetermined
        .filter((u) => u.action !== "deny")
        .map((u) => mayMatch(u, family, "allow", isUndetermined(u.ruleNumber) ? 0 : u.ruleNumber))
        .filter((u): u is KnownNaclEntry => u !== undefined);
    const entries = [...may, ...view.known];
    byFamily.set(family, entries);
    return entries;
}

