import { Direction, SgRuleSet, ruleIdentity } from "../model/sg-rules";
import { pendingGroup } from "../graph/rule-groups";
import { isUndetermined } from "../model/values";
import { listText, resourceLabel } from "../core/report";
import { stackPolicy } from "../core/policy";

const FIX = "Manage each direction of a group one way: either all rules inline in the SecurityGroup's " +
    "ingress/egress, or none inline and all as standalone rule resources (vpc.SecurityGroupIngressRule / " +
    "vpc.SecurityGroupEgressRule are preferred).";

export const sgRulesManagedOneWay = stackPolicy({
    name: "sg-rules-managed-one-way",
    displayName: "Security-group rules managed one way",
    description: "A security group with inline ingress (or egress) rules has no standalone ingress (or egress) rule " +
        "resources: the provider would keep deleting one or the other on every update.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    tags: ["security-group", "drift", "correctness"],
    configSchema: { properties: {} },
}, ({ model, report }) => {
    for (const [urn, group] of model.groups) {
        const id = model.knownId(group.resource);
        const ownIds = new Set(id !== undefined ? [id] : []);
        for (const direction of ["ingress", "egress"] as Direction[]) {
            const ofDirection = (s: { ruleSet: SgRuleSet }) => s.ruleSet.rules.some((r) => r.direction === direction);
            const standalone = group.standalone.filter(ofDirection);
            // Rule resources whose group cannot be told yet may be this group's.
            const pending = standalone.length === 0 ? model.rulesByGroup.mayBeOn([urn]).filter(ofDirection) : [];
            const others = [...standalone, ...pending];
            if (others.length === 0) {
                continue;
            }
            const standaloneRules = new Set(others.flatMap((s) => s.ruleSet.rules).map((r) => ruleIdentity(r, ownIds))
                .filter((k) => k !== undefined));
            // After a deploy the group's outputs list every rule, standalone ones included: only
            // inline rules that no standalone resource accounts for show inline management.
            const inline = group.inline.rules.filter((r) => {
                const identity = ruleIdentity(r, ownIds);
                return r.direction === direction && !isUndetermined(r.peer) && !(identity !== undefined && standaloneRules.has(identity));
            });
            const paths = listText([...new Set(inline.map((r) => r.origin.rulePath))]);
            if (paths === "") {
                continue;
            }
            if (standalone.length > 0) {
                report.violation(`${resourceLabel(group.resource)} declares ${direction} rules inline (${paths}) and also has ` +
                    `standalone ${direction} rules: ${listText(standalone.map((s) => resourceLabel(s.resource)))}. On every update ` +
                    `the provider removes whichever rules the other side added, so traffic flaps. Fix: ${FIX}`, urn, direction);
            }
            for (const s of pending) {
                const { why, at } = pendingGroup(s);
                report.undetermined(why, `${resourceLabel(group.resource)} declares ${direction} rules ` +
                    `inline (${paths}); if ${resourceLabel(s.resource)} adds its ${direction} rule to this group, the group's ${direction} ` +
                    "rules are managed two ways and flap on every update.", urn, at);
            }
        }
    }
});
