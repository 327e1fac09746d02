import * as assert from "assert";
import { eniSecurityGroupLimit } from "../../policies/eni/security-group-limit";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const SG = TYPE.sg;
const INSTANCE = TYPE.instance;
const LAUNCH_TEMPLATE = TYPE.launchTemplate;
const LAMBDA = TYPE.lambda;
const ATTACHMENT = TYPE.eniAttachment;
const ENI = TYPE.eni;

/** n security groups named g1..gn, IDs unknown as on a first preview. */
const groups = (n: number): TestResource[] =>
    Array.from({ length: n }, (_, i) => ({ type: SG, name: `g${i + 1}`, props: { description: "d" } }));
const names = (n: number) => Array.from({ length: n }, (_, i) => `g${i + 1}`);
const run = (resources: TestResource[], config?: Record<string, unknown>) =>
    runStackPolicy(eniSecurityGroupLimit, resources, config).map((f) => [f.level, f.message.split(". ")[0], f.urn]);

describe("eni-security-group-limit", () => {
    it("flags a sixth SG on an instance, linked by property dependencies while IDs are unknown", () => {
        const instance = { type: INSTANCE, name: "web", props: { vpcSecurityGroupIds: Array(6).fill(UNKNOWN) }, propertyDependencies: { vpcSecurityGroupIds: names(6) } };
        assert.deepStrictEqual(run([...groups(6), instance]), [[
            "mandatory",
            "aws.ec2.Instance 'web' puts 6 security groups on one network interface (vpcSecurityGroupIds): 'g1', 'g2', 'g3', 'g4', 'g5' and 'g6'",
            urnOf(instance),
        ]]);
    });

    it("passes five SGs", () => {
        const instance = { type: INSTANCE, name: "web", props: { vpcSecurityGroupIds: Array(5).fill(UNKNOWN) }, propertyDependencies: { vpcSecurityGroupIds: names(5) } };
        assert.deepStrictEqual(run([...groups(5), instance]), []);
    });

    it("counts known IDs on an update, external groups included, and each group once", () => {
        const sgs = groups(3).map((g, i) => ({ ...g, props: { ...g.props, id: `sg-${i + 1}` } }));
        const instance = { type: INSTANCE, name: "web", props: { vpcSecurityGroupIds: ["sg-1", "sg-2", "sg-3", "sg-1", "sg-0ext1", "sg-0ext2"] } };
        assert.deepStrictEqual(run([...sgs, instance], { maxSecurityGroups: 4 }), [[
            "mandatory",
            "aws.ec2.Instance 'web' puts 5 security groups on one network interface (vpcSecurityGroupIds): 'g1', 'g2', 'g3', sg-0ext1 (outside the stack) and sg-0ext2 (outside the stack)",
            urnOf(instance),
        ]]);
    });

    it("counts each network interface of a launch template separately", () => {
        const lt = {
            type: LAUNCH_TEMPLATE, name: "lt",
            props: { vpcSecurityGroupIds: ["sg-a", "sg-b"], networkInterfaces: [{ securityGroups: ["sg-1", "sg-2", "sg-3"] }, { securityGroups: ["sg-4"] }] },
        };
        assert.deepStrictEqual(run([lt], { maxSecurityGroups: 2 }), [[
            "mandatory",
            "aws.ec2.LaunchTemplate 'lt' puts 3 security groups on one network interface (networkInterfaces[0].securityGroups): sg-1 (outside the stack), sg-2 (outside the stack) and sg-3 (outside the stack)",
            urnOf(lt),
        ]]);
    });

    it("reads nested lists: a Lambda function's vpcConfig.securityGroupIds", () => {
        const fn = { type: LAMBDA, name: "fn", props: { vpcConfig: { securityGroupIds: ["sg-1", "sg-2"], subnetIds: ["subnet-1"] } } };
        assert.deepStrictEqual(run([fn], { maxSecurityGroups: 1 }), [[
            "mandatory",
            "aws.lambda.Function 'fn' puts 2 security groups on one network interface (vpcConfig.securityGroupIds): sg-1 (outside the stack) and sg-2 (outside the stack)",
            urnOf(fn),
        ]]);
    });

    it("adds groups attached by NetworkInterfaceSecurityGroupAttachment to the interface", () => {
        const eni = { type: ENI, name: "eni", props: { securityGroups: ["sg-1", "sg-2"], subnetId: "subnet-1" } };
        const attach = { type: ATTACHMENT, name: "extra", props: { networkInterfaceId: UNKNOWN, securityGroupId: "sg-3" }, propertyDependencies: { networkInterfaceId: ["eni"] } };
        assert.deepStrictEqual(run([eni, attach], { maxSecurityGroups: 2 }), [[
            "mandatory",
            "aws.ec2.NetworkInterface 'eni' puts 3 security groups on one network interface (securityGroups): sg-1 (outside the stack), sg-2 (outside the stack) and sg-3 (outside the stack)",
            urnOf(eni),
        ]]);
    });

    it("notes a list that cannot be resolved at preview, without a violation", () => {
        const instance = { type: INSTANCE, name: "web", props: { vpcSecurityGroupIds: UNKNOWN } };
        assert.deepStrictEqual(run([instance]), [[
            "advisory",
            "Cannot be verified at preview: vpcSecurityGroupIds is not known until the resource is created",
            urnOf(instance),
        ]]);
    });

    it("still flags a definite excess when part of the list is unknown", () => {
        const instance = { type: INSTANCE, name: "web", props: { vpcSecurityGroupIds: ["sg-1", "sg-2", UNKNOWN] } };
        assert.deepStrictEqual(run([instance], { maxSecurityGroups: 1 }), [[
            "mandatory",
            "aws.ec2.Instance 'web' puts 2 security groups on one network interface (vpcSecurityGroupIds): sg-1 (outside the stack) and sg-2 (outside the stack)",
            urnOf(instance),
        ]]);
    });

    it("ignores resources without security groups", () => {
        assert.deepStrictEqual(run([{ type: LAMBDA, name: "fn", props: { runtime: "nodejs20.x" } }]), []);
    });
});

