/**
 * Which VPC a resource is in, and each VPC's default security group. A resource that declares no
 * security group gets its VPC's default group from AWS; the VPC comes from its subnet (or its
 * subnet group's subnets), and no subnet at all means the account's default VPC. A default group is
 * the stack's DefaultSecurityGroup for that VPC, or else the group the VPC's known
 * defaultSecurityGroupId names; else it exists in AWS only.
 */
import { SubnetGroup as DocdbSubnetGroup } from "@pulumi/aws/docdb/subnetGroup";
import { DefaultSubnet } from "@pulumi/aws/ec2/defaultSubnet";
import { FlowLog } from "@pulumi/aws/ec2/flowLog";
import { DefaultVpc } from "@pulumi/aws/ec2/defaultVpc";
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { SubnetGroup as ElasticacheSubnetGroup } from "@pulumi/aws/elasticache/subnetGroup";
import { SubnetGroup as MemorydbSubnetGroup } from "@pulumi/aws/memorydb/subnetGroup";
import { SubnetGroup as NeptuneSubnetGroup } from "@pulumi/aws/neptune/subnetGroup";
import { SubnetGroup as RdsSubnetGroup } from "@pulumi/aws/rds/subnetGroup";
import { SubnetGroup as RedshiftSubnetGroup } from "@pulumi/aws/redshift/subnetGroup";
import { TYPE, typeToken } from "../model/types";
import { Field, Undetermined, child, unknownAt } from "../model/values";
import { Link, Ref, Targets, linkList, linkOne } from "./links";
import { StackResource, fieldAt } from "./resource";

const SUBNET_TYPES: readonly string[] = [typeToken(Subnet), typeToken(DefaultSubnet)];
const DEFAULT_SUBNET = typeToken(DefaultSubnet);
const DEFAULT_VPC = typeToken(DefaultVpc);
const FLOW_LOG = typeToken(FlowLog);
const VPC_TYPES = new Set<string>([TYPE.vpc, DEFAULT_VPC]);
const SUBNET_GROUP_TYPES: readonly string[] = [RdsSubnetGroup, ElasticacheSubnetGroup, RedshiftSubnetGroup, DocdbSubnetGroup,
    NeptuneSubnetGroup, MemorydbSubnetGroup].map(typeToken);

/**
 * A VPC: one of the stack's, one from outside it (by ID, or only through the subnet or subnet
 * group that names it), the account's default VPC, or not known yet.
 */
export type VpcRef =
    | { readonly kind: "stack"; readonly urn: string }
    | { readonly kind: "external"; readonly id?: string; readonly via?: string }
    | { readonly kind: "account-default" }
    | { readonly kind: "undetermined"; readonly why: Undetermined };

/** A VPC's default security group: the stack's group when it declares it, else the VPC (and the group's ID when known). */
export interface VpcDefaultGroup {
    readonly group?: Ref & { readonly kind: "stack" };
    readonly vpc: VpcRef;
    readonly id?: string;
}

/** How a resource says where it is: its VPC, a subnet, a list of subnets, or a subnet group (by name). */
export interface VpcLocator {
    readonly vpc?: readonly string[];
    readonly subnet?: readonly string[];
    readonly subnets?: readonly string[];
    readonly subnetGroup?: { readonly key: string; readonly type: string };
}

export class Network {
    readonly vpcs = new Targets();
    readonly subnets = new Targets();
    private createdByUrn?: Map<string, StackResource>;
    private readonly subnetGroups = new Map<string, Targets>();
    private readonly byUrn: ReadonlyMap<string, StackResource>;
    /** The stack's DefaultSecurityGroup of each VPC (by vpcKey of its vpcId; none: the default VPC); the first in stack order wins. */
    private readonly defaultGroupByVpc = new Map<string, string>();

    constructor(resources: readonly StackResource[], byUrn: ReadonlyMap<string, StackResource>) {
        this.byUrn = byUrn;
        for (const r of resources) {
            if (VPC_TYPES.has(r.type)) {
                this.vpcs.add(r, ["id"]);
            } else if (SUBNET_TYPES.includes(r.type)) {
                this.subnets.add(r, ["id"]);
            } else if (SUBNET_GROUP_TYPES.includes(r.type)) {
                const targets = this.subnetGroups.get(r.type) ?? new Targets();
                this.subnetGroups.set(r.type, targets.add(r, ["id", "name"]));
            }
        }
        for (const r of resources) {
            if (r.type === TYPE.defaultSecurityGroup) {
                const key = vpcKey(this.vpcRef(linkOne(r, "vpcId", this.vpcs), () => ({ kind: "account-default" })));
                if (key !== undefined && !this.defaultGroupByVpc.has(key)) {
                    this.defaultGroupByVpc.set(key, r.urn);
                }
            }
        }
    }

