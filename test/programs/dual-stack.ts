// A dual-stack VPC whose public subnets assign IPv6 addresses and route ::/0 to the internet
// gateway, written with real @pulumi/aws classes: an ECS service (awsvpc, no public IPv4 address)
// and a publicly accessible RDS instance with networkType DUAL, each with a group open to ::/0.
import * as aws from "@pulumi/aws";

export function dualStack(): void {
    const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16", assignGeneratedIpv6CidrBlock: true });
    const internet = new aws.ec2.InternetGateway("main", { vpcId: vpc.id });
    const subnet = (name: string, index: number, zone: string) => new aws.ec2.Subnet(name, { vpcId: vpc.id, cidrBlock: `10.0.${index}.0/24`,
        ipv6CidrBlock: vpc.ipv6CidrBlock.apply((block) => block.replace("::/56", `:${index}::/64`)), assignIpv6AddressOnCreation: true, availabilityZone: zone });
    const publicA = subnet("public-a", 0, "us-east-1a");
    const publicB = subnet("public-b", 1, "us-east-1b");
    const routes = new aws.ec2.RouteTable("public", { vpcId: vpc.id,
        routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: internet.id }, { ipv6CidrBlock: "::/0", gatewayId: internet.id }] });
    new aws.ec2.RouteTableAssociation("public-a", { subnetId: publicA.id, routeTableId: routes.id });
    new aws.ec2.RouteTableAssociation("public-b", { subnetId: publicB.id, routeTableId: routes.id });
    const fromV6 = (name: string, port: number) => new aws.ec2.SecurityGroup(name, { vpcId: vpc.id, description: name,
        ingress: [{ protocol: "tcp", fromPort: port, toPort: port, ipv6CidrBlocks: ["::/0"] }] });
    const api = fromV6("api", 443);
    new aws.ecs.Service("api", { taskDefinition: "api:1", launchType: "FARGATE", networkConfiguration: { subnets: [publicA.id], securityGroups: [api.id] } });
    const db = fromV6("db", 5432);
    const subnets = new aws.rds.SubnetGroup("db", { name: "db", subnetIds: [publicA.id, publicB.id] });
    new aws.rds.Instance("db", { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20, dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [db.id], publiclyAccessible: true, networkType: "DUAL", username: "app", manageMasterUserPassword: true });
}
