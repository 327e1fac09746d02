// Interface VPC endpoints and the groups on them: declared, added by ec2.SecurityGroupAssociation,
// or, for one that declares none, the VPC's default group (which an association with
// replaceDefaultAssociation replaces). A Gateway endpoint has no network interface.
import * as aws from "@pulumi/aws";

export function endpointGroups(): void {
    const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
    new aws.ec2.DefaultSecurityGroup("default", { vpcId: vpc.id });
    const subnet = new aws.ec2.Subnet("a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    const group = (name: string) => new aws.ec2.SecurityGroup(name, { vpcId: vpc.id, description: `Endpoint clients: ${name}` });
    const [ssm, logs, kms] = [group("ssm"), group("logs"), group("kms")];
    const endpoint = (name: string, securityGroupIds?: aws.ec2.SecurityGroup[]) => new aws.ec2.VpcEndpoint(name, {
        vpcId: vpc.id, serviceName: `com.amazonaws.eu-west-1.${name}`, vpcEndpointType: "Interface", subnetIds: [subnet.id],
        ...(securityGroupIds ? { securityGroupIds: securityGroupIds.map((g) => g.id) } : {}),
    });
    // Declares one group; an association adds a second.
    const declared = endpoint("ssm", [ssm]);
    new aws.ec2.SecurityGroupAssociation("ssm-logs", { vpcEndpointId: declared.id, securityGroupId: logs.id });
    // Declares none: the VPC's default group, and an association that adds one beside it.
    const implicit = endpoint("logs");
    new aws.ec2.SecurityGroupAssociation("logs-kms", { vpcEndpointId: implicit.id, securityGroupId: kms.id });
    // Declares none: an association that replaces the default group.
    const replaced = endpoint("kms");
    new aws.ec2.SecurityGroupAssociation("kms-kms", { vpcEndpointId: replaced.id, securityGroupId: kms.id, replaceDefaultAssociation: true });
    // A Gateway endpoint (the default type) puts no interface in the VPC.
    new aws.ec2.VpcEndpoint("s3", { vpcId: vpc.id, serviceName: "com.amazonaws.eu-west-1.s3" });
}
