import * as assert from "assert";
import { sgWorldIngressOnlyOnLoadBalancers } from "../../policies/sg/world-ingress-only-on-load-balancers";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPES, headsOfStack } from "../util/stack-fixtures";

const policy = sgWorldIngressOnlyOnLoadBalancers;
const run = (resources: TestResource[]) => headsOfStack(runStackPolicy(policy, resources));
/** As run, with the list of rule paths in the message masked: for standalone rules, whose naming is a separate case. */
const runMasked = (resources: TestResource[]) =>
    run(resources).map(([level, text, urn]) => [level, text.replace(/ \([^()]*\) and is attached/, " (…) and is attached"), urn]);

const FIX = "Fix: Put a load balancer in front: give the load balancer the internet-facing group, and let the compute " +
    "group admit only the load balancer's security group.";

const tcp = (port: number, peers: Record<string, unknown>) => ({ protocol: "tcp", fromPort: port, toPort: port, ...peers });
/** The security group 'web', whose ID is unknown (first preview) unless given. */
const web = (ingress: unknown[], id?: string): TestResource =>
    ({ type: TYPES.sg, name: "web", props: { description: "d", ingress, egress: [], ...(id ? { id } : {}) } });
const worldWeb = web([tcp(443, { cidrBlocks: ["0.0.0.0/0"] })]);
const instance = (name = "vm", sgs = ["web"]): TestResource =>
    ({ type: TYPES.instance, name, props: { vpcSecurityGroupIds: sgs.map(() => UNKNOWN) }, propertyDependencies: { vpcSecurityGroupIds: sgs } });
const lb: TestResource = { type: TYPES.lb, name: "alb", props: { securityGroups: [UNKNOWN] }, propertyDependencies: { securityGroups: ["web"] } };
const flagged = (what: string, compute: string): [string, string, string] =>
    ["advisory", `aws.ec2.SecurityGroup 'web' admits every ${what} and is attached to compute: ${compute}`, urnOf(worldWeb)];

