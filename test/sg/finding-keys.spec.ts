/**
 * The key of every finding of the security-group policies (policies/core/finding-keys.ts): the
 * rule or property path it is about, which `check` tracks across runs while the message changes.
 * A rule on another resource than the one the finding is on is named after that resource's URN.
 */
import * as assert from "assert";
import { sgDbIngressOnlyFromSecurityGroups } from "../../policies/sg/db-ingress-only-from-security-groups";
import { sgDefaultDeniesAll } from "../../policies/sg/default-denies-all";
import { sgDescriptions } from "../../policies/sg/descriptions";
import { sgEgressRestricted } from "../../policies/sg/egress-restricted";
import { sgIngressFromWorldAllowedPorts } from "../../policies/sg/ingress-from-world-allowed-ports";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { sgNoAllTrafficRules } from "../../policies/sg/no-all-traffic-rules";
import { sgPreferSecurityGroupReferences } from "../../policies/sg/prefer-security-group-references";
import { sgRuleQuota } from "../../policies/sg/rule-quota";
import { sgRulesManagedOneWay } from "../../policies/sg/rules-managed-one-way";
import { sgUnused } from "../../policies/sg/unused";
import { sgWorldIngressOnlyOnLoadBalancers } from "../../policies/sg/world-ingress-only-on-load-balancers";
import { resourceKeys, stackKeys } from "../util/finding-keys";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { DEFAULT_SG, inline, sg, vpcRule as standalone } from "../util/shapes";
import { TYPE } from "../util/types";
import { vpcRule, web } from "../util/world-split";

const tcp = (port: number, peers: Record<string, unknown>) => inline("tcp", port, port, peers);
const WEB = urnOf({ type: TYPE.sg, name: "web" });
const urnOfRule = (direction: "ingress" | "egress", name: string) =>
    urnOf({ type: direction === "ingress" ? TYPE.vpcIngress : TYPE.vpcEgress, name });
const instance = (name: string, groups: string[]): TestResource =>
    ({ type: TYPE.instance, name, props: { vpcSecurityGroupIds: groups.map(() => UNKNOWN) }, propertyDependencies: { vpcSecurityGroupIds: groups } });

