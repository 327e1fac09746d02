import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { catalogue, packName } from "../policies/catalogue";
import { packConfigErrors } from "../policies/core/pack-config";
import { BASELINE, baselineConfig, currentText, policyList, policyTable, README_LIST, REFERENCE_TABLE } from "../scripts/docs";

const ROOT = path.join(__dirname, "..");

describe("catalogue", () => {
    const policies = catalogue();

    it("declares exactly the public policy names, in order, with their default levels", () => {
        assert.deepStrictEqual(policies.map((p) => [p.name, p.enforcementLevel]), [
            ["sg-no-admin-ports-from-world", "mandatory"],
            ["sg-db-ingress-only-from-security-groups", "mandatory"],
            ["sg-egress-restricted", "advisory"],
            ["sg-ingress-from-world-allowed-ports", "advisory"],
            ["sg-prefer-security-group-references", "advisory"],
            ["sg-no-all-traffic-rules", "advisory"],
            ["sg-descriptions", "advisory"],
            ["sg-default-denies-all", "mandatory"],
            ["eni-security-group-limit", "mandatory"],
            ["sg-rule-quota", "mandatory"],
            ["db-ingress-only-via-security-groups", "mandatory"],
            ["sg-rules-managed-one-way", "mandatory"],
            ["sg-unused", "advisory"],
            ["sg-world-ingress-only-on-load-balancers", "advisory"],
            ["vpc-flow-logs-enabled", "advisory"],
            ["nacl-ephemeral-return-traffic", "mandatory"],
            ["nacl-no-admin-ports-from-world", "mandatory"],
            ["nacl-rules-effective", "advisory"],
            ["db-not-reachable-from-internet", "mandatory"],
            ["compute-reachable-only-through-load-balancers", "advisory"],
            ["admin-ports-not-reachable-from-internet", "mandatory"],
        ]);
    });

    it("tags each policy with exactly the tags a team pack selects it by (besides its control IDs)", () => {
        const own = (p: { tags?: string[] }) => (p.tags ?? []).filter((t) => !/^(cis-aws|security-hub):/.test(t));
        assert.deepStrictEqual(policies.map((p) => [p.name, own(p)]), [
            ["sg-no-admin-ports-from-world", ["security-group", "ingress", "internet-exposure", "admin-ports"]],
            ["sg-db-ingress-only-from-security-groups", ["security-group", "ingress", "database", "least-privilege"]],
            ["sg-egress-restricted", ["security-group", "egress", "internet-exposure", "exfiltration"]],
            ["sg-ingress-from-world-allowed-ports", ["security-group", "ingress", "internet-exposure"]],
            ["sg-prefer-security-group-references", ["security-group", "ingress", "least-privilege"]],
            ["sg-no-all-traffic-rules", ["security-group", "ingress", "micro-segmentation", "least-privilege"]],
            ["sg-descriptions", ["security-group", "hygiene", "audit"]],
            ["sg-default-denies-all", ["security-group", "default-security-group", "least-privilege"]],
            ["eni-security-group-limit", ["security-group", "network-interface", "quota"]],
            ["sg-rule-quota", ["security-group", "quota"]],
            ["db-ingress-only-via-security-groups", ["database", "security-group", "trust-chain", "least-privilege"]],
            ["sg-rules-managed-one-way", ["security-group", "drift", "correctness"]],
            ["sg-unused", ["security-group", "hygiene"]],
            ["sg-world-ingress-only-on-load-balancers", ["security-group", "internet-exposure", "architecture"]],
            ["vpc-flow-logs-enabled", ["vpc", "logging", "audit"]],
            ["nacl-ephemeral-return-traffic", ["network-acl", "stateless", "ephemeral-ports", "connectivity"]],
            ["nacl-no-admin-ports-from-world", ["network-acl", "ingress", "internet-exposure", "admin-ports"]],
            ["nacl-rules-effective", ["network-acl", "hygiene", "quota"]],
            ["db-not-reachable-from-internet", ["database", "internet-exposure", "path", "route-table", "network-acl", "security-group"]],
            ["compute-reachable-only-through-load-balancers", ["compute", "internet-exposure", "path", "load-balancer", "architecture"]],
            ["admin-ports-not-reachable-from-internet",
                ["admin-ports", "internet-exposure", "path", "route-table", "network-acl", "security-group", "load-balancer"]],
        ]);
    });

    for (const p of catalogue()) {
        it(`${p.name} carries complete metadata and a config schema with a default for every option`, () => {
            assert.match(p.name, /^(sg|nacl|eni|db|vpc|compute|admin)-[a-z0-9]+(-[a-z0-9]+)*$/);
            assert.ok(p.displayName && p.displayName.length <= 60, "displayName");
            assert.ok(p.description.length > 40, "description");
            assert.ok(["low", "medium", "high", "critical"].includes(p.severity ?? ""), "severity");
            assert.ok((p.remediationSteps ?? "").length > 40, "remediationSteps");
            assert.match(p.url ?? "", /^https:\/\/docs\.aws\.amazon\.com\//);
            assert.ok((p.tags ?? []).length > 0, "tags");
            assert.ok(p.configSchema, "configSchema");
            for (const [key, prop] of Object.entries(p.configSchema.properties)) {
                assert.notStrictEqual(prop.default, undefined, `${key} has no default`);
                assert.ok(prop.description, `${key} has no description`);
            }
        });
    }

    it("maps exactly the CIS and Security Hub controls it enforces, and names its own controls otherwise", () => {
        const mapped = Object.fromEntries(catalogue().map((p) => [p.name,
            [`${p.framework?.name} ${p.framework?.reference}`, (p.tags ?? []).filter((t) => /^(cis-aws|security-hub):/.test(t))]]));
        assert.deepStrictEqual(mapped["sg-no-admin-ports-from-world"], ["CIS Amazon Web Services Foundations Benchmark 5.2, 5.3",
            ["cis-aws:5.2", "cis-aws:5.3", "security-hub:EC2.13", "security-hub:EC2.14", "security-hub:EC2.53", "security-hub:EC2.54"]]);
        assert.deepStrictEqual(mapped["nacl-no-admin-ports-from-world"], ["CIS Amazon Web Services Foundations Benchmark 5.1", ["cis-aws:5.1", "security-hub:EC2.21"]]);
        assert.deepStrictEqual(mapped["sg-default-denies-all"], ["CIS Amazon Web Services Foundations Benchmark 5.4", ["cis-aws:5.4", "security-hub:EC2.2"]]);
        assert.deepStrictEqual(mapped["sg-ingress-from-world-allowed-ports"], ["AWS Foundational Security Best Practices (Security Hub) EC2.18, EC2.19", ["security-hub:EC2.18", "security-hub:EC2.19"]]);
        assert.deepStrictEqual(mapped["vpc-flow-logs-enabled"], ["AWS Foundational Security Best Practices (Security Hub) EC2.6", ["security-hub:EC2.6"]]);
        assert.deepStrictEqual(mapped["sg-rule-quota"], ["aws-network-guardrails sg-rule-quota", []]);
        for (const p of catalogue()) {
            assert.strictEqual(p.framework?.specification, p.description, p.name);
        }
    });

    it("keeps the policy reference table in docs/policies.md equal to the code (run `npm run docs` to regenerate)", () => {
        assert.strictEqual(currentText(REFERENCE_TABLE), policyTable());
    });

    it("keeps the README's short policy list equal to the code (run `npm run docs` to regenerate)", () => {
        assert.strictEqual(currentText(README_LIST), policyList());
    });

    it("lists in the README every policy with its default level, severity and display name, one line each", () => {
        const rows = (currentText(README_LIST) ?? "").split("\n").slice(2).map((row) => row.split(" | "));
        assert.strictEqual(rows.length, 21);
        assert.deepStrictEqual(rows[0], ["| `sg-no-admin-ports-from-world`", "mandatory", "critical", "No SSH or RDP from the internet |"]);
        assert.deepStrictEqual(rows[12], ["| `sg-unused`", "advisory", "low", "No unused security groups |"]);
        assert.deepStrictEqual(rows.map((r) => r[0]), policies.map((p) => `| \`${p.name}\``));
    });

    it("finds no generated section in a file without its markers", () => {
        assert.strictEqual(currentText(REFERENCE_TABLE, "# Policies\n\n| policy |\n"), undefined);
        assert.strictEqual(currentText(README_LIST, "<!-- policy-list:end -->\n<!-- policy-list:begin -->"), undefined);
    });

    it("names the pack with the characters `pulumi policy publish` accepts, and package.json carries a version", () => {
        assert.match(packName, /^[a-zA-Z0-9-_.]{1,100}$/);
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
        assert.strictEqual(pkg.name, packName);
    });

    it("pins every dependency exactly", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
            assert.match(String(version), /^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/, `${name}@${version} is not an exact pin`);
        }
        // A runtime dependency: check compiles TypeScript programs with it.
        assert.match(pkg.dependencies.typescript, /^5\./);
    });

    it("runs in CI exactly the README's set-up and test commands, after installing what the tests need", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const setup = /## Set-up on a fresh machine\s+```sh\n([\s\S]*?)```/.exec(readme);
        assert.ok(setup, "README has a set-up block");
        // CI runs the set-up without the demo: `npm test` checks `npm start`'s output itself.
        const commands = setup[1].trim().split("\n").map((c) => c.replace(/ && npm start$/, ""));
        const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8").split("\n").map((l) => l.trim());
        const ciCommands = ci.filter((l) => l !== "" && !l.startsWith("#") && !l.startsWith("set ") && !l.startsWith("cd "));
        // Before them, only installers of the machine's tools (Debian's chromium for the map's browser test).
        const installers = ciCommands.slice(0, ciCommands.length - commands.length);
        assert.deepStrictEqual(installers, [".ci/install-chromium"]);
        assert.ok(fs.existsSync(path.join(ROOT, ".ci", "install-chromium")));
        assert.deepStrictEqual(ciCommands.slice(installers.length), commands);
    });
});

