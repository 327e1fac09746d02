import * as assert from "assert";
import { PolicyCriteria, describePolicies, policyByName, selectPolicies } from "../../policies/core/select";
import { createPack } from "../../policies/core/compose";

// The catalogue's policies by hand, from their files: severity and tags (control tags included).
const CRITICAL = ["sg-no-admin-ports-from-world", "nacl-no-admin-ports-from-world", "db-not-reachable-from-internet",
    "admin-ports-not-reachable-from-internet"];
const HIGH_OR_ABOVE = ["sg-no-admin-ports-from-world", "sg-db-ingress-only-from-security-groups", "sg-default-denies-all",
    "db-ingress-only-via-security-groups", "nacl-ephemeral-return-traffic", "nacl-no-admin-ports-from-world", "db-not-reachable-from-internet",
    "admin-ports-not-reachable-from-internet"];
const ALL = ["sg-no-admin-ports-from-world", "sg-db-ingress-only-from-security-groups",
    "sg-egress-restricted", "sg-ingress-from-world-allowed-ports", "sg-prefer-security-group-references", "sg-no-all-traffic-rules",
    "sg-descriptions", "sg-default-denies-all", "eni-security-group-limit", "sg-rule-quota", "db-ingress-only-via-security-groups",
    "sg-rules-managed-one-way", "sg-unused", "sg-world-ingress-only-on-load-balancers", "vpc-flow-logs-enabled",
    "nacl-ephemeral-return-traffic", "nacl-no-admin-ports-from-world", "nacl-rules-effective", "db-not-reachable-from-internet",
    "compute-reachable-only-through-load-balancers", "admin-ports-not-reachable-from-internet"];

