/**
 * Builders for exposure tests: the resources of a small VPC as a first preview sends them (every
 * ID not known yet, links by property dependencies), written out by hand so that each test says
 * exactly what the network is.
 */
import { UNKNOWN } from "../util/run-policy";
import { TestResource } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

export const U = UNKNOWN;
type Props = Record<string, unknown>;

const on = (deps: Record<string, string[]>) => ({ propertyDependencies: deps });

export const vpc = (name = "main", props: Props = {}): TestResource => ({ type: TYPE.vpc, name, props: { cidrBlock: "10.0.0.0/16", ...props } });
export const igw = (name = "igw"): TestResource => ({ type: TYPE.internetGateway, name, props: { vpcId: U }, ...on({ vpcId: ["main"] }) });
export const eigw = (name = "eigw"): TestResource => ({ type: TYPE.egressOnlyGateway, name, props: { vpcId: U }, ...on({ vpcId: ["main"] }) });
export const nat = (name = "nat"): TestResource => ({ type: TYPE.natGateway, name, props: { subnetId: U }, ...on({ subnetId: ["public-a"] }) });

export const subnet = (name: string, cidrBlock: string, props: Props = {}): TestResource =>
    ({ type: TYPE.subnet, name, props: { vpcId: U, cidrBlock, ...props }, ...on({ vpcId: ["main"] }) });

/** A route table with inline routes; `via` names the gateways the routes' unknown IDs come from. */
export const routeTable = (name: string, routes: Props[], via: string[]): TestResource =>
    ({ type: TYPE.routeTable, name, props: { vpcId: U, routes }, ...on({ vpcId: ["main"], routes: via }) });

export const association = (name: string, subnetName: string, table: string): TestResource =>
    ({ type: TYPE.routeTableAssociation, name, props: { subnetId: U, routeTableId: U }, ...on({ subnetId: [subnetName], routeTableId: [table] }) });

export const mainAssociation = (name: string, table: string): TestResource =>
    ({ type: TYPE.mainRouteTableAssociation, name, props: { vpcId: U, routeTableId: U }, ...on({ vpcId: ["main"], routeTableId: [table] }) });

/** The public route table: 0.0.0.0/0 to the internet gateway. */
export const publicTable = (name = "public"): TestResource => routeTable(name, [{ cidrBlock: "0.0.0.0/0", gatewayId: U }], ["igw"]);

/** A security group with inline ingress rules. */
export const group = (name: string, ingress: Props[], vpcId: string = U): TestResource =>
    ({ type: TYPE.sg, name, props: { vpcId, description: name, ingress }, ...(vpcId === U ? on({ vpcId: ["main"] }) : {}) });
export const tcpFromWorld = (port: number): Props => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] });

export const dbSubnets = (name: string, subnets: string[]): TestResource =>
    ({ type: TYPE.rdsSubnetGroup, name, props: { name, subnetIds: subnets.map(() => U) }, ...on({ subnetIds: subnets }) });

export const rds = (name: string, subnetGroup: string, sg: string, props: Props = {}): TestResource => ({
    type: TYPE.rdsInstance, name,
    props: { engine: "postgres", dbSubnetGroupName: subnetGroup, vpcSecurityGroupIds: [U], ...props },
    ...on({ dbSubnetGroupName: [subnetGroup], vpcSecurityGroupIds: [sg] }),
});

export const instance = (name: string, subnetName: string, sg: string, props: Props = {}): TestResource => ({
    type: TYPE.instance, name, props: { ami: "ami-1", instanceType: "t3.micro", subnetId: U, vpcSecurityGroupIds: [U], ...props },
    ...on({ subnetId: [subnetName], vpcSecurityGroupIds: [sg] }),
});

/** A network ACL of the VPC on one subnet, with inline entries. */
export const acl = (name: string, subnetName: string, ingress: Props[], egress: Props[]): TestResource =>
    ({ type: TYPE.nacl, name, props: { vpcId: U, subnetIds: [U], ingress, egress }, ...on({ vpcId: ["main"], subnetIds: [subnetName] }) });

export const entry = (ruleNo: number, action: string, protocol: string, from: number, to: number, cidrBlock: string): Props =>
    ({ ruleNo, action, protocol, fromPort: from, toPort: to, cidrBlock });

/** A VPC with an internet gateway, subnet 'public-a' on the public route table, and 'private-a' on the VPC's main table. */
export const network = (): TestResource[] => [
    vpc(), igw(), subnet("public-a", "10.0.0.0/24"), subnet("private-a", "10.0.1.0/24"), publicTable(), association("public-a-routes", "public-a", "public"),
];

/** "aws.ec2.Subnet 'public-a' uses aws.ec2.RouteTable 'public' (...)": the route clause of the public subnet. */
export const PUBLIC_ROUTE = "route: aws.ec2.Subnet 'public-a' uses aws.ec2.RouteTable 'public' (through aws.ec2.RouteTableAssociation 'public-a-routes'), " +
    "and its routes[0] sends 0.0.0.0/0 to aws.ec2.InternetGateway 'igw'";
export const DEFAULT_ACL = "network ACL: the default network ACL of aws.ec2.Vpc 'main' (AWS's, not declared in this stack): inbound rule 100 lets all traffic in, and outbound rule 100 lets all traffic out, the replies among it";

/** A load balancer in subnets, with groups (none: the property is not set). */
export const loadBalancer = (name: string, subnets: string[], groups: string[], props: Props = {}): TestResource => ({
    type: TYPE.lb, name, props: { subnets: subnets.map(() => U), ...(groups.length > 0 ? { securityGroups: groups.map(() => U) } : {}), ...props },
    ...on({ subnets, ...(groups.length > 0 ? { securityGroups: groups } : {}) }),
});
export const targetGroup = (name: string, port: number, protocol = "HTTP", props: Props = {}): TestResource =>
    ({ type: TYPE.targetGroup, name, props: { port, protocol, vpcId: U, ...props }, ...on({ vpcId: ["main"] }) });
export const listener = (name: string, lb: string, port: number, protocol: string, tg: string): TestResource => ({
    type: TYPE.listener, name, props: { loadBalancerArn: U, port, protocol, defaultActions: [{ type: "forward", targetGroupArn: U }] },
    ...on({ loadBalancerArn: [lb], defaultActions: [tg] }),
});
export const attachment = (name: string, tg: string, target: string, port?: number): TestResource => ({
    type: TYPE.targetGroupAttachment, name, props: { targetGroupArn: U, targetId: U, ...(port === undefined ? {} : { port }) },
    ...on({ targetGroupArn: [tg], targetId: [target] }),
});
/** An ingress rule from a group, by reference. */
export const fromGroup = (port: number): Props => ({ protocol: "tcp", fromPort: port, toPort: port, securityGroups: [U] });
