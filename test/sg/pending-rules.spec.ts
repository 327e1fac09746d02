/**
 * Standalone rules whose group cannot be told yet (a first preview, their securityGroupId depending on
 * several groups, or on something that is not a group) in the stack policies that read a group's
 * rules: each gives a note where it could change the verdict on a group it may belong to, and
 * nothing where it could not, or where its group is known to be another.
 */
import * as assert from "assert";
import { sgRuleQuota } from "../../policies/sg/rule-quota";
import { sgRulesManagedOneWay } from "../../policies/sg/rules-managed-one-way";
import { sgWorldIngressOnlyOnLoadBalancers } from "../../policies/sg/world-ingress-only-on-load-balancers";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const group = (name: string, ingress: unknown[] = []): TestResource => ({ type: TYPE.sg, name, props: { description: name, ingress } });
const web = (ingress: unknown[] = []) => group("web", ingress);
const other = group("other");
const app = group("app");
/** An ingress rule on TCP `port` from `cidr` whose securityGroupId is not known yet and depends on `deps`. */
const pending = (deps: string[], cidr: string, port = 22, type: string = TYPE.vpcIngress): TestResource => ({
    type, name: "extra", props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: cidr, description: "d" },
    propertyDependencies: { securityGroupId: deps },
});
const vm: TestResource = { type: TYPE.instance, name: "vm", props: { vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["web"] } };
const tcp = (port: number, cidrs: string[]) => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: cidrs, description: "d" });
const NOTE = "Cannot be verified at preview: securityGroupId is not known until the resource is created";
const WEB = urnOf({ type: TYPE.sg, name: "web" });
const run = (policy: unknown, resources: TestResource[]) => runStackPolicy(policy, resources).map((f) => [f.level, f.message, f.urn]);

describe("sg-world-ingress-only-on-load-balancers: a rule resource whose group cannot be told yet", () => {
    it("SSH from 0.0.0.0/0, depending on the compute's group and another: a note on the group naming the rule and the compute", () => {
        assert.deepStrictEqual(run(sgWorldIngressOnlyOnLoadBalancers, [web(), other, vm, pending(["web", "other"], "0.0.0.0/0")]), [
            ["advisory", `${NOTE}. If aws.vpc.SecurityGroupIngressRule 'extra' adds its rule to aws.ec2.SecurityGroup 'web', the group admits ` +
                "every IPv4 address (aws.vpc.SecurityGroupIngressRule 'extra' cidrIpv4) and is attached to compute: aws.ec2.Instance 'vm'.", WEB],
        ]);
    });

    it("nothing for an egress rule to 0.0.0.0/0 that may be on the compute's group: egress admits no one", () => {
        assert.deepStrictEqual(run(sgWorldIngressOnlyOnLoadBalancers, [web(), other, vm, pending(["web", "other"], "0.0.0.0/0", 443, TYPE.vpcEgress)]), []);
    });

    it("the half that would complete the world with the group's own inline half: a note naming both", () => {
        const findings = run(sgWorldIngressOnlyOnLoadBalancers, [web([tcp(22, ["0.0.0.0/1"])]), vm, pending([], "128.0.0.0/1")]);
        assert.deepStrictEqual(findings.map((f) => f[1]), [`${NOTE}. If aws.vpc.SecurityGroupIngressRule 'extra' adds its rule to ` +
            "aws.ec2.SecurityGroup 'web', the group admits every IPv4 address (ingress[0].cidrBlocks[0] and aws.vpc.SecurityGroupIngressRule " +
            "'extra' cidrIpv4) and is attached to compute: aws.ec2.Instance 'vm'."]);
    });

    it("nothing when the rule depends only on other groups, or admits less than the world", () => {
        assert.deepStrictEqual(run(sgWorldIngressOnlyOnLoadBalancers, [web(), other, app, vm, pending(["other", "app"], "0.0.0.0/0")]), []);
        assert.deepStrictEqual(run(sgWorldIngressOnlyOnLoadBalancers, [web(), other, vm, pending(["web", "other"], "10.0.0.0/8")]), []);
    });
});

describe("sg-rule-quota: a rule resource whose group cannot be told yet", () => {
    const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`);
    it("60 inbound IPv4 rules and one more that may be the group's: a note that it cannot be counted", () => {
        assert.deepStrictEqual(run(sgRuleQuota, [web([tcp(443, cidrs(60))]), other, pending(["web", "other"], "10.200.0.0/16")]), [
            ["advisory", "Cannot be verified at preview: securityGroupId is not known until the resource is created (aws.vpc.SecurityGroupIngressRule " +
                "'extra', which may add its rules to this group). aws.ec2.SecurityGroup 'web' has at least 60 inbound IPv4 rules; this part " +
                "cannot be counted against the quota of 60.", WEB],
        ]);
    });

    it("nothing when the group stays within the quota with the rule, or the rule depends only on other groups", () => {
        assert.deepStrictEqual(run(sgRuleQuota, [web([tcp(443, cidrs(59))]), other, pending(["web", "other"], "10.200.0.0/16")]), []);
        assert.deepStrictEqual(run(sgRuleQuota, [web([tcp(443, cidrs(60))]), other, app, pending(["other", "app"], "10.200.0.0/16")]), []);
    });
});

describe("sg-rules-managed-one-way: a rule resource whose group cannot be told yet", () => {
    it("a group with inline ingress rules and an ingress rule resource that may be on it: a note", () => {
        assert.deepStrictEqual(run(sgRulesManagedOneWay, [web([tcp(443, ["10.0.0.0/8"])]), other, pending(["web", "other"], "10.1.0.0/16")]), [
            ["advisory", `${NOTE}. aws.ec2.SecurityGroup 'web' declares ingress rules inline (ingress[0]); if aws.vpc.SecurityGroupIngressRule ` +
                "'extra' adds its ingress rule to this group, the group's ingress rules are managed two ways and flap on every update.", WEB],
        ]);
    });

    it("a group already flagged for a standalone rule of its own: the violation alone, no note for a rule that may also be its", () => {
        const own: TestResource = { type: TYPE.vpcIngress, name: "own", props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 80,
            toPort: 80, cidrIpv4: "10.2.0.0/16", description: "d" }, propertyDependencies: { securityGroupId: ["web"] } };
        const findings = run(sgRulesManagedOneWay, [web([tcp(443, ["10.0.0.0/8"])]), other, own, pending(["web", "other"], "10.1.0.0/16")]);
        assert.deepStrictEqual(findings.map((f) => [f[0], String(f[1]).split(". ")[0], f[2]]), [
            ["mandatory", "aws.ec2.SecurityGroup 'web' declares ingress rules inline (ingress[0]) and also has standalone ingress rules: " +
                "aws.vpc.SecurityGroupIngressRule 'own'", WEB],
        ]);
    });

    it("nothing for a rule of the other direction, or one that depends only on other groups", () => {
        const egress = { ...pending(["web", "other"], "10.1.0.0/16", 443, TYPE.vpcEgress) };
        assert.deepStrictEqual(run(sgRulesManagedOneWay, [web([tcp(443, ["10.0.0.0/8"])]), other, egress]), []);
        assert.deepStrictEqual(run(sgRulesManagedOneWay, [web([tcp(443, ["10.0.0.0/8"])]), other, app, pending(["other", "app"], "10.1.0.0/16")]), []);
    });
});
