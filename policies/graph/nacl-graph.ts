/**
 * Network ACLs of a stack with all their entries and subnets. An ACL's entries are its inline
 * `ingress`/`egress` entries plus every aws.ec2.NetworkAclRule linked to it; its subnets are its
 * `subnetIds` plus every aws.ec2.NetworkAclAssociation linked to it. Links follow graph/links.ts
 * (property dependencies at a first preview, known IDs on an update); a VPC stands in for its
 * default ACL (vpc.defaultNetworkAclId). A rule that cannot be linked is kept apart (the policies
 * note it): never guessed onto an ACL.
 *
 * In AnalyzeStack the props are outputs. After a deploy, a NetworkAcl's outputs list every entry of
 * the ACL, including those created by NetworkAclRule resources: an inline entry identical to a
 * linked rule's entry (same direction, rule number, action, protocol, ports, CIDR, ICMP type/code)
 * is the same AWS entry and is kept once, as the rule's.
 */
import { NetworkAclAssociation } from "@pulumi/aws/ec2/networkAclAssociation";
import { NaclEntry, naclEntries } from "../model/nacl-entries";
import { TYPE, typeToken } from "../model/types";
import { Maybe, Undetermined, child, isUndetermined } from "../model/values";
import { Ref, Targets, linkList, linkOne, linkRequired, refKey } from "./links";
import type { StackResource } from "./resource";
import { Network } from "./vpcs";

const ASSOCIATION = typeToken(NetworkAclAssociation);
const ACL_TYPES = new Set<string>([TYPE.networkAcl, TYPE.defaultNetworkAcl]);

export interface NaclNode {
    readonly resource: StackResource;
    readonly isDefault: boolean;
    /** Every entry: inline ones first (ingress, then egress), then those of the linked rules in stack order. */
    readonly entries: readonly NaclEntry[];
    /** The NetworkAclRule resources linked to this ACL. */
    readonly rules: readonly StackResource[];
    /** The subnets the ACL is associated with (subnetIds and NetworkAclAssociation resources). */
    readonly subnets: readonly Ref[];
    /** Subnet references that cannot be resolved yet. */
    readonly subnetsUndetermined: readonly Undetermined[];
}

/** A NetworkAclRule that belongs to no ACL of the stack, or to one that cannot be told yet. */
export interface UnlinkedNaclRule {
    readonly resource: StackResource;
    readonly entries: readonly NaclEntry[];
    /** The rule's networkAclId: a known ID of an ACL outside the stack, or undetermined. */
    readonly networkAclId: Maybe<string> | undefined;
    /** Set when the ACL is a VPC's default ACL that the stack does not declare, named through the VPC (vpc.defaultNetworkAclId). */
    readonly defaultOf?: StackResource;
}

export interface NaclGraph {
    readonly nacls: NaclNode[];
    readonly unlinkedRules: UnlinkedNaclRule[];
}

interface Building {
    readonly resource: StackResource;
    readonly inline: NaclEntry[];
    readonly rules: { resource: StackResource; entries: readonly NaclEntry[] }[];
    readonly subnets: Map<string, Ref>;
    readonly subnetsUndetermined: Undetermined[];
}

/**
 * The ACLs a networkAclId may name: NetworkAcls by ID, DefaultNetworkAcls by ID or by the default
 * ACL ID they manage; a VPC stands in for its default ACL (vpc.defaultNetworkAclId).
 */
function aclTargets(resources: readonly StackResource[], network: Network, byUrn: ReadonlyMap<string, StackResource>): Targets {
    const targets = new Targets();
    const vpcsByDefaultAcl = new Targets();
    for (const urn of network.vpcs.urns) {
        vpcsByDefaultAcl.add(byUrn.get(urn) as StackResource, ["defaultNetworkAclId"]);
    }
    const defaultAclOf = new Map<string, string>();
    for (const r of resources.filter((x) => ACL_TYPES.has(x.type))) {
        const isDefault = r.type === TYPE.defaultNetworkAcl;
        targets.add(r, isDefault ? ["id", "defaultNetworkAclId"] : ["id"]);
        const vpc = isDefault ? linkOne(r, "defaultNetworkAclId", vpcsByDefaultAcl)?.ref : undefined;
        if (vpc?.kind === "stack" && !defaultAclOf.has(vpc.urn)) {
            defaultAclOf.set(vpc.urn, r.urn);
        }
    }
    for (const urn of network.vpcs.urns) {
        targets.addStandIn(byUrn.get(urn) as StackResource, "defaultNetworkAclId", defaultAclOf.get(urn));
    }
    return targets;
}

