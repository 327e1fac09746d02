/**
 * ENI-bearing resources that neither run code nor hold a database: load balancers, network
 * interfaces, endpoints through which clients in a VPC reach a service, file systems, brokers, and
 * the interfaces managed services put in a VPC to reach into it. Paths and flags are those of the
 * @pulumi/aws inputs.
 */
import { Registry as AgentregistryRegistry } from "@pulumi/aws/agentregistry/registry";
import { LoadBalancer as AlbLoadBalancer } from "@pulumi/aws/alb/loadBalancer";
import { Scraper } from "@pulumi/aws/amp/scraper";
import { VpcLink } from "@pulumi/aws/apigatewayv2/vpcLink";
import { VpcConnector } from "@pulumi/aws/apprunner/vpcConnector";
import { AgentcoreGateway } from "@pulumi/aws/bedrock/agentcoreGateway";
import { AgentcoreGatewayTarget } from "@pulumi/aws/bedrock/agentcoreGatewayTarget";
import { AgentcoreOauth2CredentialProvider } from "@pulumi/aws/bedrock/agentcoreOauth2CredentialProvider";
import { AgentcoreRegistry } from "@pulumi/aws/bedrock/agentcoreRegistry";
import { Host as CodeconnectionsHost } from "@pulumi/aws/codeconnections/host";
import { Host as CodestarconnectionsHost } from "@pulumi/aws/codestarconnections/host";
import { Agent as DatasyncAgent } from "@pulumi/aws/datasync/agent";
import { EfsLocation } from "@pulumi/aws/datasync/efsLocation";
import { FsxOpenZfsFileSystem } from "@pulumi/aws/datasync/fsxOpenZfsFileSystem";
import { LocationFsxLustre } from "@pulumi/aws/datasync/locationFsxLustre";
import { LocationFsxOntapFileSystem } from "@pulumi/aws/datasync/locationFsxOntapFileSystem";
import { LocationFsxWindows } from "@pulumi/aws/datasync/locationFsxWindows";
import { ReplicationConfigurationTemplate } from "@pulumi/aws/drs/replicationConfigurationTemplate";
import { NetworkInterface } from "@pulumi/aws/ec2/networkInterface";
import { VpcEndpoint } from "@pulumi/aws/ec2/vpcEndpoint";
import { Endpoint as Ec2clientvpnEndpoint } from "@pulumi/aws/ec2clientvpn/endpoint";
import { InstanceConnectEndpoint } from "@pulumi/aws/ec2transitgateway/instanceConnectEndpoint";
import { MountTarget } from "@pulumi/aws/efs/mountTarget";
import { LoadBalancer as ElbLoadBalancer } from "@pulumi/aws/elb/loadBalancer";
import { FileCache } from "@pulumi/aws/fsx/fileCache";
import { LustreFileSystem } from "@pulumi/aws/fsx/lustreFileSystem";
import { OntapFileSystem } from "@pulumi/aws/fsx/ontapFileSystem";
import { OpenZfsFileSystem } from "@pulumi/aws/fsx/openZfsFileSystem";
import { WindowsFileSystem } from "@pulumi/aws/fsx/windowsFileSystem";
import { Workspace as GrafanaWorkspace } from "@pulumi/aws/grafana/workspace";
import { TopicRuleDestination } from "@pulumi/aws/iot/topicRuleDestination";
import { FirehoseDeliveryStream } from "@pulumi/aws/kinesis/firehoseDeliveryStream";
import { CoreNetworkConnector } from "@pulumi/aws/lambda/coreNetworkConnector";
import { LoadBalancer as LbLoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { Channel as MedialiveChannel } from "@pulumi/aws/medialive/channel";
import { Input as MedialiveInput } from "@pulumi/aws/medialive/input";
import { Broker as MqBroker } from "@pulumi/aws/mq/broker";
import { Cluster as MskCluster } from "@pulumi/aws/msk/cluster";
import { Replicator } from "@pulumi/aws/msk/replicator";
import { ServerlessCluster } from "@pulumi/aws/msk/serverlessCluster";
import { VpcConnection as MskVpcConnection } from "@pulumi/aws/msk/vpcConnection";
import { Pipeline } from "@pulumi/aws/opensearchingest/pipeline";
import { PipelineEndpoint } from "@pulumi/aws/opensearchingest/pipelineEndpoint";
import { VpcConnection as QuicksightVpcConnection } from "@pulumi/aws/quicksight/vpcConnection";
import { ResolverEndpoint } from "@pulumi/aws/route53/resolverEndpoint";
import { FilesMountTarget } from "@pulumi/aws/s3/filesMountTarget";
import { Endpoint as S3outpostsEndpoint } from "@pulumi/aws/s3outposts/endpoint";
import { Workforce } from "@pulumi/aws/sagemaker/workforce";
import { Server as TransferServer } from "@pulumi/aws/transfer/server";
import { WebApp } from "@pulumi/aws/transfer/webApp";
import { Endpoint as VerifiedaccessEndpoint } from "@pulumi/aws/verifiedaccess/endpoint";
import { ResourceGateway } from "@pulumi/aws/vpclattice/resourceGateway";
import { ServiceNetworkVpcAssociation } from "@pulumi/aws/vpclattice/serviceNetworkVpcAssociation";
import { NetworkSettings } from "@pulumi/aws/workspacesweb/networkSettings";
import { EniShape, each, flag, inSubnet, inSubnets, oneId, privateEndpoints, shape } from "./eni-shape";

export const NETWORK_SHAPES: readonly EniShape[] = [
    shape(LbLoadBalancer, "load-balancer", each("securityGroups")),
    shape(AlbLoadBalancer, "load-balancer", each("securityGroups")),
    shape(ElbLoadBalancer, "load-balancer", each("securityGroups")),
    shape(NetworkInterface, "other", each("securityGroups"), inSubnet("subnetId")),
    shape(VpcEndpoint, "endpoint", each("securityGroupIds"),
        { defaultGroupIn: { vpc: ["vpcId"] }, defaultWhen: { key: "vpcEndpointType", value: "Interface" } }),
    shape(Ec2clientvpnEndpoint, "endpoint", each("securityGroupIds")),
    shape(InstanceConnectEndpoint, "endpoint", each("securityGroupIds"), inSubnet("subnetId")),
    shape(ResolverEndpoint, "endpoint", each("securityGroupIds")),
    shape(VerifiedaccessEndpoint, "endpoint", each("securityGroupIds")),
    shape(ServiceNetworkVpcAssociation, "endpoint", each("securityGroupIds")),
    shape(S3outpostsEndpoint, "endpoint", [[oneId("securityGroupId")]]),
    shape(TransferServer, "endpoint", each("endpointDetails.securityGroupIds"),
        { ...inSubnets("endpointDetails.subnetIds", "endpointDetails"), defaultWhen: { key: "endpointType", value: "VPC" } }),
    shape(WebApp, "endpoint", each("endpointDetails.vpc.securityGroupIds"), inSubnets("endpointDetails.vpc.subnetIds", "endpointDetails.vpc")),
    shape(Workforce, "endpoint", each("workforceVpcConfig.securityGroupIds")),
    shape(PipelineEndpoint, "endpoint", each("vpcOptions.securityGroupIds")),
    shape(MountTarget, "other", each("securityGroups"), inSubnet("subnetId")),
    shape(FilesMountTarget, "other", each("securityGroups")),
    shape(LustreFileSystem, "other", each("securityGroupIds")),
    shape(OntapFileSystem, "other", each("securityGroupIds")),
    shape(OpenZfsFileSystem, "other", each("securityGroupIds")),
    shape(WindowsFileSystem, "other", each("securityGroupIds")),
    shape(FileCache, "other", each("securityGroupIds")),
    shape(MqBroker, "other", each("securityGroups"), flag("publiclyAccessible")),
    shape(MskCluster, "other", each("brokerNodeGroupInfo.securityGroups")),
    shape(ServerlessCluster, "other", each("vpcConfigs.*.securityGroupIds")),
    shape(MskVpcConnection, "other", each("securityGroups")),
    shape(Replicator, "other", each("kafkaClusters.*.vpcConfig.securityGroupsIds")),
    shape(DatasyncAgent, "other", each("securityGroupArns")),
    shape(EfsLocation, "other", each("ec2Config.securityGroupArns")),
    shape(FsxOpenZfsFileSystem, "other", each("securityGroupArns")),
    shape(LocationFsxLustre, "other", each("securityGroupArns")),
    shape(LocationFsxOntapFileSystem, "other", each("securityGroupArns")),
    shape(LocationFsxWindows, "other", each("securityGroupArns")),
    shape(VpcLink, "other", each("securityGroupIds")),
    shape(VpcConnector, "other", each("securityGroups")),
    shape(ResourceGateway, "other", each("securityGroupIds")),
    shape(CoreNetworkConnector, "other", each("configuration.vpcEgressConfiguration.securityGroupIds")),
    shape(FirehoseDeliveryStream, "other",
        each("elasticsearchConfiguration.vpcConfig.securityGroupIds", "opensearchConfiguration.vpcConfig.securityGroupIds",
            "opensearchserverlessConfiguration.vpcConfig.securityGroupIds")),
    shape(Pipeline, "other", each("vpcOptions.securityGroupIds")),
    shape(GrafanaWorkspace, "other", each("vpcConfiguration.securityGroupIds")),
    shape(QuicksightVpcConnection, "other", each("securityGroupIds")),
    shape(NetworkSettings, "other", each("securityGroupIds")),
    shape(CodeconnectionsHost, "other", each("vpcConfiguration.securityGroupIds")),
    shape(CodestarconnectionsHost, "other", each("vpcConfiguration.securityGroupIds")),
    shape(TopicRuleDestination, "other", each("vpcConfiguration.securityGroups")),
    shape(MedialiveChannel, "other", each("vpc.securityGroupIds"), inSubnets("vpc.subnetIds", "vpc")),
    shape(MedialiveInput, "other", each("vpc.securityGroupIds")),
    shape(Scraper, "other", each("source.eks.securityGroupIds", "source.vpc.securityGroupIds")),
    shape(ReplicationConfigurationTemplate, "other", each("replicationServersSecurityGroupsIds"), flag("createPublicIp")),
    shape(AgentcoreGateway, "other", privateEndpoints("authorizerConfiguration.customJwtAuthorizer")),
    shape(AgentcoreRegistry, "other", privateEndpoints("authorizerConfiguration.customJwtAuthorizer")),
    shape(AgentregistryRegistry, "other",
        privateEndpoints("discoveryConfiguration.authorizerConfiguration.customJwtAuthorizer")),
    shape(AgentcoreOauth2CredentialProvider, "other",
        privateEndpoints("oauth2ProviderConfig.customOauth2ProviderConfig")),
    shape(AgentcoreGatewayTarget, "other", each("privateEndpoint.managedVpcResource.securityGroupIds")),
];
