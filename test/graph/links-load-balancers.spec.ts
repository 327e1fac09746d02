/**
 * Links of load balancers to what they forward to: listeners, listener rules, target groups and their
 * targets (attachments, ECS services, Auto Scaling groups), classic ELBs and their instances.
 * links-fixtures.ts checks each row in every mode.
 */
import { LoadBalancers } from "../../policies/graph/exposure/load-balancers";
import { TestResource } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";
import { Row, describeLinks, id, r } from "./links-fixtures";

/** Each forward of each load balancer: [load balancer, listener, via, target group, target]. */
function forwardsOf(resources: TestResource[]): unknown[] {
    const model = stackModel(resources);
    const lbs = new LoadBalancers(model.resources, model.byUrn);
    return model.resources.flatMap((lb) => lbs.of(lb.urn).forwards.map((f) => [lb.name, f.listener.name, f.via.name, f.targetGroup?.name, f.target.name]));
}

const lb = r(TYPES.lb, "lb", { loadBalancerType: "application" });
const tg = r(TYPES.targetGroup, "web", { port: 80, protocol: "HTTP" });
const vm = r(TYPES.instance, "vm", { ami: "ami-1", instanceType: "t3.micro" });
const attachment = r(TYPES.targetGroupAttachment, "to-vm", { targetGroupArn: id("web", "arn"), targetId: id("vm") });
const listener = (actions: unknown[]) => r(TYPES.listener, "https", { loadBalancerArn: id("lb", "arn"), port: 443, protocol: "HTTPS", defaultActions: actions });
const forward = { type: "forward", targetGroupArn: id("web", "arn") };

const rows: Row[] = [
    {
        link: "lb.Listener.loadBalancerArn and defaultActions[].targetGroupArn, lb.TargetGroupAttachment.targetGroupArn and targetId", verdict: forwardsOf,
        stack: [lb, tg, vm, listener([forward]), attachment],
        expected: [["lb", "https", "to-vm", "web", "vm"]],
    },
    {
        link: "lb.Listener.defaultActions[].forward.targetGroups[].arn (a weighted forward)", verdict: forwardsOf,
        stack: [lb, tg, vm, listener([{ type: "forward", forward: { targetGroups: [{ arn: id("web", "arn"), weight: 1 }] } }]), attachment],
        expected: [["lb", "https", "to-vm", "web", "vm"]],
    },
    {
        link: "lb.ListenerRule.listenerArn and actions[].targetGroupArn", verdict: forwardsOf,
        stack: [lb, tg, vm, listener([]), r(TYPES.listenerRule, "rule", { listenerArn: id("https", "arn"), actions: [forward] }), attachment],
        expected: [["lb", "https", "to-vm", "web", "vm"]],
    },
    {
        link: "ecs.Service.loadBalancers[].targetGroupArn", verdict: forwardsOf,
        stack: [lb, tg, listener([forward]), r(TYPES.ecsService, "api", { loadBalancers: [{ targetGroupArn: id("web", "arn"), containerName: "app", containerPort: 80 }] })],
        expected: [["lb", "https", "api", "web", "api"]],
    },
    {
        link: "autoscaling.Group.targetGroupArns and launchTemplate.id", verdict: forwardsOf,
        stack: [lb, tg, listener([forward]), r(TYPES.launchTemplate, "lt", { imageId: "ami-1" }),
            r(TYPES.autoscalingGroup, "asg", { maxSize: 2, minSize: 1, targetGroupArns: [id("web", "arn")], launchTemplate: { id: id("lt") } })],
        expected: [["lb", "https", "asg", "web", "lt"]],
    },
    {
        link: "autoscaling.Attachment.autoscalingGroupName and lbTargetGroupArn", verdict: forwardsOf,
        stack: [lb, tg, listener([forward]), r(TYPES.launchConfiguration, "lc", { imageId: "ami-1", instanceType: "t3.micro" }),
            r(TYPES.autoscalingGroup, "asg", { maxSize: 2, minSize: 1, launchConfiguration: id("lc", "name") }),
            r(TYPES.autoscalingAttachment, "asg-to-web", { autoscalingGroupName: id("asg", "name"), lbTargetGroupArn: id("web", "arn") })],
        expected: [["lb", "https", "asg-to-web", "web", "lc"]],
        decoys: { asg: r(TYPES.autoscalingGroup, "asg-decoy", { maxSize: 2, minSize: 1 }) },
    },
    {
        link: "elb.LoadBalancer.instances, elb.Attachment.elb and instance", verdict: forwardsOf,
        stack: [vm, r(TYPES.instance, "vm2", { ami: "ami-1", instanceType: "t3.micro" }),
            r(TYPES.elb, "classic", { instances: [id("vm")], listeners: [{ lbPort: 80, lbProtocol: "http", instancePort: 8080, instanceProtocol: "http" }] }),
            r(TYPES.elbAttachment, "att", { elb: id("classic", "name"), instance: id("vm2") })],
        expected: [["classic", "classic", "classic", undefined, "vm"], ["classic", "classic", "att", undefined, "vm2"]],
        decoys: { classic: r(TYPES.elb, "classic-decoy", { listeners: [{ lbPort: 80, lbProtocol: "http", instancePort: 8080, instanceProtocol: "http" }] }) },
    },
];

describeLinks(rows);
