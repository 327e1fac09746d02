/**
 * What each load balancer forwards to (graph/exposure/load-balancers.ts), with every link made by a
 * known ID (an update, each resource showing only the ID attribute the link needs) or by dependency.
 */
import * as assert from "assert";
import { LoadBalancers } from "../../policies/graph/exposure/load-balancers";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

type Props = Record<string, unknown>;
const res = (type: string, name: string, props: Props, deps: Record<string, string[]> = {}): TestResource => ({ type, name, props, propertyDependencies: deps });
const lb = (props: Props = { arn: "arn:lb" }) => res(TYPE.lb, "lb", props);
const listener = (props: Props, deps: Record<string, string[]> = {}) => res(TYPE.listener, "l", { loadBalancerArn: "arn:lb", port: 443, protocol: "HTTPS", ...props }, deps);
const tg = (name: string, props: Props = { arn: `arn:${name}` }) => res(TYPE.targetGroup, name, props);
const vm = (name = "vm") => res(TYPE.instance, name, { id: `i-${name}` });
const attach = (group: string, props: Props = {}) => res(TYPE.targetGroupAttachment, `to-${group}`, { targetGroupArn: `arn:${group}`, targetId: "i-vm", ...props });
const forwardTo = (arn: unknown) => ({ defaultActions: [{ type: "forward", targetGroupArn: arn }] });

/** Each forward of each load balancer: listener, its path, port, protocols, via, its path, target group, target, target port, where that port is read. */
function forwards(resources: TestResource[]): unknown[][] {
    const model = stackModel(resources);
    const lbs = new LoadBalancers(model.resources, model.byUrn);
    const name = (r: { name: string } | undefined) => r?.name;
    return resources.flatMap((r) => lbs.of(urnOf(r)).forwards.map((f) =>
        [name(f.listener), f.listenerPath, f.port, f.protocols, name(f.via), f.viaPath, name(f.targetGroup), name(f.target), f.targetPort, name(f.targetPortOn)]));
}
const unknownAt = (path: string) => ({ undetermined: "unknown", path, reason: `${path} is not known until the resource is created` });