/** One node per NetworkAcl / DefaultNetworkAcl of the stack, with all its entries and subnets. */
export function buildNaclGraph(resources: readonly StackResource[], network: Network): NaclGraph {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const acls = new Map<string, Building>();
    for (const r of resources.filter((x) => ACL_TYPES.has(x.type))) {
        acls.set(r.urn, { resource: r, inline: [...(naclEntries(r)?.entries ?? [])], rules: [], subnets: new Map(), subnetsUndetermined: [] });
    }
    const targets = aclTargets(resources, network, byUrn);
    const unlinkedRules: UnlinkedNaclRule[] = [];
    for (const r of resources) {
        if (r.type !== TYPE.networkAclRule) {
            continue;
        }
        const entries = naclEntries(r)?.entries ?? [];
        const link = linkRequired(r, "networkAclId", targets);
        const acl = link.ref?.kind === "stack" ? acls.get(link.ref.urn) : undefined;
        if (acl) {
            acl.rules.push({ resource: r, entries });
        } else {
            const networkAclId = link.ref?.kind === "external" ? link.ref.id : link.undetermined;
            const defaultOf = link.standIn === undefined ? undefined : byUrn.get(link.standIn);
            unlinkedRules.push({ resource: r, entries, networkAclId, ...(defaultOf ? { defaultOf } : {}) });
        }
    }
    for (const acl of acls.values()) {
        const list = linkList(acl.resource, [child(acl.resource.root, "subnetIds")], ["subnetIds"], network.subnets, true);
        list.refs.forEach((s) => acl.subnets.set(refKey(s), s));
        acl.subnetsUndetermined.push(...list.undetermined);
    }
    for (const r of resources) {
        const link = r.type === ASSOCIATION ? linkOne(r, "networkAclId", targets) : undefined;
        const acl = link?.ref?.kind === "stack" ? acls.get(link.ref.urn) : undefined;
        if (!acl) {
            continue;
        }
        const subnet = linkRequired(r, "subnetId", network.subnets);
        if (subnet.ref) {
            acl.subnets.set(refKey(subnet.ref), subnet.ref);
        } else {
            acl.subnetsUndetermined.push(subnet.undetermined as Undetermined);
        }
    }
    const nacls = [...acls.values()].map((b): NaclNode => ({
        resource: b.resource,
        isDefault: b.resource.type === TYPE.defaultNetworkAcl,
        entries: mergeEntries(b.inline, b.rules.flatMap((x) => x.entries)),
        rules: b.rules.map((x) => x.resource),
        subnets: [...b.subnets.values()],
        subnetsUndetermined: b.subnetsUndetermined,
    }));
    return { nacls, unlinkedRules };
}

/** True when two entries are known and the same AWS entry. */
function sameEntry(a: NaclEntry, b: NaclEntry): boolean {
    const fields = (e: NaclEntry) => [e.ruleNumber, e.action, e.protocol, e.ports, e.cidr, e.icmp?.type, e.icmp?.code];
    if ([...fields(a), ...fields(b)].some(isUndetermined)) {
        return false;
    }
    const key = (e: NaclEntry) => JSON.stringify({
        egress: e.egress,
        ruleNumber: e.ruleNumber,
        action: e.action,
        protocol: e.protocol,
        ports: e.ports,
        cidr: isUndetermined(e.cidr) ? null : { family: e.cidr.family, lo: String(e.cidr.range.lo), hi: String(e.cidr.range.hi) },
        icmp: e.icmp ?? null,
    });
    return key(a) === key(b);
}

/** Inline entries, less those that are a linked rule's own entry echoed in the ACL's outputs; then the rules' entries. */
function mergeEntries(inline: readonly NaclEntry[], fromRules: readonly NaclEntry[]): NaclEntry[] {
    return [...inline.filter((e) => !fromRules.some((r) => sameEntry(e, r))), ...fromRules];
}
