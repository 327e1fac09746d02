/**
 * What a resource's groups admit from the internet when some rules are not known yet: which rules
 * may admit the whole family (and on what), the doubt a possible path names, prefix lists of the
 * stack as peers, and the hop of a rule that is on no group of the stack.
 */
import * as assert from "assert";
import { adminPortsNotReachableFromInternet } from "../../policies/exposure/admin-ports-not-reachable-from-internet";
import { Exposure, Hop } from "../../policies/graph/exposure/exposure";
import * as n from "../exposure/network";
import { stackModel } from "../util/stack-fixtures";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const U = n.U;
const SG = urnOf({ type: TYPE.sg, name: "web-sg" });
const tcp = (lo: number, hi: number) => ({ tcp: [{ lo: BigInt(lo), hi: BigInt(hi) }], udp: [], other: [] });
const unknown = (path: string) => ({ undetermined: "unknown", path, reason: `${path} is not known until the resource is created` });

/** The direct exposure of 'web', an instance with a public address in 'public-a', with 'web-sg' and the other resources. */
function webExposure(ingress: Record<string, unknown>[], others: TestResource[] = [], deps: string[] = []): Exposure {
    const sg: TestResource = { ...n.group("web-sg", ingress), propertyDependencies: { vpcId: ["main"], ...(deps.length > 0 ? { ingress: deps } : {}) } };
    const model = stackModel([...n.network(), ...others, sg, n.instance("web", "public-a", "web-sg", { associatePublicIpAddress: true })]);
    return model.exposure.direct(model.byUrn.get(urnOf({ type: TYPE.instance, name: "web" })) as never);
}

/** [family, traffic, sg-rule hops as [urn, path]] of each path. */
const paths = (e: Exposure) => e.paths.map((p) => [p.family, p.traffic, sgHops(p.hops)]);
/** [family, traffic, doubt] of each possible path. */
const possible = (e: Exposure) => e.possible.map((p) => [p.family, p.traffic, p.doubt]);
const sgHops = (hops: readonly Hop[]) => hops.filter((h) => h.kind === "sg-rule").map((h) => [h.urn, h.path]);

/** A managed prefix list of the stack with a known ID and these entries. */
const prefixList = (entries: string[]): TestResource =>
    ({ type: TYPE.prefixList, name: "anyone", props: { id: "pl-anyone", name: "anyone", addressFamily: "IPv4", maxEntries: 5, entries: entries.map((cidr) => ({ cidr })) } });

describe("graph: exposure through groups whose rules are not all known", () => {
    it("a rule from a private block next to a rule whose CIDR is not known: only the unknown rule's port may be open", () => {
        const e = webExposure([
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [U] },
        ]);
        assert.deepStrictEqual(paths(e), []);
        assert.deepStrictEqual(possible(e), [[4, tcp(443, 443), { why: unknown("ingress[1].cidrBlocks[0]"), urn: SG }]]);
    });

    it("a rule from the whole internet before a rule whose CIDR is not known: a path on the first, the second's CIDR is the doubt", () => {
        const e = webExposure([n.tcpFromWorld(22), { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [U] }]);
        assert.deepStrictEqual(paths(e), [[4, tcp(22, 22), [[SG, "ingress[0].cidrBlocks[0]"]]]]);
        assert.deepStrictEqual(possible(e), [[4, tcp(443, 443), { why: unknown("ingress[1].cidrBlocks[0]"), urn: SG }]]);
    });

    it("an IPv6 rule from ::/0 next to an IPv4 rule whose CIDR is not known: the IPv4 path may carry only the IPv4 rule's port", () => {
        const e = webExposure([
            { protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] },
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [U] },
        ]);
        assert.deepStrictEqual(paths(e), []);
        assert.deepStrictEqual(possible(e), [[4, tcp(22, 22), { why: unknown("ingress[1].cidrBlocks[0]"), urn: SG }]]);
    });

    it("a rule from a prefix list of the stack whose entry is 0.0.0.0/0: a path through that rule", () => {
        const e = webExposure([{ protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: ["pl-anyone"] }], [prefixList(["0.0.0.0/0"])]);
        assert.deepStrictEqual(paths(e), [[4, tcp(22, 22), [[SG, "ingress[0].prefixListIds[0]"]]]]);
        assert.deepStrictEqual(possible(e), []);
    });

    it("a rule from a prefix list of the stack holding 0.0.0.0/0, with ports not known yet: every TCP port may be open", () => {
        const e = webExposure([{ protocol: "tcp", fromPort: U, toPort: U, prefixListIds: ["pl-anyone"] }], [prefixList(["0.0.0.0/0"])]);
        assert.deepStrictEqual(paths(e), []);
        assert.deepStrictEqual(possible(e), [[4, tcp(0, 65535), { why: unknown("ingress[0].fromPort"), urn: SG }]]);
    });

    it("admin ports: a rule from a prefix list of the stack holding 0.0.0.0/0, with ports not known yet, is a note on SSH and RDP", () => {
        const sg = { ...n.group("web-sg", [{ protocol: "tcp", fromPort: U, toPort: U, prefixListIds: ["pl-anyone"] }]), propertyDependencies: { vpcId: ["main"] } };
        const resources = [...n.network(), prefixList(["0.0.0.0/0"]), sg, n.instance("web", "public-a", "web-sg", { associatePublicIpAddress: true })];
        assert.deepStrictEqual(runStackPolicy(adminPortsNotReachableFromInternet, resources), [{
            level: "advisory", urn: urnOf({ type: TYPE.instance, name: "web" }),
            message: "Cannot be verified at preview: ingress[0].fromPort of aws.ec2.SecurityGroup 'web-sg' is not known until the resource is created. " +
                "aws.ec2.Instance 'web' may be reachable from the internet on TCP ports 22 and 3389 (IPv4). " +
                `The parts that are known: ${n.PUBLIC_ROUTE}; address: associatePublicIpAddress: true gives it a public IPv4 address; ${n.DEFAULT_ACL}. ` +
                "Fix: Close the path at one layer at least: admit the admin port only from a bastion's security group or a trusted CIDR, keep the host " +
                "in a subnet without a route to an internet gateway and without a public address, forward no admin port from a load balancer, or " +
                "connect with AWS Systems Manager Session Manager, which needs no inbound port at all.",
        }]);
    });

    it("a rule resource of the stack on a group outside it: the rule's hop names no group of the stack", () => {
        const ssh: TestResource = { type: TYPE.sgRule, name: "ssh",
            props: { type: "ingress", securityGroupId: "sg-0shared", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] } };
        const web: TestResource = { type: TYPE.instance, name: "web",
            props: { ami: "ami-1", instanceType: "t3.micro", subnetId: U, vpcSecurityGroupIds: ["sg-0shared"], associatePublicIpAddress: true },
            propertyDependencies: { subnetId: ["public-a"] } };
        const model = stackModel([...n.network(), ssh, web]);
        const e = model.exposure.direct(model.byUrn.get(urnOf(web)) as never);
        assert.deepStrictEqual(e.paths.map((p) => [p.family, p.traffic]), [[4, tcp(22, 22)]]);
        const hop = e.paths[0].hops.find((h) => h.kind === "sg-rule");
        assert.ok(hop?.kind === "sg-rule");
        const { rule, ...rest } = hop;
        assert.deepStrictEqual(rest, { kind: "sg-rule", urn: urnOf(ssh), path: "cidrBlocks[0]" });
        assert.strictEqual(rule.origin.urn, urnOf(ssh));
    });
});
