/**
 * Which route table a subnet uses, and which routes it holds (graph/exposure/routes.ts): the VPC's
 * default route table named by its own ID, by the VPC's defaultRouteTableId or by its vpcId, and a
 * route whose table cannot be told yet. Each case is an instance open to the world on SSH, with a
 * public address, in subnet 'a'; the verdict is admin-ports-not-reachable-from-internet's.
 */
import * as assert from "assert";
import { adminPortsNotReachableFromInternet } from "../../policies/exposure/admin-ports-not-reachable-from-internet";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

type Props = Record<string, unknown>;
const res = (type: string, name: string, props: Props, deps: Record<string, string[]> = {}): TestResource => ({ type, name, props, propertyDependencies: deps });
const vpc = (props: Props = {}) => res(TYPE.vpc, "main", { cidrBlock: "10.0.0.0/16", id: "vpc-1", ...props });
const open = [
    res(TYPE.internetGateway, "igw", { id: "igw-1", vpcId: "vpc-1" }),
    res(TYPE.subnet, "a", { id: "subnet-a", vpcId: "vpc-1", cidrBlock: "10.0.1.0/24" }),
    res(TYPE.sg, "web", { id: "sg-web", vpcId: "vpc-1", description: "web", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] }),
    res(TYPE.instance, "vm", { ami: "ami-1", instanceType: "t3.micro", subnetId: "subnet-a", vpcSecurityGroupIds: ["sg-web"], associatePublicIpAddress: true }),
];
const toInternet = { cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" };
const defaultTable = (props: Props, deps: Record<string, string[]> = {}) => res(TYPE.defaultRouteTable, "default-rt", props, deps);

const VM = urnOf({ type: TYPE.instance, name: "vm" });
/** Each finding: level, the message up to its first clause, resource. */
const verdict = (resources: TestResource[]) => runStackPolicy(adminPortsNotReachableFromInternet, resources).map((f) => [f.level, f.message.split(": ")[0], f.urn]);
const REACHABLE = [["mandatory", "aws.ec2.Instance 'vm' is reachable from the internet over IPv4 on SSH (TCP port 22)", VM]];

describe("graph/routes: the VPC's default route table", () => {
    it("named by its defaultRouteTableId in an association (its ID not in the props, and the VPC does not carry it)", () => {
        const stack = [...open, defaultTable({ defaultRouteTableId: "rtb-d", routes: [toInternet] }),
            res(TYPE.routeTableAssociation, "a-rt", { subnetId: "subnet-a", routeTableId: "rtb-d" })];
        assert.deepStrictEqual(verdict([vpc(), ...stack]), REACHABLE);
    });

    it("linked to its VPC by vpcId: the main table of a subnet without an association", () => {
        assert.deepStrictEqual(verdict([vpc(), ...open, defaultTable({ vpcId: "vpc-1", routes: [toInternet] })]), REACHABLE);
    });

    it("linked to its VPC by the VPC's defaultRouteTableId: the main table of a subnet without an association", () => {
        assert.deepStrictEqual(verdict([vpc({ defaultRouteTableId: "rtb-d" }), ...open, defaultTable({ defaultRouteTableId: "rtb-d", routes: [toInternet] })]), REACHABLE);
    });

    it("two DefaultRouteTables for one VPC (a broken input): the first in stack order is its main table", () => {
        const first = defaultTable({ vpcId: "vpc-1", routes: [toInternet] });
        const second = { ...defaultTable({ vpcId: "vpc-1", routes: [] }), name: "default-rt-2" };
        assert.deepStrictEqual([verdict([vpc(), ...open, first, second]), verdict([vpc(), ...open, second, first])], [REACHABLE, []]);
    });

    it("a route named through the VPC (vpc.defaultRouteTableId, not known yet) lands on the default table the stack declares", () => {
        const route = res(TYPE.route, "to-igw", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }, { routeTableId: ["main"] });
        const declared = defaultTable({ defaultRouteTableId: UNKNOWN, routes: [] }, { defaultRouteTableId: ["main"] });
        assert.deepStrictEqual(verdict([vpc({ defaultRouteTableId: UNKNOWN }), ...open, declared, route]), REACHABLE);
    });

    it("a route that names the VPC's known defaultRouteTableId (no table declared, no mainRouteTableId known) is on the main table AWS made", () => {
        const route = res(TYPE.route, "to-igw", { routeTableId: "rtb-d", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" });
        assert.deepStrictEqual(verdict([vpc({ defaultRouteTableId: "rtb-d" }), ...open, route]), REACHABLE);
    });
});

describe("graph/routes: a route whose table cannot be told yet", () => {
    it("may be on the main table AWS made with the VPC, which the subnet uses: the finding cannot be verified, and names the route", () => {
        const route = res(TYPE.route, "to-igw", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" });
        const findings = runStackPolicy(adminPortsNotReachableFromInternet, [vpc(), ...open, route]);
        assert.deepStrictEqual(findings.map((f) => [f.level, f.message.split(". ").slice(0, 2), f.urn]), [["advisory", [
            "Cannot be verified at preview: routeTableId of aws.ec2.Route 'to-igw' is not known until the resource is created",
            "aws.ec2.Instance 'vm' may be reachable from the internet on TCP port 22 (IPv4)"], VM]]);
    });
});