describe("graph/load-balancers: links by known ID", () => {
    it("a listener names its load balancer by ARN or by ID; an attachment names its group by ARN or by ID and its instance by ID", () => {
        const stack = (lbProps: Props, groupProps: Props) => [lb(lbProps), listener(forwardTo("arn:web")), tg("web", { ...groupProps, port: 80 }), vm(), attach("web")];
        const expected = [["l", "port", 443, ["tcp"], "to-web", "targetId", "web", "vm", 80, "web"]];
        assert.deepStrictEqual([forwards(stack({ arn: "arn:lb" }, { arn: "arn:web" })), forwards(stack({ id: "arn:lb" }, { id: "arn:web" }))], [expected, expected]);
    });

    it("a listener rule names its listener by ARN or by ID", () => {
        const stack = (listenerProps: Props) => [lb(), { ...listener({ defaultActions: [] }), props: { loadBalancerArn: "arn:lb", port: 443, ...listenerProps } },
            res(TYPE.listenerRule, "rule", { listenerArn: "arn:l", actions: [{ type: "forward", targetGroupArn: "arn:web" }] }),
            tg("web"), vm(), attach("web", { port: 8080 })];
        const expected = [["l", "port", 443, ["tcp"], "to-web", "targetId", "web", "vm", 8080, "to-web"]];
        assert.deepStrictEqual([forwards(stack({ arn: "arn:l" })), forwards(stack({ id: "arn:l" }))], [expected, expected]);
    });

    it("an ECS service names its target group in loadBalancers[].targetGroupArn, on its containerPort", () => {
        const service = res(TYPE.ecsService, "api", { loadBalancers: [{ targetGroupArn: "arn:web", containerName: "app", containerPort: 3000 }] });
        assert.deepStrictEqual(forwards([lb(), listener(forwardTo("arn:web")), tg("web"), service]),
            [["l", "port", 443, ["tcp"], "api", "loadBalancers[0]", "web", "api", 3000, "api"]]);
    });

    it("an Auto Scaling group's launch template (by ID or name) and launch configuration are the targets of its targetGroupArns", () => {
        const asg = (props: Props) => res(TYPE.autoscalingGroup, "asg", { targetGroupArns: ["arn:web"], ...props });
        const launchers = [res(TYPE.launchTemplate, "lt-by-id", { id: "lt-1" }), res(TYPE.launchTemplate, "lt-by-name", { name: "lt-two" }),
            res(TYPE.launchConfiguration, "lc", { name: "lc-one" })];
        const stack = (props: Props) => forwards([lb(), listener(forwardTo("arn:web")), tg("web", { arn: "arn:web", port: 80 }), ...launchers, asg(props)]);
        const row = (target: string) => [["l", "port", 443, ["tcp"], "asg", "targetGroupArns", "web", target, 80, "web"]];
        assert.deepStrictEqual([stack({ launchTemplate: { id: "lt-1" } }), stack({ launchTemplate: { name: "lt-two" } }), stack({ launchConfiguration: "lc-one" })],
            [row("lt-by-id"), row("lt-by-name"), row("lc")]);
    });

    it("an aws.autoscaling.Attachment names the Auto Scaling group by name (its ID) and the target group by ARN", () => {
        const stack = (asgProps: Props) => forwards([lb(), listener(forwardTo("arn:web")), tg("web", { arn: "arn:web", port: 80 }),
            res(TYPE.launchTemplate, "lt", { id: "lt-1" }), res(TYPE.autoscalingGroup, "asg", { launchTemplate: { id: "lt-1" }, ...asgProps }),
            res(TYPE.autoscalingAttachment, "asg-to-web", { autoscalingGroupName: "asg-1", lbTargetGroupArn: "arn:web" })]);
        const expected = [["l", "port", 443, ["tcp"], "asg-to-web", "lbTargetGroupArn", "web", "lt", 80, "web"]];
        assert.deepStrictEqual([stack({ name: "asg-1" }), stack({ id: "asg-1" }), stack({ name: "other" })], [expected, expected, []]);
    });

    it("a classic ELB is named by its name in aws.elb.Attachment; its instances from outside the stack are no targets", () => {
        const elb = res(TYPE.elb, "classic", { name: "classic-1", instances: ["i-ext"], listeners: [{ lbPort: 80, instancePort: 8080, lbProtocol: "http", instanceProtocol: "http" }] });
        assert.deepStrictEqual(forwards([elb, vm(), res(TYPE.elbAttachment, "att", { elb: "classic-1", instance: "i-vm" })]),
            [["classic", "listeners[0].lbPort", 80, ["tcp"], "att", "instance", undefined, "vm", 8080, "classic"]]);
    });

    it("only listener rules, classic attachments and classic ELBs are read as such: another resource with the same inputs is not", () => {
        const lookalike = res("aws:example/lookalike:Lookalike", "odd", { listenerArn: "arn:l", actions: [{ type: "forward", targetGroupArn: "arn:web" }],
            elb: "classic-1", instance: "i-vm", instances: ["i-vm"], listeners: [{ lbPort: 22, instancePort: 22 }] });
        const elb = res(TYPE.elb, "classic", { name: "classic-1", listeners: [{ lbPort: 80, instancePort: 8080 }] });
        assert.deepStrictEqual(forwards([lb(), listener({ arn: "arn:l", defaultActions: [] }), tg("web"), elb, vm(), attach("web"), lookalike]), []);
    });

    it("only Auto Scaling groups and their attachments make launch templates targets: another resource with the same inputs does not", () => {
        const lookalike = res("aws:example/lookalike:Lookalike", "odd",
            { name: "odd-1", targetGroupArns: ["arn:web"], launchTemplate: { id: "lt-1" }, autoscalingGroupName: "asg-1", lbTargetGroupArn: "arn:web" });
        const scaling = [res(TYPE.launchTemplate, "lt", { id: "lt-1" }), res(TYPE.autoscalingGroup, "asg", { name: "asg-1", launchTemplate: { id: "lt-1" } }),
            res(TYPE.autoscalingAttachment, "att", { autoscalingGroupName: "odd-1", lbTargetGroupArn: "arn:web" })];
        assert.deepStrictEqual(forwards([lb(), listener(forwardTo("arn:web")), tg("web"), ...scaling, lookalike]), []);
    });
});

