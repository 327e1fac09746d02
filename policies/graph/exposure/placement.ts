/**
 * Which subnets a resource's network interfaces are in: its subnet, its list of subnets, its subnet
 * group's subnets, or, for a launch template or configuration, the subnets of the Auto Scaling
 * groups that launch it (or a subnet of its own). Only the resources the exposure model asks
 * about have a placement; a resource in no subnet of the stack's is in the account's default VPC.
 */
import { Group as AutoscalingGroup } from "@pulumi/aws/autoscaling/group";
import { ReplicationInstance } from "@pulumi/aws/dms/replicationInstance";
import { ReplicationSubnetGroup } from "@pulumi/aws/dms/replicationSubnetGroup";
import { Instance as Ec2Instance } from "@pulumi/aws/ec2/instance";
import { LaunchConfiguration } from "@pulumi/aws/ec2/launchConfiguration";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import { NetworkInterface } from "@pulumi/aws/ec2/networkInterface";
import { SpotInstanceRequest } from "@pulumi/aws/ec2/spotInstanceRequest";
import { Service as EcsService } from "@pulumi/aws/ecs/service";
import { TaskSet } from "@pulumi/aws/ecs/taskSet";
import { LoadBalancer as ElbLoadBalancer } from "@pulumi/aws/elb/loadBalancer";
import { LoadBalancer as AlbLoadBalancer } from "@pulumi/aws/alb/loadBalancer";
import { LoadBalancer as LbLoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { ClusterInstance as NeptuneClusterInstance } from "@pulumi/aws/neptune/clusterInstance";
import { SubnetGroup as NeptuneSubnetGroup } from "@pulumi/aws/neptune/subnetGroup";
import { Cluster as RdsCluster } from "@pulumi/aws/rds/cluster";
import { ClusterInstance as RdsClusterInstance } from "@pulumi/aws/rds/clusterInstance";
import { Instance as RdsInstance } from "@pulumi/aws/rds/instance";
import { SubnetGroup as RdsSubnetGroup } from "@pulumi/aws/rds/subnetGroup";
import { Cluster as RedshiftCluster } from "@pulumi/aws/redshift/cluster";
import { SubnetGroup as RedshiftSubnetGroup } from "@pulumi/aws/redshift/subnetGroup";
import { Workgroup } from "@pulumi/aws/redshiftserverless/workgroup";
import { DbCluster } from "@pulumi/aws/timestreaminfluxdb/dbCluster";
import { DbInstance } from "@pulumi/aws/timestreaminfluxdb/dbInstance";
import { typeToken } from "../../model/types";
import { Field, Undetermined, child, elements, isUndetermined } from "../../model/values";
import { eniShapeOf } from "../eni-types";
import { Ref, Targets, linkList, linkOne } from "../links";
import type { StackResource } from "../resource";
import { Network } from "../vpcs";
import { Doubt } from "./path";
import { outside } from "./routes";

/** The field at a dotted path under a field; a number steps into a list: "networkInterfaces.0.subnetId". */
export function fieldOf(from: Field, dotted: string): Field {
    return dotted.split(".").reduce((f: Field, k) => child(f, /^\d+$/.test(k) ? Number(k) : k), from);
}

const MIXED = "mixedInstancesPolicy.launchTemplate";
const SPEC_KEYS = ["launchTemplateId", "launchTemplateName"];

/**
 * The fields by which an Auto Scaling group names what it launches: its launch template (by ID or
 * name, directly or in a mixed instances policy and its overrides) or its launch configuration.
 */
export function launchFields(asg: StackResource): Field[] {
    const overrides = elements(fieldOf(asg.root, `${MIXED}.overrides`));
    const specs = [fieldOf(asg.root, `${MIXED}.launchTemplateSpecification`),
        ...(isUndetermined(overrides) ? [] : overrides.map((o) => child(o, "launchTemplateSpecification")))];
    return [fieldOf(asg.root, "launchTemplate.id"), fieldOf(asg.root, "launchTemplate.name"), child(asg.root, "launchConfiguration"),
        ...specs.flatMap((spec) => SPEC_KEYS.map((k) => child(spec, k)))].filter((f) => f.state !== "absent");
}

/** Where a resource type says it is: one subnet, a list, a subnet group (by name), its cluster's, or the groups that launch it. */
type Where =
    | { readonly subnet: string }
    | { readonly subnets: readonly string[] }
    | { readonly group: { readonly key: string; readonly type: string; readonly ids: readonly string[] } }
    | { readonly cluster: string }
    | { readonly launched: "launchTemplate" | "launchConfiguration"; readonly own?: string };

const t = typeToken;
const inGroup = (key: string, cls: object, ids = ["id", "name"]): Where => ({ group: { key, type: t(cls), ids } });

export const PLACED = new Map<string, Where>([
    [t(Ec2Instance), { subnet: "subnetId" }],
    [t(SpotInstanceRequest), { subnet: "subnetId" }],
    [t(NetworkInterface), { subnet: "subnetId" }],
    [t(LaunchTemplate), { launched: "launchTemplate", own: "networkInterfaces.0.subnetId" }],
    [t(LaunchConfiguration), { launched: "launchConfiguration" }],
    [t(EcsService), { subnets: ["networkConfiguration.subnets"] }],
    [t(TaskSet), { subnets: ["networkConfiguration.subnets"] }],
    [t(LbLoadBalancer), { subnets: ["subnets", "subnetMappings.*.subnetId"] }],
    [t(AlbLoadBalancer), { subnets: ["subnets", "subnetMappings.*.subnetId"] }],
    [t(ElbLoadBalancer), { subnets: ["subnets"] }],
    [t(RdsInstance), inGroup("dbSubnetGroupName", RdsSubnetGroup)],
    [t(RdsCluster), inGroup("dbSubnetGroupName", RdsSubnetGroup)],
    [t(RdsClusterInstance), { cluster: "clusterIdentifier" }],
    [t(NeptuneClusterInstance), inGroup("neptuneSubnetGroupName", NeptuneSubnetGroup)],
    [t(RedshiftCluster), inGroup("clusterSubnetGroupName", RedshiftSubnetGroup)],
    [t(Workgroup), { subnets: ["subnetIds"] }],
    [t(DbInstance), { subnets: ["vpcSubnetIds"] }],
    [t(DbCluster), { subnets: ["vpcSubnetIds"] }],
    [t(ReplicationInstance), inGroup("replicationSubnetGroupId", ReplicationSubnetGroup, ["id", "replicationSubnetGroupId"])],
]);

const ASG = t(AutoscalingGroup);
const SUBNET_GROUP_TYPES = [...PLACED.values()].flatMap((w) => ("group" in w ? [w.group] : []));

/** The subnets a resource is in (any of them, for one that AWS places in one of several), and what cannot be told. */
export interface Placement {
    readonly subnets: (Ref & { readonly kind: "stack" })[];
    readonly doubts: Doubt[];
}

export class Placements {
    private readonly groups = new Map<string, Targets>();
    private readonly launchers = new Targets();
    private readonly clusters = new Targets();
    private readonly asgs: StackResource[];

    constructor(resources: readonly StackResource[], private readonly byUrn: ReadonlyMap<string, StackResource>, private readonly network: Network) {
        for (const g of SUBNET_GROUP_TYPES) {
            this.groups.set(g.type, this.groups.get(g.type) ?? new Targets());
        }
        for (const r of resources) {
            const group = SUBNET_GROUP_TYPES.find((g) => g.type === r.type);
            if (group) {
                this.groups.get(r.type)?.add(r, group.ids);
            }
            if (r.type === t(LaunchTemplate) || r.type === t(LaunchConfiguration)) {
                this.launchers.add(r, ["id", "name"]);
            } else if (r.type === t(RdsCluster)) {
                this.clusters.add(r, ["id", "clusterIdentifier"]);
            }
        }
        this.asgs = resources.filter((r) => r.type === ASG);
    }

    /**
     * The placement of a resource whose type has one; undefined for other types, and for an instance
     * whose interfaces are aws.ec2.NetworkInterface resources (they carry its placement and addresses).
     */
    of(r: StackResource): Placement | undefined {
        const where = PLACED.get(r.type);
        if (!where || eniShapeOf(r.type)?.elsewhere?.some((k) => child(r.root, k).state !== "absent")) {
            return undefined;
        }
        const out: Placement = { subnets: [], doubts: [] };
        const add = (link: { refs: Ref[]; undetermined: Undetermined[] }, on: StackResource) => {
            for (const ref of link.refs) {
                if (ref.kind === "stack") {
                    if (!out.subnets.some((s) => s.urn === ref.urn)) {
                        out.subnets.push(ref);
                    }
                } else {
                    out.doubts.push({ why: outside("subnetId", `subnet ${ref.id} is not in this stack, so its routes and network ACL cannot be checked`),
                        urn: on.urn, outside: true });
                }
            }
            if (link.undetermined.length > 0) {
                out.doubts.push({ why: link.undetermined[0], urn: on.urn });
            }
        };
        if ("subnet" in where || "subnets" in where) {
            const paths = "subnet" in where ? [where.subnet] : where.subnets;
            // A list of subnet IDs, or one ID (a subnet of its own, or one per subnet mapping).
            const fields = paths.flatMap((p) => this.fields(r, p).map((field) => ({ field, form: "subnet" in where || p.includes("*") ? "one" as const : "list" as const })))
                .filter((f) => f.field.state !== "absent");
            if (fields.length === 0) {
                return "subnet" in where ? this.defaultVpc(r, out, where.subnet) : out;
            }
            add(linkList(r, fields.map((f) => f.field), [...new Set(paths.map((p) => p.split(".")[0]))], this.network.subnets, fields.length === 1,
                fields.map((f) => f.form)), r);
        } else if ("group" in where) {
            this.inGroup(r, where.group, out, add);
        } else if ("cluster" in where) {
            const link = linkOne(r, where.cluster, this.clusters);
            const own = child(r.root, "dbSubnetGroupName").state !== "absent";
            if (!own && link !== undefined && link.ref?.kind !== "stack") {
                // In its cluster's subnet group: a cluster outside the stack, or not known yet, cannot be checked.
                out.doubts.push(link.ref ? { why: outside(where.cluster, `cluster ${link.ref.id} is not in this stack, so the subnets of its instances ` +
                    "cannot be checked"), urn: r.urn, outside: true } : { why: link.undetermined as Undetermined, urn: r.urn });
                return out;
            }
            const of = link?.ref?.kind === "stack" && !own ? this.byUrn.get(link.ref.urn) : undefined;
            this.inGroup(of ?? r, { key: "dbSubnetGroupName", type: t(RdsSubnetGroup) }, out, add);
        } else {
            this.launched(r, where, out, add);
        }
        return out;
    }

    /** The fields at a dotted path whose "*" steps into each element of a list. */
    private fields(r: StackResource, path: string): Field[] {
        const [head, ...rest] = path.split(".*.");
        const base = fieldOf(r.root, head);
        if (rest.length === 0) {
            return [base];
        }
        const items = Array.isArray(base.value) ? base.value.map((_, i) => child(base, i)) : [];
        return items.map((item) => fieldOf(item, rest[0]));
    }

    private inGroup(r: StackResource, group: { key: string; type: string }, out: Placement, add: (l: ReturnType<typeof linkList>, on: StackResource) => void): void {
        const link = linkOne(r, group.key, this.groups.get(group.type) ?? new Targets());
        if (!link) {
            this.defaultVpc(r, out, group.key);
        } else if (link.ref?.kind === "stack") {
            const g = this.byUrn.get(link.ref.urn) as StackResource;
            add(linkList(g, [child(g.root, "subnetIds")], ["subnetIds"], this.network.subnets, true), g);
        } else {
            const what = link.ref?.kind === "external" ? `subnet group '${link.ref.id}' is not in this stack` : undefined;
            out.doubts.push(what
                ? { why: outside(group.key, `${what}, so the subnets it puts the resource in cannot be checked`), urn: r.urn, outside: true }
                : { why: link.undetermined as Undetermined, urn: r.urn });
        }
    }

    /** The subnets of the Auto Scaling groups that launch a launch template or configuration, or its own subnet. */
    private launched(r: StackResource, where: { launched: string; own?: string }, out: Placement, add: (l: ReturnType<typeof linkList>, on: StackResource) => void): void {
        const own = where.own ? fieldOf(r.root, where.own) : undefined;
        if (own && own.state !== "absent") {
            add(linkList(r, [own], [where.own?.split(".")[0] as string], this.network.subnets, true, ["one"]), r);
            return;
        }
        for (const asg of this.asgs) {
            const named = launchFields(asg).map((f) => linkOne(asg, f.path.split(".")[0], this.launchers, f));
            if (named.some((l) => l?.ref?.kind === "stack" && l.ref.urn === r.urn)) {
                add(linkList(asg, [child(asg.root, "vpcZoneIdentifiers")], ["vpcZoneIdentifiers"], this.network.subnets, true), asg);
            }
        }
    }

    /** A resource that names no subnet is in the account's default VPC, which is not in the stack. */
    private defaultVpc(r: StackResource, out: Placement, path: string): Placement {
        out.doubts.push({ why: outside(path, `${path} is not set, so AWS puts the resource in the account's default VPC, whose routes ` +
            "and network ACLs are not in this stack"), urn: r.urn, outside: true });
        return out;
    }
}
