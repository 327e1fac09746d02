/**
 * Paths through a load balancer on to its target: which of the listener's protocols the path carries
 * on to the target, which hops of the target's network ACL it names, and how a doubt on the way to the
 * load balancer or on the source the target sees makes the path possible only. 'public-a' is
 * 10.0.0.0/24 (the load balancer's), 'private-a' 10.0.1.0/24 (the target's).
 */
import * as assert from "assert";
import { ExposurePath, Hop } from "../../policies/graph/exposure/exposure";
import { StackModel } from "../../policies/graph/stack";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
const urn = (type: string, name: string) => urnOf({ type, name });
type Props = Record<string, unknown>;

/** A path in short: its subnet, traffic ("tcp 53-53"), and hops as [kind, resource name, property path, protocol of an ACL entry]. */
function brief(model: StackModel, p: ExposurePath) {
    const name = (u: string) => model.byUrn.get(u)?.name ?? u;
    const traffic = Object.entries(p.traffic).flatMap(([k, v]) => (v as { lo: bigint; hi: bigint }[]).map((r) => `${k} ${r.lo}-${r.hi}`));
    const hops = p.hops.map((h: Hop) => [h.kind, name(h.urn), h.path, ...h.kind === "nacl-in" || h.kind === "nacl-out" ? [h.protocol] : []]);
    return { subnet: p.subnet?.kind === "stack" ? name(p.subnet.urn) : p.subnet, through: p.through && name(p.through), traffic, hops };
}

/** The paths through load balancers to the instance 'web', in short, and the target hops in full. */
function through(resources: TestResource[]) {
    const model = stackModel(resources);
    const web = model.byUrn.get(urn(TYPE.instance, "web"));
    assert.ok(web);
    const { paths, possible } = model.exposure.through(web);
    const name = (u: string) => model.byUrn.get(u)?.name ?? u;
    return {
        paths: paths.map((p) => brief(model, p)),
        possible: possible.map((p) => ({ ...brief(model, p), doubt: [name(p.doubt.urn), p.doubt.why.path] })),
        targets: [...paths, ...possible].flatMap((p) => p.hops.filter((h) => h.kind === "target")),
    };
}

