/**
 * Over the Analyzer protocol, the pack started as the CLI starts it, fed with real programs captured
 * under mocks at a first preview (every ID unknown): paths through a Network Load Balancer that
 * preserves the client's address (the target must admit the internet itself, or the NLB's group);
 * routes whose destination is a managed prefix list; IPv6 paths to an ECS service and a dual-stack
 * database.
 */
import * as assert from "assert";
import { captureProgram, toStackResources } from "../../runner/capture";
import { SshFrom, nlbClientIp } from "../programs/nlb-client-ip";
import { dualStack } from "../programs/dual-stack";
import { ListKind, prefixListRoutes } from "../programs/prefix-list-routes";
import { suitePack } from "./suite-pack";

const ADMIN = "admin-ports-not-reachable-from-internet";
const TO_NLB = "aws.ec2.Instance 'ops' is reachable from the internet through aws.lb.LoadBalancer 'nlb' over IPv4 on SSH (TCP port 22): route: " +
    "aws.ec2.Subnet 'public-a' uses aws.ec2.RouteTable 'public' (through aws.ec2.RouteTableAssociation 'public-a'), and its routes[0] sends 0.0.0.0/0 to " +
    "aws.ec2.InternetGateway 'main'; address: it is internet-facing (internal is not true); network ACL: the default network ACL of aws.ec2.Vpc 'main' " +
    "(AWS's, not declared in this stack): inbound rule 100 lets all traffic in, and outbound rule 100 lets all traffic out, the replies among it";
const TO_TARGET = "listener: aws.lb.Listener 'ssh' on port 22 of aws.lb.LoadBalancer 'nlb'; target: aws.lb.TargetGroupAttachment 'ops' targetId sends it to " +
    "aws.ec2.Instance 'ops' on port 22 with the client's own address (client IP preservation, on by default for the instance targets of " +
    "aws.lb.TargetGroup 'ssh'), so the target must admit the internet itself, not the load balancer's subnets";