describe("sg-world-ingress-only-on-load-balancers", () => {
    it("flags a world-open group on an instance with the full message, as advisory, on the group", () => {
        assert.deepStrictEqual(runStackPolicy(policy, [worldWeb, instance()]), [{
            level: "advisory",
            message: "aws.ec2.SecurityGroup 'web' admits every IPv4 address (ingress[0].cidrBlocks[0]) and is attached to " +
                "compute: aws.ec2.Instance 'vm'. Internet traffic then reaches the hosts directly, with no load balancer to " +
                `absorb scans and malformed requests. ${FIX}`,
            urn: urnOf(worldWeb),
        }]);
    });

    const cases: [string, TestResource[], [string, string, string | undefined][]][] = [
        ["passes a world-open group on a load balancer only", [worldWeb, lb], []],
        ["flags a world-open group on an instance", [worldWeb, instance()],
            [flagged("IPv4 address (ingress[0].cidrBlocks[0])", "aws.ec2.Instance 'vm'")]],
        ["flags a world-open group on a load balancer and an instance, naming only the instance", [worldWeb, lb, instance()],
            [flagged("IPv4 address (ingress[0].cidrBlocks[0])", "aws.ec2.Instance 'vm'")]],
        ["flags ::/0 on an instance as every IPv6 address", [web([tcp(443, { ipv6CidrBlocks: ["::/0"] })]), instance()],
            [flagged("IPv6 address (ingress[0].ipv6CidrBlocks[0])", "aws.ec2.Instance 'vm'")]],
        ["flags both families in one finding", [web([tcp(443, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] })]), instance()],
            [flagged("IPv4 and IPv6 address (ingress[0].cidrBlocks[0] and ingress[0].ipv6CidrBlocks[0])", "aws.ec2.Instance 'vm'")]],
        ["names every compute resource the group is on, each once", [worldWeb, instance("a"), instance("b")],
            [flagged("IPv4 address (ingress[0].cidrBlocks[0])", "aws.ec2.Instance 'a' and aws.ec2.Instance 'b'")]],
        ["flags a world-open group on an instance by known ID (update)", [
            web([tcp(443, { cidrBlocks: ["0.0.0.0/0"] })], "sg-1"),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1"] } },
        ], [flagged("IPv4 address (ingress[0].cidrBlocks[0])", "aws.ec2.Instance 'vm'")]],
        ["flags a world-open group on a launch template's networkInterfaces[0].securityGroups", [
            worldWeb,
            { type: TYPES.launchTemplate, name: "lt", props: { networkInterfaces: [{ securityGroups: [UNKNOWN] }] }, propertyDependencies: { networkInterfaces: ["web"] } },
        ], [flagged("IPv4 address (ingress[0].cidrBlocks[0])", "aws.ec2.LaunchTemplate 'lt'")]],
        ["flags a world-open group on an ECS service's networkConfiguration.securityGroups", [
            worldWeb,
            {
                type: TYPES.ecsService, name: "svc",
                props: { networkConfiguration: { subnets: ["subnet-1"], securityGroups: [UNKNOWN] } },
                propertyDependencies: { networkConfiguration: ["web"] },
            },
        ], [flagged("IPv4 address (ingress[0].cidrBlocks[0])", "aws.ecs.Service 'svc'")]],
        ["flags a world-open group on a Lambda function's vpcConfig.securityGroupIds", [
            worldWeb,
            { type: TYPES.lambda, name: "fn", props: { vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: [UNKNOWN] } }, propertyDependencies: { vpcConfig: ["web"] } },
        ], [flagged("IPv4 address (ingress[0].cidrBlocks[0])", "aws.lambda.Function 'fn'")]],
        ["passes a private CIDR on an instance", [web([tcp(443, { cidrBlocks: ["10.0.0.0/8"] })]), instance()], []],
        ["passes world egress on an instance: only ingress matters",
            [{ ...worldWeb, props: { description: "d", ingress: [], egress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })] } }, instance()], []],
        ["passes a world-open group attached to nothing", [worldWeb], []],
    ];
    for (const [name, resources, expected] of cases) {
        it(name, () => assert.deepStrictEqual(run(resources), expected));
    }

    const ruleIn = (name: string, cidrIpv4: string, link: "dependency" | "id"): TestResource => ({
        type: TYPES.vpcIngress, name,
        props: { securityGroupId: link === "id" ? "sg-1" : UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4 },
        ...(link === "dependency" ? { propertyDependencies: { securityGroupId: ["web"] } } : {}),
    });
    const masked = (family: string, compute: string): [string, string, string] =>
        ["advisory", `aws.ec2.SecurityGroup 'web' admits every ${family} address (…) and is attached to compute: ${compute}`, urnOf(worldWeb)];
    const standaloneCases: [string, TestResource[], [string, string, string | undefined][]][] = [
        ["flags world ingress from a standalone vpc.SecurityGroupIngressRule (cidrIpv4 0.0.0.0/0), linked by dependency",
            [web([]), ruleIn("https", "0.0.0.0/0", "dependency"), instance()], [masked("IPv4", "aws.ec2.Instance 'vm'")]],
        ["flags world ingress from a standalone rule, linked by known ID",
            [web([], "sg-1"), ruleIn("https", "0.0.0.0/0", "id"), { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1"] } }],
            [masked("IPv4", "aws.ec2.Instance 'vm'")]],
        ["flags 0.0.0.0/1 + 128.0.0.0/1 split across two standalone rules of one group: the stack view joins them",
            [web([]), ruleIn("low", "0.0.0.0/1", "dependency"), ruleIn("high", "128.0.0.0/1", "dependency"), instance()],
            [masked("IPv4", "aws.ec2.Instance 'vm'")]],
        ["flags 0.0.0.0/1 inline + 128.0.0.0/1 standalone on one group",
            [web([tcp(443, { cidrBlocks: ["0.0.0.0/1"] })]), ruleIn("high", "128.0.0.0/1", "dependency"), instance()],
            [masked("IPv4", "aws.ec2.Instance 'vm'")]],
        ["passes halves on different ports (0.0.0.0/1 on 443 inline, 128.0.0.0/1 on 8443 standalone): the world on no port",
            [web([tcp(443, { cidrBlocks: ["0.0.0.0/1"] })]), { ...ruleIn("high", "128.0.0.0/1", "dependency"),
                props: { ...ruleIn("high", "128.0.0.0/1", "dependency").props, fromPort: 8443, toPort: 8443 } }, instance()], []],
        ["passes half the address space (one standalone 0.0.0.0/1 rule)",
            [web([]), ruleIn("low", "0.0.0.0/1", "dependency"), instance()], []],
        ["passes 0.0.0.0/1 and 128.0.0.0/1 on two different groups of one instance",
            [
                web([tcp(443, { cidrBlocks: ["0.0.0.0/1"] })]),
                { type: TYPES.sg, name: "other", props: { description: "d", ingress: [tcp(443, { cidrBlocks: ["128.0.0.0/1"] })], egress: [] } },
                instance("vm", ["web", "other"]),
            ], []],
    ];
    for (const [name, resources, expected] of standaloneCases) {
        it(name, () => assert.deepStrictEqual(runMasked(resources), expected));
    }

    it("names the standalone rule resources whose blocks together cover the world", () => {
        const [[, text]] = run([web([]), ruleIn("low", "0.0.0.0/1", "dependency"), ruleIn("high", "128.0.0.0/1", "dependency"), instance()]);
        assert.strictEqual(text, "aws.ec2.SecurityGroup 'web' admits every IPv4 address (aws.vpc.SecurityGroupIngressRule 'low' " +
            "cidrIpv4 and aws.vpc.SecurityGroupIngressRule 'high' cidrIpv4) and is attached to compute: aws.ec2.Instance 'vm'");
    });

    it("flags a world-open group on a launch template's second network interface (dependency)", () => {
        assert.deepStrictEqual(run([
            { type: TYPES.sg, name: "private", props: { description: "d", ingress: [tcp(443, { cidrBlocks: ["10.0.0.0/8"] })], egress: [] } },
            worldWeb,
            {
                type: TYPES.launchTemplate, name: "lt",
                props: { networkInterfaces: [{ securityGroups: [UNKNOWN] }, { securityGroups: [UNKNOWN] }] },
                propertyDependencies: { networkInterfaces: ["private", "web"] },
            },
        ]), [flagged("IPv4 address (ingress[0].cidrBlocks[0])", "aws.ec2.LaunchTemplate 'lt'")]);
    });

    it("flags a world-open group named in an instance's securityGroups, linked by dependency", () => {
        assert.deepStrictEqual(run([
            worldWeb,
            { type: TYPES.instance, name: "vm", props: { securityGroups: [UNKNOWN] }, propertyDependencies: { securityGroups: ["web"] } },
        ]), [flagged("IPv4 address (ingress[0].cidrBlocks[0])", "aws.ec2.Instance 'vm'")]);
    });
});

