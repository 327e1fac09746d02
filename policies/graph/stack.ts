/**
 * The stack model, built once per AnalyzeStack call: security groups with all their rules (inline
 * and standalone), and every network interface of every ENI-bearing resource with its groups.
 * Links use IDs when they are known and property dependencies (URNs) when they are not, as on a
 * first preview. An ID that matches nothing in the stack is an external group: counted, never
 * guessed at.
 */
import { PolicyResource } from "@pulumi/policy";
import { ResourceRef, SgRule, SgRuleSet, normaliseRules } from "../model/sg-rules";
import { T, typeToken } from "../model/types";
import { Field, Undetermined, child, elements, isUndetermined, plainProps, root, str, unknownAt } from "../model/values";
import { ENI_SHAPES, EniShape, Role } from "./eni-types";
import { NaclGraph, buildNaclGraph } from "./nacl";
import { NetworkInterfaceSecurityGroupAttachment } from "@pulumi/aws/ec2/networkInterfaceSecurityGroupAttachment";

/** VPCs by their known defaultSecurityGroupId; the first in stack order wins, as a search would. */
function indexVpcsByDefaultGroup(vpcs: readonly StackResource[]): Map<string, StackResource> {
    const index = new Map<string, StackResource>();
    for (const vpc of vpcs) {
        const id = str(child(root(vpc.props), "defaultSecurityGroupId"));
        if (typeof id === "string" && !index.has(id)) {
            index.set(id, vpc);
        }
    }
    return index;
}

/** A resource as the stack policies see it: dependencies by URN. */
export interface StackResource extends ResourceRef {
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** A security group as a member of a set: one of the stack's, or one from outside it. */
export type GroupRef = { readonly kind: "stack"; readonly urn: string } | { readonly kind: "external"; readonly id: string };

export function groupKey(g: GroupRef): string {
    return g.kind === "stack" ? g.urn : `external:${g.id}`;
}

export interface SecurityGroupNode {
    readonly resource: StackResource;
    readonly isDefault: boolean;
    /** The inline rules, and the rule sets of the standalone rule resources attached to it. */
    readonly inline: SgRuleSet;
    readonly standalone: { resource: StackResource; ruleSet: SgRuleSet }[];
}

/** One network interface of an ENI-bearing resource, and the distinct groups on it. */
export interface NetworkInterfaceNode {
    readonly resource: StackResource;
    readonly shape: EniShape;
    /** "vpcSecurityGroupIds", "networkInterfaces[1].securityGroups", ... */
    readonly path: string;
    readonly groups: GroupRef[];
    /**
     * Groups the resource puts on one of its interfaces without saying which (unknown IDs on a
     * resource with several interfaces): attached, but not counted against this interface.
     */
    readonly possibleGroups: GroupRef[];
    /** Parts of the set that cannot be resolved yet: the set may hold more groups than listed. */
    readonly undetermined: Undetermined[];
}

/** A NetworkInterfaceSecurityGroupAttachment: the group it attaches, wherever the interface is. */
export interface Attachment {
    readonly resource: StackResource;
    readonly group: GroupRef | undefined;
}

export interface StandaloneRule {
    readonly resource: StackResource;
    readonly ruleSet: SgRuleSet;
    /** The group the rule belongs to; undefined when it cannot be resolved yet. */
    readonly target: GroupRef | undefined;
    readonly targetUndetermined?: Undetermined;
    /** Set when the target is a VPC's default group, named through the VPC (vpc.defaultSecurityGroupId). */
    readonly defaultGroupOf?: StackResource;
}

const ATTACHMENT = typeToken(NetworkInterfaceSecurityGroupAttachment);
const SG_TYPES = new Set<string>([T.securityGroup, T.defaultSecurityGroup]);

export class StackModel {
    readonly resources: readonly StackResource[];
    readonly byUrn = new Map<string, StackResource>();
    readonly groups = new Map<string, SecurityGroupNode>();
    readonly standaloneRules: StandaloneRule[] = [];
    readonly interfaces: NetworkInterfaceNode[] = [];
    readonly attachments: Attachment[] = [];
    private readonly groupByIdOrName = new Map<string, string>();
    private vpcs?: StackResource[];
    private vpcByDefaultGroupId?: Map<string, StackResource>;
    private byGroup?: Map<string, NetworkInterfaceNode[]>;
    private byResource?: Map<string, NetworkInterfaceNode[]>;

