/**
 * The check's findings on the map: each on the node of the resource it names; a finding on a rule
 * resource (aws.vpc.SecurityGroupIngressRule, aws.ec2.SecurityGroupRule, ...) on its group's node;
 * the rest (network ACLs, route tables, the stack itself) listed apart, by resource.
 */
import { resourceLabel } from "../../policies/core/report";
import type { Finding } from "../model";
import { MapBuilder } from "./build";
import type { MapFinding, MapNode, NetworkMap } from "./map-model";

export function attachFindings(b: MapBuilder, findings: readonly Finding[], exempted: readonly Finding[]): NetworkMap["otherFindings"] {
    const { model } = b;
    const byUrn = new Map<string, MapNode>();
    for (const n of b.nodes) {
        if (n.urn !== undefined && !byUrn.has(n.urn)) {
            byUrn.set(n.urn, n);
        }
    }
    const groupOfRule = new Map<string, MapNode>();
    for (const s of model.standaloneRules) {
        const group = s.target?.kind === "stack" ? b.nodeOf(s.target.urn) : undefined;
        if (group && !groupOfRule.has(model.sourceUrn(s.resource.urn))) {
            groupOfRule.set(model.sourceUrn(s.resource.urn), group);
        }
    }
    const other = new Map<string, MapFinding[]>();
    const all = [...findings.map((f) => ({ f, exempted: false })), ...exempted.map((f) => ({ f, exempted: true }))];
    for (const { f, exempted: isExempted } of all) {
        const m: MapFinding = { policy: f.policy, level: f.level, message: f.message, ...(isExempted ? { exempted: true as const } : {}) };
        const urn = f.resource?.urn;
        const node = urn === undefined ? undefined : byUrn.get(urn);
        const group = urn === undefined ? undefined : groupOfRule.get(urn);
        if (node) {
            node.findings.push(m);
        } else if (group && f.resource) {
            group.findings.push({ ...m, on: resourceLabel(f.resource) });
        } else {
            const name = f.resource ? resourceLabel(f.resource) : "the stack";
            other.set(name, [...other.get(name) ?? [], m]);
        }
    }
    return [...other].map(([resource, list]) => ({ resource, findings: list }));
}
