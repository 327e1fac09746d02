/**
 * `check --stack-export` end to end, on the export of a deployed stack where a NetworkAclRule's
 * networkAclId is the known ID of ACL 'real', computed from the deny-all ACL 'decoy' (so its
 * property dependency names 'decoy'): the SSH entry from anywhere is reported on 'real', exit 1.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { captureProgram } from "../../runner/capture";
import { stackExport } from "../fixtures/make-stack-export";
import { DECOY_IDS, naclDecoy } from "../programs/decoy-links";
import { runBin } from "./run-bin";

interface JsonReport {
    summary: { mandatory: number; passed: boolean };
    findings: { policy: string; level: string; resource: { urn: string } | null; message: string }[];
}

describe("cli: check --stack-export, a rule whose known ID names one ACL and whose dependency names another", function () {
    this.timeout(120_000);
    let dir: string;
    let file: string;

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-decoy-"));
        file = path.join(dir, "decoy.stack-export.json");
        const deployed = await captureProgram(naclDecoy, { preview: false, project: "net", stack: "prod", ids: (_type, name) => DECOY_IDS[name] });
        fs.writeFileSync(file, JSON.stringify(stackExport(deployed), null, 4));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("the export records the known ID and the dependency on the decoy", () => {
        const exported = JSON.parse(fs.readFileSync(file, "utf8")) as { deployment: { resources: { urn: string; inputs: Record<string, unknown>; propertyDependencies?: Record<string, string[]> }[] } };
        const ssh = exported.deployment.resources.find((r) => r.urn.endsWith("::ssh"));
        assert.strictEqual(ssh?.inputs.networkAclId, "acl-real");
        assert.deepStrictEqual(ssh?.propertyDependencies, { networkAclId: ["urn:pulumi:prod::net::aws:ec2/networkAcl:NetworkAcl::decoy"] });
    });

    it("exit 1: nacl-no-admin-ports-from-world (mandatory) reports the SSH entry on ACL 'real'", async () => {
        const r = await runBin(["check", "--stack-export", file, "--format", "json"]);
        assert.strictEqual(r.stderr, "");
        assert.strictEqual(r.code, 1, "exit code");
        const report = JSON.parse(r.stdout) as JsonReport;
        assert.deepStrictEqual(report.findings.filter((f) => f.policy.startsWith("nacl-")).map((f) => [f.policy, f.level, f.resource?.urn, f.message.split(". ")[0]]), [
            ["nacl-ephemeral-return-traffic", "mandatory", "urn:pulumi:prod::net::aws:ec2/networkAcl:NetworkAcl::real", "Network ACL 'real': " +
                "NetworkAclRule 'ssh' (rule 100) allows inbound TCP 22 from 0.0.0.0/0, but the return traffic is not allowed: outbound TCP " +
                "1024-65535 to 0.0.0.0/0 is denied by the implicit deny"],
            ["nacl-no-admin-ports-from-world", "mandatory", "urn:pulumi:prod::net::aws:ec2/networkAcl:NetworkAcl::real", "Network ACL 'real': " +
                "NetworkAclRule 'ssh' (rule 100) allows inbound TCP port 22 from 0.0.0.0/0 (every IPv4 address), which lets SSH (TCP port 22) " +
                "in from the whole internet, where scanners find and brute-force admin ports within minutes"],
        ]);
        assert.deepStrictEqual(report.summary.passed, false);
    });
});