    /** The VPC a link to a VPC leads to; `absent` says what no link means. */
    private vpcRef(link: Link | undefined, absent: () => VpcRef): VpcRef {
        if (!link) {
            return this.accountDefault(absent());
        }
        if (link.ref) {
            return link.ref.kind === "stack" ? link.ref : { kind: "external", id: link.ref.id };
        }
        return { kind: "undetermined", why: link.undetermined as Undetermined };
    }

    /** The account's default VPC is the stack's DefaultVpc when it declares one. */
    private accountDefault(v: VpcRef): VpcRef {
        if (v.kind !== "account-default") {
            return v;
        }
        const declared = [...this.vpcs.urns].filter((u) => this.byUrn.get(u)?.type === DEFAULT_VPC);
        return declared.length === 1 ? { kind: "stack", urn: declared[0] } : v;
    }

    /** The VPC of a subnet of the stack (a default subnet is in the account's default VPC). */
    private vpcOfSubnet(urn: string): VpcRef {
        const subnet = this.byUrn.get(urn) as StackResource;
        if (subnet.type === DEFAULT_SUBNET) {
            return this.accountDefault({ kind: "account-default" });
        }
        // vpcId is required: a subnet without it has one not known yet.
        return foundThrough(this.vpcRef(linkOne(subnet, "vpcId", this.vpcs), () => ({ kind: "undetermined", why: unknownAt("vpcId") })), `subnet '${subnet.name}'`);
    }

    private vpcOfSubnetLink(link: Link | undefined, absent: () => VpcRef): VpcRef {
        if (!link) {
            return this.accountDefault(absent());
        }
        if (link.ref?.kind === "stack") {
            return this.vpcOfSubnet(link.ref.urn);
        }
        if (link.ref) {
            return { kind: "external", via: `subnet ${link.ref.id}` };
        }
        return { kind: "undetermined", why: link.undetermined as Undetermined };
    }

    /** The VPC of a subnet group of the stack: its subnets', else its own vpcId output. */
    private vpcOfSubnetGroup(r: StackResource): VpcRef {
        const list = linkList(r, [child(r.root, "subnetIds")], ["subnetIds"], this.subnets, true);
        const first = list.refs[0];
        if (first?.kind === "stack") {
            return this.vpcOfSubnet(first.urn);
        }
        const own = linkOne(r, "vpcId", this.vpcs);
        if (own?.ref) {
            return this.vpcRef(own, () => ({ kind: "account-default" }));
        }
        if (first) {
            return { kind: "external", via: `subnet ${first.id}` };
        }
        return foundThrough({ kind: "undetermined", why: list.undetermined[0] ?? unknownAt("subnetIds") }, `subnet group '${r.name}'`);
    }

    /** The VPC a resource is in, as its locator says. */
    vpcOf(r: StackResource, locator: VpcLocator): VpcRef {
        const at = (path: readonly string[]): Field => fieldAt(r, path);
        const accountDefault = (): VpcRef => ({ kind: "account-default" });
        if (locator.vpc) {
            return this.vpcRef(linkOne(r, locator.vpc[0], this.vpcs, at(locator.vpc)), accountDefault);
        }
        if (locator.subnet) {
            return this.vpcOfSubnetLink(linkOne(r, locator.subnet[0], this.subnets, at(locator.subnet)), accountDefault);
        }
        if (locator.subnets) {
            const list = linkList(r, [at(locator.subnets)], [locator.subnets[0]], this.subnets, true);
            const first = list.refs[0];
            if (first) {
                return this.vpcOfSubnetLink({ ref: first }, accountDefault);
            }
            return list.unresolved > 0 || list.unbounded ? { kind: "undetermined", why: list.undetermined[0] } : this.accountDefault(accountDefault());
        }
        if (locator.subnetGroup) {
            const { key, type } = locator.subnetGroup;
            const link = linkOne(r, key, this.subnetGroups.get(type) ?? new Targets());
            if (link?.ref?.kind === "stack") {
                return this.vpcOfSubnetGroup(this.byUrn.get(link.ref.urn) as StackResource);
            }
            if (link?.ref) {
                return { kind: "external", via: `subnet group '${link.ref.id}'` };
            }
            return link ? { kind: "undetermined", why: link.undetermined as Undetermined } : this.accountDefault(accountDefault());
        }
        return this.accountDefault(accountDefault());
    }