describe("graph/load-balancers: listeners", () => {
    const stack = (l: TestResource) => forwards([lb(), l, tg("web", { arn: "arn:web", port: 80 }), vm(), attach("web")]);
    const protocols = (protocol: unknown) => stack(listener({ ...forwardTo("arn:web"), protocol }))[0][3];

    it("the protocols a listener protocol carries", () => {
        assert.deepStrictEqual(["HTTP", "tls", "UDP", "tcp_udp", "GENEVE", undefined, UNKNOWN].map(protocols),
            [["tcp"], ["tcp"], ["udp"], ["tcp", "udp"], [], ["tcp"], ["tcp", "udp"]]);
    });

    it("a weighted forward names each of its target groups by ARN", () => {
        assert.deepStrictEqual(stack(listener({ defaultActions: [{ type: "forward", forward: { targetGroups: [{ arn: "arn:web", weight: 1 }] } }] })),
            [["l", "port", 443, ["tcp"], "to-web", "targetId", "web", "vm", 80, "web"]]);
    });

    it("no port on the listener, nor on the attachment or the target group: both not known", () => {
        assert.deepStrictEqual(forwards([lb(), listener({ ...forwardTo("arn:web"), port: undefined }), tg("web"), vm(), attach("web")]),
            [["l", "port", unknownAt("port"), ["tcp"], "to-web", "targetId", "web", "vm", unknownAt("port"), "web"]]);
    });

    it("a classic listener without ports: both not known, at the listener's paths", () => {
        const elb = res(TYPE.elb, "classic", { name: "classic-1", instances: ["i-vm"], listeners: [{ lbProtocol: "tcp" }] });
        assert.deepStrictEqual(forwards([elb, vm()]),
            [["classic", "listeners[0].lbPort", unknownAt("listeners[0].lbPort"), ["tcp"], "classic", "instances", undefined, "vm", unknownAt("listeners[0].instancePort"), "classic"]]);
    });
});

describe("graph/load-balancers: target groups named through dependencies", () => {
    const groups = ["one", "two", "three"].map((n) => tg(n, { port: 80 }));
    const attachments = ["one", "two", "three"].map((n) => res(TYPE.targetGroupAttachment, `to-${n}`, { targetGroupArn: UNKNOWN, targetId: UNKNOWN },
        { targetGroupArn: [n], targetId: ["vm"] }));
    const targetGroups = (l: TestResource) => forwards([lb(), l, ...groups, vm(), ...attachments]).map((f) => f[6]);

    it("one unknown ARN (a weighted forward's, or the action's) that depends on two groups may name either", () => {
        assert.deepStrictEqual([targetGroups(listener({ defaultActions: [{ type: "forward", forward: { targetGroups: [{ arn: UNKNOWN }] } }] }, { defaultActions: ["one", "two"] })),
            targetGroups(listener({ defaultActions: [{ type: "forward", targetGroupArn: UNKNOWN }] }, { defaultActions: ["one", "two"] }))], [["one", "two"], ["one", "two"]]);
    });

    it("two unknown ARNs whose dependencies name three groups: which two cannot be told, so each may be named", () => {
        assert.deepStrictEqual(targetGroups(listener({ defaultActions: [{ type: "forward", targetGroupArn: UNKNOWN }, { type: "forward", targetGroupArn: UNKNOWN }] },
            { defaultActions: ["one", "two", "three"] })), ["one", "two", "three"]);
    });
});
