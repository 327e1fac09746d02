import * as assert from "assert";
import { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { exemptedInCall, expiredInCall } from "../../policies/core/exempted";
import { setClock, setConfiguredLevels } from "../../policies/core/governance";
import { inCallScope } from "../../policies/model/call-scope";
import { invalidAt, unknownAt } from "../../policies/model/values";
import { PolicyMeta, sgRulePolicy, stackPolicy } from "../../policies/core/policy";
import { eniSecurityGroupLimit } from "../../policies/eni/security-group-limit";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { UNKNOWN, runRemediation, runResourcePolicy } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { SG, inline } from "../util/shapes";

// Probe policies built with the pack's own factories: each flags every security group it sees,
// so that these tests pin the exemption wiring and not any rule's wording.
function meta(name: string, level: EnforcementLevel): PolicyMeta {
    return { name, displayName: name, description: "Test probe.", enforcementLevel: level, severity: "high", remediationSteps: "Fix it.",
        url: "https://example.com/probe", tags: [], configSchema: { properties: {} } };
}
const flagging = (name: string, level: EnforcementLevel) =>
    sgRulePolicy(meta(name, level), ({ resource, report }) => report.violation(`${resource.name} is flagged.`)) as ResourceValidationPolicy;
const mandatory = flagging("probe-mandatory", "mandatory");
const advisory = flagging("probe-advisory", "advisory");
const group = (name: string, tags?: Record<string, unknown>) => ({
    type: SG, name, props: { description: "d", ingress: [inline("tcp", 443, 443, { cidrBlocks: ["10.0.0.0/8"] })], ...(tags ? { tags } : {}) },
});
const run = (policy: ResourceValidationPolicy, r: ReturnType<typeof group>, config: Record<string, unknown> = {}) =>
    runResourcePolicy(policy, { ...r, config }).map((f) => `${f.level}: ${f.message}`);
const TAG = { exemptionTag: "security-exception" };

describe("governance: exemptions and stack-tag scoping", () => {
    before(() => setClock(() => new Date("2026-11-23T12:00:00Z")));
    after(() => setClock(() => new Date()));

    describe("config exemptions", () => {
        const cases: [string, ResourceValidationPolicy, ReturnType<typeof group>, Record<string, unknown>, string[]][] = [
            ["flags without exemptions", mandatory, group("web"), {}, ["mandatory: web is flagged."]],
            ["reports a finding exempted by a name glob as advisory, naming the policy, its level, the exemption, reason and expiry",
                mandatory, group("bastion-eu"), { exemptions: [{ resource: "bastion-*", reason: "SEC-7 vendor appliance", expires: "2026-12-31" }] },
                ["advisory: Exempted mandatory finding of probe-mandatory (exemption 'bastion-*'; reason: SEC-7 vendor appliance; expires 2026-12-31): bastion-eu is flagged."]],
            ["exempts by exact URN", mandatory, group("bastion"), { exemptions: [{ resource: urnOf(group("bastion")), reason: "r", expires: "2026-12-31" }] },
                [`advisory: Exempted mandatory finding of probe-mandatory (exemption '${urnOf(group("bastion"))}'; reason: r; expires 2026-12-31): bastion is flagged.`]],
            ["exempts by a URN glob with one `*` per part", mandatory, group("bastion"),
                { exemptions: [{ resource: "urn:pulumi:test::test::*::bast*", reason: "r", expires: "2026-12-31" }] },
                ["advisory: Exempted mandatory finding of probe-mandatory (exemption 'urn:pulumi:test::test::*::bast*'; reason: r; expires 2026-12-31): bastion is flagged."]],
            ["does not exempt with `*::name`: a single star stays within one URN part", mandatory, group("bastion"),
                { exemptions: [{ resource: "*::bastion", reason: "r", expires: "2026-12-31" }] }, ["mandatory: bastion is flagged."]],
            ["exempts with `**::name`", mandatory, group("bastion"), { exemptions: [{ resource: "**::bastion", reason: "r", expires: "2026-12-31" }] },
                ["advisory: Exempted mandatory finding of probe-mandatory (exemption '**::bastion'; reason: r; expires 2026-12-31): bastion is flagged."]],
            ["does not exempt a name the glob does not match", mandatory, group("web"),
                { exemptions: [{ resource: "bastion-*", reason: "r", expires: "2026-12-31" }] }, ["mandatory: web is flagged."]],
            ["keeps an exemption through its expiry day", mandatory, group("bastion"), { exemptions: [{ resource: "bastion", reason: "r", expires: "2026-11-23" }] },
                ["advisory: Exempted mandatory finding of probe-mandatory (exemption 'bastion'; reason: r; expires 2026-11-23): bastion is flagged."]],
            ["reports the finding of an expired exemption at its level, naming the exemption", mandatory, group("bastion"),
                { exemptions: [{ resource: "bastion", reason: "migration to SSM", expires: "2026-11-22" }] },
                ["mandatory: bastion is flagged. The exemption for 'bastion' (migration to SSM) expired on 2026-11-22; renew it or fix the finding."]],
            ["uses a current exemption when an expired one matches too", mandatory, group("bastion"),
                { exemptions: [{ resource: "bastion", reason: "old", expires: "2026-01-01" }, { resource: "bast*", reason: "new", expires: "2027-01-01" }] },
                ["advisory: Exempted mandatory finding of probe-mandatory (exemption 'bast*'; reason: new; expires 2027-01-01): bastion is flagged."]],
            ["lets an advisory policy keep an open-ended exemption", advisory, group("bastion"), { exemptions: [{ resource: "bastion", reason: "r" }] },
                ["advisory: Exempted advisory finding of probe-advisory (exemption 'bastion'; reason: r; no expiry date): bastion is flagged."]],
            ["accepts a glob that matches everything on an advisory policy (its findings stay visible)", advisory, group("bastion"),
                { exemptions: [{ resource: "*", reason: "r" }] },
                ["advisory: Exempted advisory finding of probe-advisory (exemption '*'; reason: r; no expiry date): bastion is flagged."]],
            ["rejects an exemption of a mandatory policy without expires", mandatory, group("bastion"), { exemptions: [{ resource: "bastion", reason: "r" }] },
                ["mandatory: Invalid configuration for policy 'probe-mandatory': exemptions[0] ('bastion') has no expires date, which every exemption from a mandatory policy needs (YYYY-MM-DD)."]],
            ["rejects a glob that matches every resource on a mandatory policy", mandatory, group("bastion"),
                { exemptions: [{ resource: "urn:*", reason: "r", expires: "2026-12-31" }] },
                ["mandatory: Invalid configuration for policy 'probe-mandatory': exemptions[0] ('urn:*') matches every resource, which would switch a mandatory policy off; set the policy's enforcementLevel instead."]],
            ["rejects `**aws**` on a mandatory policy: every type token holds aws", mandatory, group("bastion"),
                { exemptions: [{ resource: "bastion", reason: "r", expires: "2026-12-31" }, { resource: "**aws**", reason: "r", expires: "2026-12-31" }] },
                ["mandatory: Invalid configuration for policy 'probe-mandatory': exemptions[1] ('**aws**') matches every resource, which would switch a mandatory policy off; set the policy's enforcementLevel instead."]],
            ["accepts a type-scoped pattern on a mandatory policy", mandatory, group("bastion"),
                { exemptions: [{ resource: `**::${SG}::*`, reason: "r", expires: "2026-12-31" }] },
                [`advisory: Exempted mandatory finding of probe-mandatory (exemption '**::${SG}::*'; reason: r; expires 2026-12-31): bastion is flagged.`]],
            ["rejects an exemption without a reason", advisory, group("bastion"), { exemptions: [{ resource: "bastion" }] },
                ["advisory: Invalid configuration for policy 'probe-advisory': exemptions[0] needs a resource (URN or glob) and a reason."]],
            ["rejects a malformed expiry date", mandatory, group("bastion"), { exemptions: [{ resource: "bastion", reason: "r", expires: "next year" }] },
                ["mandatory: Invalid configuration for policy 'probe-mandatory': exemptions[0].expires (\"next year\") is not a date YYYY-MM-DD."]],
            ["rejects an impossible expiry date", mandatory, group("bastion"), { exemptions: [{ resource: "bastion", reason: "r", expires: "2099-02-30" }] },
                ["mandatory: Invalid configuration for policy 'probe-mandatory': exemptions[0].expires (\"2099-02-30\") is not a date YYYY-MM-DD."]],
            ["rejects an exemption with an extra key", mandatory, group("bastion"),
                { exemptions: [{ resource: "bastion", reason: "r", expires: "2026-12-31", owner: "team-a" }] },
                ["mandatory: Invalid configuration for policy 'probe-mandatory': exemptions[0] has an unknown key 'owner' (known: resource, reason, expires)."]],
        ];
        for (const [name, policy, resource, config, expected] of cases) {
            it(name, () => assert.deepStrictEqual(run(policy, resource, config), expected));
        }

        it("records each exempted finding as data in the Analyzer call", () => {
            const config = { exemptions: [{ resource: "bastion-*", reason: "SEC-7", expires: "2026-12-31" }] };
            const records = inCallScope(() => {
                runResourcePolicy(mandatory, { ...group("bastion-eu"), config });
                runResourcePolicy(advisory, { ...group("bastion-eu"), config });
                return exemptedInCall();
            });
            assert.deepStrictEqual(records, [
                { policy: "probe-mandatory", message: "Exempted mandatory finding of probe-mandatory (exemption 'bastion-*'; reason: SEC-7; expires 2026-12-31): bastion-eu is flagged.",
                    finding: "bastion-eu is flagged.", level: "mandatory", exemption: { kind: "config", resource: "bastion-*" }, reason: "SEC-7", expires: "2026-12-31" },
                { policy: "probe-advisory", message: "Exempted advisory finding of probe-advisory (exemption 'bastion-*'; reason: SEC-7; expires 2026-12-31): bastion-eu is flagged.",
                    finding: "bastion-eu is flagged.", level: "advisory", exemption: { kind: "config", resource: "bastion-*" }, reason: "SEC-7", expires: "2026-12-31" },
            ]);
        });

        it("records each finding that an expired exemption matched, at the level it is reported, as data in the Analyzer call", () => {
            const config = { exemptions: [{ resource: "bastion", reason: "migration to SSM", expires: "2026-11-22" }] };
            const [findings, expired, exempted] = inCallScope(() => [run(mandatory, group("bastion"), config), expiredInCall(), exemptedInCall()] as const);
            assert.deepStrictEqual(findings,
                ["mandatory: bastion is flagged. The exemption for 'bastion' (migration to SSM) expired on 2026-11-22; renew it or fix the finding."]);
            assert.deepStrictEqual(expired, [{ policy: "probe-mandatory", finding: "bastion is flagged.", level: "mandatory",
                exemption: { kind: "config", resource: "bastion" }, reason: "migration to SSM", expires: "2026-11-22" }]);
            assert.deepStrictEqual(exempted, []);
        });

        it("records an expired exemption that matched a finding another exemption covers, naming that one", () => {
            const config = { exemptions: [{ resource: "bastion", reason: "old", expires: "2026-01-01" }, { resource: "bast*", reason: "new", expires: "2027-01-01" }] };
            const expired = inCallScope(() => {
                runResourcePolicy(mandatory, { ...group("bastion"), config });
                return expiredInCall();
            });
            assert.deepStrictEqual(expired, [{ policy: "probe-mandatory", finding: "bastion is flagged.", level: "mandatory",
                exemption: { kind: "config", resource: "bastion" }, reason: "old", expires: "2026-01-01", coveredBy: { kind: "config", resource: "bast*" } }]);
        });

        it("records nothing for a current exemption, nor for an expired one that matches nothing", () => {
            const config = { exemptions: [{ resource: "bastion", reason: "r", expires: "2026-12-31" }, { resource: "web-*", reason: "r", expires: "2026-01-01" }] };
            assert.deepStrictEqual(inCallScope(() => {
                runResourcePolicy(mandatory, { ...group("bastion"), config });
                return expiredInCall();
            }), []);
        });

        it("exempts notes and undetermined findings too, each at the level it had", () => {
            const undetermined = sgRulePolicy(meta("probe-undetermined", "mandatory"), ({ report }) => {
                report.undetermined(unknownAt("ingress[0].cidrBlocks[0]"), "Whether it admits the internet is not known.");
                report.undetermined(invalidAt("ingress[0].fromPort", "ingress[0].fromPort should be a number, got \"x\""), "The rule cannot be judged.");
            }) as ResourceValidationPolicy;
            assert.deepStrictEqual(run(undetermined, group("bastion"), { exemptions: [{ resource: "bastion", reason: "r", expires: "2026-12-31" }] }), [
                "advisory: Exempted advisory finding of probe-undetermined (exemption 'bastion'; reason: r; expires 2026-12-31): Cannot be verified at preview: ingress[0].cidrBlocks[0] is not known until the resource is created. Whether it admits the internet is not known.",
                "advisory: Exempted mandatory finding of probe-undetermined (exemption 'bastion'; reason: r; expires 2026-12-31): Cannot be evaluated: ingress[0].fromPort should be a number, got \"x\". The rule cannot be judged. Fix the value: AWS rejects it.",
            ]);
        });

        it("takes the policy's level from Configure: advisory there allows an open-ended exemption; remediate counts as mandatory", () => {
            const config = { exemptions: [{ resource: "bastion", reason: "r" }] };
            try {
                setConfiguredLevels(new Map([["probe-mandatory", "advisory"]]));
                assert.deepStrictEqual(run(mandatory, group("bastion"), config),
                    ["advisory: Exempted advisory finding of probe-mandatory (exemption 'bastion'; reason: r; no expiry date): bastion is flagged."]);
                setConfiguredLevels(new Map([["probe-advisory", "remediate"]]));
                assert.deepStrictEqual(run(advisory, group("bastion"), config),
                    ["advisory: Invalid configuration for policy 'probe-advisory': exemptions[0] ('bastion') has no expires date, which every exemption from a mandatory policy needs (YYYY-MM-DD)."]);
            } finally {
                setConfiguredLevels(new Map());
            }
        });
    });

    describe("URN-shaped patterns match URNs only; names may hold anything, `::` included", () => {
        const PROD_BASTION = `urn:pulumi:prod::test::${SG}::bastion`;
        const exempting = (resource: string) => ({ exemptions: [{ resource, reason: "SEC-7", expires: "2026-12-31" }] });
        const on = (stack: string, name: string, config: Record<string, unknown>) =>
            runResourcePolicy(mandatory, { ...group(name), name, stack, config }).map((f) => `${f.level}: ${f.message}`);
        const cases: [string, string, string, string, string[]][] = [
            ["the exact URN of a prod resource exempts that resource", "prod", "bastion", PROD_BASTION,
                [`advisory: Exempted mandatory finding of probe-mandatory (exemption '${PROD_BASTION}'; reason: SEC-7; expires 2026-12-31): bastion is flagged.`]],
            ["the exact URN of a prod resource, used as the name of a dev resource, exempts nothing", "dev", PROD_BASTION, PROD_BASTION,
                [`mandatory: ${PROD_BASTION} is flagged.`]],
            ["the glob urn:pulumi:prod::*::*::web-* exempts web-1 of stack prod", "prod", "web-1", "urn:pulumi:prod::*::*::web-*",
                ["advisory: Exempted mandatory finding of probe-mandatory (exemption 'urn:pulumi:prod::*::*::web-*'; reason: SEC-7; expires 2026-12-31): web-1 is flagged."]],
            ["the glob urn:pulumi:prod::*::*::web-* does not exempt a dev resource named urn:pulumi:prod::x::y::web-1", "dev",
                "urn:pulumi:prod::x::y::web-1", "urn:pulumi:prod::*::*::web-*", ["mandatory: urn:pulumi:prod::x::y::web-1 is flagged."]],
            ["a pattern holding `::` is not tried against names: *::bastion does not exempt a resource named a::bastion", "dev",
                "a::bastion", "*::bastion", ["mandatory: a::bastion is flagged."]],
            ["a pattern starting with urn: is not tried against names: urn:x* does not exempt a resource named urn:xyz", "dev",
                "urn:xyz", "urn:x*", ["mandatory: urn:xyz is flagged."]],
            ["a plain name glob still matches names, in any stack", "dev", "bastion-eu", "bastion-*",
                ["advisory: Exempted mandatory finding of probe-mandatory (exemption 'bastion-*'; reason: SEC-7; expires 2026-12-31): bastion-eu is flagged."]],
        ];
        for (const [name, stack, resourceName, pattern, expected] of cases) {
            it(name, () => assert.deepStrictEqual(on(stack, resourceName, exempting(pattern)), expected));
        }

        it("a stack policy: the exact URN of a resource exempts it, not a resource named after that URN", () => {
            const stackProbe = stackPolicy(meta("probe-stack", "mandatory"), ({ model, report }) => {
                for (const r of model.byUrn.values()) {
                    if (r.type === SG) { report.violation(`${r.name} is flagged.`, r.urn); }
                }
            });
            const real = group("bastion");
            const impostor = group(urnOf(real));
            assert.deepStrictEqual(runStackPolicy(stackProbe, [real, impostor], exempting(urnOf(real))).map((f) => [f.urn, `${f.level}: ${f.message}`]), [
                [urnOf(real), `advisory: Exempted mandatory finding of probe-stack (exemption '${urnOf(real)}'; reason: SEC-7; expires 2026-12-31): bastion is flagged.`],
                [urnOf(impostor), `mandatory: ${urnOf(real)} is flagged.`],
            ]);
        });
    });

    describe("tag exemptions", () => {
        const cases: [string, ResourceValidationPolicy, ReturnType<typeof group>, Record<string, unknown>, string[]][] = [
            ["are off by default: the old default tag exempts nothing", mandatory,
                group("bastion", { "guardrails-exempt:probe-mandatory": "2027-01-31: vendor appliance" }), {}, ["mandatory: bastion is flagged."]],
            ["exempt with the admin's key and a value \"YYYY-MM-DD: reason\"", mandatory, group("bastion", { "security-exception": "2027-01-31: SEC-123 vendor appliance" }), TAG,
                ["advisory: Exempted mandatory finding of probe-mandatory (tag 'security-exception' on the resource; reason: SEC-123 vendor appliance; expires 2027-01-31): bastion is flagged."]],
            ["hold through the expiry day", mandatory, group("bastion", { "security-exception": "2026-11-23: SEC-123" }), TAG,
                ["advisory: Exempted mandatory finding of probe-mandatory (tag 'security-exception' on the resource; reason: SEC-123; expires 2026-11-23): bastion is flagged."]],
            ["an expired tag is a violation, and the findings are reported as usual", mandatory, group("bastion", { "security-exception": "2026-11-22: SEC-123" }), TAG, [
                "mandatory: The exemption tag tags[\"security-exception\"] on this resource expired on 2026-11-22 (SEC-123), so its findings are reported again. Fix the findings, or ask a policy admin for a new date.",
                "mandatory: bastion is flagged.",
            ]],
            ["a value without a date is malformed: a violation, and the findings as usual", mandatory, group("bastion", { "security-exception": "SEC-123 vendor appliance" }), TAG, [
                "mandatory: The exemption tag tags[\"security-exception\"] on this resource reads \"SEC-123 vendor appliance\", not \"YYYY-MM-DD: reason\" (an expiry date, a colon, then the reason), so it exempts nothing. Fix the tag's value, or remove the tag.",
                "mandatory: bastion is flagged.",
            ]],
            ["an impossible date is malformed", mandatory, group("bastion", { "security-exception": "2027-02-30: SEC-123" }), TAG, [
                "mandatory: The exemption tag tags[\"security-exception\"] on this resource reads \"2027-02-30: SEC-123\", not \"YYYY-MM-DD: reason\" (an expiry date, a colon, then the reason), so it exempts nothing. Fix the tag's value, or remove the tag.",
                "mandatory: bastion is flagged.",
            ]],
            ["a date without a reason is malformed, at the policy's level", advisory, group("bastion", { "security-exception": "2027-01-31: " }), TAG, [
                "advisory: The exemption tag tags[\"security-exception\"] on this resource reads \"2027-01-31: \", not \"YYYY-MM-DD: reason\" (an expiry date, a colon, then the reason), so it exempts nothing. Fix the tag's value, or remove the tag.",
                "advisory: bastion is flagged.",
            ]],
            ["a value not known at preview exempts nothing and is no violation", mandatory, group("bastion", { "security-exception": UNKNOWN }), TAG,
                ["mandatory: bastion is flagged."]],
            ["a configured exemption is used before a tag", mandatory, group("bastion", { "security-exception": "2027-01-31: SEC-123" }),
                { ...TAG, exemptions: [{ resource: "bastion", reason: "SEC-7", expires: "2026-12-31" }] },
                ["advisory: Exempted mandatory finding of probe-mandatory (exemption 'bastion'; reason: SEC-7; expires 2026-12-31): bastion is flagged."]],
        ];
        for (const [name, policy, resource, config, expected] of cases) {
            it(name, () => assert.deepStrictEqual(run(policy, resource, config), expected));
        }
    });

    describe("stack policies", () => {
        const stackProbe = stackPolicy(meta("probe-stack", "mandatory"), ({ model, report }) => {
            for (const r of model.byUrn.values()) {
                if (r.type === SG) { report.violation(`${r.name} is flagged.`, r.urn); }
            }
        });
        const findings = (config: Record<string, unknown>, ...resources: TestResource[]) =>
            runStackPolicy(stackProbe, resources, config).map((f) => [f.urn, `${f.level}: ${f.message}`]);

        it("exempt a finding by the resource it names, and report it as advisory", () => {
            assert.deepStrictEqual(findings({ exemptions: [{ resource: "legacy-*", reason: "decommissioned in Q1", expires: "2027-03-31" }] }, group("legacy-app"), group("web")), [
                [urnOf(group("legacy-app")), "advisory: Exempted mandatory finding of probe-stack (exemption 'legacy-*'; reason: decommissioned in Q1; expires 2027-03-31): legacy-app is flagged."],
                [urnOf(group("web")), "mandatory: web is flagged."],
            ]);
        });

        it("report a malformed exemption tag on any resource of the stack, on that resource", () => {
            const other = { type: "aws:s3/bucket:Bucket", name: "logs", props: { tags: { "security-exception": "soon" } } };
            assert.deepStrictEqual(findings(TAG, group("web"), other), [
                [urnOf(other), "mandatory: The exemption tag tags[\"security-exception\"] on this resource reads \"soon\", not \"YYYY-MM-DD: reason\" (an expiry date, a colon, then the reason), so it exempts nothing. Fix the tag's value, or remove the tag."],
                [urnOf(group("web")), "mandatory: web is flagged."],
            ]);
        });

        it("a real stack policy (eni-security-group-limit): the exempted instance's finding comes back advisory", () => {
            const instance = { type: "aws:ec2/instance:Instance", name: "legacy-app", props: { vpcSecurityGroupIds: ["sg-1", "sg-2"] } };
            const other = { ...instance, name: "web" };
            const got = runStackPolicy(eniSecurityGroupLimit, [instance, other], { maxSecurityGroups: 1, exemptions: [{ resource: "legacy-*", reason: "decommissioned in Q1", expires: "2027-03-31" }] });
            assert.deepStrictEqual(got.map((f) => [f.urn, f.level, f.message.startsWith("Exempted mandatory finding of eni-security-group-limit (exemption 'legacy-*'; reason: decommissioned in Q1; expires 2027-03-31): ")]), [
                [urnOf(instance), "advisory", true], [urnOf(other), "mandatory", false],
            ]);
        });
    });

    describe("remediation", () => {
        const props = { description: "d", ingress: [inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/0"] })] };
        it("leaves a resource alone when its policy's exemptions cannot be read, and validation says why", () => {
            const config = { exemptions: [{ resource: "bastion", reason: "r" }] };
            assert.strictEqual(runRemediation(sgNoAdminPortsFromWorld as ResourceValidationPolicy, { type: SG, name: "bastion", props, config }), undefined);
            assert.deepStrictEqual(runResourcePolicy(sgNoAdminPortsFromWorld as ResourceValidationPolicy, { type: SG, name: "bastion", props, config }).map((f) => f.message), [
                "Invalid configuration for policy 'sg-no-admin-ports-from-world': exemptions[0] ('bastion') has no expires date, which every exemption from a mandatory policy needs (YYYY-MM-DD).",
            ]);
        });
    });

    describe("stack tags", () => {
        it("run a policy only on stacks with the configured tags", () => {
            const scoped = { stackTags: { environment: "production" } };
            const on = (config: Record<string, unknown>, tags: Record<string, string>) =>
                runResourcePolicy(mandatory, { ...group("web"), config, stackTags: tags }).map((f) => `${f.level}: ${f.message}`);
            assert.deepStrictEqual(on(scoped, { environment: "production", team: "edge" }), ["mandatory: web is flagged."]);
            assert.deepStrictEqual(on(scoped, { environment: "dev" }), []);
            assert.deepStrictEqual(on(scoped, {}), []);
            assert.deepStrictEqual(on({ stackTags: { environment: "*" } }, { environment: "dev" }), ["mandatory: web is flagged."]);
        });
    });
});
