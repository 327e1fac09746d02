import { withoutRules } from "../model/sg-edit";
import { standsForWholeList } from "../model/sg-rules";
import { TYPE } from "../model/types";
import { isUndetermined } from "../model/values";
import { resourceLabel, ruleText } from "../core/report";
import { StackCheck, policyMeta, sgRulePolicy, withStackHalf } from "../core/policy";

const FIX = "Declare the default security group with no ingress and no egress rules, and attach purpose-built " +
    "security groups to resources instead.";

const meta = policyMeta({
    name: "sg-default-denies-all",
    displayName: "Default security group allows nothing",
    description: "A VPC's default security group (aws.ec2.DefaultSecurityGroup) has no ingress and no egress rules, " +
        "inline or as standalone rule resources.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
    tags: ["security-group", "default-security-group", "least-privilege"],
    controls: { cis: ["5.4"], securityHub: ["EC2.2"] },
    configSchema: { properties: {} },
});

const resourceHalf = sgRulePolicy(meta, ({ ruleSet, report }) => {
    for (const rule of ruleSet.rules) {
        if (standsForWholeList(rule)) {
            // The whole list is unknown or malformed: it may well be empty.
            report.undetermined(rule.peer, `The default security group must have no ${rule.direction} rules.`);
            continue;
        }
        const why = [rule.peer, rule.protocol].find(isUndetermined);
        const text = why ? `${rule.origin.peerPath} is an ${rule.direction} rule` : ruleText(rule);
        report.violation(`${text} on the default security group. Anything launched without an explicit group gets ` +
            `the default one, so every rule on it applies to resources nobody chose to expose. Fix: ${FIX}`, undefined, rule.origin.peerPath);
    }
}, {
    applies: (type) => type === TYPE.defaultSecurityGroup,
    remediate: ({ ruleSet, props }) => (ruleSet.rules.length > 0 ? withoutRules(props) : undefined),
});

/** The stack half: standalone rule resources that attach rules to a default security group. */
function stackHalf({ model, report }: StackCheck): void {
    for (const rule of model.standaloneRules) {
        const target = rule.target?.kind === "stack" ? model.groups.get(rule.target.urn) : undefined;
        const which = target?.isDefault ? resourceLabel(target.resource)
            : rule.defaultGroupOf ? `of ${resourceLabel(rule.defaultGroupOf)}` : undefined;
        if (which) {
            report.violation(`${resourceLabel(rule.resource)} adds a rule to the default security group ` +
                `${which}. Anything launched without an explicit group gets the default one, ` +
                `so the rule applies to resources nobody chose to expose. Fix: ${FIX}`, rule.resource.urn);
        } else if (!rule.target && rule.targetUndetermined) {
            // The group cannot be told yet: it may be a default one.
            report.undetermined(rule.targetUndetermined, `${resourceLabel(rule.resource)} adds a rule to a security group ` +
                "that cannot be told yet; it must not be a VPC's default group.", rule.resource.urn);
        }
    }
}

export const sgDefaultDeniesAll = withStackHalf(meta, resourceHalf, stackHalf);