describe("analyzer protocol: exposure paths through an NLB that preserves the client's address (AnalyzeStack)", function () {
    this.timeout(180_000);
    const pack = suitePack();

    /** [level, message up to the fix] of the admin-port policy's diagnostics. */
    const admin = async (from: SshFrom) => (await pack().analyzeStack(toStackResources(await captureProgram(() => nlbClientIp(from), { preview: true }))))
        .diagnostics.filter((d) => d.policyName === ADMIN).map((d) => [d.enforcementLevel, d.message.split(" Scanners find")[0]]);

    it("a host admitting SSH from the VPC only: the clients' packets keep their internet addresses, so no path", async () => {
        assert.deepStrictEqual(await admin("vpc"), []);
    });

    it("a host admitting SSH from the internet: a path, whose target hop says the host sees the client's address", async () => {
        assert.deepStrictEqual(await admin("world"), [["mandatory", `${TO_NLB}; ${TO_TARGET}; security group: on aws.ec2.SecurityGroup 'ops', ` +
            "aws.vpc.SecurityGroupIngressRule 'ops-ssh' cidrIpv4 allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)."]]);
    });

    it("an NLB with a security group that the host admits: a path through it, the reference holding with the client's address", async () => {
        assert.deepStrictEqual(await admin("nlb-group"), [["mandatory", `${TO_NLB}; security group: aws.ec2.SecurityGroup 'nlb' ingress[0].cidrBlocks[0] allows ` +
            `TCP port 22 from 0.0.0.0/0 (every IPv4 address); ${TO_TARGET}; security group: on aws.ec2.SecurityGroup 'ops', aws.vpc.SecurityGroupIngressRule ` +
            "'ops-ssh' referencedSecurityGroupId allows TCP port 22 from a security group (ID known after creation)."]]);
    });

    describe("routes to a managed prefix list", () => {
        const DB = "db-not-reachable-from-internet";
        const db = async (kind: ListKind) => (await pack().analyzeStack(toStackResources(await captureProgram(() => prefixListRoutes(kind), { preview: true }))))
            .diagnostics.filter((d) => d.policyName === DB).map((d) => [d.enforcementLevel, d.message.split(" Fix: ")[0]]);
        const KNOWN = "address: publiclyAccessible: true gives it a public IPv4 address; network ACL: the default network ACL of aws.ec2.Vpc 'main' (AWS's, " +
            "not declared in this stack): inbound rule 100 lets all traffic in, and outbound rule 100 lets all traffic out, the replies among it; security group: " +
            "aws.ec2.SecurityGroup 'db' ingress[0].cidrBlocks[0] allows TCP port 5432 from 0.0.0.0/0 (every IPv4 address).";

        it("a list of the stack holding both halves of the internet: the path, naming the list's entries; both subnets", async () => {
            assert.deepStrictEqual(await db("halves"), [["mandatory", "aws.rds.Instance 'db' is reachable from the internet on TCP port 5432 (IPv4): route: " +
                "aws.ec2.Subnet 'public-a' uses aws.ec2.RouteTable 'public' (through aws.ec2.RouteTableAssociation 'public-a'), and its routes[0] sends 0.0.0.0/1, " +
                "128.0.0.0/1 (entries of aws.ec2.ManagedPrefixList 'destinations', its destinationPrefixListId) to aws.ec2.InternetGateway 'main'; " +
                `${KNOWN} It is also reachable on TCP port 5432 (IPv4) through aws.ec2.Subnet 'public-b'.`]]);
        });

        it("a list of the stack holding one partner's block: the internet is not routed to the gateway, no finding", async () => {
            assert.deepStrictEqual(await db("partner"), []);
        });

        it("a list from outside the stack: an advisory note naming the property, never a mandatory finding", async () => {
            assert.deepStrictEqual(await db("outside"), [["advisory", "Cannot be verified: prefix list pl-0123456789abcdef0 (routes[0].destinationPrefixListId " +
                "of route table 'public') is not in this stack, so the destinations the route sends to its target cannot be checked. aws.rds.Instance 'db' may be " +
                `reachable from the internet on TCP port 5432 (IPv4). The parts that are known: ${KNOWN}`]]);
        });
    });

    it("IPv6: the ECS service and the dual-stack database in subnets that assign IPv6 addresses and route ::/0 to the internet gateway", async () => {
        const found = (await pack().analyzeStack(toStackResources(await captureProgram(dualStack, { preview: true })))).diagnostics
            .filter((d) => ["db-not-reachable-from-internet", "compute-reachable-only-through-load-balancers"].includes(d.policyName))
            .map((d) => [d.policyName, d.enforcementLevel, d.message.split(" Fix: ")[0]]);
        const route = (subnet: string) => `route: aws.ec2.Subnet '${subnet}' uses aws.ec2.RouteTable 'public' (through aws.ec2.RouteTableAssociation ` +
            `'${subnet}'), and its routes[1] sends ::/0 to aws.ec2.InternetGateway 'main'`;
        const acl = "network ACL: the default network ACL of aws.ec2.Vpc 'main' (AWS's, not declared in this stack): inbound rule 101 lets all traffic in, " +
            "and outbound rule 101 lets all traffic out, the replies among it";
        assert.deepStrictEqual(found, [
            ["db-not-reachable-from-internet", "mandatory", "aws.rds.Instance 'db' is reachable from the internet on TCP port 5432 (IPv6): " +
                `${route("public-a")}; address: networkType is dual-stack and the public-access flag is true, which gives it public IPv6 addresses; ${acl}; ` +
                "security group: aws.ec2.SecurityGroup 'db' ingress[0].ipv6CidrBlocks[0] allows TCP port 5432 from ::/0 (every IPv6 address). It is also " +
                "reachable on TCP port 5432 (IPv6) through aws.ec2.Subnet 'public-b'."],
            ["compute-reachable-only-through-load-balancers", "advisory", "aws.ecs.Service 'api' is reachable from the internet directly, not through a " +
                `load balancer, on TCP port 443 (IPv6): ${route("public-a")}; address: it does not set its own IPv6 addresses, and aws.ec2.Subnet 'public-a' ` +
                `sets assignIpv6AddressOnCreation: true, which gives it public IPv6 addresses; ${acl}; security group: aws.ec2.SecurityGroup 'api' ` +
                "ingress[0].ipv6CidrBlocks[0] allows TCP port 443 from ::/0 (every IPv6 address)."],
        ]);
    });
});
