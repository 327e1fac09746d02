import { Direction, ruleIdentity } from "../model/sg-rules";
import { isUndetermined } from "../model/values";
import { listText, resourceLabel } from "../report";
import { stackPolicy } from "../policy";

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
        for (const direction of ["ingress", "egress"] as Direction[]) {
            const standalone = group.standalone.filter((s) => s.ruleSet.rules.some((r) => r.direction === direction));
            if (standalone.length === 0) {
                continue;
            }
            const id = model.knownId(group.resource);
            const ownIds = new Set(id !== undefined ? [id] : []);
            const standaloneRules = new Set(standalone.flatMap((s) => s.ruleSet.rules).map((r) => ruleIdentity(r, ownIds))
                .filter((k) => k !== undefined));
            // After a deploy the group's outputs list every rule, standalone ones included: only
            // inline rules that no standalone resource accounts for show inline management.
            const inline = group.inline.rules.filter((r) => {
                const identity = ruleIdentity(r, ownIds);
                return r.direction === direction && !isUndetermined(r.peer) && !(identity !== undefined && standaloneRules.has(identity));
            });
            const paths = [...new Set(inline.map((r) => r.origin.rulePath))];
            if (paths.length > 0) {
                report.violation(`${resourceLabel(group.resource)} declares ${direction} rules inline (` +
                    `${listText(paths)}) and also has standalone ${direction} rules: ` +
                    `${listText(standalone.map((s) => resourceLabel(s.resource)))}. On every update the provider ` +
                    `removes whichever rules the other side added, so traffic flaps. Fix: ${FIX}`, urn);
            }
        }
    }
});
