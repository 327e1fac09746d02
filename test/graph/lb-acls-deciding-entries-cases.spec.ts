/**
 * The entries of the target's network ACL that a path through a load balancer names: of each
 * direction, the allow entries that decide the packets from (or to) the load balancer's nodes on the
 * port the path takes, and no others. 'public-a' is 10.0.0.0/24 (the load balancer's), 'private-a'
 * 10.0.1.0/24 (the target's), the target port 8080.
 */
import * as assert from "assert";
import { Hop } from "../../policies/graph/exposure/exposure";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const urn = (type: string, name: string) => urnOf({ type, name });
const PRIVATE_ACL = urn(TYPE.nacl, "private-acl");
const PUBLIC_A = urn(TYPE.subnet, "public-a");
const ONLY_8080 = [{ lo: 8080n, hi: 8080n }];
const EPHEMERAL = [{ lo: 1024n, hi: 65535n }];

/** An internet-facing ALB in 'public-a' forwarding 443 to 'web' in 'private-a' on 8080; web's group admits the ALB's. */
const behindAlb: TestResource[] = [n.group("alb-sg", [n.tcpFromWorld(443)]), n.loadBalancer("alb", ["public-a"], ["alb-sg"]), n.targetGroup("web-tg", 8080),
    n.listener("https", "alb", 443, "HTTPS", "web-tg"), n.attachment("web-target", "web-tg", "web"),
    { ...n.group("web-sg", [n.fromGroup(8080)]), propertyDependencies: { vpcId: ["main"], ingress: ["alb-sg"] } }, n.instance("web", "private-a", "web-sg")];

const admitAlb = n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/24");
const replies = n.entry(100, "allow", "tcp", 1024, 65535, "10.0.0.0/24");

/** The paths to 'web', and the hops of 'private-acl' on each: [kind, property path, rule number, ports, peer]. */
function through(ingress: Record<string, unknown>[], egress: Record<string, unknown>[], network: TestResource[] = n.network()) {
    const model = stackModel([...network, ...behindAlb, n.acl("private-acl", "private-a", ingress, egress)]);
    const web = model.byUrn.get(urn(TYPE.instance, "web"));
    assert.ok(web);
    const { paths, possible } = model.exposure.through(web);
    const aclHops = paths.map((p) => p.hops.flatMap((h: Hop) => ((h.kind === "nacl-in" || h.kind === "nacl-out") && h.acl === PRIVATE_ACL
        ? [[h.kind, h.path, h.ruleNumber, h.ports, h.peer]] : [])));
    return { aclHops, possible };
}

