import { integer, integerSchema } from "../config";
import { GroupRef } from "../graph/stack";
import { listText, resourceLabel } from "../report";
import { stackPolicy } from "../policy";

export const DEFAULT_MAX_SECURITY_GROUPS = 5;

const FIX = "Merge the groups' rules into fewer groups (security groups combine with OR, so one group per role is " +
    "enough), or raise the 'Security groups per network interface' quota and set maxSecurityGroups to match.";

export const eniSecurityGroupLimit = stackPolicy({
    name: "eni-security-group-limit",
    displayName: "Security groups per network interface within quota",
    description: "Each network interface of an ENI-bearing resource (instances, launch templates, load balancers, " +
        "databases, Lambda functions, ECS services, ...) carries at most the configured number of distinct security " +
        "groups (default 5, the AWS default quota; AWS allows up to 16).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups",
    tags: ["security-group", "network-interface", "quota"],
    configSchema: {
        properties: {
            maxSecurityGroups: integerSchema("Security groups allowed per network interface: your account's quota " +
                "(AWS default 5, at most 16).", 1, 16, DEFAULT_MAX_SECURITY_GROUPS),
        },
    },
}, ({ model, config, report }) => {
    const max = integer(config, "maxSecurityGroups", 1, 16);
    const name = (g: GroupRef) => g.kind === "stack" ? `'${model.byUrn.get(g.urn)?.name ?? g.urn}'` : `${g.id} (outside the stack)`;
    for (const eni of model.interfaces) {
        const label = resourceLabel(eni.resource);
        if (eni.groups.length > max) {
            report.violation(`${label} puts ${eni.groups.length} security groups on one network interface (${eni.path}): ` +
                `${listText(eni.groups.map(name))}. The quota is ${max} per interface, so AWS rejects the resource at ` +
                `deploy time, after the rest of the stack is built. Fix: ${FIX}`, eni.resource.urn);
        } else {
            for (const why of eni.undetermined) {
                report.undetermined(why, `${label} has at least ${eni.groups.length} security groups on ${eni.path}; ` +
                    `the rest cannot be counted against the quota of ${max}.`, eni.resource.urn);
            }
        }
    }
});
