// `check` on programs that need what `pulumi preview` gives them: stack config (stack file, flags, project
// defaults, secure values), lookups (answered as a fresh AWS account), and multi-language components
// (which mocks cannot expand: the report says so). The bin is run as a user runs it.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../../cli/errors";
import { parseArgs } from "../../cli/main";
import { packName } from "../../policies/catalogue";
import { ANSWERS } from "../../runner/lookup-answers";
import { REPO, Run, assertGolden, runAll } from "./run-bin";
import { assertValidSarif } from "./sarif-schema";

const P = "test/fixtures/programs";
const version = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version;
const head = (policy: string, level: string, type: string, name: string, at: string) => `    [${level}]  ${packName} v${version}  ${policy} (${type}: ${name}) at ${at}`;
// Where the fixtures declare their security groups.
const APP_SG_AT = `${P}/stack-config/index.ts:8`;
const OPS_SG_AT = `${P}/remote-component/index.ts:15`;
const SG = "aws:ec2/securityGroup:SecurityGroup";
const NOT_EXPANDED = (name: string) => `awsx:lb:ApplicationLoadBalancer '${name}' is a multi-language component: its provider creates its children, ` +
    "which a program run under mocks never does, so none of them was checked; they are checked only by `pulumi preview --policy-pack` or `--stack-export`.";
const urn = (name: string) => `urn:pulumi:dev::remote-component::awsx:lb:ApplicationLoadBalancer::${name}`;

