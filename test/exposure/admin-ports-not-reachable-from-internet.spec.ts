import * as assert from "assert";
import { adminPortsNotReachableFromInternet } from "../../policies/exposure/admin-ports-not-reachable-from-internet";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
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

    describe("through a load balancer", () => {
        const nlb = (props: Record<string, unknown> = {}) => [n.loadBalancer("nlb", ["public-a"], [], { loadBalancerType: "network", ...props }),
            n.targetGroup("ssh-tg", 22, "TCP"), n.listener("ssh", "nlb", 22, "TCP", "ssh-tg"), n.attachment("web-target", "ssh-tg", "web")];
        const fromVpc = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"] }];

        it("flags an internet-facing NLB forwarding 22 to a target whose group admits a CIDR that holds the load balancer's subnet", () => {
            assert.deepStrictEqual(run([...n.network(), ...nlb(), ...host(fromVpc, "private-a", {})]), [{
                level: "mandatory", urn: WEB,
                message: "aws.ec2.Instance 'web' is reachable from the internet through aws.lb.LoadBalancer 'nlb' over IPv4 on SSH (TCP port 22): " +
                    `${n.PUBLIC_ROUTE}; address: it is internet-facing (internal is not true); ${n.DEFAULT_ACL}; listener: aws.lb.Listener 'ssh' on ` +
                    "port 22 of aws.lb.LoadBalancer 'nlb'; target: aws.lb.TargetGroupAttachment 'web-target' targetId sends it to aws.ec2.Instance 'web' " +
                    `on port 22; security group: aws.ec2.SecurityGroup 'web-sg' ingress[0].cidrBlocks[0] allows TCP port 22 from 10.0.0.0/16. ${FIX}`,
            }]);
        });

        it("passes the same NLB when it is internal", () => {
            assert.deepStrictEqual(run([...n.network(), ...nlb({ internal: true }), ...host(fromVpc, "private-a", {})]), []);
        });

        it("passes when the target's CIDR does not hold the load balancer's subnet", () => {
            const other = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.1.0/24"] }];
            assert.deepStrictEqual(run([...n.network(), ...nlb(), ...host(other, "private-a", {})]), []);
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

        it("notes a target group whose port is not known yet", () => {
            const unknownPort = [n.loadBalancer("nlb", ["public-a"], [], { loadBalancerType: "network" }),
                { ...n.targetGroup("ssh-tg", 22, "TCP"), props: { port: U, protocol: "TCP", vpcId: U } },
                n.listener("ssh", "nlb", 22, "TCP", "ssh-tg"), n.attachment("web-target", "ssh-tg", "web")];
            const findings = run([...n.network(), ...unknownPort, ...host(fromVpc, "private-a", {})]);
            assert.deepStrictEqual(findings.map((f) => [f.level, f.message.split(". ")[0]]), [[
                "advisory", "Cannot be verified at preview: port of aws.lb.TargetGroup 'ssh-tg' is not known until the resource is created",
            ]]);
        });
    });
});
