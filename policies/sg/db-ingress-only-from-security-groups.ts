import { ConfigError, PortSpec, cidrList, optionSchema, portList, portListSchema, stringList, stringListSchema } from "../core/config";
import { Answer, allHold } from "../model/decide";
import { SgRule } from "../model/sg-rules";
import { isUndetermined } from "../model/values";
import { reaches, ruleTraffic } from "../model/rule-traffic";
import { possibleWorldExposures } from "../model/world";
import { Cidr, familyName, isWholeFamily } from "../net/cidr";
import { covers } from "../net/intervals";
import { TrafficSet, portTraffic, trafficIntersect, trafficKey } from "../net/traffic";
import { ruleText } from "../core/report";
import { policyMeta, sgRulePolicy, withStackHalf } from "../core/policy";
import { WorldSpec, exposureText, offendingExposures, portsText, possibleText, rulesAt, trafficSetText } from "./shared/world";
import { worldAcrossResources } from "./shared/world-stack";

const DEFAULT_DB_PORTS: PortSpec[] = [
    "1433-1434", 1521, "2483-2484", 3306, 5432, 5439, 6379, "7000-7001", 7199, 8182, 9042, 9160, 9200, 9300,
    11211, 26257, "27017-27019",
];

const FIX = "Make the database's security group admit its clients by security-group reference (the app tier's SG " +
    "as `securityGroups`, `sourceSecurityGroupId` or `referencedSecurityGroupId`) instead of an address range.";

/**
 * Allowed blocks: never a whole address family. Blocks that only together cover one are accepted
 * here, and the world they would admit is still a violation (see below).
 */
function allowedCidrs(config: Record<string, unknown>, key: string): Cidr[] {
    const cidrs = cidrList(config, key);
    cidrs.forEach((c, i) => {
        if (isWholeFamily(c)) {
            throw new ConfigError(`${key}[${i}] (${JSON.stringify(c.text)}) is every ${familyName(c.family)} address: an allow ` +
                "list cannot make the whole internet trusted; admit clients by security-group reference instead");
        }
    });
    return cidrs;
}

const meta = policyMeta({
    name: "sg-db-ingress-only-from-security-groups",
    displayName: "Database ports only from security groups",
    description: "Ingress that reaches a database port must come only from security-group references (or self), " +
        "never from a CIDR (private ranges included) or a prefix list, unless that block is explicitly allowed; the whole " +
        "internet (0.0.0.0/0, ::/0, or blocks that together cover an address family) never is.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html",
    tags: ["security-group", "ingress", "database", "least-privilege"],
    configSchema: {
        properties: {
            ports: portListSchema("Database ports (TCP and UDP) that only security-group references may reach.", DEFAULT_DB_PORTS),
            allowedCidrs: optionSchema<string[]>({
                type: "array",
                description: "CIDR blocks that may reach database ports anyway (rules whose block lies inside one pass); " +
                    "never a whole address family, and never the whole internet admitted by blocks that together cover one.",
                items: { type: "string" },
                default: [],
            }, allowedCidrs),
            allowedPrefixLists: stringListSchema("Prefix-list IDs that may reach database ports anyway."),
        },
    },
});

/**
 * "TCP port 5432", "every database port": the database traffic a rule or an exposure reaches, as it
 * reaches it. Only the ports when the rule's text already says its one protocol (then `t` holds only it).
 */
function reachedText(db: TrafficSet, ranges: number, t: TrafficSet, protocolStated = false): string {
    const tcp = trafficKey({ ...db, udp: [] }) === trafficKey({ ...t, udp: [] });
    const udp = trafficKey({ ...db, tcp: [] }) === trafficKey({ ...t, tcp: [] });
    if (ranges > 3 && tcp && udp) {
        return "every database port";
    }
    if (ranges > 3 && (tcp || udp) && (t.tcp.length === 0 || t.udp.length === 0)) {
        return `every ${tcp ? "TCP" : "UDP"} database port`;
    }
    if (protocolStated) {
        return portsText(t.tcp.length > 0 ? t.tcp : t.udp);
    }
    return trafficSetText(t);
}