describe("cli: check, a program's stack config, lookups and components", function () {
    this.timeout(600_000);
    const runs: { [name: string]: string[] } = {
        configDev: ["check", `${P}/stack-config`],
        configProd: ["check", `${P}/stack-config`, "--stack", "prod"],
        configFlags: ["check", `${P}/stack-config`, "--config", "adminCidr=192.0.2.0/24", "--config=stack-config:appPort=9090",
            "--secret", "partnerCidr=0.0.0.0/0", "--config", "aws:region=ap-south-1"],
        configFile: ["check", `${P}/stack-config`, "--config-file", `${P}/stack-config/ci.json`],
        configBare: ["check", `${P}/stack-config`, "--stack", "bare"],
        configMissing: ["check", `${P}/config-missing`],
        configSecureNumber: ["check", `${P}/config-missing`, "--stack", "secure-port"],
        lookupVpc: ["check", `${P}/lookup-vpc`],
        lookupEchoed: ["check", `${P}/lookup-unanswered`],
        lookupFails: ["check", `${P}/lookup-unanswered`, "--config", "splitCidr=true"],
        remoteText: ["check", `${P}/remote-component`],
        remoteJson: ["check", `${P}/remote-component`, "--format", "json"],
        remoteSarif: ["check", `${P}/remote-component`, "--format", "sarif"],
        remoteFail: ["check", `${P}/remote-component`, "--fail-on-incomplete"],
        remoteFailMandatory: ["check", `${P}/remote-component`, "--fail-on-incomplete", "--config", "officeCidr=0.0.0.0/0"],
        completeFail: ["check", `${P}/lookup-vpc`, "--fail-on-incomplete"],
        badFlag: ["check", `${P}/stack-config`, "--config", "adminCidr"],
        exportWithConfig: ["check", "--stack-export", "test/fixtures/common-mistakes.stack-export.json", "--config", "a=b"],
    };
    const result: { [name: string]: Run } = {};
    before(async () => {
        const names = Object.keys(runs);
        const done = await runAll(names.map((n) => runs[n]));
        names.forEach((n, i) => { result[n] = done[i]; });
    });
    const ok = (name: string, code: number, stderr = "") => {
        const r = result[name];
        assert.deepStrictEqual({ code: r.code, stderr: r.stderr }, { code, stderr }, runs[name].join(" "));
        return r.stdout;
    };
    const failed = (name: string, line: string) => {
        const r = result[name];
        assert.deepStrictEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr }, { code: 2, stdout: "", stderr: `error: ${line}\n` });
    };

    it("stack dev: the stack file's 0.0.0.0/0 for SSH, the project's appPort 8080 and aws:region, a secure CIDR unknown", () => {
        const text = ok("configDev", 1);
        assertGolden("stack-config-dev.txt", text);
        const lines = text.split("\n");
        assert.ok(lines.includes(head("sg-no-admin-ports-from-world", "mandatory", SG, "app-eu-west-1", APP_SG_AT)));
        assert.ok(lines.some((l) => l.startsWith("    ingress[1].cidrBlocks[0] allows TCP port 8080 from 0.0.0.0/0 (every IPv4 address)")));
        assert.ok(lines.includes("    Cannot be verified at preview: ingress[2].cidrBlocks[0] is not known until the resource is created. " +
            "If it is the whole internet, ingress[2].cidrBlocks[0] allows ingress from the whole internet beyond the allowed ports."));
    });

    it("stack prod: its own region, port 443 and trusted CIDRs: only the unused group", () => {
        const text = ok("configProd", 0);
        assertGolden("stack-config-prod.txt", text);
        assert.deepStrictEqual(text.split("\n").filter((l) => l.startsWith("    [")), [head("sg-unused", "advisory", SG, "app-us-west-2", APP_SG_AT)]);
    });

    it("--config and --secret over the stack file: port 9090 and the partner's 0.0.0.0/0 are reported, in ap-south-1", () => {
        const text = ok("configFlags", 0);
        assertGolden("stack-config-flags.txt", text);
        assert.ok(text.includes("    ingress[1].cidrBlocks[0] allows TCP port 9090 from 0.0.0.0/0"));
        assert.ok(text.includes("    ingress[2].cidrBlocks[0] allows TCP port 8443 from 0.0.0.0/0"));
        assert.ok(!text.includes("port 22"));
    });

    it("--config-file instead of the stack file", () => {
        const text = ok("configFile", 0);
        assert.deepStrictEqual(text.split("\n").filter((l) => l.startsWith("    [")), [
            head("sg-ingress-from-world-allowed-ports", "advisory", SG, "app-eu-west-1", APP_SG_AT),
            head("sg-unused", "advisory", SG, "app-eu-west-1", APP_SG_AT),
        ]);
    });

    it("a missing key: exit 2 and one line naming the key and how to pass it (declared by the project, or required by the program)", () => {
        failed("configBare", `stack 'bare' is missing configuration value 'stack-config:adminCidr', declared in ${P}/stack-config/Pulumi.yaml without a default: ` +
            `pass --config stack-config:adminCidr=<value>, or set it in ${P}/stack-config/Pulumi.bare.yaml`);
        failed("configMissing", `program ${P}/config-missing failed: missing required configuration value 'config-missing:vpcCidr': ` +
            `pass --config config-missing:vpcCidr=<value>, or set it in ${P}/config-missing/Pulumi.dev.yaml`);
    });

    it("a secure value the program reads as a number: exit 2, pass it with --secret (never a made-up number)", () => {
        failed("configSecureNumber", `program ${P}/config-missing failed: configuration value 'config-missing:port' is a secure value that check cannot decrypt, ` +
            "and the program reads more than a string from it: pass its value with --secret config-missing:port=<value>");
    });

    it("a VPC found by lookups (default VPC, its subnets, an AMI parameter) completes; the VPC's CIDR reaches the policies", () => {
        const text = ok("lookupVpc", 0);
        assertGolden("lookup-vpc.txt", text);
        assert.ok(text.includes("    ingress[1].cidrBlocks[0] allows TCP port 22 from 172.31.0.0/16, a range wider than /24 (IPv4)."));
        assert.ok(text.endsWith("0 mandatory, 3 advisory: 3 violations on 2 of 3 resources.\n"));
    });

    it("a lookup check cannot answer: a warning when the program completes; named in the error when it then fails", () => {
        ok("lookupEchoed", 0, "warning: the program read aws:ec2/getPrefixList:getPrefixList, which check cannot answer without a cloud account: " +
            "it got its own arguments back, so what the program took from it is not what the cloud would return\n");
        failed("lookupFails", `program ${P}/lookup-unanswered failed: TypeError: Cannot read properties of undefined (reading '0') ` +
            "(after reading aws:ec2/getPrefixList:getPrefixList, which check cannot answer without a cloud account)");
    });

    it("multi-language components: listed at the top of the text report and in its last line; the program's own component is expanded", () => {
        const text = ok("remoteText", 0);
        assertGolden("remote-component.txt", text);
        const lines = text.split("\n");
        assert.deepStrictEqual(lines.slice(2, 4), [
            "2 components not expanded: awsx:lb:ApplicationLoadBalancer 'web', awsx:lb:ApplicationLoadBalancer 'api': " +
            "their children are checked only by `pulumi preview --policy-pack` or `--stack-export`.",
            "",
        ]);
        assert.ok(lines.includes(head("sg-unused", "advisory", SG, "ops-sg", OPS_SG_AT)));
        assert.deepStrictEqual(lines.slice(-3), ["0 mandatory, 1 advisory: 1 violation on 1 of 5 resources.", "Incomplete: 2 components not expanded (listed at the top).", ""]);
    });

    it("multi-language components, JSON: `incomplete` lists each with its URN; nothing else changes shape", () => {
        const stdout = ok("remoteJson", 0);
        assertGolden("remote-component.json", stdout);
        const report = JSON.parse(stdout) as { version: number; incomplete: unknown; summary: { passed: boolean } };
        assert.deepStrictEqual(Object.keys(report), ["version", "pack", "source", "summary", "incomplete", "findings", "exempted"]);
        assert.strictEqual(report.version, 1);
        assert.deepStrictEqual(report.incomplete, ["web", "api"].map((name) => ({
            kind: "component-not-expanded",
            resource: { urn: urn(name), type: "awsx:lb:ApplicationLoadBalancer", name },
            message: NOT_EXPANDED(name),
        })));
    });

    it("multi-language components, SARIF: valid; a run-level tool execution notification for each", () => {
        const log = assertValidSarif(ok("remoteSarif", 0));
        assert.deepStrictEqual(log.runs[0].invocations, [{
            executionSuccessful: true,
            toolExecutionNotifications: ["web", "api"].map((name) => ({
                descriptor: { id: "component-not-expanded" },
                level: "warning",
                message: { text: NOT_EXPANDED(name) },
                locations: [{ logicalLocations: [{ name, fullyQualifiedName: urn(name), kind: "resource" }] }],
            })),
        }]);
    });

    it("--fail-on-incomplete: exit 3 when incomplete; a mandatory violation still exits 1; a complete check is unaffected", () => {
        assert.strictEqual(ok("remoteFail", 3), result.remoteText.stdout);
        assert.ok(ok("remoteFailMandatory", 1).includes(head("sg-no-admin-ports-from-world", "mandatory", SG, "ops-sg", OPS_SG_AT)));
        assert.strictEqual(ok("completeFail", 0), result.lookupVpc.stdout);
    });

    it("usage: a --config without =, config for a stack export", () => {
        failed("badFlag", "--config needs key=value, got 'adminCidr'");
        failed("exportWithConfig", "--config, --secret and --config-file configure a program; a stack export has its values already");
    });
});

