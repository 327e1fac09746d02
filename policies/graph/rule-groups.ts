/**
 * Which standalone rules are on a group that the stack's own groups do not cover: a group outside the
 * stack (by its ID), or a VPC's default group that the stack does not declare (through the VPC). And
 * the rules whose group cannot be told yet (a first preview), with the groups each may be on: the
 * dependencies of its securityGroupId name them when every resource they name is a group or a VPC
 * standing in for its default group; a dependency on any other resource (an ID read from its
 * outputs), or none at all, may lead to any group, in the stack or not.
 */
import { SgRuleSet } from "../model/sg-rules";
import { Undetermined } from "../model/values";
import { Ref, Targets, depsOf, refKey } from "./links";
import { push } from "./lists";
import type { StackResource } from "./resource";
import type { VpcDefaultGroup } from "./vpcs";

/** A standalone rule resource and the group it belongs to. */
export interface StandaloneRule {
    readonly resource: StackResource;
    readonly ruleSet: SgRuleSet;
    /** The group the rule belongs to; undefined when it cannot be resolved yet. */
    readonly target: Ref | undefined;
    readonly targetUndetermined?: Undetermined;
    /** Set when the target is a VPC's default group that the stack does not declare, named through the VPC (vpc.defaultSecurityGroupId). */
    readonly defaultGroupOf?: StackResource;
}

/** A group as a key: a stack group's URN, "external:<id>", or "default:<vpc urn>" for an undeclared default group. */
type GroupKey = string;
const externalKey = (id: string): GroupKey => refKey({ kind: "external", id });
const defaultKey = (vpcUrn: string): GroupKey => `default:${vpcUrn}`;

export class RuleGroups {
    private readonly known = new Map<GroupKey, StandaloneRule[]>();
    private readonly pending = new Map<GroupKey, StandaloneRule[]>();
    private readonly candidates = new Map<StandaloneRule, GroupKey[]>();
    /** Rules whose group cannot be told yet and may be any group at all. */
    readonly anywhere: StandaloneRule[] = [];

    constructor(rules: readonly StandaloneRule[], groups: Targets) {
        const add = (map: Map<GroupKey, StandaloneRule[]>, key: GroupKey, rule: StandaloneRule) => map.set(key, push(map.get(key), rule));
        for (const rule of rules) {
            // An undeclared default group is named through its VPC, and by its ID once known.
            if (rule.defaultGroupOf) {
                add(this.known, defaultKey(rule.defaultGroupOf.urn), rule);
            }
            if (rule.target?.kind === "external") {
                add(this.known, externalKey(rule.target.id), rule);
            } else if (!rule.target && !rule.defaultGroupOf && rule.targetUndetermined?.undetermined === "unknown") {
                const deps = [...new Set(depsOf(rule.resource, "securityGroupId"))];
                const among = groups.among(deps);
                if (deps.length === 0 || among.targets.length + among.standIns.length < deps.length) {
                    this.anywhere.push(rule);
                    continue;
                }
                const keys = [...among.targets, ...among.standIns.map((vpc) => groups.targetOf(vpc) ?? defaultKey(vpc))];
                this.candidates.set(rule, [...new Set(keys)]);
                new Set(keys).forEach((k) => add(this.pending, k, rule));
            }
        }
    }

    /** The rules known to be on groups outside the stack's groups (by "external:<id>" or "default:<vpc urn>"). */
    onGroups(keys: readonly GroupKey[]): StandaloneRule[] {
        return [...new Set(keys.flatMap((k) => this.known.get(k) ?? []))];
    }

    /** The groups a rule whose group cannot be told yet may be on (none listed: it may be on any). */
    keysOf(rule: StandaloneRule): GroupKey[] {
        return this.candidates.get(rule) ?? [];
    }

    /** The rules whose group cannot be told yet and may be one of these. */
    mayBeOn(keys: readonly GroupKey[]): StandaloneRule[] {
        return [...new Set([...keys.flatMap((k) => this.pending.get(k) ?? []), ...this.anywhere])];
    }
}

/** Why a rule's group cannot be told yet, and the finding key naming that value: its URN, then its path. */
export function pendingGroup(rule: StandaloneRule): { why: Undetermined; at: string } {
    const why = rule.targetUndetermined as Undetermined;
    return { why, at: `${rule.resource.urn} ${why.path}` };
}

/** What a rule's securityGroupId depends on, as one key: rules whose group cannot be told yet and have the same key may share it. */
export function dependencyKey(rule: StandaloneRule): string {
    return [...depsOf(rule.resource, "securityGroupId")].sort().join(" ");
}

/**
 * The keys of a VPC's default group that the stack does not declare (an interface's vpcDefaults: a
 * declared one is among its groups): through its VPC, and by its known ID.
 */
export function defaultGroupKeys(d: VpcDefaultGroup): GroupKey[] {
    return [...(d.vpc.kind === "stack" ? [defaultKey(d.vpc.urn)] : []), ...(d.id !== undefined ? [externalKey(d.id)] : [])];
}
