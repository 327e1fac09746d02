/**
 * Over the Analyzer protocol: a rule resource whose group is chosen from the database's group and
 * another. At a first preview its group cannot be told, so each database it may reach gets a note
 * naming the rule (never nothing); on an update its known ID decides, and the CIDR on the database's
 * group is a mandatory violation.
 */
import * as assert from "assert";
import { PackClient, startPack } from "../../runner/analyzer-client";
import { captureProgram, toStackResources } from "../../runner/capture";
import { pendingRule, pendingWorldRule } from "../programs/pending-rule";
import { TYPE } from "../util/types";
import { REPO } from "./pack-dirs";

const urn = (type: string, name: string) => `urn:pulumi:stack::project::${type}::${name}`;
const POLICY = "db-ingress-only-via-security-groups";
const FIX = "Fix: Admit clients only by security-group reference (ALB -> web -> app -> DB): replace CIDR and prefix-list rules on the " +
    "database's groups with rules whose source is the app tier's security group, and keep the database private (publiclyAccessible: false).";

describe("analyzer protocol: a rule resource whose group cannot be told yet, on a database (AnalyzeStack)", function () {
    this.timeout(180_000);
    let pack: PackClient;
    const analyze = async (preview: boolean) => (await pack.analyzeStack(toStackResources(await captureProgram(pendingRule, { preview }))))
        .diagnostics.filter((d) => d.policyName === POLICY).map((d) => [d.enforcementLevel, d.message, d.urn]);

    before(async () => {
        pack = await startPack(REPO);
        await pack.configure({});
    });

    after(async () => {
        await pack?.close();
    });

    it("first preview: an advisory note on each database whose group the rule may be on, naming the rule and the group", async () => {
        const note = (group: string, db: string) => "Cannot be verified at preview: securityGroupId is not known until the resource is " +
            `created. aws.vpc.SecurityGroupIngressRule 'office' adds a rule to a security group that cannot be told yet and may be '${group}': ` +
            `if so, cidrIpv4 allows TCP port 5432 from 10.20.0.0/16 to ${db}. ${FIX}`;
        assert.deepStrictEqual(await analyze(true), [
            ["advisory", note("cache", "aws.elasticache.ReplicationGroup 'redis'"), urn(TYPE.elasticacheReplicationGroup, "redis")],
            ["advisory", note("db", "aws.rds.Instance 'pg'"), urn(TYPE.rdsInstance, "pg")],
        ]);
    });

    it("update: the known ID names the database's group, so the CIDR is a mandatory violation", async () => {
        assert.deepStrictEqual(await analyze(false), [
            ["mandatory", "aws.rds.Instance 'pg' trusts an address range: on its security group 'db' (aws.vpc.SecurityGroupIngressRule " +
                "'office'), cidrIpv4 allows TCP port 5432 from 10.20.0.0/16. Any host that gets an address there reaches the database, which " +
                `breaks the ALB -> web -> app -> DB trust chain. ${FIX}`, urn(TYPE.rdsInstance, "pg")],
        ]);
    });

    it("first preview, SSH from anywhere whose group is 'web' or 'admin': notes from the policies whose verdict it can change, on each group", async () => {
        const r = await pack.analyzeStack(toStackResources(await captureProgram(pendingWorldRule, { preview: true })));
        const POLICIES = ["sg-rule-quota", "sg-rules-managed-one-way", "sg-world-ingress-only-on-load-balancers"];
        const NOTE = "Cannot be verified at preview: securityGroupId is not known until the resource is created";
        const world = (group: string) => [`${NOTE}. If aws.vpc.SecurityGroupIngressRule 'ssh' adds its rule to aws.ec2.SecurityGroup '${group}', ` +
            "the group admits every IPv4 address (aws.vpc.SecurityGroupIngressRule 'ssh' cidrIpv4) and is attached to compute: aws.ec2.Instance 'vm'.",
        urn(TYPE.sg, group)];
        assert.deepStrictEqual(r.diagnostics.filter((d) => POLICIES.includes(d.policyName)).map((d) => [d.policyName, d.enforcementLevel, d.message, d.urn]), [
            ["sg-rule-quota", "advisory", `${NOTE} (aws.vpc.SecurityGroupIngressRule 'ssh', which may add its rules to this group). ` +
                "aws.ec2.SecurityGroup 'web' has at least 60 inbound IPv4 rules; this part cannot be counted against the quota of 60.", urn(TYPE.sg, "web")],
            ["sg-rules-managed-one-way", "advisory", `${NOTE}. aws.ec2.SecurityGroup 'web' declares ingress rules inline (ingress[0]); if ` +
                "aws.vpc.SecurityGroupIngressRule 'ssh' adds its ingress rule to this group, the group's ingress rules are managed two ways and " +
                "flap on every update.", urn(TYPE.sg, "web")],
            ["sg-world-ingress-only-on-load-balancers", "advisory", ...world("admin")],
            ["sg-world-ingress-only-on-load-balancers", "advisory", ...world("web")],
        ]);
    });
});
