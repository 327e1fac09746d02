// An internet-facing NLB forwarding SSH to a host in a private subnet, with the target group's
// defaults (instance targets: the client's address is preserved), written with real @pulumi/aws
// classes. The host's group admits SSH from the VPC only, from the whole internet, or from the NLB's
// own security group (the NLB then has one).
import * as aws from "@pulumi/aws";
import { publicPrivateNetwork } from "./public-private-network";

export type SshFrom = "vpc" | "world" | "nlb-group";

export function nlbClientIp(from: SshFrom): void {
    const { vpc, publicA, privateA } = publicPrivateNetwork();
    const nlbGroup = from === "nlb-group" ? new aws.ec2.SecurityGroup("nlb", { vpcId: vpc.id, description: "nlb",
        ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] }) : undefined;
    const ops = new aws.ec2.SecurityGroup("ops", { vpcId: vpc.id, description: "ops" });
    new aws.vpc.SecurityGroupIngressRule("ops-ssh", { securityGroupId: ops.id, ipProtocol: "tcp", fromPort: 22, toPort: 22,
        ...(nlbGroup ? { referencedSecurityGroupId: nlbGroup.id } : { cidrIpv4: from === "world" ? "0.0.0.0/0" : "10.0.0.0/16" }) });
    const host = new aws.ec2.Instance("ops", { ami: "ami-1", instanceType: "t3.micro", subnetId: privateA.id, vpcSecurityGroupIds: [ops.id] });
    const nlb = new aws.lb.LoadBalancer("nlb", { loadBalancerType: "network", subnets: [publicA.id], ...(nlbGroup ? { securityGroups: [nlbGroup.id] } : {}) });
    const targets = new aws.lb.TargetGroup("ssh", { port: 22, protocol: "TCP", vpcId: vpc.id });
    new aws.lb.Listener("ssh", { loadBalancerArn: nlb.arn, port: 22, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: targets.arn }] });
    new aws.lb.TargetGroupAttachment("ops", { targetGroupArn: targets.arn, targetId: host.id, port: 22 });
}
