import { StackModel } from "../graph/stack";
import { SgRule } from "../model/sg-rules";
import { listText, resourceLabel } from "../core/report";
import { stackPolicy } from "../core/policy";

const FIX = "Delete the group, or attach it where it is meant to be used; unused groups with open rules are a " +
    "ready-made hole for the next resource someone attaches them to.";

/**
 * The groups that something attaches or references: interfaces and attachments, rules of other
 * groups that name them (a group's reference to itself is no use), the stack's outputs (another
 * stack can attach an exported group), and property dependencies, which catch resources the pack
 * does not model (a group's own rule resources do not count, nor a known value that holds none of
 * the group's IDs).
 */
function usedGroups(model: StackModel): Set<string> {
    const used = new Set<string>();
    for (const urn of model.groups.keys()) {
        if (model.interfacesWith(urn).length > 0) {
            used.add(urn);
        }
    }
    for (const a of model.attachments) {
        if (a.group?.kind === "stack") {
            used.add(a.group.urn);
        }
    }
    const rules: [string | undefined, SgRule][] = [
        ...[...model.groups.entries()].flatMap(([urn, g]) => g.inline.rules.map((r): [string, SgRule] => [urn, r])),
        ...model.standaloneRules.flatMap((s) => s.ruleSet.rules.map((r): [string | undefined, SgRule] => [s.target?.kind === "stack" ? s.target.urn : undefined, r])),
    ];
    for (const [owner, r] of rules) {
        const peer = model.peerGroup(r);
        if (peer?.kind === "stack" && peer.urn !== owner) {
            used.add(peer.urn);
        }
    }
    for (const urn of model.exports.resources) {
        used.add(urn);
    }
    for (const urn of model.groupsDependedOn(used)) {
        used.add(urn);
    }
    return used;
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
    const used = usedGroups(model);
    const unknownExports = model.exports.unknown;
    for (const [urn, group] of model.groups) {
        if (group.isDefault || used.has(urn)) {
            continue;
        }
        const what = `${resourceLabel(group.resource)} is not attached to any resource in the stack and no rule references it`;
        if (unknownExports.length > 0) {
            // An output not known yet may be this group's ID, for another stack to attach.
            report.undetermined(unknownExports[0], `${what}, but the stack exports ${listText(unknownExports.map((u) => u.path))}, ` +
                "which may be its ID for another stack to use; it is unused unless that is so.", urn);
        } else {
            report.violation(`${what}. Fix: ${FIX}`, urn);
        }
    }
});
