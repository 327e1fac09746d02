/**
 * The check shared by every "not from/to the world" policy: which rules expose some offending
 * traffic to a whole address family, alone or together (judged per port: see model/world.ts), and
 * which cannot be decided yet.
 */
import { familyName, isWholeFamily } from "../../net/cidr";
import { IntervalSet } from "../../net/intervals";
import { formatPorts } from "../../net/ports";
import { ALL_TRAFFIC, OTHER_PROTOCOLS, TrafficSet, trafficKey } from "../../net/traffic";
import { Answer, allHold } from "../../model/decide";
import { Direction, SgRule } from "../../model/sg-rules";
import { isUndetermined } from "../../model/values";
import { reaches } from "../../model/rule-traffic";
import { ExposureBlock, PossibleExposure, WorldExposure, WorldQuery, possibleWorldExposures, worldExposures } from "../../model/world";
import { MAX_LISTED, Reporter, listText, ruleText } from "../../core/report";

/** What a policy says about the world, from its configuration. */
export interface WorldSpec {
    /** The direction of the rules it reads. */
    readonly direction: Direction;
    /** The traffic that must not be open to the world. */
    readonly offending: TrafficSet;
    /** The message for a definite exposure, given its description ("ingress[0]... allows ..."). */
    readonly violation: (exposure: WorldExposure, what: string) => string;
    /** What an exposure does, for notes: "open SSH (TCP port 22) to the whole internet". */
    readonly effect: (exposure: WorldExposure) => string;
    /** What an undecided rule would mean, e.g. "If it is the world, ...". */
    readonly consequence: (rule: SgRule) => string;
}

export type WorldSpecOf = (config: Record<string, unknown>) => WorldSpec;

/** How a rule is named: its property path, after its resource in the stack view. */
export type Where = (rule: SgRule) => string;
const here: Where = () => "";

/** "port 22", "ports 20-25", "ports 22 and 3389", "on all ports". */
export function portsText(set: IntervalSet): string {
    if (set.length === 1) {
        const text = formatPorts({ from: Number(set[0].lo), to: Number(set[0].hi) });
        return text === "all ports" ? "on all ports" : text;
    }
    return `ports ${listText(set.map((i) => (i.lo === i.hi ? `${i.lo}` : `${i.lo}-${i.hi}`)))}`;
}

function protocolsText(set: IntervalSet): string[] {
    if (trafficKey({ tcp: [], udp: [], other: set }) === trafficKey({ tcp: [], udp: [], other: OTHER_PROTOCOLS })) {
        return ["every protocol other than TCP and UDP"];
    }
    const name = (n: bigint) => (n === 1n ? "ICMP" : n === 58n ? "ICMPv6" : `protocol ${n}`);
    return set.map((i) => (i.lo === i.hi ? name(i.lo) : `protocols ${i.lo}-${i.hi}`));
}

/** "TCP port 22", "TCP/UDP port 3389", "TCP ports 0-79 and 81-65535 and ICMP", "all traffic (...)". */
export function trafficSetText(t: TrafficSet): string {
    if (trafficKey(t) === trafficKey(ALL_TRAFFIC)) {
        return "all traffic (every protocol and port)";
    }
    const parts: string[] = [];
    const same = trafficKey({ ...t, udp: t.tcp }) === trafficKey(t);
    if (t.tcp.length > 0) {
        parts.push(`${same ? "TCP/UDP" : "TCP"} ${portsText(t.tcp)}`);
    }
    if (t.udp.length > 0 && !same) {
        parts.push(`UDP ${portsText(t.udp)}`);
    }
    parts.push(...protocolsText(t.other));
    return listText(parts);
}

/** How the rule's peer is named in an exposure: a prefix list of the stack by its resource, whether its ID is known or not. */
function peerNamed(e: WorldExposure, rule: SgRule): string | undefined {
    return e.blocks.find((b) => b.rule === rule && b.via)?.via?.peer;
}

/** "cidrIpv4 (0.0.0.0/1)", "ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'anyone' entries[0].cidr (0.0.0.0/0)". */
function blockText(b: ExposureBlock, where: Where): string {
    const r = b.rule;
    const block = b.via ? `via ${b.via.text}` : `(${!isUndetermined(r.peer) && r.peer.kind === "cidr" ? r.peer.cidr.text : "?"})`;
    return `${where(r)}${r.origin.peerPath} ${block}`;
}

