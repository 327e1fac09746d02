import { worldExposures } from "../model/world";
import { familyName } from "../net/cidr";
import { listText, resourceLabel } from "../report";
import { stackPolicy } from "../policy";

const FIX = "Put a load balancer in front: give the load balancer the internet-facing group, and let the compute " +
    "group admit only the load balancer's security group.";

export const sgWorldIngressOnlyOnLoadBalancers = stackPolicy({
    name: "sg-world-ingress-only-on-load-balancers",
    displayName: "Only load balancers face the internet",
    description: "A security group that admits the whole internet is attached to load balancers only, not to compute " +
        "(instances, launch templates, ECS services, Lambda functions, ...).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html",
    tags: ["security-group", "internet-exposure", "architecture"],
    configSchema: { properties: {} },
}, ({ model, report }) => {
    for (const [urn, group] of model.groups) {
        const exposures = worldExposures(model.rulesOf(urn).filter((r) => r.direction === "ingress"));
        if (exposures.length === 0) {
            continue;
        }
        const compute = [...new Map(model.interfacesWith(urn).filter((n) => n.shape.role === "compute")
            .map((n) => [n.resource.urn, n.resource])).values()];
        if (compute.length > 0) {
            const families = [...new Set(exposures.map((e) => familyName(e.family)))];
            // Name each rule by its path, and by its resource when it is a standalone rule.
            const rules = [...new Set(exposures.flatMap((e) => e.rules.map((r) =>
                r.origin.urn === urn ? r.origin.peerPath : `${resourceLabel(r.origin)} ${r.origin.peerPath}`)))];
            report.violation(`${resourceLabel(group.resource)} admits every ${listText(families)} address ` +
                `(${listText(rules)}) and is attached to compute: ${listText(compute.map(resourceLabel))}. Internet ` +
                `traffic then reaches the hosts directly, with no load balancer to absorb scans and malformed ` +
                `requests. Fix: ${FIX}`, urn);
        }
    }
});
