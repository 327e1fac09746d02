// A rule resource whose group is chosen from two groups (`pulumi.all([db.id, cache.id]).apply(...)`):
// at a first preview its securityGroupId is not known and depends on both groups, one of them the
// database's; on an update it is the database group's known ID.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export function pendingRule(): void {
    const db = new aws.ec2.SecurityGroup("db", { vpcId: "vpc-1", description: "PostgreSQL" });
    const cache = new aws.ec2.SecurityGroup("cache", { vpcId: "vpc-1", description: "Redis" });
    new aws.rds.Instance("pg", {
        engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20, username: "app", manageMasterUserPassword: true,
        vpcSecurityGroupIds: [db.id],
    });
    new aws.elasticache.ReplicationGroup("redis", { description: "sessions", nodeType: "cache.t3.micro", securityGroupIds: [cache.id] });
    new aws.vpc.SecurityGroupIngressRule("office", {
        securityGroupId: pulumi.all([db.id, cache.id]).apply(([d]) => d), ipProtocol: "tcp", fromPort: 5432, toPort: 5432,
        cidrIpv4: "10.20.0.0/16", description: "office VPN",
    });
}

/**
 * An instance's group 'web' with 60 inline inbound IPv4 rules (one rule with 60 CIDRs), and SSH from
 * anywhere in a rule resource whose group is chosen from 'web' and 'admin'.
 */
export function pendingWorldRule(): void {
    const cidrBlocks = Array.from({ length: 60 }, (_, i) => `10.${i}.0.0/16`);
    const web = new aws.ec2.SecurityGroup("web", {
        vpcId: "vpc-1", description: "Web tier", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks, description: "offices" }],
    });
    const admin = new aws.ec2.SecurityGroup("admin", { vpcId: "vpc-1", description: "Admin hosts" });
    new aws.ec2.Instance("vm", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", vpcSecurityGroupIds: [web.id, admin.id] });
    new aws.vpc.SecurityGroupIngressRule("ssh", {
        securityGroupId: pulumi.all([web.id, admin.id]).apply(([w]) => w), ipProtocol: "tcp", fromPort: 22, toPort: 22,
        cidrIpv4: "0.0.0.0/0", description: "ssh",
    });
}
