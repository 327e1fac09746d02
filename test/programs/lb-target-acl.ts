// An internet-facing NLB forwarding SSH, without preserving the client's address, to a host in a private
// subnet whose network ACL decides whether the load balancer's nodes get in, written with real @pulumi/aws classes: the ACL admits
// SSH from the whole VPC (the NLB's subnet among it), or from the host's own subnet only.
import * as aws from "@pulumi/aws";
import { publicPrivateNetwork } from "./public-private-network";

export function lbTargetAcl(sshFrom: "vpc" | "own-subnet"): void {
    const { vpc, publicA, privateA } = publicPrivateNetwork();
    new aws.ec2.NetworkAcl("private", {
        vpcId: vpc.id, subnetIds: [privateA.id],
        ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: sshFrom === "vpc" ? "10.0.0.0/16" : "10.0.1.0/24" }],
        egress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "10.0.0.0/16" }],
    });
    const ops = new aws.ec2.SecurityGroup("ops", { vpcId: vpc.id, description: "ops" });
    new aws.vpc.SecurityGroupIngressRule("ops-ssh-from-vpc", { securityGroupId: ops.id, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/16" });
    const host = new aws.ec2.Instance("ops", { ami: "ami-1", instanceType: "t3.micro", subnetId: privateA.id, vpcSecurityGroupIds: [ops.id] });
    const nlb = new aws.lb.LoadBalancer("nlb", { loadBalancerType: "network", subnets: [publicA.id] });
    const targets = new aws.lb.TargetGroup("ssh", { port: 22, protocol: "TCP", vpcId: vpc.id, preserveClientIp: "false" });
    new aws.lb.Listener("ssh", { loadBalancerArn: nlb.arn, port: 22, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: targets.arn }] });
    new aws.lb.TargetGroupAttachment("ops", { targetGroupArn: targets.arn, targetId: host.id, port: 22 });
}
