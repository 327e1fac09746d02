import * as assert from "assert";
import { adminPortsNotReachableFromInternet } from "../../policies/exposure/admin-ports-not-reachable-from-internet";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import * as n from "./network";

const U = n.U;
const FIX = "Scanners find and brute-force admin ports within minutes. Fix: Close the path at one layer at least: admit the admin port only " +
    "from a bastion's security group or a trusted CIDR, keep the host in a subnet without a route to an internet gateway and without a " +
    "public address, forward no admin port from a load balancer, or connect with AWS Systems Manager Session Manager, which needs no " +
    "inbound port at all.";
const WEB = urnOf({ type: "aws:ec2/instance:Instance", name: "web" });
const run = (resources: TestResource[], config: Record<string, unknown> = {}) => runStackPolicy(adminPortsNotReachableFromInternet, resources, config);
const ADDRESS = "address: associatePublicIpAddress: true gives it a public IPv4 address";

/** An instance in a subnet with a group of these rules (that may name the group 'lb-sg'). */
const host = (ingress: Record<string, unknown>[], subnetName = "public-a", props: Record<string, unknown> = { associatePublicIpAddress: true }) => [
    { ...n.group("web-sg", ingress), propertyDependencies: { vpcId: ["main"], ...(ingress.some((r) => "securityGroups" in r) ? { ingress: ["lb-sg"] } : {}) } },
    n.instance("web", subnetName, "web-sg", props),
];

