import { portList, portListSchema } from "../config";
import { sgRulePolicy } from "../policy";
import { checkWorldOnlyOnAllowedPorts } from "./only-allowed-ports-to-world";

const FIX = "Limit egress to the internet to the ports the workload needs (HTTPS 443 by default), and reach other " +
    "destinations by security-group reference, a prefix list or a VPC endpoint. A group with no egress rules at all " +
    "is fine: pulumi-aws removes AWS's default allow-all rule.";

export const sgEgressRestricted = sgRulePolicy({
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
}, (c) => checkWorldOnlyOnAllowedPorts(
    "egress",
    { tcp: portList(c.config, "allowedPorts"), udp: portList(c.config, "allowedUdpPorts") },
    c,
    "Unrestricted egress lets malware call home and data leave on any port.",
    FIX,
));
