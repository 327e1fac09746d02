/**
 * sg-world-ingress-only-on-load-balancers asks whether the internet reaches compute at all, on any
 * port: a rule from a whole address family admits the world whatever its protocol or ports, so a
 * rule whose protocol or ports are not known yet is still a finding. Only a world split over several
 * blocks hinges on those values (the blocks must allow common traffic), and that is a note.
 */
import * as assert from "assert";
import { sgWorldIngressOnlyOnLoadBalancers } from "../../policies/sg/world-ingress-only-on-load-balancers";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

type Finding = [string, string, string | undefined];
const run = (resources: TestResource[]): Finding[] =>
    runStackPolicy(sgWorldIngressOnlyOnLoadBalancers, resources).map((f) => [f.level, f.message, f.urn]);

const TAIL = " and is attached to compute: aws.ec2.Instance 'vm'. Internet traffic then reaches the hosts directly, with no load " +
    "balancer to absorb scans and malformed requests. Fix: Put a load balancer in front: give the load balancer the " +
    "internet-facing group, and let the compute group admit only the load balancer's security group.";

const web = (ingress: unknown[]): TestResource => ({ type: TYPE.sg, name: "web", props: { id: "sg-web", description: "d", ingress, egress: [] } });
const vm: TestResource = { type: TYPE.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-web"] } };
const httpsRule = (props: Record<string, unknown>): TestResource => ({
    type: TYPE.vpcIngress, name: "r", props: { securityGroupId: "sg-web", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "r", ...props },
});

describe("sg-world-ingress-only-on-load-balancers: the world on ports not known yet", () => {
    it("flags an inline rule from 0.0.0.0/0 whose ports are not known yet", () => {
        const resources = [web([{ protocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] }]), vm];
        assert.deepStrictEqual(run(resources), [["advisory",
            `aws.ec2.SecurityGroup 'web' admits every IPv4 address (ingress[0].cidrBlocks[0])${TAIL}`, urnOf(resources[0])]]);
    });

    it("flags a rule resource from ::/0 whose protocol is not known yet", () => {
        const resources = [web([]), vm, httpsRule({ ipProtocol: UNKNOWN, cidrIpv6: "::/0" })];
        assert.deepStrictEqual(run(resources), [["advisory",
            `aws.ec2.SecurityGroup 'web' admits every IPv6 address (aws.vpc.SecurityGroupIngressRule 'r' cidrIpv6)${TAIL}`, urnOf(resources[0])]]);
    });

    it("flags a rule from a prefix list holding 0.0.0.0/0 whose port is not known yet", () => {
        const list: TestResource = { type: TYPE.prefixList, name: "anyone",
            props: { id: "pl-1", name: "anyone", addressFamily: "IPv4", maxEntries: 5, entries: [{ cidr: "0.0.0.0/0", description: "e" }] } };
        const resources = [list, web([{ protocol: "tcp", fromPort: 443, toPort: UNKNOWN, prefixListIds: ["pl-1"] }]), vm];
        assert.deepStrictEqual(run(resources), [["advisory",
            "aws.ec2.SecurityGroup 'web' admits every IPv4 address (ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'anyone' " +
            `entries[0].cidr (0.0.0.0/0))${TAIL}`, urnOf(resources[1])]]);
    });

    it("notes a split world whose halves may not share a port: 0.0.0.0/1 on 443 and 128.0.0.0/1 on a port not known yet", () => {
        const resources = [web([
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/1"] },
            { protocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["128.0.0.0/1"] },
        ]), vm];
        assert.deepStrictEqual(run(resources), [["advisory",
            "Cannot be verified at preview: ingress[1].fromPort of aws.ec2.SecurityGroup 'web' is not known until the resource is created. If ingress[1].cidrBlocks[0] " +
            "reaches TCP port 443, on aws.ec2.SecurityGroup 'web', ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[0] " +
            "(128.0.0.0/1) together cover every IPv4 address on TCP port 443: ingress[0].cidrBlocks[0] allows TCP port 443 from " +
            "0.0.0.0/1; ingress[1].cidrBlocks[0] allows traffic from 128.0.0.0/1, which would let the internet reach aws.ec2.Instance 'vm' " +
            "directly, through aws.ec2.SecurityGroup 'web'.", urnOf(resources[0])]]);
    });

    it("notes a rule resource from 0.0.0.0/0 on ports not known yet that may be on the compute's group or another", () => {
        const pending: TestResource = { type: TYPE.vpcIngress, name: "extra",
            props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrIpv4: "0.0.0.0/0", description: "d" },
            propertyDependencies: { securityGroupId: ["web", "other"] } };
        const other: TestResource = { type: TYPE.sg, name: "other", props: { id: "sg-other", description: "d", ingress: [], egress: [] } };
        const resources = [web([]), other, vm, pending];
        assert.deepStrictEqual(run(resources), [["advisory",
            "Cannot be verified at preview: securityGroupId is not known until the resource is created. If " +
            "aws.vpc.SecurityGroupIngressRule 'extra' adds its rule to aws.ec2.SecurityGroup 'web', the group admits every IPv4 " +
            "address (aws.vpc.SecurityGroupIngressRule 'extra' cidrIpv4) and is attached to compute: aws.ec2.Instance 'vm'.", urnOf(resources[0])]]);
    });

    it("passes a rule from 10.0.0.0/8 whose ports are not known yet: no port of it admits the world", () => {
        assert.deepStrictEqual(run([web([{ protocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["10.0.0.0/8"] }]), vm]), []);
    });
});
