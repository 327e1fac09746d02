import * as assert from "assert";
import { sgRulesManagedOneWay } from "../../policies/sg/rules-managed-one-way";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPES, headsOfStack } from "../util/stack-fixtures";

const run = (resources: TestResource[]) => headsOfStack(runStackPolicy(sgRulesManagedOneWay, resources));

const FIX = "Fix: Manage each direction of a group one way: either all rules inline in the SecurityGroup's " +
    "ingress/egress, or none inline and all as standalone rule resources (vpc.SecurityGroupIngressRule / " +
    "vpc.SecurityGroupEgressRule are preferred).";

/** An inline rule as the program declares it. */
const tcp = (port: number, peers: Record<string, unknown>) => ({ protocol: "tcp", fromPort: port, toPort: port, ...peers });
/** An inline rule as a deployed group's outputs list it: every field present. */
const out = (protocol: string, from: number, to: number, peers: Record<string, unknown>) => ({
    protocol, fromPort: from, toPort: to, cidrBlocks: [], ipv6CidrBlocks: [], prefixListIds: [], securityGroups: [], self: false,
    description: "", ...peers,
});

/** The group 'web' at a first preview: ID unknown, and an undeclared direction is an unknown output. */
const webPreview = (ingress: unknown, egress: unknown = UNKNOWN): TestResource =>
    ({ type: TYPES.sg, name: "web", props: { description: "d", ingress, egress } });
/** The group 'web' after a deploy: ID sg-1, and its outputs list every rule of the group. */
const webDeployed = (ingress: unknown[], egress: unknown[] = []): TestResource =>
    ({ type: TYPES.sg, name: "web", props: { id: "sg-1", description: "d", ingress, egress } });

type Link = "dependency" | "id";
const linkTo = (link: Link) => link === "dependency"
    ? { securityGroupId: UNKNOWN, deps: { propertyDependencies: { securityGroupId: ["web"] } } }
    : { securityGroupId: "sg-1", deps: {} };
