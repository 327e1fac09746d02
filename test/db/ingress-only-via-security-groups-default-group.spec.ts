import * as assert from "assert";
import { dbIngressOnlyViaSecurityGroups } from "../../policies/db/ingress-only-via-security-groups";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { OPENSEARCH, RDS, dbGroup, run } from "./ingress-only-via-security-groups-fixtures";

describe("db-ingress-only-via-security-groups: databases that declare no security group", () => {
    const FIX_DEFAULT = (key: string) => `Fix: set ${key} to a security group of this stack that admits only the app tier's ` +
        "security group (AWS attaches the VPC's default group only when none is set), or declare the VPC's " +
        "aws.ec2.DefaultSecurityGroup in this stack so that its rules are checked.";
    const vpc: TestResource = { type: TYPE.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
    const subnet: TestResource = { type: TYPE.subnet, name: "db-a", props: { vpcId: UNKNOWN, cidrBlock: "10.0.2.0/24" }, propertyDependencies: { vpcId: ["main"] } };
    const subnetGroup: TestResource = { type: TYPE.rdsSubnetGroup, name: "db", props: { subnetIds: [UNKNOWN] }, propertyDependencies: { subnetIds: ["db-a"] } };
    const inVpc = (type: string, name: string, props: Record<string, unknown> = {}): TestResource =>
        ({ type, name, props: { dbSubnetGroupName: UNKNOWN, ...props }, propertyDependencies: { dbSubnetGroupName: ["db"] } });
    const defaultGroup = (ingress: unknown[]): TestResource =>
        ({ type: TYPE.defaultSg, name: "default", props: { vpcId: UNKNOWN, ingress, egress: [] }, propertyDependencies: { vpcId: ["main"] } });
    const full = (resources: TestResource[]) => runStackPolicy(dbIngressOnlyViaSecurityGroups, resources);

    it("flags publiclyAccessible: true on a database with no security group, and notes the default group it gets", () => {
        const db: TestResource = { type: RDS, name: "open", props: { engine: "postgres", publiclyAccessible: true } };
        assert.deepStrictEqual(full([db]), [
            {
                level: "mandatory", urn: urnOf(db),
                message: "aws.rds.Instance 'open' sets publiclyAccessible: true, so it gets a public address and any security-group " +
                    "rule that admits an address range admits the internet. Fix: Admit clients only by security-group reference " +
                    "(ALB -> web -> app -> DB): replace CIDR and prefix-list rules on the database's groups with rules whose source " +
                    "is the app tier's security group, and keep the database private (publiclyAccessible: false).",
            },
            {
                level: "advisory", urn: urnOf(db),
                message: "aws.rds.Instance 'open' declares no security group, so AWS attaches the default security group of the " +
                    "account's default VPC, which is not in this stack, so its rules cannot be checked: any address range it admits " +
                    `reaches the database. ${FIX_DEFAULT("vpcSecurityGroupIds")}`,
            },
        ]);
    });

    it("flags publiclyAccessible: true whatever the groups: Redshift, and Aurora and Neptune cluster instances", () => {
        const redshift: TestResource = { type: TYPE.redshift, name: "dw", props: { vpcSecurityGroupIds: ["sg-0ext"], publiclyAccessible: true } };
        const aurora: TestResource = { type: TYPE.rdsClusterInstance, name: "aurora-1", props: { clusterIdentifier: "c", publiclyAccessible: true } };
        const neptune: TestResource = { type: "aws:neptune/clusterInstance:ClusterInstance", name: "graph-1", props: { clusterIdentifier: "n", publiclyAccessible: "true" } };
        const privateOne: TestResource = { type: TYPE.rdsClusterInstance, name: "aurora-2", props: { clusterIdentifier: "c", publiclyAccessible: false } };
        assert.deepStrictEqual(run([redshift, aurora, neptune, privateOne]), [
            ["mandatory", "aws.redshift.Cluster 'dw' sets publiclyAccessible: true, so it gets a public address and any security-group rule that admits an address range admits the internet", urnOf(redshift)],
            ["mandatory", "aws.rds.ClusterInstance 'aurora-1' sets publiclyAccessible: true, so it gets a public address and any security-group rule that admits an address range admits the internet", urnOf(aurora)],
            ["mandatory", "aws.neptune.ClusterInstance 'graph-1' sets publiclyAccessible: true, so it gets a public address and any security-group rule that admits an address range admits the internet", urnOf(neptune)],
        ]);
    });

    it("evaluates the VPC's DefaultSecurityGroup when the stack has it (subnet group -> subnet -> VPC, by dependency)", () => {
        const db = inVpc(RDS, "main-db");
        const findings = full([vpc, subnet, subnetGroup, defaultGroup([{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }]), db]);
        assert.deepStrictEqual(findings, [{
            level: "mandatory", urn: urnOf(db),
            message: "aws.rds.Instance 'main-db' trusts an address range: on its VPC's default security group 'default' (it declares " +
                "no security group, so AWS attaches this one), ingress[0].cidrBlocks[0] allows TCP port 5432 from 10.0.0.0/16. Any host " +
                "that gets an address there reaches the database, which breaks the ALB -> web -> app -> DB trust chain. Fix: Admit " +
                "clients only by security-group reference (ALB -> web -> app -> DB): replace CIDR and prefix-list rules on the " +
                "database's groups with rules whose source is the app tier's security group, and keep the database private " +
                "(publiclyAccessible: false).",
        }]);
    });

    it("passes a database on an empty DefaultSecurityGroup of its VPC", () => {
        assert.deepStrictEqual(full([vpc, subnet, subnetGroup, defaultGroup([]), inVpc(RDS, "main-db")]), []);
    });

    it("finds the default group by the VPC's known defaultSecurityGroupId (an update)", () => {
        const known: TestResource[] = [
            { type: TYPE.vpc, name: "main", props: { id: "vpc-1", cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: "sg-def" } },
            { type: TYPE.subnet, name: "db-a", props: { id: "subnet-1", vpcId: "vpc-1" } },
            { type: TYPE.rdsSubnetGroup, name: "db", props: { id: "db-subnets", name: "db-subnets", subnetIds: ["subnet-1"] } },
            { type: TYPE.defaultSg, name: "default", props: { id: "sg-def", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] } },
            { type: RDS, name: "main-db", props: { dbSubnetGroupName: "db-subnets" } },
        ];
        assert.deepStrictEqual(run(known), [["mandatory",
            "aws.rds.Instance 'main-db' trusts an address range: on its VPC's default security group 'default' (it declares no security group, so AWS attaches this one), ingress[0].cidrBlocks[0] allows all traffic (every protocol and port) from 0.0.0.0/0 (every IPv4 address)",
            urnOf(known[4])]]);
    });

    it("notes the VPC's default group when the stack does not have it, naming the VPC", () => {
        const db = inVpc(RDS, "main-db");
        assert.deepStrictEqual(full([vpc, subnet, subnetGroup, db]), [{
            level: "advisory", urn: urnOf(db),
            message: "aws.rds.Instance 'main-db' declares no security group, so AWS attaches the default security group of " +
                "aws.ec2.Vpc 'main', which is not in this stack, so its rules cannot be checked: any address range it admits " +
                `reaches the database. ${FIX_DEFAULT("vpcSecurityGroupIds")}`,
        }]);
    });

    it("notes a subnet group from outside the stack, and a subnet group not known yet", () => {
        const outside: TestResource = { type: RDS, name: "a", props: { dbSubnetGroupName: "shared-subnets" } };
        const unknown: TestResource = { type: RDS, name: "b", props: { dbSubnetGroupName: UNKNOWN } };
        assert.deepStrictEqual(run([outside, unknown]), [
            ["advisory", "aws.rds.Instance 'a' declares no security group, so AWS attaches the default security group of the VPC of subnet group 'shared-subnets', which is not in this stack, so its rules cannot be checked: any address range it admits reaches the database", urnOf(outside)],
            ["advisory", "Cannot be verified at preview: dbSubnetGroupName is not known until the resource is created", urnOf(unknown)],
        ]);
        assert.deepStrictEqual(full([unknown])[0].message.split(". ").slice(1, 2),
            ["aws.rds.Instance 'b' declares no security group, so AWS attaches the default security group of its VPC, and which VPC that is cannot be told yet, so the group's rules cannot be checked"]);
    });

    it("notes a group list not known at all at preview (it may be empty: the provider computes it when the program sets none)", () => {
        const db: TestResource = { type: RDS, name: "a", props: { engine: "postgres", vpcSecurityGroupIds: UNKNOWN } };
        assert.deepStrictEqual(full([db]), [{
            level: "advisory", urn: urnOf(db),
            message: "Cannot be verified at preview: vpcSecurityGroupIds is not known until the resource is created. aws.rds.Instance " +
                "'a' may have no security group of its own, and then AWS attaches its VPC's default security group, whose rules " +
                `cannot be checked until vpcSecurityGroupIds is known. ${FIX_DEFAULT("vpcSecurityGroupIds")}`,
        }]);
    });

    it("a group list not known yet but linked to the stack's groups by dependency holds them: its groups' rules are checked, no note", () => {
        const db: TestResource = { type: RDS, name: "a", props: { vpcSecurityGroupIds: UNKNOWN }, propertyDependencies: { vpcSecurityGroupIds: ["db"] } };
        assert.deepStrictEqual(run([dbGroup([]), db]), []);
    });

    it("a malformed group list is a violation (AWS rejects it)", () => {
        const db: TestResource = { type: RDS, name: "a", props: { vpcSecurityGroupIds: "sg-1" } };
        assert.deepStrictEqual(run([db]), [["mandatory", "Cannot be evaluated: vpcSecurityGroupIds should be a list, got 'sg-1'", urnOf(db)]]);
    });

    it("notes a database that names the VPC's default group itself (vpc.defaultSecurityGroupId), not in the stack", () => {
        const db: TestResource = { type: RDS, name: "a", props: { vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["main"] } };
        assert.deepStrictEqual(run([vpc, db]), [["advisory",
            "aws.rds.Instance 'a' uses the default security group of aws.ec2.Vpc 'main', which is not in this stack, so its rules cannot be checked: any address range it admits reaches the database",
            urnOf(db)]]);
    });

    // Every database type: where it names its subnet group, and the VPC's default group it gets.
    const types: [string, string, string, Record<string, unknown>, string][] = [
        ["aws:rds/instance:Instance", "aws.rds.Instance", "aws:rds/subnetGroup:SubnetGroup", { dbSubnetGroupName: UNKNOWN }, "vpcSecurityGroupIds"],
        ["aws:rds/cluster:Cluster", "aws.rds.Cluster", "aws:rds/subnetGroup:SubnetGroup", { dbSubnetGroupName: UNKNOWN }, "vpcSecurityGroupIds"],
        ["aws:elasticache/cluster:Cluster", "aws.elasticache.Cluster", "aws:elasticache/subnetGroup:SubnetGroup", { subnetGroupName: UNKNOWN }, "securityGroupIds"],
        ["aws:elasticache/replicationGroup:ReplicationGroup", "aws.elasticache.ReplicationGroup", "aws:elasticache/subnetGroup:SubnetGroup", { subnetGroupName: UNKNOWN }, "securityGroupIds"],
        ["aws:redshift/cluster:Cluster", "aws.redshift.Cluster", "aws:redshift/subnetGroup:SubnetGroup", { clusterSubnetGroupName: UNKNOWN }, "vpcSecurityGroupIds"],
        ["aws:docdb/cluster:Cluster", "aws.docdb.Cluster", "aws:docdb/subnetGroup:SubnetGroup", { dbSubnetGroupName: UNKNOWN }, "vpcSecurityGroupIds"],
        ["aws:neptune/cluster:Cluster", "aws.neptune.Cluster", "aws:neptune/subnetGroup:SubnetGroup", { neptuneSubnetGroupName: UNKNOWN }, "vpcSecurityGroupIds"],
        ["aws:memorydb/cluster:Cluster", "aws.memorydb.Cluster", "aws:memorydb/subnetGroup:SubnetGroup", { subnetGroupName: UNKNOWN }, "securityGroupIds"],
    ];
    for (const [type, label, groupType, props, key] of types) {
        it(`${label}: no security group, its subnet group's VPC's default group (not in the stack) is noted`, () => {
            const group: TestResource = { type: groupType, name: "subnets", props: { subnetIds: [UNKNOWN] }, propertyDependencies: { subnetIds: ["db-a"] } };
            const db: TestResource = { type, name: "store", props, propertyDependencies: Object.fromEntries(Object.keys(props).map((k) => [k, ["subnets"]])) };
            assert.deepStrictEqual(full([vpc, subnet, group, db]), [{
                level: "advisory", urn: urnOf(db),
                message: `${label} 'store' declares no security group, so AWS attaches the default security group of aws.ec2.Vpc 'main', ` +
                    `which is not in this stack, so its rules cannot be checked: any address range it admits reaches the database. ${FIX_DEFAULT(key)}`,
            }]);
        });
    }

    it("aws.opensearch.Domain: in a VPC (vpcOptions.subnetIds) without security groups, the VPC's default group; without vpcOptions, not in a VPC", () => {
        const domain: TestResource = { type: OPENSEARCH, name: "search", props: { vpcOptions: { subnetIds: [UNKNOWN] } }, propertyDependencies: { vpcOptions: ["db-a"] } };
        const publicDomain: TestResource = { type: OPENSEARCH, name: "public", props: { engineVersion: "OpenSearch_2.11" } };
        assert.deepStrictEqual(run([vpc, subnet, domain, publicDomain]), [["advisory",
            "aws.opensearch.Domain 'search' declares no security group, so AWS attaches the default security group of aws.ec2.Vpc 'main', which is not in this stack, so its rules cannot be checked: any address range it admits reaches the database",
            urnOf(domain)]]);
    });

    it("an ElastiCache cluster in a replication group takes the group's security groups: no default group", () => {
        assert.deepStrictEqual(run([{ type: "aws:elasticache/cluster:Cluster", name: "member", props: { replicationGroupId: "rg-1" } }]), []);
    });
});