    constructor(resources: readonly StackResource[]) {
        this.resources = resources;
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
        }
        for (const r of resources) {
            if (SG_TYPES.has(r.type)) {
                const props = root(r.props);
                const read = normaliseRules(r) as SgRuleSet;
                // pulumi-aws computes a group's ingress/egress outputs from AWS, so a whole list that
                // is unknown at preview says "not declared inline", not "rules we cannot see".
                const inline = { ...read, rules: read.rules.filter((x) => !wholeListUnknown(x)) };
                this.groups.set(r.urn, { resource: r, isDefault: r.type === T.defaultSecurityGroup, inline, standalone: [] });
                for (const key of ["id", "name"]) {
                    const v = str(child(props, key));
                    if (typeof v === "string" && v !== "") {
                        this.groupByIdOrName.set(v, r.urn);
                    }
                }
            }
        }
        for (const r of resources) {
            const ruleSet = SG_TYPES.has(r.type) ? undefined : normaliseRules(r);
            if (ruleSet) {
                const resolved = this.resolveOne(r, "securityGroupId");
                this.standaloneRules.push({
                    resource: r, ruleSet, target: resolved.ref, targetUndetermined: resolved.undetermined,
                    defaultGroupOf: this.vpcWhoseDefaultGroup(r, "securityGroupId"),
                });
                if (resolved.ref?.kind === "stack") {
                    this.groups.get(resolved.ref.urn)?.standalone.push({ resource: r, ruleSet });
                }
            }
        }
        for (const r of resources) {
            const shape = ENI_SHAPES.find((s) => s.type === r.type);
            if (shape) {
                this.interfaces.push(...this.declaredInterfaces(r, shape));
            }
        }
        this.applyAttachments();
    }

    private nacls?: NaclGraph;

    /** The network ACLs of the stack with their entries and subnets, built on first use. */
    get naclGraph(): NaclGraph {
        this.nacls ??= buildNaclGraph(this.resources);
        return this.nacls;
    }

    /** All rules of a group: inline and standalone. */
    rulesOf(urn: string): SgRule[] {
        const g = this.groups.get(urn);
        return g ? [...g.inline.rules, ...g.standalone.flatMap((s) => s.ruleSet.rules)] : [];
    }

    /** The groups a security-group ID (or name) refers to: the stack's own, or an external one. */
    refOf(id: string): GroupRef {
        const urn = this.groupByIdOrName.get(id);
        return urn ? { kind: "stack", urn } : { kind: "external", id };
    }

    /** The stack's groups that a property of a resource depends on. */
    private groupDeps(r: StackResource, key: string): string[] {
        return (r.propertyDependencies[key] ?? []).filter((u) => this.groups.has(u));
    }

    /** A single group reference (securityGroupId of a rule or attachment). */
    private resolveOne(r: StackResource, key: string): { ref?: GroupRef; undetermined?: Undetermined } {
        const deps = this.groupDeps(r, key);
        if (deps.length === 1) {
            return { ref: { kind: "stack", urn: deps[0] } };
        }
        const v = str(child(root(r.props), key));
        if (typeof v === "string") {
            return { ref: this.refOf(v) };
        }
        return { undetermined: isUndetermined(v) ? v : unknownAt(key) };
    }

    /**
     * The VPC whose default group a property names: its value is the VPC's known
     * defaultSecurityGroupId, or, while unknown, it depends on a VPC and on no security group.
     */
    private vpcWhoseDefaultGroup(r: StackResource, key: string): StackResource | undefined {
        const vpcs = this.vpcs ??= this.resources.filter((x) => x.type === T.vpc);
        const v = str(child(root(r.props), key));
        if (typeof v === "string") {
            return (this.vpcByDefaultGroupId ??= indexVpcsByDefaultGroup(vpcs)).get(v);
        }
        const deps = r.propertyDependencies[key] ?? [];
        return deps.some((u) => this.groups.has(u)) ? undefined : vpcs.find((x) => deps.includes(x.urn));
    }

    /**
     * The network interfaces a resource declares. Paths without "*" make one interface; a path
     * "list", "*", "key" makes one interface per element of the list.
     */
    private declaredInterfaces(r: StackResource, shape: EniShape): NetworkInterfaceNode[] {
        const props = root(r.props);
        const out: NetworkInterfaceNode[] = [];
        const at = (base: Field, keys: readonly string[]) => keys.reduce((f, k) => child(f, k), base);
        for (const paths of shape.interfaces) {
            // Property dependencies are recorded per top-level input.
            const depKeys = [...new Set(paths.map((p) => p[0]))];
            const star = paths[0].indexOf("*");
            if (star < 0) {
                const fields = paths.map((p) => at(props, p));
                if (fields.some((f) => f.state !== "absent")) {
                    out.push(this.interfaceNode(r, shape, fields, depKeys, true));
                }
                continue;
            }
            const list = at(props, paths[0].slice(0, star));
            const items = elements(list);
            if (isUndetermined(items)) {
                out.push({ resource: r, shape, path: list.path, groups: [], possibleGroups: [], undetermined: [items] });
                continue;
            }
            // With several interfaces, dependencies cannot say which interface a group is on.
            for (const item of items) {
                out.push(this.interfaceNode(r, shape, [at(item, paths[0].slice(star + 1))], depKeys, items.length === 1));
            }
        }
        return out;
    }

