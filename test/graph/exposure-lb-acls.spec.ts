/**
 * The load balancer -> target hop and the network ACL of the target's subnet: the load balancer's
 * nodes (addresses in its subnets) must get in on the target port, and the replies back out to them.
 * Each case's network is written out by hand: 'public-a' is 10.0.0.0/24 (the load balancer's),
 * 'private-a' 10.0.1.0/24 (the target's), the target port 8080.
 */
import * as assert from "assert";
import { adminPortsNotReachableFromInternet } from "../../policies/exposure/admin-ports-not-reachable-from-internet";
import { ExposurePath, Hop } from "../../policies/graph/exposure/exposure";
import * as n from "../exposure/network";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
const urn = (type: string, name: string) => urnOf({ type, name });
const PUBLIC_A = urn(TYPE.subnet, "public-a");

/** An internet-facing ALB in the given subnets forwarding 443 to 'web' in 'private-a' on 8080; web's group admits the ALB's. */
function behindAlb(subnets = ["public-a"]): TestResource[] {
    return [n.group("alb-sg", [n.tcpFromWorld(443)]), n.loadBalancer("alb", subnets, ["alb-sg"]), n.targetGroup("web-tg", 8080),
        n.listener("https", "alb", 443, "HTTPS", "web-tg"), n.attachment("web-target", "web-tg", "web"),
        { ...n.group("web-sg", [n.fromGroup(8080)]), propertyDependencies: { vpcId: ["main"], ingress: ["alb-sg"] } }, n.instance("web", "private-a", "web-sg")];
}

const replies = (cidr: string) => [n.entry(100, "allow", "tcp", 1024, 65535, cidr)];

function through(resources: TestResource[]) {
    const model = stackModel(resources);
    const web = model.byUrn.get(urn(TYPE.instance, "web"));
    assert.ok(web);
    const paths = model.exposure.through(web);
    /** [kind, resource, property path] of the hops after the target hop. */
    const after = (p: ExposurePath) => p.hops.slice(p.hops.findIndex((h) => h.kind === "target") + 1).map((h: Hop) => [h.kind, model.byUrn.get(h.urn)?.name ?? h.urn, h.path]);
    return { ...paths, after };
}

