/**
 * Network ACLs of a stack with all their entries and subnets. An ACL's entries are its inline
 * `ingress`/`egress` entries plus every aws.ec2.NetworkAclRule linked to it; its subnets are its
 * `subnetIds` plus every aws.ec2.NetworkAclAssociation linked to it. Links follow the property
 * dependencies (URNs) when they name exactly one ACL of the stack, as on a first preview when IDs
 * are unknown, and otherwise the known ID. A rule that cannot be linked is kept apart (the policies
 * note it): never guessed onto an ACL.
 *
 * In AnalyzeStack the props are outputs. After a deploy, a NetworkAcl's outputs list every entry of
 * the ACL, including those created by NetworkAclRule resources: an inline entry identical to a
 * linked rule's entry (same direction, rule number, action, protocol, ports, CIDR, ICMP type/code)
 * is the same AWS entry and is kept once, as the rule's.
 */
import { NetworkAclAssociation } from "@pulumi/aws/ec2/networkAclAssociation";
import { NaclEntry, knownEntry, naclEntries } from "../model/nacl-entries";
import { T, typeToken } from "../model/types";
import { Maybe, Undetermined, child, isUndetermined, root, unknownAt } from "../model/values";
import { Family, familyRange, rangeToCidrs } from "../net/cidr";
import { IntervalSet } from "../net/intervals";
import { KnownNaclEntry, PointSet, PortProtocol, allowedSet } from "../net/nacl-eval";
import { ALL_PORTS } from "../net/ports";
import { ALL } from "../net/protocol";
import { Ref, Targets, linkList, linkOne, refKey } from "./links";
import type { StackResource } from "./stack";
import { Network } from "./vpcs";

const ASSOCIATION = typeToken(NetworkAclAssociation);
const ACL_TYPES = new Set<string>([T.networkAcl, T.defaultNetworkAcl]);

/** A subnet: one of the stack's, or one from outside it (known by ID only). */
export type SubnetRef = Ref;