describe("graph: exposure through a load balancer, the target ACL's entries a path names", () => {
    it("entries of another protocol, of ports below or above the target port, and of IPv6, before the allow of the load balancer's subnet: only that allow is named", () => {
        const { aclHops, possible } = through([
            n.entry(50, "allow", "udp", 8080, 8080, "10.0.0.0/24"),
            n.entry(60, "allow", "tcp", 1000, 2000, "10.0.0.0/24"),
            n.entry(70, "allow", "tcp", 9000, 9100, "10.0.0.0/24"),
            { ruleNo: 80, action: "allow", protocol: "tcp", fromPort: 8080, toPort: 8080, ipv6CidrBlock: "::/0" },
            admitAlb,
        ], [replies]);
        assert.deepStrictEqual(possible, []);
        assert.deepStrictEqual(aclHops, [[["nacl-in", "ingress[4]", 100, ONLY_8080, PUBLIC_A], ["nacl-out", "egress[0]", 100, EPHEMERAL, PUBLIC_A]]]);
    });

    it("an allow and a deny of other subnets on the target port before the allow of the load balancer's subnet: only that allow is named", () => {
        const { aclHops, possible } = through([
            n.entry(50, "allow", "tcp", 8080, 8080, "10.0.5.0/24"),
            n.entry(60, "deny", "tcp", 8080, 8080, "10.0.6.0/24"),
            admitAlb,
        ], [replies]);
        assert.deepStrictEqual(possible, []);
        assert.deepStrictEqual(aclHops, [[["nacl-in", "ingress[2]", 100, ONLY_8080, PUBLIC_A], ["nacl-out", "egress[0]", 100, EPHEMERAL, PUBLIC_A]]]);
    });

    it("an allow of everything after the allow of the load balancer's subnet: it decides nothing for the nodes and is not named", () => {
        const { aclHops } = through([admitAlb, n.entry(200, "allow", "-1", 0, 0, "0.0.0.0/0")], [replies, n.entry(200, "allow", "-1", 0, 0, "0.0.0.0/0")]);
        assert.deepStrictEqual(aclHops, [[["nacl-in", "ingress[0]", 100, ONLY_8080, PUBLIC_A], ["nacl-out", "egress[0]", 100, EPHEMERAL, PUBLIC_A]]]);
    });

    it("the load balancer's subnet admitted in two halves by two entries, then everything by a third: both halves are named, not the third", () => {
        const { aclHops } = through([
            n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/25"),
            n.entry(110, "allow", "tcp", 8000, 8100, "10.0.0.128/25"),
            n.entry(120, "allow", "tcp", 0, 65535, "10.0.0.0/16"),
        ], [replies]);
        assert.deepStrictEqual(aclHops, [[["nacl-in", "ingress[0]", 100, ONLY_8080, PUBLIC_A], ["nacl-in", "ingress[1]", 110, ONLY_8080, PUBLIC_A],
            ["nacl-out", "egress[0]", 100, EPHEMERAL, PUBLIC_A]]]);
    });

    it("all-protocol entries (-1) admitting the VPC both ways: a path naming them, on the target port and the whole ephemeral range", () => {
        const { aclHops, possible } = through([n.entry(100, "allow", "-1", 0, 0, "10.0.0.0/16")], [n.entry(100, "allow", "-1", 0, 0, "10.0.0.0/16")]);
        assert.deepStrictEqual(possible, []);
        assert.deepStrictEqual(aclHops, [[["nacl-in", "ingress[0]", 100, ONLY_8080, PUBLIC_A], ["nacl-out", "egress[0]", 100, EPHEMERAL, PUBLIC_A]]]);
    });

    it("replies: an earlier entry that lets out some other ports to the load balancer's subnet is not named", () => {
        const { aclHops } = through([admitAlb], [n.entry(50, "allow", "tcp", 80, 80, "10.0.0.0/24"), n.entry(60, "allow", "udp", 1024, 65535, "10.0.0.0/24"),
            n.entry(100, "allow", "tcp", 1024, 65535, "10.0.0.0/24")]);
        assert.deepStrictEqual(aclHops, [[["nacl-in", "ingress[0]", 100, ONLY_8080, PUBLIC_A], ["nacl-out", "egress[2]", 100, EPHEMERAL, PUBLIC_A]]]);
    });

    it("an ACL with no inbound entries: no path, not even a possible one", () => {
        const { aclHops, possible } = through([], [replies]);
        assert.deepStrictEqual([aclHops, possible], [[], []]);
    });

    it("an ACL with no outbound entries: the replies never get out, no path, not even a possible one", () => {
        const { aclHops, possible } = through([admitAlb], []);
        assert.deepStrictEqual([aclHops, possible], [[], []]);
    });

    it("the load balancer's subnet with a cidrBlock that is not an IPv4 CIDR: a possible path, hinging on that cidrBlock", () => {
        const network = n.network().map((r) => (r.name === "public-a" ? n.subnet("public-a", "10.0.0.0/33") : r));
        const { aclHops, possible } = through([admitAlb], [replies], network);
        assert.deepStrictEqual(aclHops, []);
        assert.deepStrictEqual(possible.map((p) => [p.doubt.urn, p.doubt.why]), [[PUBLIC_A,
            { undetermined: "invalid", path: "cidrBlock", reason: "the cidrBlock of subnet 'public-a' is not an IPv4 CIDR" }]]);
    });
});
