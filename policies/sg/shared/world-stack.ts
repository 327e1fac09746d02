/**
 * The stack half of the "world" policies: the rules of each security group put together, inline
 * and from standalone rule resources, so that blocks split across resources are seen as one set,
 * and prefix-list rules with the blocks their list of the stack holds. Only exposures that no
 * single resource's CIDRs make are reported here; those are reported on that resource.
 */
import { dependencyKey } from "../../graph/rule-groups";
import { StackModel, StackResource } from "../../graph/stack";
import { SgRule, ruleIdentity } from "../../model/sg-rules";
import { Undetermined, unknownAt } from "../../model/values";
import { possibleWorldExposures, spansResources } from "../../model/world";
import { StackCheck } from "../../core/policy";
import { resourceLabel } from "../../core/report";
import { located, prefixListBlocks } from "./prefix-list-blocks";
import { Where, WorldSpecOf, exposureText, offendingExposures, possibleText, rulesAt } from "./world";

/** The rules that belong to one security group, or may. */
interface RuleBucket {
    /** "aws.ec2.SecurityGroup 'web'", "the default security group of aws.ec2.Vpc 'main'", "security group sg-0123 (not in this stack)". */
    readonly label?: string;
    /** The URN the finding is reported on: the group's when it is in the stack, the VPC's for its undeclared default group. */
    readonly urn?: string;
    readonly rules: SgRule[];
    /** Set when the rules' group is undetermined (they are put together by what it depends on). */
    readonly groupUndetermined?: (rule: SgRule) => Undetermined | undefined;
}

/** The buckets of each stack model, put together once for the world policies that read them. */
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
function ruleBuckets(model: StackModel): readonly RuleBucket[] {
    const known = bucketsOf.get(model);
    if (known) {
        return known;
    }
    const out: RuleBucket[] = [];
    for (const [urn, group] of model.groups) {
        const standalone = group.standalone.flatMap((s) => s.ruleSet.rules);
        const echoed = new Set(standalone.map((r) => ruleIdentity(r)).filter((k) => k !== undefined));
        const inline = echoed.size === 0 ? group.inline.rules : group.inline.rules.filter((r) => {
            const identity = ruleIdentity(r);
            return identity === undefined || !echoed.has(identity);
        });
        out.push({ label: resourceLabel(group.resource), urn, rules: [...inline, ...standalone] });
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
            bucket.why.set(s.resource.urn, s.targetUndetermined ?? unknownAt("securityGroupId"));
            undetermined.set(key, bucket);
        }
    }
    for (const { vpc, rules } of defaults.values()) {
        out.push({ label: `the default security group of ${resourceLabel(vpc)}`, urn: vpc.urn, rules });
    }
    for (const [id, rules] of external) {
        out.push({ label: `security group ${id} (not in this stack)`, rules });
    }
    for (const { rules, why } of undetermined.values()) {
        out.push({ rules, groupUndetermined: (r) => why.get(r.origin.urn) });
    }
    bucketsOf.set(model, out);
    return out;
}

/** The stack half of a world policy, at the policy's own level and configuration. */
export function worldAcrossResources(specOf: WorldSpecOf): (c: StackCheck) => void {
    return ({ model, config, report }) => {
        const spec = specOf(config);
        const peerBlocks = prefixListBlocks(model);
        for (const bucket of ruleBuckets(model).filter((b) => spansResources(b.rules))) {
            // A rule is named by its path, after its resource unless it is the group's own.
            const where: Where = (r) => (r.origin.urn === bucket.urn ? "" : `${resourceLabel(r.origin)} `);
            const q = { acrossResources: true, groupUndetermined: bucket.groupUndetermined, peerBlocks };
            const on = bucket.label ? `on ${bucket.label}, ` : "";
            if (!bucket.groupUndetermined) {
                for (const e of offendingExposures(spec, bucket.rules, q)) {
                    report.violation(spec.violation(e, `On ${bucket.label}, ${exposureText(e, where)}`), bucket.urn, rulesAt(e.rules, bucket.urn));
                }
            }
            const rules = bucket.rules.filter((r) => r.direction === spec.direction);
            for (const e of possibleWorldExposures(rules, { ...q, within: spec.offending })) {
                report.undetermined(e.whyOnPeer ? e.why : located(e.why, e.whyRule.origin), possibleText(e, spec, where, on), bucket.urn);
            }
        }
    };
}