describe("eni-security-group-limit: groups from attachments only, and the VPC's default group", () => {
    const vpc: TestResource = { type: TYPE.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
    const subnet: TestResource = { type: TYPE.subnet, name: "a", props: { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24" }, propertyDependencies: { vpcId: ["main"] } };
    const attach = (n: number, eni: string): TestResource[] => Array.from({ length: n }, (_, i) => ({
        type: ATTACHMENT, name: `attach-${i + 1}`, props: { networkInterfaceId: UNKNOWN, securityGroupId: UNKNOWN },
        propertyDependencies: { networkInterfaceId: [eni], securityGroupId: [`g${i + 1}`] },
    }));
    const FIX = "Fix: Merge the groups' rules into fewer groups (security groups combine with OR, so one group per role is " +
        "enough), or raise the 'Security groups per network interface' quota and set maxSecurityGroups to match.";

    it("counts a NetworkInterface declared without securityGroups: its VPC's default group plus every attached group", () => {
        const eni: TestResource = { type: ENI, name: "eni", props: { subnetId: UNKNOWN }, propertyDependencies: { subnetId: ["a"] } };
        const findings = runStackPolicy(eniSecurityGroupLimit, [vpc, subnet, ...groups(5), eni, ...attach(5, "eni")]);
        assert.deepStrictEqual(findings, [{
            level: "mandatory", urn: urnOf(eni),
            message: "aws.ec2.NetworkInterface 'eni' puts 6 security groups on one network interface (securityGroups): 'g1', 'g2', " +
                "'g3', 'g4', 'g5' and the default security group of aws.ec2.Vpc 'main' (it declares none). The quota is 5 per " +
                `interface, so AWS rejects the resource at deploy time, after the rest of the stack is built. ${FIX}`,
        }]);
    });

    it("passes a NetworkInterface with its default group and four attached groups", () => {
        const eni: TestResource = { type: ENI, name: "eni", props: { subnetId: UNKNOWN }, propertyDependencies: { subnetId: ["a"] } };
        assert.deepStrictEqual(run([vpc, subnet, ...groups(4), eni, ...attach(4, "eni")]), []);
    });

    it("counts an instance's primary interface declared without groups (by primaryNetworkInterfaceId), with the stack's DefaultSecurityGroup", () => {
        const dflt: TestResource = { type: TYPE.defaultSg, name: "default", props: { id: "sg-def", vpcId: "vpc-1" } };
        const known: TestResource[] = [
            { type: TYPE.vpc, name: "main", props: { id: "vpc-1", cidrBlock: "10.0.0.0/16" } },
            { type: TYPE.subnet, name: "a", props: { id: "subnet-1", vpcId: "vpc-1" } },
            dflt,
            ...groups(2).map((g, i) => ({ ...g, props: { ...g.props, id: `sg-${i + 1}` } })),
            { type: INSTANCE, name: "vm", props: { ami: "ami-1", subnetId: "subnet-1", primaryNetworkInterfaceId: "eni-1" } },
            ...[1, 2].map((i) => ({ type: ATTACHMENT, name: `attach-${i}`, props: { networkInterfaceId: "eni-1", securityGroupId: `sg-${i}` } })),
        ];
        assert.deepStrictEqual(run(known, { maxSecurityGroups: 2 }), [[
            "mandatory",
            "aws.ec2.Instance 'vm' puts 3 security groups on one network interface (vpcSecurityGroupIds + securityGroups): 'default' (the VPC's default group: it declares none), 'g1' and 'g2'",
            urnOf(known[5]),
        ]]);
    });

    it("notes an attachment whose interface cannot be told yet", () => {
        const a: TestResource = { type: ATTACHMENT, name: "attach", props: { networkInterfaceId: UNKNOWN, securityGroupId: "sg-1" } };
        assert.deepStrictEqual(runStackPolicy(eniSecurityGroupLimit, [a]), [{
            level: "advisory", urn: urnOf(a),
            message: "Cannot be verified at preview: networkInterfaceId is not known until the resource is created. " +
                "aws.ec2.NetworkInterfaceSecurityGroupAttachment 'attach' adds a security group to a network interface that " +
                "cannot be told yet, so it cannot be counted against that interface's quota of 5.",
        }]);
    });
});

describe("eni-security-group-limit: a note only when the unknown IDs could exceed the quota, with right counts", () => {
    const instance = (ids: unknown, deps: string[] = []): TestResource =>
        ({ type: INSTANCE, name: "web", props: { vpcSecurityGroupIds: ids }, propertyDependencies: { vpcSecurityGroupIds: deps } });

    it("one group whose ID is not known yet (a StackReference output) cannot exceed 5: no note", () => {
        assert.deepStrictEqual(run([instance([UNKNOWN])]), []);
    });

    it("four known groups and one unknown: at most 5, no note", () => {
        assert.deepStrictEqual(run([instance(["sg-1", "sg-2", "sg-3", "sg-4", UNKNOWN])]), []);
    });

    it("five known groups and one unknown: 5 to 6, a note with both counts", () => {
        const i = instance(["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", UNKNOWN]);
        assert.deepStrictEqual(runStackPolicy(eniSecurityGroupLimit, [i]), [{
            level: "advisory", urn: urnOf(i),
            message: "Cannot be verified at preview: vpcSecurityGroupIds is not known until the resource is created. aws.ec2.Instance " +
                "'web' has 5 to 6 security groups on vpcSecurityGroupIds; the ones not known yet cannot be counted against the quota of 5.",
        }]);
    });

    it("one unknown ID under a quota of 1: 1 group at least, none beyond, no note", () => {
        assert.deepStrictEqual(run([instance([UNKNOWN])], { maxSecurityGroups: 1 }), []);
    });

    const note = (r: TestResource, count: string, path: string, max = 5) => [{
        level: "advisory", urn: urnOf(r),
        message: `Cannot be verified at preview: ${path} is not known until the resource is created. ${r.type === INSTANCE ? "aws.ec2.Instance" : "aws.lb.LoadBalancer"} ` +
            `'${r.name}' has ${count} on ${path}; the ones not known yet cannot be counted against the quota of ${max}.`,
    }];

    it("two unknown IDs under a quota of 1: at least 1 (the list has items), at most 2", () => {
        const i = instance([UNKNOWN, UNKNOWN]);
        assert.deepStrictEqual(runStackPolicy(eniSecurityGroupLimit, [i], { maxSecurityGroups: 1 }), note(i, "1 to 2 security groups", "vpcSecurityGroupIds", 1));
    });

    it("a whole unknown list: at least 1 (an instance always has a group), no upper bound", () => {
        const i = instance(UNKNOWN, []);
        assert.deepStrictEqual(runStackPolicy(eniSecurityGroupLimit, [i]), note(i, "at least 1 security group", "vpcSecurityGroupIds"));
    });

    it("a whole unknown list on a load balancer, which may carry none: at least 0", () => {
        const lb: TestResource = { type: TYPE.lb, name: "nlb", props: { securityGroups: UNKNOWN }, propertyDependencies: { securityGroups: [] } };
        assert.deepStrictEqual(runStackPolicy(eniSecurityGroupLimit, [lb]), note(lb, "at least 0 security groups", "securityGroups"));
    });

});
