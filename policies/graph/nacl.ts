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
import { NaclEntry, naclEntries } from "../model/nacl-entries";
import { T, typeToken } from "../model/types";
import { Maybe, Undetermined, child, elements, isUndetermined, root, str, unknownAt } from "../model/values";
import { StackResource } from "./stack";

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
