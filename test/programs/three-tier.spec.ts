import * as assert from "assert";
import { captureProgram } from "../../runner/capture";
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
});
