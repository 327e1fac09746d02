import { Undetermined } from "../model/values";
import { WorldExposure, worldExposures } from "../model/world";
import { familyName } from "../net/cidr";
import { listText, resourceLabel } from "../core/report";
import { stackPolicy } from "../core/policy";

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
        const compute = [...new Map(model.interfacesWith(urn).filter((n) => n.shape.role === "compute")
            .map((n) => [n.resource.urn, n.resource])).values()];
        if (compute.length === 0) {
            continue;
        }
        const ingress = model.rulesOf(urn).filter((r) => r.direction === "ingress");
        const exposures = worldExposures(ingress);
        if (exposures.length > 0) {
            report.violation(`${resourceLabel(group.resource)} ${admitsText(exposures, urn)} and is attached to compute: ` +
                `${listText(compute.map(resourceLabel))}. Internet traffic then reaches the hosts directly, with no load balancer ` +
                `to absorb scans and malformed requests. Fix: ${FIX}`, urn);
            continue;
        }
        // A rule resource whose group cannot be told yet may complete the world on this group.
        for (const s of model.rulesByGroup.mayBeOn([urn])) {
            const possible = worldExposures([...ingress, ...s.ruleSet.rules.filter((r) => r.direction === "ingress")]);
            if (possible.length > 0) {
                report.undetermined(s.targetUndetermined as Undetermined, `If ${resourceLabel(s.resource)} adds its rule to ` +
                    `${resourceLabel(group.resource)}, the group ${admitsText(possible, urn)} and is attached to compute: ` +
                    `${listText(compute.map(resourceLabel))}.`, urn);
            }
        }
    }
});

/** "admits every IPv4 address (ingress[0].cidrBlocks[0])": each rule by its path, after its resource unless it is the group's own. */
function admitsText(exposures: readonly WorldExposure[], urn: string): string {
    const families = [...new Set(exposures.map((e) => familyName(e.family)))];
    const rules = [...new Set(exposures.flatMap((e) => e.rules.map((r) =>
        r.origin.urn === urn ? r.origin.peerPath : `${resourceLabel(r.origin)} ${r.origin.peerPath}`)))];
    return `admits every ${listText(families)} address (${listText(rules)})`;
}
