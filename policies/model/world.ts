/**
 * "The world", judged per port: rules expose some traffic to a whole address family when the
 * blocks of the rules that allow that traffic together cover the family. Each axis of traffic (TCP
 * ports, UDP ports, portless protocols) is cut at the rules' boundaries into atoms; each atom is
 * judged on the rules that reach it, and atoms with the same minimal set of blocks make one exposure.
 * A rule's blocks are its CIDR, or in the stack view the blocks its prefix list holds.
 */
import { Family, familyRange, isWholeFamily } from "../net/cidr";
import { Interval, IntervalSet, covers, normalise } from "../net/intervals";
import { ALL_TRAFFIC, AXES, Axis, TrafficSet, isNoTraffic, trafficIntersect, trafficKey, trafficOf } from "../net/traffic";
import { ruleTraffic } from "./rule-traffic";
import { SgRule } from "./sg-rules";
import { Undetermined, isUndetermined } from "./values";

/** Above this many blocks reaching one atom, an exposure names all of them rather than the minimal set. */
export const MAX_PRUNE = 256;

/** A block a rule admits through a peer that is not a CIDR: an entry of a prefix list. */
export interface PeerBlock {
    readonly family: Family;
    /** The block; the whole family for one not known yet (it may be anything). */
    readonly range: Interval;
    /** The block, named: "aws.ec2.ManagedPrefixList 'anyone' entries[0].cidr (0.0.0.0/0)". */
    readonly text: string;
    /** The peer, named: "aws.ec2.ManagedPrefixList 'anyone'". */
    readonly peer: string;
    /** Set when the rule only may admit the block (entries or the list not known yet): why, naming its resource. */
    readonly why?: Undetermined;
    /** For such a block: the condition under which the rule admits what is needed. */
    readonly condition?: string;
}

/** One block of an exposure: a rule's CIDR, or a block through its peer (via). */
export interface ExposureBlock {
    readonly rule: SgRule;
    readonly via?: PeerBlock;
}

export interface WorldExposure {
    readonly family: Family;
    /** The rules whose blocks make up the exposure: one rule for 0.0.0.0/0, several for split blocks. */
    readonly rules: SgRule[];
    /** The blocks, in rule order: one per CIDR rule, one per prefix-list entry that is needed. */
    readonly blocks: ExposureBlock[];
    /** False when there were too many blocks to narrow the list down to the ones needed. */
    readonly minimal: boolean;
    /** The traffic, within what was asked about, that these rules together open to the whole family. */
    readonly traffic: TrafficSet;
}

/** A split exposure that hinges on undetermined values: the rules' protocols, ports, group or peer blocks. */
export interface PossibleExposure extends WorldExposure {
    /** The value it hinges on; an invalid one comes first (it is an error whatever the unknowns are). */
    readonly why: Undetermined;
    /** The rule that value belongs to. */
    readonly whyRule: SgRule;
    /** True when the value is a peer block's (its reason names its own resource). */
    readonly whyOnPeer: boolean;
    /** Rules whose protocol or ports are undetermined, taken as reaching everything. */
    readonly trafficUndetermined: SgRule[];
    /** Rules whose group is undetermined, taken as one group. */
    readonly groupUndetermined: SgRule[];
    /** Blocks the rules only may admit through their peers. */
    readonly peerUndetermined: ExposureBlock[];
}

export interface WorldQuery {
    /** The traffic asked about; all traffic when not given. */
    readonly within?: TrafficSet;
    /** The stack view: only exposures that no single resource (origin URN) makes alone. */
    readonly acrossResources?: boolean;
    /** Why a rule's group is undetermined, when rules are put together without knowing their group. */
    readonly groupUndetermined?: (rule: SgRule) => Undetermined | undefined;
    /** The blocks a prefix-list rule admits, when they can be told (the stack view); none otherwise. */
    readonly peerBlocks?: (rule: SgRule) => readonly PeerBlock[] | undefined;
    /** (worldExposures) Any traffic at all: a block of one rule that covers a family exposes it, ports known or not. */
    readonly anyTraffic?: boolean;
}

/** The rules' exposures to a whole address family, per family: whole-family rules first, then split blocks. */
export function worldExposures(rules: readonly SgRule[], q: WorldQuery = {}): WorldExposure[] {
    return exposures(rules, q, false);
}

/** Split exposures that would exist if the undetermined protocols, ports, groups or peer blocks allowed them. */
export function possibleWorldExposures(rules: readonly SgRule[], q: WorldQuery = {}): PossibleExposure[] {
    return exposures(rules, q, true) as PossibleExposure[];
}