/** An NLB in 'public-a' with group 'nlb-sg', its listener on the port forwarding to 'web' in 'private-a' on 53; web's group admits all. */
function behindNlb(nlbIngress: Props[], listenerPort: unknown, protocol: string, tgProps: Props = {}): TestResource[] {
    const listener = n.listener("dns", "nlb", 53, protocol, "dns-tg");
    return [n.group("nlb-sg", nlbIngress), n.loadBalancer("nlb", ["public-a"], ["nlb-sg"], { loadBalancerType: "network" }),
        n.targetGroup("dns-tg", 53, protocol, tgProps), { ...listener, props: { ...listener.props, port: listenerPort } },
        n.attachment("web-target", "dns-tg", "web"), n.group("web-sg", [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
        n.instance("web", "private-a", "web-sg")];
}

const tcp53 = { protocol: "tcp", fromPort: 53, toPort: 53, cidrBlocks: ["0.0.0.0/0"] };
/** The target's ACL: TCP and UDP 53 in from the udp CIDR and the tcp one, their replies out to anywhere. */
const dnsAcl = (tcpFrom: string, udpFrom: string) => n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 53, 53, tcpFrom), n.entry(110, "allow", "udp", 53, 53, udpFrom)],
    [n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0"), n.entry(110, "allow", "udp", 1024, 65535, "0.0.0.0/0")]);

/** An internet-facing ALB in 'public-a' whose group admits 443 from the CIDR, forwarding to 'web' in 'private-a' on 8080; web's group admits the ingress. */
function behindAlb(from: unknown, webIngress: Props): TestResource[] {
    return [n.group("alb-sg", [{ ...n.tcpFromWorld(443), cidrBlocks: [from] }]), n.loadBalancer("alb", ["public-a"], ["alb-sg"]), n.targetGroup("web-tg", 8080),
        n.listener("https", "alb", 443, "HTTPS", "web-tg"), n.attachment("web-target", "web-tg", "web"), n.group("web-sg", [webIngress]), n.instance("web", "private-a", "web-sg")];
}

const TG = (name: string) => urn(TYPE.targetGroup, name);
/** The hops of a path to the load balancer from 'public-a', before the listener. */
const TO_LB = (lb: string) => [["route", "public", "routes[0]"], ["public-address", lb, "internal"], ["nacl-in", "main", "", "tcp"], ["nacl-out", "main", "", "tcp"]];
const BOTH = [["nacl-in", "main", "", "udp"], ["nacl-out", "main", "", "udp"]];
/** The target hop of 'web-target' in the target group. */
const targetHop = (tg: string, source: Props = {}) => ({ kind: "target", urn: urn(TYPE.targetGroupAttachment, "web-target"), path: "targetId", target: urn(TYPE.instance, "web"),
    targetGroup: TG(tg), port: tg === "dns-tg" ? 53 : 8080, ...source });
const ALWAYS = { source: { client: true, reason: "always", targetGroup: TG("dns-tg"), protocol: "TCP_UDP" } };

describe("graph: exposure through a load balancer, the legs on to the target", () => {
    it("a TCP_UDP NLB whose group admits TCP 53 only: a path on to the target carrying TCP only, naming the ACL's TCP entries", () => {
        const { paths, possible, targets } = through([...n.network(), ...behindNlb([tcp53], 53, "TCP_UDP"), dnsAcl("0.0.0.0/0", "0.0.0.0/0")]);
        assert.deepStrictEqual(paths, [{ subnet: "public-a", through: "nlb", traffic: ["tcp 53-53"], hops: [...TO_LB("nlb"), ["sg-rule", "nlb-sg", "ingress[0].cidrBlocks[0]"],
            ["listener", "dns", "port"], ["target", "web-target", "targetId"], ["nacl-in", "private-acl", "ingress[0]", "tcp"], ["nacl-out", "private-acl", "egress[0]", "tcp"],
            ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"]] }]);
        assert.deepStrictEqual([possible, targets], [[], [targetHop("dns-tg", ALWAYS)]]);
    });

    it("the same NLB's listener port not known yet: a possible path carrying what reaches the NLB (TCP), hinging on the port", () => {
        const { paths, possible } = through([...n.network(), ...behindNlb([tcp53], U, "TCP_UDP"), dnsAcl("0.0.0.0/0", "0.0.0.0/0")]);
        assert.deepStrictEqual(paths, []);
        assert.deepStrictEqual(possible, [{ subnet: "public-a", through: "nlb", traffic: ["tcp 53-53"], hops: [...TO_LB("nlb"), ["sg-rule", "nlb-sg", "ingress[0].cidrBlocks[0]"],
            ["listener", "dns", "port"], ["target", "web-target", "targetId"], ["nacl-in", "private-acl", "ingress[0]", "tcp"], ["nacl-out", "private-acl", "egress[0]", "tcp"],
            ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"]], doubt: ["dns", "port"] }]);
    });

    it("the target's ACL admits TCP 53 from anywhere and UDP 53 from a CIDR not known yet: a definite path carrying TCP only", () => {
        const nlbAll = { ...tcp53, protocol: "-1", fromPort: 0, toPort: 0 };
        const { paths, possible } = through([...n.network(), ...behindNlb([nlbAll], 53, "TCP_UDP"), dnsAcl("0.0.0.0/0", U)]);
        assert.deepStrictEqual(paths, [{ subnet: "public-a", through: "nlb", traffic: ["tcp 53-53"], hops: [...TO_LB("nlb"), ...BOTH, ["sg-rule", "nlb-sg", "ingress[0].cidrBlocks[0]"],
            ["listener", "dns", "port"], ["target", "web-target", "targetId"], ["nacl-in", "private-acl", "ingress[0]", "tcp"], ["nacl-out", "private-acl", "egress[0]", "tcp"],
            ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"]] }]);
        assert.deepStrictEqual(possible, []);
    });

    it("an ALB whose group admits 443 from a CIDR not known yet: the path on to the target is possible, hinging on that CIDR", () => {
        const { paths, possible, targets } = through([...n.network(), ...behindAlb(U, n.tcpFromWorld(8080))]);
        assert.deepStrictEqual(paths, []);
        assert.deepStrictEqual(possible, [{ subnet: "public-a", through: "alb", traffic: ["tcp 8080-8080"], hops: [...TO_LB("alb"), ["listener", "https", "port"],
            ["target", "web-target", "targetId"], ["nacl-in", "main", "", "tcp"], ["nacl-out", "main", "", "tcp"], ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"]],
        doubt: ["alb-sg", "ingress[0].cidrBlocks[0]"] }]);
        assert.deepStrictEqual(targets, [targetHop("web-tg")]);
    });

    it("that ALB's target admitting another port only: no path, possible or not", () => {
        assert.deepStrictEqual(through([...n.network(), ...behindAlb(U, n.tcpFromWorld(9090))]), { paths: [], possible: [], targets: [] });
    });

    it("a target with a group from outside the stack whose ACL admits another subnet only: no path, possible or not", () => {
        const web = n.instance("web", "private-a", "web-sg", { vpcSecurityGroupIds: [U, "sg-0123456789abcdef0"] });
        const acl = n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.5.0/24")], [n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")]);
        const resources = [...n.network(), ...behindAlb("0.0.0.0/0", n.tcpFromWorld(8080)).filter((r) => r.name !== "web"), web, acl];
        assert.deepStrictEqual(through(resources), { paths: [], possible: [], targets: [] });
    });

    it("an NLB whose preserveClientIp is not known yet, the target's ACL denying the NLB's subnet: a possible path by the client's address, hinging on it", () => {
        const tcp8080 = { ...tcp53, fromPort: 8080, toPort: 8080 };
        const nlb = [n.loadBalancer("nlb", ["public-a"], [], { loadBalancerType: "network" }), n.targetGroup("web-tg", 8080, "TCP", { preserveClientIp: U }),
            n.listener("tcp", "nlb", 8080, "TCP", "web-tg"), n.attachment("web-target", "web-tg", "web"), n.group("web-sg", [tcp8080]), n.instance("web", "private-a", "web-sg")];
        const acl = n.acl("private-acl", "private-a", [n.entry(100, "deny", "tcp", 8080, 8080, "10.0.0.0/24"), n.entry(200, "allow", "tcp", 8080, 8080, "0.0.0.0/0")],
            [n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")]);
        const hops = (aclIn: string[], aclOut: string[]) => [...TO_LB("nlb"), ...BOTH, ["listener", "tcp", "port"], ["target", "web-target", "targetId"], aclIn, aclOut,
            ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"]];
        const { paths, possible } = through([...n.network(), ...nlb, acl]);
        assert.deepStrictEqual(paths, []);
        assert.deepStrictEqual(possible, [{ subnet: "public-a", through: "nlb", traffic: ["tcp 8080-8080"],
            hops: hops(["nacl-in", "private-acl", "ingress[1]", "tcp"], ["nacl-out", "private-acl", "egress[0]", "tcp"]), doubt: ["web-tg", "preserveClientIp"] }]);
        // Under the VPC's default ACL either address gets in: a definite path.
        assert.deepStrictEqual(through([...n.network(), ...nlb]).paths, [{ subnet: "public-a", through: "nlb", traffic: ["tcp 8080-8080"],
            hops: hops(["nacl-in", "main", "", "tcp"], ["nacl-out", "main", "", "tcp"]) }]);
    });
});
