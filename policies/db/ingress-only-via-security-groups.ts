import { GroupRef, groupKey } from "../graph/stack";
import { bool, child, isUndetermined, root } from "../model/values";
import { resourceLabel, ruleText } from "../report";
import { stackPolicy } from "../policy";

const FIX = "Admit clients only by security-group reference (ALB -> web -> app -> DB): replace CIDR and prefix-list " +
    "rules on the database's groups with rules whose source is the app tier's security group, and keep the " +
    "database private (publiclyAccessible: false).";

export const dbIngressOnlyViaSecurityGroups = stackPolicy({
    name: "db-ingress-only-via-security-groups",
    displayName: "Databases trust only security groups",
    description: "Every database (RDS instance and cluster, ElastiCache, Redshift, DocumentDB, Neptune, MemoryDB, " +
        "OpenSearch in a VPC) admits ingress on any port only from security-group references, across every rule " +
        "(inline and standalone) of every attached group, and is not publicly accessible.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html",
    tags: ["database", "security-group", "trust-chain", "least-privilege"],
    configSchema: { properties: {} },
}, ({ model, report }) => {
    for (const db of model.resources) {
        const enis = model.interfacesOf(db.urn).filter((n) => n.shape.role === "database");
        if (enis.length === 0) {
            continue;
        }
        const label = resourceLabel(db);
        const flag = enis[0].shape.publicFlag;
        if (flag) {
            const field = child(root(db.props), flag);
            const isPublic = bool(field);
            if (isPublic === true) {
                report.violation(`${label} sets ${flag}: true, so it gets a public address and any security-group rule ` +
                    `that admits an address range admits the internet. Fix: ${FIX}`, db.urn);
            } else if (isUndetermined(isPublic)) {
                report.undetermined(isPublic, `${label} may be publicly accessible.`, db.urn);
            }
        }
        const groups = new Map<string, GroupRef>();
        for (const g of enis.flatMap((n) => n.groups)) {
            groups.set(groupKey(g), g);
        }
        for (const g of groups.values()) {
            if (g.kind === "external") {
                continue; // Its rules live outside the stack: counted elsewhere, never guessed at.
            }
            const groupName = model.byUrn.get(g.urn)?.name ?? g.urn;
            for (const rule of model.rulesOf(g.urn).filter((r) => r.direction === "ingress")) {
                const where = rule.origin.urn === g.urn ? "" : ` (${resourceLabel(rule.origin)})`;
                const peer = rule.peer;
                if (isUndetermined(peer)) {
                    report.undetermined(peer, `If it is an address range, security group '${groupName}'${where} ` +
                        `admits it to ${label}.`, db.urn);
                } else if (peer.kind === "cidr" || peer.kind === "prefix-list") {
                    report.violation(`${label} trusts an address range: on its security group '${groupName}'${where}, ` +
                        `${ruleText(rule)}. Any host that gets an address there reaches the database, which breaks ` +
                        `the ALB -> web -> app -> DB trust chain. Fix: ${FIX}`, db.urn);
                }
            }
        }
    }
});
