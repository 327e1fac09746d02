import * as assert from "assert";
import * as fs from "fs";
import { dbIngressOnlyViaSecurityGroups } from "../../policies/db/ingress-only-via-security-groups";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const SG = TYPE.sg;
const SG_RULE = TYPE.sgRule;
const RDS = TYPE.rdsInstance;
const CACHE = TYPE.elasticacheReplicationGroup;
const OPENSEARCH = TYPE.opensearch;

const app: TestResource = { type: SG, name: "app", props: { description: "app" } };
const dbGroup = (ingress: unknown[]): TestResource => ({ type: SG, name: "db", props: { description: "db", ingress } });
const rds = (extra: Record<string, unknown> = {}): TestResource =>
    ({ type: RDS, name: "main", props: { vpcSecurityGroupIds: [UNKNOWN], ...extra }, propertyDependencies: { vpcSecurityGroupIds: ["db"] } });
const run = (resources: TestResource[]) =>
    runStackPolicy(dbIngressOnlyViaSecurityGroups, resources).map((f) => [f.level, f.message.split(". ")[0], f.urn]);

describe("db-ingress-only-via-security-groups", () => {
    it("passes a database whose group admits only the app tier's group", () => {
        const db = dbGroup([{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [UNKNOWN], description: "app" }]);
        assert.deepStrictEqual(run([app, { ...db, propertyDependencies: { ingress: ["app"] } }, rds()]), []);
    });

    it("flags a subnet CIDR on any port of a database's group, with the full message", () => {
        const findings = runStackPolicy(dbIngressOnlyViaSecurityGroups, [dbGroup([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.1.0/24"] }]), rds()]);
        assert.deepStrictEqual(findings, [{
            level: "mandatory",
            urn: urnOf(rds()),
            message: "aws.rds.Instance 'main' trusts an address range: on its security group 'db', " +
                "ingress[0].cidrBlocks[0] allows TCP port 22 from 10.0.1.0/24. Any host that gets an address there reaches the database, which " +
                "breaks the ALB -> web -> app -> DB trust chain. Fix: Admit clients only by security-group reference " +
                "(ALB -> web -> app -> DB): replace CIDR and prefix-list rules on the database's groups with rules whose " +
                "source is the app tier's security group, and keep the database private (publiclyAccessible: false).",
        }]);
    });

    it("flags a standalone rule on the database's group, linked by dependency at preview", () => {
        const standalone: TestResource = {
            type: SG_RULE, name: "from-vpc",
            props: { type: "ingress", securityGroupId: UNKNOWN, protocol: "tcp", fromPort: 5432, toPort: 5432, prefixListIds: ["pl-1"] },
            propertyDependencies: { securityGroupId: ["db"] },
        };
        assert.deepStrictEqual(run([dbGroup([]), standalone, rds()]), [[
            "mandatory",
            "aws.rds.Instance 'main' trusts an address range: on its security group 'db' (aws.ec2.SecurityGroupRule 'from-vpc'), prefixListIds[0] allows TCP port 5432 from prefix list pl-1",
            urnOf(rds()),
        ]]);
    });

    it("flags publiclyAccessible: true", () => {
        assert.deepStrictEqual(run([dbGroup([]), rds({ publiclyAccessible: true })]), [[
            "mandatory", "aws.rds.Instance 'main' sets publiclyAccessible: true, so it gets a public address and any security-group rule that admits an address range admits the internet", urnOf(rds()),
        ]]);
    });

    it("notes an unknown CIDR and an unknown publiclyAccessible", () => {
        assert.deepStrictEqual(run([dbGroup([{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [UNKNOWN] }]), rds({ publiclyAccessible: UNKNOWN })]), [
            ["advisory", "Cannot be verified at preview: publiclyAccessible is not known until the resource is created", urnOf(rds())],
            ["advisory", "Cannot be verified at preview: ingress[0].cidrBlocks[0] is not known until the resource is created", urnOf(rds())],
        ]);
    });

    it("covers ElastiCache replication groups by known ID and OpenSearch domains in a VPC", () => {
        const g: TestResource = { type: SG, name: "cache", props: { id: "sg-c", description: "c", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }] } };
        const cache: TestResource = { type: CACHE, name: "redis", props: { securityGroupIds: ["sg-c"] } };
        const search: TestResource = { type: OPENSEARCH, name: "logs", props: { vpcOptions: { securityGroupIds: ["sg-c"] } } };
        const publicSearch: TestResource = { type: OPENSEARCH, name: "public", props: {} };
        assert.deepStrictEqual(run([g, cache, search, publicSearch]), [
            ["mandatory", "aws.elasticache.ReplicationGroup 'redis' trusts an address range: on its security group 'cache', ingress[0].ipv6CidrBlocks[0] allows all traffic (every protocol and port) from ::/0 (every IPv6 address)", urnOf(cache)],
            ["mandatory", "aws.opensearch.Domain 'logs' trusts an address range: on its security group 'cache', ingress[0].ipv6CidrBlocks[0] allows all traffic (every protocol and port) from ::/0 (every IPv6 address)", urnOf(search)],
        ]);
    });

    it("never guesses at the rules of a group outside the stack", () => {
        assert.deepStrictEqual(run([{ type: RDS, name: "main", props: { vpcSecurityGroupIds: ["sg-0external"] } }]), []);
    });

    it("ignores groups on resources that are not databases", () => {
        const g = dbGroup([{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }]);
        assert.deepStrictEqual(run([g, { type: "aws:lb/loadBalancer:LoadBalancer", name: "alb", props: { securityGroups: [UNKNOWN] }, propertyDependencies: { securityGroups: ["db"] } }]), []);
    });
});

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

describe("db-ingress-only-via-security-groups: publiclyAccessible on every database type that takes it as an input", () => {
    const DATABASES = [
        "aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance",
        "aws:elasticache/cluster:Cluster", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:redshift/cluster:Cluster",
        "aws:docdb/cluster:Cluster", "aws:docdb/clusterInstance:ClusterInstance", "aws:neptune/cluster:Cluster",
        "aws:neptune/clusterInstance:ClusterInstance", "aws:memorydb/cluster:Cluster", "aws:opensearch/domain:Domain",
    ];
    /** True when the resource's Args interface in the @pulumi/aws type definitions has a publiclyAccessible input. */
    const takesFlag = (type: string): boolean => {
        const [, mod, file, cls] = /^aws:([^/]+)\/([^:]+):(.+)$/.exec(type) as RegExpExecArray;
        const dts = fs.readFileSync(require.resolve(`@pulumi/aws/${mod}/${file}.d.ts`), "utf8");
        const args = new RegExp(`export interface ${cls}Args \\{([\\s\\S]*?)\\n\\}`).exec(dts);
        assert.ok(args, `${cls}Args in ${mod}/${file}.d.ts`);
        return /\n\s+publiclyAccessible\?: pulumi\.Input<boolean/.test(args[1]);
    };

    it("flags publiclyAccessible: true exactly on the types whose @pulumi/aws inputs have it", () => {
        const resources: TestResource[] = DATABASES.map((type, i) => ({ type, name: `db${i}`, props: { publiclyAccessible: true, vpcSecurityGroupIds: ["sg-0ext"], securityGroupIds: ["sg-0ext"], vpcOptions: { securityGroupIds: ["sg-0ext"] } } }));
        const flagged = runStackPolicy(dbIngressOnlyViaSecurityGroups, resources).filter((f) => f.level === "mandatory").map((f) => resources.find((r) => urnOf(r) === f.urn)?.type);
        assert.deepStrictEqual(flagged, DATABASES.filter(takesFlag));
        assert.deepStrictEqual(flagged, ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance", "aws:redshift/cluster:Cluster", "aws:neptune/clusterInstance:ClusterInstance"]);
    });
});

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
