/**
 * The resources that rules name as peers: the security group of a security-group reference
 * (`securityGroups`, `sourceSecurityGroupId`, `referencedSecurityGroupId`) and the managed prefix
 * list of a prefix-list reference (`prefixListIds`, `prefixListId`). Known IDs link by value.
 * Unknown ones link through the dependencies of the input that holds them when these name exactly
 * as many resources of that kind as there are unknown references there: then the set is exact,
 * though which unknown reference names which resource is not (it takes them in order).
 */
import { SgRule } from "../model/sg-rules";
import { isUndetermined } from "../model/values";
import { Ref, Targets, depsOf, push, refKey } from "./links";
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
        if (isUndetermined(peer.id)) {
            if (peer.id.undetermined === "unknown") {
                unknown.set(input, push(unknown.get(input), rule));
            }
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
