import { integer, integerSchema } from "../core/config";
import { isUndetermined } from "../model/values";
import { rangeWidth } from "../net/ports";
import { ruleText } from "../core/report";
import { sgRulePolicy } from "../core/policy";

const FIX = "Allow only the specific protocol and ports the service listens on, even between security groups.";

export const sgNoAllTrafficRules = sgRulePolicy({
    name: "sg-no-all-traffic-rules",
    displayName: "No all-traffic or wide port-range ingress",
    description: "Ingress must name a protocol and a narrow port range, from any source including self and other " +
        "security groups: no all-protocol rules and no ranges wider than the configured width (default 1024 ports).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    tags: ["security-group", "ingress", "micro-segmentation", "least-privilege"],
    configSchema: {
        properties: {
            maxPortRange: integerSchema("The widest port range (number of ports) an ingress rule may open.", 1, 65536, 1024),
        },
    },
}, ({ ruleSet, config, report }) => {
    const maxPortRange = integer(config, "maxPortRange", 1, 65536);
    for (const rule of ruleSet.rules.filter((r) => r.direction === "ingress")) {
        const { protocol, ports } = rule;
        if (isUndetermined(protocol)) {
            report.undetermined(protocol, `${rule.origin.peerPath} may allow all traffic.`);
        } else if (protocol.kind === "all") {
            report.violation(`${ruleText(rule)}. A compromised peer can then reach every service on the group's ` +
                `members. Fix: ${FIX}`, undefined, rule.origin.peerPath);
        } else if (isUndetermined(ports)) {
            report.undetermined(ports, `${rule.origin.peerPath} may open more than ${maxPortRange} ports.`);
        } else if (ports !== null && rangeWidth(ports) > maxPortRange) {
            report.violation(`${ruleText(rule)}: ${rangeWidth(ports)} ports, more than the ${maxPortRange} allowed. ` +
                `Wide ranges expose services nobody meant to share. Fix: ${FIX}`, undefined, rule.origin.peerPath);
        }
    }
});
