import * as assert from "assert";
import { StackResource } from "../../policies/graph/resource";
import { VpcRef, vpcText } from "../../policies/graph/vpcs";
import { UNKNOWN } from "../util/run-policy";
import { TestResource } from "../util/run-stack-policy";
import { TYPES } from "../util/stack-fixtures";
import { implicitDefaultOf } from "./stack-model-fixtures";

const vpc = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: TYPES.vpc, name, props: { cidrBlock: "10.0.0.0/16", ...props } });
const subnet = (name: string, props: Record<string, unknown>): TestResource => ({ type: TYPES.subnet, name, props: { cidrBlock: "10.0.1.0/24", ...props } });
const defaultGroup = (name: string, props: Record<string, unknown>): TestResource => ({ type: TYPES.defaultSg, name, props });
const instance = (props: Record<string, unknown>): TestResource => ({ type: TYPES.instance, name: "vm", props: { instanceType: "t3.micro", ...props } });
const database = (props: Record<string, unknown>): TestResource => ({ type: TYPES.rdsInstance, name: "db", props: { engine: "postgres", ...props } });
const rdsSubnets = (props: Record<string, unknown>): TestResource => ({ type: TYPES.rdsSubnetGroup, name: "subnets", props });
const unknown = (path: string, reason: string) => ({ kind: "undetermined", why: { undetermined: "unknown", path, reason } });

describe("graph/vpcs: the VPC of a DefaultSecurityGroup", () => {
    it("its vpcId not known yet: the VPC whose known defaultSecurityGroupId is its ID still finds it", () => {
        assert.deepStrictEqual(implicitDefaultOf([
            vpc("main", { id: "vpc-1", defaultSecurityGroupId: "sg-def" }),
            defaultGroup("default", { id: "sg-def", vpcId: UNKNOWN }),
            subnet("a", { id: "subnet-a", vpcId: "vpc-1" }),
            instance({ subnetId: "subnet-a" }),
        ], "vm"), { vpc: "main", group: "default" });
    });

    it("its vpcId names its VPC, even when its ID is another VPC's defaultSecurityGroupId", () => {
        const stack = [
            vpc("a", { id: "vpc-a", defaultSecurityGroupId: "sg-def" }),
            vpc("b", { id: "vpc-b" }),
            defaultGroup("default", { id: "sg-def", vpcId: "vpc-b" }),
            subnet("in-b", { id: "subnet-b", vpcId: "vpc-b" }),
        ];
        assert.deepStrictEqual(implicitDefaultOf([...stack, instance({ subnetId: "subnet-b" })], "vm"), { vpc: "b", group: "default" });
    });

    it("a VPC from outside the stack: the group serves the resources in that VPC only", () => {
        const stack = [defaultGroup("default", { vpcId: "vpc-ext" }), subnet("a", { id: "subnet-a", vpcId: "vpc-ext" }), subnet("b", { id: "subnet-b", vpcId: "vpc-other" })];
        assert.deepStrictEqual(implicitDefaultOf([...stack, instance({ subnetId: "subnet-a" })], "vm"), { vpc: { kind: "external", id: "vpc-ext" }, group: "default" });
        assert.deepStrictEqual(implicitDefaultOf([...stack, instance({ subnetId: "subnet-b" })], "vm"), { vpc: { kind: "external", id: "vpc-other" }, group: undefined });
        assert.deepStrictEqual(implicitDefaultOf([...stack, instance({})], "vm"), { vpc: { kind: "account-default" }, group: undefined });
    });

    it("no vpcId and no DefaultVpc in the stack: the default VPC's group serves resources with no subnet", () => {
        assert.deepStrictEqual(implicitDefaultOf([defaultGroup("default", {}), vpc("main"), instance({})], "vm"), { vpc: { kind: "account-default" }, group: "default" });
    });
});

