import { portListSchema } from "../core/config";
import { policyMeta, sgRulePolicy, withStackHalf } from "../core/policy";
import { worldOnlyOnAllowedPorts } from "./shared/only-allowed-ports-to-world";
import { checkWorldExposure } from "./shared/world";
import { worldAcrossResources } from "./shared/world-stack";

const FIX = "Limit egress to the internet to the ports the workload needs (HTTPS 443 by default), and reach other " +
    "destinations by security-group reference, a prefix list or a VPC endpoint. A group with no egress rules at all " +
    "is fine: pulumi-aws removes AWS's default allow-all rule.";

const meta = policyMeta({
    name: "sg-egress-restricted",
    displayName: "Egress to the internet only on allowed ports",
    description: "Security groups must not allow egress to the whole internet on all protocols or all ports; " +
        "egress to the internet is allowed only on the configured ports (default TCP 443).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    tags: ["security-group", "egress", "internet-exposure", "exfiltration"],
    configSchema: {
        properties: {
            allowedPorts: portListSchema("TCP ports and ranges that may be open to the internet for egress.", [443]),
            allowedUdpPorts: portListSchema("UDP ports and ranges that may be open to the internet for egress.", []),
        },
    },
});

const specOf = worldOnlyOnAllowedPorts("egress", "Unrestricted egress lets malware call home and data leave on any port.", FIX);

export const sgEgressRestricted = withStackHalf(meta,
    sgRulePolicy(meta, ({ ruleSet, config, report }) => checkWorldExposure(specOf(config), ruleSet.rules, report)),
    worldAcrossResources(specOf));
