/**
 * Links of the internet paths: route tables and their routes, associations, internet gateways, the
 * VPC's main and default route tables, Elastic IPs, and where resources are placed (subnets, subnet
 * groups, launch templates). Each row is a resource open to the world on SSH in a subnet that routes
 * the internet to an internet gateway; links-fixtures.ts checks each row in every mode. The decoys are
 * what a link must not lead to (a VPN gateway instead of the internet gateway, a route table without
 * the route, a subnet outside the stack, a closed group).
 */
import * as assert from "assert";
import { adminPortsNotReachableFromInternet } from "../../policies/exposure/admin-ports-not-reachable-from-internet";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy } from "../util/run-stack-policy";
import { TYPES } from "../util/stack-fixtures";
import { Row, Spec, describeLinks, id, on, r } from "./links-fixtures";

const vpc = r(TYPES.vpc, "main", { cidrBlock: "10.0.0.0/16" });
const igw = r(TYPES.internetGateway, "igw", { vpcId: "vpc-main" });
const subnet = r(TYPES.subnet, "a", { vpcId: id("main"), cidrBlock: "10.0.1.0/24" });
const sg = r(TYPES.sg, "web", { vpcId: "vpc-main", description: "web", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
const vm = (props: Record<string, unknown> = { associatePublicIpAddress: true }) =>
    r(TYPES.instance, "vm", { ami: "ami-1", instanceType: "t3.micro", subnetId: id("a"), vpcSecurityGroupIds: [id("web")], ...props });
const toInternet = { cidrBlock: "0.0.0.0/0", gatewayId: id("igw") };
const table = (routes: unknown[] = []) => r(TYPES.routeTable, "rt", { vpcId: "vpc-main", routes });
const association = r(TYPES.routeTableAssociation, "rt-a", { subnetId: id("a"), routeTableId: id("rt") });
const route = (tableId: unknown) => r(TYPES.route, "default-route", { routeTableId: tableId, destinationCidrBlock: "0.0.0.0/0", gatewayId: id("igw") });

/**
 * The decoys: a VPN gateway for the internet gateway, a route table without routes, a subnet of a VPC
 * outside the stack, the account's default VPC (its network ACL and route table are not in the
 * stack), a closed security group, and an instance without a public address.
 */
const decoys: Record<string, Spec> = {
    igw: r(TYPES.vpnGateway, "vgw", { vpcId: "vpc-main" }),
    rt: r(TYPES.routeTable, "rt-decoy", { vpcId: "vpc-main", routes: [] }),
    a: r(TYPES.subnet, "a-decoy", { vpcId: "vpc-other", cidrBlock: "10.0.2.0/24" }),
    main: r(TYPES.defaultVpc, "main-decoy", {}),
    web: r(TYPES.sg, "web-decoy", { vpcId: "vpc-main", description: "closed", ingress: [] }),
    vm: r(TYPES.instance, "vm-decoy", { ami: "ami-1", instanceType: "t3.micro", subnetId: id("a") }),
};

/** Each finding: level, what is reachable (the message up to its clauses), resource. */
const findings = (resources: TestResource[]) => runStackPolicy(adminPortsNotReachableFromInternet, resources).map((f) => [f.level, f.message.split(": ")[0], f.urn]);
const reachableOn = (label: string, type: string, name: string) => ["mandatory", `${label} '${name}' is reachable from the internet over IPv4 on SSH (TCP port 22)`, on(type, name)];
const reachable = reachableOn("aws.ec2.Instance", TYPES.instance, "vm");
const row = (link: string, stack: Spec[], found = reachable): Row => ({ link, verdict: findings, stack: [vpc, igw, subnet, sg, ...stack], expected: [found], decoys });

const rows: Row[] = [
    row("ec2.RouteTable.routes[].gatewayId, ec2.RouteTableAssociation.subnetId and routeTableId", [table([toInternet]), association, vm()]),
    row("ec2.Route.routeTableId and gatewayId", [table(), route(id("rt")), association, vm()]),
    row("ec2.MainRouteTableAssociation.vpcId and routeTableId", [table([toInternet]), r(TYPES.mainRouteTableAssociation, "main-rt", { vpcId: id("main"), routeTableId: id("rt") }), vm()]),
    row("ec2.Route.routeTableId = vpc.mainRouteTableId (the main table AWS made with the VPC)", [route(id("main", "mainRouteTableId")), vm()]),
    row("ec2.DefaultRouteTable.defaultRouteTableId", [r(TYPES.defaultRouteTable, "default-rt", { defaultRouteTableId: id("main", "defaultRouteTableId"), routes: [toInternet] }), vm()]),
    row("ec2.Eip.instance", [table([toInternet]), association, vm({}), r(TYPES.eip, "ip", { domain: "vpc", instance: id("vm") })]),
    row("autoscaling.Group.vpcZoneIdentifiers and launchTemplate.id, ec2.LaunchTemplate.networkInterfaces[].securityGroups", [table([toInternet]), association,
        r(TYPES.launchTemplate, "lt", { imageId: "ami-1", networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "true", securityGroups: [id("web")] }] }),
        r(TYPES.autoscalingGroup, "asg", { maxSize: 2, minSize: 1, vpcZoneIdentifiers: [id("a")], launchTemplate: { id: id("lt") } })],
    reachableOn("aws.ec2.LaunchTemplate", TYPES.launchTemplate, "lt")),
    row("ecs.Service.networkConfiguration.subnets and securityGroups", [table([toInternet]), association,
        r(TYPES.ecsService, "api", { networkConfiguration: { subnets: [id("a")], securityGroups: [id("web")], assignPublicIp: true } })],
    reachableOn("aws.ecs.Service", TYPES.ecsService, "api")),
    row("ec2.Eip.networkInterface, ec2.NetworkInterface.subnetId and securityGroups", [table([toInternet]), association,
        r(TYPES.eni, "nic", { subnetId: id("a"), securityGroups: [id("web")] }), r(TYPES.eip, "ip", { domain: "vpc", networkInterface: id("nic") })],
    reachableOn("aws.ec2.NetworkInterface", TYPES.eni, "nic")),
    {
        ...row("rds.Instance.dbSubnetGroupName and vpcSecurityGroupIds, rds.SubnetGroup.subnetIds", [table([toInternet]), association,
        r(TYPES.rdsSubnetGroup, "dbs", { subnetIds: [id("a")] }),
        r(TYPES.rdsInstance, "db", { engine: "postgres", instanceClass: "db.t3.micro", dbSubnetGroupName: id("dbs", "name"), vpcSecurityGroupIds: [id("web")], publiclyAccessible: true })],
    reachableOn("aws.rds.Instance", TYPES.rdsInstance, "db")),
        decoys: { ...decoys, dbs: r(TYPES.rdsSubnetGroup, "dbs-decoy", { subnetIds: [id("a-decoy")] }) },
    },
    row("lb.LoadBalancer.subnets, lb.Listener.loadBalancerArn and defaultActions, lb.TargetGroupAttachment (an internet-facing NLB forwarding SSH)", [
        table([toInternet]), association, vm({}),
        r(TYPES.lb, "nlb", { loadBalancerType: "network", subnets: [id("a")] }), r(TYPES.targetGroup, "ssh-tg", { port: 22, protocol: "TCP", vpcId: "vpc-main" }),
        r(TYPES.listener, "ssh", { loadBalancerArn: id("nlb", "arn"), port: 22, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: id("ssh-tg", "arn") }] }),
        r(TYPES.targetGroupAttachment, "to-vm", { targetGroupArn: id("ssh-tg", "arn"), targetId: id("vm") })],
    ["mandatory", "aws.ec2.Instance 'vm' is reachable from the internet through aws.lb.LoadBalancer 'nlb' over IPv4 on SSH (TCP port 22)", on(TYPES.instance, "vm")]),
    // Which Elastic IP it allocates does not decide whether the instance gets a public address.
    row("ec2.EipAssociation.instanceId", [table([toInternet]), association, vm({}), r(TYPES.eipAssociation, "ip-vm", { instanceId: id("vm"), allocationId: "eipalloc-1" })]),
];

