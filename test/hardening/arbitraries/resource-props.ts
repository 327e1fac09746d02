/**
 * fast-check arbitraries for the props of every resource shape the pack reads: realistic values in
 * each field, any of which `field` may replace by a hostile one.
 */
import fc from "fast-check";
import { TYPE } from "../../util/types";
import { Props, field, listField, shape, validCidr4, validCidr6 } from "./hostile-values";

/** A field that is a hostile object of this shape, or any hostile value. */
function objectField(s: fc.Arbitrary<Props>): fc.Arbitrary<unknown> {
    return field(s);
}

// ------------------------------------------------------------------------------------------------
// Good values
// ------------------------------------------------------------------------------------------------

const port = fc.oneof(fc.constantFrom(0, 22, 80, 443, 1024, 3306, 3389, 5432, 65535), fc.nat(65535));
const protocol = fc.constantFrom<unknown>("tcp", "udp", "-1", "all", "icmp", "icmpv6", "6", "17", "1", "58", "50", 6, -1, "TCP", " tcp ");
export const sgId = fc.constantFrom("sg-1", "sg-2", "sg-3", "sg-external");
const plId = fc.constantFrom("pl-1", "pl-2", "pl-external");
const vpcId = fc.constantFrom("vpc-1", "vpc-2");
const aclId = fc.constantFrom("acl-1", "acl-2", "acl-default");
const subnetId = fc.constantFrom("subnet-1", "subnet-2", "subnet-external");
const eniId = fc.constantFrom("eni-1", "eni-2");
const text = fc.oneof(fc.constantFrom("web", "Managed by Pulumi", "allow https", ""), fc.string({ maxLength: 12 }));
const bool = fc.boolean();
const tags = field(fc.dictionary(fc.oneof(fc.constant("guardrails-exempt:sg-no-admin-ports-from-world"), fc.string({ maxLength: 8 })), text, { maxKeys: 2 }));

// ------------------------------------------------------------------------------------------------
// Shapes
// ------------------------------------------------------------------------------------------------

/** The fields of a security-group rule, inline or standalone, that name its traffic and address peers. */
const sgRuleTraffic = {
    protocol: field(protocol),
    fromPort: field(port),
    toPort: field(port),
    cidrBlocks: listField(validCidr4),
    ipv6CidrBlocks: listField(validCidr6),
    prefixListIds: listField(plId),
};

export const sgInlineRule = shape({
    ...sgRuleTraffic,
    securityGroups: listField(sgId),
    self: field(bool),
    description: field(text),
});

export const securityGroupProps = shape({
    id: field(sgId),
    name: field(text),
    description: field(text),
    vpcId: field(vpcId),
    ingress: listField(sgInlineRule),
    egress: listField(sgInlineRule),
    tags,
    revokeRulesOnDelete: field(bool),
});

export const sgRuleProps = shape({
    type: field(fc.constantFrom("ingress", "egress")),
    ...sgRuleTraffic,
    sourceSecurityGroupId: field(sgId),
    self: field(bool),
    securityGroupId: field(sgId),
    description: field(text),
});

export const vpcRuleProps = shape({
    ipProtocol: field(protocol),
    fromPort: field(port),
    toPort: field(port),
    cidrIpv4: field(validCidr4),
    cidrIpv6: field(validCidr6),
    prefixListId: field(plId),
    referencedSecurityGroupId: field(sgId),
    securityGroupId: field(sgId),
    description: field(text),
    tags,
});

const ruleNumber = fc.oneof(fc.constantFrom(1, 100, 32766, 32767, 0), fc.integer({ min: 1, max: 200 }));
const icmp = fc.integer({ min: -1, max: 255 });

export const naclInlineEntry = shape({
    ruleNo: field(ruleNumber),
    action: field(fc.constantFrom("allow", "deny", "ALLOW")),
    protocol: field(protocol),
    fromPort: field(port),
    toPort: field(port),
    cidrBlock: field(fc.oneof(validCidr4, fc.constant(""))),
    ipv6CidrBlock: field(fc.oneof(validCidr6, fc.constant(""))),
    icmpType: field(icmp),
    icmpCode: field(icmp),
});

export const naclProps = shape({
    id: field(aclId),
    vpcId: field(vpcId),
    defaultNetworkAclId: field(aclId),
    subnetIds: listField(subnetId),
    ingress: listField(naclInlineEntry, 6),
    egress: listField(naclInlineEntry, 6),
    tags,
});