/** True when database traffic (TCP and UDP only) is one port of one protocol. */
function onePort(t: TrafficSet): boolean {
    const ranges = [...t.tcp, ...t.udp];
    return ranges.length === 1 && ranges[0].lo === ranges[0].hi;
}

function specOf(config: Record<string, unknown>): WorldSpec {
    const ports = portList(config, "ports");
    const db = portTraffic(["tcp", "udp"], ports);
    const reached = (t: TrafficSet) => reachedText(db, ports.length, t);
    return {
        direction: "ingress",
        offending: db,
        violation: (e, what) => `${what}, which reaches ${reached(e.traffic)}. Every address on the internet can then ` +
            `connect to the database, and no allow list makes that trusted. Fix: ${FIX}`,
        effect: (e) => `let the whole internet reach ${reached(e.traffic)}`,
        consequence: (rule) => `If it is an address range, ${rule.origin.peerPath} lets it reach database ports.`,
    };
}

const resourceHalf = sgRulePolicy(meta, ({ ruleSet, config, report }) => {
    const spec = specOf(config);
    const ports = portList(config, "ports");
    const allowed = allowedCidrs(config, "allowedCidrs");
    const allowedPrefixLists = stringList(config, "allowedPrefixLists");

    const untrustedPeer = (rule: SgRule): Answer => {
        const peer = rule.peer;
        if (isUndetermined(peer)) {
            return peer;
        }
        switch (peer.kind) {
            case "cidr":
                return allowed.some((a) => a.family === peer.cidr.family && covers([a.range], [peer.cidr.range])) ? "no" : "yes";
            case "prefix-list":
                if (allowedPrefixLists.length === 0) {
                    return "yes";
                }
                return isUndetermined(peer.id) ? peer.id : allowedPrefixLists.includes(peer.id) ? "no" : "yes";
            default:
                return "no";
        }
    };

    const ingress = ruleSet.rules.filter((r) => r.direction === "ingress");
    // The whole internet, in one block or split, whatever the allow lists say.
    const exposures = offendingExposures(spec, ingress);
    for (const e of exposures) {
        report.violation(spec.violation(e, exposureText(e)), undefined, rulesAt(e.rules));
    }
    const inWorld = new Set(exposures.flatMap((e) => e.rules));
    const noted = new Set<SgRule>();
    for (const rule of ingress.filter((r) => !inWorld.has(r))) {
        const peer = untrustedPeer(rule);
        const verdict = allHold(() => peer, () => reaches(rule, spec.offending));
        if (verdict === "yes") {
            // A rule that surely reaches a database port has a known protocol and known ports.
            const traffic = ruleTraffic(rule) ?? spec.offending;
            const single = !isUndetermined(rule.protocol) && rule.protocol.kind !== "all";
            const hit = trafficIntersect(traffic, spec.offending);
            // A rule that opens nothing but database ports needs no second list of them.
            const what = trafficKey(hit) === trafficKey(traffic) ? (onePort(hit) ? "a database port" : "database ports")
                : `which reaches ${reachedText(spec.offending, ports.length, hit, single)}`;
            report.violation(`${ruleText(rule)}, ${what}. Any host that holds an address ` +
                "in that range can connect to the database, whatever its role. Fix: " + FIX, undefined, rule.origin.peerPath);
        } else if (verdict !== "no") {
            noted.add(rule);
            // An untrusted range whose traffic is undetermined, or a peer that is.
            report.undetermined(verdict, peer === "yes" ? `If the traffic it allows reaches a database port, ${rule.origin.peerPath} ` +
                "admits an address range to the database." : spec.consequence(rule));
        }
    }
    for (const e of possibleWorldExposures(ingress, { within: spec.offending })) {
        if (e.trafficUndetermined.some((r) => !noted.has(r))) {
            report.undetermined(e.why, possibleText(e, spec));
        }
    }
});

export const sgDbIngressOnlyFromSecurityGroups = withStackHalf(meta, resourceHalf, worldAcrossResources(specOf));
