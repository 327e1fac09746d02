/**
 * The stack half of the "world" policies: the rules of each security group put together, inline
 * and from standalone rule resources, so that blocks split across resources are seen as one set,
 * and prefix-list rules with the blocks their list of the stack holds. Only exposures that no
 * single resource's CIDRs make are reported here; those are reported on that resource.
 */
import { PossibleExposure, possibleWorldExposures, spansResources } from "../../model/world";
import { StackCheck } from "../../core/policy";
import { Reporter, resourceLabel } from "../../core/report";
import { ruleBuckets } from "./group-buckets";
import { located, prefixListBlocks } from "./prefix-list-blocks";
import { Where, WorldSpecOf, exposureText, offendingExposures, possibleAt, possibleText, rulesAt } from "./world";

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
            // A finding on no resource (a group outside the stack) names every rule after its URN.
            const home = bucket.urn ?? "";
            // Rules whose group is undetermined are never part of a definite exposure (only of possible ones).
            for (const e of offendingExposures(spec, bucket.rules, q)) {
                report.violation(spec.violation(e, `On ${bucket.label}, ${exposureText(e, where)}`), bucket.urn, rulesAt(e.rules, home));
            }
            const rules = bucket.rules.filter((r) => r.direction === spec.direction);
            for (const e of possibleWorldExposures(rules, { ...q, within: spec.offending })) {
                reportPossible(report, e, possibleText(e, spec, where, on), bucket.urn);
            }
        }
    };
}

/**
 * Reports an exposure of a group's rules that hinges on unknown values, on the group (`urn`; none for
 * a group outside the stack): the reason names the resource of the rule the value is on.
 */
export function reportPossible(report: Reporter, e: PossibleExposure, text: string, urn: string | undefined): void {
    report.undetermined(e.whyOnPeer ? e.why : located(e.why, e.whyRule.origin), text, urn, possibleAt(e, urn ?? ""));
}
