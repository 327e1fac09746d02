import * as assert from "assert";
import * as fs from "fs";
import { dbIngressOnlyViaSecurityGroups } from "../../policies/db/ingress-only-via-security-groups";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { OPENSEARCH, RDS, SG, app, dbGroup, rds, run } from "./ingress-only-via-security-groups-fixtures";

const SG_RULE = TYPE.sgRule;
const CACHE = TYPE.elasticacheReplicationGroup;

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
