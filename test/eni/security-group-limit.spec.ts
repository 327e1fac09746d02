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
