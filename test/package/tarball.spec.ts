// The packed tarball, installed as its users install it, with production dependencies only: into an
// empty directory (its bin checks a program; its ready pack is served) and into a team's pack
// (examples/team-pack), each pack started as the CLI starts it and driven over the Analyzer protocol.
// Also unpacked as the Pulumi CLI unpacks a published pack before its `npm install` there. Packs the
// compiled dist/ (`npm run build` first; test/build.spec.ts checks that it is fresh).
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AnalyzedResource, PackClient, StartPackOptions, startPack } from "../../runner/analyzer-client";
import { TYPE } from "../util/types";
import { npm } from "./npm";

const REPO = path.resolve(__dirname, "..", "..");
const INSTALL = ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];
const SG = TYPE.sg;
const sg = (name: string, props: Record<string, unknown>): AnalyzedResource =>
    ({ urn: `urn:pulumi:prod::app::${SG}::${name}`, type: SG, name, properties: props as AnalyzedResource["properties"] });
const sshFromWorld = (name: string, description?: string) => sg(name, {
    ...(description ? { description } : {}),
    ingress: [{ ...(description ? { description: "ssh" } : {}), protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
});

const SSH_MESSAGE = "ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address). This opens SSH (TCP port 22) to the " +
    "whole internet, where scanners find and brute-force admin ports within minutes. Fix: Allow the port only from a bastion host's " +
    "security group or a trusted CIDR, or remove the rule and connect with AWS Systems Manager Session Manager, which needs no inbound port at all.";
const WORLD_MESSAGE = "ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address), which is ingress from the whole " +
    "internet beyond the allowed ports. Every port open to the internet is attack surface that scanners probe continuously. Fix: Open only " +
    "the public service ports (by default HTTP 80 and HTTPS 443) to the internet, ideally on a load balancer's security group; admit " +
    "everything else by security-group reference or from trusted CIDRs.";
const DESCRIPTIONS_FIX = "Fix: Give the security group a description of what it protects, and every rule a description of why it exists " +
    "(who the peer is and what it needs).";

/** Every policy of the catalogue of medium severity or higher, by hand: the team pack's selection. */
const MEDIUM_OR_ABOVE = ["sg-no-admin-ports-from-world", "sg-db-ingress-only-from-security-groups", "sg-egress-restricted",
    "sg-ingress-from-world-allowed-ports", "sg-no-all-traffic-rules", "sg-default-denies-all", "eni-security-group-limit", "sg-rule-quota",
    "db-ingress-only-via-security-groups", "sg-rules-managed-one-way", "sg-world-ingress-only-on-load-balancers", "vpc-flow-logs-enabled",
    "nacl-ephemeral-return-traffic", "nacl-no-admin-ports-from-world", "db-not-reachable-from-internet", "compute-reachable-only-through-load-balancers",
    "admin-ports-not-reachable-from-internet"];

function run(file: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(file, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
            resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, stdout, stderr }));
    });
}

const findings = (diagnostics: { policyName: string; enforcementLevel: string; message: string }[]) =>
    diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.message]);

