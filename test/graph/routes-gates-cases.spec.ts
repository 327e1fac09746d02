/**
 * What a subnet's routes make of a path from the internet (graph/exposure/routes.ts): the VPC or the
 * table not in the stack, routes elsewhere that cover an internet route, and routes whose table
 * cannot be told yet. Each case is an instance open to the world on SSH, with a public address, in
 * subnet 'a'; the verdict is admin-ports-not-reachable-from-internet's.
 */
import * as assert from "assert";
import { adminPortsNotReachableFromInternet } from "../../policies/exposure/admin-ports-not-reachable-from-internet";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

type Props = Record<string, unknown>;
const res = (type: string, name: string, props: Props): TestResource => ({ type, name, props });
const network = (subnetProps: Props = { vpcId: "vpc-1" }) => [
    res(TYPE.vpc, "main", { cidrBlock: "10.0.0.0/16", id: "vpc-1" }),
    res(TYPE.internetGateway, "igw", { id: "igw-1", vpcId: "vpc-1" }),
    res(TYPE.subnet, "a", { id: "subnet-a", cidrBlock: "10.0.1.0/24", ...subnetProps }),
    res(TYPE.sg, "web", { id: "sg-web", vpcId: "vpc-1", description: "web", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] }),
    res(TYPE.instance, "vm", { ami: "ami-1", instanceType: "t3.micro", subnetId: "subnet-a", vpcSecurityGroupIds: ["sg-web"], associatePublicIpAddress: true }),
];
const table = (routes: Props[]) => [res(TYPE.routeTable, "rt", { id: "rtb-1", vpcId: "vpc-1", routes }),
    res(TYPE.routeTableAssociation, "a-rt", { subnetId: "subnet-a", routeTableId: "rtb-1" })];
const to = (cidrBlock: string, gatewayId: string) => ({ cidrBlock, gatewayId });

const VM = urnOf({ type: TYPE.instance, name: "vm" });
/** Each finding: level, the first two sentences, resource. */
const verdict = (resources: TestResource[]) => runStackPolicy(adminPortsNotReachableFromInternet, resources).map((f) => [f.level, f.message.split(". ").slice(0, 2).join(". "), f.urn]);
const MAY = "aws.ec2.Instance 'vm' may be reachable from the internet on TCP port 22 (IPv4)";
const REACHABLE = ["mandatory", "aws.ec2.Instance 'vm' is reachable from the internet over IPv4 on SSH (TCP port 22): route: aws.ec2.Subnet 'a' uses aws.ec2.RouteTable 'rt' " +
    "(through aws.ec2.RouteTableAssociation 'a-rt'), and its routes[0] sends 0.0.0.0/0 to aws.ec2.InternetGateway 'igw'; address: associatePublicIpAddress: true gives it a public IPv4 address; " +
    "network ACL: the default network ACL of aws.ec2.Vpc 'main' (AWS's, not declared in this stack): inbound rule 100 lets all traffic in, and outbound rule 100 lets all traffic out, the replies among it; " +
    "security group: aws.ec2.SecurityGroup 'web' ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address). Scanners find and brute-force admin ports within minutes", VM];

describe("graph/routes: the subnet's table", () => {
    it("a subnet whose VPC is not known yet and that has no association: cannot be verified, and says why", () => {
        assert.deepStrictEqual(verdict(network({ vpcId: UNKNOWN })), [["advisory",
            `Cannot be verified at preview: vpcId of aws.ec2.Subnet 'a' is not known until the resource is created. ${MAY}`, VM]]);
    });

    it("a subnet of the account's default VPC (declared in the stack) without an association: its main route table is not in the stack", () => {
        const stack = [...network({ vpcId: "vpc-default" }), res(TYPE.defaultVpc, "default-vpc", { id: "vpc-default" })];
        assert.deepStrictEqual(verdict(stack).map((f) => [f[0], (f[1] as string).split(". ")[0]]), [["advisory",
            "Cannot be verified: subnet 'a' has no route table association, and the main route table of the account's default VPC is not in this stack"]]);
    });

    it("an association with a route table from outside the stack, or with the default VPC's main table: its routes cannot be checked", () => {
        const outside = (routeTableId: string) => [...network(), res(TYPE.defaultVpc, "default-vpc", { id: "vpc-default", mainRouteTableId: "rtb-dv" }),
            res(TYPE.routeTableAssociation, "a-rt", { subnetId: "subnet-a", routeTableId })];
        assert.deepStrictEqual([verdict(outside("rtb-ext")), verdict(outside("rtb-dv"))].map((v) => v.map((f) => [f[0], (f[1] as string).split(". ")[0]])), [
            [["advisory", "Cannot be verified: route table rtb-ext is not in this stack, so its routes cannot be checked"]],
            [["advisory", "Cannot be verified: route table rtb-dv is not in this stack, so its routes cannot be checked"]],
        ]);
    });
});

