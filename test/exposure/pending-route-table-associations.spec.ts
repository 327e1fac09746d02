import * as assert from "assert";
import { dbNotReachableFromInternet } from "../../policies/exposure/db-not-reachable-from-internet";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import * as n from "./network";

const U = n.U;
const DB = urnOf({ type: "aws:rds/instance:Instance", name: "db" });
const FIX = "Fix: Take the database off the internet: set publiclyAccessible: false, put it in subnets whose route table has no route " +
    "to an internet gateway, and let its security groups admit only the app tier's security group (ALB -> web -> app -> DB).";
const REST = "address: publiclyAccessible: true gives it a public IPv4 address; " + `${n.DEFAULT_ACL}; ` +
    "security group: aws.ec2.SecurityGroup 'db-sg' ingress[0].cidrBlocks[0] allows TCP port 5432 from 0.0.0.0/0 (every IPv4 address)";
const MAY = "aws.rds.Instance 'db' may be reachable from the internet on TCP port 5432 (IPv4). The parts that are known:";
/** The route clause of 'private-a' through the VPC's main table, made public by a MainRouteTableAssociation. */
const MAIN_ROUTE = "route: aws.ec2.Subnet 'private-a' uses aws.ec2.RouteTable 'public' (its VPC's main route table, through " +
    "aws.ec2.MainRouteTableAssociation 'main-routes'), and its routes[0] sends 0.0.0.0/0 to aws.ec2.InternetGateway 'igw'";
const subnetIdDoubt = (association: string) =>
    `Cannot be verified at preview: subnetId of aws.ec2.RouteTableAssociation '${association}' is not known until the resource is created.`;
const GATEWAY_DOUBT = "Cannot be verified at preview: routes[0].gatewayId of aws.ec2.RouteTable 'odd' is not known until the resource is created.";

/** An association whose subnet is not known yet (no dependency names one), to a table of the stack. */
const pending = (name: string, table: string): TestResource => ({ type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name,
    props: { subnetId: U, routeTableId: U }, propertyDependencies: { routeTableId: [table] } });
/** A table whose only route sends everything to a gateway whose ID is not known and that no dependency names. */
const oddTable = n.routeTable("odd", [{ cidrBlock: "0.0.0.0/0", gatewayId: U }], []);
const privateTable = n.routeTable("private", [], []);
const mainIsPublic = n.mainAssociation("main-routes", "public");

/** A VPC with an internet gateway and the public table; a publicly accessible database in 'private-a', which has no association of its own. */
const stack = (...more: TestResource[]): TestResource[] => [n.vpc(), n.igw(), n.subnet("private-a", "10.0.1.0/24"), n.publicTable(), ...more,
    n.group("db-sg", [n.tcpFromWorld(5432)]), n.dbSubnets("db-subnets", ["private-a"]), n.rds("db", "db-subnets", "db-sg", { publiclyAccessible: true })];
const run = (resources: TestResource[]) => runStackPolicy(dbNotReachableFromInternet, resources);
const note = (message: string) => [{ level: "advisory", urn: DB, message }];

describe("route table associations whose subnet is not known yet, for a subnet without an association of its own", () => {
    describe("the VPC's main table holds only the local route", () => {
        it("a note when the pending association's table routes to the internet gateway, naming that table's route", () => {
            const route = "route: aws.ec2.Subnet 'private-a' uses aws.ec2.RouteTable 'public' (through aws.ec2.RouteTableAssociation 'orphan'), " +
                "and its routes[0] sends 0.0.0.0/0 to aws.ec2.InternetGateway 'igw'";
            assert.deepStrictEqual(run(stack(pending("orphan", "public"))), note(`${subnetIdDoubt("orphan")} ${MAY} ${route}; ${REST}. ${FIX}`));
        });

        it("passes when the pending association's table has no route to an internet gateway", () => {
            assert.deepStrictEqual(run(stack(privateTable, pending("orphan", "private"))), []);
        });

        it("a note naming the pending table's own doubt (a gateway not known yet), with no route clause", () => {
            assert.deepStrictEqual(run(stack(oddTable, pending("orphan", "odd"))), note(`${GATEWAY_DOUBT} ${MAY} ${REST}. ${FIX}`));
        });

        it("the doubt of the one pending table that may route to the internet, though another comes first", () => {
            assert.deepStrictEqual(run(stack(privateTable, oddTable, pending("orphan-a", "private"), pending("orphan-b", "odd"))),
                note(`${GATEWAY_DOUBT} ${MAY} ${REST}. ${FIX}`));
        });
    });

    describe("a MainRouteTableAssociation makes the public table the VPC's main", () => {
        it("flags the subnet for sure when the pending association's table routes to the internet gateway too, naming the main table", () => {
            assert.deepStrictEqual(run(stack(mainIsPublic, pending("orphan", "public"))), [{ level: "mandatory", urn: DB,
                message: `aws.rds.Instance 'db' is reachable from the internet on TCP port 5432 (IPv4): ${MAIN_ROUTE}; ${REST}. ${FIX}` }]);
        });

        it("a note when the pending association's table has no route to an internet gateway: the subnet may be that table's", () => {
            assert.deepStrictEqual(run(stack(privateTable, mainIsPublic, pending("orphan", "private"))),
                note(`${subnetIdDoubt("orphan")} ${MAY} ${MAIN_ROUTE}; ${REST}. ${FIX}`));
        });

        it("a note naming the first pending association when none of the tables has a doubt of its own", () => {
            assert.deepStrictEqual(run(stack(privateTable, mainIsPublic, pending("orphan-a", "private"), pending("orphan-b", "public"))),
                note(`${subnetIdDoubt("orphan-a")} ${MAY} ${MAIN_ROUTE}; ${REST}. ${FIX}`));
        });

        it("a note naming the pending table's own doubt (a gateway not known yet), with the main table's route", () => {
            assert.deepStrictEqual(run(stack(oddTable, mainIsPublic, pending("orphan", "odd"))), note(`${GATEWAY_DOUBT} ${MAY} ${MAIN_ROUTE}; ${REST}. ${FIX}`));
        });
    });

    it("a subnet with an association of its own keeps its own table, whatever the pending associations name", () => {
        const own = n.association("private-a-routes", "private-a", "private");
        assert.deepStrictEqual(run(stack(privateTable, mainIsPublic, own, pending("orphan", "public"))), []);
    });
});