describe("graph: exposure through a load balancer, the target's network ACL", () => {
    it("admits the load balancer's subnet on the target port and lets the replies back: a path with both entries", () => {
        const acl = n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/24")], replies("10.0.0.0/24"));
        const { paths, possible, after } = through([...n.network(), ...behindAlb(), acl]);
        assert.deepStrictEqual([paths.length, possible], [1, []]);
        assert.deepStrictEqual(after(paths[0]), [["nacl-in", "private-acl", "ingress[0]"], ["nacl-out", "private-acl", "egress[0]"], ["sg-rule", "web-sg", "ingress[0].securityGroups[0]"]]);
        const [inbound, outbound] = paths[0].hops.filter((h) => (h.kind === "nacl-in" || h.kind === "nacl-out") && h.acl === urn(TYPE.nacl, "private-acl"));
        assert.deepStrictEqual([inbound, outbound].map((h) => h.kind === "nacl-in" || h.kind === "nacl-out" ? [h.ruleNumber, h.ports, h.peer] : []), [
            [100, [{ lo: 8080n, hi: 8080n }], PUBLIC_A],
            [100, [{ lo: 1024n, hi: 65535n }], PUBLIC_A],
        ]);
    });

    it("admits another subnet only: no path", () => {
        const acl = n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.5.0/24")], replies("10.0.0.0/24"));
        const { paths, possible } = through([...n.network(), ...behindAlb(), acl]);
        assert.deepStrictEqual([paths, possible], [[], []]);
    });

    it("admits the load balancer but sends no reply back to it: no path", () => {
        const acl = n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/16")], replies("10.0.1.0/24"));
        const { paths, possible } = through([...n.network(), ...behindAlb(), acl]);
        assert.deepStrictEqual([paths, possible], [[], []]);
    });

    it("a deny of the load balancer's subnet before an allow of everything: no path", () => {
        const acl = n.acl("private-acl", "private-a", [n.entry(100, "deny", "tcp", 8080, 8080, "10.0.0.0/24"), n.entry(200, "allow", "tcp", 0, 65535, "0.0.0.0/0")],
            replies("0.0.0.0/0"));
        const { paths, possible } = through([...n.network(), ...behindAlb(), acl]);
        assert.deepStrictEqual([paths, possible], [[], []]);
    });

    it("the replies on part of the ephemeral range: a path whose reply entry names those ports", () => {
        const acl = n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/24")], [n.entry(100, "allow", "tcp", 32768, 60999, "10.0.0.0/24")]);
        const { paths } = through([...n.network(), ...behindAlb(), acl]);
        const reply = paths[0].hops.find((h) => h.kind === "nacl-out" && h.acl === urn(TYPE.nacl, "private-acl"));
        assert.deepStrictEqual(reply?.kind === "nacl-out" ? reply.ports : [], [{ lo: 32768n, hi: 60999n }]);
    });

    it("a load balancer in two subnets, the target's ACL admits one: a path, through the nodes of that one", () => {
        const publicB = [n.subnet("public-b", "10.0.2.0/24"), n.association("public-b-routes", "public-b", "public")];
        const acl = n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.2.0/24")], replies("10.0.2.0/24"));
        const { paths } = through([...n.network(), ...publicB, ...behindAlb(["public-a", "public-b"]), acl]);
        assert.ok(paths.length > 0);
        assert.deepStrictEqual(paths.map((p) => p.hops.flatMap((h) => (h.kind === "nacl-in" && h.peer !== undefined ? [h.peer] : []))), paths.map(() => [urn(TYPE.subnet, "public-b")]));
    });

    it("admits half of the load balancer's subnet: a possible path, naming the ACL", () => {
        const acl = n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/25")], replies("10.0.0.0/24"));
        const { paths, possible } = through([...n.network(), ...behindAlb(), acl]);
        assert.deepStrictEqual(paths, []);
        assert.deepStrictEqual(possible.map((p) => [p.doubt.urn, p.doubt.outside, p.doubt.why.reason]), [[urn(TYPE.nacl, "private-acl"), true,
            "network ACL 'private-acl' lets only part of the load balancer's subnets ('public-a') reach the target or get its replies, and which addresses " +
            "the load balancer's nodes get there is not known"]]);
    });

    it("an entry whose CIDR is not known yet: a possible path hinging on it", () => {
        const acl = n.acl("private-acl", "private-a", [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlock: U }], replies("10.0.0.0/24"));
        const { paths, possible } = through([...n.network(), ...behindAlb(), acl]);
        assert.deepStrictEqual(paths, []);
        assert.deepStrictEqual(possible.map((p) => [p.doubt.urn, p.doubt.why.undetermined, p.doubt.why.path]), [[urn(TYPE.nacl, "private-acl"), "unknown", "ingress[0].cidrBlock"]]);
    });

    it("admin ports: an NLB that does not preserve the client's address forwarding 22 to a target whose subnet's ACL admits SSH from the VPC: the finding names both ACLs", () => {
        const nlb = [n.loadBalancer("nlb", ["public-a"], [], { loadBalancerType: "network" }), n.targetGroup("ssh-tg", 22, "TCP", { preserveClientIp: "false" }),
            n.listener("ssh", "nlb", 22, "TCP", "ssh-tg"), n.attachment("web-target", "ssh-tg", "web"),
            n.group("web-sg", [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"] }]), n.instance("web", "private-a", "web-sg")];
        const acl = (from: string) => n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 22, 22, from)], replies("10.0.0.0/16"));
        const [finding, ...rest] = runStackPolicy(adminPortsNotReachableFromInternet, [...n.network(), ...nlb, acl("10.0.0.0/16")]);
        assert.deepStrictEqual(rest, []);
        assert.ok(finding.message.includes("target: aws.lb.TargetGroupAttachment 'web-target' targetId sends it to aws.ec2.Instance 'web' on port 22 with the load balancer's private " +
            "address (aws.lb.TargetGroup 'ssh-tg' sets preserveClientIp: false), so the target must admit the load balancer's subnets or security group; network ACL: " +
            "aws.ec2.NetworkAcl 'private-acl' inbound rule 100 (ingress[0]) lets TCP 22 in from the load balancer's nodes in aws.ec2.Subnet 'public-a', and outbound rule 100 " +
            "(egress[0]) lets the replies out to the load balancer's nodes in aws.ec2.Subnet 'public-a' (TCP 1024-65535); security group:"), finding.message);
        // The same ACL admitting SSH only from the target's own subnet keeps the load balancer out.
        assert.deepStrictEqual(runStackPolicy(adminPortsNotReachableFromInternet, [...n.network(), ...nlb, acl("10.0.1.0/24")]), []);
    });

    it("an NLB that preserves the client's address: the target's ACL must admit the internet, not the load balancer's nodes", () => {
        const nlb = [n.loadBalancer("nlb", ["public-a"], [], { loadBalancerType: "network" }), n.targetGroup("web-tg", 8080, "TCP"),
            n.listener("tcp", "nlb", 8080, "TCP", "web-tg"), n.attachment("web-target", "web-tg", "web"),
            n.group("web-sg", [n.tcpFromWorld(8080)]), n.instance("web", "private-a", "web-sg")];
        const acl = (from: string, to: string) => n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, from)], replies(to));
        // Admitting the load balancer's subnet, replying to it: the clients' packets do not get in.
        assert.deepStrictEqual(through([...n.network(), ...nlb, acl("10.0.0.0/24", "10.0.0.0/24")]).paths, []);
        const { paths, after } = through([...n.network(), ...nlb, acl("0.0.0.0/0", "0.0.0.0/0")]);
        assert.deepStrictEqual(paths.map(after), [[["nacl-in", "private-acl", "ingress[0]"], ["nacl-out", "private-acl", "egress[0]"],
            ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"]]]);
        // From and to the internet: no load balancer's subnet is the peer.
        const targetAcl = paths[0].hops.filter((h) => (h.kind === "nacl-in" || h.kind === "nacl-out") && h.acl === urn(TYPE.nacl, "private-acl"));
        assert.deepStrictEqual(targetAcl.map((h) => [h.kind, "peer" in h ? h.peer : undefined]), [["nacl-in", undefined], ["nacl-out", undefined]]);
    });
});
