/**
 * What the union of a resource's security groups admits from the internet, for one address family:
 * every ingress rule of every group on its interfaces (inline and standalone; the VPC's default
 * group when it declares none, whose rules AWS sets to admit only the group itself in a VPC the
 * stack creates), judged with the pack's world semantics (model/world.ts: 0.0.0.0/0, ::/0, or
 * blocks that together cover the family; a prefix list of the stack by its known entries). What
 * may be admitted also counts rules whose values are not known yet (a peer not known yet may be
 * the internet), groups the resource may have, rules that may be on its groups, and groups whose
 * rules are outside the stack (they may admit anything).
 */
import { SgRule } from "../../model/sg-rules";
import { Undetermined, isUndetermined } from "../../model/values";
import { PeerBlock, WorldExposure, worldExposures } from "../../model/world";
import { Cidr, Family, parseCidr } from "../../net/cidr";
import { ALL_PORTS } from "../../net/ports";
import { ALL } from "../../net/protocol";
import { ALL_TRAFFIC, NO_TRAFFIC, trafficUnion } from "../../net/traffic";
import { NetworkInterfaceNode } from "../interfaces";
import { refKey } from "../links";
import { defaultGroupKeys } from "../rule-groups";
import type { StackModel } from "../stack";
import { Doubt, SgHop, TrafficGate } from "./path";
import { outside } from "./routes";

const WORLD: Record<Family, Cidr> = { 4: parseCidr("0.0.0.0/0") as Cidr, 6: parseCidr("::/0") as Cidr };

/** The rules a resource's groups surely hold, those they may hold, and why the difference. */
interface Rules {
    readonly sure: SgRule[];
    readonly maybe: { rule: SgRule; doubt: Doubt }[];
    /** The group of the stack each rule is on. */
    readonly groupOf: Map<SgRule, string>;
    /** Set when a group's rules cannot be read at all: they may admit anything. */
    readonly anything?: Doubt;
}

/** The ingress rules of the groups on these interfaces. */
export function rulesOn(model: StackModel, interfaces: readonly NetworkInterfaceNode[]): Rules {
    const out: Rules & { anything?: Doubt } = { sure: [], maybe: [], groupOf: new Map() };
    const keys = new Set<string>();
    for (const n of interfaces) {
        for (const g of n.groups) {
            keys.add(refKey(g));
            if (g.kind === "stack") {
                const rules = model.rulesOf(g.urn);
                rules.forEach((r) => out.groupOf.set(r, g.urn));
                out.sure.push(...rules);
            } else {
                out.sure.push(...model.rulesByGroup.onGroups([refKey(g)]).flatMap((s) => s.ruleSet.rules));
                out.anything ??= { why: outside(n.paths[0] ?? n.path, `security group ${g.id} is not in this stack, so its rules cannot be checked`), urn: n.resource.urn, outside: true };
            }
        }
        for (const d of n.vpcDefaults) {
            defaultGroupKeys(d).forEach((k) => keys.add(k));
            out.sure.push(...model.rulesByGroup.onGroups(defaultGroupKeys(d)).flatMap((s) => s.ruleSet.rules));
            // AWS creates a VPC's default group admitting only itself; outside the stack its rules are not known.
            if (!(d.vpc.kind === "stack" && model.network.createsVpc(d.vpc.urn))) {
                out.anything ??= { why: outside(n.paths[0] ?? n.path, "the VPC's default security group is not in this stack, so its rules cannot be checked"),
                    urn: n.resource.urn, outside: true };
            }
        }
        for (const g of n.possibleGroups) {
            if (g.kind === "stack") {
                out.maybe.push(...model.rulesOf(g.urn).map((rule) => ({ rule, doubt: { why: n.undetermined[0] as Undetermined, urn: n.resource.urn } })));
            }
        }
        if (n.unresolved > 0 || n.unbounded) {
            out.anything ??= { why: n.undetermined[0] as Undetermined, urn: n.resource.urn };
        }
    }
    for (const s of model.rulesByGroup.mayBeOn([...keys])) {
        out.maybe.push(...s.ruleSet.rules.map((rule) => ({ rule, doubt: { why: s.targetUndetermined as Undetermined, urn: s.resource.urn } })));
    }
    return { ...out, sure: out.sure.filter((r) => r.direction === "ingress"), maybe: out.maybe.filter((m) => m.rule.direction === "ingress") };
}

/** The peer fields through which a rule may name the internet, and the families they may hold. */
const MAY_BE_WORLD: Partial<Record<SgRule["via"], readonly Family[]>> = { "cidr4": [4], "cidr6": [6], "prefix-list": [4, 6], "none": [4, 6] };