describe("the packed tarball, installed with production dependencies only", function () {
    this.timeout(600_000);
    let tmp: string;
    let tarball: string;
    const dir = { empty: "", team: "" };
    const packs: PackClient[] = [];
    const serve = async (packDir: string, opts: StartPackOptions = {}) => {
        const pack = await startPack(packDir, opts);
        packs.push(pack);
        await pack.configure({});
        return pack;
    };

    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aws-network-guardrails-tarball-"));
        const [{ filename }] = JSON.parse(await npm(["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], REPO)) as { filename: string }[];
        tarball = path.join(tmp, filename);
        dir.empty = path.join(tmp, "empty");
        dir.team = path.join(tmp, "team-pack");
        fs.mkdirSync(dir.empty);
        // The team's repository: the example's own files, nothing installed.
        fs.cpSync(path.join(REPO, "examples", "team-pack"), dir.team, { recursive: true, filter: (f) => path.basename(f) !== "node_modules" });
        await Promise.all([npm([...INSTALL, tarball], dir.empty), npm([...INSTALL, tarball], dir.team)]);
    });

    after(async () => {
        await Promise.all(packs.map((p) => p.close()));
        if (tmp) {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });

    it("installs the bin, whose check reports on a bundled example exactly as from the repository", async () => {
        fs.cpSync(path.join(REPO, "examples", "common-mistakes"), path.join(dir.empty, "examples", "common-mistakes"), { recursive: true });
        const r = await run(path.join(dir.empty, "node_modules", ".bin", "aws-network-guardrails"), ["check", "examples/common-mistakes"], dir.empty);
        assert.deepStrictEqual({ code: r.code, stderr: r.stderr }, { code: 1, stderr: "" });
        assert.strictEqual(r.stdout, fs.readFileSync(path.join(REPO, "test", "fixtures", "expected", "common-mistakes.txt"), "utf8"));
    });

    const readyPack = async (pack: PackClient) => {
        assert.deepStrictEqual(await pack.getPluginInfo(), { version: "1.21.0" });
        const info = await pack.getAnalyzerInfo();
        assert.deepStrictEqual([info.name, info.version, info.policies.length], ["aws-network-guardrails", "0.1.0", 21]);
        assert.deepStrictEqual(findings((await pack.analyze(sshFromWorld("web"))).diagnostics), [
            ["sg-no-admin-ports-from-world", "mandatory", SSH_MESSAGE],
            ["sg-ingress-from-world-allowed-ports", "advisory", WORLD_MESSAGE],
            ["sg-descriptions", "advisory", "The security group has no description, so the provider sets \"Managed by Pulumi\". Reviewers and " +
                `incident responders cannot tell what it protects. ${DESCRIPTIONS_FIX}`],
            ["sg-descriptions", "advisory", `ingress[0] (ingress) has no description. Without one, nobody can tell later whether the rule is still needed. ${DESCRIPTIONS_FIX}`],
        ]);
    };

    it("serves the ready pack installed in the empty directory, with that directory's run-policy-pack, as the CLI would", async () => {
        const packDir = path.join(dir.empty, "node_modules", "aws-network-guardrails");
        await readyPack(await serve(packDir, { runPolicyPack: path.join(dir.empty, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack") }));
    });

    it("unpacked as the Pulumi CLI installs a published pack, its prepare script (which `npm install` there runs) builds nothing", async () => {
        const unpacked = path.join(tmp, "published");
        fs.mkdirSync(unpacked);
        await run("tar", ["-xzf", tarball, "-C", unpacked], tmp);
        const packageDir = path.join(unpacked, "package");
        assert.ok(!fs.existsSync(path.join(packageDir, "tsconfig.build.json")), "the tarball ships no build configuration");
        const before = fs.readdirSync(path.join(packageDir, "dist")).sort();
        await npm(["run", "prepare"], packageDir);
        assert.deepStrictEqual(fs.readdirSync(path.join(packageDir, "dist")).sort(), before);
        assert.ok(before.includes("index.js"));
    });

    describe("examples/team-pack, built on the installed package", () => {
        let pack: PackClient;
        before(async () => { pack = await serve(dir.team); });

        it("advertises the team's name and version, the selected policies at the team's level, and its options as initial configuration", async () => {
            const info = await pack.getAnalyzerInfo();
            assert.deepStrictEqual([info.name, info.version], ["team-guardrails", "1.0.0"]);
            assert.deepStrictEqual(info.policies.map((p) => [p.name, p.enforcementLevel]), MEDIUM_OR_ABOVE.map((n) => [n, "mandatory"]));
            assert.deepStrictEqual(Object.keys(info.initialConfig).sort(), ["eni-security-group-limit", "sg-egress-restricted", "sg-no-admin-ports-from-world"]);
        });

        it("reports what the ready pack reports, at the team's level, and nothing of the policies it left out (sg-descriptions)", async () => {
            assert.deepStrictEqual(findings((await pack.analyze(sshFromWorld("bastion"))).diagnostics), [
                ["sg-no-admin-ports-from-world", "mandatory", SSH_MESSAGE],
                ["sg-ingress-from-world-allowed-ports", "mandatory", WORLD_MESSAGE],
            ]);
        });

        it("applies the team's options: egress on 8443 passes, on 80 blocks", async () => {
            const egress = (port: number) => sg(`svc-${port}`, { description: "svc", egress: [{ description: "out", protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] }] });
            assert.deepStrictEqual((await pack.analyze(egress(8443))).diagnostics, []);
            assert.deepStrictEqual((await pack.analyze(egress(80))).diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["sg-egress-restricted", "mandatory"]]);
        });

        it("honours the exemption it ships with, for the matching resource only: the exempted finding comes back advisory", async () => {
            const levels = async (name: string) => (await pack.analyze(sshFromWorld(name, "d"))).diagnostics.map((d) => [d.policyName, d.enforcementLevel]);
            assert.deepStrictEqual(await levels("bastion"), [["sg-no-admin-ports-from-world", "mandatory"], ["sg-ingress-from-world-allowed-ports", "mandatory"]]);
            // The example's exemption ends on 2027-03-31 (UTC); after that day the finding is mandatory again.
            const exempt = new Date().toISOString().slice(0, 10) <= "2027-03-31";
            const vendor = (await pack.analyze(sshFromWorld("vendor-appliance-1", "d"))).diagnostics;
            assert.deepStrictEqual(vendor.map((d) => [d.policyName, d.enforcementLevel]),
                [["sg-no-admin-ports-from-world", exempt ? "advisory" : "mandatory"], ["sg-ingress-from-world-allowed-ports", "mandatory"]]);
            assert.strictEqual(vendor[0].message, (exempt ? "Exempted mandatory finding of sg-no-admin-ports-from-world (exemption " +
                "'vendor-appliance-*'; reason: VEND-42: replaced in Q1; expires 2027-03-31): " : "") + SSH_MESSAGE);
        });

        it("does not start when an option is misspelt: the pack is type-checked against the installed package's types", async () => {
            const index = path.join(dir.team, "index.ts");
            fs.writeFileSync(index, fs.readFileSync(index, "utf8").replace("maxSecurityGroups: 8", "maxSecurityGroup: 8"));
            await assert.rejects(startPack(dir.team), (e: unknown) => {
                assert.match(String(e), /failed to start/);
                assert.match(String(e), /'maxSecurityGroup' does not exist in type/);
                return true;
            });
        });
    });
});
