/**
 * The blocks a prefix-list rule admits, for the stack half of the world policies: the entries of
 * the stack's managed prefix list that the rule names, inline or from entry resources. A block
 * that is not known yet (the list's entries, an entry's CIDR, whether an entry resource or the rule
 * names this list) is one the rule only may admit, the whole family when its CIDR is not known,
 * with the reason. A list outside the stack holds blocks nobody can tell here: none.
 */
import { StackModel } from "../../graph/stack";
import { PrefixListEntry } from "../../model/prefix-lists";
import { SgRule } from "../../model/sg-rules";
import { Undetermined, isUndetermined } from "../../model/values";
import { PeerBlock } from "../../model/world";
import { Family, familyRange } from "../../net/cidr";
import { listText, resourceLabel } from "../../core/report";

/** A value's reason, saying which resource it is on: "toPort of aws.vpc.SecurityGroupIngressRule 'a' is not known ...". */
export function located(why: Undetermined, on: { type: string; name: string }): Undetermined {
    const label = resourceLabel(on);
    const at = why.reason.indexOf(why.path);
    const reason = why.path !== "" && at >= 0
        ? `${why.reason.slice(0, at)}${why.path} of ${label}${why.reason.slice(at + why.path.length)}`
        : `${why.reason} (${label})`;
    return { ...why, reason };
}

/** The blocks of one prefix list of the stack. */
function blocksOf(model: StackModel, urn: string): PeerBlock[] {
    const list = model.byUrn.get(urn);
    if (!list) {
        return [];
    }
    const peer = resourceLabel(list);
    const { family, entries, maybe, more } = model.prefixListEntries(urn);
    const families: Family[] = isUndetermined(family) ? [4, 6] : [family];
    const anything = (text: string, why: Undetermined, condition: string): PeerBlock[] =>
        families.map((f) => ({ family: f, range: familyRange(f), text: `${text} (not known yet)`, peer, why, condition }));
    const blockOf = (e: PrefixListEntry, maybeWhy?: Undetermined, maybeCondition?: string): PeerBlock[] => {
        const at = `${resourceLabel(e.resource)} ${e.path}`;
        if (isUndetermined(e.cidr)) {
            return anything(at, maybeWhy ?? located(e.cidr, e.resource), maybeCondition ?? `${at} holds the addresses needed`);
        }
        const block = { family: e.cidr.family, range: e.cidr.range, text: `${at} (${e.cidr.text})`, peer };
        return maybeWhy ? [{ ...block, why: maybeWhy, condition: maybeCondition }] : [block];
    };
    return [
        ...entries.flatMap((e) => blockOf(e)),
        ...maybe.flatMap((e) => blockOf(e, located(e.why.why, e.why.resource), `${resourceLabel(e.resource)} adds its block to ${peer}`)),
        ...(more ? anything(`${peer} entries`, located(more.why, more.resource), `the entries of ${peer} that are not known yet hold the addresses needed`) : []),
    ];
}

/**
 * The blocks each prefix-list rule admits. A rule names its list by ID, or, at a first preview,
 * through the dependencies of the input that holds it: exact when that input holds one unknown
 * reference; with several (or a whole list not known yet), which one names which list is not
 * known, and every list they depend on is one the rule only may name.
 */
export function prefixListBlocks(model: StackModel): (rule: SgRule) => PeerBlock[] | undefined {
    const cache = new Map<string, PeerBlock[]>();
    const blocks = (urn: string) => cache.get(urn) ?? cache.set(urn, blocksOf(model, urn)).get(urn) as PeerBlock[];
    return (rule) => {
        if (isUndetermined(rule.peer) || rule.peer.kind !== "prefix-list") {
            return undefined;
        }
        const lists = model.mayNamePrefixLists(rule);
        if (!lists) {
            const ref = model.prefixList(rule)?.ref;
            return ref?.kind === "stack" ? blocks(ref.urn) : undefined;
        }
        const why = located(rule.peer.id as Undetermined, rule.origin);
        const names = `${resourceLabel(rule.origin)} ${rule.origin.peerPath} names`;
        const labels = lists.map((u) => resourceLabel(model.byUrn.get(u) as { type: string; name: string }));
        const peer = labels.length === 1 ? labels[0] : `one of ${listText(labels)}`;
        return lists.flatMap((u) => blocks(u).map((b) => ({
            ...b, peer, why, condition: `${names} ${b.peer}${b.condition ? ` and ${b.condition}` : ""}`,
        })));
    };
}
