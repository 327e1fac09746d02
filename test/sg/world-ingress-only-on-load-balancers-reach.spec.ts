/**
 * sg-world-ingress-only-on-load-balancers sees the world however a group admits it: through a
 * managed prefix list of the stack, and on groups the stack does not declare (a group outside the
 * stack named by ID, a VPC's default group) whose rules come from rule resources of the stack.
 * Each scenario runs at a first preview (IDs unknown, linked by property dependencies) and at an
 * update (IDs known); both give the same findings.
 */
import * as assert from "assert";
import { sgWorldIngressOnlyOnLoadBalancers } from "../../policies/sg/world-ingress-only-on-load-balancers";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

type Mode = "preview" | "update";
const MODES: Mode[] = ["preview", "update"];
type Finding = [string, string, string | undefined];
const run = (resources: TestResource[]): Finding[] =>
    runStackPolicy(sgWorldIngressOnlyOnLoadBalancers, resources).map((f) => [f.level, f.message, f.urn]);

const TAIL = ". Internet traffic then reaches the hosts directly, with no load balancer to absorb scans and malformed requests. " +
    "Fix: Put a load balancer in front: give the load balancer the internet-facing group, and let the compute group admit " +
    "only the load balancer's security group.";

const id = (mode: Mode, value: string) => (mode === "update" ? value : UNKNOWN);

/** A managed prefix list with inline entries (UNKNOWN: not known yet). */
const list = (mode: Mode, name: string, entries: string[] | typeof UNKNOWN): TestResource => ({
    type: TYPE.prefixList, name,
    props: { ...(mode === "update" ? { id: `pl-${name}` } : {}), name, addressFamily: "IPv4", maxEntries: 5,
        entries: entries === UNKNOWN ? UNKNOWN : entries.map((cidr) => ({ cidr, description: "e" })) },
});

/** The group 'web', admitting HTTPS from the list `of`. */
const webViaList = (mode: Mode, of: string): TestResource => ({
    type: TYPE.sg, name: "web",
    props: { ...(mode === "update" ? { id: "sg-web" } : {}), description: "d", egress: [],
        ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [id(mode, `pl-${of}`)], description: "r" }] },
    propertyDependencies: { ingress: [of] },
});

/** An instance on the stack's group 'web', or on a group outside the stack by ID. */
const instanceOn = (mode: Mode, group: "web" | { outside: string }): TestResource => (group === "web"
    ? { type: TYPE.instance, name: "vm", props: { vpcSecurityGroupIds: [id(mode, "sg-web")] }, propertyDependencies: { vpcSecurityGroupIds: ["web"] } }
    : { type: TYPE.instance, name: "vm", props: { vpcSecurityGroupIds: [group.outside] } });

/** A vpc.SecurityGroupIngressRule for HTTPS from a CIDR, on a group named by ID. */
const ruleOn = (name: string, securityGroupId: string, cidrIpv4: string, deps?: string[]): TestResource => ({
    type: TYPE.vpcIngress, name,
    props: { securityGroupId, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4, description: "r" },
    ...(deps ? { propertyDependencies: { securityGroupId: deps } } : {}),
});