const vpcRule = (direction: "ingress" | "egress", name: string, link: Link, rule: Record<string, unknown>): TestResource => {
    const l = linkTo(link);
    return { type: direction === "ingress" ? TYPES.vpcIngress : TYPES.vpcEgress, name, props: { securityGroupId: l.securityGroupId, ...rule }, ...l.deps };
};
const classicRule = (type: "ingress" | "egress", name: string, link: Link, rule: Record<string, unknown>): TestResource => {
    const l = linkTo(link);
    return { type: TYPES.sgRule, name, props: { type, securityGroupId: l.securityGroupId, ...rule }, ...l.deps };
};
const https = { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" };
const urn = urnOf({ type: TYPES.sg, name: "web" });

describe("sg-rules-managed-one-way", () => {
    it("flags inline ingress plus a standalone ingress rule with the full message, as mandatory, on the group", () => {
        const findings = runStackPolicy(sgRulesManagedOneWay, [
            webPreview([tcp(22, { cidrBlocks: ["10.1.0.0/16"] })]), vpcRule("ingress", "https", "dependency", https),
        ]);
        assert.deepStrictEqual(findings, [{
            level: "mandatory",
            message: "aws.ec2.SecurityGroup 'web' declares ingress rules inline (ingress[0]) and also has standalone ingress " +
                "rules: aws.vpc.SecurityGroupIngressRule 'https'. On every update the provider removes whichever rules the " +
                `other side added, so traffic flaps. ${FIX}`,
            urn,
        }]);
    });

    const cases: [string, TestResource[], [string, string, string | undefined][]][] = [
        ["flags inline ingress plus a standalone ingress rule linked by known ID (ec2.SecurityGroupRule)", [
            webDeployed([out("tcp", 22, 22, { cidrBlocks: ["10.1.0.0/16"] })]),
            classicRule("ingress", "https", "id", { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }),
        ], [["mandatory", "aws.ec2.SecurityGroup 'web' declares ingress rules inline (ingress[0]) and also has standalone ingress rules: aws.ec2.SecurityGroupRule 'https'", urn]]],
        ["passes inline egress plus a standalone ingress rule", [
            webPreview(UNKNOWN, [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })]), vpcRule("ingress", "https", "dependency", https),
        ], []],
        ["passes inline ingress plus a standalone egress rule (ec2.SecurityGroupRule type egress)", [
            webPreview([tcp(22, { cidrBlocks: ["10.1.0.0/16"] })]),
            classicRule("egress", "out", "dependency", { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
        ], []],
        ["passes standalone rules only, at preview (undeclared inline lists are unknown outputs)", [
            webPreview(UNKNOWN), vpcRule("ingress", "https", "dependency", https),
            vpcRule("egress", "out", "dependency", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }),
        ], []],
        ["passes standalone rules only, with empty inline lists", [
            webPreview([], []), vpcRule("ingress", "https", "dependency", https),
        ], []],
        ["passes a deployed group whose outputs list exactly its standalone rule", [
            webDeployed([out("tcp", 443, 443, { cidrBlocks: ["10.0.0.0/8"] })]), vpcRule("ingress", "https", "id", https),
        ], []],
        ["passes a deployed group whose outputs group two standalone rules into one block", [
            webDeployed([out("tcp", 443, 443, { cidrBlocks: ["10.0.0.0/8", "192.168.0.0/16"] })]),
            vpcRule("ingress", "a", "id", https), vpcRule("ingress", "b", "id", { ...https, cidrIpv4: "192.168.0.0/16" }),
        ], []],
        ["passes outputs that spell the standalone rule's protocol differently ('6' and '-1' read back as tcp and -1)", [
            webDeployed([out("tcp", 443, 443, { cidrBlocks: ["10.0.0.0/8"] })], [out("-1", 0, 0, { cidrBlocks: ["0.0.0.0/0"] })]),
            vpcRule("ingress", "https", "id", { ...https, ipProtocol: "6" }),
            vpcRule("egress", "out", "id", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }),
        ], []],
        ["passes outputs listing a standalone rule that references another group", [
            webDeployed([out("tcp", 5432, 5432, { securityGroups: ["sg-app"] })]),
            vpcRule("ingress", "from-app", "id", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: "sg-app" }),
        ], []],
        ["flags outputs listing the standalone rule plus another rule", [
            webDeployed([out("tcp", 443, 443, { cidrBlocks: ["10.0.0.0/8"] }), out("tcp", 22, 22, { cidrBlocks: ["10.1.0.0/16"] })]),
            vpcRule("ingress", "https", "id", https),
        ], [["mandatory", "aws.ec2.SecurityGroup 'web' declares ingress rules inline (ingress[1]) and also has standalone ingress rules: aws.vpc.SecurityGroupIngressRule 'https'", urn]]],
        ["flags an output block that holds the standalone rule's CIDR and one more", [
            webDeployed([out("tcp", 443, 443, { cidrBlocks: ["10.0.0.0/8", "172.16.0.0/12"] })]),
            vpcRule("ingress", "https", "id", https),
        ], [["mandatory", "aws.ec2.SecurityGroup 'web' declares ingress rules inline (ingress[0]) and also has standalone ingress rules: aws.vpc.SecurityGroupIngressRule 'https'", urn]]],
        ["flags both directions: two findings, ingress first", [
            webPreview([tcp(22, { cidrBlocks: ["10.1.0.0/16"] })], [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })]),
            vpcRule("egress", "out", "dependency", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.2.0.0/16" }),
            vpcRule("ingress", "https", "dependency", https),
        ], [
            ["mandatory", "aws.ec2.SecurityGroup 'web' declares ingress rules inline (ingress[0]) and also has standalone ingress rules: aws.vpc.SecurityGroupIngressRule 'https'", urn],
            ["mandatory", "aws.ec2.SecurityGroup 'web' declares egress rules inline (egress[0]) and also has standalone egress rules: aws.vpc.SecurityGroupEgressRule 'out'", urn],
        ]],
        ["names every inline rule and every standalone rule of the direction", [
            webPreview([tcp(22, { cidrBlocks: ["10.1.0.0/16"] }), tcp(80, { cidrBlocks: ["10.1.0.0/16"] })]),
            vpcRule("ingress", "a", "dependency", https), vpcRule("ingress", "b", "dependency", { ...https, fromPort: 8443, toPort: 8443 }),
        ], [["mandatory", "aws.ec2.SecurityGroup 'web' declares ingress rules inline (ingress[0] and ingress[1]) and also has standalone ingress rules: aws.vpc.SecurityGroupIngressRule 'a' and aws.vpc.SecurityGroupIngressRule 'b'", urn]]],
        ["flags a DefaultSecurityGroup with inline ingress plus a standalone ingress rule", [
            { type: TYPES.defaultSg, name: "default", props: { vpcId: "vpc-1", ingress: [tcp(22, { self: true })], egress: [] } },
            { ...vpcRule("ingress", "https", "id", https), propertyDependencies: { securityGroupId: ["default"] }, props: { ...https, securityGroupId: UNKNOWN } },
        ], [["mandatory", "aws.ec2.DefaultSecurityGroup 'default' declares ingress rules inline (ingress[0]) and also has standalone ingress rules: aws.vpc.SecurityGroupIngressRule 'https'", urnOf({ type: TYPES.defaultSg, name: "default" })]]],
        ["passes a standalone rule on another group", [
            webPreview([tcp(22, { cidrBlocks: ["10.1.0.0/16"] })]),
            { type: TYPES.sg, name: "other", props: { description: "d", ingress: UNKNOWN, egress: UNKNOWN } },
            { ...vpcRule("ingress", "https", "dependency", https), propertyDependencies: { securityGroupId: ["other"] } },
        ], []],
    ];
    for (const [name, resources, expected] of cases) {
        it(name, () => assert.deepStrictEqual(run(resources), expected));
    }

    it("passes outputs listing a standalone self-reference (read back as self: true)", () => {
        assert.deepStrictEqual(run([
            webDeployed([out("tcp", 5432, 5432, { self: true })]),
            vpcRule("ingress", "peers", "id", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: "sg-1" }),
        ]), []);
    });
});
