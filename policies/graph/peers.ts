/**
 * The resources that rules name as peers: the security group of a security-group reference
 * (`securityGroups`, `sourceSecurityGroupId`, `referencedSecurityGroupId`) and the managed prefix
 * list of a prefix-list reference (`prefixListIds`, `prefixListId`). Known IDs link by value.
 * Unknown ones link through the dependencies of the input that holds them when these name exactly
 * as many resources of that kind as there are unknown references there: then the set is exact,
 * though which unknown reference names which resource is not (it takes them in order).
 */
import { isPeerList } from "../model/sg-peers";
import { SgRule } from "../model/sg-rules";
import { isUndetermined } from "../model/values";
import { Ref, Targets, depsOf, refKey } from "./links";
import { push } from "./lists";
import type { StackResource } from "./resource";

/** The top-level input a rule's peer was written under: "ingress", "sourceSecurityGroupId", ... */
function inputOf(rule: SgRule): string {
    return rule.origin.peerPath.split(/[.[]/)[0];
}

/** Links the peers of `kind` of the rules of one resource; adds them to `out`. */
function linkPeers(r: StackResource, rules: readonly SgRule[], kind: "security-group" | "prefix-list", targets: Targets, out: Map<SgRule, Ref>): void {
    const unknown = new Map<string, SgRule[]>();
    const known = new Map<string, Set<string>>();
    for (const rule of rules) {
        const peer = rule.peer;
        if (isUndetermined(peer) || peer.kind !== kind) {
            continue;
        }
        const input = inputOf(rule);
        // An undetermined ID is one not known yet: the model makes an invalid reference an invalid peer.
        if (isUndetermined(peer.id)) {
            unknown.set(input, push(unknown.get(input), rule));
            continue;
        }
        const link = targets.byValue(peer.id);
        if (link.ref) {
            out.set(rule, link.ref);
            known.set(input, (known.get(input) ?? new Set()).add(refKey(link.ref)));
        }
    }
    for (const [input, pending] of unknown) {
        const taken = known.get(input) ?? new Set<string>();
        const deps = targets.among(depsOf(r, input)).targets.filter((u) => !taken.has(u));
        if (deps.length === pending.length) {
            pending.forEach((rule, i) => out.set(rule, { kind: "stack", urn: deps[i] }));
        }
    }
}

/** The groups and prefix lists that the rules of each resource name. */
export function linkRulePeers(
    rulesByResource: readonly { resource: StackResource; rules: readonly SgRule[] }[], groups: Targets, prefixLists: Targets,
): Map<SgRule, Ref> {
    const out = new Map<SgRule, Ref>();
    for (const { resource, rules } of rulesByResource) {
        linkPeers(resource, rules, "security-group", groups, out);
        linkPeers(resource, rules, "prefix-list", prefixLists, out);
    }
    return out;
}

/** True for a prefix-list rule whose list ID is not known yet (an undetermined ID is never an invalid one). */
function unknownListId(rule: SgRule): boolean {
    return !isUndetermined(rule.peer) && rule.peer.kind === "prefix-list" && isUndetermined(rule.peer.id);
}

/**
 * The prefix lists of the stack that a prefix-list rule may name when its ID is not known yet and
 * the link (`linked`) is not exact: every list the input that holds the reference depends on. The
 * link is exact when the reference is the only unknown one in its input and not a whole list.
 * The answer is undefined for a rule whose list is known or linked exactly, and for other rules.
 */
export function prefixListCandidates(
    rulesByResource: readonly { resource: StackResource; rules: readonly SgRule[] }[], prefixLists: Targets, linked: ReadonlyMap<SgRule, Ref>,
): (rule: SgRule) => string[] | undefined {
    const key = (rule: SgRule) => `${rule.origin.urn} ${inputOf(rule)}`;
    const pending = new Map<string, number>();
    const resources = new Map<string, StackResource>();
    for (const { resource, rules } of rulesByResource) {
        resources.set(resource.urn, resource);
        for (const rule of rules.filter(unknownListId)) {
            pending.set(key(rule), (pending.get(key(rule)) ?? 0) + 1);
        }
    }
    return (rule) => {
        if (!unknownListId(rule) || (linked.has(rule) && pending.get(key(rule)) === 1 && !isPeerList(rule.origin.peerPath))) {
            return undefined;
        }
        const r = resources.get(rule.origin.urn);
        return r ? prefixLists.among(depsOf(r, inputOf(rule))).targets : [];
    };
}