interface Member {
    readonly rule: SgRule;
    /** The member's place: members are numbered in rule order, then block order. */
    readonly id: number;
    readonly block: Interval;
    readonly whole: boolean;
    readonly via?: PeerBlock;
    readonly traffic: TrafficSet;
    readonly trafficWhy?: Undetermined;
    readonly groupWhy?: Undetermined;
}

const undetermined = (m: Member): boolean => Boolean(m.trafficWhy || m.groupWhy || m.via?.why);

function distinct<T>(items: readonly T[]): T[] {
    return [...new Set(items)];
}

/** Whether the rules come from more than one resource or may admit a prefix list's blocks: in the stack view, others expose nothing. */
export function spansResources(rules: readonly SgRule[]): boolean {
    const first = rules[0]?.origin.urn;
    return rules.some((r) => r.origin.urn !== first || (!isUndetermined(r.peer) && r.peer.kind === "prefix-list"));
}

function exposures(rules: readonly SgRule[], q: WorldQuery, possible: boolean): WorldExposure[] {
    const within = q.within ?? ALL_TRAFFIC;
    const out: WorldExposure[] = [];
    for (const family of [4, 6] as const) {
        const members: Member[] = [];
        for (const rule of rules) {
            addMembers(members, rule, family, within, q, possible);
        }
        // A possible exposure hinges on an undetermined member: without one there is none.
        if (possible && !members.some(undetermined)) {
            continue;
        }
        if (!q.acrossResources && !possible) {
            for (const m of members.filter((x) => x.whole)) {
                out.push({ family, rules: [m.rule], blocks: [{ rule: m.rule }], minimal: true, traffic: m.traffic });
            }
        }
        const split = splitExposures(q.acrossResources ? members : members.filter((m) => !m.whole), family, q.acrossResources ?? false);
        for (const e of split) {
            const blocks = e.members.map((m): ExposureBlock => (m.via ? { rule: m.rule, via: m.via } : { rule: m.rule }));
            const base = { family, rules: distinct(e.members.map((m) => m.rule)), blocks, minimal: e.minimal, traffic: e.traffic };
            if (!possible) {
                out.push(base);
            } else if (e.members.some(undetermined)) {
                const whys = e.members.flatMap((m) => [
                    ...(m.trafficWhy ? [{ why: m.trafficWhy, whyRule: m.rule, whyOnPeer: false }] : []),
                    ...(m.groupWhy ? [{ why: m.groupWhy, whyRule: m.rule, whyOnPeer: false }] : []),
                    ...(m.via?.why ? [{ why: m.via.why, whyRule: m.rule, whyOnPeer: true }] : []),
                ]);
                const first = whys.find((w) => w.why.undetermined === "invalid") ?? whys[0];
                out.push({
                    ...base, ...first,
                    trafficUndetermined: distinct(e.members.filter((m) => m.trafficWhy).map((m) => m.rule)),
                    groupUndetermined: distinct(e.members.filter((m) => m.groupWhy).map((m) => m.rule)),
                    peerUndetermined: blocks.filter((b) => b.via?.why),
                } as PossibleExposure);
            }
        }
    }
    return out;
}

/**
 * Adds a rule as members of the analysis: its blocks and the traffic it allows within the query. In
 * the definite analysis, only rules whose every part is known and blocks they surely admit; in the
 * possible one, also rules whose protocol or ports are undetermined (as reaching everything) and
 * blocks a prefix list may hold, with their reasons. A rule whose peer is undetermined is never a
 * member: on its own it may be the whole family, which its resource reports.
 */
function addMembers(members: Member[], rule: SgRule, family: Family, within: TrafficSet, q: WorldQuery, possible: boolean): void {
    const peer = rule.peer;
    if (isUndetermined(peer) || (peer.kind === "cidr" && peer.cidr.family !== family) || (peer.kind !== "cidr" && peer.kind !== "prefix-list")) {
        return;
    }
    let blocks: { block: Interval; whole: boolean; via?: PeerBlock }[];
    if (peer.kind === "cidr") {
        blocks = [{ block: peer.cidr.range, whole: isWholeFamily(peer.cidr) }];
    } else {
        const through = q.peerBlocks?.(rule) ?? [];
        blocks = through.filter((b) => b.family === family && (possible || !b.why)).map((via) => ({ block: via.range, whole: false, via }));
    }
    const known = ruleTraffic(rule);
    const groupWhy = q.groupUndetermined?.(rule);
    if (q.anyTraffic && known === undefined) {
        blocks = blocks.filter((b) => covers([b.block], [familyRange(family)]));
    }
    if (((known === undefined && !q.anyTraffic) || groupWhy !== undefined) && !possible) {
        return;
    }
    const { protocol, ports } = rule;
    const trafficWhy = isUndetermined(protocol) ? protocol : isUndetermined(ports) ? ports : undefined;
    const widest = known ?? (isUndetermined(protocol) ? ALL_TRAFFIC : trafficOf(protocol, null));
    const traffic = trafficIntersect(widest, within);
    if (isNoTraffic(traffic)) {
        return;
    }
    for (const { block, whole, via } of blocks) {
        members.push({ rule, id: members.length, block, whole, via, traffic, trafficWhy, groupWhy });
    }
}

