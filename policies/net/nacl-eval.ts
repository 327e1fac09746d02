/**
 * Network ACL evaluation over fully-known entries, for one direction and one address family.
 *
 * AWS evaluates the entries of a direction in ascending rule-number order; the first entry whose
 * protocol, port range and CIDR match the packet decides (allow or deny), and a packet no entry
 * matches is denied (the implicit "*" rule). Here that is computed exactly, over sets of
 * (address, port) points: the address axis is cut at every entry's CIDR boundary into slabs in which
 * every entry either covers the whole slab or none of it, and within a slab the port axis is walked
 * in rule order. With n entries that is O(n) slabs of O(n) entries with O(n) interval-set work each,
 * which is nothing for the AWS maximum of 40 entries per direction.
 *
 * Entries with an undetermined field (unknown in preview, invalid) are the caller's business: only
 * fully-known entries are accepted here.
 */
import { Family } from "./cidr";
import { Interval, IntervalSet, intersect, normalise, subtract } from "./intervals";
import { ALL_PORTS, PortRange } from "./ports";
import { Protocol } from "./protocol";

/** A network ACL entry whose every field is known. */
export interface KnownNaclEntry {
    readonly ruleNumber: number;
    readonly action: "allow" | "deny";
    readonly protocol: Protocol;
    /** TCP/UDP port range; null for protocols without ports; ignored for protocol all, which is every port. */
    readonly ports: PortRange | null;
    readonly cidr: { readonly family: Family; readonly range: Interval };
}

/** The transport protocols the evaluator answers for. */
export type PortProtocol = "tcp" | "udp";

/** A rectangle of (address, port) points. */
export interface PointSet {
    readonly addresses: IntervalSet;
    readonly ports: IntervalSet;
}

/** A part of a wanted (peer x ports) rectangle that the ACL does not allow. */
export interface Missing {
    readonly addresses: Interval;
    readonly ports: PortRange;
    /** The rule number of the deny entry that matches first; undefined: no entry matches (implicit deny). */
    readonly blockedBy?: number;
}

/** True when the entry applies to traffic of the protocol: all-protocol entries match TCP and UDP. */
export function entryMatchesProtocol(entry: KnownNaclEntry, protocol: PortProtocol): boolean {
    return entry.protocol.kind === "all" || entry.protocol.kind === protocol;
}

/** The ports an entry matches: every port for protocol all (AWS ignores its port fields) and for a protocol without ports. */
export function entryPorts(entry: KnownNaclEntry): PortRange {
    return entry.protocol.kind === "all" || entry.ports === null ? ALL_PORTS : entry.ports;
}

interface Relevant {
    readonly ruleNumber: number;
    readonly allow: boolean;
    readonly range: Interval;
    readonly ports: Interval;
}

/** The relevant entries of each list of entries, by protocol and family: `missing` asks about one list for each peer and flow. */
const relevantOf = new WeakMap<readonly KnownNaclEntry[], Map<string, Relevant[]>>();

/** The entries that can match (protocol, family), in evaluation order. */
function relevant(entries: readonly KnownNaclEntry[], protocol: PortProtocol, family: Family): Relevant[] {
    const byKey = relevantOf.get(entries) ?? new Map<string, Relevant[]>();
    relevantOf.set(entries, byKey);
    const key = `${protocol} ${family}`;
    const known = byKey.get(key);
    if (known) {
        return known;
    }
    const rel = relevantEntries(entries, protocol, family);
    byKey.set(key, rel);
    return rel;
}

function relevantEntries(entries: readonly KnownNaclEntry[], protocol: PortProtocol, family: Family): Relevant[] {
    return entries
        .filter((e) => e.cidr.family === family && entryMatchesProtocol(e, protocol))
        .map((e) => {
            const p = entryPorts(e);
            return {
                ruleNumber: e.ruleNumber,
                allow: e.action === "allow",
                range: e.cidr.range,
                ports: { lo: BigInt(p.from), hi: BigInt(p.to) },
            };
        })
        // Array.prototype.sort is stable: entries with equal numbers (which AWS rejects) keep their order.
        .sort((a, b) => a.ruleNumber - b.ruleNumber);
}

/**
 * Cuts `within` at every entry boundary: within each returned slab every entry covers all of it or
 * none of it. Slabs are sorted and together make up `within` exactly.
 */
function slabs(rel: readonly Relevant[], within: Interval): Interval[] {
    const cuts = new Set<bigint>([within.lo, within.hi + 1n]);
    for (const r of rel) {
        for (const c of [r.range.lo, r.range.hi + 1n]) {
            if (c > within.lo && c <= within.hi) {
                cuts.add(c);
            }
        }
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const out: Interval[] = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
        out.push({ lo: sorted[i], hi: sorted[i + 1] - 1n });
    }
    return out;
}

interface Piece {
    readonly ports: Interval;
    /** Rule number of the deciding entry; undefined when no entry matches. */
    readonly ruleNumber?: number;
    readonly allow: boolean;
}

