/**
 * The network ACL of a load balancer's target's subnets (graph/exposure/lb-acls.ts), in the cases
 * that hinge on what is not known: a reply entry whose CIDR is not known yet, load balancer subnets
 * whose blocks are not known or outside the stack, a subnet whose ACL cannot be told, ACLs whose
 * subnets are not known yet, and targets in several subnets, where the possible path names the ACL
 * that may let it through. 'public-a' is 10.0.0.0/24 (the load balancer's), 'private-a'
 * 10.0.1.0/24 (the target's), the target port 8080.
 */
import * as assert from "assert";
import { Hop } from "../../policies/graph/exposure/exposure";
import { targetAclGate } from "../../policies/graph/exposure/lb-acls";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
type Props = Record<string, unknown>;
const urn = (type: string, name: string) => urnOf({ type, name });
const WEB = urn(TYPE.instance, "web");
const WEB_LT = urn(TYPE.launchTemplate, "web-lt");

/** The paths to the target: their hops after the target hop, and the doubts of the possible ones (resource name, why). */
function through(resources: TestResource[], target = WEB) {
    const model = stackModel(resources);
    const resource = model.byUrn.get(target);
    assert.ok(resource);
    const { paths, possible } = model.exposure.through(resource);
    const name = (u: string) => model.byUrn.get(u)?.name ?? u;
    const after = (hops: readonly Hop[]) => hops.slice(hops.findIndex((h) => h.kind === "target") + 1).map((h) => [h.kind, name(h.urn), h.path]);
    return { paths: paths.map((p) => after(p.hops)), possible: possible.map((p) => ({ hops: after(p.hops), doubt: [name(p.doubt.urn), p.doubt.why] })) };
}

/** An internet-facing ALB (group 'alb-sg') forwarding 443 to 'web' in 'private-a' on 8080; web's group admits the ALB's. */
function behindAlb(subnets = ["public-a"]): TestResource[] {
    return [n.group("alb-sg", [n.tcpFromWorld(443)]), n.loadBalancer("alb", subnets, ["alb-sg"]), n.targetGroup("web-tg", 8080),
        n.listener("https", "alb", 443, "HTTPS", "web-tg"), n.attachment("web-target", "web-tg", "web"),
        { ...n.group("web-sg", [n.fromGroup(8080)]), propertyDependencies: { vpcId: ["main"], ingress: ["alb-sg"] } }, n.instance("web", "private-a", "web-sg")];
}

/** The same ALB whose `subnets` are the given values, depending on the given subnets of the stack. */
function albIn(subnets: unknown[], deps: string[]): TestResource[] {
    const resources = behindAlb();
    resources[1] = { ...resources[1], props: { ...resources[1].props, subnets }, propertyDependencies: { subnets: deps, securityGroups: ["alb-sg"] } };
    return resources;
}

const replies = (cidr: string) => [n.entry(100, "allow", "tcp", 1024, 65535, cidr)];
/** The target's ACL on 'private-a': TCP 8080 in from the CIDR, the replies out to the VPC. */
const admitting = (cidr: string) => n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, cidr)], replies("10.0.0.0/16"));
const publicB = (cidr: string) => [n.subnet("public-b", cidr), n.association("public-b-routes", "public-b", "public")];
/** An ACL of 'public-a' letting everything in and out, so that the way to the load balancer does not hinge on the VPC's ACLs. */
const openPublic = n.acl("public-acl", "public-a", [n.entry(100, "allow", "-1", 0, 0, "0.0.0.0/0")], [n.entry(100, "allow", "-1", 0, 0, "0.0.0.0/0")]);
/** 'main''s DefaultNetworkAcl with no entries: it lets nothing through. */
const closedDefault: TestResource = { type: TYPE.defaultNacl, name: "default-acl", props: { defaultNetworkAclId: U, ingress: [], egress: [] },
    propertyDependencies: { defaultNetworkAclId: ["main"] } };
/** An ACL of 'main' whose subnetIds are not known yet: 'private-a' may be one of its. */
const unplaced = (name: string, ingress: Props[]): TestResource =>
    ({ type: TYPE.nacl, name, props: { vpcId: U, subnetIds: [U], ingress, egress: replies("10.0.0.0/16") }, propertyDependencies: { vpcId: ["main"] } });

/** "<path> is not known until the resource is created", at the given property path. */
const unknown = (path: string) => ({ undetermined: "unknown", path, reason: `${path} is not known until the resource is created` });
/** The doubt of an ACL that lets only part of the load balancer's subnets through. */
const partly = (acl: string, subnets: string) => ({ undetermined: "unknown", path: "subnetIds", reason: `network ACL '${acl}' lets only part of the load balancer's ` +
    `subnets (${subnets}) reach the target or get its replies, and which addresses the load balancer's nodes get there is not known` });
/** The doubt of the load balancer's subnet 'subnet-1', outside the stack. */
const OUTSIDE = ["alb", { undetermined: "unknown", path: "subnetId", reason: "subnet subnet-1 is not in this stack, so its routes and network ACL cannot be checked" }];
const WEB_SG_HOP = ["sg-rule", "web-sg", "ingress[0].securityGroups[0]"];

