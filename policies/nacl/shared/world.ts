/**
 * The whole internet reaching admin ports through the inbound entries of a network ACL, judged
 * port by port with the first-match evaluation (net/nacl-eval.ts): the allow entries that decide
 * some of a port's traffic (what no earlier entry, allow or deny, matches first) admit the whole
 * address family there when their CIDRs together cover it. An earlier deny that takes part of it
 * does not make it less than the world; one that takes all of an entry's part leaves that entry
 * out. An entry from 0.0.0.0/0 or ::/0 that decides anything is the world on its own; otherwise the
 * ports with the same minimal set of entries make one exposure.
 */
import { DirectionEntries, KnownEntry, effectivePart } from "../../graph/nacl";
import { NaclEntry } from "../../model/nacl-entries";
import { isUndetermined } from "../../model/values";
import { Cidr, Family, familyRange } from "../../net/cidr";
import { Interval, IntervalSet, covers, intersect, normalise, overlaps } from "../../net/intervals";
import { PointSet, PortProtocol, entryMatchesProtocol } from "../../net/nacl-eval";
import { PortRange, portSet } from "../../net/ports";

export interface AdminPort {
    /** "SSH (TCP port 22)", "UDP ports 5985-5986". */
    readonly label: string;
    readonly protocol: PortProtocol;
    readonly ports: PortRange;
}

/** An allow entry from 0.0.0.0/0 or ::/0 that decides traffic to admin ports. */
interface WholeFamilyExposure {
    readonly entry: KnownEntry;
    readonly reached: AdminPort[];
}

/** Allow entries that are no whole family each, but together admit it on some admin ports. */
export interface SplitExposure {
    readonly family: Family;
    /** The entries needed, in evaluation order. */
    readonly entries: KnownEntry[];
    /** The admin ports, and the ports of each where these entries admit the whole family. */
    readonly reached: { readonly admin: AdminPort; readonly ports: IntervalSet }[];
}

const isWorld = (e: { cidr: { family: Family; range: Interval } }): boolean => {
    const whole = familyRange(e.cidr.family);
    return e.cidr.range.lo === whole.lo && e.cidr.range.hi === whole.hi;
};

/** The part each known entry decides, per protocol, computed once. */
function decidedParts(view: DirectionEntries): (e: KnownEntry, protocol: PortProtocol) => PointSet[] {
    const cache = new Map<KnownEntry, Map<PortProtocol, PointSet[]>>();
    return (e, protocol) => {
        const byProtocol = cache.get(e) ?? new Map<PortProtocol, PointSet[]>();
        cache.set(e, byProtocol);
        const parts = byProtocol.get(protocol) ?? effectivePart(e, view, protocol);
        byProtocol.set(protocol, parts);
        return parts;
    };
}

/** Inbound allow entries from the whole family that decide traffic to an admin port. */
export function wholeFamilyExposures(view: DirectionEntries, adminPorts: readonly AdminPort[]): WholeFamilyExposure[] {
    const decided = decidedParts(view);
    const out: WholeFamilyExposure[] = [];
    for (const entry of [...view.known].sort((a, b) => a.ruleNumber - b.ruleNumber)) {
        if (entry.action !== "allow" || !isWorld(entry)) {
            continue;
        }
        const reached = adminPorts.filter((a) => entryMatchesProtocol(entry, a.protocol)
            && overlaps(normalise(decided(entry, a.protocol).flatMap((p) => p.ports)), portSet([a.ports])));
        if (reached.length > 0) {
            out.push({ entry, reached });
        }
    }
    return out;
}

/** The entries among `deciding` that are needed to cover the family: each is dropped when the others cover it. */
function needed(deciding: readonly KnownEntry[], full: IntervalSet): KnownEntry[] {
    let kept = [...deciding];
    for (const e of deciding) {
        const without = kept.filter((x) => x !== e);
        if (covers(normalise(without.map((x) => x.cidr.range)), full)) {
            kept = without;
        }
    }
    return kept;
}

