/**
 * The rules of each security group put together, inline and from standalone rule resources,
 * whether the group is in the stack, is a VPC's default group the stack does not declare, or is
 * outside the stack; and the interfaces each such group is on.
 */
import { NetworkInterfaceNode } from "../../graph/interfaces";
import { push } from "../../graph/lists";
import { dependencyKey } from "../../graph/rule-groups";
import { StackModel, StackResource } from "../../graph/stack";
import { SgRule, ruleIdentity } from "../../model/sg-rules";
import { Undetermined } from "../../model/values";
import { resourceLabel } from "../../core/report";

/** Which group a bucket's rules are on: one of the stack, a VPC's undeclared default group, one outside the stack by ID. */
export type BucketGroup =
    | { readonly kind: "stack"; readonly urn: string }
    | { readonly kind: "vpc-default"; readonly vpc: string }
    | { readonly kind: "external"; readonly id: string };

/** The rules that belong to one security group, or may. */
export interface RuleBucket {
    /** "aws.ec2.SecurityGroup 'web'", "the default security group of aws.ec2.Vpc 'main'", "security group sg-0123 (not in this stack)". */
    readonly label?: string;
    /** The URN the finding is reported on: the group's when it is in the stack, the VPC's for its undeclared default group. */
    readonly urn?: string;
    /** The group; undefined when it is undetermined. */
    readonly group?: BucketGroup;
    readonly rules: SgRule[];
    /** Set when the rules' group is undetermined (they are put together by what it depends on). */
    readonly groupUndetermined?: (rule: SgRule) => Undetermined | undefined;
}

/** The buckets of each stack model, put together once for the policies that read them. */
const bucketsOf = new WeakMap<StackModel, readonly RuleBucket[]>();

/**
 * Every group's rules: a stack group's inline rules and standalone rule resources, then the
 * standalone rules of each VPC's default group that the stack does not declare (named through the
 * VPC's defaultSecurityGroupId, by ID or by dependency: graph/stack.ts defaultGroupOf), then those
 * of each other group outside the stack (by ID), then the standalone rules whose group is
 * undetermined, put together by the resources their securityGroupId depends on. After a deploy a
 * group's outputs list its standalone rules inline too: such a rule counts once, as the standalone
 * resource's.
 */
export function ruleBuckets(model: StackModel): readonly RuleBucket[] {
    const known = bucketsOf.get(model);
    if (known) {
        return known;
    }
    const out: RuleBucket[] = [];
    for (const [urn, group] of model.groups) {
        const standalone = group.standalone.flatMap((s) => s.ruleSet.rules);
        const echoed = new Set(standalone.map((r) => ruleIdentity(r)));
        const inline = group.inline.rules.filter((r) => {
            const identity = ruleIdentity(r);
            return identity === undefined || !echoed.has(identity);
        });
        out.push({ label: resourceLabel(group.resource), urn, group: { kind: "stack", urn }, rules: [...inline, ...standalone] });
    }
    const defaults = new Map<string, { vpc: StackResource; rules: SgRule[] }>();
    const external = new Map<string, SgRule[]>();
    const undetermined = new Map<string, { rules: SgRule[]; why: Map<string, Undetermined> }>();
    for (const s of model.standaloneRules) {
        if (s.defaultGroupOf) {
            const vpc = s.defaultGroupOf;
            const d = defaults.get(vpc.urn) ?? { vpc, rules: [] };
            d.rules.push(...s.ruleSet.rules);
            defaults.set(vpc.urn, d);
        } else if (s.target?.kind === "external") {
            const rules = external.get(s.target.id) ?? [];
            rules.push(...s.ruleSet.rules);
            external.set(s.target.id, rules);
        } else if (s.target === undefined) {
            const key = dependencyKey(s);
            const bucket = undetermined.get(key) ?? { rules: [] as SgRule[], why: new Map<string, Undetermined>() };
            bucket.rules.push(...s.ruleSet.rules);
            // A rule whose group is not linked always says why (graph/links.ts linkRequired).
            bucket.why.set(s.resource.urn, s.targetUndetermined as Undetermined);
            undetermined.set(key, bucket);
        }
    }
    for (const { vpc, rules } of defaults.values()) {
        out.push({ label: `the default security group of ${resourceLabel(vpc)}`, urn: vpc.urn, group: { kind: "vpc-default", vpc: vpc.urn }, rules });
    }
    for (const [id, rules] of external) {
        out.push({ label: `security group ${id} (not in this stack)`, group: { kind: "external", id }, rules });
    }
    for (const { rules, why } of undetermined.values()) {
        out.push({ rules, groupUndetermined: (r) => why.get(r.origin.urn) });
    }
    bucketsOf.set(model, out);
    return out;
}

/**
 * Interfaces by the groups outside the stack on them ("external:<id>") and by the VPC of their
 * undeclared default group ("vpc:<urn>"). A default group's known ID needs no key: a rule naming
 * that ID is linked through the VPC (graph/links.ts Targets.byValue), so its bucket is the VPC's.
 */
const outsideGroupsOf = new WeakMap<StackModel, Map<string, NetworkInterfaceNode[]>>();

function byOutsideGroup(model: StackModel): Map<string, NetworkInterfaceNode[]> {
    const known = outsideGroupsOf.get(model);
    if (known) {
        return known;
    }
    const index = new Map<string, NetworkInterfaceNode[]>();
    for (const n of model.interfaces) {
        const keys = new Set([
            ...[...n.groups, ...n.possibleGroups].flatMap((g) => (g.kind === "external" ? [`external:${g.id}`] : [])),
            ...n.vpcDefaults.flatMap((d) => (d.vpc.kind === "stack" ? [`vpc:${d.vpc.urn}`] : [])),
        ]);
        for (const k of keys) {
            index.set(k, push(index.get(k), n));
        }
    }
    outsideGroupsOf.set(model, index);
    return index;
}

/** The interfaces a bucket's group is on (by ID for a group outside the stack, through its VPC for an undeclared default group). */
export function interfacesOn(model: StackModel, group: BucketGroup): NetworkInterfaceNode[] {
    if (group.kind === "stack") {
        return model.interfacesWith(group.urn);
    }
    return byOutsideGroup(model).get(group.kind === "external" ? `external:${group.id}` : `vpc:${group.vpc}`) ?? [];
}