interface Split {
    readonly members: Member[];
    readonly minimal: boolean;
    readonly traffic: TrafficSet;
}

function coverFamily(members: readonly Member[], full: IntervalSet): boolean {
    return covers(normalise(members.map((m) => m.block)), full);
}

function splitExposures(members: readonly Member[], family: Family, across: boolean): Split[] {
    const full = [familyRange(family)];
    if (!coverFamily(members, full)) {
        return [];
    }
    // Rules that allow the same traffic reach the same atoms.
    const classes = new Map<string, { traffic: TrafficSet; members: Member[] }>();
    for (const m of members) {
        const key = trafficKey(m.traffic);
        const c = classes.get(key) ?? { traffic: m.traffic, members: [] };
        c.members.push(m);
        classes.set(key, c);
    }
    const list = [...classes.values()];
    const found = new Map<string, { members: Member[]; minimal: boolean; atoms: Record<Axis, Interval[]> }>();
    const judged = new Map<string, { key: string; members: Member[]; minimal: boolean } | undefined>();
    for (const axis of AXES) {
        const cuts = [...new Set(list.flatMap((c) => c.traffic[axis].flatMap((i) => [i.lo, i.hi + 1n])))].sort((a, b) => (a < b ? -1 : 1));
        for (let i = 0; i + 1 < cuts.length; i++) {
            const atom = { lo: cuts[i], hi: cuts[i + 1] - 1n };
            const reach = list.flatMap((c, n) => (c.traffic[axis].some((x) => x.lo <= atom.lo && atom.lo <= x.hi) ? [n] : []));
            const reachKey = reach.join(",");
            if (!judged.has(reachKey)) {
                judged.set(reachKey, judgeAtom(reach.flatMap((n) => list[n].members), full, across));
            }
            const verdict = judged.get(reachKey);
            if (verdict) {
                const g = found.get(verdict.key) ?? { members: verdict.members, minimal: verdict.minimal, atoms: { tcp: [], udp: [], other: [] } };
                g.atoms[axis].push(atom);
                found.set(verdict.key, g);
            }
        }
    }
    return [...found.values()].map((g) => ({
        members: g.members,
        minimal: g.minimal,
        traffic: { tcp: normalise(g.atoms.tcp), udp: normalise(g.atoms.udp), other: normalise(g.atoms.other) },
    }));
}

/**
 * Whether the blocks that reach one atom cover the family, and with which: drop, one by one,
 * those the others already cover (undetermined ones first, so that known blocks are named when
 * they suffice). In the stack view, an atom that one resource's CIDRs cover alone is that
 * resource's (its own policy reports it); blocks through a prefix list are never a resource's own.
 */
function judgeAtom(reaching: Member[], full: IntervalSet, across: boolean): { key: string; members: Member[]; minimal: boolean } | undefined {
    if (!coverFamily(reaching, full)) {
        return undefined;
    }
    if (across) {
        const byResource = new Map<string, Member[]>();
        for (const m of reaching.filter((x) => !x.via)) {
            const ms = byResource.get(m.rule.origin.urn) ?? [];
            ms.push(m);
            byResource.set(m.rule.origin.urn, ms);
        }
        if ([...byResource.values()].some((ms) => coverFamily(ms, full))) {
            return undefined;
        }
    }
    const ordered = [...reaching].sort((a, b) => Number(!undetermined(a)) - Number(!undetermined(b)) || a.id - b.id);
    const minimal = ordered.length <= MAX_PRUNE;
    let needed = ordered;
    if (minimal) {
        for (const m of ordered) {
            const without = needed.filter((x) => x !== m);
            if (coverFamily(without, full)) {
                needed = without;
            }
        }
    }
    const members = [...needed].sort((a, b) => a.id - b.id);
    return { key: members.map((m) => m.id).join(","), members, minimal };
}
