import { cidrList, cidrListSchema, portList, portListSchema, stringList, stringListSchema } from "../config";
import { Tri, allowsTraffic, and } from "../model/decide";
import { SgRule } from "../model/sg-rules";
import { isUndetermined } from "../model/values";
import { covers } from "../net/intervals";
import { PortRange, formatPorts, rangesOverlap } from "../net/ports";
import { TCP, UDP } from "../net/protocol";
import { listText, ruleText } from "../report";
import { sgRulePolicy } from "../policy";

export const DEFAULT_DB_PORTS: (number | string)[] = [
    "1433-1434", 1521, "2483-2484", 3306, 5432, 5439, 6379, "7000-7001", 7199, 8182, 9042, 9160, 9200, 9300,
    11211, 26257, "27017-27019",
];

const FIX = "Make the database's security group admit its clients by security-group reference (the app tier's SG " +
    "as `securityGroups`, `sourceSecurityGroupId` or `referencedSecurityGroupId`) instead of an address range.";

export const sgDbIngressOnlyFromSecurityGroups = sgRulePolicy({
    name: "sg-db-ingress-only-from-security-groups",
    displayName: "Database ports only from security groups",
    description: "Ingress that reaches a database port must come only from security-group references (or self), " +
        "never from a CIDR (private ranges included) or a prefix list, unless that block is explicitly allowed.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html",
    tags: ["security-group", "ingress", "database", "least-privilege"],
    configSchema: {
        properties: {
            ports: portListSchema("Database ports (TCP and UDP) that only security-group references may reach.", DEFAULT_DB_PORTS),
            allowedCidrs: cidrListSchema("CIDR blocks that may reach database ports anyway (rules whose block lies inside one pass)."),
            allowedPrefixLists: stringListSchema("Prefix-list IDs that may reach database ports anyway."),
        },
    },
}, ({ ruleSet, config, report }) => {
    const dbPorts = portList(config, "ports");
    const allowedCidrs = cidrList(config, "allowedCidrs");
    const allowedPrefixLists = stringList(config, "allowedPrefixLists");
    const dbTraffic = [{ protocol: TCP, ports: dbPorts }, { protocol: UDP, ports: dbPorts }];

    const untrustedPeer = (rule: SgRule): Tri => {
        const peer = rule.peer;
        if (isUndetermined(peer)) {
            return peer;
        }
        switch (peer.kind) {
            case "cidr":
                return allowedCidrs.some((a) => a.family === peer.cidr.family && covers([a.range], [peer.cidr.range])) ? "no" : "yes";
            case "prefix-list":
                if (allowedPrefixLists.length === 0) {
                    return "yes";
                }
                return isUndetermined(peer.id) ? peer.id : allowedPrefixLists.includes(peer.id) ? "no" : "yes";
            default:
                return "no";
        }
    };
    const reachedPorts = (rule: SgRule): string => {
        if (isUndetermined(rule.ports) || rule.ports === null) {
            return "database ports";
        }
        const ports: PortRange = rule.ports;
        const hit = dbPorts.filter((p) => rangesOverlap(p, ports));
        return hit.length === dbPorts.length && dbPorts.length > 3 ? "every database port" : listText(hit.map(formatPorts));
    };

    for (const rule of ruleSet.rules.filter((r) => r.direction === "ingress")) {
        const verdict = and(() => untrustedPeer(rule), () => allowsTraffic(rule, dbTraffic));
        if (verdict === "yes") {
            report.violation(`${ruleText(rule)}, which reaches ${reachedPorts(rule)}. Any host that holds an address ` +
                "in that range can connect to the database, whatever its role. Fix: " + FIX);
        } else if (verdict !== "no") {
            report.undetermined(verdict, `If it is an address range, ${rule.origin.peerPath} lets it reach database ports.`);
        }
    }
});
