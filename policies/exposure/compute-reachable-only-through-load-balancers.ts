import { stackPolicy } from "../core/policy";
import { listText, resourceLabel } from "../core/report";
import { hopsText, labeller, otherPaths, reportPossible, trafficText } from "./shared/text";

const FIX = "Put it behind a load balancer: move it to subnets without a route to an internet gateway, give it no public " +
    "address, and let its security groups admit only the load balancer's security group.";

export const computeReachableOnlyThroughLoadBalancers = stackPolicy({
    name: "compute-reachable-only-through-load-balancers",
    displayName: "Compute is reachable only through load balancers",
    description: "Instances, launch templates and configurations, and ECS services have no direct path from the internet (a route " +
        "from an internet gateway, a public address, a network ACL that admits the packet and lets the reply out, and security " +
        "groups that admit it); a path through an internet-facing load balancer whose security group the target admits is fine.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html",
    tags: ["compute", "internet-exposure", "path", "load-balancer", "architecture"],
    configSchema: { properties: {} },
}, ({ model, report }) => {
    const label = labeller(model);
    for (const r of model.exposure.candidates()) {
        const e = model.exposure.direct(r);
        if (e.role !== "compute") {
            continue;
        }
        const subject = resourceLabel(r);
        const lbs = [...new Set(model.exposure.through(r).paths.flatMap((p) => (p.through ? [label(p.through)] : [])))];
        const also = lbs.length > 0 ? ` It is also reachable through ${listText(lbs)}: that path is the one to keep.` : "";
        const [first] = e.paths;
        if (first) {
            report.violation(`${subject} is reachable from the internet directly, not through a load balancer, on ` +
                `${trafficText(first.traffic, first.family)}: ${hopsText(first.hops, label)}.${otherPaths(e.paths, label)}${also} Fix: ${FIX}`, r.urn);
        } else if (e.possible.length > 0) {
            reportPossible(model, e.possible[0], subject, `Fix: ${FIX}`, report, r.urn);
        }
    }
});
