/**
 * Links by the other IDs: prefix lists, network ACLs, VPCs (and the subnets and subnet groups that
 * lead to them), the VPC's default group, and a network ACL's subnets. links-fixtures.ts checks each
 * row in every mode.
 */
import { dbIngressOnlyViaSecurityGroups } from "../../policies/db/ingress-only-via-security-groups";
import { eniSecurityGroupLimit } from "../../policies/eni/security-group-limit";
import { naclRulesEffective } from "../../policies/nacl/rules-effective";
import { sgDefaultDeniesAll } from "../../policies/sg/default-denies-all";
import { sgRuleQuota } from "../../policies/sg/rule-quota";
import { sgWorldIngressOnlyOnLoadBalancers } from "../../policies/sg/world-ingress-only-on-load-balancers";
import { vpcFlowLogsEnabled } from "../../policies/vpc/flow-logs-enabled";
import { TestResource } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";
import { Head, Row, dbTrusts, describeLinks, id, max1, on, r, sg, tcp, tooMany, twoGroups } from "./links-fixtures";

const vpc = r(TYPES.vpc, "main", { cidrBlock: "10.0.0.0/16" });
const subnet = r(TYPES.subnet, "a", { vpcId: id("main"), cidrBlock: "10.0.1.0/24" });
const world = { ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })] };
const quota = (): Head => ["mandatory", "aws.ec2.SecurityGroup 'web' has 61 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60", on(TYPES.sg, "web")];
const pl = r(TYPES.prefixList, "office", { addressFamily: "IPv4", maxEntries: 60, name: "office" });
const smallPl = r(TYPES.prefixList, "office-decoy", { addressFamily: "IPv4", maxEntries: 1, name: "office-decoy" });
/** Decoys in another VPC: a subnet (and a subnet group) whose VPC is the decoy of 'main'. */
const otherSubnet = r(TYPES.subnet, "a-decoy", { vpcId: id("main-decoy"), cidrBlock: "10.1.1.0/24" });
const otherSubnetGroup = r(TYPES.rdsSubnetGroup, "dbs-decoy", { subnetIds: [id("a-decoy")] });
const onePlus = { cidrBlocks: ["10.0.0.0/8"] };

