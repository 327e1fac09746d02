/**
 * ENI-bearing resources that hold data or lead to it: databases, caches, search domains, their
 * proxies and the VPC endpoints into them, and database migration (DMS). A security-group rule on
 * any of them admits its sources to the data. Paths and flags are those of the @pulumi/aws inputs.
 */
import { Cluster as DaxCluster } from "@pulumi/aws/dax/cluster";
import { InstanceProfile } from "@pulumi/aws/dms/instanceProfile";
import { ReplicationConfig } from "@pulumi/aws/dms/replicationConfig";
import { ReplicationInstance } from "@pulumi/aws/dms/replicationInstance";
import { Cluster as DocdbCluster } from "@pulumi/aws/docdb/cluster";
import { ElasticCluster } from "@pulumi/aws/docdb/elasticCluster";
import { SubnetGroup as DocdbSubnetGroup } from "@pulumi/aws/docdb/subnetGroup";
import { Cluster as ElasticacheCluster } from "@pulumi/aws/elasticache/cluster";
import { ReplicationGroup } from "@pulumi/aws/elasticache/replicationGroup";
import { ServerlessCache } from "@pulumi/aws/elasticache/serverlessCache";
import { SubnetGroup as ElasticacheSubnetGroup } from "@pulumi/aws/elasticache/subnetGroup";
import { Domain as ElasticsearchDomain } from "@pulumi/aws/elasticsearch/domain";
import { VpcEndpoint as ElasticsearchVpcEndpoint } from "@pulumi/aws/elasticsearch/vpcEndpoint";
import { Cluster as MemorydbCluster } from "@pulumi/aws/memorydb/cluster";
import { SubnetGroup as MemorydbSubnetGroup } from "@pulumi/aws/memorydb/subnetGroup";
import { Cluster as NeptuneCluster } from "@pulumi/aws/neptune/cluster";
import { SubnetGroup as NeptuneSubnetGroup } from "@pulumi/aws/neptune/subnetGroup";
import { PrivateGraphEndpoint } from "@pulumi/aws/neptunegraph/privateGraphEndpoint";
import { Domain as OpensearchDomain } from "@pulumi/aws/opensearch/domain";
import { ServerlessVpcEndpoint } from "@pulumi/aws/opensearch/serverlessVpcEndpoint";
import { VpcEndpoint as OpensearchVpcEndpoint } from "@pulumi/aws/opensearch/vpcEndpoint";
import { Cluster as RdsCluster } from "@pulumi/aws/rds/cluster";
import { Instance as RdsInstance } from "@pulumi/aws/rds/instance";
import { Proxy } from "@pulumi/aws/rds/proxy";
import { ProxyEndpoint } from "@pulumi/aws/rds/proxyEndpoint";
import { SubnetGroup as RdsSubnetGroup } from "@pulumi/aws/rds/subnetGroup";
import { Cluster as RedshiftCluster } from "@pulumi/aws/redshift/cluster";
import { EndpointAccess as RedshiftEndpointAccess } from "@pulumi/aws/redshift/endpointAccess";
import { SubnetGroup as RedshiftSubnetGroup } from "@pulumi/aws/redshift/subnetGroup";
import { EndpointAccess as RedshiftserverlessEndpointAccess } from "@pulumi/aws/redshiftserverless/endpointAccess";
import { Workgroup } from "@pulumi/aws/redshiftserverless/workgroup";
import { DbCluster } from "@pulumi/aws/timestreaminfluxdb/dbCluster";
import { DbInstance } from "@pulumi/aws/timestreaminfluxdb/dbInstance";
import { EniShape, each, flag, ids, inSubnetGroup, inSubnets, shape } from "./eni-shape";

export const DATA_SHAPES: readonly EniShape[] = [
    shape(RdsInstance, "database", each("vpcSecurityGroupIds"),
        { ...inSubnetGroup("dbSubnetGroupName", RdsSubnetGroup), ...flag("publiclyAccessible") }),
    shape(RdsCluster, "database", each("vpcSecurityGroupIds"), inSubnetGroup("dbSubnetGroupName", RdsSubnetGroup)),
    shape(Proxy, "database", each("vpcSecurityGroupIds")),
    shape(ProxyEndpoint, "database", each("vpcSecurityGroupIds")),
    shape(ElasticacheCluster, "database", each("securityGroupIds"),
        { ...inSubnetGroup("subnetGroupName", ElasticacheSubnetGroup), elsewhere: ["replicationGroupId"] }),
    shape(ReplicationGroup, "database", [[ids("securityGroupIds"), ids("securityGroupNames")]],
        inSubnetGroup("subnetGroupName", ElasticacheSubnetGroup)),
    shape(ServerlessCache, "database", each("securityGroupIds"), inSubnets("subnetIds")),
    shape(RedshiftCluster, "database", each("vpcSecurityGroupIds"),
        { ...inSubnetGroup("clusterSubnetGroupName", RedshiftSubnetGroup), ...flag("publiclyAccessible") }),
    shape(RedshiftEndpointAccess, "database", each("vpcSecurityGroupIds")),
    shape(Workgroup, "database", each("securityGroupIds"), flag("publiclyAccessible")),
    shape(RedshiftserverlessEndpointAccess, "database", each("vpcSecurityGroupIds")),
    shape(DocdbCluster, "database", each("vpcSecurityGroupIds"), inSubnetGroup("dbSubnetGroupName", DocdbSubnetGroup)),
    shape(ElasticCluster, "database", each("vpcSecurityGroupIds")),
    shape(NeptuneCluster, "database", each("vpcSecurityGroupIds"), inSubnetGroup("neptuneSubnetGroupName", NeptuneSubnetGroup)),
    shape(PrivateGraphEndpoint, "database", each("vpcSecurityGroupIds")),
    shape(MemorydbCluster, "database", each("securityGroupIds"), inSubnetGroup("subnetGroupName", MemorydbSubnetGroup)),
    shape(DaxCluster, "database", each("securityGroupIds")),
    shape(OpensearchDomain, "database", each("vpcOptions.securityGroupIds"), inSubnets("vpcOptions.subnetIds", "vpcOptions")),
    shape(OpensearchVpcEndpoint, "database", each("vpcOptions.securityGroupIds"), inSubnets("vpcOptions.subnetIds")),
    shape(ServerlessVpcEndpoint, "database", each("securityGroupIds")),
    shape(ElasticsearchDomain, "database", each("vpcOptions.securityGroupIds"), inSubnets("vpcOptions.subnetIds", "vpcOptions")),
    shape(ElasticsearchVpcEndpoint, "database", each("vpcOptions.securityGroupIds"), inSubnets("vpcOptions.subnetIds")),
    shape(DbInstance, "database", each("vpcSecurityGroupIds"), flag("publiclyAccessible")),
    shape(DbCluster, "database", each("vpcSecurityGroupIds"), flag("publiclyAccessible")),
    shape(ReplicationInstance, "database", each("vpcSecurityGroupIds"), flag("publiclyAccessible")),
    shape(InstanceProfile, "database", each("vpcSecurityGroupIds"), flag("publiclyAccessible")),
    shape(ReplicationConfig, "database", each("computeConfig.vpcSecurityGroupIds")),
];
