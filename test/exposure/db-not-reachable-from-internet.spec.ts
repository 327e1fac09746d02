import * as assert from "assert";
import { dbNotReachableFromInternet } from "../../policies/exposure/db-not-reachable-from-internet";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import * as n from "./network";

const U = n.U;
const FIX = "Fix: Take the database off the internet: set publiclyAccessible: false, put it in subnets whose route table has no route " +
    "to an internet gateway, and let its security groups admit only the app tier's security group (ALB -> web -> app -> DB).";
const ADDRESS = "address: publiclyAccessible: true gives it a public IPv4 address";
const SG_5432 = "security group: aws.ec2.SecurityGroup 'db-sg' ingress[0].cidrBlocks[0] allows TCP port 5432 from 0.0.0.0/0 (every IPv4 address)";

/** A PostgreSQL instance in the given subnets, its group open to the world on 5432. */
const database = (subnets: string[], props: Record<string, unknown> = { publiclyAccessible: true }, vpcId = U): TestResource[] => [
    n.group("db-sg", [n.tcpFromWorld(5432)], vpcId), n.dbSubnets("db-subnets", subnets), n.rds("db", "db-subnets", "db-sg", props),
];
const DB = urnOf({ type: "aws:rds/instance:Instance", name: "db" });
const run = (resources: TestResource[]) => runStackPolicy(dbNotReachableFromInternet, resources);
const violation = (message: string) => [{ level: "mandatory", urn: DB, message }];