/**
 * "ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)" for one CIDR,
 * else the blocks (a prefix list's by their entries), what they cover, and the rules.
 */
export function exposureText(e: WorldExposure, where: Where = here): string {
    if (e.blocks.length === 1 && !e.blocks[0].via) {
        return `${where(e.rules[0])}${ruleText(e.rules[0])}`;
    }
    const rules = e.rules.slice(0, MAX_LISTED).map((r) => `${where(r)}${ruleText(r, peerNamed(e, r))}`).join("; ");
    const more = e.rules.length > MAX_LISTED ? `; and ${e.rules.length - MAX_LISTED} more` : "";
    const cover = e.blocks.length === 1 ? "covers" : "together cover";
    return `${listText(e.blocks.map((b) => blockText(b, where)))} ${cover} every ${familyName(e.family)} address on ${trafficSetText(e.traffic)}: ${rules}${more}`;
}

/** The condition and consequence of an exposure that hinges on undetermined values. */
export function possibleText(e: PossibleExposure, spec: WorldSpec, where: Where = here, prefix = ""): string {
    const conditions: string[] = [];
    const traffic = e.trafficUndetermined.map((r) => `${where(r)}${r.origin.peerPath}`);
    if (traffic.length > 0) {
        conditions.push(`${listText(traffic)} ${traffic.length === 1 ? "reaches" : "reach"} ${trafficSetText(e.traffic)}`);
    }
    const resources = [...new Set(e.groupUndetermined.map((r) => where(r).trim()))];
    if (resources.length > 0) {
        conditions.push(`${listText(resources)} belong to one security group`);
    }
    conditions.push(...new Set(e.peerUndetermined.flatMap((b) => (b.via?.condition ? [b.via.condition] : []))));
    return `If ${listText(conditions)}, ${prefix}${exposureText(e, where)}, which would ${spec.effect(e)}.`;
}

/** The exposures of the rules of the spec's direction, within its offending traffic. */
export function offendingExposures(spec: WorldSpec, rules: readonly SgRule[], q: WorldQuery = {}): WorldExposure[] {
    return worldExposures(rules.filter((r) => r.direction === spec.direction), { ...q, within: spec.offending });
}

/**
 * Where a value of a rule is, for a finding's key: its path, after the rule's resource's URN unless
 * that is `home` (the resource analysed: undefined; the group a stack finding is on: its URN, or ""
 * for a finding on no resource of the stack, where every rule is named after its URN).
 */
export function valueAt(rule: SgRule, path: string, home?: string): string {
    return `${home === undefined || rule.origin.urn === home ? "" : `${rule.origin.urn} `}${path}`;
}

/** Where an exposure is, for its finding's key: the rules' peer paths (see valueAt). */
export function rulesAt(rules: readonly SgRule[], home?: string): string {
    return rules.map((r) => valueAt(r, r.origin.peerPath, home)).join(", ");
}

/**
 * Where the value a possible exposure hinges on is, for its finding's key: its path after its
 * rule's resource (see valueAt); a peer block's value keeps its own path.
 */
export function possibleAt(e: PossibleExposure, home: string): string | undefined {
    return e.whyOnPeer ? undefined : valueAt(e.whyRule, e.why.path, home);
}

/** The resource half: exposures within one resource, and the rules that cannot be decided yet. */
export function checkWorldExposure(spec: WorldSpec, allRules: readonly SgRule[], report: Reporter): void {
    const rules = allRules.filter((r) => r.direction === spec.direction);
    for (const exposure of offendingExposures(spec, rules)) {
        report.violation(spec.violation(exposure, exposureText(exposure)), undefined, rulesAt(exposure.rules));
    }
    for (const rule of rules) {
        const peerIsWorld = (): Answer => {
            if (isUndetermined(rule.peer)) {
                return rule.peer;
            }
            return rule.peer.kind === "cidr" && isWholeFamily(rule.peer.cidr) ? "yes" : "no";
        };
        const verdict = allHold(peerIsWorld, () => reaches(rule, spec.offending));
        if (verdict !== "yes" && verdict !== "no") {
            report.undetermined(verdict, spec.consequence(rule));
        }
    }
    for (const e of possibleWorldExposures(rules, { within: spec.offending })) {
        report.undetermined(e.why, possibleText(e, spec));
    }
}