const rows: Row[] = [
    // Prefix-list IDs: a managed prefix list counts its max entries.
    ...([["vpc.SecurityGroupIngressRule.prefixListId", r(TYPES.vpcIngress, "pl", { securityGroupId: id("web"), ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: id("office") })],
        ["ec2.SecurityGroupRule.prefixListIds", r(TYPES.sgRule, "pl", { type: "ingress", securityGroupId: id("web"), protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [id("office")] })],
    ] as const).map(([link, rule]): Row => ({
        link, policy: sgRuleQuota, stack: [pl, sg("web", { ingress: [tcp(443, onePlus)] }), rule], expected: [quota()], decoys: { office: smallPl },
    })),
    {
        link: "inline ingress[].prefixListIds", policy: sgRuleQuota,
        stack: [pl, sg("web", { ingress: [tcp(443, onePlus), tcp(443, { prefixListIds: [id("office")] })] })], expected: [quota()], decoys: { office: smallPl },
    },
    // Network ACL IDs.
    {
        link: "ec2.NetworkAclRule.networkAclId", policy: naclRulesEffective,
        stack: [r(TYPES.nacl, "acl", { vpcId: "vpc-1", ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "10.0.0.0/8" }] }),
            r(TYPES.naclRule, "dup", { networkAclId: id("acl"), ruleNumber: 100, protocol: "tcp", ruleAction: "allow", fromPort: 80, toPort: 80, cidrBlock: "10.0.0.0/8" })],
        expected: [["advisory", "Network ACL 'acl' has 2 inbound entries with rule number 100: ingress[0] and NetworkAclRule 'dup'", on(TYPES.nacl, "acl")]],
    },
    {
        link: "ec2.NetworkAclRule.networkAclId = vpc.defaultNetworkAclId, and DefaultNetworkAcl.defaultNetworkAclId", policy: naclRulesEffective,
        stack: [vpc, r(TYPES.defaultNacl, "default", { defaultNetworkAclId: id("main", "defaultNetworkAclId"), ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "10.0.0.0/8" }] }),
            r(TYPES.naclRule, "dup", { networkAclId: id("main", "defaultNetworkAclId"), ruleNumber: 100, protocol: "tcp", ruleAction: "allow", fromPort: 80, toPort: 80, cidrBlock: "10.0.0.0/8" })],
        expected: [["advisory", "Default network ACL 'default' has 2 inbound entries with rule number 100: ingress[0] and NetworkAclRule 'dup'", on(TYPES.defaultNacl, "default")]],
    },
    {
        link: "ec2.NetworkAclRule.networkAclId = vpc.defaultNetworkAclId, no DefaultNetworkAcl in the stack", policy: naclRulesEffective,
        stack: [vpc, r(TYPES.naclRule, "extra", { networkAclId: id("main", "defaultNetworkAclId"), ruleNumber: 100, protocol: "tcp", ruleAction: "allow", fromPort: 80, toPort: 80, cidrBlock: "10.0.0.0/8" })],
        expected: [["advisory", "NetworkAclRule 'extra' adds an entry to the default network ACL of VPC 'main', which is not in this stack (declare it as an aws.ec2.DefaultNetworkAcl): its rule number and reachability cannot be checked with the ACL's other entries.", on(TYPES.naclRule, "extra")]],
    },
    // VPC IDs.
    {
        link: "ec2.FlowLog.vpcId", policy: vpcFlowLogsEnabled,
        stack: [vpc, r(TYPES.vpc, "other", { cidrBlock: "10.1.0.0/16" }), r(TYPES.flowLog, "logs", { vpcId: id("main"), trafficType: "ALL" })],
        expected: [["advisory", "aws.ec2.Vpc 'other' has no flow log", on(TYPES.vpc, "other")]],
        withDecoys: [["advisory", "aws.ec2.Vpc 'other' has no flow log", on(TYPES.vpc, "other")], ["advisory", "aws.ec2.Vpc 'main-decoy' has no flow log", on(TYPES.vpc, "main-decoy")]],
    },
    {
        link: "ec2.Instance.subnetId, ec2.Subnet.vpcId and DefaultSecurityGroup.vpcId (the default group of an instance that declares none)",
        policy: sgWorldIngressOnlyOnLoadBalancers,
        stack: [vpc, subnet, r(TYPES.defaultSg, "default", { vpcId: id("main"), ...world }), r(TYPES.instance, "vm", { ami: "ami-1", subnetId: id("a") })],
        expected: [["advisory", "aws.ec2.DefaultSecurityGroup 'default' admits every IPv4 address (ingress[0].cidrBlocks[0]) and is attached to compute: aws.ec2.Instance 'vm'", on(TYPES.defaultSg, "default")]],
        decoys: { a: otherSubnet },
    },
    {
        link: "rds.Instance.dbSubnetGroupName, rds.SubnetGroup.subnetIds, ec2.Subnet.vpcId and DefaultSecurityGroup.vpcId (a database that declares no group)",
        policy: dbIngressOnlyViaSecurityGroups,
        stack: [vpc, subnet, r(TYPES.defaultSg, "default", { vpcId: id("main"), ingress: [tcp(5432, { cidrBlocks: ["10.9.0.0/16"] })] }),
            r(TYPES.rdsSubnetGroup, "dbs", { subnetIds: [id("a")] }), r(TYPES.rdsInstance, "pg", { engine: "postgres", dbSubnetGroupName: id("dbs", "name") })],
        expected: [dbTrusts(TYPES.rdsInstance, "pg", "aws.rds.Instance", "VPC's default security group 'default' (it declares no security group, so AWS attaches this one)")],
        decoys: { a: otherSubnet, dbs: otherSubnetGroup },
    },
    {
        link: "rds.Instance.dbSubnetGroupName ... ec2.Subnet.vpcId, the VPC's default group not in the stack", policy: dbIngressOnlyViaSecurityGroups,
        stack: [vpc, subnet, r(TYPES.rdsSubnetGroup, "dbs", { subnetIds: [id("a")] }), r(TYPES.rdsInstance, "pg", { engine: "postgres", dbSubnetGroupName: id("dbs", "name") })],
        expected: [["advisory", "aws.rds.Instance 'pg' declares no security group, so AWS attaches the default security group of aws.ec2.Vpc 'main', which is not in this stack, so its rules cannot be checked: any address range it admits reaches the database", on(TYPES.rdsInstance, "pg")]],
        decoys: { a: otherSubnet, dbs: otherSubnetGroup },
    },
    // Default-group IDs: vpc.defaultSecurityGroupId.
    {
        link: "vpc.defaultSecurityGroupId as a standalone rule's securityGroupId, no DefaultSecurityGroup in the stack", policy: sgDefaultDeniesAll,
        stack: [vpc, r(TYPES.vpcIngress, "open", { securityGroupId: id("main", "defaultSecurityGroupId"), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" })],
        expected: [["mandatory", "aws.vpc.SecurityGroupIngressRule 'open' adds a rule to the default security group of aws.ec2.Vpc 'main'", on(TYPES.vpcIngress, "open")]],
    },
    {
        link: "vpc.defaultSecurityGroupId as a standalone rule's securityGroupId, the DefaultSecurityGroup in the stack", policy: sgDefaultDeniesAll,
        stack: [vpc, r(TYPES.defaultSg, "default", { vpcId: id("main") }),
            r(TYPES.vpcIngress, "open", { securityGroupId: id("main", "defaultSecurityGroupId"), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" })],
        expected: [["mandatory", "aws.vpc.SecurityGroupIngressRule 'open' adds a rule to the default security group aws.ec2.DefaultSecurityGroup 'default'", on(TYPES.vpcIngress, "open")]],
    },
    {
        link: "vpc.defaultSecurityGroupId in an instance's vpcSecurityGroupIds, no DefaultSecurityGroup in the stack", policy: eniSecurityGroupLimit, config: max1,
        stack: [vpc, sg("a"), r(TYPES.instance, "x", { vpcSecurityGroupIds: [id("a"), id("main", "defaultSecurityGroupId")] })],
        expected: [tooMany(TYPES.instance, "x", "aws.ec2.Instance", "vpcSecurityGroupIds", twoGroups("'a'", "the default security group of aws.ec2.Vpc 'main'"))],
    },
];

// No policy reads a network ACL's subnets: the model's answer is what every way must share.
const subnetsOf = (resources: TestResource[]) => stackModel(resources).naclGraph.nacls
    .map((n) => [n.resource.name, n.subnets.map((x) => (x.kind === "stack" ? x.urn : x.id)), n.subnetsUndetermined.length]);
const subnetA = r(TYPES.subnet, "a", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24" });
rows.push(
    {
        link: "ec2.NetworkAcl.subnetIds", verdict: subnetsOf,
        stack: [subnetA, r(TYPES.nacl, "acl", { vpcId: "vpc-1", subnetIds: [id("a")] })],
        expected: [["acl", [on(TYPES.subnet, "a")], 0]],
    },
    {
        link: "ec2.NetworkAclAssociation.networkAclId and subnetId", verdict: subnetsOf,
        stack: [subnetA, r(TYPES.nacl, "acl", { vpcId: "vpc-1" }), r(TYPES.naclAssociation, "assoc", { networkAclId: id("acl"), subnetId: id("a") })],
        expected: [["acl", [on(TYPES.subnet, "a")], 0]],
        withDecoys: [["acl", [on(TYPES.subnet, "a")], 0], ["acl-decoy", [], 0]],
    },
);

describeLinks(rows);
