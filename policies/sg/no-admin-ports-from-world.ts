import { portList, portListSchema } from "../core/config";
import { withoutPeers } from "../model/sg-edit";
import { SgRule } from "../model/sg-rules";
import { ruleTraffic } from "../model/rule-traffic";
import { PortRange } from "../net/ports";
import { NO_TRAFFIC, TrafficSet, isNoTraffic, portTraffic, trafficIntersect, trafficMinus, trafficUnion } from "../net/traffic";
import { listText } from "../core/report";
import { policyMeta, sgRulePolicy, withStackHalf } from "../core/policy";
import { WorldSpec, checkWorldExposure, offendingExposures, trafficSetText } from "./shared/world";
import { worldAcrossResources } from "./shared/world-stack";

interface AdminPort {
    /** "SSH"; none for a configured port. */
    readonly name?: string;
    readonly traffic: TrafficSet;
}

const BUILT_IN: AdminPort[] = [
    { name: "SSH", traffic: portTraffic(["tcp"], [{ from: 22, to: 22 }]) },
    { name: "RDP", traffic: portTraffic(["tcp", "udp"], [{ from: 3389, to: 3389 }]) },
];

function configured(range: PortRange): AdminPort {
    return { traffic: portTraffic(["tcp", "udp"], [range]) };
}

const FIX = "Allow the port only from a bastion host's security group or a trusted CIDR, or remove the rule and " +
    "connect with AWS Systems Manager Session Manager, which needs no inbound port at all.";

const meta = policyMeta({
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
});

function adminPortsOf(config: Record<string, unknown>): AdminPort[] {
    return [...BUILT_IN, ...portList(config, "ports").map(configured)];
}

/** The admin traffic that is open, as it is open: "SSH (TCP port 22)", "RDP (TCP port 3389)", "UDP port 5900". */
function opened(adminPorts: AdminPort[], traffic: TrafficSet): string {
    const out: string[] = [];
    let left = traffic;
    for (const a of adminPorts) {
        const hit = trafficIntersect(left, a.traffic);
        if (!isNoTraffic(hit)) {
            out.push(a.name ? `${a.name} (${trafficSetText(hit)})` : trafficSetText(hit));
            left = trafficMinus(left, hit);
        }
    }
    return listText(out);
}

function specOf(config: Record<string, unknown>): WorldSpec {
    const adminPorts = adminPortsOf(config);
    const offending = adminPorts.reduce((t, a) => trafficUnion(t, a.traffic), NO_TRAFFIC);
    return {
        direction: "ingress",
        offending,
        violation: (e, what) => `${what}. This opens ${opened(adminPorts, e.traffic)} to the whole internet, where ` +
            `scanners find and brute-force admin ports within minutes. Fix: ${FIX}`,
        effect: (e) => `open ${opened(adminPorts, e.traffic)} to the whole internet`,
        consequence: (rule) => {
            const traffic = ruleTraffic(rule);
            return traffic ? `If it admits the whole internet, ${rule.origin.peerPath} opens ` +
                `${opened(adminPorts, trafficIntersect(traffic, offending))} to it.`
                : `If its ports include an admin port, ${rule.origin.peerPath} may open it to the whole internet.`;
        },
    };
}

/**
 * Removes the world's blocks from the offending rules; their other sources stay. Only blocks named
 * in minimal exposures (too many blocks to narrow down would mean removing harmless ones too), and
 * again until none is left: a block that was not needed for one cover may make another.
 */
function remediate(spec: WorldSpec, rules: readonly SgRule[]): Set<string> {
    const paths = new Set<string>();
    let left = rules;
    for (;;) {
        const exposures = offendingExposures(spec, left).filter((e) => e.minimal);
        if (exposures.length === 0) {
            return paths;
        }
        for (const r of exposures.flatMap((e) => e.rules)) {
            paths.add(r.origin.peerPath);
        }
        left = left.filter((r) => !paths.has(r.origin.peerPath));
    }
}

const resourceHalf = sgRulePolicy(meta, ({ ruleSet, config, report }) => {
    checkWorldExposure(specOf(config), ruleSet.rules, report);
}, {
    remediate: ({ resource, ruleSet, config, props }) => {
        const paths = remediate(specOf(config), ruleSet.rules);
        return paths.size > 0 ? withoutPeers(resource.type, props, paths) : undefined;
    },
});

export const sgNoAdminPortsFromWorld = withStackHalf(meta, resourceHalf, worldAcrossResources(specOf));