/** Allow entries that are no whole family each, but together admit it on admin ports, port by port. */
export function splitExposures(view: DirectionEntries, adminPorts: readonly AdminPort[]): SplitExposure[] {
    const decided = decidedParts(view);
    const ordered = [...view.known].sort((a, b) => a.ruleNumber - b.ruleNumber);
    const found = new Map<string, { family: Family; entries: KnownEntry[]; reached: Map<AdminPort, Interval[]> }>();
    for (const family of [4, 6] as const) {
        const full = [familyRange(family)];
        for (const admin of adminPorts) {
            const allows = ordered
                .filter((e) => e.action === "allow" && e.cidr.family === family && entryMatchesProtocol(e, admin.protocol))
                .map((e) => ({ e, ports: normalise(decided(e, admin.protocol).flatMap((p) => p.ports)) }));
            const wanted = portSet([admin.ports]);
            // Atoms cut at the bounds of each entry's part: ports in no part have no deciding entry and need none.
            const cuts = new Set<bigint>();
            for (const i of allows.flatMap((a) => intersect(a.ports, wanted))) {
                cuts.add(i.lo).add(i.hi + 1n);
            }
            const sorted = [...cuts].sort((a, b) => (a < b ? -1 : 1));
            for (let i = 0; i + 1 < sorted.length; i++) {
                const atom = { lo: sorted[i], hi: sorted[i + 1] - 1n };
                const deciding = allows.filter((a) => a.ports.some((p) => p.lo <= atom.lo && atom.lo <= p.hi)).map((a) => a.e);
                // An entry from the whole family is reported on its own.
                if (deciding.some(isWorld) || !covers(normalise(deciding.map((e) => e.cidr.range)), full)) {
                    continue;
                }
                const entries = needed(deciding, full);
                const key = `${family} ${entries.map((e) => view.known.indexOf(e)).join(",")}`;
                const g = found.get(key) ?? { family, entries, reached: new Map<AdminPort, Interval[]>() };
                g.reached.set(admin, [...(g.reached.get(admin) ?? []), atom]);
                found.set(key, g);
            }
        }
    }
    return [...found.values()].map((g) => ({
        family: g.family,
        entries: g.entries,
        reached: [...g.reached].map(([admin, atoms]) => ({ admin, ports: normalise(atoms) })),
    }));
}

/** Whether an entry may carry traffic to the admin port, as far as its protocol and ports tell. */
export function mayCarry(e: Pick<NaclEntry, "protocol" | "ports">, a: AdminPort): boolean {
    if (isUndetermined(e.protocol)) {
        return true;
    }
    if (e.protocol.kind !== "all" && e.protocol.kind !== a.protocol) {
        return false;
    }
    return isUndetermined(e.ports) || e.ports === null || (e.ports.from <= a.ports.to && a.ports.from <= e.ports.to);
}

/**
 * Whether an undetermined entry with a known CIDR (`cidr`) that is no whole family may change what the
 * whole internet reaches on an admin port (an allow may complete a split world, a deny take part of
 * one away): it may carry traffic to that port, and the blocks of the entries with a known CIDR that
 * may allow it there (its own, when it is no deny) cover the family.
 */
export function maySplit(e: NaclEntry, cidr: Cidr, view: DirectionEntries, adminPorts: readonly AdminPort[]): boolean {
    const full = [familyRange(cidr.family)];
    const entries: (Pick<NaclEntry, "protocol" | "ports" | "action"> & { cidr: { family: Family; range: Interval } })[] = [
        ...view.known, ...view.undetermined.flatMap((x) => (isUndetermined(x.cidr) ? [] : [{ ...x, cidr: x.cidr }])),
    ];
    return adminPorts.some((a) => mayCarry(e, a) && covers(normalise(entries
        .filter((x) => x.action !== "deny" && x.cidr.family === cidr.family && mayCarry(x, a))
        .map((x) => x.cidr.range)), full));
}
