// `aws-network-guardrails check` on bad input: the bin is run as a user runs it, and every input
// error is one line on stderr with exit 2, never a stack trace.
import * as assert from "assert";
import { Run, runAll } from "./run-bin";

const EXPORT = "test/fixtures/common-mistakes.stack-export.json";

describe("cli: check, bad input (one line on stderr, exit 2)", function () {
    this.timeout(300_000);
    const cases: [string, string[], string][] = [
        ["malformed JSON", ["check", "--stack-export", "test/fixtures/bad/malformed.json"],
            "error: stack export test/fixtures/bad/malformed.json is not valid JSON: Unexpected end of JSON input"],
        ["a stack export of the wrong version", ["check", "--stack-export", "test/fixtures/bad/version-4.stack-export.json"],
            "error: test/fixtures/bad/version-4.stack-export.json is a stack export of version 4; only version 3 (the format of `pulumi stack export`) is supported"],
        ["an empty stack (export)", ["check", "--stack-export", "test/fixtures/bad/empty.stack-export.json"],
            "error: test/fixtures/bad/empty.stack-export.json is an empty stack: it has no resources to check"],
        ["an empty stack (program)", ["check", "test/fixtures/programs/empty"],
            "error: program test/fixtures/programs/empty is an empty stack: it registers no resources to check"],
        ["a program that throws", ["check", "test/fixtures/programs/throws"],
            "error: program test/fixtures/programs/throws failed: Missing required configuration variable 'throws:vpcId'"],
        ["a program directory without Pulumi.yaml", ["check", "test/fixtures/programs/no-project"],
            "error: no Pulumi.yaml found in test/fixtures/programs/no-project: a program directory needs a Pulumi project file"],
        ["a missing export file", ["check", "--stack-export", "test/fixtures/bad/nope.json"],
            "error: stack export test/fixtures/bad/nope.json does not exist"],
        ["an unknown --format", ["check", "examples/three-tier", "--format", "xml"],
            "error: unknown --format 'xml': use text, json or sarif"],
        ["malformed --policy-pack-config", ["check", "examples/three-tier", "--policy-pack-config", "test/fixtures/bad/malformed.json"],
            "error: policy pack config test/fixtures/bad/malformed.json is not valid JSON: Unexpected end of JSON input"],
        ["a stack export with two resources of one URN", ["check", "--stack-export", "test/fixtures/bad/duplicate-urn.stack-export.json"],
            "error: test/fixtures/bad/duplicate-urn.stack-export.json lists two resources with the URN urn:pulumi:prod::app::aws:ec2/securityGroup:SecurityGroup::web; " +
            "a stack has one resource per URN, so the export is damaged"],
        ["a stack export holding a signature nobody knows", ["check", "--stack-export", "test/fixtures/bad/unknown-signature.stack-export.json"],
            "error: test/fixtures/bad/unknown-signature.stack-export.json: urn:pulumi:prod::app::aws:ec2/securityGroup:SecurityGroup::web: " +
            "outputs.ingress[0].cidrBlocks[0] holds a value with the signature \"0123456789abcdef0123456789abcdef\", which neither the Pulumi engine nor a policy pack knows"],
        ["a stack export holding a resource reference without a URN", ["check", "--stack-export", "test/fixtures/bad/reference-without-urn.stack-export.json"],
            "error: test/fixtures/bad/reference-without-urn.stack-export.json: urn:pulumi:prod::app::aws:ec2/securityGroup:SecurityGroup::web: " +
            "outputs.ingress[0].cidrBlocks[0] holds a resource reference without a string urn"],
        ["a stack export holding an output value whose secret flag is not a boolean", ["check", "--stack-export", "test/fixtures/bad/output-secret-flag.stack-export.json"],
            "error: test/fixtures/bad/output-secret-flag.stack-export.json: urn:pulumi:prod::app::aws:ec2/securityGroup:SecurityGroup::web: " +
            "outputs.ingress[0].cidrBlocks[0].secret is the secret flag of an output value, but not a boolean"],
        ["a stack export holding an asset a policy pack cannot read", ["check", "--stack-export", "test/fixtures/bad/asset-without-content.stack-export.json"],
            "error: test/fixtures/bad/asset-without-content.stack-export.json: urn:pulumi:prod::app::aws:ec2/securityGroup:SecurityGroup::web: " +
            "inputs.tags[\"Owner Team\"] holds an asset without path, text or uri, which a policy pack cannot read"],
        ["a stack export holding a string that is not UTF-8", ["check", "--stack-export", "test/fixtures/bad/non-utf8-string.stack-export.json"],
            "error: test/fixtures/bad/non-utf8-string.stack-export.json: urn:pulumi:prod::app::aws:ec2/securityGroup:SecurityGroup::web: " +
            "outputs.ingress[0].cidrBlocks[0] holds a string that is not valid UTF-8, which the Pulumi engine does not send to a policy pack"],
        ["a policy name the pack does not have", ["check", "--stack-export", EXPORT, "--policy-pack-config", "test/fixtures/config/unknown-policy.json"],
            "error: invalid policy pack config: sg-egress-restrictd: this pack has no policy of that name; did you mean 'sg-egress-restricted'?"],
        ["an open-ended exemption from a mandatory policy", ["check", "--stack-export", EXPORT, "--policy-pack-config", "test/fixtures/config/open-ended-mandatory-exemption.json"],
            "error: invalid policy pack configuration: sg-no-admin-ports-from-world: exemptions[0] ('bastion') has no expires date, " +
            "which every exemption from a mandatory policy needs (YYYY-MM-DD)."],
        ["a config value the policy's schema rejects", ["check", "--stack-export", EXPORT, "--policy-pack-config", "test/fixtures/config/invalid-option.json"],
            "error: invalid policy pack config: validating policy config: aws-network-guardrails 0.1.0  sg-rule-quota: maxRules: Invalid type. Expected: integer, given: string"],
        ["no arguments to check", ["check"],
            "error: check needs a program directory or --stack-export <file> (see --help)"],
        ["an unknown option", ["check", "examples/three-tier", "--strict"],
            "error: unknown option '--strict' (see --help)"],
        ["an unknown command", ["lint", "examples/three-tier"],
            "error: unknown command 'lint': the only command is `check` (see --help)"],
    ];
    const results: Run[] = [];
    before(async () => {
        results.push(...await runAll(cases.map(([, args]) => args), 4));
    });
    cases.forEach(([what, args, line], i) => {
        it(`${what}: ${args.join(" ")}`, () => {
            const r = results[i];
            assert.deepStrictEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr }, { code: 2, stdout: "", stderr: `${line}\n` });
        });
    });
});
