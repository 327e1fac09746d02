// `check` on programs that the nodejs language host runs in ways the checker must too: ES modules,
// a program's own tsconfig.json and working directory, a compiled main, resource objects as inputs,
// resources declared in another module; and on programs that hang, stall, exit, or write to stdout.
// Each with its exact report (text; JSON and SARIF for the declaration site).
import * as assert from "assert";
import type * as sarif from "sarif";
import { pathToFileURL } from "url";
import { packName } from "../../policies/catalogue";
import { TYPE } from "../util/types";
import { REPO, Run, runAll } from "./run-bin";

const VERSION = (require("../../package.json") as { version: string }).version;
const DIR = "test/fixtures/programs";

const SSH = "ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address). This opens SSH (TCP port 22) to the whole internet, " +
    "where scanners find and brute-force admin ports within minutes. Fix: Allow the port only from a bastion host's security group or a trusted CIDR, " +
    "or remove the rule and connect with AWS Systems Manager Session Manager, which needs no inbound port at all.";
const SSH_BEYOND = worldBeyond(22);
const UNUSED = (name: string) => `aws.ec2.SecurityGroup '${name}' is not attached to any resource in the stack and no rule references it. ` +
    "Fix: Delete the group, or attach it where it is meant to be used; unused groups with open rules are a ready-made hole for the next resource someone attaches them to.";
const ON_COMPUTE = (group: string, instance: string) => `aws.ec2.SecurityGroup '${group}' admits every IPv4 address (ingress[0].cidrBlocks[0]) and is attached ` +
    `to compute: aws.ec2.Instance '${instance}'. Internet traffic then reaches the hosts directly, with no load balancer to absorb scans and malformed requests. ` +
    "Fix: Put a load balancer in front: give the load balancer the internet-facing group, and let the compute group admit only the load balancer's security group.";

/** The path policies on an instance that declares no subnet: it is in the default VPC, outside the stack. */
const DEFAULT_VPC = (instance: string) => "Cannot be verified: subnetId is not set, so AWS puts the resource in the account's default VPC, " +
    `whose routes and network ACLs are not in this stack. aws.ec2.Instance '${instance}' may be reachable from the internet on TCP port 22 (IPv4).`;
const NOT_ONLY_LB = (instance: string) => `${DEFAULT_VPC(instance)} Fix: Put it behind a load balancer: move it to subnets without a route to an internet gateway, ` +
    "give it no public address, and let its security groups admit only the load balancer's security group.";
const ADMIN_PATH = (instance: string) => `${DEFAULT_VPC(instance)} Fix: Close the path at one layer at least: admit the admin port only from a bastion's ` +
    "security group or a trusted CIDR, keep the host in a subnet without a route to an internet gateway and without a public address, forward no admin " +
    "port from a load balancer, or connect with AWS Systems Manager Session Manager, which needs no inbound port at all.";

function worldBeyond(port: number): string {
    return `ingress[0].cidrBlocks[0] allows TCP port ${port} from 0.0.0.0/0 (every IPv4 address), which is ingress from the whole internet beyond the allowed ports. ` +
        "Every port open to the internet is attack surface that scanners probe continuously. Fix: Open only the public service ports (by default HTTP 80 and HTTPS 443) " +
        "to the internet, ideally on a load balancer's security group; admit everything else by security-group reference or from trusted CIDRs.";
}

/** A finding as the text report shows it: its header (with where the resource was declared) and its message. */
function finding(level: string, policy: string, name: string, at: string, message: string, type: string = TYPE.sg): string[] {
    return [`    [${level}]  ${packName} v${VERSION}  ${policy} (${type}: ${name}) at ${at}`, `    ${message}`];
}

/** The two path findings on an instance in the default VPC whose group admits SSH from anywhere. */
function instancePaths(instance: string, at: string): string[][] {
    return [
        ["", ...finding("advisory", "compute-reachable-only-through-load-balancers", instance, at, NOT_ONLY_LB(instance), TYPE.instance)],
        finding("advisory", "admin-ports-not-reachable-from-internet", instance, at, ADMIN_PATH(instance), TYPE.instance),
    ];
}

