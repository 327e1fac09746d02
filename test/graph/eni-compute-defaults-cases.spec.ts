/**
 * Instances and ECS tasks that declare no security group get their subnet's VPC's default group,
 * unless the instance is launched on an existing interface (networkInterfaces), which holds its groups.
 */
import * as assert from "assert";
import { UNKNOWN } from "../util/run-policy";
import { TestResource } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const vpc: TestResource = { type: TYPE.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
const subnet: TestResource = { type: TYPE.subnet, name: "a", props: { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24" }, propertyDependencies: { vpcId: ["main"] } };
const defaultSg: TestResource = { type: TYPE.defaultSg, name: "default", props: { vpcId: UNKNOWN }, propertyDependencies: { vpcId: ["main"] } };

/** A resource whose input `key` depends on subnet 'a'. */
const inA = (type: string, key: string, props: Record<string, unknown>): TestResource =>
    ({ type, name: "r", props, propertyDependencies: { [key]: ["a"] } });

/** [path, groups (by name), declares none] of the resource's interfaces. */
function interfaces(resource: TestResource): [string, string[], boolean][] {
    const model = stackModel([vpc, subnet, defaultSg, resource]);
    return model.interfaces.filter((n) => n.resource.name === "r")
        .map((n) => [n.path, n.groups.map((g) => (g.kind === "stack" ? model.byUrn.get(g.urn)?.name ?? g.urn : g.id)), n.implicitDefault !== undefined]);
}

describe("graph: compute resources that declare no security group", () => {
    it("ecs.Service in subnet 'a' with no securityGroups gets the VPC's default group", () => {
        assert.deepStrictEqual(interfaces(inA(TYPE.ecsService, "networkConfiguration", { networkConfiguration: { subnets: [UNKNOWN] } })),
            [["networkConfiguration.securityGroups", ["default"], true]]);
    });

    it("ec2.SpotInstanceRequest in subnet 'a' with no groups gets the VPC's default group", () => {
        assert.deepStrictEqual(interfaces(inA(TYPE.spotInstance, "subnetId", { subnetId: UNKNOWN, instanceType: "t3.micro" })),
            [["vpcSecurityGroupIds + securityGroups", ["default"], true]]);
    });

    it("ec2.SpotInstanceRequest launched on an existing network interface adds no interface of its own and no default group", () => {
        assert.deepStrictEqual(interfaces(inA(TYPE.spotInstance, "subnetId",
            { subnetId: UNKNOWN, networkInterfaces: [{ networkInterfaceId: "eni-1", deviceIndex: 0 }] })), []);
    });
});
