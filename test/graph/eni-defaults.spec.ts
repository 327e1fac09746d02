/**
 * The resources to which AWS gives their VPC's default security group when they declare none (as
 * their @pulumi/aws input documentation says), beyond instances, interfaces, ECS services, mount
 * targets and databases in subnet groups: each finds its VPC through its subnet or subnets and gets
 * that VPC's DefaultSecurityGroup; one that declares a group, or that is not in a VPC, does not.
 */
import * as assert from "assert";
import { UNKNOWN } from "../util/run-policy";
import { TestResource } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const vpc: TestResource = { type: TYPE.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
const subnet: TestResource = { type: TYPE.subnet, name: "a", props: { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24" }, propertyDependencies: { vpcId: ["main"] } };
const defaultSg: TestResource = { type: TYPE.defaultSg, name: "default", props: { vpcId: UNKNOWN }, propertyDependencies: { vpcId: ["main"] } };
const own: TestResource = { type: TYPE.sg, name: "own", props: { description: "own" } };

/** A resource in subnet 'a' (by dependency of the top-level input holding the subnet). */
const inA = (type: string, props: Record<string, unknown>): TestResource =>
    ({ type, name: "r", props, propertyDependencies: { [Object.keys(props)[0]]: ["a"] } });

/** [path, groups, declares none] of the resource's interfaces. */
function interfaces(resources: TestResource[]): [string, string[], boolean][] {
    const model = stackModel([vpc, subnet, defaultSg, own, ...resources]);
    return model.interfaces.filter((n) => n.resource.name === "r")
        .map((n) => [n.path, n.groups.map((g) => (g.kind === "stack" ? model.byUrn.get(g.urn)?.name ?? g.urn : g.id)), n.implicitDefault !== undefined]);
}

const cases: [string, string, Record<string, unknown>, string, Record<string, unknown>][] = [
    ["ecs.TaskSet", "aws:ecs/taskSet:TaskSet", { networkConfiguration: { subnets: [UNKNOWN] } }, "networkConfiguration.securityGroups",
        { networkConfiguration: { subnets: [UNKNOWN], securityGroups: ["sg-own"] } }],
    ["cloudwatch.EventTarget (an ECS task)", "aws:cloudwatch/eventTarget:EventTarget", { ecsTarget: { networkConfiguration: { subnets: [UNKNOWN] } } },
        "ecsTarget.networkConfiguration.securityGroups", { ecsTarget: { networkConfiguration: { subnets: [UNKNOWN], securityGroups: ["sg-own"] } } }],
    ["elasticsearch.Domain (in a VPC)", "aws:elasticsearch/domain:Domain", { vpcOptions: { subnetIds: [UNKNOWN] } }, "vpcOptions.securityGroupIds",
        { vpcOptions: { subnetIds: [UNKNOWN], securityGroupIds: ["sg-own"] } }],
    ["elasticsearch.VpcEndpoint", "aws:elasticsearch/vpcEndpoint:VpcEndpoint", { vpcOptions: { subnetIds: [UNKNOWN] } }, "vpcOptions.securityGroupIds",
        { vpcOptions: { subnetIds: [UNKNOWN], securityGroupIds: ["sg-own"] } }],
    ["opensearch.VpcEndpoint", "aws:opensearch/vpcEndpoint:VpcEndpoint", { vpcOptions: { subnetIds: [UNKNOWN] } }, "vpcOptions.securityGroupIds",
        { vpcOptions: { subnetIds: [UNKNOWN], securityGroupIds: ["sg-own"] } }],
    ["elasticache.ServerlessCache", "aws:elasticache/serverlessCache:ServerlessCache", { subnetIds: [UNKNOWN] }, "securityGroupIds",
        { subnetIds: [UNKNOWN], securityGroupIds: ["sg-own"] }],
    ["ec2transitgateway.InstanceConnectEndpoint", "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint", { subnetId: UNKNOWN },
        "securityGroupIds", { subnetId: UNKNOWN, securityGroupIds: ["sg-own"] }],
    ["transfer.Server (endpointType VPC)", "aws:transfer/server:Server", { endpointDetails: { subnetIds: [UNKNOWN] }, endpointType: "VPC" },
        "endpointDetails.securityGroupIds", { endpointDetails: { subnetIds: [UNKNOWN], securityGroupIds: ["sg-own"] }, endpointType: "VPC" }],
    ["transfer.WebApp (in a VPC)", "aws:transfer/webApp:WebApp", { endpointDetails: { vpc: { subnetIds: [UNKNOWN] } } }, "endpointDetails.vpc.securityGroupIds",
        { endpointDetails: { vpc: { subnetIds: [UNKNOWN], securityGroupIds: ["sg-own"] } } }],
    ["medialive.Channel (in a VPC)", "aws:medialive/channel:Channel", { vpc: { subnetIds: [UNKNOWN] } }, "vpc.securityGroupIds",
        { vpc: { subnetIds: [UNKNOWN], securityGroupIds: ["sg-own"] } }],
];

describe("graph: the VPC default group of resources that declare none", () => {
    for (const [what, type, none, path, declared] of cases) {
        it(`${what}: declares none, so its subnet's VPC's default group; declares one, so that one`, () => {
            assert.deepStrictEqual(interfaces([inA(type, none)]), [[path, ["default"], true]]);
            assert.deepStrictEqual(interfaces([inA(type, declared)]), [[path, ["sg-own"], false]]);
        });
    }

    it("ec2.VpcEndpoint: an Interface endpoint that declares none gets its VPC's default group; a Gateway endpoint (the default type) has no interface", () => {
        const endpoint = (props: Record<string, unknown>): TestResource =>
            ({ type: TYPE.vpcEndpoint, name: "r", props: { vpcId: UNKNOWN, serviceName: "s", ...props }, propertyDependencies: { vpcId: ["main"] } });
        assert.deepStrictEqual(interfaces([endpoint({ vpcEndpointType: "Interface" })]), [["securityGroupIds", ["default"], true]]);
        assert.deepStrictEqual(interfaces([endpoint({ vpcEndpointType: "Gateway" })]), []);
        assert.deepStrictEqual(interfaces([endpoint({})]), []);
    });

    it("ecs.Service in subnet 'a' with no securityGroups gets the VPC's default group", () => {
        assert.deepStrictEqual(interfaces([inA(TYPE.ecsService, { networkConfiguration: { subnets: [UNKNOWN] } })]),
            [["networkConfiguration.securityGroups", ["default"], true]]);
    });

    it("ec2.SpotInstanceRequest in subnet 'a' with no groups gets the VPC's default group", () => {
        assert.deepStrictEqual(interfaces([inA(TYPE.spotInstance, { subnetId: UNKNOWN, instanceType: "t3.micro" })]),
            [["vpcSecurityGroupIds + securityGroups", ["default"], true]]);
    });

    it("ec2.SpotInstanceRequest launched on an existing network interface adds no interface of its own and no default group", () => {
        assert.deepStrictEqual(interfaces([inA(TYPE.spotInstance, { subnetId: UNKNOWN, networkInterfaces: [{ networkInterfaceId: "eni-1", deviceIndex: 0 }] })]), []);
    });

    it("not in a VPC: a transfer.Server with a public endpoint, an EventTarget of a Lambda function, an Elasticsearch domain without vpcOptions", () => {
        assert.deepStrictEqual(interfaces([{ type: "aws:transfer/server:Server", name: "r", props: { endpointType: "PUBLIC" } }]), []);
        assert.deepStrictEqual(interfaces([{ type: "aws:cloudwatch/eventTarget:EventTarget", name: "r", props: { arn: "arn:aws:lambda:x", rule: "r" } }]), []);
        assert.deepStrictEqual(interfaces([{ type: "aws:elasticsearch/domain:Domain", name: "r", props: { domainName: "d" } }]), []);
    });
});