    /** The VPCs the stack creates (aws.ec2.Vpc, not the account's default VPC it may adopt), in stack order. */
    createdVpcs(): StackResource[] {
        return [...this.created.values()];
    }

    /** Whether the stack creates this VPC (an aws.ec2.Vpc of the stack). */
    createsVpc(urn: string): boolean {
        return this.created.has(urn);
    }

    /** The created VPCs by URN, in stack order, found on first use (the list of VPCs is complete once built). */
    private get created(): Map<string, StackResource> {
        this.createdByUrn ??= new Map([...this.vpcs.urns].map((u) => this.byUrn.get(u) as StackResource).filter((r) => r.type === TYPE.vpc).map((r) => [r.urn, r]));
        return this.createdByUrn;
    }

    /** The VPCs of the stack that an aws.ec2.FlowLog of the stack logs (its vpcId), and the vpcIds not known yet. */
    flowLogged(resources: readonly StackResource[]): { logged: Set<string>; undetermined: Undetermined[] } {
        const logged = new Set<string>();
        const undetermined: Undetermined[] = [];
        for (const r of resources.filter((x) => x.type === FLOW_LOG)) {
            const link = linkOne(r, "vpcId", this.vpcs);
            if (link?.ref?.kind === "stack") {
                logged.add(link.ref.urn);
            } else if (link?.undetermined) {
                undetermined.push({ ...link.undetermined, reason: `${link.undetermined.reason} (flow log '${r.name}')` });
            }
        }
        return { logged, undetermined };
    }

    /** The stack's DefaultSecurityGroup of a VPC, if it declares one. */
    declaredDefaultGroup(vpc: VpcRef): string | undefined {
        const key = vpcKey(vpc);
        return key === undefined ? undefined : this.defaultGroupByVpc.get(key);
    }

    /** The default security group of a VPC. `groups` resolves a known group ID to the stack's group. */
    defaultGroupOf(vpc: VpcRef, groups: Targets): VpcDefaultGroup {
        const declared = this.declaredDefaultGroup(vpc);
        if (declared !== undefined) {
            return { group: { kind: "stack", urn: declared }, vpc };
        }
        if (vpc.kind === "stack") {
            const link = linkOne(this.byUrn.get(vpc.urn) as StackResource, "defaultSecurityGroupId", groups);
            if (link?.ref?.kind === "stack") {
                return { group: link.ref, vpc };
            }
            return link?.ref ? { vpc, id: link.ref.id } : { vpc };
        }
        return { vpc };
    }
}

/** An undetermined VPC found through another resource: the reason names that resource. */
function foundThrough(v: VpcRef, what: string): VpcRef {
    if (v.kind !== "undetermined") {
        return v;
    }
    const reason = v.why.undetermined === "unknown" ? `the ${v.why.path} of ${what} is not known until it is created` : `${v.why.reason} (${what})`;
    return { kind: "undetermined", why: { ...v.why, reason } };
}

/** A key that is the same for the same VPC (undefined when the VPC is not known). */
function vpcKey(v: VpcRef): string | undefined {
    switch (v.kind) {
        case "stack":
            return v.urn;
        case "external":
            return v.id === undefined ? undefined : `external:${v.id}`;
        case "account-default":
            return "account-default";
        default:
            return undefined;
    }
}

/** "aws.ec2.Vpc 'main'", "VPC vpc-123", "the VPC of subnet subnet-1", "the account's default VPC", "its VPC". */
export function vpcText(v: VpcRef, label: (r: StackResource) => string, byUrn: ReadonlyMap<string, StackResource>): string {
    switch (v.kind) {
        case "stack": {
            const r = byUrn.get(v.urn);
            return r ? label(r) : v.urn;
        }
        case "external":
            return v.id !== undefined ? `VPC ${v.id}` : `the VPC of ${v.via ?? "a resource outside the stack"}`;
        case "account-default":
            return "the account's default VPC";
        default:
            return "its VPC";
    }
}
