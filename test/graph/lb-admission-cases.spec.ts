/**
 * The target's security groups behind a load balancer (graph/exposure/lb-admission.ts): which rules
 * admit what the load balancer forwards, by its group, by CIDR rules holding its subnets, or, behind
 * an NLB that preserves the client's address, from the whole internet; and when the answer is only
 * possible. 'public-a' is 10.0.0.0/24 (the load balancer's), 'private-a' 10.0.1.0/24 (the target's),
 * the target port 8080.
 */
import * as assert from "assert";
import { ExposurePath, Hop } from "../../policies/graph/exposure/exposure";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
type Props = Record<string, unknown>;
const urn = (type: string, name: string) => urnOf({ type, name });

/** An internet-facing ALB (group 'alb-sg') in the given subnets forwarding 443 to 'web' on 8080; web's group has the given rules. */
function behindAlb(ingress: Props[], subnets = ["public-a"], groupDeps: string[] = []): TestResource[] {
    return [n.group("alb-sg", [n.tcpFromWorld(443)]), n.loadBalancer("alb", subnets, ["alb-sg"]), n.targetGroup("web-tg", 8080),
        n.listener("https", "alb", 443, "HTTPS", "web-tg"), n.attachment("web-target", "web-tg", "web"),
        { ...n.group("web-sg", ingress), propertyDependencies: { vpcId: ["main"], ingress: groupDeps } }, n.instance("web", "private-a", "web-sg")];
}

/** An internet-facing NLB that preserves the client's address, forwarding TCP 8080 to 'web' on 8080. */
function behindNlb(ingress: Props[], port: number | string = 8080): TestResource[] {
    return [n.loadBalancer("nlb", ["public-a"], [], { loadBalancerType: "network" }), n.targetGroup("web-tg", 8080, "TCP"),
        n.listener("tcp", "nlb", port as number, "TCP", "web-tg"), n.attachment("web-target", "web-tg", "web"),
        n.group("web-sg", ingress), n.instance("web", "private-a", "web-sg")];
}

/** The paths to 'web': the security group hops after the target hop, and the doubts of the possible ones. */
function through(resources: TestResource[]) {
    const model = stackModel(resources);
    const web = model.byUrn.get(urn(TYPE.instance, "web"));
    assert.ok(web);
    const { paths, possible } = model.exposure.through(web);
    const sg = (p: ExposurePath) => p.hops.slice(p.hops.findIndex((h) => h.kind === "target") + 1).filter((h: Hop) => h.kind === "sg-rule").map((h) => [model.byUrn.get(h.urn)?.name ?? h.urn, h.path]);
    return {
        paths: paths.map(sg),
        possible: possible.map((p) => ({ hops: sg(p), urn: model.byUrn.get(p.doubt.urn)?.name ?? p.doubt.urn, why: p.doubt.why })),
    };
}

const tcp = (port: number | string, peer: Props): Props => ({ protocol: "tcp", fromPort: port, toPort: port, ...peer });

/** "<path> is not known until the resource is created", at the given property path. */
const unknown = (path: string) => ({ undetermined: "unknown", path, reason: `${path} is not known until the resource is created` });
const publicB = (cidr: string) => [n.subnet("public-b", cidr), n.association("public-b-routes", "public-b", "public")];
/** A standalone ingress rule whose group is not known yet: it may be on web's group. */
const looseRule = (peer: Props): TestResource =>
    ({ type: TYPE.sgRule, name: "loose", props: { type: "ingress", securityGroupId: U, protocol: "tcp", fromPort: 8080, toPort: 8080, ...peer } });

