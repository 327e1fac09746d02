// A VPC with a public and a private tier, written with real @pulumi/aws classes, for the exposure
// policies: a bastion that gets its public address from its subnet, an ECS service with a public IP,
// a publicly accessible database, a web tier behind an ALB, an ops host behind an NLB that forwards
// SSH without preserving the client's address (so the host's rule for the VPC admits it), and an Elastic IP on a host whose subnet routes out through NAT only.
import * as aws from "@pulumi/aws";

export function internetPaths(): void {
    const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
    const internet = new aws.ec2.InternetGateway("main", { vpcId: vpc.id });
    const publicA = new aws.ec2.Subnet("public-a", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: true });
    const appA = new aws.ec2.Subnet("app-a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    const publicRoutes = new aws.ec2.RouteTable("public", { vpcId: vpc.id });
    new aws.ec2.Route("public-default", { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: internet.id });
    new aws.ec2.RouteTableAssociation("public-a", { subnetId: publicA.id, routeTableId: publicRoutes.id });
    const natIp = new aws.ec2.Eip("nat", { domain: "vpc" });
    const nat = new aws.ec2.NatGateway("main", { subnetId: publicA.id, allocationId: natIp.id });
    const appRoutes = new aws.ec2.RouteTable("app", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] });
    new aws.ec2.RouteTableAssociation("app-a", { subnetId: appA.id, routeTableId: appRoutes.id });

    const group = (name: string) => new aws.ec2.SecurityGroup(name, { vpcId: vpc.id, description: name });
    const fromWorld = (name: string, sg: aws.ec2.SecurityGroup, port: number) =>
        new aws.vpc.SecurityGroupIngressRule(name, { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: "0.0.0.0/0" });

    const bastion = group("bastion");
    fromWorld("bastion-ssh", bastion, 22);
    new aws.ec2.Instance("bastion", { ami: "ami-1", instanceType: "t3.micro", subnetId: publicA.id, vpcSecurityGroupIds: [bastion.id] });

    const api = group("api");
    fromWorld("api-https", api, 8443);
    new aws.ecs.Service("api", { taskDefinition: "api:1", networkConfiguration: { subnets: [publicA.id], securityGroups: [api.id], assignPublicIp: true } });

    const reports = group("reports");
    fromWorld("reports-postgres", reports, 5432);
    const dbSubnets = new aws.rds.SubnetGroup("reports", { name: "reports", subnetIds: [publicA.id] });
    new aws.rds.Instance("reports", { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20, dbSubnetGroupName: dbSubnets.name,
        vpcSecurityGroupIds: [reports.id], publiclyAccessible: true, username: "app", manageMasterUserPassword: true });

    const albGroup = group("alb");
    fromWorld("alb-https", albGroup, 443);
    const web = group("web");
    new aws.vpc.SecurityGroupIngressRule("web-from-alb", { securityGroupId: web.id, ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: albGroup.id });
    const webHost = new aws.ec2.Instance("web", { ami: "ami-1", instanceType: "t3.micro", subnetId: appA.id, vpcSecurityGroupIds: [web.id] });
    const alb = new aws.lb.LoadBalancer("alb", { loadBalancerType: "application", securityGroups: [albGroup.id], subnets: [publicA.id] });
    const webTargets = new aws.lb.TargetGroup("web", { port: 8080, protocol: "HTTP", vpcId: vpc.id });
    new aws.lb.Listener("https", { loadBalancerArn: alb.arn, port: 443, protocol: "HTTPS", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/example",
        defaultActions: [{ type: "forward", targetGroupArn: webTargets.arn }] });
    new aws.lb.TargetGroupAttachment("web", { targetGroupArn: webTargets.arn, targetId: webHost.id, port: 8080 });

    const ops = group("ops");
    new aws.vpc.SecurityGroupIngressRule("ops-ssh-from-vpc", { securityGroupId: ops.id, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/16" });
    const opsHost = new aws.ec2.Instance("ops", { ami: "ami-1", instanceType: "t3.micro", subnetId: appA.id, vpcSecurityGroupIds: [ops.id] });
    const nlb = new aws.lb.LoadBalancer("nlb", { loadBalancerType: "network", subnets: [publicA.id] });
    const sshTargets = new aws.lb.TargetGroup("ssh", { port: 22, protocol: "TCP", vpcId: vpc.id, preserveClientIp: "false" });
    new aws.lb.Listener("ssh", { loadBalancerArn: nlb.arn, port: 22, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: sshTargets.arn }] });
    new aws.lb.TargetGroupAttachment("ops", { targetGroupArn: sshTargets.arn, targetId: opsHost.id });

    const legacy = group("legacy");
    fromWorld("legacy-http", legacy, 80);
    const legacyHost = new aws.ec2.Instance("legacy", { ami: "ami-1", instanceType: "t3.micro", subnetId: appA.id, vpcSecurityGroupIds: [legacy.id] });
    new aws.ec2.Eip("legacy", { domain: "vpc", instance: legacyHost.id });
}