export interface NaclNode {
    readonly resource: StackResource;
    readonly isDefault: boolean;
    /** Every entry: inline ones first (ingress, then egress), then those of the linked rules in stack order. */
    readonly entries: readonly NaclEntry[];
    /** The NetworkAclRule resources linked to this ACL. */
    readonly rules: readonly StackResource[];
    /** The subnets the ACL is associated with (subnetIds and NetworkAclAssociation resources). */
    readonly subnets: readonly SubnetRef[];
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

/** One node per NetworkAcl / DefaultNetworkAcl of the stack, with all its entries and subnets. */
export function buildNacls(resources: readonly StackResource[]): NaclNode[] {
    return buildNaclGraph(resources).nacls;
}

interface Building {
    readonly resource: StackResource;
    readonly inline: NaclEntry[];
    readonly rules: { resource: StackResource; entries: readonly NaclEntry[] }[];
    readonly subnets: Map<string, SubnetRef>;
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
        const isDefault = r.type === T.defaultNetworkAcl;
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

export function buildNaclGraph(resources: readonly StackResource[], given?: Network): NaclGraph {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const network = given ?? new Network(resources, byUrn);
    const acls = new Map<string, Building>();
    for (const r of resources.filter((x) => ACL_TYPES.has(x.type))) {
        acls.set(r.urn, { resource: r, inline: [...(naclEntries(r)?.entries ?? [])], rules: [], subnets: new Map(), subnetsUndetermined: [] });
    }
    const targets = aclTargets(resources, network, byUrn);
    const unlinkedRules: UnlinkedNaclRule[] = [];
    for (const r of resources) {
        if (r.type !== T.networkAclRule) {
            continue;
        }
        const entries = naclEntries(r)?.entries ?? [];
        const link = linkOne(r, "networkAclId", targets);
        const acl = link?.ref?.kind === "stack" ? acls.get(link.ref.urn) : undefined;
        if (acl) {
            acl.rules.push({ resource: r, entries });
        } else {
            const networkAclId = link?.ref?.kind === "external" ? link.ref.id : link?.undetermined ?? unknownAt("networkAclId");
            const defaultOf = link?.standIn === undefined ? undefined : byUrn.get(link.standIn);
            unlinkedRules.push({ resource: r, entries, networkAclId, ...(defaultOf ? { defaultOf } : {}) });
        }
    }
    for (const acl of acls.values()) {
        const list = linkList(acl.resource, [child(root(acl.resource.props), "subnetIds")], ["subnetIds"], network.subnets, true);
        list.refs.forEach((s) => acl.subnets.set(refKey(s), s));
        acl.subnetsUndetermined.push(...list.undetermined);
    }
    for (const r of resources) {
        const link = r.type === ASSOCIATION ? linkOne(r, "networkAclId", targets) : undefined;
        const acl = link?.ref?.kind === "stack" ? acls.get(link.ref.urn) : undefined;
        if (!acl) {
            continue;
        }
        const subnet = linkOne(r, "subnetId", network.subnets);
        if (subnet?.ref) {
            acl.subnets.set(refKey(subnet.ref), subnet.ref);
        } else {
            acl.subnetsUndetermined.push(subnet?.undetermined ?? unknownAt("subnetId"));
        }
    }
    const nacls = [...acls.values()].map((b): NaclNode => ({
        resource: b.resource,
        isDefault: b.resource.type === T.defaultNetworkAcl,
        entries: mergeEntries(b.inline, b.rules.flatMap((x) => x.entries)),
        rules: b.rules.map((x) => x.resource),
        subnets: [...b.subnets.values()],
        subnetsUndetermined: b.subnetsUndetermined,
    }));
    return { nacls, unlinkedRules };
}

/** True when two entries are known and the same AWS entry. */
export function sameEntry(a: NaclEntry, b: NaclEntry): boolean {
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

// ------------------------------------------------------------------------------------------------
// Views of one ACL for the evaluator, shared by the NACL policies
// ------------------------------------------------------------------------------------------------

/** A fully-known entry, as the evaluator takes it, with where it was written. */
export type KnownEntry = NonNullable<ReturnType<typeof knownEntry>> & { readonly icmp?: NaclEntry["icmp"] };

/** The entries of one direction: fully-known ones (in stack order) and undetermined ones. */
export interface DirectionEntries {
    readonly known: KnownEntry[];
    readonly undetermined: NaclEntry[];
    /**
     * Set when the direction holds more entries than are ever evaluated (AWS allows at most 40):
     * then `known` and `undetermined` are empty, and the policies report the size instead.
     */
    readonly oversized?: number;
}

/** Entries per direction beyond which a network ACL is not evaluated: AWS's maximum is 40. */
export const MAX_EVALUATED_ENTRIES = 100;

/** "Network ACL 'x' has N inbound entries, ..." for a direction too large to evaluate. */
export function oversizedText(node: NaclNode, egress: boolean, count: number): string {
    return `${naclLabel(node).replace(/^./, (c) => c.toUpperCase())} has ${count} ${egress ? "outbound" : "inbound"} entries; ` +
        `AWS allows at most 40 per direction, so the deployment fails, and the pack evaluates at most ` +
        `${MAX_EVALUATED_ENTRIES}. Fix: merge entries (wider CIDRs or port ranges) to stay within the quota.`;
}

/**
 * False for the entries of a NetworkAclRule whose `egress` flag is undetermined: the model reads
 * such a rule in both directions, with the flag as its (undetermined) action.
 */
export function directionKnown(e: NaclEntry): boolean {
    return !(e.origin.path === "" && isUndetermined(e.action) && e.action.path === "egress");
}

export function directionEntries(node: NaclNode, egress: boolean): DirectionEntries {
    const known: KnownEntry[] = [];
    const undetermined: NaclEntry[] = [];
    const entries = node.entries.filter((x) => x.egress === egress);
    if (entries.length > MAX_EVALUATED_ENTRIES) {
        return { known, undetermined, oversized: entries.length };
    }
    for (const e of entries) {
        const k = knownEntry(e);
        if (k) {
            known.push(e.icmp ? { ...k, icmp: e.icmp } : k);
        } else {
            undetermined.push(e);
        }
    }
    return { known, undetermined };
}

/** The address families an entry may belong to: its CIDR's, or the one its CIDR field names. */
export function possibleFamilies(e: NaclEntry): Family[] {
    if (!isUndetermined(e.cidr)) {
        return [e.cidr.family];
    }
    if (/(^|\.)ipv6CidrBlock$/.test(e.cidr.path)) {
        return [6];
    }
    return /(^|\.)cidrBlock$/.test(e.cidr.path) ? [4] : [4, 6];
}

/**
 * Every point an undetermined entry may match in a family, as an evaluator entry of the given
 * action and rule number (an over-approximation: unknown CIDR -> the whole family, unknown
 * protocol -> all, unknown ports -> all), or undefined when it cannot match in that family.
 */
export function mayMatch(e: NaclEntry, family: Family, action: "allow" | "deny", ruleNumber: number): KnownNaclEntry | undefined {
    if (!possibleFamilies(e).includes(family)) {
        return undefined;
    }
    const cidr = isUndetermined(e.cidr) ? { family, range: familyRange(family) } : e.cidr;
    const protocol = isUndetermined(e.protocol) ? ALL : e.protocol;
    const ports = isUndetermined(e.ports) ? ALL_PORTS : e.ports;
    return { ruleNumber, action, protocol, ports, cidr };
}

/** True when entry `a` (at index ia of its direction's entries) is evaluated before `b` (at ib). */
export function evaluatedBefore(a: number, ia: number, b: number, ib: number): boolean {
    return a < b || (a === b && ia < ib);
}

/**
 * The part of a known entry's points that it decides, for a protocol: every point not matched by an
 * entry that is (or, for an undetermined one, may be) evaluated before it.
 */
export function effectivePart(entry: KnownEntry, view: DirectionEntries, protocol: PortProtocol): PointSet[] {
    const index = view.known.indexOf(entry);
    const family = entry.cidr.family;
    const before: KnownNaclEntry[] = [
        ...view.known.filter((k, i) => k !== entry && evaluatedBefore(k.ruleNumber, i, entry.ruleNumber, index)),
        ...view.undetermined
            .filter((u) => isUndetermined(u.ruleNumber) || u.ruleNumber <= entry.ruleNumber)
            .map((u) => mayMatch(u, family, "deny", 0))
            .filter((u): u is KnownNaclEntry => u !== undefined),
    ].map((k) => ({ ...k, action: "deny" as const, ruleNumber: 0 }));
    return allowedSet([...before, { ...entry, action: "allow", ruleNumber: 1 }], protocol, family);
}

/**
 * The entries to evaluate when asking whether something is definitely not allowed: the known ones,
 * plus every undetermined entry that may allow, as an allow over all it may match (an undetermined
 * entry known to deny only ever denies what the later entries would decide otherwise).
 */
export function optimisticEntries(view: DirectionEntries, family: Family): KnownNaclEntry[] {
    const may = view.undetermined
        .filter((u) => u.action !== "deny")
        .map((u) => mayMatch(u, family, "allow", isUndetermined(u.ruleNumber) ? 0 : u.ruleNumber))
        .filter((u): u is KnownNaclEntry => u !== undefined);
    return [...may, ...view.known];
}

/** "ingress[0] (rule 100)" or "NetworkAclRule 'https-in' (rule 100)". */
export function entryLabel(e: Pick<NaclEntry, "origin" | "ruleNumber">): string {
    const where = e.origin.path === "" ? `NetworkAclRule '${e.origin.name}'` : e.origin.path;
    const n = isUndetermined(e.ruleNumber) ? "rule number not known" : `rule ${e.ruleNumber}`;
    return `${where} (${n})`;
}

/** "network ACL 'public'" or "default network ACL 'default'". */
export function naclLabel(node: NaclNode): string {
    return `${node.isDefault ? "default network ACL" : "network ACL"} '${node.resource.name}'`;
}

/** CIDR blocks of an address set: "10.0.0.0/8, 172.16.0.0/12". */
export function addressesText(addresses: IntervalSet, family: Family): string {
    return addresses.flatMap((i) => rangeToCidrs(i, family)).join(", ");
}

/** "443", "1024-65535", "22, 80-443". */
export function portsText(ports: IntervalSet): string {
    return ports.map((i) => (i.lo === i.hi ? `${i.lo}` : `${i.lo}-${i.hi}`)).join(", ");
}

/** The part of a reporter the graph needs (structurally the policies' Reporter). */
export interface NoteSink {
    note(message: string, urn?: string): void;
    undetermined(why: Undetermined, consequence: string, urn?: string): void;
}

/**
 * Notes each NetworkAclRule that belongs to no ACL of the stack: `consequence` says what the
 * policy cannot check. An undetermined networkAclId goes through `undetermined` (an invalid one is
 * a violation); a known ID of an ACL outside the stack is a note.
 */
export function noteUnlinkedRules(rules: readonly UnlinkedNaclRule[], sink: NoteSink, consequence: string): void {
    for (const rule of rules) {
        const label = `NetworkAclRule '${rule.resource.name}'`;
        const id = rule.networkAclId;
        if (rule.defaultOf) {
            sink.note(`${label} adds an entry to the default network ACL of VPC '${rule.defaultOf.name}', which is not in this ` +
                `stack (declare it as an aws.ec2.DefaultNetworkAcl): ${consequence}.`, rule.resource.urn);
        } else if (typeof id === "string") {
            sink.note(`${label} adds an entry to network ACL ${id}, which is not in this stack: ${consequence}.`, rule.resource.urn);
        } else {
            const why = id ?? unknownAt("networkAclId");
            sink.undetermined(why, `${label} cannot be linked to its network ACL, so ${consequence}.`, rule.resource.urn);
        }
    }
}
