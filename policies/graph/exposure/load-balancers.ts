/**
 * Load balancers, their listeners and what each forwards to. A listener (aws.lb.Listener, or a
 * classic ELB's `listeners`) forwards to target groups (its default actions and the actions of its
 * aws.lb.ListenerRule resources); a target group's targets are the instances of its
 * TargetGroupAttachments, the ECS services whose `loadBalancers` name it, and the launch templates
 * and configurations of the Auto Scaling groups whose targetGroupArns (or aws.autoscaling.Attachment)
 * name it; a classic ELB's are its `instances` and its aws.elb.Attachment resources.
 */
import { LoadBalancer as AlbLoadBalancer } from "@pulumi/aws/alb/loadBalancer";
import { Listener as AlbListener } from "@pulumi/aws/alb/listener";
import { ListenerRule as AlbListenerRule } from "@pulumi/aws/alb/listenerRule";
import { TargetGroup as AlbTargetGroup } from "@pulumi/aws/alb/targetGroup";
import { TargetGroupAttachment as AlbTargetGroupAttachment } from "@pulumi/aws/alb/targetGroupAttachment";
import { Attachment as AsgAttachment } from "@pulumi/aws/autoscaling/attachment";
import { Group as AutoscalingGroup } from "@pulumi/aws/autoscaling/group";
import { Instance as Ec2Instance } from "@pulumi/aws/ec2/instance";
import { LaunchConfiguration } from "@pulumi/aws/ec2/launchConfiguration";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import { Service as EcsService } from "@pulumi/aws/ecs/service";
import { Attachment as ElbAttachment } from "@pulumi/aws/elb/attachment";
import { LoadBalancer as ElbLoadBalancer } from "@pulumi/aws/elb/loadBalancer";
import { Listener as LbListener } from "@pulumi/aws/lb/listener";
import { ListenerRule as LbListenerRule } from "@pulumi/aws/lb/listenerRule";
import { LoadBalancer as LbLoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { TargetGroup as LbTargetGroup } from "@pulumi/aws/lb/targetGroup";
import { TargetGroupAttachment as LbTargetGroupAttachment } from "@pulumi/aws/lb/targetGroupAttachment";
import { typeToken } from "../../model/types";
import { Field, Maybe, child, elements, isUndetermined, num, str, unknownAt } from "../../model/values";
import { PortProtocol } from "../../net/nacl-eval";
import { Ref, Targets, linkList, linkOne, linkRequired } from "../links";
import { indexBy, push } from "../lists";
import type { StackResource } from "../resource";
import { Network } from "../vpcs";
import { TrafficGate } from "./path";
import { launchFields } from "./placement";
import { outside } from "./routes";
import { ALL_TRAFFIC, NO_TRAFFIC } from "../../net/traffic";

const t = typeToken;
const of = (...classes: object[]) => new Set(classes.map(t));
export const LOAD_BALANCERS = of(LbLoadBalancer, AlbLoadBalancer, ElbLoadBalancer);
const CLASSIC = t(ElbLoadBalancer);
const LISTENERS = of(LbListener, AlbListener);
const RULES = of(LbListenerRule, AlbListenerRule);
const TARGET_GROUPS = of(LbTargetGroup, AlbTargetGroup);
const ATTACHMENTS = of(LbTargetGroupAttachment, AlbTargetGroupAttachment);
const ASG = t(AutoscalingGroup);

/** One way traffic that reaches a listener goes on to a target. */
export interface Forward {
    /** The listener: an aws.lb.Listener, or the classic ELB itself. */
    readonly listener: StackResource;
    readonly listenerPath: string;
    readonly port: Maybe<number>;
    readonly protocols: readonly PortProtocol[];
    /** The resource that makes it a target (an attachment, a service, an Auto Scaling group, the ELB), and where. */
    readonly via: StackResource;
    readonly viaPath: string;
    readonly targetGroup?: StackResource;
    readonly target: StackResource;
    readonly targetPort: Maybe<number>;
    /** The resource the target port is read from: the attachment or service, else the target group. */
    readonly targetPortOn: StackResource;
}

/** A load balancer's listeners and their targets. */
export interface LoadBalancerNode {
    readonly forwards: Forward[];
}

/**
 * The transport protocols of a listener protocol: HTTP, HTTPS, TCP, TLS carry TCP; UDP carries UDP;
 * TCP_UDP both; GENEVE none. None declared: TCP (an application load balancer's HTTP, a network one's TCP;
 * a gateway load balancer's listener, which declares none, is read as TCP too); not known yet: TCP or UDP.
 */
function protocolsOf(field: Field): PortProtocol[] {
    const p = str(field);
    if (p === undefined) {
        return ["tcp"];
    }
    if (isUndetermined(p)) {
        return ["tcp", "udp"];
    }
    const upper = p.toUpperCase();
    return upper === "UDP" ? ["udp"] : upper === "TCP_UDP" ? ["tcp", "udp"] : upper === "GENEVE" ? [] : ["tcp"];
}

export class LoadBalancers {
    private readonly nodes = new Map<string, LoadBalancerNode>();

    constructor(resources: readonly StackResource[], byUrn: ReadonlyMap<string, StackResource>) {
        const lbs = new Targets();
        const listeners = new Targets();
        const groups = new Targets();
        const instances = new Targets();
        const launchers = new Targets();
        const asgs = new Targets();
        for (const r of resources) {
            if (LOAD_BALANCERS.has(r.type)) {
                lbs.add(r, ["arn", "id", "name"]);
                this.nodes.set(r.urn, { forwards: [] });
            } else if (LISTENERS.has(r.type)) {
                listeners.add(r, ["arn", "id"]);
            } else if (TARGET_GROUPS.has(r.type)) {
                groups.add(r, ["arn", "id"]);
            } else if (r.type === t(Ec2Instance)) {
                instances.add(r, ["id"]);
            } else if (r.type === t(LaunchTemplate) || r.type === t(LaunchConfiguration)) {
                launchers.add(r, ["id", "name"]);
            } else if (r.type === ASG) {
                asgs.add(r, ["id", "name"]);
            }
        }
        const get = (urn: string) => byUrn.get(urn) as StackResource;
        // Target group -> its targets, each with the resource that makes it one.
        const targetsOf = new Map<string, { via: StackResource; viaPath: string; target: StackResource; port: Maybe<number> | undefined }[]>();
        const addTarget = (group: Ref | undefined, via: StackResource, viaPath: string, target: StackResource, port?: Maybe<number>) => {
            if (group?.kind === "stack") {
                targetsOf.set(group.urn, push(targetsOf.get(group.urn), { via, viaPath, target, port }));
            }
        };
        const launchedBy = (asg: StackResource): StackResource[] => launchFields(asg).flatMap((f) => {
            const link = linkOne(asg, f.path.split(".")[0], launchers, f)?.ref;
            return link?.kind === "stack" ? [get(link.urn)] : [];
        });
        for (const r of resources) {
            if (ATTACHMENTS.has(r.type)) {
                const target = linkRequired(r, "targetId", instances).ref;
                if (target?.kind === "stack") {
                    addTarget(linkRequired(r, "targetGroupArn", groups).ref, r, "targetId", get(target.urn), num(child(r.root, "port")));
                }
            } else if (r.type === t(EcsService)) {
                const list = elements(child(r.root, "loadBalancers"));
                for (const item of isUndetermined(list) ? [] : list) {
                    const group = linkOne(r, "loadBalancers", groups, child(item, "targetGroupArn"))?.ref;
                    addTarget(group, r, item.path, r, num(child(item, "containerPort")));
                }
            } else if (r.type === ASG) {
                const list = linkList(r, [child(r.root, "targetGroupArns")], ["targetGroupArns"], groups, true);
                for (const g of list.refs) {
                    launchedBy(r).forEach((target) => addTarget(g, r, "targetGroupArns", target));
                }
            } else if (r.type === t(AsgAttachment)) {
                const asg = linkOne(r, "autoscalingGroupName", asgs)?.ref;
                const g = linkOne(r, "lbTargetGroupArn", groups)?.ref;
                if (asg?.kind === "stack") {
                    launchedBy(get(asg.urn)).forEach((target) => addTarget(g, r, "lbTargetGroupArn", target));
                }
            }
        }
        // Listener rules by their listener, classic attachments by their ELB, each linked once (in stack order).
        const rulesOf = byLink(resources.filter((x) => RULES.has(x.type)), "listenerArn", listeners);
        const attachmentsOf = byLink(resources.filter((x) => x.type === t(ElbAttachment)), "elb", lbs);
        for (const r of resources) {
            if (LISTENERS.has(r.type)) {
                this.listener(r, lbs, groups, targetsOf, get, rulesOf.get(r.urn) ?? []);
            } else if (r.type === CLASSIC) {
                this.classic(r, instances, attachmentsOf.get(r.urn) ?? [], get);
            }
        }
    }

    /** A listener's forwards: to the targets of each target group its default actions and its rules' actions name. */
    private listener(r: StackResource, lbs: Targets, groups: Targets, targetsOf: Map<string, { via: StackResource; viaPath: string; target: StackResource;
        port: Maybe<number> | undefined }[]>, get: (urn: string) => StackResource, mine: readonly StackResource[]): void {
        const lb = linkRequired(r, "loadBalancerArn", lbs);
        const node = lb.ref?.kind === "stack" ? this.nodes.get(lb.ref.urn) : undefined;
        if (!node) {
            return;
        }
        const named = [{ on: r, key: "defaultActions" }, ...mine.map((on) => ({ on, key: "actions" }))].flatMap(({ on, key }) => {
            const list = elements(child(on.root, key));
            if (isUndetermined(list)) {
                return [];
            }
            const fields = list.flatMap((a) => [child(a, "targetGroupArn"), ...forwardGroups(child(child(a, "forward"), "targetGroups"))]);
            // Each field holds one ARN; one not known yet may be any target group the actions depend on.
            return linkList(on, fields, [key], groups, true, fields.map((f) => (f.state === "unknown" ? "list" : "one"))).refs;
        });
        const port = num(child(r.root, "port"));
        const protocols = protocolsOf(child(r.root, "protocol"));
        for (const g of named.filter((x): x is Ref & { kind: "stack" } => x.kind === "stack")) {
            const group = get(g.urn);
            for (const x of targetsOf.get(g.urn) ?? []) {
                node.forwards.push({ listener: r, listenerPath: "port", port: port ?? unknownAt("port"), protocols,
                    via: x.via, viaPath: x.viaPath, targetGroup: group, target: x.target, targetPort: x.port ?? num(child(group.root, "port")) ?? unknownAt("port"),
                    targetPortOn: x.port === undefined ? group : x.via });
            }
        }
    }

    /** A classic ELB: each listener forwards to each of its instances on the listener's instancePort. */
    private classic(r: StackResource, instances: Targets, attachments: readonly StackResource[], get: (urn: string) => StackResource): void {
        const node = this.nodes.get(r.urn) as LoadBalancerNode;
        const own = linkList(r, [child(r.root, "instances")], ["instances"], instances, true).refs.map((ref) => ({ ref, via: r, viaPath: "instances" }));
        const attached = attachments.flatMap((x) => {
            const ref = linkOne(x, "instance", instances)?.ref;
            return ref ? [{ ref, via: x, viaPath: "instance" }] : [];
        });
        const listeners = elements(child(r.root, "listeners"));
        for (const l of isUndetermined(listeners) ? [] : listeners) {
            for (const x of [...own, ...attached].filter((y) => y.ref.kind === "stack")) {
                node.forwards.push({ listener: r, listenerPath: `${l.path}.lbPort`, port: num(child(l, "lbPort")) ?? unknownAt(`${l.path}.lbPort`), protocols: ["tcp"],
                    via: x.via, viaPath: x.viaPath, target: get((x.ref as { urn: string }).urn), targetPort: num(child(l, "instancePort")) ?? unknownAt(`${l.path}.instancePort`), targetPortOn: r });
            }
        }
    }

    /** A load balancer's forwards; none for a resource that is not one. */
    of(urn: string): LoadBalancerNode {
        return this.nodes.get(urn) ?? { forwards: [] };
    }
}

/**
 * The groups of a load balancer that declares none: a network or gateway load balancer then filters
 * nothing; an application or classic one gets its VPC's default group, which AWS sets to admit only
 * itself in a VPC the stack creates, and whose rules are not known for another VPC.
 */
export function noGroupsGate(lb: StackResource, network: Network): TrafficGate {
    const type = str(child(lb.root, "loadBalancerType"));
    if (type === "network" || type === "gateway") {
        return { segments: [{ traffic: ALL_TRAFFIC, hops: [] }], definite: ALL_TRAFFIC, possible: ALL_TRAFFIC };
    }
    if (isUndetermined(type)) {
        return { segments: [], definite: NO_TRAFFIC, possible: ALL_TRAFFIC, doubt: { why: type, urn: lb.urn } };
    }
    const vpc = network.vpcOf(lb, { subnets: ["subnets"] });
    const created = vpc.kind === "stack" && network.createsVpc(vpc.urn);
    return created ? { segments: [], definite: NO_TRAFFIC, possible: NO_TRAFFIC } : {
        segments: [], definite: NO_TRAFFIC, possible: ALL_TRAFFIC,
        doubt: { why: outside("securityGroups", "the load balancer declares no security group, so AWS gives it its VPC's default group, whose rules are not in this stack"),
            urn: lb.urn, outside: true },
    };
}

/** Resources by the resource of the stack that their field links to, in their order. */
function byLink(resources: readonly StackResource[], key: string, targets: Targets): Map<string, StackResource[]> {
    return indexBy(resources, (x) => {
        const ref = linkOne(x, key, targets)?.ref;
        return ref?.kind === "stack" ? [ref.urn] : [];
    });
}

/** The `arn` of each target group of a weighted forward. */
function forwardGroups(field: Field): Field[] {
    const list = elements(field);
    return isUndetermined(list) ? [] : list.map((x) => child(x, "arn"));
}