describe("sg-world-ingress-only-on-load-balancers: groups however they are attached", () => {
    it("flags a world-open group attached to an instance only by NetworkInterfaceSecurityGroupAttachment (its primary interface)", () => {
        const vm: TestResource = { type: TYPES.instance, name: "vm", props: { ami: "ami-1" } };
        const attach: TestResource = {
            type: TYPES.eniAttachment, name: "attach", props: { networkInterfaceId: UNKNOWN, securityGroupId: UNKNOWN },
            propertyDependencies: { networkInterfaceId: ["vm"], securityGroupId: ["web"] },
        };
        assert.deepStrictEqual(run([worldWeb, vm, attach]), [flagged("IPv4 address (ingress[0].cidrBlocks[0])", "aws.ec2.Instance 'vm'")]);
    });

    it("flags the VPC's DefaultSecurityGroup open to the world when an instance that declares no group gets it", () => {
        const resources: TestResource[] = [
            { type: TYPES.vpc, name: "main", props: { id: "vpc-1", cidrBlock: "10.0.0.0/16" } },
            { type: TYPES.subnet, name: "a", props: { id: "subnet-1", vpcId: "vpc-1" } },
            { type: TYPES.defaultSg, name: "default", props: { vpcId: "vpc-1", ingress: [tcp(22, { ipv6CidrBlocks: ["::/0"] })] } },
            { type: TYPES.instance, name: "vm", props: { ami: "ami-1", subnetId: "subnet-1" } },
            { type: TYPES.instance, name: "elsewhere", props: { ami: "ami-1", subnetId: "subnet-0other" } },
        ];
        assert.deepStrictEqual(run(resources), [["advisory",
            "aws.ec2.DefaultSecurityGroup 'default' admits every IPv6 address (ingress[0].ipv6CidrBlocks[0]) and is attached to compute: aws.ec2.Instance 'vm'",
            urnOf(resources[2])]]);
    });
});