describe("db-ingress-only-via-security-groups: a VPC not known yet along the subnet group's chain", () => {
    it("names the resource whose value is not known: the subnet's vpcId", () => {
        const subnet: TestResource = { type: TYPE.subnet, name: "db-a", props: { vpcId: UNKNOWN, cidrBlock: "10.0.2.0/24" } };
        const group: TestResource = { type: TYPE.rdsSubnetGroup, name: "db", props: { subnetIds: [UNKNOWN] }, propertyDependencies: { subnetIds: ["db-a"] } };
        const db: TestResource = { type: RDS, name: "a", props: { dbSubnetGroupName: UNKNOWN }, propertyDependencies: { dbSubnetGroupName: ["db"] } };
        assert.deepStrictEqual(runStackPolicy(dbIngressOnlyViaSecurityGroups, [subnet, group, db]), [{
            level: "advisory", urn: urnOf(db),
            message: "Cannot be verified at preview: the vpcId of subnet 'db-a' is not known until it is created. aws.rds.Instance 'a' " +
                "declares no security group, so AWS attaches the default security group of its VPC, and which VPC that is cannot be told " +
                "yet, so the group's rules cannot be checked. Fix: set vpcSecurityGroupIds to a security group of this stack that admits " +
                "only the app tier's security group (AWS attaches the VPC's default group only when none is set), or declare the VPC's " +
                "aws.ec2.DefaultSecurityGroup in this stack so that its rules are checked.",
        }]);
    });
});