/** First-match-wins over one slab, for the wanted ports: every wanted port lands in exactly one piece. */
function decideSlab(rel: readonly Relevant[], slab: Interval, wanted: IntervalSet): Piece[] {
    const pieces: Piece[] = [];
    let remaining = wanted;
    for (const r of rel) {
        if (remaining.length === 0) {
            break;
        }
        // An entry that does not cover the slab, or none of whose ports is still undecided, decides nothing here.
        if (r.range.lo > slab.lo || r.range.hi < slab.hi || !remaining.some((x) => x.lo <= r.ports.hi && r.ports.lo <= x.hi)) {
            continue;
        }
        for (const hit of intersect(remaining, [r.ports])) {
            pieces.push({ ports: hit, ruleNumber: r.ruleNumber, allow: r.allow });
        }
        remaining = subtract(remaining, [r.ports]);
    }
    for (const rest of remaining) {
        pieces.push({ ports: rest, allow: false });
    }
    return pieces;
}

function portKey(set: IntervalSet): string {
    return set.map((i) => `${i.lo}-${i.hi}`).join(",");
}

/**
 * The exact set of (address, port) points of the family that the entries allow for the protocol,
 * as rectangles with pairwise disjoint address sets (each address appears in at most one).
 */
export function allowedSet(entries: readonly KnownNaclEntry[], protocol: PortProtocol, family: Family): PointSet[] {
    const byPorts = new Map<string, { ports: IntervalSet; addresses: Interval[] }>();
    // Slabs that no allow entry covers allow nothing: a deny entry or the implicit deny decides them.
    const candidates = relevantEntries(entries, protocol, family);
    const allows = candidates.filter((r) => r.allow);
    if (allows.length === 0) {
        return [];
    }
    // The answer is a function of the points allowed alone (each address's allowed ports, grouped), so
    // a deny entry that matches no point of any allow entry, and so takes none away, is left out.
    const meets = (a: Interval, b: Interval) => a.lo <= b.hi && b.lo <= a.hi;
    const rel = candidates.filter((r) => r.allow || allows.some((a) => meets(a.range, r.range) && meets(a.ports, r.ports)));
    const hull = allows.reduce((h, r) => ({ lo: r.range.lo < h.lo ? r.range.lo : h.lo, hi: r.range.hi > h.hi ? r.range.hi : h.hi }), allows[0].range);
    for (const slab of slabs(rel, hull)) {
        if (!allows.some((r) => r.range.lo <= slab.lo && slab.hi <= r.range.hi)) {
            continue;
        }
        const allowed = normalise(decideSlab(rel, slab, [{ lo: 0n, hi: 65535n }]).filter((p) => p.allow).map((p) => p.ports));
        if (allowed.length === 0) {
            continue;
        }
        const key = portKey(allowed);
        const group = byPorts.get(key);
        if (group) {
            group.addresses.push(slab);
        } else {
            byPorts.set(key, { ports: allowed, addresses: [slab] });
        }
    }
    return [...byPorts.values()].map((g) => ({ addresses: normalise(g.addresses), ports: g.ports }));
}

/**
 * The parts of (peer x ports) that the entries do not allow for the protocol, each with the deny
 * entry that blocks it (or none: the implicit deny). The parts are disjoint and together are exactly
 * the points not allowed; a part spans as many adjacent addresses as share its ports and blocker.
 */
export function missing(
    entries: readonly KnownNaclEntry[],
    protocol: PortProtocol,
    family: Family,
    peer: Interval,
    ports: PortRange,
): Missing[] {
    const rel = relevant(entries, protocol, family);
    const wanted: IntervalSet = [{ lo: BigInt(ports.from), hi: BigInt(ports.to) }];
    const done: Missing[] = [];
    // Parts still growing along the address axis, by ports and blocker.
    let open = new Map<string, { addresses: Interval; ports: PortRange; blockedBy?: number }>();
    for (const slab of slabs(rel, peer)) {
        const next = new Map<string, { addresses: Interval; ports: PortRange; blockedBy?: number }>();
        for (const piece of decideSlab(rel, slab, wanted)) {
            if (piece.allow) {
                continue;
            }
            const range = { from: Number(piece.ports.lo), to: Number(piece.ports.hi) };
            const key = `${range.from}-${range.to}/${piece.ruleNumber ?? "*"}`;
            const prev = open.get(key);
            if (prev) {
                open.delete(key);
                next.set(key, { ...prev, addresses: { lo: prev.addresses.lo, hi: slab.hi } });
            } else {
                next.set(key, { addresses: slab, ports: range, blockedBy: piece.ruleNumber });
            }
        }
        done.push(...open.values());
        open = next;
    }
    done.push(...open.values());
    return done
        .map((m) => (m.blockedBy === undefined ? { addresses: m.addresses, ports: m.ports } : m))
        .sort((a, b) => (a.addresses.lo < b.addresses.lo ? -1 : a.addresses.lo > b.addresses.lo ? 1 : a.ports.from - b.ports.from));
}
