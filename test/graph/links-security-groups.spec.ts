/**
 * Links by security-group ID: the group a standalone rule belongs to, the peers of rules, the groups
 * of network interfaces and databases, attachments, and the other forms (one ID, comma-separated
 * IDs, group ARNs). links-fixtures.ts checks each row in every mode.
 */
import { dbIngressOnlyViaSecurityGroups } from "../../policies/db/ingress-only-via-security-groups";
import { eniSecurityGroupLimit } from "../../policies/eni/security-group-limit";
import { sgRulesManagedOneWay } from "../../policies/sg/rules-managed-one-way";
import { sgUnused } from "../../policies/sg/unused";
import { TYPES } from "../util/stack-fixtures";
import { Head, Row, dbTrusts, describeLinks, id, max1, on, r, sg, tcp, tooMany, twoGroups } from "./links-fixtures";

const unused = (name: string): Head =>
    ["advisory", `aws.ec2.SecurityGroup '${name}' is not attached to any resource in the stack and no rule references it`, on(TYPES.sg, name)];
const oneWay = (dir: string, paths: string, rule: string): Head =>
    ["mandatory", `aws.ec2.SecurityGroup 'web' declares ${dir} rules inline (${paths}) and also has standalone ${dir} rules: ${rule}`, on(TYPES.sg, "web")];
const pgDb = sg("db", { ingress: [tcp(5432, { cidrBlocks: ["10.9.0.0/16"] })] });