function report(program: string, project: string, findings: string[][], summary: string): string {
    return [`Checked program ${DIR}/${program} (preview of project ${project}, stack dev) with ${packName} v${VERSION}`, "",
        "Policy Violations:", ...findings.flat(), "", summary, ""].join("\n");
}

/** The usual three findings on a group open to SSH (or another admin port) from anywhere and attached to nothing. */
function openUnused(program: string, name: string, at: string, mandatory: string, beyond: string, unused = UNUSED(name)): string {
    return report(program, program, [
        finding("mandatory", "sg-no-admin-ports-from-world", name, at, mandatory),
        finding("advisory", "sg-ingress-from-world-allowed-ports", name, at, beyond),
        finding("advisory", "sg-unused", name, at, unused),
    ], "1 mandatory, 2 advisory: 3 violations on 1 of 2 resources.");
}

const RDP = SSH.replace("TCP port 22", "TCP port 3389").replace("SSH (TCP port 22)", "RDP (TCP port 3389)");
const NOT_VERIFIED_UNUSED = "Cannot be verified at preview: the stack output groupId is not known until the resources it comes from are created. " +
    "aws.ec2.SecurityGroup 'bastion' is not attached to any resource in the stack and no rule references it, but the stack exports groupId, " +
    "which may be its ID for another stack to use; it is unused unless that is so.";
const REDIS = "ingress[0].cidrBlocks[0] allows TCP port 6379 from 0.0.0.0/0 (every IPv4 address), which reaches TCP port 6379. Every address on the internet " +
    "can then connect to the database, and no allow list makes that trusted. Fix: Make the database's security group admit its clients by security-group reference " +
    "(the app tier's SG as `securityGroups`, `sourceSecurityGroupId` or `referencedSecurityGroupId`) instead of an address range.";

const RUNS: { [name: string]: string[] } = {
    esmTypescript: ["check", `${DIR}/esm-typescript`],
    esmJavascript: ["check", `${DIR}/esm-javascript`],
    ownTsconfig: ["check", `${DIR}/own-tsconfig`],
    compiledMain: ["check", `${DIR}/compiled-main`],
    stdoutWriter: ["check", `${DIR}/stdout-writer`],
    referenceInputs: ["check", `${DIR}/reference-inputs`],
    moduleDeclared: ["check", `${DIR}/module-declared`],
    moduleDeclaredJson: ["check", `${DIR}/module-declared`, "--format", "json"],
    moduleDeclaredSarif: ["check", `${DIR}/module-declared`, "--format", "sarif"],
    stalled: ["check", `${DIR}/stalled`],
    stalledOptions: ["check", `${DIR}/stalled-options`],
    hanging: ["check", `${DIR}/hanging`, "--timeout", "20"],
    exits: ["check", `${DIR}/exits`],
    python: ["check", `${DIR}/python-runtime`],
};

