/**
 * Where each ENI-bearing resource names its security groups, and what the resource is (compute, load
 * balancer, database). A path lists the property keys down to the list of group IDs; `*` steps into
 * every element of a list (one network interface each).
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
import { typeToken } from "../model/types";

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
}

function shape(cls: object, role: Role, interfaces: string[][][], publicFlag?: string): EniShape {
    return { type: typeToken(cls), role, interfaces, publicFlag };
}

const one = (...keys: string[]) => [keys];

export const ENI_SHAPES: readonly EniShape[] = [
    shape(Ec2Instance, "compute", [[["vpcSecurityGroupIds"], ["securityGroups"]]]),
    shape(SpotInstanceRequest, "compute", [[["vpcSecurityGroupIds"], ["securityGroups"]]]),
    shape(LaunchTemplate, "compute", [[["vpcSecurityGroupIds"], ["securityGroupNames"]], one("networkInterfaces", "*", "securityGroups")]),
    shape(NetworkInterface, "other", [one("securityGroups")]),
    shape(EcsService, "compute", [one("networkConfiguration", "securityGroups")]),
    shape(LambdaFunction, "compute", [one("vpcConfig", "securityGroupIds")]),
    shape(CodebuildProject, "compute", [one("vpcConfig", "securityGroupIds")]),
    shape(EksCluster, "compute", [one("vpcConfig", "securityGroupIds")]),
    shape(LoadBalancer, "load-balancer", [one("securityGroups")]),
    shape(AlbLoadBalancer, "load-balancer", [one("securityGroups")]),
    shape(ElbLoadBalancer, "load-balancer", [one("securityGroups")]),
    shape(RdsInstance, "database", [one("vpcSecurityGroupIds")], "publiclyAccessible"),
    shape(RdsCluster, "database", [one("vpcSecurityGroupIds")]),
    shape(ElasticacheCluster, "database", [one("securityGroupIds")]),
    shape(ReplicationGroup, "database", [[["securityGroupIds"], ["securityGroupNames"]]]),
    shape(RedshiftCluster, "database", [one("vpcSecurityGroupIds")], "publiclyAccessible"),
    shape(DocdbCluster, "database", [one("vpcSecurityGroupIds")]),
    shape(NeptuneCluster, "database", [one("vpcSecurityGroupIds")]),
    shape(MemorydbCluster, "database", [one("securityGroupIds")]),
    shape(OpensearchDomain, "database", [one("vpcOptions", "securityGroupIds")]),
    shape(VpcEndpoint, "endpoint", [one("securityGroupIds")]),
    shape(MountTarget, "other", [one("securityGroups")]),
    shape(Broker, "other", [one("securityGroups")]),
    shape(MskCluster, "other", [one("brokerNodeGroupInfo", "securityGroups")]),
];
