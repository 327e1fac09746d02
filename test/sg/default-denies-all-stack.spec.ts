import * as assert from "assert";
import { sgDefaultDeniesAll } from "../../policies/sg/default-denies-all";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPES, headsOfStack } from "../util/stack-fixtures";

/** runStackPolicy calls validateStack only: the stack half, standalone rules that add rules to a default group. */
const stackHalf = sgDefaultDeniesAll;
const run = (resources: TestResource[]) => headsOfStack(runStackPolicy(stackHalf, resources));

const FIX = "Fix: Declare the default security group with no ingress and no egress rules, and attach purpose-built " +
    "security groups to resources instead.";

/** The VPC's default group, adopted with no rules: ID unknown at a first preview, known on an update. */
const defaultSg = (id?: string): TestResource =>
    ({ type: TYPES.defaultSg, name: "default", props: { vpcId: "vpc-1", ingress: [], egress: [], ...(id ? { id } : {}) } });
const ordinary = (id?: string): TestResource =>
    ({ type: TYPES.sg, name: "app", props: { description: "d", ingress: UNKNOWN, egress: UNKNOWN, ...(id ? { id } : {}) } });

type Link = { by: "dependency"; group: string } | { by: "id"; id: string };
const target = (link: Link) => link.by === "dependency"
    ? { props: { securityGroupId: UNKNOWN }, propertyDependencies: { securityGroupId: [link.group] } }
    : { props: { securityGroupId: link.id } };
const rule = (type: string, name: string, link: Link, props: Record<string, unknown>): TestResource => {
    const t = target(link);
    return { type, name, props: { ...props, ...t.props }, ...(t.propertyDependencies ? { propertyDependencies: t.propertyDependencies } : {}) };
};
const classic = (name: string, link: Link) =>
    rule(TYPES.sgRule, name, link, { type: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] });
const ingress = (name: string, link: Link) =>
    rule(TYPES.vpcIngress, name, link, { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" });
const egress = (name: string, link: Link) => rule(TYPES.vpcEgress, name, link, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" });

const DEP: Link = { by: "dependency", group: "default" };
const ID: Link = { by: "id", id: "sg-def" };
const flagged = (r: TestResource): [string, string, string] => [
    "mandatory",
    `${r.type === TYPES.sgRule ? "aws.ec2.SecurityGroupRule" : r.type === TYPES.vpcIngress ? "aws.vpc.SecurityGroupIngressRule" : "aws.vpc.SecurityGroupEgressRule"} ` +
        `'${r.name}' adds a rule to the default security group aws.ec2.DefaultSecurityGroup 'default'`,
    urnOf(r),
];

describe("sg-default-denies-all (stack half)", () => {
    it("flags a standalone rule on the default group with the full message, as mandatory, on the rule", () => {
        const r = ingress("https", DEP);
        assert.deepStrictEqual(runStackPolicy(stackHalf, [defaultSg(), r]), [{
            level: "mandatory",
            message: "aws.vpc.SecurityGroupIngressRule 'https' adds a rule to the default security group " +
                "aws.ec2.DefaultSecurityGroup 'default'. Anything launched without an explicit group gets the default one, " +
                `so the rule applies to resources nobody chose to expose. ${FIX}`,
            urn: urnOf(r),
        }]);
    });

    const cases: [string, TestResource[], [string, string, string | undefined][]][] = [
        ["flags an ec2.SecurityGroupRule on the default group (dependency)", [defaultSg(), classic("r", DEP)], [flagged(classic("r", DEP))]],
        ["flags an ec2.SecurityGroupRule on the default group (known ID)", [defaultSg("sg-def"), classic("r", ID)], [flagged(classic("r", ID))]],
        ["flags a vpc.SecurityGroupIngressRule on the default group (dependency)", [defaultSg(), ingress("r", DEP)], [flagged(ingress("r", DEP))]],
        ["flags a vpc.SecurityGroupIngressRule on the default group (known ID)", [defaultSg("sg-def"), ingress("r", ID)], [flagged(ingress("r", ID))]],
        ["flags a vpc.SecurityGroupEgressRule on the default group (dependency)", [defaultSg(), egress("r", DEP)], [flagged(egress("r", DEP))]],
        ["flags a vpc.SecurityGroupEgressRule on the default group (known ID)", [defaultSg("sg-def"), egress("r", ID)], [flagged(egress("r", ID))]],
        ["flags each rule on the default group, in stack order, and none on an ordinary group", [
            defaultSg(), ordinary(), egress("out", DEP), ingress("app-in", { by: "dependency", group: "app" }), classic("in", DEP),
        ], [flagged(egress("out", DEP)), flagged(classic("in", DEP))]],
        ["passes rules of every shape on an ordinary group (dependency)", [
            defaultSg(), ordinary(),
            classic("a", { by: "dependency", group: "app" }), ingress("b", { by: "dependency", group: "app" }), egress("c", { by: "dependency", group: "app" }),
        ], []],
        ["passes rules of every shape on an ordinary group (known ID)", [
            defaultSg("sg-def"), ordinary("sg-app"),
            classic("a", { by: "id", id: "sg-app" }), ingress("b", { by: "id", id: "sg-app" }), egress("c", { by: "id", id: "sg-app" }),
        ], []],
        ["passes a rule on a group outside the stack", [defaultSg("sg-def"), ingress("r", { by: "id", id: "sg-0outside" })], []],
        ["passes a default group without standalone rules", [defaultSg()], []],
    ];
    for (const [name, resources, expected] of cases) {
        it(name, () => assert.deepStrictEqual(run(resources), expected));
    }

    it("flags a rule on the VPC's default group named by the Vpc's defaultSecurityGroupId (known ID)", () => {
        const r = ingress("r", { by: "id", id: "sg-def" });
        const findings = run([{ type: TYPES.vpc, name: "main", props: { id: "vpc-1", cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: "sg-def" } }, r]);
        assert.deepStrictEqual(findings.map(([level, , urn]) => [level, urn]), [["mandatory", urnOf(r)]]);
        assert.match(findings[0][1], /^aws\.vpc\.SecurityGroupIngressRule 'r' adds a rule to the default security group/);
    });
});

describe("sg-default-denies-all (stack half): a rule whose group cannot be told yet", () => {
    it("is a note, not a pass: it may be on a default group", () => {
        const r: TestResource = { type: TYPES.vpcIngress, name: "r", props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" } };
        assert.deepStrictEqual(runStackPolicy(stackHalf, [r]), [{
            level: "advisory", urn: urnOf(r),
            message: "Cannot be verified at preview: securityGroupId is not known until the resource is created. aws.vpc.SecurityGroupIngressRule " +
                "'r' adds a rule to a security group that cannot be told yet; it must not be a VPC's default group.",
        }]);
    });
});
