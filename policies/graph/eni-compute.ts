/**
 * ENI-bearing resources that run code: instances and what launches them, containers, functions,
 * builds, jobs, notebooks and managed runtimes. Paths and flags are those of the @pulumi/aws inputs.
 */
import { Fleet as AppstreamFleet } from "@pulumi/aws/appstream/fleet";
import { ImageBuilder } from "@pulumi/aws/appstream/imageBuilder";
import { ComputeEnvironment } from "@pulumi/aws/batch/computeEnvironment";
import { AgentcoreAgentRuntime } from "@pulumi/aws/bedrock/agentcoreAgentRuntime";
import { AgentcoreBrowser } from "@pulumi/aws/bedrock/agentcoreBrowser";
import { AgentcoreCodeInterpreter } from "@pulumi/aws/bedrock/agentcoreCodeInterpreter";
import { AgentcoreHarness } from "@pulumi/aws/bedrock/agentcoreHarness";
import { CustomModel } from "@pulumi/aws/bedrock/customModel";
import { InvocationJob } from "@pulumi/aws/bedrockmodel/invocationJob";
import { EventTarget } from "@pulumi/aws/cloudwatch/eventTarget";
import { Fleet as CodebuildFleet } from "@pulumi/aws/codebuild/fleet";
import { Project as CodebuildProject } from "@pulumi/aws/codebuild/project";
import { DocumentClassifier } from "@pulumi/aws/comprehend/documentClassifier";
import { EntityRecognizer } from "@pulumi/aws/comprehend/entityRecognizer";
import { TestGridProject } from "@pulumi/aws/devicefarm/testGridProject";
import { Instance as Ec2Instance } from "@pulumi/aws/ec2/instance";
import { LaunchConfiguration } from "@pulumi/aws/ec2/launchConfiguration";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import { SpotFleetRequest } from "@pulumi/aws/ec2/spotFleetRequest";
import { SpotInstanceRequest } from "@pulumi/aws/ec2/spotInstanceRequest";
import { CapacityProvider as EcsCapacityProvider } from "@pulumi/aws/ecs/capacityProvider";
import { ExpressGatewayService } from "@pulumi/aws/ecs/expressGatewayService";
import { Service as EcsService } from "@pulumi/aws/ecs/service";
import { TaskSet } from "@pulumi/aws/ecs/taskSet";
import { Cluster as EksCluster } from "@pulumi/aws/eks/cluster";
import { Cluster as EmrCluster } from "@pulumi/aws/emr/cluster";
import { Studio } from "@pulumi/aws/emr/studio";
import { Application as EmrserverlessApplication } from "@pulumi/aws/emrserverless/application";
import { KxCluster } from "@pulumi/aws/finspace/kxCluster";
import { Connection as GlueConnection } from "@pulumi/aws/glue/connection";
import { DevEndpoint } from "@pulumi/aws/glue/devEndpoint";
import { InfrastructureConfiguration } from "@pulumi/aws/imagebuilder/infrastructureConfiguration";
import { Application as Kinesisanalyticsv2Application } from "@pulumi/aws/kinesisanalyticsv2/application";
import { CapacityProvider as LambdaCapacityProvider } from "@pulumi/aws/lambda/capacityProvider";
import { Function as LambdaFunction } from "@pulumi/aws/lambda/function";
import { Environment as M2Environment } from "@pulumi/aws/m2/environment";
import { Connector } from "@pulumi/aws/mskconnect/connector";
import { Environment as MwaaEnvironment } from "@pulumi/aws/mwaa/environment";
import { Pipe as PipesPipe } from "@pulumi/aws/pipes/pipe";
import { DataQualityJobDefinition } from "@pulumi/aws/sagemaker/dataQualityJobDefinition";
import { Domain as SagemakerDomain } from "@pulumi/aws/sagemaker/domain";
import { HyperParameterTuningJob } from "@pulumi/aws/sagemaker/hyperParameterTuningJob";
import { LabelingJob } from "@pulumi/aws/sagemaker/labelingJob";
import { Model as SagemakerModel } from "@pulumi/aws/sagemaker/model";
import { MonitoringSchedule } from "@pulumi/aws/sagemaker/monitoringSchedule";
import { NotebookInstance } from "@pulumi/aws/sagemaker/notebookInstance";
import { TrainingJob } from "@pulumi/aws/sagemaker/trainingJob";
import { UserProfile } from "@pulumi/aws/sagemaker/userProfile";
import { Schedule as SchedulerSchedule } from "@pulumi/aws/scheduler/schedule";
import { Canary } from "@pulumi/aws/synthetics/canary";
import { Directory as WorkspacesDirectory } from "@pulumi/aws/workspaces/directory";
import { EniShape, csvIds, each, flag, ids, inSubnet, inSubnets, oneId, privateEndpoints, shape } from "./eni-shape";

