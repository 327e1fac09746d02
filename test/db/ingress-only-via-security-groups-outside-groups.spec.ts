/**
 * db-ingress-only-via-security-groups on rules whose group the stack does not declare: the default
 * groups of several VPCs kept apart, a VPC read twice, a rule naming no group at all, and a rule
 * that may be on any group next to a database on the account's default VPC.
 */
import * as assert from "assert";
import { dbIngressOnlyViaSecurityGroups } from "../../policies/db/ingress-only-via-security-groups";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { RDS, dbGroup, rds } from "./ingress-only-via-security-groups-fixtures";

/** An ingress rule on PostgreSQL from a CIDR, on the group `securityGroupId` names (or its dependencies lead to). */
const rule = (name: string, cidr: string, securityGroupId: unknown, deps?: string[]): TestResource => ({
    type: TYPE.vpcIngress, name, props: { securityGroupId, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: cidr },
    ...(deps ? { propertyDependencies: { securityGroupId: deps } } : {}),
});
const FIX = "Fix: Admit clients only by security-group reference (ALB -> web -> app -> DB): replace CIDR and prefix-list rules on the " +
    "database's groups with rules whose source is the app tier's security group, and keep the database private (publiclyAccessible: false).";
const FIX_DEFAULT = "Fix: set vpcSecurityGroupIds to a security group of this stack that admits only the app tier's security group (AWS " +
    "attaches the VPC's default group only when none is set), or declare the VPC's aws.ec2.DefaultSecurityGroup in this stack so that its " +
    "rules are checked.";
const PG = urnOf({ type: RDS, name: "pg" });
/** The violation of a rule from 10.0.0.0/8 on a VPC's default group, and the note that the group is not in the stack. */
const onDefault = (vpc: string, ruleName: string, declares: string): [string, string, string][] => [
    ["advisory", `aws.rds.Instance 'pg' ${declares}the default security group of aws.ec2.Vpc '${vpc}', which is not in this stack, so its ` +
        `rules cannot be checked: any address range it admits reaches the database. ${FIX_DEFAULT}`, PG],
    ["mandatory", `aws.rds.Instance 'pg' trusts an address range: on the default security group of aws.ec2.Vpc '${vpc}' ` +
        `(aws.vpc.SecurityGroupIngressRule '${ruleName}'), cidrIpv4 allows TCP port 5432 from 10.0.0.0/8. Any host that gets an address ` +
        `there reaches the database, which breaks the ALB -> web -> app -> DB trust chain. ${FIX}`, PG],
];
const full = (resources: TestResource[]) =>
    runStackPolicy(dbIngressOnlyViaSecurityGroups, resources).map((f): [string, string, string | undefined] => [f.level, f.message, f.urn]);

describe("db-ingress-only-via-security-groups: rules on groups the stack does not declare", () => {
    it("checks the rules of the database's VPC default group, not those of another VPC's", () => {
        const main: TestResource = { type: TYPE.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
        const other: TestResource = { type: TYPE.vpc, name: "other", props: { cidrBlock: "10.1.0.0/16" } };
        const db: TestResource = { type: RDS, name: "pg", props: { vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["main"] } };
        assert.deepStrictEqual(full([main, other, rule("on-main", "10.0.0.0/8", UNKNOWN, ["main"]), rule("on-other", "192.168.0.0/16", UNKNOWN, ["other"]), db]),
            onDefault("main", "on-main", "uses "));
    });

    it("checks a rule naming a default group by ID for a database in a second resource of the same VPC", () => {
        const vpc = (name: string): TestResource => ({ type: TYPE.vpc, name, props: { id: "vpc-1", cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: "sg-def" } });
        const subnet: TestResource = { type: TYPE.subnet, name: "db-a", props: { vpcId: UNKNOWN, cidrBlock: "10.0.2.0/24" }, propertyDependencies: { vpcId: ["read"] } };
        const subnetGroup: TestResource = { type: TYPE.rdsSubnetGroup, name: "db", props: { subnetIds: [UNKNOWN] }, propertyDependencies: { subnetIds: ["db-a"] } };
        const db: TestResource = { type: RDS, name: "pg", props: { dbSubnetGroupName: UNKNOWN }, propertyDependencies: { dbSubnetGroupName: ["db"] } };
        assert.deepStrictEqual(full([vpc("main"), vpc("read"), subnet, subnetGroup, rule("by-id", "10.0.0.0/8", "sg-def"), db]),
            onDefault("read", "by-id", "declares no security group, so AWS attaches "));
    });

    it("leaves a rule whose securityGroupId is empty to the policies that check rules, for a database with a group", () => {
        assert.deepStrictEqual(full([dbGroup([]), rule("empty", "10.0.0.0/8", ""), rds()]), []);
    });

    it("notes only the default group of the account's default VPC when a rule may be on any group", () => {
        const db: TestResource = { type: RDS, name: "pg", props: { engine: "postgres" } };
        assert.deepStrictEqual(full([rule("anywhere", "10.0.0.0/8", UNKNOWN), db]), [["advisory",
            "aws.rds.Instance 'pg' declares no security group, so AWS attaches the default security group of the account's default VPC, which " +
            `is not in this stack, so its rules cannot be checked: any address range it admits reaches the database. ${FIX_DEFAULT}`, PG]]);
    });
});
