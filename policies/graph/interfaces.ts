/**
 * The network interfaces of the stack's ENI-bearing resources and the security groups on each: the
 * groups the resource declares, those NetworkInterfaceSecurityGroupAttachments (and, on a VPC
 * endpoint, SecurityGroupAssociations) add, and, when it declares none, the default group AWS gives
 * it from its VPC.
 */
import { NetworkInterface } from "@pulumi/aws/ec2/networkInterface";
import { NetworkInterfaceSecurityGroupAttachment } from "@pulumi/aws/ec2/networkInterfaceSecurityGroupAttachment";
import { SecurityGroupAssociation } from "@pulumi/aws/ec2/securityGroupAssociation";
import { VpcEndpoint } from "@pulumi/aws/ec2/vpcEndpoint";
import { typeToken } from "../model/types";
import { Field, Undetermined, bool, child, elements, isUndetermined, str } from "../model/values";
import { EniShape } from "./eni-shape";
import { IdForm, Link, Ref, Targets, linkList, linkRequired, refKey } from "./links";
import { StackResource, fieldAt } from "./resource";
import { Network, VpcDefaultGroup, VpcLocator, VpcRef } from "./vpcs";

const ATTACHMENT = typeToken(NetworkInterfaceSecurityGroupAttachment);
const ASSOCIATION = typeToken(SecurityGroupAssociation);
const NETWORK_INTERFACE = typeToken(NetworkInterface);
const VPC_ENDPOINT = typeToken(VpcEndpoint);

/** One network interface of an ENI-bearing resource, and the distinct groups on it. */
export interface NetworkInterfaceNode {
    readonly resource: StackResource;
    readonly shape: EniShape;
    /** "vpcSecurityGroupIds", "networkInterfaces[1].securityGroups", ...: the paths below, joined by " + ". */
    readonly path: string;
    /** Each property path the groups are read from, in the order the resource's shape gives them. */
    readonly paths: readonly string[];
    /** The groups identified: the stack's (a DefaultSecurityGroup included) and outside ones by ID. */
    readonly groups: Ref[];
    /** VPC default groups on the interface that the stack does not declare: counted, named through their VPC. */
    readonly vpcDefaults: VpcDefaultGroup[];
    /** Set when the interface declares no group, so AWS gives it its VPC's default group (in groups or vpcDefaults). */
    implicitDefault?: VpcDefaultGroup;
    /**
     * Groups the resource puts on one of its interfaces without saying which (unknown IDs on a
     * resource with several interfaces): attached, but not counted against this interface.
     */
    readonly possibleGroups: Ref[];
    /** Parts of the set that cannot be resolved yet: the set may hold more groups than listed. Set whenever unresolved, unbounded or possibleGroups is. */
    readonly undetermined: Undetermined[];
    /** How many more distinct groups the unresolved parts may add. */
    unresolved: number;
    /** Set when a whole list of groups is not known yet: it may add any number. */
    readonly unbounded: boolean;
    /** True when the interface has at least one group, whatever the unknown parts turn out to be. */
    hasGroups: boolean;
}

/**
 * A NetworkInterfaceSecurityGroupAttachment (or a SecurityGroupAssociation, to a VPC endpoint): the
 * group it attaches, and the interface it attaches it to.
 */
export interface Attachment {
    readonly resource: StackResource;
    readonly group: Ref | undefined;
    /** The interface: undefined when it is outside the stack or cannot be told yet (then `undetermined` says why). */
    readonly target?: NetworkInterfaceNode;
    readonly undetermined?: Undetermined;
}

type At = (path: readonly string[]) => Field;

/** The interfaces a resource declares: one per path set without "*", and one per element of each "*" list. */
export function declaredInterfaces(r: StackResource, shape: EniShape, groups: Targets, network: Network): NetworkInterfaceNode[] {
    const at: At = (path) => fieldAt(r, path);
    if (shape.requires !== undefined && at(shape.requires).state === "absent") {
        return []; // Not in a VPC at all (an OpenSearch domain without vpcOptions).
    }
    const out: NetworkInterfaceNode[] = [];
    shape.interfaces.forEach((paths) => {
        // Property dependencies are recorded per top-level input.
        const depKeys = [...new Set(paths.map((p) => p.keys[0]))];
        const forms = paths.map((p) => p.form);
        if (!paths[0].keys.includes("*")) {
            const fields = paths.map((p) => at(p.keys));
            if (fields.some((f) => f.state !== "absent")) {
                out.push(node(r, shape, fields, forms, depKeys, true, groups));
            } else if (defaultApplies(r, shape, at)) {
                const declared = paths.map((p) => p.keys.join("."));
                out.push(implicitDefaultNode(r, shape, declared, network.vpcOf(r, shape.defaultGroupIn as VpcLocator), groups, network));
            }
            return;
        }
        const { leaves, lists } = expand(r.root, paths[0].keys);
        for (const list of lists) {
            out.push({ resource: r, shape, path: list.path, paths: [list.path], groups: [], vpcDefaults: [], possibleGroups: [], undetermined: [list], unresolved: 0, unbounded: true, hasGroups: false });
        }
        // With several interfaces, dependencies cannot say which interface a group is on.
        for (const leaf of leaves) {
            out.push(node(r, shape, [leaf], forms, depKeys, leaves.length === 1 && lists.length === 0, groups));
        }
    });
    return out;
}

