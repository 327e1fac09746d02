import { stackPolicy } from "../core/policy";
import { resourceLabel } from "../core/report";
import { hopsText, labeller, otherPaths, reportPossible, trafficText } from "./shared/text";

const FIX = "Take the database off the internet: set publiclyAccessible: false, put it in subnets whose route table has no " +
    "route to an internet gateway, and let its security groups admit only the app tier's security group (ALB -> web -> app -> DB).";

export const dbNotReachableFromInternet = stackPolicy({
    name: "db-not-reachable-from-internet",
    displayName: "No path from the internet to a database",
    description: "No database (RDS instance, cluster instance, Redshift, Redshift Serverless, Timestream for InfluxDB, DMS, and " +
        "any other with a public-access flag) has a path from the internet on any port: a route from an internet gateway, a " +
        "public address, a network ACL that admits the packet and lets the reply out, and security groups that admit it.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
    tags: ["database", "internet-exposure", "path", "route-table", "network-acl", "security-group"],
    configSchema: { properties: {} },
}, ({ model, report }) => {
    const label = labeller(model);
    for (const r of model.exposure.candidates()) {
        const direct = model.exposure.direct(r);
        if (direct.role !== "database") {
            continue;
        }
        const through = model.exposure.through(r);
        const e = { paths: [...direct.paths, ...through.paths], possible: [...direct.possible, ...through.possible] };
        const subject = resourceLabel(r);
        const [first] = e.paths;
        if (first) {
            const via = first.through ? ` through ${label(first.through)}` : "";
            report.violation(`${subject} is reachable from the internet${via} on ${trafficText(first.traffic, first.family)}: ` +
                `${hopsText(first.hops, label)}.${otherPaths(e.paths, label)} Fix: ${FIX}`, r.urn);
        } else if (e.possible.length > 0) {
            reportPossible(model, e.possible[0], subject, `Fix: ${FIX}`, report, r.urn);
        }
    }
});
