/**
 * The network ACL of the subnets a load balancer's target may be in: where the target is not known
 * to be, an ACL that lets the clients (behind an NLB that preserves their address) or the load
 * balancer's nodes through only possibly, the VPC's default ACL, and an ACL that admits only part of
 * the load balancer's subnets. 'public-a' is 10.0.0.0/24 (the load balancer's), 'private-a'
 * 10.0.1.0/24 and 'private-b' 10.0.2.0/24 (the target's), the target port 8080.
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

/** The hops after the target hop, as [kind, resource name, property path]. */
function after(model: StackModel, p: ExposurePath) {
    const name = (u: string) => model.byUrn.get(u)?.name ?? u;
    return p.hops.slice(p.hops.findIndex((h) => h.kind === "target") + 1).map((h: Hop) => [h.kind, name(h.urn), h.path]);
}

/**
 * The paths through load balancers to the target in short: the hops after the target hop, and a possible path's doubt
 * ([resource, property path, why]: the reason of a doubt outside the stack, else "unknown" or "invalid").
 */
function through(resources: TestResource[], type: string = TYPE.instance, target = "web") {
    const model = stackModel(resources);
    const r = model.byUrn.get(urn(type, target));
    assert.ok(r);
    const { paths, possible } = model.exposure.through(r);
    const name = (u: string) => model.byUrn.get(u)?.name ?? u;
    return {
        paths: paths.map((p) => after(model, p)),
        possible: possible.map((p) => ({ hops: after(model, p), doubt: [name(p.doubt.urn), p.doubt.why.path, p.doubt.outside ? p.doubt.why.reason : p.doubt.why.undetermined] })),
    };
}

/** An NLB in 'public-a' forwarding TCP 8080 to 'web', which sees the client's address; web's group admits 8080 from anywhere. */
function behindNlb(webProps: Props = {}): TestResource[] {
    return [n.loadBalancer("nlb", ["public-a"], [], { loadBalancerType: "network" }), n.targetGroup("web-tg", 8080, "TCP"),
        n.listener("tcp", "nlb", 8080, "TCP", "web-tg"), n.attachment("web-target", "web-tg", "web"),
        n.group("web-sg", [n.tcpFromWorld(8080)]), n.instance("web", "private-a", "web-sg", webProps)];
}

/** An internet-facing ALB in the subnets forwarding 443 to 'web' in 'private-a' on 8080; web's group admits 8080 from anywhere. */
function behindAlb(subnets = ["public-a"]): TestResource[] {
    return [n.group("alb-sg", [n.tcpFromWorld(443)]), n.loadBalancer("alb", subnets, ["alb-sg"]), n.targetGroup("web-tg", 8080),
        n.listener("https", "alb", 443, "HTTPS", "web-tg"), n.attachment("web-target", "web-tg", "web"),
        n.group("web-sg", [n.tcpFromWorld(8080)]), n.instance("web", "private-a", "web-sg")];
}

const replies = (cidr: string) => [n.entry(100, "allow", "tcp", 1024, 65535, cidr)];
const privateB = [n.subnet("private-b", "10.0.2.0/24")];
const WEB_SG = ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"];

