/**
 * The network map of small networks written out by hand (test/exposure/network.ts): what the map
 * draws for a path that may exist, a group from outside the stack, a VPC's default group the
 * stack does not declare, an egress-only gateway and a subnet whose route table is not known yet.
 */
import * as assert from "assert";
import { buildMap } from "../../cli/map/build";
import * as n from "../exposure/network";
import { TestResource } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";
import { view } from "./map-view";

const U = n.U;
const mapOf = (resources: TestResource[]) => buildMap(stackModel(resources), [], [], "test");

describe("network map: shapes", () => {
    it("an instance in a subnet outside the stack, with a public address and SSH open to the world: a possible path, outside the stack's VPCs", () => {
        const map = mapOf([n.vpc(), n.group("ssh", [n.tcpFromWorld(22)]),
            { type: TYPE.instance, name: "bastion", props: { ami: "ami-1", subnetId: "subnet-0abc", associatePublicIpAddress: true, vpcSecurityGroupIds: [U] },
                propertyDependencies: { vpcSecurityGroupIds: ["ssh"] } }]);
        assert.deepStrictEqual(view(map), {
            nodes: ["internet Internet", "outside Outside this stack's VPCs", "resource bastion exposed:possible in outside Outside this stack's VPCs",
                "security-group ssh in vpc main", "vpc main"],
            edges: ["exposure: internet Internet -> resource bastion [TCP port 22 (IPv4)] possible", "member: resource bastion -> security-group ssh"],
        });
        const path = map.edges.find((e) => e.kind === "exposure");
        assert.deepStrictEqual(path?.details, ["may be reachable on TCP port 22 (IPv4): address: associatePublicIpAddress: true gives it a public IPv4 address. " +
            "It hinges on this: subnet subnet-0abc is not in this stack, so its routes and network ACL cannot be checked"]);
    });

    it("a group from outside the stack, by its ID: a node of its own outside the stack's VPCs", () => {
        const map = mapOf([...n.network(), { type: TYPE.instance, name: "web", props: { ami: "ami-1", subnetId: U, vpcSecurityGroupIds: ["sg-0123"] },
            propertyDependencies: { subnetId: ["private-a"] } }]);
        const { nodes, edges } = view(map);
        assert.deepStrictEqual([nodes.filter((x) => x.startsWith("security-group") || x.startsWith("outside")), edges.filter((e) => e.startsWith("member"))], [
            ["outside Outside this stack's VPCs", "security-group sg-0123 in outside Outside this stack's VPCs"],
            ["member: resource web -> security-group sg-0123"],
        ]);
    });

    it("an instance that declares no group: its VPC's default group, which AWS made and the stack does not declare", () => {
        const map = mapOf([...n.network(), { type: TYPE.instance, name: "web", props: { ami: "ami-1", subnetId: U }, propertyDependencies: { subnetId: ["private-a"] } }]);
        const { nodes, edges } = view(map);
        assert.deepStrictEqual([nodes.filter((x) => x.startsWith("security-group")), edges.filter((e) => e.startsWith("member"))], [
            ["security-group default in vpc main"], ["member: resource web -> security-group default"],
        ]);
        assert.deepStrictEqual(map.nodes.find((x) => x.label === "default")?.details,
            ["the default security group of aws.ec2.Vpc 'main', which AWS creates with the VPC and this stack does not declare"]);
    });

    it("an egress-only gateway: drawn from the internet, labelled as letting IPv6 out only; a route to it makes no subnet public", () => {
        const map = mapOf([n.vpc(), n.eigw(), n.subnet("v6", "10.0.0.0/24"),
            n.routeTable("v6-out", [{ ipv6CidrBlock: "::/0", egressOnlyGatewayId: U }], ["eigw"]), n.association("v6-routes", "v6", "v6-out")]);
        assert.deepStrictEqual(view(map), {
            nodes: ["gateway eigw in vpc main", "internet Internet", "subnet v6 (private) in vpc main", "vpc main"],
            edges: ["gateway: internet Internet -> gateway eigw [IPv6 out only]"],
        });
    });

    it("a route table association whose subnet is not known yet: every subnet of the stack may be public", () => {
        const map = mapOf([n.vpc(), n.igw(), n.subnet("a", "10.0.0.0/24"), n.publicTable(),
            { type: TYPE.routeTableAssociation, name: "pending", props: { subnetId: U, routeTableId: U }, propertyDependencies: { routeTableId: ["public"] } }]);
        assert.deepStrictEqual(view(map), {
            nodes: ["gateway igw in vpc main", "internet Internet", "subnet a (maybe-public) in vpc main", "vpc main"],
            edges: ["gateway: internet Internet -> gateway igw", "route: gateway igw -> subnet a [0.0.0.0/0 (possibly)]"],
        });
        assert.match(map.nodes.find((x) => x.label === "a")?.details[1] ?? "", /^IPv4: may route the internet to an internet gateway: subnetId /);
    });
});