    private interfaceNode(r: StackResource, shape: EniShape, fields: Field[], depKeys: string[], attributable: boolean): NetworkInterfaceNode {
        const path = fields.filter((f) => f.state !== "absent").map((f) => f.path).join(" + ");
        const groups = new Map<string, GroupRef>();
        const possibleGroups: GroupRef[] = [];
        const undetermined: Undetermined[] = [];
        let unresolved = 0;
        for (const field of fields) {
            const items = elements(field);
            if (isUndetermined(items)) {
                if (items.undetermined === "invalid") {
                    undetermined.push(items);
                } else {
                    unresolved += Infinity;
                }
                continue;
            }
            for (const item of items) {
                const id = str(item);
                if (typeof id === "string") {
                    const ref = this.refOf(id);
                    groups.set(groupKey(ref), ref);
                } else if (isUndetermined(id) && id.undetermined === "invalid") {
                    undetermined.push(id);
                } else {
                    unresolved++;
                }
            }
        }
        if (unresolved > 0) {
            // Unknown IDs: the property dependencies name the stack's groups among them.
            const fromDeps = [...new Set(depKeys.flatMap((k) => this.groupDeps(r, k)))].filter((u) => !groups.has(u));
            const where = fields.find((f) => f.state !== "absent")?.path ?? depKeys[0];
            if (attributable) {
                for (const urn of fromDeps.slice(0, unresolved)) {
                    groups.set(urn, { kind: "stack", urn });
                }
                if (fromDeps.length < unresolved) {
                    undetermined.push(unknownAt(where));
                }
            } else {
                possibleGroups.push(...fromDeps.map((urn): GroupRef => ({ kind: "stack", urn })));
                undetermined.push(unknownAt(where));
            }
        }
        return { resource: r, shape, path, groups: [...groups.values()], possibleGroups, undetermined };
    }

    /** NetworkInterfaceSecurityGroupAttachment adds a group to an ENI of the stack (or outside it). */
    private applyAttachments(): void {
        const attachments = this.resources.filter((x) => x.type === ATTACHMENT);
        if (attachments.length === 0) {
            return;
        }
        // Interfaces by the IDs their resources carry (an ENI's id, an instance's primary ENI).
        const byEniId = new Map<string, string>();
        for (const x of this.resources) {
            for (const k of ["id", "primaryNetworkInterfaceId"]) {
                const v = str(child(root(x.props), k));
                if (typeof v === "string") {
                    byEniId.set(v, x.urn);
                }
            }
        }
        for (const r of attachments) {
            const group = this.resolveOne(r, "securityGroupId");
            this.attachments.push({ resource: r, group: group.ref });
            const eniUrns = (r.propertyDependencies["networkInterfaceId"] ?? []).filter((u) => this.byUrn.has(u));
            const eniId = str(child(root(r.props), "networkInterfaceId"));
            const byId = typeof eniId === "string" ? byEniId.get(eniId) : undefined;
            // The attachment lands on the primary interface: the first one the resource declares.
            const targets = [...new Set([...eniUrns, ...(byId ? [byId] : [])])]
                .map((u) => this.interfacesOf(u)[0])
                .filter((n): n is NetworkInterfaceNode => n !== undefined);
            for (const target of targets) {
                if (group.ref && !target.groups.some((g) => groupKey(g) === groupKey(group.ref as GroupRef))) {
                    target.groups.push(group.ref);
                } else if (group.undetermined) {
                    target.undetermined.push(group.undetermined);
                }
            }
        }
    }

    /** The interfaces a group is attached to. */
    interfacesWith(urn: string): NetworkInterfaceNode[] {
        if (!this.byGroup) {
            this.byGroup = new Map();
            for (const n of this.interfaces) {
                for (const g of new Set([...n.groups, ...n.possibleGroups].flatMap((x) => (x.kind === "stack" ? [x.urn] : [])))) {
                    this.byGroup.set(g, [...(this.byGroup.get(g) ?? []), n]);
                }
            }
        }
        return this.byGroup.get(urn) ?? [];
    }

    /** The network interfaces of one resource, in the order it declares them. */
    interfacesOf(resourceUrn: string): NetworkInterfaceNode[] {
        if (!this.byResource) {
            this.byResource = new Map();
            for (const n of this.interfaces) {
                this.byResource.set(n.resource.urn, [...(this.byResource.get(n.resource.urn) ?? []), n]);
            }
        }
        return this.byResource.get(resourceUrn) ?? [];
    }

    /** Roles of the resources a group is attached to. */
    rolesOf(urn: string): Set<Role> {
        return new Set(this.interfacesWith(urn).map((n) => n.shape.role));
    }
}


function wholeListUnknown(rule: SgRule): boolean {
    return rule.origin.rulePath === rule.direction && isUndetermined(rule.peer) && rule.peer.undetermined === "unknown";
}

/** Converts @pulumi/policy's stack resources (dependencies as objects) into the model's input. */
export function fromPolicyResources(resources: readonly PolicyResource[]): StackResource[] {
    return resources.map((r) => ({
        urn: r.urn,
        name: r.name,
        type: r.type,
        props: plainProps(r.props),
        dependencies: r.dependencies.map((d) => d.urn),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => d.urn)])),
    }));
}
