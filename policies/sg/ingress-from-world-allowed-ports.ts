import { portListSchema } from "../core/config";
import { policyMeta, sgRulePolicy, withStackHalf } from "../core/policy";
import { worldOnlyOnAllowedPorts } from "./shared/only-allowed-ports-to-world";
import { checkWorldExposure } from "./shared/world";
import { worldAcrossResources } from "./shared/world-stack";

const FIX = "Open only the public service ports (by default HTTP 80 and HTTPS 443) to the internet, ideally on a " +
    "load balancer's security group; admit everything else by security-group reference or from trusted CIDRs.";

const meta = policyMeta({
    name: "sg-ingress-from-world-allowed-ports",
    displayName: "Ingress from the internet only on allowed ports",
    description: "Security groups may admit the whole internet only on the configured ports (default TCP 80 and 443).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18",
    tags: ["security-group", "ingress", "internet-exposure"],
    controls: { securityHub: ["EC2.18", "EC2.19"] },
    configSchema: {
        properties: {
            allowedPorts: portListSchema("TCP ports and ranges that may be open to the internet.", [80, 443]),
            allowedUdpPorts: portListSchema("UDP ports and ranges that may be open to the internet.", []),
        },
    },
});

const specOf = worldOnlyOnAllowedPorts("ingress",
    "Every port open to the internet is attack surface that scanners probe continuously.", FIX);

export const sgIngressFromWorldAllowedPorts = withStackHalf(meta,
    sgRulePolicy(meta, ({ ruleSet, config, report }) => checkWorldExposure(specOf(config), ruleSet.rules, report)),
    worldAcrossResources(specOf));