describe("cli: check runs programs the way the nodejs language host does", function () {
    this.timeout(900_000);
    const result: { [name: string]: Run } = {};

    before(async () => {
        const names = Object.keys(RUNS);
        (await runAll(names.map((n) => RUNS[n]))).forEach((r, i) => { result[names[i]] = r; });
    });

    const ok = (name: string, stdout: string, stderr = "") => {
        const r = result[name];
        assert.deepStrictEqual({ code: r.code, stderr: r.stderr }, { code: 1, stderr }, RUNS[name].join(" "));
        assert.strictEqual(r.stdout, stdout);
    };
    const refused = (name: string, lines: string[]) => {
        const r = result[name];
        assert.deepStrictEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr }, { code: 2, stdout: "", stderr: lines.join("\n") + "\n" }, RUNS[name].join(" "));
    };

    it("an ES module in TypeScript (\"type\": \"module\", top-level await, a .js import of a .ts module): run with import(), lines of the .ts file", () => {
        ok("esmTypescript", openUnused("esm-typescript", "bastion", `${DIR}/esm-typescript/index.ts:10`, SSH, SSH_BEYOND, NOT_VERIFIED_UNUSED));
    });

    it("an ES module in JavaScript (.mjs main, top-level await)", () => {
        ok("esmJavascript", openUnused("esm-javascript", "rdp", `${DIR}/esm-javascript/index.mjs:9`, RDP, worldBeyond(3389)));
    });

    it("a program that needs its own tsconfig.json (legacy decorators) and its directory as working directory (reads ports.json)", () => {
        ok("ownTsconfig", openUnused("own-tsconfig", "admin", `${DIR}/own-tsconfig/index.ts:20`, SSH, SSH_BEYOND));
    });

    it("a compiled program: package.json's main (build/index.js) runs, not the TypeScript beside it", () => {
        ok("compiledMain", report("compiled-main", "compiled-main", [
            finding("mandatory", "sg-db-ingress-only-from-security-groups", "cache", `${DIR}/compiled-main/build/index.js:5`, REDIS),
            finding("advisory", "sg-ingress-from-world-allowed-ports", "cache", `${DIR}/compiled-main/build/index.js:5`, worldBeyond(6379)),
            finding("advisory", "sg-unused", "cache", `${DIR}/compiled-main/build/index.js:5`, UNUSED("cache")),
        ], "1 mandatory, 2 advisory: 3 violations on 1 of 2 resources."));
    });

    it("a program that writes a fake report to stdout, forges an answer on the channel and replaces process.exit: the real report, its output on stderr", () => {
        ok("stdoutWriter", openUnused("stdout-writer", "bastion", `${DIR}/stdout-writer/index.ts:10`, SSH, SSH_BEYOND),
            "No policy violations in 1 resource.\nChecked program stdout-writer: passed\nexit 0\n");
    });

    it("resource objects as inputs (role: someRole, iamInstanceProfile: profile): checked, no error", () => {
        const at = `${DIR}/reference-inputs/index.ts:11`;
        ok("referenceInputs", report("reference-inputs", "reference-inputs", [
            finding("mandatory", "sg-no-admin-ports-from-world", "web", at, SSH),
            finding("advisory", "sg-ingress-from-world-allowed-ports", "web", at, SSH_BEYOND),
            finding("advisory", "sg-world-ingress-only-on-load-balancers", "web", at, ON_COMPUTE("web", "app")),
            ...instancePaths("app", `${DIR}/reference-inputs/index.ts:16`),
        ], "1 mandatory, 4 advisory: 5 violations on 2 of 5 resources."));
    });

    const NETWORK = `${DIR}/module-declared/network.ts`;

    it("a resource declared in a module of the program (network.ts): text points at that module's line", () => {
        ok("moduleDeclared", report("module-declared", "module-declared", [
            finding("mandatory", "sg-no-admin-ports-from-world", "bastion", `${NETWORK}:5`, SSH),
            finding("advisory", "sg-ingress-from-world-allowed-ports", "bastion", `${NETWORK}:5`, SSH_BEYOND),
            finding("advisory", "sg-world-ingress-only-on-load-balancers", "bastion", `${NETWORK}:5`, ON_COMPUTE("bastion", "bastion")),
            ...instancePaths("bastion", `${DIR}/module-declared/index.ts:5`),
        ], "1 mandatory, 4 advisory: 5 violations on 2 of 3 resources."));
    });

    it("JSON: each finding's location { file, line }", () => {
        const r = result.moduleDeclaredJson;
        assert.strictEqual(r.code, 1, r.stderr);
        const findings = (JSON.parse(r.stdout) as { findings: { policy: string; location: unknown }[] }).findings;
        assert.deepStrictEqual(findings.map((f) => [f.policy, f.location]), [
            ["sg-no-admin-ports-from-world", { file: NETWORK, line: 5 }],
            ["sg-ingress-from-world-allowed-ports", { file: NETWORK, line: 5 }],
            ["sg-world-ingress-only-on-load-balancers", { file: NETWORK, line: 5 }],
            ["compute-reachable-only-through-load-balancers", { file: `${DIR}/module-declared/index.ts`, line: 5 }],
            ["admin-ports-not-reachable-from-internet", { file: `${DIR}/module-declared/index.ts`, line: 5 }],
        ]);
    });

    it("SARIF: physicalLocation relative to the repository root (%SRCROOT%), at the module's line", () => {
        const r = result.moduleDeclaredSarif;
        assert.strictEqual(r.code, 1, r.stderr);
        const run = (JSON.parse(r.stdout) as sarif.Log).runs[0];
        assert.deepStrictEqual(run.originalUriBaseIds, { "%SRCROOT%": { uri: pathToFileURL(REPO).href + "/" } });
        assert.deepStrictEqual((run.results ?? []).map((x) => x.locations?.[0]?.physicalLocation),
            [...Array(3).fill({ artifactLocation: { uri: NETWORK, uriBaseId: "%SRCROOT%" }, region: { startLine: 5 } }),
                ...Array(2).fill({ artifactLocation: { uri: `${DIR}/module-declared/index.ts`, uriBaseId: "%SRCROOT%" }, region: { startLine: 5 } })]);
        assert.deepStrictEqual(run.artifacts?.map((a) => a.location?.uri), [`${DIR}/module-declared/index.ts`, NETWORK]);
    });

    const STALLED = (program: string, line: number) => [
        `  ${TYPE.sg} 'web' (${DIR}/${program}/index.ts:${line}) waits for input vpcId, a value that never resolved`,
        `  ${TYPE.sgRule} 'web-https' (${DIR}/${program}/index.ts:${line + 1}) waits for input securityGroupId, ` +
        `an output of ${TYPE.sg} 'web' (${DIR}/${program}/index.ts:${line}), which never completed`,
    ];

    it("a program whose registrations wait for a value that never arrives: exit 2 at once, naming each and what it waits for", () => {
        refused("stalled", [`error: program ${DIR}/stalled stopped before it finished: 2 resource registrations never completed, and nothing is left to run`,
            ...STALLED("stalled", 7)]);
    });

    it("registrations that wait through their parent, dependsOn, or an output of a resource that completed: each named", () => {
        const at = (line: number) => `${DIR}/stalled-options/index.ts:${line}`;
        const net = `acme:index:Network 'net' (${at(9)})`;
        refused("stalledOptions", [`error: program ${DIR}/stalled-options stopped before it finished: 4 resource registrations never completed, and nothing is left to run`,
            `  ${net} waits for input vpcId, a value that never resolved`,
            `  ${TYPE.sg} 'app' (${at(14)}) waits for its parent ${net}, which never completed`,
            `  ${TYPE.sg} 'cache' (${at(15)}) waits for its dependsOn ${net}, which never completed`,
            `  ${TYPE.sg} 'web' (${at(16)}) waits for input description, an output of ${TYPE.sg} 'db' (${at(13)}) that never resolved`]);
    });

    it("the same kept alive by a timer: exit 2 at the time limit (--timeout 20), with the same lines", () => {
        refused("hanging", [`error: program ${DIR}/hanging did not finish within 20 s (--timeout): 2 resource registrations never completed`,
            ...STALLED("hanging", 9)]);
    });

    it("a program that calls process.exit(0) before its registration completed: exit 2, never a pass", () => {
        const r = result.exits;
        assert.deepStrictEqual({ code: r.code, stdout: r.stdout }, { code: 2, stdout: "" });
        // Before the line: what the SDK prints about the promises the program left waiting.
        assert.ok(r.stderr.endsWith(`\nerror: program ${DIR}/exits exited (code 1) before its resources were registered: ` +
            "a Pulumi program must not end its process (process.exit)\n"), r.stderr);
    });

    it("a runtime other than nodejs: exit 2, naming the runtime and what checks such a program", () => {
        refused("python", [`error: program ${DIR}/python-runtime has runtime "python" in Pulumi.yaml; check runs Node.js programs only: ` +
            "check this one with `pulumi preview --policy-pack <this pack>`, or check its deployed stack with `check --stack-export <file>`"]);
    });
});