/** True when AWS gives the resource its VPC's default group for declaring none. */
function defaultApplies(r: StackResource, shape: EniShape, at: At): boolean {
    const when = shape.defaultWhen;
    return shape.defaultGroupIn !== undefined && shape.elsewhere?.some((k) => at([k]).state !== "absent") !== true &&
        (when === undefined || str(at([when.key])) === when.value);
}

/** The fields at a path whose "*" steps into every element of a list; lists that cannot be read are undetermined. */
function expand(props: Field, keys: readonly string[]): { leaves: Field[]; lists: Undetermined[] } {
    let fields = [props];
    const lists: Undetermined[] = [];
    for (const key of keys) {
        fields = fields.flatMap((f) => {
            if (key !== "*") {
                return [child(f, key)];
            }
            const items = elements(f);
            if (isUndetermined(items)) {
                lists.push(items);
                return [];
            }
            return items;
        });
    }
    return { leaves: fields, lists };
}

function node(r: StackResource, shape: EniShape, fields: Field[], forms: IdForm[], depKeys: string[], attributable: boolean, groups: Targets): NetworkInterfaceNode {
    const paths = fields.filter((f) => f.state !== "absent").map((f) => f.path);
    const link = linkList(r, fields, depKeys, groups, attributable, forms);
    const vpcDefaults = link.standIns.map((s): VpcDefaultGroup => ({ vpc: { kind: "stack", urn: s.urn }, ...(s.id !== undefined ? { id: s.id } : {}) }));
    return {
        resource: r, shape, path: paths.join(" + "), paths, groups: link.refs, vpcDefaults, possibleGroups: link.possible, undetermined: link.undetermined,
        unresolved: link.unresolved, unbounded: link.unbounded, hasGroups: link.hasItems,
    };
}

function implicitDefaultNode(r: StackResource, shape: EniShape, paths: string[], vpc: VpcRef, groups: Targets, network: Network): NetworkInterfaceNode {
    const d = network.defaultGroupOf(vpc, groups);
    return {
        resource: r, shape, path: paths.join(" + "), paths, groups: d.group ? [d.group] : [], vpcDefaults: d.group ? [] : [d], implicitDefault: d,
        possibleGroups: [], undetermined: [], unresolved: 0, unbounded: false, hasGroups: true,
    };
}

/**
 * What an attachment may name: network interfaces by ID and instances by their primary interface's
 * ID (a NetworkInterfaceSecurityGroupAttachment), or VPC endpoints by ID (a SecurityGroupAssociation).
 */
function attachmentTargets(resources: readonly StackResource[], hasInterface: (urn: string) => boolean): { enis: Targets; endpoints: Targets } {
    const enis = new Targets();
    const endpoints = new Targets();
    const order = [...resources.filter((r) => r.type === NETWORK_INTERFACE), ...resources.filter((r) => r.type !== NETWORK_INTERFACE)];
    for (const r of order.filter((x) => hasInterface(x.urn))) {
        if (r.type === VPC_ENDPOINT) {
            endpoints.add(r, ["id"]);
        } else {
            enis.add(r, r.type === NETWORK_INTERFACE ? ["id"] : ["primaryNetworkInterfaceId"]);
        }
    }
    return { enis, endpoints };
}

/** Every attachment of the stack, each applied to the interface it names. */
export function attachAll(resources: readonly StackResource[], groups: Targets, interfacesOf: (urn: string) => NetworkInterfaceNode[]): Attachment[] {
    const { enis, endpoints } = attachmentTargets(resources, (urn) => interfacesOf(urn).length > 0);
    return resources.flatMap((r) => {
        if (r.type === ATTACHMENT) {
            return [attach(r, groups, enis, interfacesOf, "networkInterfaceId", false)];
        }
        return r.type === ASSOCIATION ? [attach(r, groups, endpoints, interfacesOf, "vpcEndpointId", bool(child(r.root, "replaceDefaultAssociation")) === true)] : [];
    });
}

/**
 * Applies an attachment: its group joins the primary (first) interface of the resource that `key`
 * names. One that replaces the default association takes the place of the VPC default group the
 * interface got for declaring none.
 */
function attach(r: StackResource, groups: Targets, targets: Targets, interfacesOf: (urn: string) => NetworkInterfaceNode[], key: string,
    replacesDefault: boolean): Attachment {
    // Both inputs are required: one that is not there is one not known yet.
    const group = linkRequired(r, "securityGroupId", groups);
    const to = linkRequired(r, key, targets);
    const target = to.ref?.kind === "stack" ? interfacesOf(to.ref.urn)[0] : undefined;
    if (target && replacesDefault) {
        dropImplicitDefault(target);
    }
    if (target) {
        addGroup(target, group);
    }
    // The targets have no stand-ins, so the link is either a resource or undetermined, never both.
    return { resource: r, group: group.ref, ...(target ? { target } : {}), ...(to.undetermined ? { undetermined: to.undetermined } : {}) };
}

/** The implicit default is the first group (or VPC default) of its interface: attachments only add after it. */
function dropImplicitDefault(target: NetworkInterfaceNode): void {
    const d = target.implicitDefault;
    if (d?.group) {
        target.groups.shift();
    } else if (d) {
        target.vpcDefaults.shift();
    }
    target.implicitDefault = undefined;
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