describe("finding keys of the sg policies", () => {
    describe("sg-descriptions", () => {
        const policy = sgDescriptions;
        const described = (r: Record<string, unknown>) => ({ ...r, description: "why" });

        it("a group without a description: keyed by its description", () => {
            assert.deepStrictEqual(resourceKeys(policy, { type: TYPE.sg, props: { ingress: [], egress: [] } }), [
                { policy: "sg-descriptions", kind: "violation", at: "description" },
            ]);
        });

        it("one inline rule without a description: keyed by that rule's description", () => {
            const rule = { ...tcp(443, { cidrBlocks: ["10.0.0.0/8"] }), description: "" };
            assert.deepStrictEqual(resourceKeys(policy, sg([described(tcp(80, { cidrBlocks: ["10.0.0.0/8"] })), rule])), [
                { policy: "sg-descriptions", kind: "violation", at: "ingress[1].description" },
            ]);
        });

        it("a standalone rule without a description: keyed by the resource's description", () => {
            const rule = standalone("ingress", "tcp", [443, 443], { cidrIpv4: "10.0.0.0/8", description: undefined });
            assert.deepStrictEqual(resourceKeys(policy, rule), [{ policy: "sg-descriptions", kind: "violation", at: "description" }]);
        });

        it("several undescribed rules: one finding keyed by every rule's description", () => {
            const bare = (port: number) => ({ ...tcp(port, { cidrBlocks: ["10.0.0.0/8"] }), description: undefined });
            assert.deepStrictEqual(resourceKeys(policy, sg([bare(80), described(tcp(22, { cidrBlocks: ["10.0.0.0/8"] }))], [bare(443)])), [
                { policy: "sg-descriptions", kind: "violation", at: "ingress[0].description, egress[0].description" },
            ]);
        });

        it("a group description not known yet: a note keyed by the description (the default)", () => {
            assert.deepStrictEqual(resourceKeys(policy, sg([], [], { description: UNKNOWN })), [
                { policy: "sg-descriptions", kind: "note", at: "description" },
            ]);
        });

        it("a rule description not known yet: a note keyed by that description (the default)", () => {
            assert.deepStrictEqual(resourceKeys(policy, sg([{ ...tcp(443, { cidrBlocks: ["10.0.0.0/8"] }), description: UNKNOWN }])), [
                { policy: "sg-descriptions", kind: "note", at: "ingress[0].description" },
            ]);
        });
    });

    describe("sg-default-denies-all", () => {
        const policy = sgDefaultDeniesAll;

        it("rules on the default group: one key per rule, by its peer path", () => {
            const group = { type: DEFAULT_SG, props: { ingress: [tcp(443, { cidrBlocks: ["10.0.0.0/8"] })], egress: [tcp(443, { self: true })] } };
            assert.deepStrictEqual(resourceKeys(policy, group), [
                { policy: "sg-default-denies-all", kind: "violation", at: "ingress[0].cidrBlocks[0]" },
                { policy: "sg-default-denies-all", kind: "violation", at: "egress[0].self" },
            ]);
        });

        it("a rule list not known yet: a note keyed by the list (the default)", () => {
            assert.deepStrictEqual(resourceKeys(policy, { type: DEFAULT_SG, props: { ingress: UNKNOWN, egress: [] } }), [
                { policy: "sg-default-denies-all", kind: "note", at: "ingress" },
            ]);
        });

        it("stack: a rule resource on a default group, and one whose group is not known yet, each on its own resource", () => {
            const vpc = { type: TYPE.vpc, name: "main", props: { defaultSecurityGroupId: "sg-def" } };
            const onDefault = { type: TYPE.vpcIngress, name: "on-default", props: { securityGroupId: "sg-def", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" } };
            const pending = { type: TYPE.vpcIngress, name: "pending", props: { ...onDefault.props, securityGroupId: UNKNOWN } };
            assert.deepStrictEqual(stackKeys(policy, [vpc, onDefault, pending]), [
                { policy: "sg-default-denies-all", urn: urnOf(onDefault), kind: "violation" },
                { policy: "sg-default-denies-all", urn: urnOf(pending), kind: "note", at: "securityGroupId" },
            ]);
        });
    });

    describe("sg-no-all-traffic-rules", () => {
        const policy = sgNoAllTrafficRules;

        it("an all-protocol rule and a wide port range: each keyed by its peer path", () => {
            const group = sg([inline("-1", 0, 0, { securityGroups: ["sg-1"] }), inline("tcp", 1000, 9000, { cidrBlocks: ["10.0.0.0/8"] })]);
            assert.deepStrictEqual(resourceKeys(policy, group), [
                { policy: "sg-no-all-traffic-rules", kind: "violation", at: "ingress[0].securityGroups[0]" },
                { policy: "sg-no-all-traffic-rules", kind: "violation", at: "ingress[1].cidrBlocks[0]" },
            ]);
        });

        it("a protocol and ports not known yet: notes keyed by those values (the default)", () => {
            const group = sg([inline(UNKNOWN, 0, 0, { cidrBlocks: ["10.0.0.0/8"] }), inline("tcp", 0, UNKNOWN, { cidrBlocks: ["10.0.0.0/8"] })]);
            assert.deepStrictEqual(resourceKeys(policy, group), [
                { policy: "sg-no-all-traffic-rules", kind: "note", at: "ingress[0].protocol" },
                { policy: "sg-no-all-traffic-rules", kind: "note", at: "ingress[1].toPort" },
            ]);
        });
    });

    describe("sg-prefer-security-group-references", () => {
        const policy = sgPreferSecurityGroupReferences;

        it("a wide range: keyed by its peer path", () => {
            assert.deepStrictEqual(resourceKeys(policy, sg([tcp(443, { cidrBlocks: ["10.1.0.0/24", "10.0.0.0/16"] })])), [
                { policy: "sg-prefer-security-group-references", kind: "violation", at: "ingress[0].cidrBlocks[1]" },
            ]);
        });

        it("a range not known yet: a note keyed by it (the default)", () => {
            assert.deepStrictEqual(resourceKeys(policy, sg([tcp(443, { cidrBlocks: [UNKNOWN] })])), [
                { policy: "sg-prefer-security-group-references", kind: "note", at: "ingress[0].cidrBlocks[0]" },
            ]);
        });
    });

    // The four policies that use the world share how their keys are built (policies/sg/shared/world.ts).
    const worldPolicies: [string, unknown, "ingress" | "egress", number][] = [
        ["sg-no-admin-ports-from-world", sgNoAdminPortsFromWorld, "ingress", 22],
        ["sg-ingress-from-world-allowed-ports", sgIngressFromWorldAllowedPorts, "ingress", 22],
        ["sg-egress-restricted", sgEgressRestricted, "egress", 22],
        ["sg-db-ingress-only-from-security-groups", sgDbIngressOnlyFromSecurityGroups, "ingress", 5432],
    ];
    for (const [name, policy, d, port] of worldPolicies) {
        describe(name, () => {
            const rules = (...cidrs: string[]) => cidrs.map((c) => tcp(port, { cidrBlocks: [c] }));
            const group = (...cidrs: string[]) => d === "ingress" ? sg(rules(...cidrs)) : sg([], rules(...cidrs));

            it("the world in one block: keyed by its rule's peer path", () => {
                assert.deepStrictEqual(resourceKeys(policy, group("10.0.0.0/8", "0.0.0.0/0")), [
                    { policy: name, kind: "violation", at: `${d}[1].cidrBlocks[0]` },
                    // A private range on a database port is a finding of its own.
                    ...(name === "sg-db-ingress-only-from-security-groups" ? [{ policy: name, kind: "violation", at: `${d}[0].cidrBlocks[0]` }] : []),
                ]);
            });

            it("the world split over two rules: keyed by both peer paths", () => {
                assert.deepStrictEqual(resourceKeys(policy, group("0.0.0.0/1", "128.0.0.0/1")), [
                    { policy: name, kind: "violation", at: `${d}[0].cidrBlocks[0], ${d}[1].cidrBlocks[0]` },
                ]);
            });

            it("a peer not known yet: a note keyed by it (the default)", () => {
                assert.deepStrictEqual(resourceKeys(policy, group(UNKNOWN)), [{ policy: name, kind: "note", at: `${d}[0].cidrBlocks[0]` }]);
            });

            it("stack: a world split between the group and a rule resource, on the group, the rule resource after its URN", () => {
                const resources = [web(d, [{ ...tcp(port, { cidrBlocks: ["128.0.0.0/1"] }), description: "r" }]), vpcRule(d, "low", "0.0.0.0/1", [port, port])];
                assert.deepStrictEqual(stackKeys(policy, resources), [
                    { policy: name, urn: WEB, kind: "violation", at: `${d}[0].cidrBlocks[0], ${urnOfRule(d, "low")} cidrIpv4` },
                ]);
            });

            it("stack: a world split between two rule resources on a group outside the stack, each after its URN", () => {
                const ext = { by: "id", id: "sg-0ext" } as const;
                const resources = [vpcRule(d, "low", "0.0.0.0/1", [port, port], ext), vpcRule(d, "high", "128.0.0.0/1", [port, port], ext)];
                assert.deepStrictEqual(stackKeys(policy, resources), [
                    { policy: name, kind: "violation", at: `${urnOfRule(d, "low")} cidrIpv4, ${urnOfRule(d, "high")} cidrIpv4` },
                ]);
            });

            it("stack: a port not known yet on a rule resource: a note on the group, keyed by the port after the rule's URN", () => {
                const resources = [web(d), vpcRule(d, "low", "0.0.0.0/1", [port, port]), vpcRule(d, "high", "128.0.0.0/1", [port, UNKNOWN])];
                assert.deepStrictEqual(stackKeys(policy, resources), [{ policy: name, urn: WEB, kind: "note", at: `${urnOfRule(d, "high")} toPort` }]);
            });

            it("stack: a port not known yet on the group's own inline rule: keyed by its path alone", () => {
                const own = { ...tcp(port, { cidrBlocks: ["128.0.0.0/1"] }), toPort: UNKNOWN, description: "r" };
                const resources = [web(d, [own]), vpcRule(d, "low", "0.0.0.0/1", [port, port])];
                assert.deepStrictEqual(stackKeys(policy, resources), [{ policy: name, urn: WEB, kind: "note", at: `${d}[0].toPort` }]);
            });
        });
    }

    describe("sg-db-ingress-only-from-security-groups: address ranges", () => {
        const policy = sgDbIngressOnlyFromSecurityGroups;

        it("a private range on a database port: keyed by its peer path", () => {
            assert.deepStrictEqual(resourceKeys(policy, sg([tcp(5432, { securityGroups: ["sg-1"], cidrBlocks: ["10.0.0.0/16"] })])), [
                { policy: "sg-db-ingress-only-from-security-groups", kind: "violation", at: "ingress[0].cidrBlocks[0]" },
            ]);
        });

        it("a range whose ports are not known yet: a note keyed by the ports (the default)", () => {
            assert.deepStrictEqual(resourceKeys(policy, sg([inline("tcp", 5000, UNKNOWN, { cidrBlocks: ["10.0.0.0/16"] })])), [
                { policy: "sg-db-ingress-only-from-security-groups", kind: "note", at: "ingress[0].toPort" },
            ]);
        });
    });

    describe("sg-rule-quota", () => {
        const policy = sgRuleQuota;
        const many = (n: number, v6 = false) => Array.from({ length: n }, (_, i) =>
            tcp(443, v6 ? { ipv6CidrBlocks: [`2001:db8:${i.toString(16)}::/48`] } : { cidrBlocks: [`10.0.${i}.0/24`] }));
        const group = (ingress: unknown, egress: unknown): TestResource => ({ type: TYPE.sg, name: "web", props: { description: "d", ingress, egress } });

        it("over the quota inbound in IPv4 and outbound in IPv6: keyed by direction and family", () => {
            assert.deepStrictEqual(stackKeys(policy, [group(many(3), many(3, true))], { maxRules: 2 }), [
                { policy: "sg-rule-quota", urn: WEB, kind: "violation", at: "ingress IPv4" },
                { policy: "sg-rule-quota", urn: WEB, kind: "violation", at: "egress IPv6" },
            ]);
        });

        it("a list of CIDRs not known yet: a note keyed by the list", () => {
            assert.deepStrictEqual(stackKeys(policy, [group([tcp(443, { cidrBlocks: UNKNOWN })], [])]), [
                { policy: "sg-rule-quota", urn: WEB, kind: "note", at: "ingress[0].cidrBlocks" },
            ]);
        });

        it("a prefix list outside the stack on a rule resource: a note keyed by the rule's peer after its URN", () => {
            const rule = { type: TYPE.vpcEgress, name: "pl", props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-1" },
                propertyDependencies: { securityGroupId: ["web"] } };
            assert.deepStrictEqual(stackKeys(policy, [group([], []), rule]), [
                { policy: "sg-rule-quota", urn: WEB, kind: "note", at: `${urnOfRule("egress", "pl")} prefixListId` },
            ]);
        });

        it("two rule resources whose group is not known yet: a note each, keyed by its group after its URN", () => {
            const pending = (name: string) => ({ type: TYPE.vpcIngress, name, props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.9.0.0/16" } });
            assert.deepStrictEqual(stackKeys(policy, [group(many(2), []), pending("a"), pending("b")], { maxRules: 2 }), [
                { policy: "sg-rule-quota", urn: WEB, kind: "note", at: `${urnOfRule("ingress", "a")} securityGroupId` },
                { policy: "sg-rule-quota", urn: WEB, kind: "note", at: `${urnOfRule("ingress", "b")} securityGroupId` },
            ]);
        });
    });

    describe("sg-rules-managed-one-way", () => {
        const policy = sgRulesManagedOneWay;
        const rule = (direction: "ingress" | "egress", name: string, securityGroupId = UNKNOWN): TestResource => ({
            type: direction === "ingress" ? TYPE.vpcIngress : TYPE.vpcEgress, name,
            props: { securityGroupId, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" },
            ...(securityGroupId === UNKNOWN ? { propertyDependencies: { securityGroupId: ["web"] } } : {}),
        });
        const webBoth = { type: TYPE.sg, name: "web", props: { description: "d", ingress: [tcp(22, { cidrBlocks: ["10.1.0.0/16"] })], egress: [tcp(22, { cidrBlocks: ["10.1.0.0/16"] })] } };

        it("both directions managed two ways: keyed by direction", () => {
            assert.deepStrictEqual(stackKeys(policy, [webBoth, rule("ingress", "in"), rule("egress", "out")]), [
                { policy: "sg-rules-managed-one-way", urn: WEB, kind: "violation", at: "ingress" },
                { policy: "sg-rules-managed-one-way", urn: WEB, kind: "violation", at: "egress" },
            ]);
        });

        it("two rule resources whose group is not known yet: a note each, keyed by its group after its URN", () => {
            const pending = (name: string): TestResource => ({ ...rule("ingress", name), propertyDependencies: {} });
            assert.deepStrictEqual(stackKeys(policy, [webBoth, pending("a"), pending("b")]), [
                { policy: "sg-rules-managed-one-way", urn: WEB, kind: "note", at: `${urnOfRule("ingress", "a")} securityGroupId` },
                { policy: "sg-rules-managed-one-way", urn: WEB, kind: "note", at: `${urnOfRule("ingress", "b")} securityGroupId` },
            ]);
        });
    });

    describe("sg-unused", () => {
        const policy = sgUnused;
        const lonely = { type: TYPE.sg, name: "lonely", props: { description: "d" } };

        it("an unused group: keyed by the group alone", () => {
            assert.deepStrictEqual(stackKeys(policy, [lonely]), [{ policy: "sg-unused", urn: urnOf(lonely), kind: "violation" }]);
        });
    });

    describe("sg-world-ingress-only-on-load-balancers", () => {
        const policy = sgWorldIngressOnlyOnLoadBalancers;

        it("a world-open group on compute: keyed by the group alone", () => {
            const group = { type: TYPE.sg, name: "web", props: { description: "d", ingress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })], egress: [] } };
            assert.deepStrictEqual(stackKeys(policy, [group, instance("vm", ["web"])]), [
                { policy: "sg-world-ingress-only-on-load-balancers", urn: WEB, kind: "violation" },
            ]);
        });

        it("world-open groups outside the stack on compute: each keyed by its rule resources after their URNs", () => {
            const rule = (name: string, id: string) => ({ type: TYPE.vpcIngress, name, props: { securityGroupId: id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" } });
            const vm = { type: TYPE.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1", "sg-2"] } };
            assert.deepStrictEqual(stackKeys(policy, [rule("a", "sg-1"), rule("b", "sg-2"), vm]), [
                { policy: "sg-world-ingress-only-on-load-balancers", kind: "violation", at: `${urnOfRule("ingress", "a")} cidrIpv4` },
                { policy: "sg-world-ingress-only-on-load-balancers", kind: "violation", at: `${urnOfRule("ingress", "b")} cidrIpv4` },
            ]);
        });

        it("a port not known yet on a rule resource that completes a split world: a note keyed by the port after its URN", () => {
            const resources = [web("ingress"), vpcRule("ingress", "low", "0.0.0.0/1", [443, 443]), vpcRule("ingress", "high", "128.0.0.0/1", [443, UNKNOWN])];
            assert.deepStrictEqual(stackKeys(policy, [...resources, instance("vm", ["web"])]), [
                { policy: "sg-world-ingress-only-on-load-balancers", urn: WEB, kind: "note", at: `${urnOfRule("ingress", "high")} toPort` },
            ]);
        });

        it("two rule resources whose group is not known yet, each completing the world: a note each, keyed by its group after its URN", () => {
            const group = { type: TYPE.sg, name: "web", props: { description: "d", ingress: [tcp(443, { cidrBlocks: ["0.0.0.0/1"] })], egress: [] } };
            const pending = (name: string) => vpcRule("ingress", name, "128.0.0.0/1", [443, 443], { by: "unknown" });
            assert.deepStrictEqual(stackKeys(policy, [group, pending("a"), pending("b"), instance("vm", ["web"])]), [
                { policy: "sg-world-ingress-only-on-load-balancers", urn: WEB, kind: "note", at: `${urnOfRule("ingress", "a")} securityGroupId` },
                { policy: "sg-world-ingress-only-on-load-balancers", urn: WEB, kind: "note", at: `${urnOfRule("ingress", "b")} securityGroupId` },
            ]);
        });
    });
});