describe("graph/routes: the doubt of a table not in the stack names the property", () => {
    const gate = (resources: TestResource[]) => {
        const model = stackModel(resources);
        return model.exposure.routing.routing({ kind: "stack", urn: urnOf({ type: TYPE.subnet, name: "a" }) }, 4).doubt?.why.path;
    };

    it("the subnet's vpcId for the default VPC's main table; the association's routeTableId for a table from outside", () => {
        assert.deepStrictEqual([gate([...network({ vpcId: "vpc-default" }), res(TYPE.defaultVpc, "default-vpc", { id: "vpc-default" })]),
            gate([...network(), res(TYPE.routeTableAssociation, "a-rt", { subnetId: "subnet-a", routeTableId: "rtb-ext" })])], ["vpcId", "routeTableId"]);
    });
});

describe("graph/routes: the routes of a table", () => {
    it("an internet route that more specific routes to a VPN gateway cover whole is no path", () => {
        assert.deepStrictEqual(verdict([...network(), ...table([to("0.0.0.0/0", "igw-1"), to("0.0.0.0/1", "vgw-1"), to("128.0.0.0/1", "vgw-1")])]), []);
    });

    it("an internet route that more specific routes elsewhere leave something of is a path", () => {
        assert.deepStrictEqual(verdict([...network(), ...table([to("0.0.0.0/0", "igw-1"), to("0.0.0.0/1", "vgw-1")])]), [REACHABLE]);
    });

    it("a less specific route elsewhere, or one to the same block (a broken input), does not hide internet routes", () => {
        const levels = (routes: Props[]) => verdict([...network(), ...table(routes)]).map((f) => f[0]);
        assert.deepStrictEqual([levels([to("0.0.0.0/1", "igw-1"), to("128.0.0.0/1", "igw-1"), to("0.0.0.0/0", "vgw-1")]),
            levels([to("0.0.0.0/0", "igw-1"), to("0.0.0.0/0", "vgw-1")])], [["mandatory"], ["mandatory"]]);
    });

    it("a more specific route to the internet does not cover a broader one", () => {
        assert.deepStrictEqual(verdict([...network(), ...table([to("0.0.0.0/0", "igw-1"), to("0.0.0.0/1", "igw-1"), to("128.0.0.0/1", "vgw-1")])]).map((f) => f[0]), ["mandatory"]);
    });

    it("a route whose table cannot be told yet leaves the subnet's own table's internet route sure", () => {
        const pending = res(TYPE.route, "to-igw", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" });
        assert.deepStrictEqual(verdict([...network(), ...table([to("0.0.0.0/0", "igw-1")]), pending]), [REACHABLE]);
    });

    it("routes to a VPN gateway whose table cannot be told yet may hide the subnet's internet route: cannot be verified", () => {
        const pending = (name: string, cidr: string) => res(TYPE.route, name, { routeTableId: UNKNOWN, destinationCidrBlock: cidr, gatewayId: "vgw-1" });
        assert.deepStrictEqual(verdict([...network(), ...table([to("0.0.0.0/0", "igw-1")]), pending("low", "0.0.0.0/1"), pending("high", "128.0.0.0/1")]), [["advisory",
            `Cannot be verified at preview: routeTableId of aws.ec2.Route 'low' is not known until the resource is created. ${MAY}`, VM]]);
    });

    it("a route whose target or table is not known yet, which more specific routes to a VPN gateway cover whole, is no path", () => {
        const vpn = [to("0.0.0.0/1", "vgw-1"), to("128.0.0.0/1", "vgw-1")];
        const pending = res(TYPE.route, "to-igw", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" });
        assert.deepStrictEqual([verdict([...network(), ...table([...vpn, { cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }])]), verdict([...network(), ...table(vpn), pending])], [[], []]);
    });

    it("a route to a VPN gateway whose destination is a prefix list from outside the stack: no path", () => {
        assert.deepStrictEqual(verdict([...network(), ...table([{ destinationPrefixListId: "pl-0ext", gatewayId: "vgw-1" }])]), []);
    });

    it("a route whose table cannot be told yet, to a VPN gateway: no path, wherever it is", () => {
        const pending = res(TYPE.route, "to-vpn", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: "vgw-1" });
        assert.deepStrictEqual(verdict([...network(), ...table([to("10.9.0.0/16", "vgw-1")]), pending]), []);
    });

    it("a route whose table cannot be told yet, to the internet, on a table without one: cannot be verified", () => {
        const pending = res(TYPE.route, "to-igw", { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" });
        assert.deepStrictEqual(verdict([...network(), ...table([to("10.9.0.0/16", "vgw-1")]), pending]), [["advisory",
            `Cannot be verified at preview: routeTableId of aws.ec2.Route 'to-igw' is not known until the resource is created. ${MAY}`, VM]]);
    });
});
