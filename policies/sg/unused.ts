import { StackModel } from "../graph/stack";
import { SG_RULE_TYPES } from "../model/types";
import { isUndetermined } from "../model/values";
import { resourceLabel } from "../report";
import { stackPolicy } from "../policy";

const FIX = "Delete the group, or attach it where it is meant to be used; unused groups with open rules are a " +
    "ready-made hole for the next resource someone attaches them to.";

/** Is the group attached to something, referenced by a rule, or depended on by another resource? */
function isUsed(model: StackModel, urn: string): boolean {
    if (model.interfacesWith(urn).length > 0) {
        return true;
    }
    const all = [...model.groups.keys()].flatMap((g) => model.groups.get(g)?.inline.rules ?? [])
        .concat(model.standaloneRules.flatMap((s) => s.ruleSet.rules));
    const referencedById = all.some((r) => !isUndetermined(r.peer) && r.peer.kind === "security-group" &&
        !isUndetermined(r.peer.id) && (model.refOf(r.peer.id) as { urn?: string }).urn === urn);
    if (referencedById) {
        return true;
    }
    // Property dependencies catch references whose IDs are unknown at preview, and resources the
    // pack does not model; a rule resource's own securityGroupId is not a use of the group.
    return model.resources.some((r) => r.urn !== urn && Object.entries(r.propertyDependencies).some(([key, urns]) =>
        urns.includes(urn) && !(SG_RULE_TYPES.includes(r.type) && key === "securityGroupId")));
}

export const sgUnused = stackPolicy({
    name: "sg-unused",
    displayName: "No unused security groups",
    description: "Every security group (other than a VPC's default group) is attached to something in the stack or " +
        "referenced by a rule.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/working-with-security-groups.html",
    tags: ["security-group", "hygiene"],
    configSchema: { properties: {} },
}, ({ model, report }) => {
    for (const [urn, group] of model.groups) {
        if (!group.isDefault && !isUsed(model, urn)) {
            report.violation(`${resourceLabel(group.resource)} is not attached to any resource in the stack and no rule ` +
                `references it. Fix: ${FIX}`, urn);
        }
    }
});
