// A program's configuration as `pulumi preview` hands it over: the stack settings file, flags over it,
// project defaults under both, keys namespaced, values as strings, secure values unknown secrets.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../cli/errors";
import { ConfigFlags, configFailure, readProgramConfig } from "../../cli/stack-config";
import { UNKNOWN } from "../../runner/capture";

const FIXTURE = "test/fixtures/programs/stack-config";
const none: ConfigFlags = { config: [], secret: [] };

function project(files: { [name: string]: string }): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-config-"));
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

function rejects(f: () => unknown, message: string): void {
    assert.throws(f, (e: unknown) => e instanceof InputError && e.message === message);
}

describe("cli: stack config", () => {
    it("stack dev: the stack file's values, a secure one unknown and secret, the project's default and value for the rest", () => {
        assert.deepStrictEqual(readProgramConfig(FIXTURE, "dev", none), {
            values: {
                "stack-config:adminCidr": "0.0.0.0/0",
                "stack-config:partnerCidr": UNKNOWN,
                "stack-config:appPort": "8080",
                "aws:region": "eu-west-1",
            },
            secretKeys: ["stack-config:partnerCidr"],
            undecryptable: ["stack-config:partnerCidr"],
            stackFile: `${FIXTURE}/Pulumi.dev.yaml`,
        });
    });

    it("stack prod: the stack file over the project (aws:region, appPort); a number keeps its text", () => {
        assert.deepStrictEqual(readProgramConfig(FIXTURE, "prod", none)?.values, {
            "aws:region": "us-west-2",
            "stack-config:adminCidr": "10.20.0.0/24",
            "stack-config:appPort": "443",
            "stack-config:partnerCidr": "198.51.100.0/24",
        });
    });

    it("--config and --secret over the stack file: a key without a namespace is the project's; the last flag wins", () => {
        const flags: ConfigFlags = { config: ["adminCidr=192.0.2.0/24", "aws:region=ap-south-1", "stack-config:appPort=1", "appPort=9090"], secret: ["partnerCidr=a=b"] };
        assert.deepStrictEqual(readProgramConfig(FIXTURE, "dev", flags), {
            values: {
                "stack-config:adminCidr": "192.0.2.0/24",
                "stack-config:partnerCidr": "a=b",
                "aws:region": "ap-south-1",
                "stack-config:appPort": "9090",
            },
            secretKeys: ["stack-config:partnerCidr"],
            undecryptable: [],
            stackFile: `${FIXTURE}/Pulumi.dev.yaml`,
        });
    });

    it("--config-file replaces Pulumi.<stack>.yaml (JSON is accepted)", () => {
        const file = `${FIXTURE}/ci.json`;
        assert.deepStrictEqual(readProgramConfig(FIXTURE, "dev", { ...none, configFile: file }), {
            values: {
                "stack-config:adminCidr": "192.0.2.0/28",
                "stack-config:partnerCidr": "203.0.113.0/24",
                "stack-config:appPort": "8080",
                "aws:region": "eu-west-1",
            },
            secretKeys: [],
            undecryptable: [],
            stackFile: file,
        });
        rejects(() => readProgramConfig(FIXTURE, "dev", { ...none, configFile: "nope.yaml" }), "--config-file nope.yaml does not exist");
    });

    it("a key the project declares without a default, set nowhere: one line naming it and how to set it", () => {
        rejects(() => readProgramConfig(FIXTURE, "bare", none),
            `stack 'bare' is missing configuration value 'stack-config:adminCidr', declared in ${FIXTURE}/Pulumi.yaml without a default: ` +
            `pass --config stack-config:adminCidr=<value>, or set it in ${FIXTURE}/Pulumi.bare.yaml`);
        assert.strictEqual(readProgramConfig(FIXTURE, "bare", { ...none, config: ["adminCidr=10.0.0.0/8"] })?.values["stack-config:adminCidr"], "10.0.0.0/8");
    });

    it("values as the language host gets them: scalars as written, objects and lists as JSON with sorted keys, a secure part unknown", () => {
        const dir = project({
            "Pulumi.yaml": "name: app\nruntime: nodejs\nconfig:\n  tags:\n    value:\n      team: net\n      env: dev\n  ports: [80, 443]\n  enabled: true\n",
            "Pulumi.dev.yaml": [
                "config:",
                "  app:ratio: 1.50",
                "  app:mode: 0777",
                "  app:config:legacy: old-form",
                "  app:db:",
                "    user: admin",
                "    password:",
                "      secure: v1:abc",
                "  app:zones:",
                "    - a",
                "    - b",
                "",
            ].join("\n"),
        });
        const cfg = readProgramConfig(dir, "dev", none);
        assert.deepStrictEqual(cfg?.values, {
            "app:ratio": "1.50",
            "app:mode": "0777",
            "app:legacy": "old-form",
            "app:db": `{"password":"${UNKNOWN}","user":"admin"}`,
            "app:zones": "[\"a\",\"b\"]",
            "app:tags": "{\"env\":\"dev\",\"team\":\"net\"}",
            "app:ports": "[80,443]",
            "app:enabled": "true",
        });
        assert.deepStrictEqual([cfg?.secretKeys, cfg?.undecryptable], [["app:db"], ["app:db"]]);
    });

    it("Pulumi.yml takes Pulumi.<stack>.yml; stackConfigDir moves the stack files; an org/project/stack name uses its last part", () => {
        const yml = project({ "Pulumi.yml": "name: app\nruntime: nodejs\n", "Pulumi.dev.yml": "config:\n  app:a: yml\n" });
        assert.deepStrictEqual(readProgramConfig(yml, "acme/app/dev", none)?.values, { "app:a": "yml" });
        const moved = project({ "Pulumi.yaml": "name: app\nruntime: nodejs\nstackConfigDir: stacks\n", "stacks/Pulumi.dev.yaml": "config:\n  app:a: moved\n" });
        assert.deepStrictEqual(readProgramConfig(moved, "dev", none)?.values, { "app:a": "moved" });
    });

    it("the project's own rules: no default on another namespace's key, not both default and value; flags need key=value", () => {
        const other = project({ "Pulumi.yaml": "name: app\nruntime: nodejs\nconfig:\n  aws:region:\n    default: us-east-2\n" });
        rejects(() => readProgramConfig(other, "dev", none),
            `${other}/Pulumi.yaml: configuration key 'aws:region' is not namespaced by the project and should not define a default value; use 'value'`);
        const both = project({ "Pulumi.yaml": "name: app\nruntime: nodejs\nconfig:\n  size:\n    default: 1\n    value: 2\n" });
        rejects(() => readProgramConfig(both, "dev", none), `${both}/Pulumi.yaml: project config 'size' cannot have both a 'default' and 'value' attribute`);
        rejects(() => readProgramConfig(FIXTURE, "dev", { ...none, config: ["adminCidr"] }), "--config needs key=value, got 'adminCidr'");
        rejects(() => readProgramConfig(FIXTURE, "dev", { ...none, secret: ["a:b:c=1"] }),
            "--secret: 'a:b:c' is not a configuration key: use <namespace>:<name>, e.g. stack-config:vpcCidr or aws:region");
    });

    it("no project to read: undefined (running the program says what is missing)", () => {
        assert.strictEqual(readProgramConfig("test/fixtures/programs/no-project", "dev", none), undefined);
        assert.strictEqual(readProgramConfig("test/fixtures/programs/nope", "dev", none), undefined);
    });

    it("a program's configuration failure: a missing key says how to set it; a secure value read as more than a string says to pass it", () => {
        const cfg = readProgramConfig(FIXTURE, "dev", none);
        assert.ok(cfg);
        const missing = Object.assign(new Error("Missing required configuration variable 'stack-config:x'\n\tplease set a value"), { key: "stack-config:x", secret: true });
        assert.strictEqual(configFailure(missing, cfg), `missing required configuration value 'stack-config:x': pass --secret stack-config:x=<value>, or set it in ${FIXTURE}/Pulumi.dev.yaml`);
        assert.strictEqual(configFailure({ message: missing.message, key: "stack-config:x", secret: false }, cfg),
            `missing required configuration value 'stack-config:x': pass --config stack-config:x=<value>, or set it in ${FIXTURE}/Pulumi.dev.yaml`);
        assert.strictEqual(configFailure(new Error("Missing required configuration variable 'throws:vpcId'"), cfg), undefined, "a program's own error is its own");
        assert.strictEqual(configFailure(new Error(`Configuration 'stack-config:partnerCidr' value '${UNKNOWN}' is not a valid number`), cfg),
            "configuration value 'stack-config:partnerCidr' is a secure value that check cannot decrypt, and the program reads more than a string from it: " +
            "pass its value with --secret stack-config:partnerCidr=<value>");
        assert.strictEqual(configFailure(new Error(`Configuration 'stack-config:appPort' value '${UNKNOWN}' is not a valid number`), cfg), undefined);
    });
});