describe("sg-world-ingress-only-on-load-balancers: the world through a prefix list of the stack", () => {
    for (const mode of MODES) {
        it(`flags a group admitting a list that holds 0.0.0.0/0, on an instance (${mode})`, () => {
            const resources = [list(mode, "anyone", ["0.0.0.0/0"]), webViaList(mode, "anyone"), instanceOn(mode, "web")];
            assert.deepStrictEqual(run(resources), [["advisory",
                "aws.ec2.SecurityGroup 'web' admits every IPv4 address (ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList " +
                `'anyone' entries[0].cidr (0.0.0.0/0)) and is attached to compute: aws.ec2.Instance 'vm'${TAIL}`, urnOf(resources[1])]]);
        });

        it(`flags a list whose two entries split the world (${mode})`, () => {
            const resources = [list(mode, "halves", ["0.0.0.0/1", "128.0.0.0/1"]), webViaList(mode, "halves"), instanceOn(mode, "web")];
            assert.deepStrictEqual(run(resources), [["advisory",
                "aws.ec2.SecurityGroup 'web' admits every IPv4 address (ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList " +
                "'halves' entries[0].cidr (0.0.0.0/1) and ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'halves' " +
                `entries[1].cidr (128.0.0.0/1)) and is attached to compute: aws.ec2.Instance 'vm'${TAIL}`, urnOf(resources[1])]]);
        });

        it(`passes a list of office ranges on an instance (${mode})`, () => {
            assert.deepStrictEqual(run([list(mode, "office", ["203.0.113.0/24"]), webViaList(mode, "office"), instanceOn(mode, "web")]), []);
        });

        it(`passes a list holding 0.0.0.0/0 on a group attached to nothing (${mode})`, () => {
            assert.deepStrictEqual(run([list(mode, "anyone", ["0.0.0.0/0"]), webViaList(mode, "anyone")]), []);
        });
    }

    it("notes, at a first preview, a list whose entries are not known yet: if they hold the world, the instance faces the internet", () => {
        const resources = [list("preview", "later", UNKNOWN), webViaList("preview", "later"), instanceOn("preview", "web")];
        assert.deepStrictEqual(run(resources), [["advisory",
            "Cannot be verified at preview: entries of aws.ec2.ManagedPrefixList 'later' is not known until the resource is created. " +
            "If the entries of aws.ec2.ManagedPrefixList 'later' that are not known yet hold the addresses needed, on " +
            "aws.ec2.SecurityGroup 'web', ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'later' entries (not known yet) " +
            "covers every IPv4 address on TCP port 443: ingress[0].prefixListIds[0] allows TCP port 443 from aws.ec2.ManagedPrefixList " +
            "'later', which would let the internet reach aws.ec2.Instance 'vm' directly, through aws.ec2.SecurityGroup 'web'.",
            urnOf(resources[1])]]);
    });
});

describe("sg-world-ingress-only-on-load-balancers: groups the stack does not declare", () => {
    it("flags a group outside the stack (by ID) that a rule resource of the stack opens to the world, on an instance of the stack", () => {
        assert.deepStrictEqual(run([ruleOn("https", "sg-0123", "0.0.0.0/0"), instanceOn("update", { outside: "sg-0123" })]), [["advisory",
            "security group sg-0123 (not in this stack) admits every IPv4 address (aws.vpc.SecurityGroupIngressRule 'https' cidrIpv4) " +
            `and is attached to compute: aws.ec2.Instance 'vm'${TAIL}`, undefined]]);
    });

    it("flags the world split across two rule resources on a group outside the stack", () => {
        assert.deepStrictEqual(run([ruleOn("low", "sg-0123", "0.0.0.0/1"), ruleOn("high", "sg-0123", "128.0.0.0/1"),
            instanceOn("update", { outside: "sg-0123" })]), [["advisory",
            "security group sg-0123 (not in this stack) admits every IPv4 address (aws.vpc.SecurityGroupIngressRule 'low' cidrIpv4 " +
            `and aws.vpc.SecurityGroupIngressRule 'high' cidrIpv4) and is attached to compute: aws.ec2.Instance 'vm'${TAIL}`, undefined]]);
    });

    it("passes a group outside the stack opened to the world when no compute of the stack is on it", () => {
        assert.deepStrictEqual(run([ruleOn("https", "sg-0123", "0.0.0.0/0"), instanceOn("update", { outside: "sg-0456" })]), []);
    });

    for (const mode of MODES) {
        it(`flags the VPC's default group, undeclared, opened by a rule resource, on an instance that declares no group (${mode})`, () => {
            const resources: TestResource[] = [
                { type: TYPE.vpc, name: "main", props: mode === "update"
                    ? { id: "vpc-1", cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: "sg-def" }
                    : { cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: UNKNOWN } },
                { type: TYPE.subnet, name: "a", props: { ...(mode === "update" ? { id: "subnet-1" } : {}), vpcId: id(mode, "vpc-1") }, propertyDependencies: { vpcId: ["main"] } },
                ruleOn("https", id(mode, "sg-def"), "0.0.0.0/0", ["main"]),
                { type: TYPE.instance, name: "vm", props: { ami: "ami-1", subnetId: id(mode, "subnet-1") }, propertyDependencies: { subnetId: ["a"] } },
            ];
            assert.deepStrictEqual(run(resources), [["advisory",
                "the default security group of aws.ec2.Vpc 'main' admits every IPv4 address (aws.vpc.SecurityGroupIngressRule 'https' cidrIpv4) " +
                `and is attached to compute: aws.ec2.Instance 'vm'${TAIL}`, urnOf(resources[0])]]);
        });
    }
});
