import { integer, integerSchema } from "../core/config";
import { Ref, refKey } from "../graph/stack";
import { Undetermined } from "../model/values";
import { listText, resourceLabel } from "../core/report";
import { stackPolicy } from "../core/policy";

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
    for (const eni of model.interfaces) {
        const label = resourceLabel(eni.resource);
        const implicit = eni.implicitDefault?.group && refKey(eni.implicitDefault.group);
        const name = (g: Ref) => g.kind === "external" ? `${g.id} (outside the stack)`
            : `'${model.byUrn.get(g.urn)?.name ?? g.urn}'${refKey(g) === implicit ? " (the VPC's default group: it declares none)" : ""}`;
        const named = [...eni.groups.map(name), ...eni.vpcDefaults.map((d) => model.defaultGroupText(d, resourceLabel) +
            (d === eni.implicitDefault ? " (it declares none)" : ""))];
        const known = named.length;
        if (known > max) {
            report.violation(`${label} puts ${known} security groups on one network interface (${eni.path}): ` +
                `${listText(named)}. The quota is ${max} per interface, so AWS rejects the resource at ` +
                `deploy time, after the rest of the stack is built. Fix: ${FIX}`, eni.resource.urn, eni.path);
            continue;
        }
        // The unknown parts matter only when they could take the interface past the quota.
        const couldExceed = eni.unbounded || known + eni.unresolved > max;
        // An interface that may hold no declared group still gets its VPC's default one, where AWS gives it.
        const atLeast = Math.max(known, eni.hasGroups || eni.shape.defaultGroupIn ? 1 : 0);
        const count = eni.unbounded ? `at least ${atLeast}` : `${atLeast} to ${known + eni.unresolved}`;
        for (const why of eni.undetermined) {
            if (why.undetermined === "invalid") {
                report.undetermined(why, `The security groups of ${label} on ${eni.path} cannot be counted against the quota of ${max}.`, eni.resource.urn);
            } else if (couldExceed) {
                report.undetermined(why, `${label} has ${count} security group${count === "at least 1" ? "" : "s"} on ${eni.path}; the ones not ` +
                    `known yet cannot be counted against the quota of ${max}.`, eni.resource.urn);
            }
        }
    }
    for (const a of model.attachments.filter((x) => x.undetermined)) {
        report.undetermined(a.undetermined as Undetermined, `${resourceLabel(a.resource)} adds a security group to a ` +
            `network interface that cannot be told yet, so it cannot be counted against that interface's quota of ${max}.`, a.resource.urn);
    }
});
