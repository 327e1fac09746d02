/**
 * Where each ENI-bearing resource names its security groups, and what the resource is (compute, load
 * balancer, database). A path lists the property keys down to the list of group IDs; `*` steps into
 * every element of a list (one network interface each). For the resources to which AWS gives their
 * VPC's default security group when they declare none, where the resource says which VPC it is in.
 */
import { LoadBalancer as AlbLoadBalancer } from "@pulumi/aws/alb/loadBalancer";
import { Project as CodebuildProject } from "@pulumi/aws/codebuild/project";
import { Cluster as DocdbCluster } from "@pulumi/aws/docdb/cluster";
import { Instance as Ec2Instance } from "@pulumi/aws/ec2/instance";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import { NetworkInterface } from "@pulumi/aws/ec2/networkInterface";
import { SpotInstanceRequest } from "@pulumi/aws/ec2/spotInstanceRequest";
import { VpcEndpoint } from "@pulumi/aws/ec2/vpcEndpoint";
import { Service as EcsService } from "@pulumi/aws/ecs/service";
import { MountTarget } from "@pulumi/aws/efs/mountTarget";
import { Cluster as EksCluster } from "@pulumi/aws/eks/cluster";
import { Cluster as ElasticacheCluster } from "@pulumi/aws/elasticache/cluster";
import { ReplicationGroup } from "@pulumi/aws/elasticache/replicationGroup";
import { LoadBalancer as ElbLoadBalancer } from "@pulumi/aws/elb/loadBalancer";
import { Function as LambdaFunction } from "@pulumi/aws/lambda/function";
import { LoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { Cluster as MemorydbCluster } from "@pulumi/aws/memorydb/cluster";
import { Broker } from "@pulumi/aws/mq/broker";
import { Cluster as MskCluster } from "@pulumi/aws/msk/cluster";
import { Cluster as NeptuneCluster } from "@pulumi/aws/neptune/cluster";
import { Domain as OpensearchDomain } from "@pulumi/aws/opensearch/domain";
import { Cluster as RdsCluster } from "@pulumi/aws/rds/cluster";
import { Instance as RdsInstance } from "@pulumi/aws/rds/instance";
import { Cluster as RedshiftCluster } from "@pulumi/aws/redshift/cluster";
import { ClusterInstance as NeptuneClusterInstance } from "@pulumi/aws/neptune/clusterInstance";
import { ClusterInstance as RdsClusterInstance } from "@pulumi/aws/rds/clusterInstance";
import { SubnetGroup as DocdbSubnetGroup } from "@pulumi/aws/docdb/subnetGroup";
import { SubnetGroup as ElasticacheSubnetGroup } from "@pulumi/aws/elasticache/subnetGroup";
import { SubnetGroup as MemorydbSubnetGroup } from "@pulumi/aws/memorydb/subnetGroup";
import { SubnetGroup as NeptuneSubnetGroup } from "@pulumi/aws/neptune/subnetGroup";
import { SubnetGroup as RdsSubnetGroup } from "@pulumi/aws/rds/subnetGroup";
import { SubnetGroup as RedshiftSubnetGroup } from "@pulumi/aws/redshift/subnetGroup";
import { typeToken } from "../model/types";
import type { VpcLocator } from "./vpcs";

export type Role = "compute" | "load-balancer" | "database" | "endpoint" | "other";

export interface EniShape {
    readonly type: string;
    readonly role: Role;
    /**
     * The network interfaces the resource puts security groups on: for each, the paths of the lists
     * of group IDs (or names) that together make its set. A "*" in a path makes one interface per
     * element of that list.
     */
    readonly interfaces: readonly (readonly (readonly string[])[])[];
    /** Resources that AWS can expose with a public address through this flag. */
    readonly publicFlag?: string;
    /** Set when AWS gives the interface its VPC's default security group if the resource declares none: where its VPC is. */
    readonly defaultGroupIn?: VpcLocator;
    /** A top-level input without which the resource has no network interface in a VPC (OpenSearch's vpcOptions). */
    readonly requires?: string;
    /** Inputs that, when set, put the resource's interface elsewhere (an instance on a NetworkInterface resource). */
    readonly elsewhere?: readonly string[];
}

interface Extra {
    readonly publicFlag?: string;
    readonly defaultGroupIn?: VpcLocator;
    readonly requires?: string;
    readonly elsewhere?: readonly string[];
}

function shape(cls: object, role: Role, interfaces: string[][][], extra: Extra = {}): EniShape {
    return { type: typeToken(cls), role, interfaces, ...extra };
}

const one = (...keys: string[]) => [keys];
const subnet = (...subnetPath: string[]): Extra => ({ defaultGroupIn: { subnet: subnetPath } });
const subnetGroup = (key: string, cls: object): Extra => ({ defaultGroupIn: { subnetGroup: { key, type: typeToken(cls) } } });
const INSTANCE_ENIS = ["networkInterfaces", "primaryNetworkInterface"];

export const ENI_SHAPES: readonly EniShape[] = [
    shape(Ec2Instance, "compute", [[["vpcSecurityGroupIds"], ["securityGroups"]]], { ...subnet("subnetId"), elsewhere: INSTANCE_ENIS }),
    shape(SpotInstanceRequest, "compute", [[["vpcSecurityGroupIds"], ["securityGroups"]]], { ...subnet("subnetId"), elsewhere: ["networkInterfaces"] }),
    shape(LaunchTemplate, "compute", [[["vpcSecurityGroupIds"], ["securityGroupNames"]], one("networkInterfaces", "*", "securityGroups")]),
    shape(NetworkInterface, "other", [one("securityGroups")], subnet("subnetId")),
    shape(EcsService, "compute", [one("networkConfiguration", "securityGroups")],
        { defaultGroupIn: { subnets: ["networkConfiguration", "subnets"] }, requires: "networkConfiguration" }),
    shape(LambdaFunction, "compute", [one("vpcConfig", "securityGroupIds")]),
    shape(CodebuildProject, "compute", [one("vpcConfig", "securityGroupIds")]),
    shape(EksCluster, "compute", [one("vpcConfig", "securityGroupIds")]),
    shape(LoadBalancer, "load-balancer", [one("securityGroups")]),
    shape(AlbLoadBalancer, "load-balancer", [one("securityGroups")]),
    shape(ElbLoadBalancer, "load-balancer", [one("securityGroups")]),
    shape(RdsInstance, "database", [one("vpcSecurityGroupIds")], { ...subnetGroup("dbSubnetGroupName", RdsSubnetGroup), publicFlag: "publiclyAccessible" }),
    shape(RdsCluster, "database", [one("vpcSecurityGroupIds")], subnetGroup("dbSubnetGroupName", RdsSubnetGroup)),
    shape(ElasticacheCluster, "database", [one("securityGroupIds")],
        { ...subnetGroup("subnetGroupName", ElasticacheSubnetGroup), elsewhere: ["replicationGroupId"] }),
    shape(ReplicationGroup, "database", [[["securityGroupIds"], ["securityGroupNames"]]], subnetGroup("subnetGroupName", ElasticacheSubnetGroup)),
    shape(RedshiftCluster, "database", [one("vpcSecurityGroupIds")],
        { ...subnetGroup("clusterSubnetGroupName", RedshiftSubnetGroup), publicFlag: "publiclyAccessible" }),
    shape(DocdbCluster, "database", [one("vpcSecurityGroupIds")], subnetGroup("dbSubnetGroupName", DocdbSubnetGroup)),
    shape(NeptuneCluster, "database", [one("vpcSecurityGroupIds")], subnetGroup("neptuneSubnetGroupName", NeptuneSubnetGroup)),
    shape(MemorydbCluster, "database", [one("securityGroupIds")], subnetGroup("subnetGroupName", MemorydbSubnetGroup)),
    shape(OpensearchDomain, "database", [one("vpcOptions", "securityGroupIds")],
        { defaultGroupIn: { subnets: ["vpcOptions", "subnetIds"] }, requires: "vpcOptions" }),
    shape(VpcEndpoint, "endpoint", [one("securityGroupIds")]),
    shape(MountTarget, "other", [one("securityGroups")], subnet("subnetId")),
    shape(Broker, "other", [one("securityGroups")]),
    shape(MskCluster, "other", [one("brokerNodeGroupInfo", "securityGroups")]),
];

/**
 * Database instances that take their security groups from their cluster but have a public-access
 * flag of their own (an Aurora or Neptune instance is made public here, not on the cluster).
 */
export const DATABASE_INSTANCES: readonly { readonly type: string; readonly publicFlag: string }[] = [
    { type: typeToken(RdsClusterInstance), publicFlag: "publiclyAccessible" },
    { type: typeToken(NeptuneClusterInstance), publicFlag: "publiclyAccessible" },
];
