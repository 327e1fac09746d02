import { integer, integerSchema } from "../core/config";
import { worldExposures } from "../model/world";
import { isUndetermined } from "../model/values";
import { familyName } from "../net/cidr";
import { ruleText } from "../core/report";
import { sgRulePolicy } from "../core/policy";

const FIX = "Reference the security group of the clients (ALB -> web -> app -> DB) instead of a VPC or subnet " +
    "range, or narrow the block to the hosts that need access.";

export const sgPreferSecurityGroupReferences = sgRulePolicy({
    name: "sg-prefer-security-group-references",
    displayName: "Prefer security-group references to wide CIDRs",
    description: "Ingress from a CIDR wider than /24 (IPv4) or /64 (IPv6) that is not the whole internet, such as a " +
        "VPC or subnet range, should reference the clients' security group instead.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-referencing",
    tags: ["security-group", "ingress", "least-privilege"],
    configSchema: {
        properties: {
            ipv4PrefixLength: integerSchema("IPv4 blocks with a shorter prefix than this (wider) are flagged.", 1, 32, 24),
            ipv6PrefixLength: integerSchema("IPv6 blocks with a shorter prefix than this (wider) are flagged.", 1, 128, 64),
        },
    },
}, ({ ruleSet, config, report }) => {
    const minPrefix = { 4: integer(config, "ipv4PrefixLength", 1, 32), 6: integer(config, "ipv6PrefixLength", 1, 128) };
    const ingress = ruleSet.rules.filter((r) => r.direction === "ingress");
    const world = new Set(worldExposures(ingress).flatMap((e) => e.rules));
    for (const rule of ingress) {
        const peer = rule.peer;
        if (isUndetermined(peer)) {
            report.undetermined(peer, `If it is a wide address range, ${rule.origin.peerPath} should be a security-group reference.`);
        } else if (peer.kind === "cidr" && !world.has(rule) && peer.cidr.prefix > 0 && peer.cidr.prefix < minPrefix[peer.cidr.family]) {
            report.violation(`${ruleText(rule)}, a range wider than /${minPrefix[peer.cidr.family]} ` +
                `(${familyName(peer.cidr.family)}). Every host that ever gets an address in it is trusted, so the rule ` +
                `drifts from the workloads it was meant for. Fix: ${FIX}`, undefined, rule.origin.peerPath);
        }
    }
});
