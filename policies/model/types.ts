/**
 * Resource types the pack reads, taken from the @pulumi/aws resource classes themselves so that a
 * renamed or moved type fails to compile instead of silently matching nothing.
 */
import { DefaultNetworkAcl } from "@pulumi/aws/ec2/defaultNetworkAcl";
import { DefaultSecurityGroup } from "@pulumi/aws/ec2/defaultSecurityGroup";
import { NetworkAcl } from "@pulumi/aws/ec2/networkAcl";
import { ManagedPrefixList } from "@pulumi/aws/ec2/managedPrefixList";
import { NetworkAclRule } from "@pulumi/aws/ec2/networkAclRule";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { SecurityGroupRule } from "@pulumi/aws/ec2/securityGroupRule";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";

export function typeToken(resourceClass: object): string {
    const token = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
    if (typeof token !== "string") {
        throw new Error("resource class without a Pulumi type token");
    }
    return token;
}

export const TYPE = {
    securityGroup: typeToken(SecurityGroup),
    defaultSecurityGroup: typeToken(DefaultSecurityGroup),
    securityGroupRule: typeToken(SecurityGroupRule),
    vpcIngressRule: typeToken(SecurityGroupIngressRule),
    vpcEgressRule: typeToken(SecurityGroupEgressRule),
    networkAcl: typeToken(NetworkAcl),
    defaultNetworkAcl: typeToken(DefaultNetworkAcl),
    networkAclRule: typeToken(NetworkAclRule),
    managedPrefixList: typeToken(ManagedPrefixList),
    vpc: typeToken(Vpc),
} as const;

/** Every resource type that carries security-group rules. */
export const SG_RULE_TYPES: readonly string[] = [
    TYPE.securityGroup,
    TYPE.defaultSecurityGroup,
    TYPE.securityGroupRule,
    TYPE.vpcIngressRule,
    TYPE.vpcEgressRule,
];
