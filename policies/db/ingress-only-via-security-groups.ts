import { defaultGroupKeys, pendingGroup } from "../graph/rule-groups";
import { DatabaseNode, NetworkInterfaceNode, Ref, StackModel, VpcDefaultGroup, refKey } from "../graph/stack";
import { SgRule } from "../model/sg-rules";
import { isUndetermined } from "../model/values";
import { Reporter, listText, resourceLabel, ruleText } from "../core/report";
import { stackPolicy } from "../core/policy";

const FIX = "Admit clients only by security-group reference (ALB -> web -> app -> DB): replace CIDR and prefix-list " +
    "rules on the database's groups with rules whose source is the app tier's security group, and keep the " +
    "database private (publiclyAccessible: false).";

/** The fix for a database that gets its VPC's default group: give it a group of its own. */
const ownGroupFix = (n: NetworkInterfaceNode) => `Fix: set ${n.paths[0] ?? n.path} to a security group of this stack that ` +
    "admits only the app tier's security group (AWS attaches the VPC's default group only when none is set), or declare the " +
    "VPC's aws.ec2.DefaultSecurityGroup in this stack so that its rules are checked.";

export const dbIngressOnlyViaSecurityGroups = stackPolicy({
    name: "db-ingress-only-via-security-groups",
    displayName: "Databases trust only security groups",
    description: "Every database (RDS instance and cluster, ElastiCache, Redshift and Redshift Serverless, DocumentDB, " +
        "Neptune, MemoryDB, DAX, OpenSearch and Elasticsearch in a VPC, Timestream for InfluxDB, DMS), and every proxy or VPC " +
        "endpoint that leads to one, admits ingress on any port only from security-group references, across every rule " +
        "(inline and standalone) of every attached group (the VPC's default group when it declares none), and is not " +
        "publicly accessible.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: FIX,
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html",
    tags: ["database", "security-group", "trust-chain", "least-privilege"],
    configSchema: { properties: {} },
}, ({ model, report }) => {
    for (const db of model.databases) {
        const label = resourceLabel(db.resource);
        const urn = db.resource.urn;
        const flag = db.publicFlag;
        if (flag?.value === true) {
            report.violation(`${label} sets ${flag.path}: true, so it gets a public address and any security-group rule ` +
                `that admits an address range admits the internet. Fix: ${FIX}`, urn, flag.path);
        } else if (flag && isUndetermined(flag.value)) {
            report.undetermined(flag.value, `${label} may be publicly accessible.`, urn);
        }
        const groups = new Map<string, { ref: Ref; implicit: boolean }>();
        const outside = new Map<string, VpcDefaultGroup>();
        for (const n of db.interfaces) {
            for (const g of n.groups) {
                groups.set(refKey(g), { ref: g, implicit: n.implicitDefault?.group !== undefined && refKey(n.implicitDefault.group) === refKey(g) });
            }
            // One entry per group (a group without keys has no rules here, so one such stands for all).
            n.vpcDefaults.forEach((d) => outside.set(defaultGroupKeys(d).join(" "), d));
            noteDefaultsOutsideStack(model, n, label, urn, report);
        }
        for (const { ref, implicit } of groups.values()) {
            const name = ref.kind === "stack" ? `'${model.byUrn.get(ref.urn)?.name ?? ref.urn}'` : `${ref.id} (outside the stack)`;
            const subject = implicit ? `the VPC's default security group ${name}` : `security group ${name}`;
            const onIt = implicit ? `its VPC's default security group ${name} (it declares no security group, so AWS attaches ` +
                "this one)" : `its security group ${name}`;
            // A group outside the stack: its own rules are not here, the stack's rule resources on it are.
            const rules = ref.kind === "stack" ? model.rulesOf(ref.urn) : model.rulesByGroup.onGroups([refKey(ref)]).flatMap((x) => x.ruleSet.rules);
            checkRules(rules, ref.kind === "stack" ? ref.urn : undefined, subject, onIt, label, urn, report);
        }
        for (const d of outside.values()) {
            const text = model.defaultGroupText(d, resourceLabel);
            checkRules(model.rulesByGroup.onGroups(defaultGroupKeys(d)).flatMap((x) => x.ruleSet.rules), undefined, text, text, label, urn, report);
        }
        notePendingRules(model, db, [...groups.values()].map((g) => g.ref), [...outside.values()], report);
    }
});

