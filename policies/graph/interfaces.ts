/**
 * The network interfaces of the stack's ENI-bearing resources and the security groups on each: the
 * groups the resource declares, those NetworkInterfaceSecurityGroupAttachments add, and, when it
 * declares none, the default group AWS gives it from its VPC.
 */
import { NetworkInterface } from "@pulumi/aws/ec2/networkInterface";
import { NetworkInterfaceSecurityGroupAttachment } from "@pulumi/aws/ec2/networkInterfaceSecurityGroupAttachment";
import { typeToken } from "../model/types";
import { Field, Undetermined, child, elements, isUndetermined, root, unknownAt } from "../model/values";
import { EniShape } from "./eni-types";
import { Link, Ref, Targets, linkList, linkOne, refKey } from "./links";
import type { StackResource } from "./stack";
import { Network, VpcDefaultGroup, VpcRef } from "./vpcs";

export const ATTACHMENT = typeToken(NetworkInterfaceSecurityGroupAttachment);
const NETWORK_INTERFACE = typeToken(NetworkInterface);

/** One network interface of an ENI-bearing resource, and the distinct groups on it. */
export interface NetworkInterfaceNode {
    readonly resource: StackResource;
    readonly shape: EniShape;
    /** "vpcSecurityGroupIds", "networkInterfaces[1].securityGroups", ... */
    readonly path: string;
    /** The groups identified: the stack's (a DefaultSecurityGroup included) and outside ones by ID. */
    readonly groups: Ref[];
    /** VPC default groups on the interface that the stack does not declare: counted, named through their VPC. */
    readonly vpcDefaults: VpcDefaultGroup[];
    /** Set when the interface declares no group, so AWS gives it its VPC's default group (in groups or vpcDefaults). */
    readonly implicitDefault?: VpcDefaultGroup;
    /**
     * Groups the resource puts on one of its interfaces without saying which (unknown IDs on a
     * resource with several interfaces): attached, but not counted against this interface.
     */
    readonly possibleGroups: Ref[];
    /** Parts of the set that cannot be resolved yet: the set may hold more groups than listed. */
    readonly undetermined: Undetermined[];
    /** How many more distinct groups the unresolved parts may add (Infinity: no bound). */
    unresolved: number;
    /** True when the interface has at least one group, whatever the unknown parts turn out to be. */
    hasGroups: boolean;
}

/** A NetworkInterfaceSecurityGroupAttachment: the group it attaches, and the interface it attaches it to. */
export interface Attachment {
    readonly resource: StackResource;
    readonly group: Ref | undefined;
    /** The interface: undefined when it is outside the stack or cannot be told yet (then `undetermined` says why). */
    readonly target?: NetworkInterfaceNode;
    readonly undetermined?: Undetermined;
}

type At = (path: readonly string[]) => Field;

/** The interfaces a resource declares: one per path set without "*", and one per element of a "*" list. */
export function declaredInterfaces(r: StackResource, shape: EniShape, groups: Targets, network: Network): NetworkInterfaceNode[] {
    const props = root(r.props);
    const present = (key: string) => child(props, key).state !== "absent";
    const at: At = (path) => path.reduce((f: Field, k) => child(f, k), props);
    if (shape.requires !== undefined && !present(shape.requires)) {
        return []; // Not in a VPC at all (an OpenSearch domain without vpcOptions).
    }
    const out: NetworkInterfaceNode[] = [];
    shape.interfaces.forEach((paths, index) => {
        // Property dependencies are recorded per top-level input.
        const depKeys = [...new Set(paths.map((p) => p[0]))];
        const star = paths[0].indexOf("*");
        if (star < 0) {
            const fields = paths.map(at);
            if (fields.some((f) => f.state !== "absent")) {
                out.push(node(r, shape, fields, depKeys, true, groups));
            } else if (index === 0 && shape.defaultGroupIn && !(shape.elsewhere ?? []).some(present)) {
                out.push(implicitDefaultNode(r, shape, paths.map((p) => p.join(".")).join(" + "), network.vpcOf(r, shape.defaultGroupIn), groups, network));
            }
            return;
        }
        const list = at(paths[0].slice(0, star));
        const items = elements(list);
        if (isUndetermined(items)) {
            out.push({ resource: r, shape, path: list.path, groups: [], vpcDefaults: [], possibleGroups: [], undetermined: [items], unresolved: Infinity, hasGroups: false });
            return;
        }
        // With several interfaces, dependencies cannot say which interface a group is on.
        for (const item of items) {
            out.push(node(r, shape, [paths[0].slice(star + 1).reduce((f: Field, k) => child(f, k), item)], depKeys, items.length === 1, groups));
        }
    });
    return out;
}

