/**
 * Over the Analyzer protocol, the pack started as the CLI starts it: every @pulumi/aws class that
 * puts security groups on network interfaces (test/programs/every-eni-type.ts), captured under mocks
 * and sent in AnalyzeStack. Each interface counts its groups; each compute resource and each
 * database is recognised as such; each database's public flag is read.
 */
import * as assert from "assert";
import { AnalyzeResult, PackClient, startPack } from "../../runner/analyzer-client";
import { captureProgram, toStackResources } from "../../runner/capture";
import { Placement, capturedUpdate, everyEniType, group, knownGroups, placements, takesArns } from "../programs/every-eni-type";
import { REPO } from "./pack-dirs";

const urn = (type: string, name: string) => `urn:pulumi:stack::project::${type}::${name}`;
/** "aws.ec2.Instance" for aws:ec2/instance:Instance. */
const label = (p: Placement) => `aws.${p.cls.module.split("/")[0]}.${p.cls.className}`;

/** The resource types that run code: a group that admits the whole internet must not be on them. */
const COMPUTE = [
    "ec2/instance:Instance", "ec2/spotInstanceRequest:SpotInstanceRequest", "ec2/launchTemplate:LaunchTemplate",
    "ec2/launchConfiguration:LaunchConfiguration", "ec2/spotFleetRequest:SpotFleetRequest", "ecs/service:Service", "ecs/taskSet:TaskSet",
    "ecs/capacityProvider:CapacityProvider", "ecs/expressGatewayService:ExpressGatewayService", "cloudwatch/eventTarget:EventTarget",
    "scheduler/schedule:Schedule", "pipes/pipe:Pipe", "lambda/function:Function", "lambda/capacityProvider:CapacityProvider",
    "codebuild/project:Project", "codebuild/fleet:Fleet", "eks/cluster:Cluster", "batch/computeEnvironment:ComputeEnvironment",
    "emr/cluster:Cluster", "emr/studio:Studio", "emrserverless/application:Application", "glue/devEndpoint:DevEndpoint",
    "glue/connection:Connection", "sagemaker/notebookInstance:NotebookInstance", "sagemaker/domain:Domain", "sagemaker/userProfile:UserProfile",
    "sagemaker/trainingJob:TrainingJob", "sagemaker/model:Model", "sagemaker/hyperParameterTuningJob:HyperParameterTuningJob",
    "sagemaker/labelingJob:LabelingJob", "sagemaker/monitoringSchedule:MonitoringSchedule",
    "sagemaker/dataQualityJobDefinition:DataQualityJobDefinition", "appstream/fleet:Fleet", "appstream/imageBuilder:ImageBuilder",
    "workspaces/directory:Directory", "m2/environment:Environment", "imagebuilder/infrastructureConfiguration:InfrastructureConfiguration",
    "mwaa/environment:Environment", "kinesisanalyticsv2/application:Application", "mskconnect/connector:Connector",
    "bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime", "bedrock/agentcoreBrowser:AgentcoreBrowser",
    "bedrock/agentcoreCodeInterpreter:AgentcoreCodeInterpreter", "bedrock/agentcoreHarness:AgentcoreHarness", "bedrock/customModel:CustomModel",
    "bedrockmodel/invocationJob:InvocationJob", "comprehend/documentClassifier:DocumentClassifier", "comprehend/entityRecognizer:EntityRecognizer",
    "devicefarm/testGridProject:TestGridProject", "synthetics/canary:Canary", "finspace/kxCluster:KxCluster",
].map((t) => `aws:${t}`);

/** The resource types that hold data or lead to it: they must admit clients by security-group reference only. */
const DATABASES = [
    "rds/instance:Instance", "rds/cluster:Cluster", "rds/proxy:Proxy", "rds/proxyEndpoint:ProxyEndpoint", "elasticache/cluster:Cluster",
    "elasticache/replicationGroup:ReplicationGroup", "elasticache/serverlessCache:ServerlessCache", "redshift/cluster:Cluster",
    "redshift/endpointAccess:EndpointAccess", "redshiftserverless/workgroup:Workgroup", "redshiftserverless/endpointAccess:EndpointAccess",
    "docdb/cluster:Cluster", "docdb/elasticCluster:ElasticCluster", "neptune/cluster:Cluster", "neptunegraph/privateGraphEndpoint:PrivateGraphEndpoint",
    "memorydb/cluster:Cluster", "dax/cluster:Cluster", "opensearch/domain:Domain", "opensearch/vpcEndpoint:VpcEndpoint",
    "opensearch/serverlessVpcEndpoint:ServerlessVpcEndpoint", "elasticsearch/domain:Domain", "elasticsearch/vpcEndpoint:VpcEndpoint",
    "timestreaminfluxdb/dbInstance:DbInstance", "timestreaminfluxdb/dbCluster:DbCluster", "dms/replicationInstance:ReplicationInstance",
    "dms/instanceProfile:InstanceProfile", "dms/replicationConfig:ReplicationConfig",
].map((t) => `aws:${t}`);

