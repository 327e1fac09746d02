// Internet paths whose links an update names by known IDs: a route added to the main table AWS
// made with the VPC (routeTableId: vpc.mainRouteTableId), and an internet-facing network load
// balancer whose listener names its target group by ARN. A first preview links both by dependency.
import * as aws from "@pulumi/aws";

/** The IDs and computed outputs an update knows. */
export const KNOWN_IDS: Readonly<Record<string, string>> = { main: "vpc-1", igw: "igw-1", public: "subnet-1", web: "sg-web", ssh: "sg-ssh" };
export const KNOWN_OUTPUTS: Readonly<Record<string, Record<string, string>>> = {
    main: { mainRouteTableId: "rtb-main", defaultRouteTableId: "rtb-main" },
    nlb: { arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/nlb/1" },
    "ssh-targets": { arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/ssh/1" },
};

function network(): { vpc: aws.ec2.Vpc; subnet: aws.ec2.Subnet } {
    const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
    const igw = new aws.ec2.InternetGateway("igw", { vpcId: vpc.id });
    new aws.ec2.Route("default-route", { routeTableId: vpc.mainRouteTableId, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
    const subnet = new aws.ec2.Subnet("public", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
    return { vpc, subnet };
}

/** An instance with a public address, SSH open to the world, in a subnet on the VPC's main table, which routes to the internet gateway. */
export function mainTableRoute(): void {
    const { vpc, subnet } = network();
    const web = new aws.ec2.SecurityGroup("web", {
        vpcId: vpc.id, description: "Web", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "ssh" }],
    });
    new aws.ec2.Instance("vm", { ami: "ami-1", instanceType: "t3.micro", subnetId: subnet.id, vpcSecurityGroupIds: [web.id], associatePublicIpAddress: true });
}

/** An instance without a public address, its group open on SSH to the world, behind an internet-facing NLB that forwards SSH. */
export function nlbForwardingSsh(): void {
    const { vpc, subnet } = network();
    const ssh = new aws.ec2.SecurityGroup("ssh", {
        vpcId: vpc.id, description: "SSH", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "ssh" }],
    });
    const ops = new aws.ec2.Instance("ops", { ami: "ami-1", instanceType: "t3.micro", subnetId: subnet.id, vpcSecurityGroupIds: [ssh.id] });
    const nlb = new aws.lb.LoadBalancer("nlb", { loadBalancerType: "network", subnets: [subnet.id] });
    const targets = new aws.lb.TargetGroup("ssh-targets", { port: 22, protocol: "TCP", vpcId: vpc.id });
    new aws.lb.Listener("ssh-listener", { loadBalancerArn: nlb.arn, port: 22, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: targets.arn }] });
    new aws.lb.TargetGroupAttachment("ops", { targetGroupArn: targets.arn, targetId: ops.id, port: 22 });
}
