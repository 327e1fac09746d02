// The network the load-balancer programs share, with real @pulumi/aws classes: a VPC, its internet
// gateway, a public subnet routed to it, and a private subnet on the VPC's main route table.
import * as aws from "@pulumi/aws";

export function publicPrivateNetwork(): { vpc: aws.ec2.Vpc; publicA: aws.ec2.Subnet; privateA: aws.ec2.Subnet } {
    const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
    const internet = new aws.ec2.InternetGateway("main", { vpcId: vpc.id });
    const publicA = new aws.ec2.Subnet("public-a", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
    const privateA = new aws.ec2.Subnet("private-a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    const routes = new aws.ec2.RouteTable("public", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: internet.id }] });
    new aws.ec2.RouteTableAssociation("public-a", { subnetId: publicA.id, routeTableId: routes.id });
    return { vpc, publicA, privateA };
}
