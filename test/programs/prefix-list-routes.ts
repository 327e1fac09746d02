// A publicly accessible database in a subnet whose route table sends a managed prefix list to the
// internet gateway, written with real @pulumi/aws classes: a list of the stack holding both halves of
// the IPv4 internet, a list of the stack holding one partner's block, or a list from outside the
// stack (by its ID).
import * as aws from "@pulumi/aws";

export type ListKind = "halves" | "partner" | "outside";

export function prefixListRoutes(kind: ListKind): void {
    const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
    const internet = new aws.ec2.InternetGateway("main", { vpcId: vpc.id });
    const publicA = new aws.ec2.Subnet("public-a", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", availabilityZone: "us-east-1a" });
    const publicB = new aws.ec2.Subnet("public-b", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1b" });
    const list = kind === "outside" ? undefined : new aws.ec2.ManagedPrefixList("destinations", { name: "destinations", addressFamily: "IPv4", maxEntries: 2,
        entries: (kind === "halves" ? ["0.0.0.0/1", "128.0.0.0/1"] : ["203.0.113.0/24"]).map((cidr) => ({ cidr })) });
    const routes = new aws.ec2.RouteTable("public", { vpcId: vpc.id, routes: [{ destinationPrefixListId: list?.id ?? "pl-0123456789abcdef0", gatewayId: internet.id }] });
    new aws.ec2.RouteTableAssociation("public-a", { subnetId: publicA.id, routeTableId: routes.id });
    new aws.ec2.RouteTableAssociation("public-b", { subnetId: publicB.id, routeTableId: routes.id });
    const db = new aws.ec2.SecurityGroup("db", { vpcId: vpc.id, description: "db", ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }] });
    const subnets = new aws.rds.SubnetGroup("db", { name: "db", subnetIds: [publicA.id, publicB.id] });
    new aws.rds.Instance("db", { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20, dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [db.id], publiclyAccessible: true, username: "app", manageMasterUserPassword: true });
}
