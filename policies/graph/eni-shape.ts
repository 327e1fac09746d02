/**
 * The shape of an ENI-bearing resource: where it names the security groups of each network
 * interface it puts in a VPC, what the resource is (compute, load balancer, database, endpoint,
 * other), its public-address flag, and where AWS takes the VPC default group from when it declares
 * none. The tables are in eni-compute.ts, eni-data.ts and eni-network.ts.
 */
import { typeToken } from "../model/types";
import type { IdForm } from "./links";
import type { VpcLocator } from "./vpcs";

export type Role = "compute" | "load-balancer" | "database" | "endpoint" | "other";

/** The property keys down to one property that names groups, and how it holds them (a list, one ID, comma-separated IDs). */
export interface GroupPath {
    readonly keys: readonly string[];
    readonly form: IdForm;
}

export interface EniShape {
    readonly type: string;
    readonly role: Role;
    /**
     * The network interfaces the resource puts security groups on: for each, the paths of the
     * properties that together make its set. A "*" in a path makes one interface per element of
     * that list (such a set has one path).
     */
    readonly interfaces: readonly (readonly GroupPath[])[];
    /** The path of the flag through which AWS gives the resource a public address. */
    readonly publicFlag?: readonly string[];
    /** Set when AWS gives the interface its VPC's default security group if the resource declares none: where its VPC is. */
    readonly defaultGroupIn?: VpcLocator;
    /** The default group applies only when this input has this value (a VPC endpoint of type Interface). */
    readonly defaultWhen?: { readonly key: string; readonly value: string };
    /** An input without which the resource has no network interface in a VPC (OpenSearch's vpcOptions). */
    readonly requires?: readonly string[];
    /** Inputs that, when set, put the resource's interface elsewhere (an instance on a NetworkInterface resource). */
    readonly elsewhere?: readonly string[];
}

type Extra = Omit<EniShape, "type" | "role" | "interfaces">;

export function shape(cls: object, role: Role, interfaces: GroupPath[][], extra: Extra = {}): EniShape {
    return { type: typeToken(cls), role, interfaces, ...extra };
}

/** A list of group IDs (or names) at a dotted path: "vpcConfig.securityGroupIds". */
export const ids = (path: string): GroupPath => ({ keys: path.split("."), form: "list" });
/** One group ID at a dotted path. */
export const oneId = (path: string): GroupPath => ({ keys: path.split("."), form: "one" });
/** A string of comma-separated group IDs at a dotted path. */
export const csvIds = (path: string): GroupPath => ({ keys: path.split("."), form: "csv" });
/** One interface per path: each list of IDs is the set of an interface of its own. */
export const each = (...paths: string[]): GroupPath[][] => paths.map((p) => [ids(p)]);

/** The VPC default group, from the resource's subnet, subnets or subnet group (dotted paths). */
export const inSubnet = (path: string): Extra => ({ defaultGroupIn: { subnet: path.split(".") } });
export const inSubnets = (path: string, requires?: string): Extra =>
    ({ defaultGroupIn: { subnets: path.split(".") }, ...(requires !== undefined ? { requires: requires.split(".") } : {}) });
export const inSubnetGroup = (key: string, cls: object): Extra => ({ defaultGroupIn: { subnetGroup: { key, type: typeToken(cls) } } });
export const flag = (path: string): Extra => ({ publicFlag: path.split(".") });

/** The private endpoints (a managed VPC resource each) of a configuration at `prefix`: its own, and each override's. */
export const privateEndpoints = (prefix: string): GroupPath[][] => each(`${prefix}.privateEndpoint.managedVpcResource.securityGroupIds`,
    `${prefix}.privateEndpointOverrides.*.privateEndpoint.managedVpcResource.securityGroupIds`);
