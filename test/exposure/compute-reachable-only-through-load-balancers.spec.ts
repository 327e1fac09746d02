import * as assert from "assert";
import { computeReachableOnlyThroughLoadBalancers } from "../../policies/exposure/compute-reachable-only-through-load-balancers";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import * as n from "./network";

const U = n.U;
const FIX = "Fix: Put it behind a load balancer: move it to subnets without a route to an internet gateway, give it no public address, " +
    "and let its security groups admit only the load balancer's security group.";
const WEB = urnOf({ type: "aws:ec2/instance:Instance", name: "web" });
const HEAD = "aws.ec2.Instance 'web' is reachable from the internet directly, not through a load balancer, on";
const SG_443 = "security group: aws.ec2.SecurityGroup 'web-sg' ingress[0].cidrBlocks[0] allows TCP port 443 from 0.0.0.0/0 (every IPv4 address)";
const run = (resources: TestResource[]) => runStackPolicy(computeReachableOnlyThroughLoadBalancers, resources);
const advisory = (message: string) => [{ level: "advisory", urn: WEB, message }];

/** A web instance in a subnet, its group open to the world on 443. */
const web = (subnetName: string, props: Record<string, unknown> = {}): TestResource[] =>
    [n.group("web-sg", [n.tcpFromWorld(443)]), n.instance("web", subnetName, "web-sg", props)];