describe("examples/config", () => {
    it("baseline.json is as `npm run docs` generates it from the catalogue", () => {
        assert.strictEqual(fs.readFileSync(BASELINE, "utf8"), baselineConfig());
    });

    it("baseline.json holds every policy at its default level, with the default of each of its own options", () => {
        const baseline = JSON.parse(baselineConfig()) as Record<string, Record<string, unknown>>;
        assert.deepStrictEqual(Object.keys(baseline), catalogue().map((p) => p.name));
        assert.deepStrictEqual(baseline["sg-no-admin-ports-from-world"], { enforcementLevel: "mandatory", ports: [] });
        assert.deepStrictEqual(baseline["sg-egress-restricted"], { enforcementLevel: "advisory", allowedPorts: [443], allowedUdpPorts: [] });
        assert.deepStrictEqual(baseline["nacl-ephemeral-return-traffic"], { enforcementLevel: "mandatory", ephemeralPorts: "1024-65535" });
        assert.deepStrictEqual(baseline["sg-unused"], { enforcementLevel: "advisory" });
    });

    for (const name of ["baseline", "strict", "migration"]) {
        it(`${name}.json passes the pack's own Configure-time checks`, () => {
            const config = JSON.parse(fs.readFileSync(path.join(ROOT, "examples", "config", `${name}.json`), "utf8")) as Record<string, unknown>;
            const props = Object.fromEntries(Object.entries(config).filter(([k, v]) => k !== "all" && typeof v === "object")
                .map(([k, v]) => { const { enforcementLevel: _l, ...rest } = v as Record<string, unknown>; return [k, rest]; }));
            assert.deepStrictEqual(packConfigErrors(props), []);
        });
    }
});

describe("publishing", () => {
    it("meets `pulumi policy publish` rules: runtime, description, name charset and a semver version", () => {
        const yaml = fs.readFileSync(path.join(ROOT, "PulumiPolicy.yaml"), "utf8");
        assert.match(yaml, /^runtime: nodejs$/m);
        assert.match(yaml, /^description: \S.{10,}$/m);
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
        assert.match(packName, /^[a-zA-Z0-9-_.]{1,100}$/);
        assert.ok(!catalogue().some((p) => p.name === "all"), "'all' is reserved");
        assert.strictEqual(new Set(catalogue().map((p) => p.name)).size, catalogue().length, "policy names are unique");
    });
});