describe("selectPolicies: policies of the catalogue by what they are", () => {
    const cases: [string, PolicyCriteria, string[]][] = [
        ["one severity", { severities: ["critical"] }, CRITICAL],
        ["several severities: any of them, in the catalogue's order", { severities: ["low", "critical"] },
            ["sg-no-admin-ports-from-world", "sg-prefer-security-group-references", "sg-descriptions", "sg-unused",
                "nacl-no-admin-ports-from-world", "nacl-rules-effective", "db-not-reachable-from-internet", "admin-ports-not-reachable-from-internet"]],
        ["a minimum severity: it and the higher ones", { minSeverity: "high" }, HIGH_OR_ABOVE],
        ["the lowest minimum severity: all of them", { minSeverity: "low" }, ALL],
        ["a framework: the policies that enforce one of its controls", { frameworks: ["cis-aws"] },
            ["sg-no-admin-ports-from-world", "sg-default-denies-all", "nacl-no-admin-ports-from-world"]],
        ["the other framework", { frameworks: ["security-hub"] },
            ["sg-no-admin-ports-from-world", "sg-ingress-from-world-allowed-ports", "sg-default-denies-all", "vpc-flow-logs-enabled",
                "nacl-no-admin-ports-from-world"]],
        ["one control", { controls: ["cis-aws:5.3"] }, ["sg-no-admin-ports-from-world"]],
        ["controls of two frameworks", { controls: ["security-hub:EC2.2", "cis-aws:5.1"] }, ["sg-default-denies-all", "nacl-no-admin-ports-from-world"]],
        ["a tag", { tags: ["quota"] }, ["eni-security-group-limit", "sg-rule-quota", "nacl-rules-effective"]],
        ["a control's tag, as a tag", { tags: ["security-hub:EC2.6"] }, ["vpc-flow-logs-enabled"]],
        ["an exact name", { names: ["sg-unused"] }, ["sg-unused"]],
        ["a name glob", { names: ["nacl-*"] }, ["nacl-ephemeral-return-traffic", "nacl-no-admin-ports-from-world", "nacl-rules-effective"]],
        ["a glob inside a name", { names: ["sg-*-world"] }, ["sg-no-admin-ports-from-world"]],
        ["a glob with one-character wildcards", { names: ["???-*"] }, ["eni-security-group-limit", "vpc-flow-logs-enabled"]],
        ["criteria together: all must hold", { tags: ["internet-exposure"], minSeverity: "critical" }, CRITICAL],
        ["a framework and a name glob", { frameworks: ["cis-aws"], names: ["sg-*"] }, ["sg-no-admin-ports-from-world", "sg-default-denies-all"]],
        ["a tag and severities", { tags: ["hygiene"], severities: ["low"] }, ["sg-descriptions", "sg-unused", "nacl-rules-effective"]],
    ];
    for (const [scenario, criteria, expected] of cases) {
        it(`selects by ${scenario}`, () => {
            assert.deepStrictEqual(selectPolicies(criteria), expected);
        });
    }

    it("selects every policy, in the catalogue's order, without criteria", () => {
        assert.deepStrictEqual(selectPolicies(), ALL);
    });

    const refused: [string, unknown, RegExp][] = [
        ["an unknown severity", { severities: ["severe"] }, /^Error: selectPolicies: unknown severity "severe"; known: 'low', 'medium', 'high', 'critical'$/],
        ["an unknown minimum severity", { minSeverity: "urgent" }, /^Error: selectPolicies: unknown minSeverity "urgent"; known: 'low', 'medium', 'high', 'critical'$/],
        ["an unknown framework", { frameworks: ["pci-dss"] }, /^Error: selectPolicies: unknown framework "pci-dss"; known: 'cis-aws', 'security-hub'$/],
        ["a control no policy enforces", { controls: ["cis-aws:1.1"] },
            /^Error: selectPolicies: control "cis-aws:1\.1" matches no policy; known: 'cis-aws:5\.2', 'cis-aws:5\.3', 'security-hub:EC2\.13', /],
        ["a control without its framework", { controls: ["5.2"] }, /^Error: selectPolicies: control "5\.2" matches no policy; known: /],
        ["an unknown tag", { tags: ["egres"] }, /^Error: selectPolicies: tag "egres" matches no policy; known: 'admin-ports', 'architecture', /],
        ["a misspelt name", { names: ["sg-egres-restricted"] }, /^Error: selectPolicies: name "sg-egres-restricted" matches no policy; known: 'sg-no-admin-ports-from-world', /],
        ["a glob that matches no name", { names: ["rds-*"] }, /^Error: selectPolicies: name "rds-\*" matches no policy; /],
        ["one unknown value among known ones", { tags: ["quota", "qouta"] }, /^Error: selectPolicies: tag "qouta" matches no policy; /],
        ["criteria that no policy meets together", { severities: ["critical"], tags: ["egress"] },
            /^Error: selectPolicies: no policy meets all of \{"severities":\["critical"\],"tags":\["egress"\]\}$/],
        ["a misspelt criterion", { severity: ["high"] }, /^Error: selectPolicies: unknown criterion 'severity'; known: 'names', 'severities', 'minSeverity', /],
        ["a criterion that is not a list", { tags: "quota" }, /^Error: selectPolicies: tag must be a list, got "quota"$/],
        ["severities that are not a list", { severities: "high" }, /^Error: selectPolicies: severity must be a list, got "high"$/],
        ["a name that is not a string", { names: [42] }, /^Error: selectPolicies: unknown name 42; known: 'sg-no-admin-ports-from-world', /],
        ["criteria that are not an object", null, /^Error: selectPolicies: the criteria must be an object, got null$/],
    ];
    for (const [scenario, criteria, message] of refused) {
        it(`refuses ${scenario}, never selecting nothing in silence`, () => {
            assert.throws(() => selectPolicies(criteria as PolicyCriteria), (e: unknown) => message.test(String(e)) || assert.fail(String(e)));
        });
    }
});

