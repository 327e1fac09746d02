import { StackModel, groupKey } from "../graph/stack";
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
    if (model.attachments.some((a) => a.group?.kind === "stack" && a.group.urn === urn)) {
        return true;
    }
    // Rules of other groups that reference this one; a group's reference to itself is no use.
    const ownRules = new Set(model.standaloneRules.filter((s) => s.target?.kind === "stack" && s.target.urn === urn).map((s) => s.resource.urn));
    const others = [...model.groups.entries()].filter(([g]) => g !== urn).flatMap(([, g]) => g.inline.rules)
        .concat(model.standaloneRules.filter((s) => !ownRules.has(s.resource.urn)).flatMap((s) => s.ruleSet.rules));
    const referencedById = others.some((r) => !isUndetermined(r.peer) && r.peer.kind === "security-group" &&
        !isUndetermined(r.peer.id) && groupKey(model.refOf(r.peer.id)) === urn);
    if (referencedById) {
        return true;
    }
    // Property dependencies catch references whose IDs are unknown at preview, and resources the
    // pack does not model; the group's own rule resources do not count.
    return model.resources.some((r) => r.urn !== urn && !ownRules.has(r.urn) &&
        Object.values(r.propertyDependencies).some((urns) => urns.includes(urn)));
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