/** A rule whose values are not known yet, at its widest: any protocol and port it may have, the internet for a peer not known. */
function widen(rule: SgRule, family: Family): { rule: SgRule; why?: Undetermined } {
    const { protocol, ports, peer } = rule;
    const wideProtocol = isUndetermined(protocol) ? ALL : protocol;
    // Every port: the widened rule is only read as traffic, which takes no ports for ICMP and numbered protocols.
    const widePorts = isUndetermined(ports) ? ALL_PORTS : ports;
    const listId = !isUndetermined(peer) && peer.kind === "prefix-list" && isUndetermined(peer.id) ? peer.id : undefined;
    const mayBeWorld = (isUndetermined(peer) || listId !== undefined) && (MAY_BE_WORLD[rule.via] ?? []).includes(family);
    const widePeer = mayBeWorld ? { kind: "cidr" as const, cidr: WORLD[family] } : peer;
    const why = [protocol, ports].find(isUndetermined) ?? (mayBeWorld ? (isUndetermined(peer) ? peer : listId) : undefined);
    return { rule: { ...rule, protocol: wideProtocol, ports: widePorts, peer: widePeer }, ...(why ? { why } : {}) };
}

/** The blocks of a prefix list of the stack that a rule names: its entries whose CIDR is known. */
function blocksOf(model: StackModel): (rule: SgRule) => PeerBlock[] | undefined {
    return (rule) => {
        const ref = model.prefixList(rule)?.ref;
        if (ref?.kind !== "stack") {
            return undefined;
        }
        const list = model.byUrn.get(ref.urn);
        return model.prefixListEntries(ref.urn).entries.flatMap((e) => (isUndetermined(e.cidr) ? [] : [{
            family: e.cidr.family, range: e.cidr.range, text: `${e.path} (${e.cidr.text})`, peer: list?.name ?? ref.urn,
        }]));
    };
}

/** The hop of a rule: the rule's resource and path, and the group of the stack it is on. */
export function sgHop(rule: SgRule, group: string | undefined): SgHop {
    return { kind: "sg-rule", urn: rule.origin.urn, path: rule.origin.peerPath, rule, ...(group === undefined ? {} : { group }) };
}

/** The exposures of the rules the groups surely hold, both families, worked out once per set of rules. */
const SURE = new WeakMap<Rules, WorldExposure[]>();
function sureExposures(rules: Rules, peerBlocks: (rule: SgRule) => PeerBlock[] | undefined): WorldExposure[] {
    let out = SURE.get(rules);
    if (!out) {
        out = worldExposures(rules.sure, { peerBlocks });
        SURE.set(rules, out);
    }
    return out;
}

/** What the groups admit from the whole family: surely (with the rules that do), and possibly. */
export function groupsGate(model: StackModel, rules: Rules, family: Family): TrafficGate {
    const peerBlocks = blocksOf(model);
    const all = sureExposures(rules, peerBlocks);
    const sure = all.filter((e) => e.family === family);
    const hop = (rule: SgRule) => sgHop(rule, rules.groupOf.get(rule));
    const segments = sure.map((e) => ({ traffic: e.traffic, hops: [...new Set(e.blocks.map((b) => b.rule))].map(hop) }));
    const definite = segments.reduce((a, s) => trafficUnion(a, s.traffic), NO_TRAFFIC);
    if (rules.anything) {
        return { segments, definite, possible: ALL_TRAFFIC, doubt: rules.anything };
    }
    const wide = [...rules.sure.map((rule) => ({ rule, doubt: undefined as Doubt | undefined })), ...rules.maybe]
        .map((x) => ({ ...widen(x.rule, family), doubt: x.doubt, original: x.rule }));
    // Nothing widened and nothing that may be on the groups: what may be admitted is what surely is.
    const widened = rules.maybe.length > 0 || wide.some((w) => w.why);
    const byRule = new Map(wide.map((w) => [w.rule, w]));
    // A widened rule is a copy: the stack links the original to its prefix list.
    const wideBlocks = (rule: SgRule) => peerBlocks((byRule.get(rule) as { original: SgRule }).original);
    const may = widened ? worldExposures(wide.map((w) => w.rule), { peerBlocks: wideBlocks }).filter((e) => e.family === family) : sure;
    const possible = may.reduce((a, e) => trafficUnion(a, e.traffic), NO_TRAFFIC);
    const involved = may.flatMap((e) => e.rules).map((r) => byRule.get(r)).filter((w) => w && (w.why || w.doubt));
    const first = involved[0];
    const doubt = first && (first.doubt ?? { why: first.why as Undetermined, urn: first.original.origin.urn });
    return { segments, definite, possible, ...(doubt ? { doubt } : {}) };
}

