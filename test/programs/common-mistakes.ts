// A program that writes every security-group rule shape with real @pulumi/aws classes, and makes one
// recognisable mistake (or none) in each resource. IDs and computed CIDRs stay unknown in preview.
import * as aws from "@pulumi/aws";

export function commonMistakes(): void {
    const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
    // A CIDR that is only known after the VPC exists: unknown at preview.
    const computedCidr = vpc.id.apply(() => "10.0.5.0/24");

    const web = new aws.ec2.SecurityGroup("web", {
        description: "Web tier behind nothing",
        vpcId: vpc.id,
        ingress: [
            { description: "HTTPS", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
            { description: "SSH, split to dodge naive checks", protocol: "6", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] },
            { description: "admin from somewhere", protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: [computedCidr] },
        ],
    });
    const app = new aws.ec2.SecurityGroup("app", { description: "App tier", vpcId: vpc.id });
    const db = new aws.ec2.SecurityGroup("db", { vpcId: vpc.id });

    new aws.ec2.SecurityGroupRule("db-from-subnet", {
        type: "ingress", securityGroupId: db.id, protocol: "tcp", fromPort: 5432, toPort: 5432,
        cidrBlocks: ["10.0.1.0/24"], description: "Postgres from the app subnet",
    });
    new aws.vpc.SecurityGroupIngressRule("db-from-app", {
        securityGroupId: db.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432,
        referencedSecurityGroupId: app.id, description: "Postgres from the app tier",
    });
    new aws.vpc.SecurityGroupIngressRule("web-all-v6", {
        securityGroupId: web.id, ipProtocol: "-1", cidrIpv6: "::/0", description: "everything over IPv6",
    });
    new aws.vpc.SecurityGroupEgressRule("app-out", {
        securityGroupId: app.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "anything anywhere",
    });
    new aws.ec2.DefaultSecurityGroup("default", {
        vpcId: vpc.id,
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }],
    });
}
