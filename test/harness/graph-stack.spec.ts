/**
 * The stack model over the Analyzer protocol: the pack started as the CLI starts it, AnalyzeStack
 * fed with real programs captured under mocks (and, for inputs the engine never sends, by hand).
 * A database without security groups, an interface whose groups come from attachments, a prefix
 * list linked by property dependency at a first preview, two resources with one URN, and a group
 * the stack exports.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { AnalyzeResult, StackResource } from "../../runner/analyzer-client";
import { captureProgram, toStackResources } from "../../runner/capture";
import { sharedNetwork } from "../programs/shared-network";
import { TYPE } from "../util/types";
import { suitePack } from "./suite-pack";

const urn = (type: string, name: string) => `urn:pulumi:stack::project::${type}::${name}`;

/** [policy, level, first sentence, urn] of the diagnostics of the named policies, in order. */
function of(r: AnalyzeResult, ...policies: string[]): [string, string, string, string | undefined][] {
    return r.diagnostics.filter((d) => policies.includes(d.policyName)).map((d) => [d.policyName, d.enforcementLevel, d.message.split(". ")[0], d.urn]);
}

describe("analyzer protocol: the stack model (AnalyzeStack)", function () {
    this.timeout(180_000);
    const pack = suitePack();

    it("a publicly accessible database with no security group: mandatory violation, and a note on the default group it gets", async () => {
        const db: StackResource = {
            urn: urn(TYPE.rdsInstance, "reports"), type: TYPE.rdsInstance, name: "reports",
            properties: { engine: "postgres", instanceClass: "db.t3.micro", publiclyAccessible: true }, dependencies: [], propertyDependencies: {},
        };
        const r = await pack().analyzeStack([db]);
        assert.deepStrictEqual(r.diagnostics.filter((d) => d.policyName === "db-ingress-only-via-security-groups").map((d) => [d.enforcementLevel, d.severity, d.message, d.urn]), [
            ["mandatory", "high", "aws.rds.Instance 'reports' sets publiclyAccessible: true, so it gets a public address and " +
                "any security-group rule that admits an address range admits the internet. Fix: Admit clients only by security-group reference (ALB -> web -> " +
                "app -> DB): replace CIDR and prefix-list rules on the database's groups with rules whose source is the app tier's security group, and keep " +
                "the database private (publiclyAccessible: false).", db.urn],
            ["advisory", "high", "aws.rds.Instance 'reports' declares no security group, so AWS attaches the default " +
                "security group of the account's default VPC, which is not in this stack, so its rules cannot be checked: any address range it admits reaches " +
                "the database. Fix: set vpcSecurityGroupIds to a security group of this stack that admits only the app tier's security group (AWS attaches " +
                "the VPC's default group only when none is set), or declare the VPC's aws.ec2.DefaultSecurityGroup in this stack so that its rules are checked.", db.urn],
        ]);
    });

    it("a real program at a first preview: the database's subnet group leads to its VPC; the interface counts its attached groups and the default one", async () => {
        const r = await pack().analyzeStack(toStackResources(await captureProgram(() => sharedNetwork({ exportAs: "resource" }), { preview: true })));
        assert.deepStrictEqual(of(r, "db-ingress-only-via-security-groups", "eni-security-group-limit", "sg-unused"), [
            ["eni-security-group-limit", "mandatory", "aws.ec2.NetworkInterface 'sidecar' puts 6 security " +
                "groups on one network interface (securityGroups): 'ssm', 'monitoring', 'backup', 'audit', 'debug' and the default security group of " +
                "aws.ec2.Vpc 'main' (it declares none)", urn(TYPE.eni, "sidecar")],
            ["db-ingress-only-via-security-groups", "mandatory", "aws.rds.Instance 'reports' sets publiclyAccessible: " +
                "true, so it gets a public address and any security-group rule that admits an address range admits the internet", urn(TYPE.rdsInstance, "reports")],
            ["db-ingress-only-via-security-groups", "advisory", "aws.rds.Instance 'reports' declares no security group, " +
                "so AWS attaches the default security group of aws.ec2.Vpc 'main', which is not in this stack, so its rules cannot be checked: any address " +
                "range it admits reaches the database", urn(TYPE.rdsInstance, "reports")],
        ]);
    });

    it("an exported group is in use: by ID on an update, exported whole at a first preview", async () => {
        for (const [exportAs, preview] of [["id", false], ["resource", true]] as const) {
            const r = await pack().analyzeStack(toStackResources(await captureProgram(() => sharedNetwork({ exportAs }), { preview })));
            assert.deepStrictEqual(of(r, "sg-unused"), [], `${exportAs}, ${preview ? "preview" : "update"}`);
        }
        const none = await pack().analyzeStack(toStackResources(await captureProgram(() => sharedNetwork(), { preview: false })));
        assert.deepStrictEqual(of(none, "sg-unused"), [["sg-unused", "advisory", "aws.ec2.SecurityGroup 'shared' is not " +
            "attached to any resource in the stack and no rule references it", urn(TYPE.sg, "shared")]]);
    });

    it("a prefix list of the stack, linked by property dependency at a first preview, counts its maxEntries", async () => {
        const program = () => {
            const office = new aws.ec2.ManagedPrefixList("office", { addressFamily: "IPv4", maxEntries: 60 });
            const web = new aws.ec2.SecurityGroup("web", { description: "Web tier" });
            new aws.vpc.SecurityGroupIngressRule("from-office", { securityGroupId: web.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: office.id, description: "office" });
            new aws.vpc.SecurityGroupIngressRule("from-partner", { securityGroupId: web.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "203.0.113.0/24", description: "partner" });
        };
        const r = await pack().analyzeStack(toStackResources(await captureProgram(program, { preview: true })));
        assert.deepStrictEqual(of(r, "sg-rule-quota"), [["sg-rule-quota", "mandatory", "aws.ec2.SecurityGroup 'web' has " +
            "61 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60", urn(TYPE.sg, "web")]]);
    });

    it("two resources with one URN: both are evaluated, and both findings name that URN", async () => {
        const copy = (n: number): StackResource => ({
            urn: urn(TYPE.sg, "web"), type: TYPE.sg, name: "web", dependencies: [], propertyDependencies: {},
            properties: { description: "d", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, description: "r", cidrBlocks: Array.from({ length: n }, (_, i) => `10.0.${i}.0/24`) }] },
        });
        const r = await pack().analyzeStack([copy(61), copy(62)]);
        assert.deepStrictEqual(of(r, "sg-rule-quota"), [61, 62].map((n) => ["sg-rule-quota", "mandatory", "aws.ec2.SecurityGroup " +
            `'web' has ${n} inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60`, urn(TYPE.sg, "web")]));
    });
});