function node(r: StackResource, shape: EniShape, fields: Field[], depKeys: string[], attributable: boolean, groups: Targets): NetworkInterfaceNode {
    const path = fields.filter((f) => f.state !== "absent").map((f) => f.path).join(" + ");
    const link = linkList(r, fields, depKeys, groups, attributable);
    const vpcDefaults = link.standIns.map((s): VpcDefaultGroup => ({ vpc: { kind: "stack", urn: s.urn }, ...(s.id !== undefined ? { id: s.id } : {}) }));
    return {
        resource: r, shape, path, groups: link.refs, vpcDefaults, possibleGroups: link.possible, undetermined: link.undetermined,
        unresolved: link.unresolved, hasGroups: link.hasItems,
    };
}

function implicitDefaultNode(r: StackResource, shape: EniShape, path: string, vpc: VpcRef, groups: Targets, network: Network): NetworkInterfaceNode {
    const d = network.defaultGroupOf(vpc, groups);
    return {
        resource: r, shape, path, groups: d.group ? [d.group] : [], vpcDefaults: d.group ? [] : [d], implicitDefault: d,
        possibleGroups: [], undetermined: [], unresolved: 0, hasGroups: true,
    };
}

/** The interfaces an attachment may name: network interfaces by ID, instances by their primary interface's ID. */
export function interfaceTargets(resources: readonly StackResource[], hasInterface: (urn: string) => boolean): Targets {
    const targets = new Targets();
    const order = [...resources.filter((r) => r.type === NETWORK_INTERFACE), ...resources.filter((r) => r.type !== NETWORK_INTERFACE)];
    for (const r of order) {
        if (hasInterface(r.urn)) {
            targets.add(r, r.type === NETWORK_INTERFACE ? ["id"] : ["primaryNetworkInterfaceId"]);
        }
    }
    return targets;
}

/**
 * Applies a NetworkInterfaceSecurityGroupAttachment: its group joins the primary (first) interface
 * of the resource its networkInterfaceId names.
 */
export function attach(r: StackResource, groups: Targets, enis: Targets, interfacesOf: (urn: string) => NetworkInterfaceNode[]): Attachment {
    // Both inputs are required: one that is not there is one not known yet.
    const group = linkOne(r, "securityGroupId", groups) ?? { undetermined: unknownAt("securityGroupId") };
    const eni: Link = linkOne(r, "networkInterfaceId", enis) ?? { undetermined: unknownAt("networkInterfaceId") };
    const target = eni.ref?.kind === "stack" ? interfacesOf(eni.ref.urn)[0] : undefined;
    if (target) {
        addGroup(target, group);
    }
    return { resource: r, group: group.ref, ...(target ? { target } : {}), ...(eni.undetermined && !eni.ref ? { undetermined: eni.undetermined } : {}) };
}

function addGroup(target: NetworkInterfaceNode, group: Link): void {
    if (group.standIn !== undefined) {
        const vpc: VpcRef = { kind: "stack", urn: group.standIn };
        if (!target.vpcDefaults.some((d) => d.vpc.kind === "stack" && d.vpc.urn === group.standIn)) {
            target.vpcDefaults.push({ vpc, ...(group.ref?.kind === "external" ? { id: group.ref.id } : {}) });
        }
    } else if (group.ref) {
        const key = refKey(group.ref);
        if (!target.groups.some((g) => refKey(g) === key)) {
            target.groups.push(group.ref);
        }
    } else if (group.undetermined) {
        target.undetermined.push(group.undetermined);
        target.unresolved += 1;
    }
    target.hasGroups = true;
}
