// A small program with one resource of each shape the SG policies read: a security group with
// inline rules, a legacy SecurityGroupRule, a vpc.SecurityGroupIngressRule, and an instance that
// references the group.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export function webTier(): { sgId: pulumi.Output<string> } {
    const sg = new aws.ec2.SecurityGroup("web", {
        description: "Web tier",
        vpcId: "vpc-123",
        ingress: [{ description: "HTTPS", fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }],
        egress: [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
        tags: { team: pulumi.secret("edge") },
    });
    new aws.ec2.SecurityGroupRule("ssh", {
        type: "ingress",
        securityGroupId: sg.id,
        fromPort: 22,
        toPort: 22,
        protocol: "tcp",
        cidrBlocks: ["10.0.0.0/8"],
    });
    new aws.vpc.SecurityGroupIngressRule("https-v6", {
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv6: "::/0",
    });
    new aws.ec2.Instance("app", {
        ami: "ami-123",
        instanceType: "t3.micro",
        vpcSecurityGroupIds: [sg.id],
    });
    return { sgId: sg.id };
}
