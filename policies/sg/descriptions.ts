import { SgRule, hasGroupDescription } from "../model/sg-rules";
import { isUndetermined } from "../model/values";
import { listText } from "../core/report";
import { sgRulePolicy } from "../core/policy";

const PROVIDER_DEFAULT = "Managed by Pulumi";
const FIX = "Give the security group a description of what it protects, and every rule a description of why it " +
    "exists (who the peer is and what it needs).";

export const sgDescriptions = sgRulePolicy({
    name: "sg-descriptions",
    displayName: "Security groups and rules are described",
    description: "A security group's description is neither empty nor the provider's default \"Managed by Pulumi\", " +
        "and every rule has a description.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    tags: ["security-group", "hygiene", "audit"],
    configSchema: { properties: {} },
}, ({ resource, ruleSet, report }) => {
    const group = ruleSet.groupDescription;
    if (hasGroupDescription(resource.type)) {
        if (isUndetermined(group)) {
            report.undetermined(group, "The group's description cannot be checked.");
        } else if (group === undefined || group.trim() === "" || group.trim() === PROVIDER_DEFAULT) {
            const what = group === undefined ? `no description, so the provider sets "${PROVIDER_DEFAULT}"` : `the description "${group}"`;
            report.violation(`The security group has ${what}. Reviewers and incident responders cannot tell what it ` +
                `protects. Fix: ${FIX}`, undefined, "description");
        }
    }
    // One AWS rule per peer, but one description per written rule: each written rule counts once
    // (its peers share its description), and every undescribed rule is listed in one finding.
    const written = new Map<string, SgRule>(ruleSet.rules.map((rule) => [rule.origin.rulePath, rule]));
    const undescribed: { where: string; path: string; rule: SgRule }[] = [];
    for (const [path, rule] of written) {
        const where = path === "" ? "The rule" : path;
        const d = rule.description;
        if (isUndetermined(d)) {
            report.undetermined(d, `${where}'s description cannot be checked.`);
        } else if (d === undefined || d.trim() === "") {
            undescribed.push({ where, path, rule });
        }
    }
    if (undescribed.length === 1) {
        const { where, path, rule } = undescribed[0];
        report.violation(`${where} (${rule.direction}) has no description. Without one, nobody can tell later whether the rule is ` +
            `still needed. Fix: ${FIX}`, undefined, path === "" ? "description" : `${path}.description`);
    } else if (undescribed.length !== 0) {
        // Only inline rules are listed: a standalone resource holds one written rule.
        report.violation(`${undescribed.length} rules have no description: ${listText(undescribed.map((u) => u.path))}. Without one, nobody ` +
            `can tell later whether a rule is still needed. Fix: ${FIX}`, undefined, undescribed.map((u) => `${u.path}.description`).join(", "));
    }
});
