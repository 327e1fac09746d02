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
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { NaclEntry, knownEntry, naclEntries } from "../model/nacl-entries";
import { T, typeToken } from "../model/types";
import { Maybe, Undetermined, child, elements, isUndetermined, root, str, unknownAt } from "../model/values";
import { Family, familyRange, rangeToCidrs } from "../net/cidr";
import { IntervalSet } from "../net/intervals";
import { KnownNaclEntry, PointSet, PortProtocol, allowedSet } from "../net/nacl-eval";
import { ALL_PORTS } from "../net/ports";
import { ALL } from "../net/protocol";
import type { StackResource } from "./stack";

const ASSOCIATION = typeToken(NetworkAclAssociation);
const SUBNET = typeToken(Subnet);
const ACL_TYPES = new Set<string>([T.networkAcl, T.defaultNetworkAcl]);

/** A subnet: one of the stack's, or one from outside it (known by ID only). */
export type SubnetRef = { readonly kind: "stack"; readonly urn: string } | { readonly kind: "external"; readonly id: string };

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

export function buildNaclGraph(resources: readonly StackResource[]): NaclGraph {
    const acls = new Map<string, Building>();
    const aclById = new Map<string, string>();
    const subnetById = new Map<string, string>();
    const subnetUrns = new Set<string>();
    for (const r of resources) {
        if (ACL_TYPES.has(r.type)) {
            acls.set(r.urn, { resource: r, inline: [...(naclEntries(r)?.entries ?? [])], rules: [], subnets: new Map(), subnetsUndetermined: [] });
            // A DefaultNetworkAcl's ID is the default ACL's ID, which its input names.
            for (const key of r.type === T.defaultNetworkAcl ? ["id", "defaultNetworkAclId"] : ["id"]) {
                const id = knownId(r, key);
                if (id !== undefined) {
                    aclById.set(id, r.urn);
                }
            }
        } else if (r.type === SUBNET) {
            subnetUrns.add(r.urn);
            const id = knownId(r, "id");
            if (id !== undefined) {
                subnetById.set(id, r.urn);
            }
        }
    }
    const link = (r: StackResource, key: string) => resolve(r, key, new Set(acls.keys()), aclById);
    const unlinkedRules: UnlinkedNaclRule[] = [];
    for (const r of resources) {
        if (r.type !== T.networkAclRule) {
            continue;
        }
        const set = naclEntries(r);
        const entries = set?.entries ?? [];
        const target = link(r, "networkAclId");
        const acl = target.urn === undefined ? undefined : acls.get(target.urn);
        if (acl) {
            acl.rules.push({ resource: r, entries });
        } else {
            unlinkedRules.push({ resource: r, entries, networkAclId: target.value });
        }
    }
    const subnetOf = (r: StackResource, key: string, value: Maybe<string | undefined>): SubnetRef | Undetermined => {
        const found = resolve(r, key, subnetUrns, subnetById, value);
        if (found.urn !== undefined) {
            return { kind: "stack", urn: found.urn };
        }
        return typeof found.value === "string" ? { kind: "external", id: found.value } : found.value ?? unknownAt(key);
    };
    for (const acl of acls.values()) {
        addSubnets(acl, subnetUrns, subnetById);
    }
    for (const r of resources) {
        if (r.type !== ASSOCIATION) {
            continue;
        }
        const target = link(r, "networkAclId");
        const acl = target.urn === undefined ? undefined : acls.get(target.urn);
        if (!acl) {
            continue;
        }
        const subnet = subnetOf(r, "subnetId", str(child(root(r.props), "subnetId")));
        if (isUndetermined(subnet)) {
            acl.subnetsUndetermined.push(subnet);
        } else {
            acl.subnets.set(subnetKey(subnet), subnet);
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

function subnetKey(s: SubnetRef): string {
    return s.kind === "stack" ? s.urn : `external:${s.id}`;
}

function knownId(r: StackResource, key: string): string | undefined {
    const v = str(child(root(r.props), key));
    return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * A single reference from `r.key` to one of `candidates`: by the property dependencies when they
 * name exactly one candidate, else by the known ID. `value` is the reference's ID (or why not).
 */
function resolve(
    r: StackResource,
    key: string,
    candidates: ReadonlySet<string>,
    byId: ReadonlyMap<string, string>,
    given?: Maybe<string | undefined>,
): { urn?: string; value: Maybe<string> | undefined } {
    const value = given !== undefined ? given : str(child(root(r.props), key));
    const deps = [...new Set((r.propertyDependencies[key] ?? []).filter((u) => candidates.has(u)))];
    if (deps.length === 1) {
        return { urn: deps[0], value };
    }
    if (typeof value === "string" && value !== "") {
        return { urn: byId.get(value), value };
    }
    return { value: isUndetermined(value) ? value : unknownAt(key) };
}

/** The ACL's subnetIds: known IDs resolve by ID; unknown ones through the property dependencies. */
function addSubnets(acl: Building, subnetUrns: ReadonlySet<string>, subnetById: ReadonlyMap<string, string>): void {
    const field = child(root(acl.resource.props), "subnetIds");
    const items = elements(field);
    if (isUndetermined(items)) {
        if (items.undetermined === "invalid") {
            acl.subnetsUndetermined.push(items);
            return;
        }
    }
    let unresolved = isUndetermined(items) ? Infinity : 0;
    for (const item of isUndetermined(items) ? [] : items) {
        const id = str(item);
        if (typeof id === "string" && id !== "") {
            const urn = subnetById.get(id);
            const ref: SubnetRef = urn ? { kind: "stack", urn } : { kind: "external", id };
            acl.subnets.set(subnetKey(ref), ref);
        } else if (isUndetermined(id) && id.undetermined === "invalid") {
            acl.subnetsUndetermined.push(id);
        } else {
            unresolved++;
        }
    }
    if (unresolved > 0) {
        const fromDeps = (acl.resource.propertyDependencies["subnetIds"] ?? [])
            .filter((u) => subnetUrns.has(u) && !acl.subnets.has(u));
        for (const urn of fromDeps.slice(0, unresolved)) {
            acl.subnets.set(urn, { kind: "stack", urn });
        }
        if (fromDeps.length < unresolved) {
            acl.subnetsUndetermined.push(unknownAt(field.path));
        }
    }
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
    return pointsAfter(entry, view, protocol, () => true);
}

/**
 * The part of a known allow entry's points that it lets through, for a protocol: every point not
 * matched by a deny entry that is (or, for an undetermined one, may be) evaluated before it. An
 * earlier allow takes nothing away: the traffic still passes, and the entry still declares it.
 */
export function allowedPart(entry: KnownEntry, view: DirectionEntries, protocol: PortProtocol): PointSet[] {
    return pointsAfter(entry, view, protocol, (action) => action !== "allow");
}

/** The entry's points less those of the entries before it whose (possible) action `subtracts`. */
function pointsAfter(entry: KnownEntry, view: DirectionEntries, protocol: PortProtocol,
    subtracts: (action: NaclEntry["action"]) => boolean): PointSet[] {
    const index = view.known.indexOf(entry);
    const family = entry.cidr.family;
    const before: KnownNaclEntry[] = [
        ...view.known.filter((k, i) => k !== entry && subtracts(k.action) && evaluatedBefore(k.ruleNumber, i, entry.ruleNumber, index)),
        ...view.undetermined
            .filter((u) => subtracts(u.action) && (isUndetermined(u.ruleNumber) || u.ruleNumber <= entry.ruleNumber))
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
        if (typeof id === "string") {
            sink.note(`${label} adds an entry to network ACL ${id}, which is not in this stack: ${consequence}.`, rule.resource.urn);
        } else {
            const why = id ?? unknownAt("networkAclId");
            sink.undetermined(why, `${label} cannot be linked to its network ACL, so ${consequence}.`, rule.resource.urn);
        }
    }
}
