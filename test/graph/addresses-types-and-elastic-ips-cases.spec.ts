/**
 * The public address of a resource, type by type: a launch configuration's and an ECS task set's own
 * flag (else the subnet's defaults), a load balancer's `internal` (aws.alb, aws.elb), the types that
 * have no address at all, and Elastic IPs (aws.ec2.Eip `instance` / `networkInterface`,
 * aws.ec2.EipAssociation `instanceId` / `networkInterfaceId`) on instances, spot instances and
 * network interfaces, by known ID or by dependency.
 */
import * as assert from "assert";
import { addressSpec } from "../../policies/graph/exposure/addresses";
import { AddressSource, Gate } from "../../policies/graph/exposure/path";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;

/** The address gate of resource `name` in subnet `subnet` (a name, "unknown", or none) for the family. */
function gate(resources: TestResource[], name: string, subnet: string | "unknown" | undefined, family: 4 | 6): Gate {
    const model = stackModel(resources);
    const byName = (x: string) => {
        const found = model.resources.find((r) => r.name === x);
        if (!found) {
            throw new Error(`test setup: no resource named ${x}`);
        }
        return found;
    };
    return model.exposure.addresses.of(byName(name), subnet === undefined || subnet === "unknown" ? subnet : byName(subnet), family);
}

const CLOSED: Gate = { definite: false, possible: false, hops: [] };
const open = (type: string, name: string, path: string, family: 4 | 6, source: AddressSource): Gate =>
    ({ definite: true, possible: true, hops: [{ kind: "public-address", urn: urnOf({ type, name }), path, family, source }] });

const SUBNET = TYPE.subnet;
const mapping = (): TestResource => n.subnet("public-a", "10.0.0.0/24", { mapPublicIpOnLaunch: true });
const plain = (): TestResource => n.subnet("public-a", "10.0.0.0/24", { mapPublicIpOnLaunch: false });

const launchConfiguration = (props: Record<string, unknown>): TestResource =>
    ({ type: TYPE.launchConfiguration, name: "web-lc", props: { imageId: "ami-1", instanceType: "t3.micro", ...props } });
const taskSet = (networkConfiguration: Record<string, unknown>): TestResource => ({ type: TYPE.ecsTaskSet, name: "web-ts",
    props: { service: U, cluster: U, taskDefinition: U, launchType: "FARGATE", networkConfiguration: { subnets: [U], ...networkConfiguration } },
    propertyDependencies: { networkConfiguration: ["public-a"] } });
const alb = (props: Record<string, unknown>): TestResource => ({ type: TYPE.alb, name: "web-alb", props: { loadBalancerType: "application", subnets: [U], ...props },
    propertyDependencies: { subnets: ["public-a"] } });
const elb = (props: Record<string, unknown>): TestResource => ({ type: TYPE.elb, name: "web-elb",
    props: { subnets: [U], listeners: [{ instancePort: 80, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }], ...props },
    propertyDependencies: { subnets: ["public-a"] } });

const web = (props: Record<string, unknown> = {}, type: string = TYPE.instance): TestResource =>
    ({ type, name: "web", props: { ami: "ami-1", instanceType: "t3.micro", subnetId: U, associatePublicIpAddress: false, ...props },
        propertyDependencies: { subnetId: ["public-a"] } });
const eip = (props: Record<string, unknown>, deps: Record<string, string[]> = {}): TestResource =>
    ({ type: TYPE.eip, name: "web-ip", props: { domain: "vpc", ...props }, propertyDependencies: deps });
const association = (props: Record<string, unknown>): TestResource =>
    ({ type: TYPE.eipAssociation, name: "web-ip-assoc", props: { allocationId: "eipalloc-0a1", ...props } });

