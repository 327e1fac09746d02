import * as assert from "assert";
import { dbIngressOnlyViaSecurityGroups } from "../../policies/db/ingress-only-via-security-groups";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { RDS, SG, app, dbGroup, rds, run } from "./ingress-only-via-security-groups-fixtures";

describe("db-ingress-only-via-security-groups: standalone rules whose group cannot be told yet, or outside the stack", () => {
    const other: TestResource = { type: SG, name: "other", props: { description: "other" } };
    const fn: TestResource = { type: TYPE.lambda, name: "worker", props: { vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: [UNKNOWN] } }, propertyDependencies: { vpcConfig: ["other"] } };
    /** An ingress rule from 10.0.0.0/8 on PostgreSQL whose securityGroupId is not known yet and depends on `deps`. */
    const pending = (deps: string[], peer: Record<string, unknown> = { cidrIpv4: "10.0.0.0/8" }): TestResource => ({
        type: TYPE.vpcIngress, name: "from-office",
        props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, ...peer },
        propertyDependencies: { securityGroupId: deps },
    });
    const NOTE = "Cannot be verified at preview: securityGroupId is not known until the resource is created";
    const full = (resources: TestResource[]) =>
        runStackPolicy(dbIngressOnlyViaSecurityGroups, resources).map((f): [string, string, string | undefined] => [f.level, f.message, f.urn]);
    const consequence = (which: string) => `aws.vpc.SecurityGroupIngressRule 'from-office' adds a rule to a security group that cannot be told yet and may ` +
        `be ${which}: if so, cidrIpv4 allows TCP port 5432 from 10.0.0.0/8 to aws.rds.Instance 'main'. Fix: Admit clients only by security-group ` +
        "reference (ALB -> web -> app -> DB): replace CIDR and prefix-list rules on the database's groups with rules whose source is the app " +
        "tier's security group, and keep the database private (publiclyAccessible: false).";

    it("a rule whose dependencies name the database's group and another: a note naming the database, the rule and the group", () => {
        assert.deepStrictEqual(full([dbGroup([]), other, pending(["db", "other"]), rds()]), [
            ["advisory", `${NOTE}. ${consequence("'db'")}`, urnOf(rds())],
        ]);
    });

    it("a rule whose securityGroupId depends on nothing (not known, from outside the program): it may be any group, the database's included", () => {
        assert.deepStrictEqual(full([dbGroup([]), pending([]), rds()]), [
            ["advisory", `${NOTE}. ${consequence("any group, those of aws.rds.Instance 'main' included")}`, urnOf(rds())],
        ]);
    });

    it("a rule whose securityGroupId is read from another resource's outputs (a Lambda function's group): it may be any group", () => {
        assert.deepStrictEqual(full([dbGroup([]), other, fn, pending(["worker"]), rds()]).map((f) => f[1]), [
            `${NOTE}. ${consequence("any group, those of aws.rds.Instance 'main' included")}`,
        ]);
    });

    it("a database instance without groups of its own (an Aurora instance) gets no note; its cluster does", () => {
        const cluster: TestResource = { type: TYPE.rdsCluster, name: "aurora", props: { vpcSecurityGroupIds: ["sg-0db"] } };
        const instance: TestResource = { type: TYPE.rdsClusterInstance, name: "writer", props: { clusterIdentifier: "aurora", publiclyAccessible: false } };
        assert.deepStrictEqual(full([cluster, instance, pending([])]).map((f) => [f[0], f[1].split(". ")[1], f[2]]), [
            ["advisory", "aws.vpc.SecurityGroupIngressRule 'from-office' adds a rule to a security group that cannot be told yet and may be any " +
                "group, those of aws.rds.Cluster 'aurora' included: if so, cidrIpv4 allows TCP port 5432 from 10.0.0.0/8 to aws.rds.Cluster 'aurora'",
            urnOf(cluster)],
        ]);
    });

    it("a rule whose dependencies name only other groups stays out", () => {
        assert.deepStrictEqual(full([dbGroup([]), other, app, pending(["other", "app"]), rds()]), []);
    });

    it("a rule whose target is known and elsewhere stays out (by dependency at preview, by ID on an update)", () => {
        assert.deepStrictEqual(full([dbGroup([]), other, pending(["other"]), rds()]), []);
        const known = { ...pending(["db"]), props: { ...pending([]).props, securityGroupId: "sg-other" } };
        assert.deepStrictEqual(full([dbGroup([]), { ...other, props: { ...other.props, id: "sg-other" } }, known, rds()]), []);
    });

    it("a rule that admits only a security group may be on the database's group: nothing to note", () => {
        assert.deepStrictEqual(full([dbGroup([]), other, pending(["db", "other"], { referencedSecurityGroupId: "sg-app" }), rds()]), []);
    });

    it("a rule whose peer is not known either may admit an address range: a note", () => {
        assert.deepStrictEqual(full([dbGroup([]), other, pending(["db", "other"], { cidrIpv4: UNKNOWN }), rds()]).map((f) => f[1].split(". ")[1]), [
            "aws.vpc.SecurityGroupIngressRule 'from-office' adds a rule to a security group that cannot be told yet and may be 'db': if so, " +
                "cidrIpv4 may admit an address range to aws.rds.Instance 'main'",
        ]);
    });

    it("a rule on the database's group outside the stack (known ID) is checked: a CIDR is a violation", () => {
        const rule: TestResource = { type: TYPE.vpcIngress, name: "from-office", props: { securityGroupId: "sg-0ext", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.0.0.0/8" } };
        const db: TestResource = { type: RDS, name: "main", props: { vpcSecurityGroupIds: ["sg-0ext"] } };
        assert.deepStrictEqual(run([rule, db]), [["mandatory", "aws.rds.Instance 'main' trusts an address range: on its security group sg-0ext " +
            "(outside the stack) (aws.vpc.SecurityGroupIngressRule 'from-office'), cidrIpv4 allows TCP port 5432 from 10.0.0.0/8", urnOf(db)]]);
    });

    it("a rule on the VPC's default group that the stack does not declare (vpc.defaultSecurityGroupId), which the database gets: a violation", () => {
        const vpc: TestResource = { type: TYPE.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
        const rule: TestResource = { ...pending(["main"]), name: "on-default" };
        const db: TestResource = { type: RDS, name: "pg", props: { vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["main"] } };
        assert.deepStrictEqual(run([vpc, rule, db]), [
            ["advisory", "aws.rds.Instance 'pg' uses the default security group of aws.ec2.Vpc 'main', which is not in this stack, so its rules cannot " +
                "be checked: any address range it admits reaches the database", urnOf(db)],
            ["mandatory", "aws.rds.Instance 'pg' trusts an address range: on the default security group of aws.ec2.Vpc 'main' " +
                "(aws.vpc.SecurityGroupIngressRule 'on-default'), cidrIpv4 allows TCP port 5432 from 10.0.0.0/8", urnOf(db)],
        ]);
    });

    it("a rule that depends on the VPC (its default group) and another group may be on the database's default group: a note", () => {
        const vpc: TestResource = { type: TYPE.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
        const db: TestResource = { type: RDS, name: "pg", props: { vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["main"] } };
        assert.deepStrictEqual(full([vpc, other, pending(["main", "other"]), db]).map((f) => f[1].split(". Fix: ")[0]), [
            "aws.rds.Instance 'pg' uses the default security group of aws.ec2.Vpc 'main', which is not in this stack, so its rules cannot " +
                "be checked: any address range it admits reaches the database",
            `${NOTE}. aws.vpc.SecurityGroupIngressRule 'from-office' adds a rule to a security group that cannot be told yet and may be the ` +
                "default security group of aws.ec2.Vpc 'main': if so, cidrIpv4 allows TCP port 5432 from 10.0.0.0/8 to aws.rds.Instance 'pg'",
        ]);
    });
});
