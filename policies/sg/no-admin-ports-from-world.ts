import { portList, portListSchema } from "../config";
import { Traffic, Tri, allowsTraffic } from "../model/decide";
import { withoutPeers } from "../model/sg-edit";
import { SgRule } from "../model/sg-rules";
import { isUndetermined } from "../model/values";
import { PortRange, formatPorts } from "../net/ports";
import { TCP, UDP } from "../net/protocol";
import { listText } from "../report";
import { sgRulePolicy } from "../policy";
import { checkWorldExposure, offendingExposures } from "./world";

interface AdminPort {
    readonly label: string;
    readonly traffic: Traffic[];
}

const BUILT_IN: AdminPort[] = [
    { label: "SSH (TCP port 22)", traffic: [{ protocol: TCP, ports: [{ from: 22, to: 22 }] }] },
    {
        label: "RDP (TCP/UDP port 3389)",
        traffic: [{ protocol: TCP, ports: [{ from: 3389, to: 3389 }] }, { protocol: UDP, ports: [{ from: 3389, to: 3389 }] }],
    },
];

function configured(range: PortRange): AdminPort {
    return { label: `TCP/UDP ${formatPorts(range)}`, traffic: [{ protocol: TCP, ports: [range] }, { protocol: UDP, ports: [range] }] };
}

const FIX = "Allow the port only from a bastion host's security group or a trusted CIDR, or remove the rule and " +
    "connect with AWS Systems Manager Session Manager, which needs no inbound port at all.";

export const sgNoAdminPortsFromWorld = sgRulePolicy({
    name: "sg-no-admin-ports-from-world",
    displayName: "No SSH or RDP from the internet",
    description: "Security groups must not allow ingress from the whole internet (0.0.0.0/0, ::/0, or CIDRs " +
        "that together cover an address family) to SSH (TCP 22), RDP (TCP/UDP 3389) or other configured admin ports.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    tags: ["security-group", "ingress", "internet-exposure", "admin-ports"],
    controls: { cis: ["5.2", "5.3"], securityHub: ["EC2.13", "EC2.14", "EC2.53", "EC2.54"] },
    configSchema: {
        properties: {
            ports: portListSchema("More admin ports to protect besides SSH and RDP, e.g. [23, 5900, \"5985-5986\"].", []),
        },
    },
}, ({ ruleSet, config, report }) => {
    const adminPorts = adminPortsOf(config);
    const reached = (rule: SgRule) => adminPorts.filter((a) => allowsTraffic(rule, a.traffic) === "yes").map((a) => a.label);
    checkWorldExposure({
        rules: ruleSet.rules.filter((r) => r.direction === "ingress"),
        offends: opensAdminPort(adminPorts),
        report,
        violation: (exposure, what) => {
            const ports = [...new Set(exposure.rules.flatMap(reached))];
            return `${what}. This opens ${listText(ports)} to the whole internet, where scanners find and ` +
                `brute-force admin ports within minutes. Fix: ${FIX}`;
        },
        consequence: (rule) => {
            const ports = isUndetermined(rule.protocol) || isUndetermined(rule.ports) ? ["an admin port"] : reached(rule);
            return `If it admits the whole internet, ${rule.origin.peerPath} opens ${listText(ports.length ? ports : ["an admin port"])} to it.`;
        },
    });
}, undefined, ({ resource, ruleSet, config, props }) => {
    // Remove the world's blocks from the offending rules; their other sources stay.
    // Only when the blocks to remove are exactly the ones needed to cover the world: too many blocks
    // to narrow down would mean removing harmless ones too.
    const exposures = offendingExposures(ruleSet.rules.filter((r) => r.direction === "ingress"), opensAdminPort(adminPortsOf(config)))
        .filter((e) => e.minimal);
    const paths = new Set(exposures.flatMap((e) => e.rules.map((r) => r.origin.peerPath)));
    return paths.size > 0 ? withoutPeers(resource.type, props, paths) : undefined;
});

function adminPortsOf(config: Record<string, unknown>): AdminPort[] {
    return [...BUILT_IN, ...portList(config, "ports").map(configured)];
}

function opensAdminPort(adminPorts: AdminPort[]): (rule: SgRule) => Tri {
    const traffic = adminPorts.flatMap((a) => a.traffic);
    return (rule) => allowsTraffic(rule, traffic);
}
