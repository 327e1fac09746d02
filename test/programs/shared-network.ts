// A network with the three shapes that used to slip past the stack policies, written with real
// @pulumi/aws classes: a database that declares no security group (publicly accessible), a network
// interface whose groups come only from attachments, and a security group that the stack exports for
// another stack to attach (by ID, or as the whole resource).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface SharedNetworkOptions {
    /** Declare the VPC's default security group, with one rule from the VPC's range on PostgreSQL. */
    readonly defaultGroup?: boolean;
    /** Export the shared group's ID ("id"), or the whole resource ("resource"). */
    readonly exportAs?: "id" | "resource";
}

export function sharedNetwork(opts: SharedNetworkOptions = {}): Record<string, pulumi.Output<unknown>> {
    const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
    const logs = new aws.cloudwatch.LogGroup("flow-logs", { retentionInDays: 90 });
    new aws.ec2.FlowLog("main", { vpcId: vpc.id, trafficType: "ALL", logDestination: logs.arn, iamRoleArn: "arn:aws:iam::123456789012:role/flow-logs" });
    if (opts.defaultGroup) {
        new aws.ec2.DefaultSecurityGroup("default", { vpcId: vpc.id, ingress: [
            { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"], description: "left from the migration" }] });
    }
    const dbA = new aws.ec2.Subnet("db-a", { vpcId: vpc.id, cidrBlock: "10.0.2.0/24" });
    const dbB = new aws.ec2.Subnet("db-b", { vpcId: vpc.id, cidrBlock: "10.0.3.0/24" });
    const subnets = new aws.rds.SubnetGroup("reports", { name: "reports-subnets", subnetIds: [dbA.id, dbB.id] });
    // No vpcSecurityGroupIds: AWS attaches the VPC's default security group.
    new aws.rds.Instance("reports", {
        engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20, dbSubnetGroupName: subnets.name,
        publiclyAccessible: true, username: "app", manageMasterUserPassword: true,
    });

    // No securityGroups: the interface has the VPC's default group, and five more by attachment.
    const sidecar = new aws.ec2.NetworkInterface("sidecar", { subnetId: dbA.id, description: "monitoring sidecar" });
    for (const name of ["ssm", "monitoring", "backup", "audit", "debug"]) {
        const group = new aws.ec2.SecurityGroup(name, { vpcId: vpc.id, description: `Sidecar: ${name}` });
        new aws.ec2.NetworkInterfaceSecurityGroupAttachment(name, { networkInterfaceId: sidecar.id, securityGroupId: group.id });
    }

    // Attached by the application stack, through a StackReference to this one.
    const shared = new aws.ec2.SecurityGroup("shared", { vpcId: vpc.id, description: "Application servers" });
    if (opts.exportAs === "resource") {
        return { sharedSg: pulumi.output(shared) };
    }
    return opts.exportAs === "id" ? { sharedSgId: shared.id } : {};
}