/** 'private-b' and 'private-c', beside 'private-a'. */
const morePrivate = [n.subnet("private-b", "10.0.2.0/24"), n.subnet("private-c", "10.0.3.0/24")];
/** A launch template (group 'web-sg' with the rules) launched by an Auto Scaling group in the subnets, which registers it in the target group. */
const launched = (tg: string, ingress: Props[], subnets: string[]): TestResource[] => [n.group("web-sg", ingress),
    { type: TYPE.launchTemplate, name: "web-lt", props: { imageId: "ami-1", vpcSecurityGroupIds: [U] }, propertyDependencies: { vpcSecurityGroupIds: ["web-sg"] } },
    { type: TYPE.autoscalingGroup, name: "web-asg",
        props: { maxSize: 2, minSize: 1, vpcZoneIdentifiers: subnets.map(() => U), targetGroupArns: [U], launchTemplate: { id: U, version: "$Latest" } },
        propertyDependencies: { vpcZoneIdentifiers: subnets, targetGroupArns: [tg], launchTemplate: ["web-lt"] } }];

describe("graph: exposure through a load balancer, the target's network ACL when parts are not known", () => {
    describe("the ACL's own entries", () => {
        it("the replies out to a CIDR not known yet: a possible path hinging on that CIDR", () => {
            const acl = n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/24")], [{ ...replies("")[0], cidrBlock: U }]);
            assert.deepStrictEqual(through([...n.network(), ...behindAlb(), acl]), { paths: [], possible: [{ hops: [WEB_SG_HOP], doubt: ["private-acl", unknown("egress[0].cidrBlock")] }] });
        });

        it("an ACL with 101 inbound entries, more than AWS allows: a possible path hinging on that ACL, as on a path from the internet", () => {
            const ingress = Array.from({ length: 101 }, (_, i) => n.entry(100 + i, "allow", "tcp", 8080, 8080, "10.0.0.0/24"));
            assert.deepStrictEqual(through([...n.network(), ...behindAlb(), n.acl("private-acl", "private-a", ingress, replies("10.0.0.0/16"))]), { paths: [],
                possible: [{ hops: [WEB_SG_HOP], doubt: ["private-acl", { undetermined: "invalid", path: "ingress",
                    reason: "network ACL 'private-acl' has 101 entries in one direction, more than AWS allows" }] }] });
        });

        it("an ACL with 101 outbound entries: the doubt names its egress", () => {
            const egress = Array.from({ length: 101 }, (_, i) => n.entry(100 + i, "allow", "tcp", 1024, 65535, "10.0.0.0/16"));
            assert.deepStrictEqual(through([...n.network(), ...behindAlb(), n.acl("private-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/24")], egress)]), {
                paths: [], possible: [{ hops: [WEB_SG_HOP], doubt: ["private-acl", { undetermined: "invalid", path: "egress",
                    reason: "network ACL 'private-acl' has 101 entries in one direction, more than AWS allows" }] }] });
        });

        it("a load balancer in two subnets, the ACL admitting half of one and none of the other: a possible path naming the ACL", () => {
            // One path into the load balancer by each of its subnets.
            const path = { hops: [WEB_SG_HOP], doubt: ["private-acl", partly("private-acl", "'public-a', 'public-b'")] };
            assert.deepStrictEqual(through([...n.network(), ...publicB("10.0.2.0/24"), ...behindAlb(["public-a", "public-b"]), admitting("10.0.0.0/25")]),
                { paths: [], possible: [path, path] });
        });
    });

    describe("the load balancer's subnets", () => {
        it("only in a subnet whose CIDR is not known yet, the ACL admitting 'public-a': a possible path hinging on that CIDR", () => {
            assert.deepStrictEqual(through([...n.network(), ...publicB(U), ...behindAlb(["public-b"]), admitting("10.0.0.0/24")]),
                { paths: [], possible: [{ hops: [WEB_SG_HOP], doubt: ["public-b", unknown("cidrBlock")] }] });
        });

        it("only in a subnet outside the stack, the ACL admitting another CIDR: a possible path hinging on that subnet", () => {
            assert.deepStrictEqual(through([...n.network(), ...albIn(["subnet-1"], []), admitting("10.0.9.0/24")]), { paths: [], possible: [{ hops: [WEB_SG_HOP], doubt: OUTSIDE }] });
        });

        it("in 'public-a' and a subnet outside the stack, the ACL admitting half of 'public-a': the path by 'public-a' hinges on the ACL, the other on that subnet", () => {
            assert.deepStrictEqual(through([...n.network(), ...albIn([U, "subnet-1"], ["public-a"]), admitting("10.0.0.0/25")]),
                { paths: [], possible: [{ hops: [WEB_SG_HOP], doubt: ["private-acl", partly("private-acl", "'public-a'")] }, { hops: [WEB_SG_HOP], doubt: OUTSIDE }] });
        });
    });

    describe("which ACL the target's subnet is on", () => {
        it("a target's subnet whose VPC is not known yet: a possible path hinging on its vpcId", () => {
            const resources = behindAlb();
            resources[resources.length - 1] = n.instance("web", "private-x", "web-sg");
            const privateX: TestResource = { type: TYPE.subnet, name: "private-x", props: { vpcId: U, cidrBlock: "10.1.0.0/24" } };
            assert.deepStrictEqual(through([...n.network(), privateX, ...resources]), { paths: [], possible: [{ hops: [WEB_SG_HOP], doubt: ["private-x", unknown("vpcId")] }] });
        });

        it("on AWS's default ACL, or on an ACL whose subnets are not known yet that admits the load balancer: a path through the default ACL", () => {
            assert.deepStrictEqual(through([...n.network(), openPublic, ...behindAlb(), unplaced("loose-acl", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/24")])]),
                { paths: [[["nacl-in", "main", ""], ["nacl-out", "main", ""], WEB_SG_HOP]], possible: [] });
        });

        it("on a DefaultNetworkAcl that lets nothing through, or on an ACL whose subnets are not known yet that admits the load balancer: a possible path hinging on that ACL", () => {
            assert.deepStrictEqual(through([...n.network(), openPublic, ...behindAlb(), closedDefault, unplaced("loose-acl", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/24")])]),
                { paths: [], possible: [{ hops: [WEB_SG_HOP], doubt: ["loose-acl", unknown("subnetIds")] }] });
        });

        it("the same, with a second such ACL that admits nothing: still a possible path hinging on the first", () => {
            const resources = [...n.network(), openPublic, ...behindAlb(), closedDefault,
                unplaced("loose-acl", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/24")]), unplaced("closed-acl", [])];
            assert.deepStrictEqual(through(resources), { paths: [], possible: [{ hops: [WEB_SG_HOP], doubt: ["loose-acl", unknown("subnetIds")] }] });
        });
    });

    describe("a target in several subnets", () => {
        it("an Auto Scaling group in two subnets, the first's ACL admitting nothing, the second's half of 'public-a': a possible path naming the second's ACL", () => {
            const resources = [...n.network(), ...morePrivate, ...behindAlb().slice(0, 4),
                ...launched("web-tg", [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.0.0.0/16"] }], ["private-a", "private-b"]),
                n.acl("a-acl", "private-a", [], replies("10.0.0.0/16")), n.acl("b-acl", "private-b", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/25")], replies("10.0.0.0/16"))];
            assert.deepStrictEqual(through(resources, WEB_LT),
                { paths: [], possible: [{ hops: [["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"]], doubt: ["b-acl", partly("b-acl", "'public-a'")] }] });
        });
        it("TCP and UDP to three subnets, two ACLs surely admitting TCP and the third half of 'public-a' on UDP: UDP's doubt names the third ACL", () => {
            const model = stackModel([...n.network(), ...morePrivate, ...behindAlb().slice(0, 4),
                ...launched("web-tg", [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }], ["private-a", "private-b", "private-c"]),
                n.acl("a-acl", "private-a", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/24")], replies("10.0.0.0/16")),
                n.acl("b-acl", "private-b", [n.entry(100, "allow", "tcp", 8080, 8080, "10.0.0.0/24")], replies("10.0.0.0/16")),
                n.acl("c-acl", "private-c", [n.entry(100, "allow", "udp", 8080, 8080, "10.0.0.0/25")], [n.entry(100, "allow", "udp", 1024, 65535, "10.0.0.0/16")])]);
            const [lb, target] = [urn(TYPE.lb, "alb"), WEB_LT].map((u) => model.byUrn.get(u) as NonNullable<ReturnType<typeof model.byUrn.get>>);
            const gate = targetAclGate(model, model.exposure, lb, target, ["tcp", "udp"], 8080);
            assert.deepStrictEqual([gate.sure, gate.may, gate.doubt && [model.byUrn.get(gate.doubt.urn)?.name, gate.doubt.why]],
                [["tcp"], ["tcp", "udp"], ["c-acl", partly("c-acl", "'public-a'")]]);
        });
        it("an Auto Scaling group naming its template in a mixed instances policy, on AWS's default ACL: a path to the template through the default ACL", () => {
            const resources = [...n.network(), ...behindAlb().slice(0, 4),
                ...launched("web-tg", [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.0.0.0/16"] }], ["private-a"])];
            const group = resources[resources.length - 1];
            const { launchTemplate: _template, ...props } = group.props as Props;
            const { launchTemplate: _dependency, ...deps } = group.propertyDependencies ?? {};
            resources[resources.length - 1] = { ...group, props: { ...props, mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateId: U } } } },
                propertyDependencies: { ...deps, mixedInstancesPolicy: ["web-lt"] } };
            assert.deepStrictEqual(through(resources, WEB_LT),
                { paths: [[["nacl-in", "main", ""], ["nacl-out", "main", ""], ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"]]], possible: [] });
        });
    });
});