describe("db-not-reachable-from-internet", () => {
    it("flags RDS publiclyAccessible in a public subnet, with the whole path hop by hop", () => {
        assert.deepStrictEqual(run([...n.network(), ...database(["public-a"])]), violation(
            `aws.rds.Instance 'db' is reachable from the internet on TCP port 5432 (IPv4): ${n.PUBLIC_ROUTE}; ${ADDRESS}; ${n.DEFAULT_ACL}; ${SG_5432}. ${FIX}`));
    });

    it("passes RDS publiclyAccessible in a private subnet: the VPC's main route table holds only the local route", () => {
        assert.deepStrictEqual(run([...n.network(), ...database(["private-a"])]), []);
    });

    it("passes RDS in a public subnet that is not publicly accessible (no public address), flag absent or false", () => {
        assert.deepStrictEqual(run([...n.network(), ...database(["public-a"], {})]), []);
        assert.deepStrictEqual(run([...n.network(), ...database(["public-a"], { publiclyAccessible: false })]), []);
    });

    it("flags a subnet without an association of its own when a MainRouteTableAssociation makes the public table the VPC's main", () => {
        const route = "route: aws.ec2.Subnet 'private-a' uses aws.ec2.RouteTable 'public' (its VPC's main route table, through " +
            "aws.ec2.MainRouteTableAssociation 'main-routes'), and its routes[0] sends 0.0.0.0/0 to aws.ec2.InternetGateway 'igw'";
        assert.deepStrictEqual(run([...n.network(), n.mainAssociation("main-routes", "public"), ...database(["private-a"])]), violation(
            `aws.rds.Instance 'db' is reachable from the internet on TCP port 5432 (IPv4): ${route}; ${ADDRESS}; ${n.DEFAULT_ACL}; ${SG_5432}. ${FIX}`));
    });

    it("passes a subnet whose own association names a private table, though the VPC's main table is public", () => {
        const resources = [...n.network(), n.mainAssociation("main-routes", "public"), n.routeTable("private", [], []),
            n.association("private-a-routes", "private-a", "private"), ...database(["private-a"])];
        assert.deepStrictEqual(run(resources), []);
    });

    it("flags the VPC's aws.ec2.DefaultRouteTable when it routes to the internet gateway", () => {
        const table: TestResource = { type: "aws:ec2/defaultRouteTable:DefaultRouteTable", name: "default-routes",
            props: { defaultRouteTableId: U, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: U }] },
            propertyDependencies: { defaultRouteTableId: ["main"], routes: ["igw"] } };
        const route = "route: aws.ec2.Subnet 'private-a' uses aws.ec2.DefaultRouteTable 'default-routes' (its VPC's main route table), " +
            "and its routes[0] sends 0.0.0.0/0 to aws.ec2.InternetGateway 'igw'";
        assert.deepStrictEqual(run([...n.network(), table, ...database(["private-a"])]), violation(
            `aws.rds.Instance 'db' is reachable from the internet on TCP port 5432 (IPv4): ${route}; ${ADDRESS}; ${n.DEFAULT_ACL}; ${SG_5432}. ${FIX}`));
    });

    it("flags an aws.ec2.Route added to the VPC's main table through the VPC (vpc.mainRouteTableId), for a subnet without an association", () => {
        const route: TestResource = { type: "aws:ec2/route:Route", name: "to-internet", props: { routeTableId: U, destinationCidrBlock: "0.0.0.0/0", gatewayId: U },
            propertyDependencies: { routeTableId: ["main"], gatewayId: ["igw"] } };
        const text = "route: aws.ec2.Subnet 'private-a' uses the main route table of aws.ec2.Vpc 'main', and aws.ec2.Route 'to-internet' sends 0.0.0.0/0 " +
            "to aws.ec2.InternetGateway 'igw'";
        assert.deepStrictEqual(run([...n.network(), route, ...database(["private-a"])]), violation(
            `aws.rds.Instance 'db' is reachable from the internet on TCP port 5432 (IPv4): ${text}; ${ADDRESS}; ${n.DEFAULT_ACL}; ${SG_5432}. ${FIX}`));
    });

    it("passes a subnet associated with the VPC's own main table (routeTableId: vpc.defaultRouteTableId): only the local route", () => {
        const own: TestResource = { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: "private-a-routes",
            props: { subnetId: U, routeTableId: U }, propertyDependencies: { subnetId: ["private-a"], routeTableId: ["main"] } };
        assert.deepStrictEqual(run([...n.network(), n.mainAssociation("main-routes", "public"), own, ...database(["private-a"])]), []);
    });

    it("passes a subnet whose default route goes to a NAT gateway: nothing comes in through NAT", () => {
        const resources = [n.vpc(), n.subnet("public-a", "10.0.0.0/24"), n.subnet("app-a", "10.0.1.0/24"), n.nat(),
            n.routeTable("app", [{ cidrBlock: "0.0.0.0/0", natGatewayId: U }], ["nat"]), n.association("app-a-routes", "app-a", "app"), ...database(["app-a"])];
        assert.deepStrictEqual(run(resources), []);
    });

    it("flags a standalone aws.ec2.Route to the internet gateway, named as the route", () => {
        const table = n.routeTable("public", [], []);
        const route: TestResource = { type: "aws:ec2/route:Route", name: "to-internet", props: { routeTableId: U, destinationCidrBlock: "0.0.0.0/0", gatewayId: U },
            propertyDependencies: { routeTableId: ["public"], gatewayId: ["igw"] } };
        const resources = [n.vpc(), n.igw(), n.subnet("public-a", "10.0.0.0/24"), table, route, n.association("public-a-routes", "public-a", "public"), ...database(["public-a"])];
        const text = "route: aws.ec2.Subnet 'public-a' uses aws.ec2.RouteTable 'public' (through aws.ec2.RouteTableAssociation 'public-a-routes'), " +
            "and aws.ec2.Route 'to-internet' sends 0.0.0.0/0 to aws.ec2.InternetGateway 'igw'";
        assert.deepStrictEqual(run(resources), violation(
            `aws.rds.Instance 'db' is reachable from the internet on TCP port 5432 (IPv4): ${text}; ${ADDRESS}; ${n.DEFAULT_ACL}; ${SG_5432}. ${FIX}`));
    });

    it("passes when the database's groups admit only the app tier's group", () => {
        const resources = [...n.network(), n.group("app-sg", []), { ...n.group("db-sg", [n.fromGroup(5432)]), propertyDependencies: { vpcId: ["main"], ingress: ["app-sg"] } },
            n.dbSubnets("db-subnets", ["public-a"]), n.rds("db", "db-subnets", "db-sg", { publiclyAccessible: true })];
        assert.deepStrictEqual(run(resources), []);
    });

    it("passes when the subnet's network ACL does not admit the database port from the internet", () => {
        const acl = n.acl("public-acl", "public-a", [n.entry(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")]);
        assert.deepStrictEqual(run([...n.network(), acl, ...database(["public-a"])]), []);
    });

    it("names a subnet group's public subnet among several, and the other subnets that give a path", () => {
        const resources = [...n.network(), n.subnet("public-b", "10.0.2.0/24"), n.association("public-b-routes", "public-b", "public"),
            ...database(["private-a", "public-a", "public-b"])];
        const [finding] = run(resources);
        assert.ok(finding.message.startsWith("aws.rds.Instance 'db' is reachable from the internet on TCP port 5432 (IPv4): route: aws.ec2.Subnet 'public-a' uses"));
        assert.ok(finding.message.includes(`${SG_5432}. It is also reachable on TCP port 5432 (IPv4) through aws.ec2.Subnet 'public-b'. ${FIX}`), finding.message);
    });

    describe("routes whose destination is a managed prefix list (destinationPrefixListId): each entry routes like a CIDR", () => {
        const list = (cidrs: unknown[], name = "everywhere"): TestResource => ({ type: "aws:ec2/managedPrefixList:ManagedPrefixList", name,
            props: { name, addressFamily: "IPv4", maxEntries: 4, entries: cidrs.map((cidr) => ({ cidr })) } });
        /** The public table's only route: a prefix list (by dependency, or by this ID) to the internet gateway. */
        const table = (id: string = U, lists: string[] = ["everywhere"]) => n.routeTable("public", [{ destinationPrefixListId: id, gatewayId: U }], ["igw", ...lists]);
        const rest = [n.vpc(), n.igw(), n.subnet("public-a", "10.0.0.0/24"), n.association("public-a-routes", "public-a", "public"), ...database(["public-a"])];
        const ROUTE = "route: aws.ec2.Subnet 'public-a' uses aws.ec2.RouteTable 'public' (through aws.ec2.RouteTableAssociation 'public-a-routes'), and its " +
            "routes[0] sends 0.0.0.0/1, 128.0.0.0/1 (entries of aws.ec2.ManagedPrefixList 'everywhere', its destinationPrefixListId) to aws.ec2.InternetGateway 'igw'";

        it("flags a list of the stack whose entries together hold the internet, naming the entries and the list", () => {
            assert.deepStrictEqual(run([...rest, list(["0.0.0.0/1", "128.0.0.0/1"]), table()]), violation(
                `aws.rds.Instance 'db' is reachable from the internet on TCP port 5432 (IPv4): ${ROUTE}; ${ADDRESS}; ${n.DEFAULT_ACL}; ${SG_5432}. ${FIX}`));
        });

        it("passes a list that holds only a partner's block: the subnet does not route the internet to the gateway", () => {
            assert.deepStrictEqual(run([...rest, list(["203.0.113.0/24"]), table()]), []);
        });

        it("flags an aws.ec2.Route whose destination is the list, linked by its dependency", () => {
            const route: TestResource = { type: "aws:ec2/route:Route", name: "to-internet", props: { routeTableId: U, destinationPrefixListId: U, gatewayId: U },
                propertyDependencies: { routeTableId: ["public"], destinationPrefixListId: ["everywhere"], gatewayId: ["igw"] } };
            const [finding, ...others] = run([...rest, list(["0.0.0.0/1", "128.0.0.0/1"]), n.routeTable("public", [], []), route]);
            assert.deepStrictEqual(others, []);
            assert.ok(finding.message.includes("and aws.ec2.Route 'to-internet' sends 0.0.0.0/1, 128.0.0.0/1 (entries of aws.ec2.ManagedPrefixList 'everywhere', " +
                "its destinationPrefixListId) to aws.ec2.InternetGateway 'igw';"), finding.message);
        });

        it("a list outside the stack: a note that it cannot be verified, naming the property", () => {
            assert.deepStrictEqual(run([...rest, table("pl-0abc", [])]), [{
                level: "advisory", urn: DB,
                message: "Cannot be verified: prefix list pl-0abc (routes[0].destinationPrefixListId of route table 'public') is not in this stack, so the " +
                    "destinations the route sends to its target cannot be checked. aws.rds.Instance 'db' may be reachable from the internet on TCP port 5432 " +
                    `(IPv4). The parts that are known: ${ADDRESS}; ${n.DEFAULT_ACL}; ${SG_5432}. ${FIX}`,
            }]);
        });

        it("a list ID not known yet and linked to no list of the stack: a note naming the property, never a violation", () => {
            const [finding, ...others] = run([...rest, table(U, [])]);
            assert.deepStrictEqual(others, []);
            assert.deepStrictEqual([finding.level, finding.message.split(". ")[0]], ["advisory",
                "Cannot be verified at preview: routes[0].destinationPrefixListId of aws.ec2.RouteTable 'public' is not known until the resource is created"]);
        });

        it("a list of the stack whose entry is not known yet: a note naming the entry", () => {
            const [finding, ...others] = run([...rest, list(["0.0.0.0/1", U]), table()]);
            assert.deepStrictEqual(others, []);
            assert.deepStrictEqual([finding.level, finding.message.split(". ")[0]], ["advisory",
                "Cannot be verified at preview: entries[1].cidr of aws.ec2.ManagedPrefixList 'everywhere' is not known until the resource is created"]);
        });
    });

    describe("IPv6: networkType DUAL in dual-stack subnets", () => {
        const v6Group = n.group("db-sg", [{ protocol: "tcp", fromPort: 5432, toPort: 5432, ipv6CidrBlocks: ["::/0"] }]);
        const dual = (props: Record<string, unknown>, v6Route: Record<string, unknown> = { ipv6CidrBlock: "::/0", gatewayId: U }) => [
            n.vpc("main", { assignGeneratedIpv6CidrBlock: true }), n.igw(), n.eigw(), n.subnet("public-a", "10.0.0.0/24", { ipv6CidrBlock: "2600:1f18:1:100::/64" }),
            n.routeTable("public", [{ cidrBlock: "0.0.0.0/0", gatewayId: U }, v6Route], ["igw", "eigw"]), n.association("public-a-routes", "public-a", "public"),
            v6Group, n.dbSubnets("db-subnets", ["public-a"]), n.rds("db", "db-subnets", "db-sg", props)];

        it("flags a publicly accessible dual-stack database whose subnet routes ::/0 to the internet gateway, over IPv6", () => {
            assert.deepStrictEqual(run(dual({ publiclyAccessible: true, networkType: "DUAL" })), violation("aws.rds.Instance 'db' is reachable from the " +
                "internet on TCP port 5432 (IPv6): route: aws.ec2.Subnet 'public-a' uses aws.ec2.RouteTable 'public' (through aws.ec2.RouteTableAssociation " +
                "'public-a-routes'), and its routes[1] sends ::/0 to aws.ec2.InternetGateway 'igw'; address: networkType is dual-stack and the public-access " +
                "flag is true, which gives it public IPv6 addresses; network ACL: the default network ACL of aws.ec2.Vpc 'main' (AWS's, not declared in this " +
                "stack): inbound rule 101 lets all traffic in, and outbound rule 101 lets all traffic out, the replies among it; security group: " +
                `aws.ec2.SecurityGroup 'db-sg' ingress[0].ipv6CidrBlocks[0] allows TCP port 5432 from ::/0 (every IPv6 address). ${FIX}`));
        });

        it("passes a dual-stack database that is not publicly accessible: AWS closes the gateway to its IPv6 address", () => {
            assert.deepStrictEqual(run(dual({ publiclyAccessible: false, networkType: "DUAL" })), []);
        });

        it("passes an IPv4-only database (networkType absent) and ::/0 to an egress-only gateway", () => {
            assert.deepStrictEqual(run(dual({ publiclyAccessible: true })), []);
            assert.deepStrictEqual(run(dual({ publiclyAccessible: true, networkType: "DUAL" }, { ipv6CidrBlock: "::/0", egressOnlyGatewayId: U })), []);
        });

        it("notes a networkType not known yet, naming it", () => {
            const [finding, ...others] = run(dual({ publiclyAccessible: true, networkType: U }));
            assert.deepStrictEqual(others, []);
            assert.deepStrictEqual([finding.level, finding.message.split(". ")[0]], ["advisory",
                "Cannot be verified at preview: networkType is not known until the resource is created"]);
        });
    });

    describe("values not known at preview: an advisory note naming the property, never a violation", () => {
        it("an unknown publiclyAccessible", () => {
            assert.deepStrictEqual(run([...n.network(), ...database(["public-a"], { publiclyAccessible: U })]), [{
                level: "advisory", urn: DB,
                message: "Cannot be verified at preview: publiclyAccessible is not known until the resource is created. aws.rds.Instance 'db' may be " +
                    `reachable from the internet on TCP port 5432 (IPv4). The parts that are known: ${n.PUBLIC_ROUTE}; ${n.DEFAULT_ACL}; ${SG_5432}. ${FIX}`,
            }]);
        });

        it("an internet gateway named by an ID from outside the stack is one (igw-), a VPN gateway is not (vgw-)", () => {
            const table = (gatewayId: string) => n.routeTable("public", [{ cidrBlock: "0.0.0.0/0", gatewayId }], []);
            const rest = [n.vpc(), n.subnet("public-a", "10.0.0.0/24"), n.association("public-a-routes", "public-a", "public"), ...database(["public-a"])];
            assert.strictEqual(run([...rest, table("igw-0abc")]).length, 1);
            assert.ok(run([...rest, table("igw-0abc")])[0].message.includes("sends 0.0.0.0/0 to igw-0abc (not in this stack)"));
            assert.deepStrictEqual(run([...rest, table("vgw-0abc")]), []);
        });

        it("a subnet of a VPC outside the stack: its main route table is not known, a note says so", () => {
            const outside: TestResource = { type: "aws:ec2/subnet:Subnet", name: "shared-a", props: { vpcId: "vpc-0shared", cidrBlock: "10.9.0.0/24" } };
            assert.deepStrictEqual(run([outside, ...database(["shared-a"], { publiclyAccessible: true }, "vpc-0shared")]), [{
                level: "advisory", urn: DB,
                message: "Cannot be verified: subnet 'shared-a' has no route table association, and the main route " +
                    "table of its VPC is not in this stack. aws.rds.Instance 'db' may be reachable from the internet on TCP port 5432 (IPv4). The parts that " +
                    `are known: ${ADDRESS}; ${SG_5432}. ${FIX}`,
            }]);
        });
    });
});
