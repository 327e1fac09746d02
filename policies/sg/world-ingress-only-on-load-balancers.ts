import { StackResource } from "../graph/stack";
import { pendingGroup } from "../graph/rule-groups";
import { WorldExposure, possibleWorldExposures, worldExposures } from "../model/world";
import { familyName } from "../net/cidr";
import { ALL_TRAFFIC } from "../net/traffic";
import { listText, resourceLabel } from "../core/report";
import { stackPolicy } from "../core/policy";
import { interfacesOn, ruleBuckets } from "./shared/group-buckets";
import { prefixListBlocks } from "./shared/prefix-list-blocks";
import { Where, WorldSpec, possibleText, rulesAt } from "./shared/world";
import { reportPossible } from "./shared/world-stack";

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
    const peerBlocks = prefixListBlocks(model);
    // Every group's ingress: in the stack, a VPC's undeclared default group, or outside the stack by ID.
    for (const { label, urn, group, rules } of ruleBuckets(model)) {
        const compute = group && [...new Map(interfacesOn(model, group).filter((n) => n.shape.role === "compute")
            .map((n) => [n.resource.urn, n.resource])).values()];
        if (!compute || compute.length === 0) {
            continue;
        }
        const ingress = rules.filter((r) => r.direction === "ingress");
        // A rule is named by its path, after its resource unless it is the group's own.
        const where: Where = (r) => (r.origin.urn === urn ? "" : `${resourceLabel(r.origin)} `);
        const exposures = worldExposures(ingress, { peerBlocks, anyTraffic: true });
        const on = `attached to compute: ${listText(compute.map(resourceLabel))}`;
        if (exposures.length > 0) {
            // On the group when it is in the stack; else (a group outside it) keyed by its rules.
            report.violation(`${label} ${admitsText(exposures, where)} and is ${on}. Internet traffic then reaches the hosts ` +
                `directly, with no load balancer to absorb scans and malformed requests. Fix: ${FIX}`, urn,
            urn === undefined ? rulesAt([...new Set(exposures.flatMap((e) => e.rules))], "") : undefined);
            continue;
        }
        // Entries of a prefix list, or the list a rule names, may not be known yet.
        for (const e of possibleWorldExposures(ingress, { peerBlocks })) {
            reportPossible(report, e, possibleText(e, spec(label, compute), where, `on ${label}, `), urn);
        }
        // A rule resource whose group cannot be told yet may complete the world on this group.
        for (const s of group.kind === "stack" ? model.rulesByGroup.mayBeOn([group.urn]) : []) {
            const possible = worldExposures([...ingress, ...s.ruleSet.rules.filter((r) => r.direction === "ingress")], { peerBlocks, anyTraffic: true });
            if (possible.length > 0) {
                const { why, at } = pendingGroup(s);
                report.undetermined(why, `If ${resourceLabel(s.resource)} adds its rule to ` +
                    `${label}, the group ${admitsText(possible, where)} and is ${on}.`, urn, at);
            }
        }
    }
});

/** What an exposure that hinges on unknown values would mean. */
function spec(label: string | undefined, compute: StackResource[]): WorldSpec {
    return {
        direction: "ingress",
        offending: ALL_TRAFFIC,
        violation: (_e, what) => what,
        effect: () => `let the internet reach ${listText(compute.map(resourceLabel))} directly, through ${label}`,
        consequence: () => "",
    };
}

/**
 * "admits every IPv4 address (ingress[0].cidrBlocks[0])": each block by its rule's path (after its
 * resource unless it is the group's own), a prefix list's by the entry it holds.
 */
function admitsText(exposures: readonly WorldExposure[], where: Where): string {
    const families = [...new Set(exposures.map((e) => familyName(e.family)))];
    const blocks = [...new Set(exposures.flatMap((e) => e.blocks.map(({ rule, via }) =>
        `${where(rule)}${rule.origin.peerPath}${via ? ` via ${via.text}` : ""}`)))];
    return `admits every ${listText(families)} address (${listText(blocks)})`;
}