describe("graph: the network ACLs of the subnets a load balancer's target may be in", () => {
    describe("an NLB that preserves the client's address", () => {
        it("a target in a subnet outside the stack: a possible path, hinging on the target's subnetId", () => {
            const outsider = behindNlb({ subnetId: "subnet-0123456789abcdef0" }).map((r) => (r.name === "web" ? { ...r, propertyDependencies: { vpcSecurityGroupIds: ["web-sg"] } } : r));
            assert.deepStrictEqual(through([...n.network(), ...outsider]), {
                paths: [],
                possible: [{ hops: [WEB_SG], doubt: ["web", "subnetId", "subnet subnet-0123456789abcdef0 is not in this stack, so its routes and network ACL cannot be checked"] }],
            });
        });

        it("the target's ACL admits 8080 from a CIDR not known yet: a possible path, hinging on that CIDR", () => {
            const acl = n.acl("private-acl", "private-a", [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlock: U }], replies("0.0.0.0/0"));
            assert.deepStrictEqual(through([...n.network(), ...behindNlb(), acl]), {
                paths: [],
                possible: [{ hops: [WEB_SG], doubt: ["private-acl", "ingress[0].cidrBlock", "unknown"] }],
            });
        });

        it("the same ACL admitting 8080 from anywhere: a definite path through its entries", () => {
            const acl = n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "0.0.0.0/0")], replies("0.0.0.0/0"));
            assert.deepStrictEqual(through([...n.network(), ...behindNlb(), acl]), {
                paths: [[["nacl-in", "private-acl", "ingress[0]"], ["nacl-out", "private-acl", "egress[0]"], WEB_SG]],
                possible: [],
            });
        });

        it("an Auto Scaling group in two subnets, the first's ACL unsure of another port only, the second's of 8080: a possible path hinging on the second's entry", () => {
            const template: TestResource = { type: TYPE.launchTemplate, name: "web-lt", props: { imageId: "ami-1", vpcSecurityGroupIds: [U] },
                propertyDependencies: { vpcSecurityGroupIds: ["web-sg"] } };
            const asg: TestResource = { type: TYPE.autoscalingGroup, name: "web-asg",
                props: { maxSize: 2, minSize: 1, vpcZoneIdentifiers: [U, U], launchTemplate: { id: U, version: "$Latest" }, targetGroupArns: [U] },
                propertyDependencies: { vpcZoneIdentifiers: ["private-a", "private-b"], launchTemplate: ["web-lt"], targetGroupArns: ["web-tg"] } };
            const unknownFrom = (port: number) => [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: port, toPort: port, cidrBlock: U }];
            const acls = [n.acl("acl-a", "private-a", unknownFrom(9090), replies("0.0.0.0/0")), n.acl("acl-b", "private-b", unknownFrom(8080), replies("0.0.0.0/0"))];
            const nlb = behindNlb().filter((r) => r.name !== "web" && r.name !== "web-target");
            assert.deepStrictEqual(through([...n.network(), ...privateB, ...nlb, template, asg, ...acls], TYPE.launchTemplate, "web-lt"), {
                paths: [],
                possible: [{ hops: [WEB_SG], doubt: ["acl-b", "ingress[0].cidrBlock", "unknown"] }],
            });
        });
    });

    describe("the load balancer's own packets", () => {
        it("the target's subnet on the default ACL of the VPC: the path names its rule 100 in on 8080 and out on the ephemeral ports", () => {
            const model = stackModel([...n.network(), ...behindAlb()]);
            const web = model.byUrn.get(urn(TYPE.instance, "web"));
            assert.ok(web);
            const { paths } = model.exposure.through(web);
            const acl = paths.flatMap((p) => p.hops.slice(p.hops.findIndex((h) => h.kind === "target") + 1).filter((h) => h.kind === "nacl-in" || h.kind === "nacl-out"));
            const base = { urn: urn(TYPE.vpc, "main"), path: "", acl: urn(TYPE.vpc, "main"), protocol: "tcp", ruleNumber: 100, awsDefault: true };
            assert.deepStrictEqual(acl, [{ kind: "nacl-in", ...base, ports: [{ lo: 8080n, hi: 8080n }] }, { kind: "nacl-out", ...base, ports: [{ lo: 1024n, hi: 65535n }] }]);
        });

        it("the target's ACL admits the load balancer's subnet, the replies out to a CIDR not known yet: a possible path, hinging on that CIDR", () => {
            const acl = n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/24")],
                [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: U }]);
            assert.deepStrictEqual(through([...n.network(), ...behindAlb(), acl]), {
                paths: [],
                possible: [{ hops: [WEB_SG], doubt: ["private-acl", "egress[0].cidrBlock", "unknown"] }],
            });
        });

        it("a load balancer in two subnets, the target's ACL admitting half of the first: a possible path, naming both subnets, hinging on the ACL's subnetIds", () => {
            const publicB = [n.subnet("public-b", "10.0.3.0/24"), n.association("public-b-routes", "public-b", "public")];
            const acl = n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/25")], replies("10.0.0.0/16"));
            const doubt = ["private-acl", "subnetIds", "network ACL 'private-acl' lets only part of the load balancer's subnets ('public-a', 'public-b') reach the target " +
                "or get its replies, and which addresses the load balancer's nodes get there is not known"];
            // One path to the load balancer from each of its subnets.
            assert.deepStrictEqual(through([...n.network(), ...publicB, ...behindAlb(["public-a", "public-b"]), acl]), {
                paths: [],
                possible: [{ hops: [WEB_SG], doubt }, { hops: [WEB_SG], doubt }],
            });
        });
    });
});
