/**
 * Every ENI-bearing resource type the stack model reads, by type: where it names the security
 * groups of each of its network interfaces, and what it is (see eni-shape.ts). One type, one shape.
 */
import { ClusterInstance as NeptuneClusterInstance } from "@pulumi/aws/neptune/clusterInstance";
import { ClusterInstance as RdsClusterInstance } from "@pulumi/aws/rds/clusterInstance";
import { typeToken } from "../model/types";
import { COMPUTE_SHAPES } from "./eni-compute";
import { DATA_SHAPES } from "./eni-data";
import { NETWORK_SHAPES } from "./eni-network";
import type { EniShape } from "./eni-shape";

export type { GroupPath, Role } from "./eni-shape";

export const ENI_SHAPES: readonly EniShape[] = [...COMPUTE_SHAPES, ...DATA_SHAPES, ...NETWORK_SHAPES];

const BY_TYPE = new Map(ENI_SHAPES.map((s) => [s.type, s]));

/** The shape of a resource type, if it puts security groups on network interfaces. */
export function eniShapeOf(type: string): EniShape | undefined {
    return BY_TYPE.get(type);
}

/**
 * Database instances that take their security groups from their cluster but have a public-access
 * flag of their own (an Aurora or Neptune instance is made public here, not on the cluster).
 */
export const DATABASE_INSTANCES: readonly { readonly type: string; readonly publicFlag: readonly string[] }[] = [
    { type: typeToken(RdsClusterInstance), publicFlag: ["publiclyAccessible"] },
    { type: typeToken(NeptuneClusterInstance), publicFlag: ["publiclyAccessible"] },
];
