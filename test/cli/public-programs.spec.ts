// `check` on public Pulumi programs as their authors ship them (test/public-programs, see its README):
// each runs with only the config a user would pass, and its report is the golden file.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Run, assertGolden, runAll } from "./run-bin";

const EXAMPLES = "test/public-programs/pulumi-examples";
const TEMPLATES = "test/public-programs/pulumi-templates";

describe("cli: check on public Pulumi programs", function () {
    this.timeout(600_000);
    const keys = fs.mkdtempSync(path.join(os.tmpdir(), "public-programs-"));
    // The ansible program reads an SSH key pair from the paths in its config: files with any text do.
    const publicKey = path.join(keys, "id.pub");
    const privateKey = path.join(keys, "id");
    fs.writeFileSync(publicKey, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPublicProgramsTestKeyOnly public-programs\n");
    fs.writeFileSync(privateKey, "not a private key: the program only reads the file\n");

    const RUNS: { [name: string]: string[] } = {
        webserver: ["check", `${EXAMPLES}/aws-ts-webserver`],
        resources: ["check", `${EXAMPLES}/aws-ts-resources`],
        wordpressFargateRds: ["check", `${EXAMPLES}/aws-ts-wordpress-fargate-rds`],
        ec2Provisioners: ["check", `${EXAMPLES}/aws-ts-ec2-provisioners`, "--config", "keyName=ci-key", "--secret", "privateKey=not-a-key"],
        ansibleWordpress: ["check", `${EXAMPLES}/aws-ts-ansible-wordpress`, "--config", `publicKeyPath=${publicKey}`,
            "--config", `privateKeyPath=${privateKey}`, "--secret", "dbPassword=not-a-password"],
        vmTemplate: ["check", `${TEMPLATES}/vm-aws-typescript`],
        ec2ProvisionersWithoutConfig: ["check", `${EXAMPLES}/aws-ts-ec2-provisioners`],
    };
    const result: { [name: string]: Run } = {};

    before(async () => {
        const names = Object.keys(RUNS);
        (await runAll(names.map((n) => RUNS[n]))).forEach((r, i) => { result[names[i]] = r; });
    });

    after(() => fs.rmSync(keys, { recursive: true, force: true }));

    function reported(name: string, golden: string, code: number): void {
        const r = result[name];
        assert.strictEqual(r.code, code, r.stderr);
        assertGolden(golden, r.stdout);
    }

    it("aws-ts-webserver: an instance in the default VPC with HTTP open to the world", () => {
        reported("webserver", "public-aws-ts-webserver.txt", 0);
    });

    it("aws-ts-resources: many resource types, one unused group", () => {
        reported("resources", "public-aws-ts-resources.txt", 0);
    });

    it("aws-ts-wordpress-fargate-rds: MySQL open to 0.0.0.0/0 on the database's group (with @pulumi/random)", () => {
        reported("wordpressFargateRds", "public-aws-ts-wordpress-fargate-rds.txt", 1);
    });

    it("aws-ts-ec2-provisioners: SSH open to the world, with a secret passed by --secret (with @pulumi/command)", () => {
        reported("ec2Provisioners", "public-aws-ts-ec2-provisioners.txt", 1);
    });

    it("aws-ts-ec2-provisioners without its secret (a secret read with requireSecret): exit 2 and one line naming the key and how to pass it", () => {
        const r = result.ec2ProvisionersWithoutConfig;
        assert.deepStrictEqual({ code: r.code, stdout: r.stdout }, { code: 2, stdout: "" });
        assert.ok(r.stderr.endsWith(`error: program ${EXAMPLES}/aws-ts-ec2-provisioners failed: missing required configuration value ` +
            "'aws-ts-ec2-provisioners:privateKey': pass --secret aws-ts-ec2-provisioners:privateKey=<value>, or set it in " +
            `${EXAMPLES}/aws-ts-ec2-provisioners/Pulumi.dev.yaml\n`), r.stderr);
    });

    it("aws-ts-ansible-wordpress: a VPC with public and private subnets, an RDS instance and a web server, with config and files", () => {
        reported("ansibleWordpress", "public-aws-ts-ansible-wordpress.txt", 1);
    });

    it("pulumi/templates vm-aws-typescript: the instance's path from the internet, hop by hop", () => {
        reported("vmTemplate", "public-vm-aws-typescript.txt", 0);
    });
});