describe("admin-ports-not-reachable-from-internet", () => {
    it("flags SSH open to the world on a public instance, with the whole path", () => {
        assert.deepStrictEqual(run([...n.network(), ...host([n.tcpFromWorld(22)])]), [{
            level: "mandatory", urn: WEB,
            message: `aws.ec2.Instance 'web' is reachable from the internet over IPv4 on SSH (TCP port 22): ${n.PUBLIC_ROUTE}; ${ADDRESS}; ${n.DEFAULT_ACL}; ` +
                `security group: aws.ec2.SecurityGroup 'web-sg' ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address). ${FIX}`,
        }]);
    });

    it("names only the admin part of what the path lets through: all traffic open gives SSH and RDP", () => {
        const [finding] = run([...n.network(), ...host([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }])]);
        assert.ok(finding.message.startsWith("aws.ec2.Instance 'web' is reachable from the internet over IPv4 on SSH (TCP port 22) and RDP (TCP/UDP port 3389): "),
            finding.message);
    });

    it("passes SSH open to the world on an instance in a private subnet (no route from an internet gateway)", () => {
        assert.deepStrictEqual(run([...n.network(), ...host([n.tcpFromWorld(22)], "private-a")]), []);
    });

    it("passes SSH from a trusted CIDR only", () => {
        assert.deepStrictEqual(run([...n.network(), ...host([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.0/24"] }])]), []);
    });

    it("passes when the network ACL admits only HTTPS from the internet", () => {
        const acl = n.acl("public-acl", "public-a", [n.entry(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")]);
        assert.deepStrictEqual(run([...n.network(), acl, ...host([n.tcpFromWorld(22)])]), []);
    });

    it("flags a configured admin port (the `ports` option), and not without it", () => {
        const resources = [...n.network(), ...host([n.tcpFromWorld(5900)])];
        assert.deepStrictEqual(run(resources), []);
        const [finding] = run(resources, { ports: [5900] });
        assert.ok(finding.message.startsWith("aws.ec2.Instance 'web' is reachable from the internet over IPv4 on TCP port 5900: "), finding.message);
    });

    describe("the network ACL's two entries: the request's inbound entry and the reply's outbound entry, each with its rule number", () => {
        /** An aws.ec2.NetworkAclRule of ACL 'public-acl', known by property dependency. */
        const rule = (name: string, ruleNumber: number, egress: boolean, from: number, to: number, cidrBlock = "0.0.0.0/0"): TestResource => ({
            type: "aws:ec2/networkAclRule:NetworkAclRule", name,
            props: { networkAclId: U, ruleNumber, egress, protocol: "tcp", ruleAction: "allow", fromPort: from, toPort: to, cidrBlock },
            propertyDependencies: { networkAclId: ["public-acl"] },
        });
        const sg = "security group: aws.ec2.SecurityGroup 'web-sg' ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)";

        it("entries written as aws.ec2.NetworkAclRule resources: both named, inbound and outbound, with their rule numbers", () => {
            const resources = [...n.network(), n.acl("public-acl", "public-a", [], []), rule("ssh-in", 120, false, 22, 22),
                rule("replies-out", 140, true, 1024, 65535), ...host([n.tcpFromWorld(22)])];
            assert.deepStrictEqual(run(resources).map((f) => f.message), [
                `aws.ec2.Instance 'web' is reachable from the internet over IPv4 on SSH (TCP port 22): ${n.PUBLIC_ROUTE}; ${ADDRESS}; network ACL: ` +
                "aws.ec2.NetworkAcl 'public-acl' inbound rule 120 (aws.ec2.NetworkAclRule 'ssh-in') lets TCP 22 in from the internet, and outbound rule 140 " +
                `(aws.ec2.NetworkAclRule 'replies-out') lets the replies out to the internet (TCP 1024-65535); ${sg}. ${FIX}`,
            ]);
        });

        it("sixteen inbound entries that together admit the internet: twelve named, four counted, and the reply's outbound entry still named", () => {
            const quarters = Array.from({ length: 16 }, (_, i) => n.entry(100 + i, "allow", "tcp", 22, 22, `${i * 16}.0.0.0/4`));
            const resources = [...n.network(), n.acl("public-acl", "public-a", quarters, [n.entry(200, "allow", "tcp", 1024, 65535, "0.0.0.0/0")]),
                ...host([n.tcpFromWorld(22)])];
            const listed = quarters.slice(1, 12).map((_, i) => `aws.ec2.NetworkAcl 'public-acl' inbound rule ${101 + i} (ingress[${i + 1}]) lets TCP 22 in from the internet`).join(", and ");
            const [finding] = run(resources);
            assert.ok(finding.message.includes("network ACL: aws.ec2.NetworkAcl 'public-acl' inbound rule 100 (ingress[0]) lets TCP 22 in from the internet, and " +
                `${listed}, and 4 more, and outbound rule 200 (egress[0]) lets the replies out to the internet (TCP 1024-65535); security group:`), finding.message);
        });
    });

    describe("through a load balancer", () => {
        const nlb = (props: Record<string, unknown> = {}, tg: Record<string, unknown> = {}) => [
            n.loadBalancer("nlb", ["public-a"], [], { loadBalancerType: "network", ...props }),
            n.targetGroup("ssh-tg", 22, "TCP", tg), n.listener("ssh", "nlb", 22, "TCP", "ssh-tg"), n.attachment("web-target", "ssh-tg", "web")];
        const fromVpc = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"] }];
        const HEAD = "aws.ec2.Instance 'web' is reachable from the internet through aws.lb.LoadBalancer 'nlb' over IPv4 on SSH (TCP port 22): " +
            `${n.PUBLIC_ROUTE}; address: it is internet-facing (internal is not true); ${n.DEFAULT_ACL}; listener: aws.lb.Listener 'ssh' on ` +
            "port 22 of aws.lb.LoadBalancer 'nlb'; target: aws.lb.TargetGroupAttachment 'web-target' targetId sends it to aws.ec2.Instance 'web' on port 22";
        const LB_SOURCE = "with the load balancer's private address (aws.lb.TargetGroup 'ssh-tg' sets preserveClientIp: false), so the target must " +
            "admit the load balancer's subnets or security group";
        const CLIENT_SOURCE = "with the client's own address (client IP preservation, on by default for the instance targets of aws.lb.TargetGroup 'ssh-tg'), " +
            "so the target must admit the internet itself, not the load balancer's subnets";
        const noPreserve = { preserveClientIp: "false" };

        describe("an NLB that does not preserve the client's address: the target sees the load balancer's nodes", () => {
            it("flags a target whose group admits a CIDR that holds the load balancer's subnet, and says which source it admits", () => {
                assert.deepStrictEqual(run([...n.network(), ...nlb({}, noPreserve), ...host(fromVpc, "private-a", {})]), [{
                    level: "mandatory", urn: WEB,
                    message: `${HEAD} ${LB_SOURCE}; security group: aws.ec2.SecurityGroup 'web-sg' ingress[0].cidrBlocks[0] allows TCP port 22 from 10.0.0.0/16. ${FIX}`,
                }]);
            });

            it("passes the same NLB when it is internal", () => {
                assert.deepStrictEqual(run([...n.network(), ...nlb({ internal: true }, noPreserve), ...host(fromVpc, "private-a", {})]), []);
            });

            it("passes when the target's CIDR does not hold the load balancer's subnet", () => {
                const other = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.1.0/24"] }];
                assert.deepStrictEqual(run([...n.network(), ...nlb({}, noPreserve), ...host(other, "private-a", {})]), []);
            });

            it("notes a target group whose port is not known yet", () => {
                const unknownPort = [n.loadBalancer("nlb", ["public-a"], [], { loadBalancerType: "network" }),
                    { ...n.targetGroup("ssh-tg", 22, "TCP"), props: { port: U, protocol: "TCP", vpcId: U, preserveClientIp: "false" } },
                    n.listener("ssh", "nlb", 22, "TCP", "ssh-tg"), n.attachment("web-target", "ssh-tg", "web")];
                const findings = run([...n.network(), ...unknownPort, ...host(fromVpc, "private-a", {})]);
                assert.deepStrictEqual(findings.map((f) => [f.level, f.message.split(". ")[0]]), [[
                    "advisory", "Cannot be verified at preview: port of aws.lb.TargetGroup 'ssh-tg' is not known until the resource is created",
                ]]);
            });
        });

        describe("an NLB that preserves the client's address: the target sees the internet client itself", () => {
            const world = [n.tcpFromWorld(22)];
            const privateAcl = (from: string) => n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 22, 22, from)],
                [n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")]);

            it("passes a target whose group admits only the VPC's CIDR (instance targets, AWS's default): the load balancer's subnets are not the source", () => {
                assert.deepStrictEqual(run([...n.network(), ...nlb(), ...host(fromVpc, "private-a", {})]), []);
                assert.deepStrictEqual(run([...n.network(), ...nlb({}, { preserveClientIp: "true" }), ...host(fromVpc, "private-a", {})]), []);
            });

            it("flags a target whose group admits the internet; the target subnet's ACL entries are those for the internet, in and out", () => {
                assert.deepStrictEqual(run([...n.network(), ...nlb(), privateAcl("0.0.0.0/0"), ...host(world, "private-a", {})]), [{
                    level: "mandatory", urn: WEB,
                    message: `${HEAD} ${CLIENT_SOURCE}; network ACL: aws.ec2.NetworkAcl 'private-acl' inbound rule 100 (ingress[0]) lets TCP 22 in from the ` +
                        "internet, and outbound rule 100 (egress[0]) lets the replies out to the internet (TCP 1024-65535); security group: aws.ec2.SecurityGroup " +
                        `'web-sg' ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address). ${FIX}`,
                }]);
            });

            it("passes when the target subnet's ACL admits SSH from the VPC only: the clients' packets do not come from it", () => {
                assert.deepStrictEqual(run([...n.network(), ...nlb(), privateAcl("10.0.0.0/16"), ...host(world, "private-a", {})]), []);
            });

            it("a UDP target group keeps the client's address whatever preserveClientIp says", () => {
                const rdp = (ingress: Record<string, unknown>[]) => [...n.network(), n.loadBalancer("nlb", ["public-a"], [], { loadBalancerType: "network" }),
                    n.targetGroup("rdp-tg", 3389, "UDP", noPreserve), n.listener("rdp", "nlb", 3389, "UDP", "rdp-tg"), n.attachment("web-target", "rdp-tg", "web"),
                    ...host(ingress, "private-a", {})];
                assert.deepStrictEqual(run(rdp([{ protocol: "udp", fromPort: 3389, toPort: 3389, cidrBlocks: ["10.0.0.0/16"] }])), []);
                const [finding, ...rest] = run(rdp([{ protocol: "udp", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] }]));
                assert.deepStrictEqual(rest, []);
                assert.ok(finding.message.startsWith("aws.ec2.Instance 'web' is reachable from the internet through aws.lb.LoadBalancer 'nlb' over IPv4 on " +
                    "RDP (UDP port 3389): "), finding.message);
                assert.ok(finding.message.includes("sends it to aws.ec2.Instance 'web' on port 3389 with the client's own address (aws.lb.TargetGroup 'rdp-tg' " +
                    "is UDP, which always keeps the client's address), so the target must admit the internet itself"), finding.message);
            });

            it("an NLB with a security group: a target that admits the NLB's group is reachable through it (AWS honours the reference then too)", () => {
                const resources = [...n.network(), n.group("lb-sg", world), n.loadBalancer("nlb", ["public-a"], ["lb-sg"], { loadBalancerType: "network" }),
                    n.targetGroup("ssh-tg", 22, "TCP"), n.listener("ssh", "nlb", 22, "TCP", "ssh-tg"), n.attachment("web-target", "ssh-tg", "web"),
                    ...host([n.fromGroup(22)], "private-a", {})];
                const [finding, ...rest] = run(resources);
                assert.deepStrictEqual(rest, []);
                assert.ok(finding.message.includes(`${CLIENT_SOURCE}; security group: aws.ec2.SecurityGroup 'web-sg' ingress[0].securityGroups[0] allows TCP ` +
                    "port 22 from a security group (ID known after creation)."), finding.message);
            });

            it("IP targets of a TCP group see the load balancer's address by default: an ECS service admitting the VPC's CIDR is reachable", () => {
                const service: TestResource = { type: TYPE.ecsService, name: "sftp",
                    props: { networkConfiguration: { subnets: [U], securityGroups: [U] }, loadBalancers: [{ targetGroupArn: U, containerName: "sftp", containerPort: 22 }] },
                    propertyDependencies: { networkConfiguration: ["private-a", "web-sg"], loadBalancers: ["ssh-tg"] } };
                const resources = [...n.network(), n.loadBalancer("nlb", ["public-a"], [], { loadBalancerType: "network" }),
                    n.targetGroup("ssh-tg", 22, "TCP", { targetType: "ip" }), n.listener("ssh", "nlb", 22, "TCP", "ssh-tg"), n.group("web-sg", fromVpc), service];
                const [finding, ...rest] = run(resources);
                assert.deepStrictEqual(rest, []);
                assert.ok(finding.message.includes("target: aws.ecs.Service 'sftp' loadBalancers[0] sends it to aws.ecs.Service 'sftp' on port 22 with the load " +
                    "balancer's private address (client IP preservation is off by default for the IP targets of aws.lb.TargetGroup 'ssh-tg', a TCP or TLS " +
                    "group), so the target must admit the load balancer's subnets or security group; security group: aws.ec2.SecurityGroup 'web-sg' " +
                    "ingress[0].cidrBlocks[0] allows TCP port 22 from 10.0.0.0/16."), finding.message);
            });

            it("a dualstack NLB: an IPv6 client reaches IPv4 instance targets from the load balancer's address, which the VPC's CIDR holds", () => {
                const resources = [n.vpc(), n.igw(), n.subnet("public-a", "10.0.0.0/24"), n.subnet("private-a", "10.0.1.0/24"),
                    n.routeTable("public", [{ cidrBlock: "0.0.0.0/0", gatewayId: U }, { ipv6CidrBlock: "::/0", gatewayId: U }], ["igw"]),
                    n.association("public-a-routes", "public-a", "public"), ...nlb({ ipAddressType: "dualstack" }), ...host(fromVpc, "private-a", {})];
                const [finding, ...rest] = run(resources);
                assert.deepStrictEqual(rest, []);
                assert.ok(finding.message.startsWith("aws.ec2.Instance 'web' is reachable from the internet through aws.lb.LoadBalancer 'nlb' over IPv6 on " +
                    "SSH (TCP port 22): "), finding.message);
                assert.ok(finding.message.includes("on port 22 with the load balancer's private address (a client of the other address family reaches the " +
                    "targets of aws.lb.TargetGroup 'ssh-tg' from the load balancer's address), so the target must admit the load balancer's subnets or security " +
                    // From the load balancer to the target over IPv4: the target subnet's default ACL by its IPv4 rule 100.
                    "group; network ACL: the default network ACL of aws.ec2.Vpc 'main' (AWS's, not declared in this stack): inbound rule 100 lets all " +
                    "traffic in, and outbound rule 100 lets all traffic out, the replies among it; security group: aws.ec2.SecurityGroup 'web-sg' " +
                    "ingress[0].cidrBlocks[0] allows TCP port 22 from 10.0.0.0/16."), finding.message);
            });

            it("preserveClientIp not known yet: a note naming it when the source decides, a violation when both sources are admitted", () => {
                const pending = { preserveClientIp: U };
                assert.deepStrictEqual(run([...n.network(), ...nlb({}, pending), ...host(fromVpc, "private-a", {})]).map((f) => [f.level, f.message.split(". ")[0]]), [[
                    "advisory", "Cannot be verified at preview: preserveClientIp of aws.lb.TargetGroup 'ssh-tg' is not known until the resource is created",
                ]]);
                assert.deepStrictEqual(run([...n.network(), ...nlb({}, pending), ...host(world, "private-a", {})]), [{
                    level: "mandatory", urn: WEB,
                    message: `${HEAD}; security group: aws.ec2.SecurityGroup 'web-sg' ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address). ${FIX}`,
                }]);
            });
        });

        it("flags an ALB listener forwarding to port 22 of a target that admits the ALB's group", () => {
            const alb = [n.group("lb-sg", [n.tcpFromWorld(443)]), n.loadBalancer("alb", ["public-a"], ["lb-sg"]), n.targetGroup("ssh-tg", 22, "HTTP"),
                n.listener("https", "alb", 443, "HTTPS", "ssh-tg"), n.attachment("web-target", "ssh-tg", "web")];
            const [finding] = run([...n.network(), ...alb, ...host([n.fromGroup(22)], "private-a", {})]);
            assert.ok(finding.message.endsWith("listener: aws.lb.Listener 'https' on port 443 of aws.lb.LoadBalancer 'alb'; target: aws.lb.TargetGroupAttachment " +
                "'web-target' targetId sends it to aws.ec2.Instance 'web' on port 22; security group: aws.ec2.SecurityGroup 'web-sg' ingress[0].securityGroups[0] " +
                `allows TCP port 22 from a security group (ID known after creation). ${FIX}`), finding.message);
            assert.ok(finding.message.includes("security group: aws.ec2.SecurityGroup 'lb-sg' ingress[0].cidrBlocks[0] allows TCP port 443 from 0.0.0.0/0 (every IPv4 address); listener:"));
        });
    });
});