describe("graph: public addresses by type, and Elastic IPs on instances and network interfaces", () => {
    it("a launch configuration with associatePublicIpAddress true, in a subnet that maps no public IPs: public by its own flag", () => {
        assert.deepStrictEqual(gate([n.vpc(), plain(), launchConfiguration({ associatePublicIpAddress: true })], "web-lc", "public-a", 4),
            open(TYPE.launchConfiguration, "web-lc", "associatePublicIpAddress", 4, "own-flag"));
    });

    it("a launch configuration with associatePublicIpAddress false, in a subnet that maps public IPs: no public address", () => {
        assert.deepStrictEqual(gate([n.vpc(), mapping(), launchConfiguration({ associatePublicIpAddress: false })], "web-lc", "public-a", 4), CLOSED);
    });

    it("a launch configuration without associatePublicIpAddress, in a subnet with mapPublicIpOnLaunch true: public by the subnet's default", () => {
        assert.deepStrictEqual(gate([n.vpc(), mapping(), launchConfiguration({})], "web-lc", "public-a", 4),
            open(SUBNET, "public-a", "mapPublicIpOnLaunch", 4, "subnet-default"));
    });

    it("an ECS task set with assignPublicIp true: public IPv4 by its own flag", () => {
        assert.deepStrictEqual(gate([n.vpc(), plain(), taskSet({ assignPublicIp: true })], "web-ts", "public-a", 4),
            open(TYPE.ecsTaskSet, "web-ts", "networkConfiguration.assignPublicIp", 4, "own-flag"));
    });

    it("an ECS task set without assignPublicIp, in a subnet that maps public IPs: no public IPv4 (a task's interface takes no subnet default)", () => {
        assert.deepStrictEqual(gate([n.vpc(), mapping(), taskSet({})], "web-ts", "public-a", 4), CLOSED);
    });

    it("an ECS task set in a subnet with assignIpv6AddressOnCreation true: an IPv6 address from the subnet", () => {
        const subnet = n.subnet("public-a", "10.0.0.0/24", { ipv6CidrBlock: "2600:1f18::/64", assignIpv6AddressOnCreation: true });
        assert.deepStrictEqual(gate([n.vpc(), subnet, taskSet({ assignPublicIp: false })], "web-ts", "public-a", 6),
            open(SUBNET, "public-a", "assignIpv6AddressOnCreation", 6, "ipv6"));
    });

    it("an aws.alb load balancer without `internal`: internet-facing on IPv4, and closed when internal is true", () => {
        assert.deepStrictEqual([gate([n.vpc(), plain(), alb({})], "web-alb", "public-a", 4), gate([n.vpc(), plain(), alb({ internal: true })], "web-alb", "public-a", 4)],
            [open(TYPE.alb, "web-alb", "internal", 4, "internet-facing"), CLOSED]);
    });

    it("an aws.alb load balancer with ipAddressType dualstack and not internal: internet-facing on IPv6", () => {
        assert.deepStrictEqual(gate([n.vpc(), plain(), alb({ ipAddressType: "dualstack", internal: false })], "web-alb", "public-a", 6),
            open(TYPE.alb, "web-alb", "ipAddressType", 6, "internet-facing"));
    });

    it("a classic load balancer (aws.elb) without `internal`: internet-facing; with internal true: no public address", () => {
        assert.deepStrictEqual([gate([n.vpc(), plain(), elb({})], "web-elb", "public-a", 4), gate([n.vpc(), plain(), elb({ internal: true })], "web-elb", "public-a", 4)],
            [open(TYPE.elb, "web-elb", "internal", 4, "internet-facing"), CLOSED]);
    });

    it("the address inputs of a type: none for a VPC or a subnet, publiclyAccessible (and dual stack) for an Aurora or Neptune cluster instance", () => {
        const database = { v4: { path: "publiclyAccessible", publicWhen: true }, dualStack: true };
        assert.deepStrictEqual([TYPE.vpc, TYPE.subnet, TYPE.rdsClusterInstance, TYPE.neptuneClusterInstance].map(addressSpec), [undefined, undefined, database, database]);
    });

    it("an instance with associatePublicIpAddress false and an Eip whose `instance` is its known ID: public by the Elastic IP", () => {
        assert.deepStrictEqual(gate([n.vpc(), plain(), web({ id: "i-0web" }), eip({ instance: "i-0web" })], "web", "public-a", 4),
            open(TYPE.eip, "web-ip", "instance", 4, "elastic-ip"));
    });

    it("a spot instance request with an Eip whose `instance` depends on it: public by the Elastic IP", () => {
        assert.deepStrictEqual(gate([n.vpc(), plain(), web({}, TYPE.spotInstance), eip({ instance: U }, { instance: ["web"] })], "web", "public-a", 4),
            open(TYPE.eip, "web-ip", "instance", 4, "elastic-ip"));
    });

    it("an instance whose primaryNetworkInterfaceId is the known `networkInterface` of an Eip: public by the Elastic IP", () => {
        assert.deepStrictEqual(gate([n.vpc(), plain(), web({ id: "i-0web", primaryNetworkInterfaceId: "eni-0web" }), eip({ networkInterface: "eni-0web" })], "web", "public-a", 4),
            open(TYPE.eip, "web-ip", "networkInterface", 4, "elastic-ip"));
    });

    it("an Eip whose `instance` is the known primary interface ID of an instance: the instance gets no address from it", () => {
        assert.deepStrictEqual(gate([n.vpc(), plain(), web({ id: "i-0web", primaryNetworkInterfaceId: "eni-0web" }), eip({ instance: "eni-0web" })], "web", "public-a", 4), CLOSED);
    });

    it("a network interface with a known ID named by an EipAssociation's networkInterfaceId: public by the association", () => {
        const eni: TestResource = { type: TYPE.eni, name: "web-eni", props: { id: "eni-0a", subnetId: U }, propertyDependencies: { subnetId: ["public-a"] } };
        assert.deepStrictEqual(gate([n.vpc(), plain(), eni, association({ networkInterfaceId: "eni-0a" })], "web-eni", "public-a", 4),
            open(TYPE.eipAssociation, "web-ip-assoc", "networkInterfaceId", 4, "elastic-ip"));
    });

    it("an instance with a known ID named by an EipAssociation's instanceId: public by the association", () => {
        assert.deepStrictEqual(gate([n.vpc(), plain(), web({ id: "i-0web" }), association({ instanceId: "i-0web" })], "web", "public-a", 4),
            open(TYPE.eipAssociation, "web-ip-assoc", "instanceId", 4, "elastic-ip"));
    });

    it("an Eip whose networkInterface comes from a VPC endpoint: an instance without its own public address may have the Elastic IP", () => {
        const endpoint: TestResource = { type: TYPE.vpcEndpoint, name: "s3", props: { vpcId: U, serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Interface" },
            propertyDependencies: { vpcId: ["main"] } };
        assert.deepStrictEqual(gate([n.vpc(), plain(), endpoint, web(), eip({ networkInterface: U }, { networkInterface: ["s3"] })], "web", "public-a", 4), {
            definite: false, possible: true, hops: [],
            doubt: { why: { undetermined: "unknown", path: "networkInterface", reason: "networkInterface is not known until the resource is created" },
                urn: urnOf({ type: TYPE.eip, name: "web-ip" }) },
        });
    });

    it("an instance named by a volume attachment's instanceId (not an Elastic IP) and associatePublicIpAddress false: no public address", () => {
        const attachment: TestResource = { type: TYPE.volumeAttachment, name: "data", props: { deviceName: "/dev/sdh", volumeId: "vol-0a", instanceId: "i-0web" } };
        assert.deepStrictEqual(gate([n.vpc(), plain(), web({ id: "i-0web" }), attachment], "web", "public-a", 4), CLOSED);
    });
});