describe("createPack with a selection", () => {
    it("holds only the selected policies, in the catalogue's order, with their overrides", () => {
        const { policies, initialConfig } = createPack({
            policies: ["nacl-rules-effective", ...selectPolicies({ severities: ["critical"] }), "sg-unused"],
            all: "mandatory",
            "sg-unused": "advisory",
            "nacl-no-admin-ports-from-world": { ports: [5900] },
        });
        assert.deepStrictEqual(policies.map((p) => [p.name, p.enforcementLevel]), [
            ["sg-no-admin-ports-from-world", "mandatory"],
            ["sg-unused", "advisory"],
            ["nacl-no-admin-ports-from-world", "mandatory"],
            ["nacl-rules-effective", "mandatory"],
            ["db-not-reachable-from-internet", "mandatory"],
            ["admin-ports-not-reachable-from-internet", "mandatory"],
        ]);
        assert.deepStrictEqual(initialConfig, { "nacl-no-admin-ports-from-world": { ports: [5900], enforcementLevel: "mandatory" } });
    });

    it("refuses overrides for a policy that is not selected", () => {
        assert.throws(() => createPack({ policies: CRITICAL as never, "sg-egress-restricted": { allowedPorts: [443] } }),
            /^Error: createPack: 'sg-egress-restricted' is configured but not among the selected policies$/);
    });

    it("refuses an empty selection and an unknown name", () => {
        assert.throws(() => createPack({ policies: [] }), /^Error: createPack: policies is empty; a pack needs at least one policy$/);
        assert.throws(() => createPack({ policies: ["sg-unused", "sg-unusd"] as never }), /^Error: createPack: unknown policy 'sg-unusd' in policies$/);
        assert.throws(() => createPack({ policies: "sg-unused" as never }), /^Error: createPack: policies must be a list of policy names, got "sg-unused"$/);
    });
});

describe("describePolicies and policyByName: the policies' metadata", () => {
    it("describes a policy with controls of two frameworks and options", () => {
        const [info] = describePolicies(["nacl-no-admin-ports-from-world"]);
        assert.deepStrictEqual({ ...info, description: undefined, remediationSteps: undefined, options: Object.keys(info.options) }, {
            name: "nacl-no-admin-ports-from-world",
            displayName: "No SSH or RDP from the internet through network ACLs",
            description: undefined,
            enforcementLevel: "mandatory",
            severity: "critical",
            tags: ["network-acl", "ingress", "internet-exposure", "admin-ports", "cis-aws:5.1", "security-hub:EC2.21"],
            controls: ["cis-aws:5.1", "security-hub:EC2.21"],
            remediationSteps: undefined,
            url: info.url,
            options: ["ports"],
        });
        assert.deepStrictEqual(info.options.ports.default, []);
    });

    it("describes a policy with one numeric option and no public control, its shared options left out", () => {
        const [info] = describePolicies(["sg-rule-quota"]);
        assert.deepStrictEqual(info.controls, []);
        assert.deepStrictEqual(Object.keys(info.options), ["maxRules"]);
        assert.strictEqual(info.options.maxRules.default, 60);
        assert.match(info.options.maxRules.description, /^Inbound \(and, separately, outbound\) rules allowed per security group/);
    });

    it("describes every policy by default, in the catalogue's order, and refuses an unknown name", () => {
        assert.deepStrictEqual(describePolicies().map((p) => p.name), ALL);
        assert.throws(() => describePolicies(["sg-unusd"] as never), /^Error: describePolicies: unknown policy 'sg-unusd'$/);
    });

    it("finds a policy object by name, and refuses an unknown name", () => {
        const p = policyByName("vpc-flow-logs-enabled");
        assert.strictEqual(p.name, "vpc-flow-logs-enabled");
        assert.strictEqual(typeof p.validateStack, "function");
        assert.throws(() => policyByName("vpc-flow-log" as never), /^Error: policyByName: unknown policy "vpc-flow-log"$/);
    });
});