describe("docs/check.md: stack config, lookups, components", () => {
    const page = fs.readFileSync(path.join(REPO, "docs", "check.md"), "utf8");

    it("lists every lookup check answers, by token, in its table, and no other", () => {
        const listed = [...page.matchAll(/^\| `aws\.[^`]+` \(`([^`]+)`\) \|/gm)].map((m) => m[1]);
        assert.deepStrictEqual(listed.sort(), Object.keys(ANSWERS).sort());
    });

    it("shows the report of a program with multi-language components as the golden file holds it", () => {
        const cmd = `$ npx aws-network-guardrails check ${P}/remote-component; echo "exit $?"\n`;
        const from = page.indexOf(cmd) + cmd.length;
        assert.ok(from > cmd.length, "docs/check.md shows the command");
        assert.strictEqual(page.slice(from, page.indexOf("```", from)),
            `${fs.readFileSync(path.join(REPO, "test/fixtures/expected/remote-component.txt"), "utf8")}exit 0\n`);
    });
});

describe("cli: parseArgs, a program's config and --fail-on-incomplete", () => {
    it("--config and --secret repeat, in order, with or without =; --config-file; --fail-on-incomplete", () => {
        assert.deepStrictEqual(parseArgs(["check", "dir", "--config", "a=1", "--secret=b=2", "--config=c:d=x=y", "--config-file", "s.yaml", "--fail-on-incomplete"]), {
            program: "dir", outputs: [{ format: "text" }], stack: "dev", failOn: "mandatory",
            programConfig: { config: ["a=1", "c:d=x=y"], secret: ["b=2"], configFile: "s.yaml" },
            failOnIncomplete: true,
        });
    });
    for (const [args, message] of [
        [["check", "dir", "--config"], "--config needs a value"],
        [["check", "dir", "--fail-on-incomplete=yes"], "unknown option '--fail-on-incomplete=yes' (see --help)"],
        [["check", "--stack-export", "e.json", "--secret", "a=b"], "--config, --secret and --config-file configure a program; a stack export has its values already"],
    ] as [string[], string][]) {
        it(`rejects ${args.join(" ")}`, () => {
            assert.throws(() => parseArgs(args), (e: Error) => e instanceof InputError && e.message === message);
        });
    }
});