/** The ingress rules on one of the database's groups: an address range is a violation, an undetermined peer a note. */
function checkRules(rules: readonly SgRule[], groupUrn: string | undefined, subject: string, onIt: string, label: string, urn: string,
    report: Reporter): void {
    for (const rule of rules.filter((r) => r.direction === "ingress")) {
        const where = rule.origin.urn === groupUrn ? "" : ` (${resourceLabel(rule.origin)})`;
        const peer = rule.peer;
        if (isUndetermined(peer)) {
            report.undetermined(peer, `If it is an address range, ${subject}${where} admits it to ${label}.`, urn, `${rule.origin.urn} ${peer.path}`);
        } else if (peer.kind === "cidr" || peer.kind === "prefix-list") {
            report.violation(`${label} trusts an address range: on ${onIt}${where}, ${ruleText(rule)}. Any host ` +
                `that gets an address there reaches the database, which breaks the ALB -> web -> app -> DB trust ` +
                `chain. Fix: ${FIX}`, urn, `${rule.origin.urn} ${rule.origin.peerPath}`);
        }
    }
}

/**
 * Standalone rules whose group cannot be told yet but may be one of the database's: each that may
 * admit an address range is a note naming the rule and the groups it may be on.
 */
function notePendingRules(model: StackModel, db: DatabaseNode, refs: readonly Ref[], outside: readonly VpcDefaultGroup[], report: Reporter): void {
    const label = resourceLabel(db.resource);
    const named = new Map<string, string>([
        ...refs.map((g): [string, string] => [refKey(g), g.kind === "stack" ? `'${model.byUrn.get(g.urn)?.name ?? g.urn}'` : g.id]),
        ...outside.flatMap((d) => defaultGroupKeys(d).map((k): [string, string] => [k, model.defaultGroupText(d, resourceLabel)])),
    ]);
    const anywhere = new Set(model.rulesByGroup.anywhere);
    // A database without groups of its own (an Aurora instance: its cluster's) has none a rule may be on.
    for (const s of named.size === 0 ? [] : model.rulesByGroup.mayBeOn([...named.keys()])) {
        const admits = s.ruleSet.rules.filter((r) => r.direction === "ingress" && (isUndetermined(r.peer) || r.peer.kind !== "security-group"));
        if (admits.length === 0) {
            continue;
        }
        const which = anywhere.has(s) ? `any group, those of ${label} included` : listText([...new Set(model.rulesByGroup.keysOf(s)
            .filter((k) => named.has(k)).map((k) => named.get(k) as string))]);
        const what = admits.find((r) => !isUndetermined(r.peer));
        const { why, at } = pendingGroup(s);
        report.undetermined(why, `${resourceLabel(s.resource)} adds a rule to a security group that cannot ` +
            `be told yet and may be ${which}: if so, ${what ? ruleText(what) : `${admits[0].origin.peerPath} may admit an address range`} ` +
            `to ${label}. Fix: ${FIX}`, db.resource.urn, at);
    }
}

/** A VPC default group that the stack does not declare: its rules cannot be checked, which the note says. */
function noteDefaultsOutsideStack(model: StackModel, n: NetworkInterfaceNode, label: string, urn: string, report: Reporter): void {
    // A list not known at all may be empty (the provider reports the groups AWS chose only after creation).
    const mayBeEmpty = n.unbounded && !n.hasGroups;
    for (const why of n.undetermined.filter((u) => mayBeEmpty || u.undetermined === "invalid")) {
        report.undetermined(why, `${label} may have no security group of its own, and then AWS attaches its VPC's default ` +
            `security group, whose rules cannot be checked until ${n.path} is known. ${ownGroupFix(n)}`, urn);
    }
    const how = n.implicitDefault ? "declares no security group, so AWS attaches" : "uses";
    for (const d of n.vpcDefaults) {
        if (d.vpc.kind === "undetermined") {
            report.undetermined(d.vpc.why, `${label} ${how} the default security group of its VPC, and which VPC that is ` +
                `cannot be told yet, so the group's rules cannot be checked. ${ownGroupFix(n)}`, urn);
        } else {
            report.note(`${label} ${how} ${model.defaultGroupText(d, resourceLabel)}, which is not in this stack, so its ` +
                `rules cannot be checked: any address range it admits reaches the database. ${ownGroupFix(n)}`, urn);
        }
    }
}
