import * as assert from "assert";
import { StackModel } from "../../policies/graph/stack";
import { WireResource, runStackPolicyOn, urnOf } from "../util/run-stack-policy";
import { sgRuleQuota } from "../../policies/sg/rule-quota";
import { TYPES } from "../util/stack-fixtures";

describe("graph/stack: two resources with one URN (a broken input) are both evaluated", () => {
    const SG_URN = urnOf({ type: TYPES.sg, name: "web" });
    const copy = (cidrCount: number, id: string): WireResource => ({
        urn: SG_URN, type: TYPES.sg, name: "web",
        props: { id, description: "d", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, description: "r", cidrBlocks: Array.from({ length: cidrCount }, (_, i) => `10.0.${i}.0/24`) }] },
        propertyDependencies: {},
    });

    it("the model keeps each copy as a node of its own, and names the URN of each", () => {
        const model = new StackModel([copy(1, "sg-1"), copy(2, "sg-2")].map((r) => ({ ...r, dependencies: [] })));
        assert.deepStrictEqual([...model.groups.keys()].map((k) => [model.sourceUrn(k), model.groups.get(k)?.inline.rules.length]),
            [[SG_URN, 1], [SG_URN, 2]]);
    });

    it("sg-rule-quota reports each copy that exceeds the quota, on the shared URN", () => {
        const findings = runStackPolicyOn(sgRuleQuota, [copy(61, "sg-1"), copy(62, "sg-2")]);
        assert.deepStrictEqual(findings.map((f) => [f.urn, f.message.split(". ")[0]]), [
            [SG_URN, "aws.ec2.SecurityGroup 'web' has 61 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60"],
            [SG_URN, "aws.ec2.SecurityGroup 'web' has 62 inbound IPv4 rules as AWS counts them (each CIDR, group reference and prefix-list entry is one rule), more than the quota of 60"],
        ]);
    });

    it("a dependency on a duplicated URN names both copies: a link that needs one falls back to the known ID", () => {
        const rule: WireResource = {
            urn: urnOf({ type: TYPES.vpcIngress, name: "r" }), type: TYPES.vpcIngress, name: "r",
            props: { securityGroupId: "sg-2", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" },
            propertyDependencies: { securityGroupId: [SG_URN] },
        };
        const model = new StackModel([copy(1, "sg-1"), copy(1, "sg-2"), rule].map((r) => ({ ...r, dependencies: [] })));
        const [first, second] = [...model.groups.keys()];
        assert.deepStrictEqual([model.rulesOf(first).length, model.rulesOf(second).length], [1, 2]);
        assert.notStrictEqual(first, second);
    });
});

describe("graph/stack: scale of hostile inputs", () => {
    it("100,000 copies of one URN build in linear time (well under 10 s)", () => {
        const copies = Array.from({ length: 100_000 }, () => ({ urn: "urn:x", name: "x", type: TYPES.sg, props: { description: "d" }, dependencies: [], propertyDependencies: {} }));
        const start = Date.now();
        const model = new StackModel(copies);
        assert.strictEqual(model.groups.size, 100_000);
        assert.ok(Date.now() - start < 10_000, `${Date.now() - start} ms`);
    });
});