export const naclRuleProps = shape({
    networkAclId: field(aclId),
    ruleNumber: field(ruleNumber),
    egress: field(bool),
    protocol: field(protocol),
    ruleAction: field(fc.constantFrom("allow", "deny")),
    cidrBlock: field(validCidr4),
    ipv6CidrBlock: field(validCidr6),
    fromPort: field(port),
    toPort: field(port),
    icmpType: field(icmp),
    icmpCode: field(icmp),
});

const sgIds = listField(sgId, 6);

export const eniProps: Record<string, fc.Arbitrary<Props>> = {
    [TYPE.instance]: shape({ id: field(fc.constant("i-1")), vpcSecurityGroupIds: sgIds, securityGroups: sgIds, primaryNetworkInterfaceId: field(eniId), associatePublicIpAddress: field(bool) }),
    [TYPE.launchTemplate]: shape({
        vpcSecurityGroupIds: sgIds, securityGroupNames: sgIds,
        networkInterfaces: listField(shape({ securityGroups: sgIds, associatePublicIpAddress: field(bool), deviceIndex: field(port) }), 3),
    }),
    [TYPE.eni]: shape({ id: field(eniId), securityGroups: sgIds }),
    [TYPE.ecsService]: shape({ networkConfiguration: objectField(shape({ securityGroups: sgIds, assignPublicIp: field(bool) })) }),
    [TYPE.lambda]: shape({ vpcConfig: objectField(shape({ securityGroupIds: sgIds, subnetIds: listField(subnetId) })) }),
    [TYPE.lb]: shape({ securityGroups: sgIds, internal: field(bool), loadBalancerType: field(fc.constantFrom("application", "network")) }),
    [TYPE.elb]: shape({ securityGroups: sgIds, internal: field(bool) }),
    [TYPE.rdsInstance]: shape({ vpcSecurityGroupIds: sgIds, publiclyAccessible: field(bool), engine: field(fc.constantFrom("postgres", "mysql")), port: field(port) }),
    [TYPE.rdsCluster]: shape({ vpcSecurityGroupIds: sgIds, engine: field(fc.constantFrom("aurora-postgresql")), port: field(port) }),
    [TYPE.opensearch]: shape({ vpcOptions: objectField(shape({ securityGroupIds: sgIds })) }),
    [TYPE.msk]: shape({ brokerNodeGroupInfo: objectField(shape({ securityGroups: sgIds })) }),
};

export const otherProps: Record<string, fc.Arbitrary<Props>> = {
    [TYPE.prefixList]: shape({
        id: field(plId), maxEntries: field(fc.oneof(fc.nat(100), fc.constant(1000))), addressFamily: field(fc.constantFrom("IPv4", "IPv6")),
        entries: listField(shape({ cidr: field(validCidr4), description: field(text) })),
    }),
    [TYPE.vpc]: shape({ id: field(vpcId), cidrBlock: field(validCidr4), defaultSecurityGroupId: field(sgId), defaultNetworkAclId: field(aclId) }),
    [TYPE.flowLog]: shape({ vpcId: field(vpcId), trafficType: field(fc.constantFrom("ALL", "REJECT")) }),
    [TYPE.eniAttachment]: shape({ securityGroupId: field(sgId), networkInterfaceId: field(eniId) }),
    [TYPE.naclAssociation]: shape({ networkAclId: field(aclId), subnetId: field(subnetId) }),
    [TYPE.subnet]: shape({ id: field(subnetId), vpcId: field(vpcId), cidrBlock: field(validCidr4) }),
    [TYPE.other]: shape({ bucket: field(text) }),
};

/** Props generators by resource type: every type the pack reads, and one it does not. */
export const PROPS_BY_TYPE: Record<string, fc.Arbitrary<Props>> = {
    [TYPE.sg]: securityGroupProps,
    [TYPE.defaultSg]: securityGroupProps,
    [TYPE.sgRule]: sgRuleProps,
    [TYPE.vpcIngress]: vpcRuleProps,
    [TYPE.vpcEgress]: vpcRuleProps,
    [TYPE.nacl]: naclProps,
    [TYPE.defaultNacl]: naclProps,
    [TYPE.naclRule]: naclRuleProps,
    ...eniProps,
    ...otherProps,
};