describe("graph: exposure through a load balancer, the target's security groups", () => {
    it("the load balancer's group admitted on another port only: no path", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindAlb([n.fromGroup(9090)], ["public-a"], ["alb-sg"])]), { paths: [], possible: [] });
    });

    it("a group not yet known admitted on the target port: a possible path hinging on its ID", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindAlb([tcp(8080, { securityGroups: [U] })])]),
            { paths: [], possible: [{ hops: [], urn: "web-sg", why: unknown("ingress[0].securityGroups[0]") }] });
    });

    it("a group not yet known admitted on another port: no path", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindAlb([tcp(9090, { securityGroups: [U] })])]), { paths: [], possible: [] });
    });

    it("another group of the stack admitted on the target port: no path", () => {
        assert.deepStrictEqual(through([...n.network(), n.group("other-sg", []), ...behindAlb([n.fromGroup(8080)], ["public-a"], ["other-sg"])]),
            { paths: [], possible: [] });
    });

    it("the load balancer's subnet admitted with a protocol not known yet: a possible path hinging on the protocol", () => {
        const rule = { protocol: U, fromPort: 8080, toPort: 8080, cidrBlocks: ["10.0.0.0/24"] };
        assert.deepStrictEqual(through([...n.network(), ...behindAlb([rule])]),
            { paths: [], possible: [{ hops: [], urn: "web-sg", why: unknown("ingress[0].protocol") }] });
    });

    it("the load balancer's subnet admitted on ports not known yet: a possible path hinging on the ports", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindAlb([tcp(U, { cidrBlocks: ["10.0.0.0/24"] })])]),
            { paths: [], possible: [{ hops: [], urn: "web-sg", why: unknown("ingress[0].fromPort") }] });
    });

    it("a CIDR not known yet admitted on the target port: a possible path hinging on the CIDR", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindAlb([tcp(8080, { cidrBlocks: [U] })])]),
            { paths: [], possible: [{ hops: [], urn: "web-sg", why: unknown("ingress[0].cidrBlocks[0]") }] });
    });

    it("a prefix list admitted on ports not known yet: no path, the load balancer is in no prefix list", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindAlb([tcp(U, { prefixListIds: ["pl-1"] })])]), { paths: [], possible: [] });
    });

    it("the whole IPv6 internet admitted: no path, the load balancer's nodes reach the target over IPv4", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindAlb([tcp(8080, { ipv6CidrBlocks: ["::/0"] })])]), { paths: [], possible: [] });
    });

    it("a load balancer in two subnets, one whose CIDR is not known yet: a possible path hinging on that subnet", () => {
        // One path into the load balancer by each of its subnets.
        const doubt = { hops: [], urn: "public-b", why: unknown("cidrBlock") };
        assert.deepStrictEqual(through([...n.network(), ...publicB(U), ...behindAlb([tcp(8080, { cidrBlocks: ["10.0.0.0/24"] })], ["public-a", "public-b"])]),
            { paths: [], possible: [doubt, doubt] });
    });

    it("a load balancer in a subnet whose CIDR is not known yet, no CIDR admitted: no path", () => {
        assert.deepStrictEqual(through([...n.network(), ...publicB(U), ...behindAlb([], ["public-b"])]), { paths: [], possible: [] });
    });

    it("a load balancer in two subnets, one of them admitted: no path", () => {
        assert.deepStrictEqual(through([...n.network(), ...publicB("10.0.2.0/24"), ...behindAlb([tcp(8080, { cidrBlocks: ["10.0.0.0/24"] })], ["public-a", "public-b"])]),
            { paths: [], possible: [] });
    });

    it("a load balancer in two subnets, each held by its own rule beside an unrelated one: paths through the two rules only", () => {
        // One path into the load balancer by each of its subnets.
        const hops = [["web-sg", "ingress[0].cidrBlocks[0]"], ["web-sg", "ingress[0].cidrBlocks[2]"]];
        assert.deepStrictEqual(through([...n.network(), ...publicB("10.0.2.0/24"),
            ...behindAlb([tcp(8080, { cidrBlocks: ["10.0.0.0/24", "192.168.0.0/16", "10.0.2.0/23"] })], ["public-a", "public-b"])]), { paths: [hops, hops], possible: [] });
    });

    it("the load balancer's subnet held by two halves beside an unrelated rule: a path through the two halves", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindAlb([tcp(8080, { cidrBlocks: ["10.0.0.0/25", "192.168.0.0/16", "10.0.0.128/25"] })])]),
            { paths: [[["web-sg", "ingress[0].cidrBlocks[0]"], ["web-sg", "ingress[0].cidrBlocks[2]"]]], possible: [] });
    });

    it("an NLB preserving the client's address, on a listener port not known yet: a possible path through the internet rule", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindNlb([n.tcpFromWorld(8080)], U)]),
            { paths: [], possible: [{ hops: [["web-sg", "ingress[0].cidrBlocks[0]"]], urn: "tcp", why: unknown("port") }] });
    });

    it("an NLB preserving the client's address, the internet admitted on ports not known yet: a possible path hinging on the ports", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindNlb([tcp(U, { cidrBlocks: ["0.0.0.0/0"] })])]),
            { paths: [], possible: [{ hops: [], urn: "web-sg", why: unknown("ingress[0].fromPort") }] });
    });

    it("an NLB preserving the client's address, a CIDR not known yet admitted on another port: no path", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindNlb([tcp(9090, { cidrBlocks: [U] })])]), { paths: [], possible: [] });
    });

    it("a standalone rule whose group is not known yet admits a group not known yet: a possible path hinging on the rule's group", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindAlb([]), looseRule({ sourceSecurityGroupId: U })]),
            { paths: [], possible: [{ hops: [], urn: "loose", why: unknown("securityGroupId") }] });
    });

    it("web's group admits a group not known yet, beside a standalone rule that may be on it: the possible path hinges on web's rule", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindAlb([tcp(8080, { securityGroups: [U] })]), looseRule({ cidrBlocks: ["10.0.0.0/24"] })]),
            { paths: [], possible: [{ hops: [], urn: "web-sg", why: unknown("ingress[0].securityGroups[0]") }] });
    });
    it("a load balancer in a subnet outside the stack, its nodes' CIDR admitted: no path, no subnet of it is known to be held", () => {
        const resources = behindAlb([tcp(8080, { cidrBlocks: ["10.0.0.0/24"] })]);
        resources[1] = { type: TYPE.lb, name: "alb", props: { subnets: ["subnet-1"], securityGroups: [U] }, propertyDependencies: { securityGroups: ["alb-sg"] } };
        assert.deepStrictEqual(through([...n.network(), ...resources]), { paths: [], possible: [] });
    });
});
