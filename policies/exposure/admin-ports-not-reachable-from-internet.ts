import { portList, portListSchema } from "../core/config";
import { stackPolicy } from "../core/policy";
import { listText, resourceLabel } from "../core/report";
import { ExposurePath, PossiblePath } from "../graph/exposure/exposure";
import { NO_TRAFFIC, TrafficSet, isNoTraffic, portTraffic, trafficIntersect, trafficMinus, trafficUnion } from "../net/traffic";
import { trafficSetText } from "../sg/shared/world";
import { familyText, hopsText, labeller, otherPaths, reportPossible } from "./shared/text";

const FIX = "Close the path at one layer at least: admit the admin port only from a bastion's security group or a trusted " +
    "CIDR, keep the host in a subnet without a route to an internet gateway and without a public address, forward no admin " +
    "port from a load balancer, or connect with AWS Systems Manager Session Manager, which needs no inbound port at all.";

/** The admin traffic: SSH and RDP by name, and the configured ports on TCP and UDP. */
function adminTraffic(config: Record<string, unknown>): { name?: string; traffic: TrafficSet }[] {
    return [
        { name: "SSH", traffic: portTraffic(["tcp"], [{ from: 22, to: 22 }]) },
        { name: "RDP", traffic: portTraffic(["tcp", "udp"], [{ from: 3389, to: 3389 }]) },
        ...portList(config, "ports").map((range) => ({ traffic: portTraffic(["tcp", "udp"], [range]) })),
    ];
}

/** "SSH (TCP port 22)", as the traffic opens it. */
function opened(admin: { name?: string; traffic: TrafficSet }[], traffic: TrafficSet): string {
    const out: string[] = [];
    let left = traffic;
    for (const a of admin) {
        const hit = trafficIntersect(left, a.traffic);
        if (!isNoTraffic(hit)) {
            out.push(a.name ? `${a.name} (${trafficSetText(hit)})` : trafficSetText(hit));
            left = trafficMinus(left, hit);
        }
    }
    return listText(out);
}

export const adminPortsNotReachableFromInternet = stackPolicy({
    name: "admin-ports-not-reachable-from-internet",
    displayName: "No path from the internet to SSH or RDP",
    description: "No resource has a path from the internet to SSH (TCP 22), RDP (TCP/UDP 3389) or the other configured admin " +
        "ports, directly (a route from an internet gateway, a public address, a network ACL that admits the packet and lets the " +
        "reply out, and security groups that admit it) or through a load balancer that forwards the port, whatever CIDR the " +
        "security groups name to let it through.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-best-practices.html",
    tags: ["admin-ports", "internet-exposure", "path", "route-table", "network-acl", "security-group", "load-balancer"],
    configSchema: {
        properties: {
            ports: portListSchema("More admin ports to protect besides SSH and RDP, e.g. [23, 5900, \"5985-5986\"].", []),
        },
    },
}, ({ model, config, report }) => {
    const label = labeller(model);
    const admin = adminTraffic(config);
    const offending = admin.reduce((t, a) => trafficUnion(t, a.traffic), NO_TRAFFIC);
    const narrow = <P extends ExposurePath>(paths: readonly P[]): P[] => paths
        .map((p) => ({ ...p, traffic: trafficIntersect(p.traffic, offending) })).filter((p) => !isNoTraffic(p.traffic));
    const candidates = new Set(model.exposure.candidates());
    for (const r of model.resources) {
        const direct = candidates.has(r) && model.exposure.roleOf(r) !== "load-balancer" ? model.exposure.direct(r) : { paths: [], possible: [] };
        const through = model.exposure.through(r);
        const paths = narrow([...direct.paths, ...through.paths]);
        const possible: PossiblePath[] = narrow([...direct.possible, ...through.possible]);
        const subject = resourceLabel(r);
        const [first] = paths;
        if (first) {
            const via = first.through ? ` through ${label(first.through)}` : "";
            report.violation(`${subject} is reachable from the internet${via} over ${familyText(first.family)} on ` +
                `${opened(admin, first.traffic)}: ${hopsText(first.hops, label)}.` +
                `${otherPaths(paths, label)} Scanners find and brute-force admin ports within minutes. Fix: ${FIX}`, r.urn);
        } else if (possible.length > 0) {
            reportPossible(model, possible[0], subject, `Fix: ${FIX}`, report, r.urn);
        }
    }
});