type Row = [string, string, string, string | undefined];
const rows = (r: AnalyzeResult, policy: string): Row[] => r.diagnostics.filter((d) => d.policyName === policy)
    .map((d): Row => [d.policyName, d.enforcementLevel, d.message.split(". ")[0], d.urn]).sort((a, b) => `${a[3]} ${a[2]}`.localeCompare(`${b[3]} ${b[2]}`));
const sorted = (list: Row[]) => list.sort((a, b) => `${a[3]} ${a[2]}`.localeCompare(`${b[3]} ${b[2]}`));

describe("analyzer protocol: every resource type that puts security groups on network interfaces (AnalyzeStack)", function () {
    this.timeout(300_000);
    let pack: PackClient;
    let all: Placement[];

    before(async () => {
        all = placements();
        pack = await startPack(REPO);
    });

    after(async () => {
        await pack?.close();
    });

    it("eni-security-group-limit (maxSecurityGroups 1): each interface with two groups, at its path, on every type", async () => {
        await pack.configure({ "eni-security-group-limit": { maxSecurityGroups: 1 } });
        const r = await pack.analyzeStack(toStackResources(await capturedUpdate()));
        const expected = all.filter((p) => knownGroups(p).length === 2).map((p): Row => ["eni-security-group-limit", "mandatory",
            `${label(p)} '${p.name}' puts 2 security groups on one network interface (${p.interfacePath}): ` +
            `${knownGroups(p).map((id) => `${id} (outside the stack)`).join(" and ")}`, urn(p.cls.token, p.name)]);
        assert.ok(expected.length > 100);
        assert.deepStrictEqual(rows(r, "eni-security-group-limit"), sorted(expected));
    });

    describe("a group of its own on each, admitting SSH from anywhere, and publiclyAccessible: true where the type takes it (first preview)", () => {
        let r: AnalyzeResult;
        before(async () => {
            await pack.configure({});
            const captured = await captureProgram(() => {
                const groups = new Map(all.map((p) => [p.name, group(`g-${p.name}`, [
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "ssh" }])]));
                everyEniType(all, (p) => {
                    const g = groups.get(p.name);
                    const id = takesArns(p) ? g?.arn : g?.id;
                    return p.form === "list" ? [id] : id;
                }, (p) => (p.cls.inputs.some((i) => i.path.join(".") === "publiclyAccessible" && i.leaf === "boolean") ? { publiclyAccessible: true } : {}));
            }, { preview: true });
            r = await pack.analyzeStack(toStackResources(captured));
        });

        it("sg-world-ingress-only-on-load-balancers: exactly the groups on compute", () => {
            const compute = all.filter((p) => COMPUTE.includes(p.cls.token));
            assert.deepStrictEqual(new Set(compute.map((p) => p.cls.token)).size, COMPUTE.length, "every compute type has an input");
            assert.deepStrictEqual(rows(r, "sg-world-ingress-only-on-load-balancers"), sorted(compute.map((p): Row => [
                "sg-world-ingress-only-on-load-balancers", "advisory", `aws.ec2.SecurityGroup 'g-${p.name}' admits every IPv4 address ` +
                `(ingress[0].cidrBlocks[0]) and is attached to compute: ${label(p)} '${p.name}'`, urn("aws:ec2/securityGroup:SecurityGroup", `g-${p.name}`)])));
        });

        it("db-ingress-only-via-security-groups: exactly the databases, each public one flagged for its publiclyAccessible", () => {
            const databases = all.filter((p) => DATABASES.includes(p.cls.token));
            assert.deepStrictEqual(new Set(databases.map((p) => p.cls.token)).size, DATABASES.length, "every database type has an input");
            const isPublic = (p: Placement) => p.cls.inputs.some((i) => i.path.join(".") === "publiclyAccessible");
            assert.deepStrictEqual(rows(r, "db-ingress-only-via-security-groups"), sorted(databases.flatMap((p): Row[] => [
                ...(isPublic(p) ? [["db-ingress-only-via-security-groups", "mandatory", `${label(p)} '${p.name}' sets publiclyAccessible: true, so it ` +
                    "gets a public address and any security-group rule that admits an address range admits the internet", urn(p.cls.token, p.name)] as Row] : []),
                ["db-ingress-only-via-security-groups", "mandatory", `${label(p)} '${p.name}' trusts an address range: on its security group ` +
                    `'g-${p.name}', ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)`, urn(p.cls.token, p.name)],
            ])));
        });
    });
});
