/**
 * The exposure model's paths as data: each hop's kind, the resource that decides it and the
 * property path, in the order a packet takes them (what a map draws).
 */
import * as assert from "assert";
import { ExposurePath, Hop } from "../../policies/graph/exposure/exposure";
import { StackModel } from "../../policies/graph/stack";
import * as n from "../exposure/network";
import { stackModel } from "../util/stack-fixtures";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const U = n.U;
const urn = (type: string, name: string) => urnOf({ type, name });

/** [kind, resource name, property path] of each hop. */
function hops(model: StackModel, path: ExposurePath | undefined): [string, string, string][] {
    return (path?.hops ?? []).map((h: Hop) => [h.kind, model.byUrn.get(h.urn)?.name ?? h.urn, h.path]);
}

function pathsOf(resources: TestResource[], type: string, name: string) {
    const model = stackModel(resources);
    const r = model.byUrn.get(urn(type, name));
    assert.ok(r, `${name} is in the stack`);
    return { model, direct: model.exposure.direct(r), through: model.exposure.through(r) };
}

describe("graph: exposure paths", () => {
    it("a direct path: route, address, NACL in and out, security-group rule, with the traffic it carries", () => {
        const acl = n.acl("public-acl", "public-a", [n.entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0")], [n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")]);
        const { model, direct } = pathsOf([...n.network(), acl, n.group("web-sg", [n.tcpFromWorld(22)]),
            n.instance("web", "public-a", "web-sg", { associatePublicIpAddress: true })], TYPE.instance, "web");
        assert.strictEqual(direct.role, "compute");
        assert.strictEqual(direct.paths.length, 1);
        const [path] = direct.paths;
        assert.deepStrictEqual([path.family, path.traffic, path.subnet], [4, { tcp: [{ lo: 22n, hi: 22n }], udp: [], other: [] },
            { kind: "stack", urn: urn(TYPE.subnet, "public-a") }]);
        assert.deepStrictEqual(hops(model, path), [
            ["route", "public", "routes[0]"],
            ["public-address", "web", "associatePublicIpAddress"],
            ["nacl-in", "public-acl", "ingress[0]"],
            ["nacl-out", "public-acl", "egress[0]"],
            ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"],
        ]);
        const route = path.hops[0];
        assert.ok(route.kind === "route");
        assert.deepStrictEqual([route.tableOf, route.via, route.destination, route.gateway],
            ["association", urn(TYPE.routeTableAssociation, "public-a-routes"), "0.0.0.0/0", { kind: "stack", urn: urn(TYPE.internetGateway, "igw") }]);
        assert.deepStrictEqual(direct.possible, []);
    });

    it("a path through a load balancer: the load balancer's path, then listener, target and the rule that admits it", () => {
        const resources = [...n.network(), n.group("alb-sg", [n.tcpFromWorld(443)]), n.loadBalancer("alb", ["public-a"], ["alb-sg"]),
            n.targetGroup("web-tg", 8080), n.listener("https", "alb", 443, "HTTPS", "web-tg"), n.attachment("web-target", "web-tg", "web"),
            { ...n.group("web-sg", [n.fromGroup(8080)]), propertyDependencies: { vpcId: ["main"], ingress: ["alb-sg"] } },
            n.instance("web", "private-a", "web-sg")];
        const { model, direct, through } = pathsOf(resources, TYPE.instance, "web");
        assert.deepStrictEqual([direct.paths, direct.possible], [[], []]);
        assert.strictEqual(through.paths.length, 1);
        const [path] = through.paths;
        assert.deepStrictEqual([path.through, path.traffic], [urn(TYPE.lb, "alb"), { tcp: [{ lo: 8080n, hi: 8080n }], udp: [], other: [] }]);
        assert.deepStrictEqual(hops(model, path), [
            ["route", "public", "routes[0]"],
            ["public-address", "alb", "internal"],
            ["nacl-in", "main", ""],
            ["nacl-out", "main", ""],
            ["sg-rule", "alb-sg", "ingress[0].cidrBlocks[0]"],
            ["listener", "https", "port"],
            ["target", "web-target", "targetId"],
            // private-a is on the VPC's default ACL, which AWS made: it lets the load balancer's nodes in, and the replies out.
            ["nacl-in", "main", ""],
            ["nacl-out", "main", ""],
            ["sg-rule", "web-sg", "ingress[0].securityGroups[0]"],
        ]);
    });

    it("an ECS service behind a target group: reached on its container port", () => {
        const service: TestResource = { type: TYPE.ecsService, name: "api",
            props: { networkConfiguration: { subnets: [U], securityGroups: [U] }, loadBalancers: [{ targetGroupArn: U, containerName: "api", containerPort: 9000 }] },
            propertyDependencies: { networkConfiguration: ["private-a", "api-sg"], loadBalancers: ["api-tg"] } };
        const resources = [...n.network(), n.group("alb-sg", [n.tcpFromWorld(443)]), n.loadBalancer("alb", ["public-a"], ["alb-sg"]),
            n.targetGroup("api-tg", 9000), n.listener("https", "alb", 443, "HTTPS", "api-tg"),
            { ...n.group("api-sg", [n.fromGroup(9000)]), propertyDependencies: { vpcId: ["main"], ingress: ["alb-sg"] } }, service];
        const { model, through } = pathsOf(resources, TYPE.ecsService, "api");
        assert.deepStrictEqual(hops(model, through.paths[0]).slice(5), [
            ["listener", "https", "port"], ["target", "api", "loadBalancers[0]"], ["nacl-in", "main", ""], ["nacl-out", "main", ""],
            ["sg-rule", "api-sg", "ingress[0].securityGroups[0]"],
        ]);
    });

    it("a launch template launched by an Auto Scaling group in a public subnet, with the template's public-address flag", () => {
        const template: TestResource = { type: TYPE.launchTemplate, name: "web-lt",
            props: { imageId: "ami-1", networkInterfaces: [{ associatePublicIpAddress: "true", securityGroups: [U] }] },
            propertyDependencies: { networkInterfaces: ["web-sg"] } };
        const asg: TestResource = { type: TYPE.autoscalingGroup, name: "web-asg",
            props: { maxSize: 2, minSize: 1, vpcZoneIdentifiers: [U], launchTemplate: { id: U, version: "$Latest" } },
            propertyDependencies: { vpcZoneIdentifiers: ["public-a"], launchTemplate: ["web-lt"] } };
        const { model, direct } = pathsOf([...n.network(), n.group("web-sg", [n.tcpFromWorld(80)]), template, asg], TYPE.launchTemplate, "web-lt");
        assert.deepStrictEqual(hops(model, direct.paths[0]), [
            ["route", "public", "routes[0]"],
            ["public-address", "web-lt", "networkInterfaces[0].associatePublicIpAddress"],
            ["nacl-in", "main", ""],
            ["nacl-out", "main", ""],
            ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"],
        ]);
    });

    it("an unknown CIDR on the group: no path, a possible one hinging on that property", () => {
        const { direct } = pathsOf([...n.network(), n.group("web-sg", [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [U] }]),
            n.instance("web", "public-a", "web-sg", { associatePublicIpAddress: true })], TYPE.instance, "web");
        assert.deepStrictEqual(direct.paths, []);
        assert.deepStrictEqual(direct.possible.map((p) => [p.family, p.traffic, p.doubt.why.path, p.doubt.urn]), [
            [4, { tcp: [{ lo: 22n, hi: 22n }], udp: [], other: [] }, "ingress[0].cidrBlocks[0]", urn(TYPE.sg, "web-sg")],
        ]);
    });

    it("a route whose gateway may be a VPN gateway: the route is a doubt, not an internet route", () => {
        const vgw: TestResource = { type: TYPE.vpnGateway, name: "vgw", props: { vpcId: U }, propertyDependencies: { vpcId: ["main"] } };
        const table = n.routeTable("public", [{ cidrBlock: "0.0.0.0/0", gatewayId: U }, { cidrBlock: "192.168.0.0/16", gatewayId: U }], ["igw", "vgw"]);
        const { direct } = pathsOf([n.vpc(), n.igw(), vgw, n.subnet("public-a", "10.0.0.0/24"), table, n.association("public-a-routes", "public-a", "public"),
            n.group("web-sg", [n.tcpFromWorld(22)]), n.instance("web", "public-a", "web-sg", { associatePublicIpAddress: true })], TYPE.instance, "web");
        assert.deepStrictEqual(direct.paths, []);
        assert.deepStrictEqual(direct.possible.map((p) => [p.doubt.why.path, p.doubt.urn]), [["routes[0].gatewayId", urn(TYPE.routeTable, "public")]]);
    });

    it("the union of the resource's groups: two groups that each admit half the internet on 22 make a path with both rules", () => {
        const half = (cidr: string) => [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [cidr] }];
        const web: TestResource = { ...n.instance("web", "public-a", "low", { associatePublicIpAddress: true }),
            propertyDependencies: { subnetId: ["public-a"], vpcSecurityGroupIds: ["low", "high"] }, };
        web.props.vpcSecurityGroupIds = [U, U];
        const { model, direct } = pathsOf([...n.network(), n.group("low", half("0.0.0.0/1")), n.group("high", half("128.0.0.0/1")), web], TYPE.instance, "web");
        assert.deepStrictEqual(hops(model, direct.paths[0]).filter((h) => h[0] === "sg-rule"), [
            ["sg-rule", "low", "ingress[0].cidrBlocks[0]"], ["sg-rule", "high", "ingress[0].cidrBlocks[0]"],
        ]);
    });

    it("the VPC's aws.ec2.DefaultNetworkAcl, declared without entries, admits nothing: no path", () => {
        const acl: TestResource = { type: TYPE.defaultNacl, name: "default-acl", props: { defaultNetworkAclId: U }, propertyDependencies: { defaultNetworkAclId: ["main"] } };
        const resources = [...n.network(), n.group("web-sg", [n.tcpFromWorld(22)]), n.instance("web", "public-a", "web-sg", { associatePublicIpAddress: true })];
        assert.strictEqual(pathsOf(resources, TYPE.instance, "web").direct.paths.length, 1);
        const { direct } = pathsOf([...resources, acl], TYPE.instance, "web");
        assert.deepStrictEqual([direct.paths, direct.possible], [[], []]);
    });

    it("a subnet of a VPC outside the stack: the route table and ACL are not known, a possible path names the fact", () => {
        const shared: TestResource = { type: TYPE.subnet, name: "shared-a", props: { vpcId: "vpc-0shared", cidrBlock: "10.9.0.0/24" } };
        const { direct } = pathsOf([shared, n.group("web-sg", [n.tcpFromWorld(22)], "vpc-0shared"),
            n.instance("web", "shared-a", "web-sg", { associatePublicIpAddress: true })], TYPE.instance, "web");
        assert.deepStrictEqual(direct.paths, []);
        assert.deepStrictEqual(direct.possible.map((p) => [p.family, p.doubt.outside, p.doubt.urn, p.doubt.why.path]), [
            [4, true, urn(TYPE.subnet, "shared-a"), "vpcId"],
        ]);
    });

    it("an instance on a network interface of the stack: the interface carries the path (its subnet, its Elastic IP), not the instance", () => {
        const eni: TestResource = { type: TYPE.eni, name: "web-eni", props: { subnetId: U, securityGroups: [U] },
            propertyDependencies: { subnetId: ["public-a"], securityGroups: ["web-sg"] } };
        const web: TestResource = { type: TYPE.instance, name: "web", props: { ami: "ami-1", primaryNetworkInterface: { networkInterfaceId: U } },
            propertyDependencies: { primaryNetworkInterface: ["web-eni"] } };
        const eip: TestResource = { type: TYPE.eip, name: "web-ip", props: { domain: "vpc", networkInterface: U }, propertyDependencies: { networkInterface: ["web-eni"] } };
        const resources = [...n.network(), n.group("web-sg", [n.tcpFromWorld(22)]), eni, web, eip];
        const instance = pathsOf(resources, TYPE.instance, "web").direct;
        assert.deepStrictEqual([instance.paths, instance.possible], [[], []]);
        const { model, direct } = pathsOf(resources, TYPE.eni, "web-eni");
        assert.deepStrictEqual(hops(model, direct.paths[0]).slice(0, 2), [["route", "public", "routes[0]"], ["public-address", "web-ip", "networkInterface"]]);
    });

    it("a classic ELB: each listener forwards to each of its instances on the listener's instancePort", () => {
        const elb: TestResource = { type: TYPE.elb, name: "classic",
            props: { subnets: [U], securityGroups: [U], instances: [U], listeners: [{ lbPort: 443, lbProtocol: "https", instancePort: 8080, instanceProtocol: "http" }] },
            propertyDependencies: { subnets: ["public-a"], securityGroups: ["elb-sg"], instances: ["web"] } };
        const resources = [...n.network(), n.group("elb-sg", [n.tcpFromWorld(443)]), elb,
            { ...n.group("web-sg", [n.fromGroup(8080)]), propertyDependencies: { vpcId: ["main"], ingress: ["elb-sg"] } }, n.instance("web", "private-a", "web-sg")];
        const { model, through } = pathsOf(resources, TYPE.instance, "web");
        assert.deepStrictEqual(hops(model, through.paths[0]).slice(5), [
            ["listener", "classic", "listeners[0].lbPort"], ["target", "classic", "instances"], ["nacl-in", "main", ""], ["nacl-out", "main", ""],
            ["sg-rule", "web-sg", "ingress[0].securityGroups[0]"],
        ]);
        assert.deepStrictEqual(through.paths[0].traffic, { tcp: [{ lo: 8080n, hi: 8080n }], udp: [], other: [] });
    });

    it("aws.elb.Attachment resources of two classic ELBs: each ELB forwards to the instances attached to it, and to no other", () => {
        const elb = (name: string, lbPort: number, instancePort: number): TestResource => ({ type: TYPE.elb, name,
            props: { subnets: [U], securityGroups: [U], listeners: [{ lbPort, lbProtocol: "tcp", instancePort, instanceProtocol: "tcp" }] },
            propertyDependencies: { subnets: ["public-a"], securityGroups: ["elb-sg"] } });
        const attach = (name: string, lb: string, host: string): TestResource =>
            ({ type: TYPE.elbAttachment, name, props: { elb: U, instance: U }, propertyDependencies: { elb: [lb], instance: [host] } });
        const resources = [...n.network(), n.group("elb-sg", [n.tcpFromWorld(443), n.tcpFromWorld(80)]), elb("front", 443, 8080), elb("back", 80, 9090),
            attach("back-api", "back", "api"), attach("front-web", "front", "web"),
            { ...n.group("app-sg", [{ ...n.fromGroup(8080), toPort: 9090 }]), propertyDependencies: { vpcId: ["main"], ingress: ["elb-sg"] } },
            n.instance("web", "private-a", "app-sg"), n.instance("api", "private-a", "app-sg")];
        const through = (name: string) => {
            const { model, through: t } = pathsOf(resources, TYPE.instance, name);
            return t.paths.map((p) => [...hops(model, p).filter(([kind]) => kind === "listener" || kind === "target"), p.traffic.tcp]);
        };
        assert.deepStrictEqual(through("web"), [[["listener", "front", "listeners[0].lbPort"], ["target", "front-web", "instance"], [{ lo: 8080n, hi: 8080n }]]]);
        assert.deepStrictEqual(through("api"), [[["listener", "back", "listeners[0].lbPort"], ["target", "back-api", "instance"], [{ lo: 9090n, hi: 9090n }]]]);
    });

    it("aws.lb.ListenerRule resources of two listeners: each listener forwards by its own rules only", () => {
        const rule = (name: string, listener: string, tg: string): TestResource => ({ type: TYPE.listenerRule, name,
            props: { listenerArn: U, priority: 10, actions: [{ type: "forward", targetGroupArn: U }], conditions: [{ pathPattern: { values: ["/x/*"] } }] },
            propertyDependencies: { listenerArn: [listener], actions: [tg] } });
        const resources = [...n.network(), n.group("alb-sg", [n.tcpFromWorld(443), n.tcpFromWorld(80)]), n.loadBalancer("alb", ["public-a"], ["alb-sg"]),
            n.targetGroup("default-tg", 7070), n.targetGroup("web-tg", 8080), n.targetGroup("api-tg", 9090),
            n.listener("https", "alb", 443, "HTTPS", "default-tg"), n.listener("http", "alb", 80, "HTTP", "default-tg"),
            rule("api-path", "http", "api-tg"), rule("web-path", "https", "web-tg"),
            n.attachment("web-target", "web-tg", "web"), n.attachment("api-target", "api-tg", "api"),
            { ...n.group("app-sg", [{ ...n.fromGroup(8080), toPort: 9090 }]), propertyDependencies: { vpcId: ["main"], ingress: ["alb-sg"] } },
            n.instance("web", "private-a", "app-sg"), n.instance("api", "private-a", "app-sg")];
        const through = (name: string) => {
            const { model, through: t } = pathsOf(resources, TYPE.instance, name);
            return t.paths.map((p) => hops(model, p).filter(([kind]) => kind === "listener" || kind === "target"));
        };
        assert.deepStrictEqual(through("web"), [[["listener", "https", "port"], ["target", "web-target", "targetId"]]]);
        assert.deepStrictEqual(through("api"), [[["listener", "http", "port"], ["target", "api-target", "targetId"]]]);
    });

    it("an aws.lb.ListenerRule forwards to its target group too", () => {
        const rule: TestResource = { type: "aws:lb/listenerRule:ListenerRule", name: "admin-path",
            props: { listenerArn: U, priority: 10, actions: [{ type: "forward", targetGroupArn: U }], conditions: [{ pathPattern: { values: ["/admin/*"] } }] },
            propertyDependencies: { listenerArn: ["https"], actions: ["admin-tg"] } };
        const resources = [...n.network(), n.group("alb-sg", [n.tcpFromWorld(443)]), n.loadBalancer("alb", ["public-a"], ["alb-sg"]),
            n.targetGroup("web-tg", 8080), n.targetGroup("admin-tg", 9090), n.listener("https", "alb", 443, "HTTPS", "web-tg"), rule,
            n.attachment("admin-target", "admin-tg", "web"),
            { ...n.group("web-sg", [n.fromGroup(9090)]), propertyDependencies: { vpcId: ["main"], ingress: ["alb-sg"] } }, n.instance("web", "private-a", "web-sg")];
        const { model, through } = pathsOf(resources, TYPE.instance, "web");
        assert.deepStrictEqual(through.paths.map((p) => hops(model, p).slice(5, 7)), [[["listener", "https", "port"], ["target", "admin-target", "targetId"]]]);
    });
});
