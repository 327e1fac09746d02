import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { EXEMPTED_PREFIX, REPORT_EXEMPTED_ENV, setClock } from "../policies/governance";
import { eniSecurityGroupLimit } from "../policies/eni/security-group-limit";
import { sgNoAdminPortsFromWorld } from "../policies/sg/no-admin-ports-from-world";
import { runResourcePolicy } from "./util/run-policy";
import { runStackPolicy, urnOf } from "./util/run-stack-policy";
import { SG, inline } from "./util/shapes";

const policy = sgNoAdminPortsFromWorld as ResourceValidationPolicy;
const ssh = (name: string, tags?: Record<string, string>) => ({
    type: SG, name, props: { description: "bastion", ingress: [inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/0"] })], ...(tags ? { tags } : {}) },
});
const run = (r: ReturnType<typeof ssh>, config: Record<string, unknown> = {}, stackTags?: Record<string, string>) =>
    runResourcePolicy(policy, { ...r, config, stackTags }).map((f) => `${f.level}: ${f.message.split(". ")[0]}`);
const FLAGGED = "mandatory: ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)";

describe("governance: exemptions and stack-tag scoping", () => {
    before(() => setClock(() => new Date("2026-11-23T12:00:00Z")));
    after(() => setClock(() => new Date()));

    const cases: [string, ReturnType<typeof ssh>, Record<string, unknown>, string[]][] = [
        ["flags without exemptions", ssh("bastion"), {}, [FLAGGED]],
        ["exempts by exact URN", ssh("bastion"), { exemptions: [{ resource: urnOf(ssh("bastion")), reason: "break-glass host" }] }, []],
        ["exempts by a glob over the URN", ssh("bastion"), { exemptions: [{ resource: "urn:pulumi:test::*::aws:ec2/securityGroup:SecurityGroup::bast*", reason: "r" }] }, []],
        ["exempts by a glob over the name", ssh("bastion-eu"), { exemptions: [{ resource: "bastion-*", reason: "r" }] }, []],
        ["does not exempt a name the glob does not match", ssh("web"), { exemptions: [{ resource: "bastion-*", reason: "r" }] }, [FLAGGED]],
        ["keeps an exemption through its expiry day", ssh("bastion"), { exemptions: [{ resource: "bastion", reason: "r", expires: "2026-11-23" }] }, []],
        ["reports an expired exemption, naming it", ssh("bastion"), { exemptions: [{ resource: "bastion", reason: "migration to SSM", expires: "2026-11-22" }] }, [FLAGGED]],
        ["exempts by tag, with the reason in its value", ssh("bastion", { "guardrails-exempt:sg-no-admin-ports-from-world": "vendor appliance" }), {}, []],
        ["ignores a tag with an empty reason", ssh("bastion", { "guardrails-exempt:sg-no-admin-ports-from-world": " " }), {}, [FLAGGED]],
        ["uses a configured tag key", ssh("bastion", { "security-exception": "SEC-123" }), { exemptionTag: "security-exception" }, []],
        ["rejects an exemption without a reason", ssh("bastion"), { exemptions: [{ resource: "bastion" }] },
            ["mandatory: Invalid configuration for policy 'sg-no-admin-ports-from-world': exemptions[0] needs a resource (URN or glob) and a reason."]],
        ["rejects a malformed expiry date", ssh("bastion"), { exemptions: [{ resource: "bastion", reason: "r", expires: "next year" }] },
            ["mandatory: Invalid configuration for policy 'sg-no-admin-ports-from-world': exemptions[0].expires (\"next year\") is not a date YYYY-MM-DD."]],
    ];
    for (const [name, resource, config, expected] of cases) {
        it(name, () => assert.deepStrictEqual(run(resource, config), expected));
    }

    it("says which exemption expired, and when", () => {
        const [f] = runResourcePolicy(policy, { ...ssh("bastion"), config: { exemptions: [{ resource: "bastion", reason: "migration to SSM", expires: "2026-11-22" }] } });
        assert.ok(f.message.endsWith("The exemption for 'bastion' (migration to SSM) expired on 2026-11-22; renew it or fix the finding."), f.message);
    });

    it("reports exempted findings as notes only when the check command asks for them", () => {
        process.env[REPORT_EXEMPTED_ENV] = "1";
        try {
            assert.deepStrictEqual(runResourcePolicy(policy, { ...ssh("bastion"), config: { exemptions: [{ resource: "bastion", reason: "r" }] } })
                .map((f) => [f.level, f.message.startsWith(`${EXEMPTED_PREFIX}(exemption 'bastion': r) ingress[0].cidrBlocks[0] allows TCP port 22`)]), [["advisory", true]]);
        } finally {
            delete process.env[REPORT_EXEMPTED_ENV];
        }
    });

    it("runs only on stacks with the configured tags", () => {
        const scoped = { stackTags: { environment: "production" } };
        assert.deepStrictEqual(run(ssh("bastion"), scoped, { environment: "production", team: "edge" }), [FLAGGED]);
        assert.deepStrictEqual(run(ssh("bastion"), scoped, { environment: "dev" }), []);
        assert.deepStrictEqual(run(ssh("bastion"), scoped, {}), []);
        assert.deepStrictEqual(run(ssh("bastion"), { stackTags: { environment: "*" } }, { environment: "dev" }), [FLAGGED]);
    });

    it("exempts stack-level findings by the resource they are reported on", () => {
        const instance = { type: "aws:ec2/instance:Instance", name: "legacy-app", props: { vpcSecurityGroupIds: ["sg-1", "sg-2"] } };
        const other = { ...instance, name: "web" };
        const findings = runStackPolicy(eniSecurityGroupLimit, [instance, other], { maxSecurityGroups: 1, exemptions: [{ resource: "legacy-*", reason: "decommissioned in Q1", expires: "2027-03-31" }] });
        assert.deepStrictEqual(findings.map((f) => f.urn), [urnOf(other)]);
    });
});
