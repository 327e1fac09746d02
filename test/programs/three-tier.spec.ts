import * as assert from "assert";
import { captureProgram } from "../../runner/capture";
import { dbNotReachableFromInternet } from "../../policies/exposure/db-not-reachable-from-internet";
import { runStackPolicyOn } from "../util/run-stack-policy";
import { analyseStack } from "./analyse";
import { Mutation, threeTier } from "./three-tier";

describe("program: three-tier (ALB -> web -> app -> RDS, with NACLs and flow logs)", () => {
    it("passes every policy on a first preview, IDs unknown", async () => {
        assert.deepStrictEqual(analyseStack(await captureProgram(() => threeTier(), { preview: true })), []);
    });

    it("passes every policy on an update, IDs known", async () => {
        assert.deepStrictEqual(analyseStack(await captureProgram(() => threeTier(), { preview: false })), []);
    });

    const mutations: [Mutation, string][] = [
        ["nacl-missing-return-path", "nacl-ephemeral-return-traffic: mandatory: private: "],
        ["nacl-ssh-from-world", "nacl-no-admin-ports-from-world: mandatory: public: "],
        ["nacl-duplicate-rule-number", "nacl-rules-effective: advisory: public: "],
        ["sixth-sg-on-web", "eni-security-group-limit: mandatory: web: aws.ec2.Instance 'web' puts 6 security groups on one network interface (vpcSecurityGroupIds): 'web', 'ssm', 'monitoring', 'backup', 'audit' and 'debug'"],
        ["rds-public", "db-ingress-only-via-security-groups: mandatory: db: aws.rds.Instance 'db' sets publiclyAccessible: true, so it gets a public address and any security-group rule that admits an address range admits the internet"],
        ["no-flow-log", "vpc-flow-logs-enabled: advisory: main: aws.ec2.Vpc 'main' has no flow log"],
        ["inline-and-standalone-ingress", "sg-rules-managed-one-way: mandatory: web: aws.ec2.SecurityGroup 'web' declares ingress rules inline (ingress[0]) and also has standalone ingress rules: aws.vpc.SecurityGroupIngressRule 'web-from-alb'"],
        ["unused-sg", "sg-unused: advisory: legacy: aws.ec2.SecurityGroup 'legacy' is not attached to any resource in the stack and no rule references it"],
        ["default-sg-rule", "sg-default-denies-all: mandatory: default: ingress[0].self allows TCP port 443 from members of this security group (self) on the default security group"],
        ["app-egress-anywhere", "sg-egress-restricted: advisory: app-anywhere: cidrIpv4 allows all traffic (every protocol and port) to 0.0.0.0/0 (every IPv4 address), which is egress to the whole internet beyond the allowed ports"],
        // 61 pinned hosts plus the reference to the web tier.
        ["too-many-rules", "sg-rule-quota: mandatory: app: aws.ec2.SecurityGroup 'app' has 62 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60"],
        // A route and an address are not a path: the database's group and its subnet's ACL still admit only the app tier.
        ["db-public-route-table", "db-ingress-only-via-security-groups: mandatory: db: aws.rds.Instance 'db' sets publiclyAccessible: true, so it gets a public address and any security-group rule that admits an address range admits the internet"],
    ];
    for (const [mutation, expected] of mutations) {
        for (const preview of [true, false]) {
            it(`${mutation} (${preview ? "preview" : "update"}): exactly one finding, ${expected.split(":")[0]}`, async () => {
                const findings = analyseStack(await captureProgram(() => threeTier(mutation), { preview }));
                assert.strictEqual(findings.length, 1, findings.join("\n"));
                assert.ok(findings[0].startsWith(expected), `${findings[0]}\ndoes not start with\n${expected}`);
            });
        }
    }

    // The DB subnet on the public route table, publicly accessible, its group open on 5432 and its subnet back on the VPC's default ACL.
    for (const preview of [true, false]) {
        it(`db-open-to-internet (${preview ? "preview" : "update"}): the path from the internet to the database, hop by hop`, async () => {
            const findings = analyseStack(await captureProgram(() => threeTier("db-open-to-internet"), { preview }));
            const full = runStackPolicyOn(dbNotReachableFromInternet, (await captureProgram(() => threeTier("db-open-to-internet"), { preview })).resources
                .map((r) => ({ urn: r.urn, type: r.type, name: r.name, props: r.outputs, propertyDependencies: r.propertyDependencies })));
            assert.deepStrictEqual(full.map((f) => [f.level, f.message]), [["mandatory",
                "aws.rds.Instance 'db' is reachable from the internet on TCP port 5432 (IPv4): route: aws.ec2.Subnet 'db-a' uses aws.ec2.RouteTable 'public' " +
                "(through aws.ec2.RouteTableAssociation 'db-a'), and its routes[0] sends 0.0.0.0/0 to aws.ec2.InternetGateway 'main'; address: " +
                "publiclyAccessible: true gives it a public IPv4 address; network ACL: the default network ACL of aws.ec2.Vpc 'main' (AWS's, not declared " +
                "in this stack): inbound rule 100 lets all traffic in, and outbound rule 100 lets all traffic out, the replies among it; security group: on aws.ec2.SecurityGroup 'db', aws.vpc.SecurityGroupIngressRule 'db-from-laptop' " +
                "cidrIpv4 allows TCP port 5432 from 0.0.0.0/0 (every IPv4 address). Fix: Take the database off the internet: set publiclyAccessible: false, " +
                "put it in subnets whose route table has no route to an internet gateway, and let its security groups admit only the app tier's security " +
                "group (ALB -> web -> app -> DB).",
            ]]);
            assert.deepStrictEqual(findings.map((f) => f.split(": ").slice(0, 3).join(": ")), [
                "sg-db-ingress-only-from-security-groups: mandatory: db-from-laptop",
                "sg-ingress-from-world-allowed-ports: advisory: db-from-laptop",
                "db-ingress-only-via-security-groups: mandatory: db",
                "db-ingress-only-via-security-groups: mandatory: db",
                "db-not-reachable-from-internet: mandatory: db",
            ]);
        });
    }
});