describeLinks(rows);

// An association to the VPC's main table changes nothing a decoy subnet could show, so this link is checked here in both modes.
describe("graph/links: ec2.RouteTableAssociation.routeTableId = vpc.mainRouteTableId", () => {
    const stack = (mode: "update" | "preview"): TestResource[] => {
        const known = mode === "update";
        const ref = (value: string) => (known ? value : UNKNOWN);
        const on = (deps: Record<string, string[]>) => (known ? {} : deps);
        return [
            { type: TYPES.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16", id: ref("vpc-1"), mainRouteTableId: ref("rtb-main") } },
            { type: TYPES.internetGateway, name: "igw", props: { vpcId: "vpc-main", id: ref("igw-1") } },
            { type: TYPES.subnet, name: "a", props: { vpcId: ref("vpc-1"), cidrBlock: "10.0.1.0/24", id: ref("subnet-a") }, propertyDependencies: on({ vpcId: ["main"] }) },
            { type: TYPES.sg, name: "web", props: { vpcId: "vpc-main", description: "web", id: ref("sg-web"), ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] } },
            { type: TYPES.route, name: "default-route", props: { routeTableId: ref("rtb-main"), destinationCidrBlock: "0.0.0.0/0", gatewayId: ref("igw-1") },
                propertyDependencies: on({ routeTableId: ["main"], gatewayId: ["igw"] }) },
            { type: TYPES.routeTableAssociation, name: "rt-a", props: { subnetId: ref("subnet-a"), routeTableId: ref("rtb-main") },
                propertyDependencies: on({ subnetId: ["a"], routeTableId: ["main"] }) },
            { type: TYPES.instance, name: "vm", props: { ami: "ami-1", instanceType: "t3.micro", subnetId: ref("subnet-a"), vpcSecurityGroupIds: [ref("sg-web")], associatePublicIpAddress: true },
                propertyDependencies: on({ subnetId: ["a"], vpcSecurityGroupIds: ["web"] }) },
        ];
    };

    it("the same finding by known ID (update) as by dependency (first preview): the route added to the main table reaches the internet", () => {
        assert.deepStrictEqual([findings(stack("update")), findings(stack("preview"))], [[reachable], [reachable]]);
    });
});