export const COMPUTE_SHAPES: readonly EniShape[] = [
    shape(Ec2Instance, "compute", [[ids("vpcSecurityGroupIds"), ids("securityGroups")]],
        { ...inSubnet("subnetId"), ...flag("associatePublicIpAddress"), elsewhere: ["networkInterfaces", "primaryNetworkInterface"] }),
    shape(SpotInstanceRequest, "compute", [[ids("vpcSecurityGroupIds"), ids("securityGroups")]],
        { ...inSubnet("subnetId"), ...flag("associatePublicIpAddress"), elsewhere: ["networkInterfaces"] }),
    shape(LaunchTemplate, "compute", [[ids("vpcSecurityGroupIds"), ids("securityGroupNames")], [ids("networkInterfaces.*.securityGroups")]]),
    shape(LaunchConfiguration, "compute", each("securityGroups"), flag("associatePublicIpAddress")),
    shape(SpotFleetRequest, "compute", each("launchSpecifications.*.vpcSecurityGroupIds")),
    shape(EcsService, "compute", each("networkConfiguration.securityGroups"),
        { ...inSubnets("networkConfiguration.subnets", "networkConfiguration"), ...flag("networkConfiguration.assignPublicIp") }),
    shape(TaskSet, "compute", each("networkConfiguration.securityGroups"),
        { ...inSubnets("networkConfiguration.subnets", "networkConfiguration"), ...flag("networkConfiguration.assignPublicIp") }),
    shape(EcsCapacityProvider, "compute", each("managedInstancesProvider.instanceLaunchTemplate.networkConfiguration.securityGroups")),
    shape(ExpressGatewayService, "compute", each("networkConfigurations.*.securityGroups")),
    shape(EventTarget, "compute",
        each("ecsTarget.networkConfiguration.securityGroups"),
        { ...inSubnets("ecsTarget.networkConfiguration.subnets", "ecsTarget.networkConfiguration"),
            ...flag("ecsTarget.networkConfiguration.assignPublicIp") }),
    shape(SchedulerSchedule, "compute", each("target.ecsParameters.networkConfiguration.securityGroups"),
        flag("target.ecsParameters.networkConfiguration.assignPublicIp")),
    shape(PipesPipe, "compute",
        each("targetParameters.ecsTaskParameters.networkConfiguration.awsVpcConfiguration.securityGroups",
            "sourceParameters.selfManagedKafkaParameters.vpc.securityGroups")),
    shape(LambdaFunction, "compute", each("vpcConfig.securityGroupIds")),
    shape(LambdaCapacityProvider, "compute", each("vpcConfig.securityGroupIds")),
    shape(CodebuildProject, "compute", each("vpcConfig.securityGroupIds", "environment.dockerServer.securityGroupIds")),
    shape(CodebuildFleet, "compute", each("vpcConfigs.*.securityGroupIds")),
    shape(EksCluster, "compute", each("vpcConfig.securityGroupIds")),
    shape(ComputeEnvironment, "compute", each("computeResources.securityGroupIds")),
    shape(EmrCluster, "compute",
        [[oneId("ec2Attributes.emrManagedMasterSecurityGroup"), csvIds("ec2Attributes.additionalMasterSecurityGroups")],
            [oneId("ec2Attributes.emrManagedSlaveSecurityGroup"), csvIds("ec2Attributes.additionalSlaveSecurityGroups")],
            [oneId("ec2Attributes.serviceAccessSecurityGroup")]]),
    shape(Studio, "compute", [[oneId("engineSecurityGroupId")], [oneId("workspaceSecurityGroupId")]]),
    shape(EmrserverlessApplication, "compute", each("networkConfiguration.securityGroupIds")),
    shape(DevEndpoint, "compute", each("securityGroupIds")),
    shape(GlueConnection, "compute", each("physicalConnectionRequirements.securityGroupIdLists")),
    shape(NotebookInstance, "compute", each("securityGroups")),
    shape(SagemakerDomain, "compute",
        each("domainSettings.securityGroupIds", "defaultUserSettings.securityGroups", "defaultSpaceSettings.securityGroups")),
    shape(UserProfile, "compute", each("userSettings.securityGroups")),
    shape(TrainingJob, "compute", each("vpcConfig.securityGroupIds")),
    shape(SagemakerModel, "compute", each("vpcConfig.securityGroupIds")),
    shape(HyperParameterTuningJob, "compute",
        each("trainingJobDefinition.vpcConfig.securityGroupIds", "trainingJobDefinitions.*.vpcConfig.securityGroupIds")),
    shape(LabelingJob, "compute", each("labelingJobAlgorithmsConfig.labelingJobResourceConfig.vpcConfig.securityGroupIds")),
    shape(MonitoringSchedule, "compute", each("monitoringScheduleConfig.monitoringJobDefinition.networkConfig.vpcConfig.securityGroupIds")),
    shape(DataQualityJobDefinition, "compute", each("networkConfig.vpcConfig.securityGroupIds")),
    shape(AppstreamFleet, "compute", each("vpcConfig.securityGroupIds")),
    shape(ImageBuilder, "compute", each("vpcConfig.securityGroupIds")),
    shape(WorkspacesDirectory, "compute", [[oneId("workspaceCreationProperties.customSecurityGroupId")]]),
    shape(M2Environment, "compute", each("securityGroupIds"), flag("publiclyAccessible")),
    shape(InfrastructureConfiguration, "compute", each("securityGroupIds")),
    shape(MwaaEnvironment, "compute", each("networkConfiguration.securityGroupIds")),
    shape(Kinesisanalyticsv2Application, "compute", each("applicationConfiguration.vpcConfiguration.securityGroupIds")),
    shape(Connector, "compute", each("kafkaCluster.apacheKafkaCluster.vpc.securityGroups")),
    shape(AgentcoreAgentRuntime, "compute",
        [[ids("networkConfiguration.networkModeConfig.securityGroups")], ...privateEndpoints("authorizerConfiguration.customJwtAuthorizer")]),
    shape(AgentcoreBrowser, "compute", each("networkConfiguration.vpcConfig.securityGroups")),
    shape(AgentcoreCodeInterpreter, "compute", each("networkConfiguration.vpcConfig.securityGroups")),
    shape(AgentcoreHarness, "compute",
        [[ids("environments.*.agentcoreRuntimeEnvironments.*.networkConfigurations.*.networkModeConfigs.*.securityGroups")],
            ...privateEndpoints("authorizerConfiguration.customJwtAuthorizer")]),
    shape(CustomModel, "compute", each("vpcConfig.securityGroupIds")),
    shape(InvocationJob, "compute", each("vpcConfig.securityGroupIds")),
    shape(DocumentClassifier, "compute", each("vpcConfig.securityGroupIds")),
    shape(EntityRecognizer, "compute", each("vpcConfig.securityGroupIds")),
    shape(TestGridProject, "compute", each("vpcConfig.securityGroupIds")),
    shape(Canary, "compute", each("vpcConfig.securityGroupIds")),
    shape(KxCluster, "compute", each("vpcConfiguration.securityGroupIds")),
];
