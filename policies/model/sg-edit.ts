/**
 * Editing rule props for remediation: removing peers, named by the property paths the canonical
 * model gives them, from the shapes that list several peers per rule. A rule left without a peer is
 * dropped from an inline list; a standalone rule resource cannot be dropped, so then nothing changes.
 */
import { TYPE } from "./types";

type Props = Record<string, unknown>;

/**
 * The elements of a list as a plain array. Remediate hands props over behind proxies on which
 * Array methods such as filter fail, so lists are only ever read by index.
 */
function items(list: unknown): unknown[] | undefined {
    if (!Array.isArray(list)) {
        return undefined;
    }
    const out: unknown[] = [];
    for (let i = 0; i < list.length; i++) {
        out.push(list[i]);
    }
    return out;
}

const LIST_PEERS = ["cidrBlocks", "ipv6CidrBlocks", "prefixListIds", "securityGroups"];
const CLASSIC_PEERS = ["cidrBlocks", "ipv6CidrBlocks", "prefixListIds"];

function nonEmpty(v: unknown): boolean {
    return Array.isArray(v) && v.length > 0;
}

/** The rule without the peers at `prefix.field[j]` listed in `paths`; undefined when nothing changed. */
function prune(rule: Props, prefix: string, fields: string[], paths: ReadonlySet<string>): Props | undefined {
    let changed = false;
    const out: Props = { ...rule };
    for (const field of fields) {
        const list = items(rule[field]);
        if (list) {
            const kept = list.filter((_, j) => !paths.has(`${prefix}${field}[${j}]`));
            if (kept.length !== list.length) {
                out[field] = kept;
                changed = true;
            }
        }
    }
    return changed ? out : undefined;
}

function hasPeer(rule: Props, fields: string[], single: string[]): boolean {
    return fields.some((f) => nonEmpty(rule[f])) || single.some((f) => typeof rule[f] === "string" && rule[f] !== "") || rule.self === true;
}

/**
 * The resource's props without the given peers, or undefined when the resource cannot be fixed
 * that way (no such peers, a single-peer vpc rule, or a standalone rule that would have no peer left).
 */
export function withoutPeers(type: string, props: Props, paths: ReadonlySet<string>): Props | undefined {
    if (type === TYPE.securityGroup || type === TYPE.defaultSecurityGroup) {
        let changed = false;
        const out: Props = { ...props };
        for (const direction of ["ingress", "egress"]) {
            const list = items(props[direction]);
            if (!list) {
                continue;
            }
            const kept: unknown[] = [];
            list.forEach((item, i) => {
                const rule = item as Props;
                // A list item that is not a rule object (null, a string, ...) is kept as it is.
                const isRule = typeof item === "object" && item !== null && !Array.isArray(item);
                const pruned = isRule ? prune(rule, `${direction}[${i}].`, LIST_PEERS, paths) : undefined;
                if (!pruned) {
                    kept.push(rule);
                    return;
                }
                changed = true;
                if (hasPeer(pruned, LIST_PEERS, [])) {
                    kept.push(pruned);
                }
            });
            out[direction] = kept;
        }
        return changed ? out : undefined;
    }
    if (type === TYPE.securityGroupRule) {
        const pruned = prune(props, "", CLASSIC_PEERS, paths);
        return pruned && hasPeer(pruned, CLASSIC_PEERS, ["sourceSecurityGroupId"]) ? pruned : undefined;
    }
    return undefined;
}

/** The props of a security group with no rules at all. */
export function withoutRules(props: Props): Props {
    return { ...props, ingress: [], egress: [] };
}