describe("graph/vpcs: the VPC of a resource", () => {
    it("no subnet, and the stack creates a VPC but declares no DefaultVpc: the account's default VPC", () => {
        assert.deepStrictEqual(implicitDefaultOf([vpc("main"), instance({})], "vm"), { vpc: { kind: "account-default" }, group: undefined });
    });

    it("a subnet of the stack without a vpcId, next to a DefaultVpc: not known, and the reason names the subnet", () => {
        assert.deepStrictEqual(implicitDefaultOf([{ type: TYPES.defaultVpc, name: "default-vpc", props: {} }, subnet("a", {}), instance({ subnetId: UNKNOWN })].map((r) =>
            r.name === "vm" ? { ...r, propertyDependencies: { subnetId: ["a"] } } : r), "vm"),
        { vpc: unknown("vpcId", "the vpcId of subnet 'a' is not known until it is created"), group: undefined });
    });

    it("a subnet whose vpcId is not a string: the reason says so and names the subnet", () => {
        assert.deepStrictEqual(implicitDefaultOf([subnet("a", { id: "subnet-a", vpcId: 5 }), instance({ subnetId: "subnet-a" })], "vm"),
            { vpc: { kind: "undetermined", why: { undetermined: "invalid", path: "vpcId", reason: "vpcId should be a string, got 5 (subnet 'a')" } }, group: undefined });
    });

    it("a subnet list with an ID not known yet (opensearch.Domain vpcOptions.subnetIds): the VPC is not known", () => {
        assert.deepStrictEqual(implicitDefaultOf([vpc("main"), { type: TYPES.opensearch, name: "search", props: { vpcOptions: { subnetIds: [UNKNOWN] } } }], "search"),
            { vpc: unknown("vpcOptions.subnetIds", "vpcOptions.subnetIds is not known until the resource is created"), group: undefined });
    });
});

describe("graph/vpcs: the VPC of a subnet group of the stack", () => {
    it("named by its ID (its name not in the props): its subnets' VPC", () => {
        assert.deepStrictEqual(implicitDefaultOf([
            vpc("main", { id: "vpc-1" }), defaultGroup("default", { vpcId: "vpc-1" }), subnet("a", { id: "subnet-a", vpcId: "vpc-1" }),
            rdsSubnets({ id: "db-subnets", subnetIds: ["subnet-a"] }), database({ dbSubnetGroupName: "db-subnets" }),
        ], "db"), { vpc: "main", group: "default" });
    });

    it("subnets from outside the stack and no vpcId output: the VPC of its first subnet", () => {
        assert.deepStrictEqual(implicitDefaultOf([rdsSubnets({ name: "db-subnets", subnetIds: ["subnet-0ext"] }), database({ dbSubnetGroupName: "db-subnets" })], "db"),
            { vpc: { kind: "external", via: "subnet subnet-0ext" }, group: undefined });
    });

    it("subnets not known yet: not known, and the reason names the subnet group", () => {
        assert.deepStrictEqual(implicitDefaultOf([rdsSubnets({ name: "db-subnets", subnetIds: UNKNOWN }), database({ dbSubnetGroupName: "db-subnets" })], "db"),
            { vpc: unknown("subnetIds", "the subnetIds of subnet group 'subnets' is not known until it is created"), group: undefined });
    });

    it("no subnets at all: not known, and the reason names the subnet group", () => {
        assert.deepStrictEqual(implicitDefaultOf([rdsSubnets({ name: "db-subnets", subnetIds: [] }), database({ dbSubnetGroupName: "db-subnets" })], "db"),
            { vpc: unknown("subnetIds", "the subnetIds of subnet group 'subnets' is not known until it is created"), group: undefined });
    });
});

describe("graph/vpcs: a VPC in words", () => {
    const main = { urn: "urn:pulumi:s::p::aws:ec2/vpc:Vpc::main", name: "main" } as StackResource;
    const text = (v: VpcRef) => vpcText(v, (r) => `aws.ec2.Vpc '${r.name}'`, new Map([[main.urn, main]]));

    it("names the stack's VPC, a VPC by ID, the VPC of an outside resource, the default VPC, or 'its VPC'", () => {
        assert.deepStrictEqual([
            text({ kind: "stack", urn: main.urn }),
            text({ kind: "stack", urn: "urn:pulumi:s::p::aws:ec2/vpc:Vpc::gone" }),
            text({ kind: "external", id: "vpc-1" }),
            text({ kind: "external", via: "subnet subnet-1" }),
            text({ kind: "external" }),
            text({ kind: "account-default" }),
            text({ kind: "undetermined", why: { undetermined: "unknown", path: "vpcId", reason: "r" } }),
        ], [
            "aws.ec2.Vpc 'main'",
            "urn:pulumi:s::p::aws:ec2/vpc:Vpc::gone",
            "VPC vpc-1",
            "the VPC of subnet subnet-1",
            "the VPC of a resource outside the stack",
            "the account's default VPC",
            "its VPC",
        ]);
    });
});