const rows: Row[] = [
    // Security-group IDs: the group a standalone rule belongs to.
    ...([["ec2.SecurityGroupRule.securityGroupId", TYPES.sgRule, { type: "ingress", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.0.0.0/8"] }, "ingress"],
        ["vpc.SecurityGroupIngressRule.securityGroupId", TYPES.vpcIngress, { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.0.0.0/8" }, "ingress"],
        ["vpc.SecurityGroupEgressRule.securityGroupId", TYPES.vpcEgress, { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.0.0.0/8" }, "egress"],
    ] as const).map(([link, type, props, dir]): Row => ({
        link, policy: sgRulesManagedOneWay,
        stack: [sg("web", { [dir]: [tcp(443, { cidrBlocks: ["10.1.0.0/16"] })] }), r(type, "extra", { securityGroupId: id("web"), ...props })],
        expected: [oneWay(dir, `${dir}[0]`, `${type === TYPES.sgRule ? "aws.ec2.SecurityGroupRule" : `aws.vpc.${type.split(":")[2]}`} 'extra'`)],
    })),
    // Security-group IDs: peers of rules.
    ...([["ec2.SecurityGroupRule.sourceSecurityGroupId", r(TYPES.sgRule, "from-app", { type: "ingress", securityGroupId: id("db"), sourceSecurityGroupId: id("app"), protocol: "tcp", fromPort: 5432, toPort: 5432 })],
        ["vpc.SecurityGroupIngressRule.referencedSecurityGroupId", r(TYPES.vpcIngress, "from-app", { securityGroupId: id("db"), referencedSecurityGroupId: id("app"), ipProtocol: "tcp", fromPort: 5432, toPort: 5432 })],
        ["vpc.SecurityGroupEgressRule.referencedSecurityGroupId", r(TYPES.vpcEgress, "to-app", { securityGroupId: id("db"), referencedSecurityGroupId: id("app"), ipProtocol: "tcp", fromPort: 5432, toPort: 5432 })],
    ] as const).map(([link, rule]): Row => ({
        link, policy: sgUnused, stack: [sg("app"), sg("db"), rule], expected: [unused("db")],
        decoys: { db: "app" }, withDecoys: [unused("db"), unused("app-decoy")],
    })),
    ...(["ingress", "egress"] as const).map((dir): Row => ({
        link: `inline ${dir}[].securityGroups`, policy: sgUnused,
        stack: [sg("app"), sg("db", { [dir]: [tcp(5432, { securityGroups: [id("app")] })] })], expected: [unused("db")],
        withDecoys: [unused("db"), unused("app-decoy")],
    })),
    // Security-group IDs: the groups of network interfaces.
    ...([["ec2.Instance.vpcSecurityGroupIds", TYPES.instance, "aws.ec2.Instance", { vpcSecurityGroupIds: [id("a"), id("b")] }, "vpcSecurityGroupIds"],
        ["ec2.Instance.securityGroups (group names)", TYPES.instance, "aws.ec2.Instance", { securityGroups: [id("a", "name"), id("b", "name")] }, "securityGroups"],
        ["ec2.LaunchTemplate.vpcSecurityGroupIds", TYPES.launchTemplate, "aws.ec2.LaunchTemplate", { vpcSecurityGroupIds: [id("a"), id("b")] }, "vpcSecurityGroupIds"],
        ["ec2.LaunchTemplate.networkInterfaces[].securityGroups", TYPES.launchTemplate, "aws.ec2.LaunchTemplate", { networkInterfaces: [{ securityGroups: [id("a"), id("b")] }] }, "networkInterfaces[0].securityGroups"],
        ["ec2.NetworkInterface.securityGroups", TYPES.eni, "aws.ec2.NetworkInterface", { subnetId: "subnet-1", securityGroups: [id("a"), id("b")] }, "securityGroups"],
        ["lambda.Function.vpcConfig.securityGroupIds", TYPES.lambda, "aws.lambda.Function", { vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: [id("a"), id("b")] } }, "vpcConfig.securityGroupIds"],
        ["ecs.Service.networkConfiguration.securityGroups", TYPES.ecsService, "aws.ecs.Service", { networkConfiguration: { subnets: ["subnet-1"], securityGroups: [id("a"), id("b")] } }, "networkConfiguration.securityGroups"],
        ["lb.LoadBalancer.securityGroups", TYPES.lb, "aws.lb.LoadBalancer", { securityGroups: [id("a"), id("b")] }, "securityGroups"],
        ["msk.Cluster.brokerNodeGroupInfo.securityGroups", TYPES.msk, "aws.msk.Cluster", { brokerNodeGroupInfo: { clientSubnets: ["subnet-1"], securityGroups: [id("a"), id("b")] } }, "brokerNodeGroupInfo.securityGroups"],
    ] as const).map(([link, type, label, props, path]): Row => ({
        link, policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(type, "x", props)], expected: [tooMany(type, "x", label, path, twoGroups())],
    })),
    ...([["rds.Instance.vpcSecurityGroupIds", TYPES.rdsInstance, "aws.rds.Instance", { vpcSecurityGroupIds: [id("db")] }],
        ["elasticache.ReplicationGroup.securityGroupIds", TYPES.elasticacheReplicationGroup, "aws.elasticache.ReplicationGroup", { securityGroupIds: [id("db")] }],
        ["opensearch.Domain.vpcOptions.securityGroupIds", TYPES.opensearch, "aws.opensearch.Domain", { vpcOptions: { subnetIds: ["subnet-1"], securityGroupIds: [id("db")] } }],
    ] as const).map(([link, type, label, props]): Row => ({
        link, policy: dbIngressOnlyViaSecurityGroups, stack: [pgDb, r(type, "x", props)], expected: [dbTrusts(type, "x", label, "security group 'db'")],
    })),
    // Attachments: the group, and the interface (a network interface, or an instance's primary one).
    {
        link: "NetworkInterfaceSecurityGroupAttachment.securityGroupId and networkInterfaceId (NetworkInterface)", policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(TYPES.eni, "x", { subnetId: "subnet-1", securityGroups: [id("a")] }),
            r(TYPES.eniAttachment, "attach", { networkInterfaceId: id("x"), securityGroupId: id("b") })],
        expected: [tooMany(TYPES.eni, "x", "aws.ec2.NetworkInterface", "securityGroups", twoGroups())],
    },
    {
        link: "NetworkInterfaceSecurityGroupAttachment.networkInterfaceId (an instance's primaryNetworkInterfaceId)", policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(TYPES.instance, "x", { vpcSecurityGroupIds: [id("a")] }),
            r(TYPES.eniAttachment, "attach", { networkInterfaceId: id("x", "primaryNetworkInterfaceId"), securityGroupId: id("b") })],
        expected: [tooMany(TYPES.instance, "x", "aws.ec2.Instance", "vpcSecurityGroupIds", twoGroups())],
    },
    {
        link: "ec2.SecurityGroupAssociation.securityGroupId and vpcEndpointId (an Interface VPC endpoint)", policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(TYPES.vpcEndpoint, "x", { vpcId: "vpc-1", vpcEndpointType: "Interface", serviceName: "s", securityGroupIds: [id("a")] }),
            r(TYPES.sgAssociation, "attach", { vpcEndpointId: id("x"), securityGroupId: id("b") })],
        expected: [tooMany(TYPES.vpcEndpoint, "x", "aws.ec2.VpcEndpoint", "securityGroupIds", twoGroups())],
    },
    // Other forms: one ID, comma-separated IDs, group ARNs.
    {
        link: "emr.Cluster.ec2Attributes.emrManagedMasterSecurityGroup (one ID) and additionalMasterSecurityGroups (comma-separated IDs)",
        policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(TYPES.emrCluster, "x", { ec2Attributes: { emrManagedMasterSecurityGroup: id("a"), additionalMasterSecurityGroups: id("b") } })],
        expected: [tooMany(TYPES.emrCluster, "x", "aws.emr.Cluster", "ec2Attributes.emrManagedMasterSecurityGroup + ec2Attributes.additionalMasterSecurityGroups", twoGroups())],
    },
    {
        link: "datasync.Agent.securityGroupArns (group ARNs)", policy: eniSecurityGroupLimit, config: max1,
        stack: [sg("a"), sg("b"), r(TYPES.datasyncAgent, "x", { securityGroupArns: [id("a", "arn"), id("b", "arn")] })],
        expected: [tooMany(TYPES.datasyncAgent, "x", "aws.datasync.Agent", "securityGroupArns", twoGroups())],
    },
];

describeLinks(rows);