describe("compute-reachable-only-through-load-balancers", () => {
    describe("the public address", () => {
        it("flags associatePublicIpAddress: true in a public subnet", () => {
            assert.deepStrictEqual(run([...n.network(), ...web("public-a", { associatePublicIpAddress: true })]), advisory(`${HEAD} TCP port 443 (IPv4): ` +
                `${n.PUBLIC_ROUTE}; address: associatePublicIpAddress: true gives it a public IPv4 address; ${n.DEFAULT_ACL}; ${SG_443}. ${FIX}`));
        });

        it("passes an instance without a public address: the flag and the subnet's mapPublicIpOnLaunch not set", () => {
            assert.deepStrictEqual(run([...n.network(), ...web("public-a")]), []);
        });

        it("flags the subnet's mapPublicIpOnLaunch when the instance does not set its own flag", () => {
            const resources = [n.vpc(), n.igw(), n.subnet("public-a", "10.0.0.0/24", { mapPublicIpOnLaunch: true }), n.publicTable(),
                n.association("public-a-routes", "public-a", "public"), ...web("public-a")];
            assert.deepStrictEqual(run(resources), advisory(`${HEAD} TCP port 443 (IPv4): ${n.PUBLIC_ROUTE}; address: it does not set its own ` +
                `public-address flag, and aws.ec2.Subnet 'public-a' sets mapPublicIpOnLaunch: true; ${n.DEFAULT_ACL}; ${SG_443}. ${FIX}`));
        });

        it("passes mapPublicIpOnLaunch: true overridden by the instance's associatePublicIpAddress: false", () => {
            const resources = [n.vpc(), n.igw(), n.subnet("public-a", "10.0.0.0/24", { mapPublicIpOnLaunch: true }), n.publicTable(),
                n.association("public-a-routes", "public-a", "public"), ...web("public-a", { associatePublicIpAddress: false })];
            assert.deepStrictEqual(run(resources), []);
        });

        it("flags an Elastic IP on the instance, though it asks for no public address", () => {
            const eip: TestResource = { type: "aws:ec2/eip:Eip", name: "web-ip", props: { domain: "vpc", instance: U }, propertyDependencies: { instance: ["web"] } };
            assert.deepStrictEqual(run([...n.network(), ...web("public-a", { associatePublicIpAddress: false }), eip]), advisory(`${HEAD} TCP port 443 (IPv4): ` +
                `${n.PUBLIC_ROUTE}; address: aws.ec2.Eip 'web-ip' (instance) gives it an Elastic IP; ${n.DEFAULT_ACL}; ${SG_443}. ${FIX}`));
        });

        it("flags an aws.ec2.EipAssociation on the instance", () => {
            const eip: TestResource = { type: "aws:ec2/eip:Eip", name: "web-ip", props: { domain: "vpc" } };
            const association: TestResource = { type: "aws:ec2/eipAssociation:EipAssociation", name: "web-ip-on-web",
                props: { instanceId: U, allocationId: U }, propertyDependencies: { instanceId: ["web"], allocationId: ["web-ip"] } };
            const [finding] = run([...n.network(), ...web("public-a"), eip, association]);
            assert.ok(finding.message.includes("address: aws.ec2.EipAssociation 'web-ip-on-web' (instanceId) gives it an Elastic IP;"), finding.message);
        });

        it("passes an Elastic IP on an instance in a subnet without a route to an internet gateway", () => {
            const eip: TestResource = { type: "aws:ec2/eip:Eip", name: "web-ip", props: { domain: "vpc", instance: U }, propertyDependencies: { instance: ["web"] } };
            assert.deepStrictEqual(run([...n.network(), ...web("private-a"), eip]), []);
        });
    });

    describe("IPv6", () => {
        const v6 = [n.group("web-sg", [{ protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] }]),
            n.instance("web", "public-a", "web-sg", { ipv6AddressCount: 1 })];
        const table = (route: Record<string, unknown>, via: string) => n.routeTable("public", [{ cidrBlock: "0.0.0.0/0", gatewayId: U }, route], ["igw", via]);
        const base = [n.vpc(), n.igw(), n.eigw(), n.subnet("public-a", "10.0.0.0/24"), n.association("public-a-routes", "public-a", "public")];

        it("passes ::/0 to an egress-only internet gateway: it admits no connection from outside", () => {
            assert.deepStrictEqual(run([...base, table({ ipv6CidrBlock: "::/0", egressOnlyGatewayId: U }, "eigw"), ...v6]), []);
        });

        it("flags ::/0 to the internet gateway with an IPv6 address on the instance", () => {
            // Both routes' gateway IDs are unknown; `routes` depends on both gateways, and only gatewayId can name an internet gateway.
            const resources = [...base, n.routeTable("public", [{ cidrBlock: "0.0.0.0/0", gatewayId: U }, { ipv6CidrBlock: "::/0", gatewayId: U }], ["igw"]), ...v6];
            assert.deepStrictEqual(run(resources), advisory(`${HEAD} TCP port 443 (IPv6): route: aws.ec2.Subnet 'public-a' uses aws.ec2.RouteTable 'public' ` +
                "(through aws.ec2.RouteTableAssociation 'public-a-routes'), and its routes[1] sends ::/0 to aws.ec2.InternetGateway 'igw'; address: " +
                "aws.ec2.Instance 'web' ipv6AddressCount gives it IPv6 addresses, which are public; network ACL: the default network ACL of aws.ec2.Vpc 'main' " +
                "(AWS's, not declared in this stack): inbound rule 101 lets all traffic in, and outbound rule 101 lets all traffic out, the replies among it; security group: aws.ec2.SecurityGroup 'web-sg' ingress[0].ipv6CidrBlocks[0] " +
                `allows TCP port 443 from ::/0 (every IPv6 address). ${FIX}`));
        });
    });

    describe("the network ACL", () => {
        const acl = (egress: Record<string, unknown>[]) => n.acl("public-acl", "public-a", [n.entry(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], egress);
        const resources = [...n.network(), ...web("public-a", { associatePublicIpAddress: true })];

        it("passes when the ACL blocks the reply: outbound only to the VPC", () => {
            assert.deepStrictEqual(run([...resources, acl([n.entry(100, "allow", "tcp", 1024, 65535, "10.0.0.0/16")])]), []);
        });

        it("flags when the ACL admits 443 and lets the replies out, naming both entries", () => {
            const [finding] = run([...resources, acl([n.entry(100, "deny", "tcp", 1024, 2047, "0.0.0.0/0"), n.entry(110, "allow", "tcp", 1024, 65535, "0.0.0.0/0")])]);
            assert.ok(finding.message.includes("network ACL: aws.ec2.NetworkAcl 'public-acl' inbound rule 100 (ingress[0]) lets TCP 443 in from the internet, and " +
                "outbound rule 110 (egress[1]) lets the replies out to the internet (TCP 2048-65535);"), finding.message);
        });
    });

    describe("load balancers", () => {
        const alb = [n.group("alb-sg", [n.tcpFromWorld(443)]), n.loadBalancer("alb", ["public-a"], ["alb-sg"]), n.targetGroup("web-tg", 8080),
            n.listener("https", "alb", 443, "HTTPS", "web-tg"), n.attachment("web-target", "web-tg", "web")];
        const webBehind = (ingress: Record<string, unknown>[], subnetName: string, props: Record<string, unknown> = {}) => [
            { ...n.group("web-sg", ingress), propertyDependencies: { vpcId: ["main"], ingress: ["alb-sg"] } }, n.instance("web", subnetName, "web-sg", props)];

        it("passes a target in a private subnet that admits only the load balancer's group: reachable only through it", () => {
            assert.deepStrictEqual(run([...n.network(), ...alb, ...webBehind([n.fromGroup(8080)], "private-a")]), []);
        });

        it("flags a target that is also reachable directly, and names the load balancer path to keep", () => {
            const resources = [...n.network(), ...alb, ...webBehind([n.fromGroup(8080), n.tcpFromWorld(8080)], "public-a", { associatePublicIpAddress: true })];
            assert.deepStrictEqual(run(resources), advisory(`${HEAD} TCP port 8080 (IPv4): ${n.PUBLIC_ROUTE}; address: associatePublicIpAddress: true gives it ` +
                `a public IPv4 address; ${n.DEFAULT_ACL}; security group: aws.ec2.SecurityGroup 'web-sg' ingress[1].cidrBlocks[0] allows TCP port 8080 from ` +
                `0.0.0.0/0 (every IPv4 address). It is also reachable through aws.lb.LoadBalancer 'alb': that path is the one to keep. ${FIX}`));
        });

        it("names the load balancer path when the listener names the load balancer and the target group by known ARN (an update)", () => {
            const known = alb.map((r) => r.name === "alb" || r.name === "web-tg" ? { ...r, props: { ...r.props, arn: `arn:${r.name}` } }
                : r.name === "https" ? { ...r, props: { ...r.props, loadBalancerArn: "arn:alb", defaultActions: [{ type: "forward", targetGroupArn: "arn:web-tg" }] }, propertyDependencies: {} }
                    : r);
            const resources = [...n.network(), ...known, ...webBehind([n.fromGroup(8080), n.tcpFromWorld(8080)], "public-a", { associatePublicIpAddress: true })];
            assert.deepStrictEqual(run(resources).map((f) => f.message.split(". ")[1]), ["It is also reachable through aws.lb.LoadBalancer 'alb': that path is the one to keep"]);
        });
    });

    it("flags an ECS service with assignPublicIp in a public subnet", () => {
        const service: TestResource = { type: "aws:ecs/service:Service", name: "api",
            props: { networkConfiguration: { subnets: [U], securityGroups: [U], assignPublicIp: true } },
            propertyDependencies: { networkConfiguration: ["public-a", "web-sg"] } };
        const findings = run([...n.network(), n.group("web-sg", [n.tcpFromWorld(443)]), service]);
        assert.deepStrictEqual(findings.map((f) => [f.level, f.message.split(": route:")[0], f.urn]), [[
            "advisory", "aws.ecs.Service 'api' is reachable from the internet directly, not through a load balancer, on TCP port 443 (IPv4)",
            urnOf(service)]]);
        assert.ok(findings[0].message.includes("address: networkConfiguration.assignPublicIp: true gives it a public IPv4 address;"));
    });

    describe("an ECS service's IPv6 address: its task's interface in a subnet that assigns IPv6 addresses", () => {
        const service: TestResource = { type: "aws:ecs/service:Service", name: "api",
            props: { networkConfiguration: { subnets: [U], securityGroups: [U], assignPublicIp: false } },
            propertyDependencies: { networkConfiguration: ["public-a", "api-sg"] } };
        const API = urnOf(service);
        const resources = (subnet: Record<string, unknown>, v6Route: Record<string, unknown>) => [n.vpc(), n.igw(), n.eigw(),
            n.subnet("public-a", "10.0.0.0/24", { ipv6CidrBlock: "2600:1f18:1:100::/64", ...subnet }),
            n.routeTable("public", [{ cidrBlock: "0.0.0.0/0", gatewayId: U }, v6Route], ["igw", "eigw"]), n.association("public-a-routes", "public-a", "public"),
            n.group("api-sg", [{ protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] }]), service];
        const toIgw = { ipv6CidrBlock: "::/0", gatewayId: U };

        it("flags the service over IPv6 when the subnet sets assignIpv6AddressOnCreation and routes ::/0 to the internet gateway", () => {
            assert.deepStrictEqual(run(resources({ assignIpv6AddressOnCreation: true }, toIgw)), [{
                level: "advisory", urn: API,
                message: "aws.ecs.Service 'api' is reachable from the internet directly, not through a load balancer, on TCP port 443 (IPv6): route: " +
                    "aws.ec2.Subnet 'public-a' uses aws.ec2.RouteTable 'public' (through aws.ec2.RouteTableAssociation 'public-a-routes'), and its routes[1] " +
                    "sends ::/0 to aws.ec2.InternetGateway 'igw'; address: it does not set its own IPv6 addresses, and aws.ec2.Subnet 'public-a' sets " +
                    "assignIpv6AddressOnCreation: true, which gives it public IPv6 addresses; network ACL: the default network ACL of aws.ec2.Vpc 'main' (AWS's, " +
                    "not declared in this stack): inbound rule 101 lets all traffic in, and outbound rule 101 lets all traffic out, the replies among it; " +
                    `security group: aws.ec2.SecurityGroup 'api-sg' ingress[0].ipv6CidrBlocks[0] allows TCP port 443 from ::/0 (every IPv6 address). ${FIX}`,
            }]);
        });

        it("passes without assignIpv6AddressOnCreation, and with ::/0 to an egress-only gateway", () => {
            assert.deepStrictEqual(run(resources({}, toIgw)), []);
            assert.deepStrictEqual(run(resources({ assignIpv6AddressOnCreation: true }, { ipv6CidrBlock: "::/0", egressOnlyGatewayId: U })), []);
        });

        it("notes a subnet whose assignIpv6AddressOnCreation is not known yet", () => {
            const [finding, ...others] = run(resources({ assignIpv6AddressOnCreation: U }, toIgw));
            assert.deepStrictEqual(others, []);
            assert.deepStrictEqual([finding.level, finding.message.split(". ")[0]], ["advisory",
                "Cannot be verified at preview: assignIpv6AddressOnCreation of aws.ec2.Subnet 'public-a' is not known until the resource is created"]);
        });
    });

    it("notes an instance whose public-address flag is not known yet", () => {
        assert.deepStrictEqual(run([...n.network(), ...web("public-a", { associatePublicIpAddress: U })]), [{
            level: "advisory", urn: WEB,
            message: "Cannot be verified at preview: associatePublicIpAddress is not known until the resource is created. aws.ec2.Instance 'web' may be " +
                `reachable from the internet on TCP port 443 (IPv4). The parts that are known: ${n.PUBLIC_ROUTE}; ${n.DEFAULT_ACL}; ${SG_443}. ${FIX}`,
        }]);
    });
});
