import * as assert from "assert";
import { Ref, StackModel } from "../../policies/graph/stack";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";
import { group, groupName } from "./stack-model-fixtures";

describe("graph/stack: security groups and their rules", () => {
    const ruleView = (model: StackModel, urn: string) => model.rulesOf(urn).map((r) => `${r.origin.name}:${r.direction}:${r.origin.peerPath}`);

    it("models SecurityGroup and DefaultSecurityGroup, and nothing else, as groups", () => {
        const model = stackModel([
            group("a"), { type: TYPES.defaultSg, name: "default", props: { vpcId: "vpc-1" } },
            { type: TYPES.instance, name: "vm", props: {} },
        ]);
        assert.deepStrictEqual([...model.groups.values()].map((g) => [g.resource.name, g.isDefault]), [["a", false], ["default", true]]);
    });

    it("rulesOf returns inline then standalone rules, linked by dependency and by known ID", () => {
        const resources: TestResource[] = [
            group("web", "sg-1", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }], egress: [] }),
            {
                type: TYPES.vpcIngress, name: "by-dep", props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.1.0.0/16" },
                propertyDependencies: { securityGroupId: ["web"] },
            },
            { type: TYPES.sgRule, name: "by-id", props: { type: "egress", securityGroupId: "sg-1", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] } },
            { type: TYPES.vpcEgress, name: "elsewhere", props: { securityGroupId: "sg-0other", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" } },
        ];
        const model = stackModel(resources);
        const web = urnOf(resources[0]);
        assert.deepStrictEqual(ruleView(model, web), [
            "web:ingress:ingress[0].cidrBlocks[0]",
            "by-dep:ingress:cidrIpv4",
            "by-id:egress:cidrBlocks[0]",
        ]);
        assert.deepStrictEqual(model.groups.get(web)?.standalone.map((s) => s.resource.name), ["by-dep", "by-id"]);
        assert.deepStrictEqual(model.standaloneRules.map((s) => [s.resource.name, s.target && groupName(model, s.target)]),
            [["by-dep", "web"], ["by-id", "web"], ["elsewhere", "external:sg-0other"]]);
    });

    it("a standalone rule whose group cannot be resolved has no target, and says why", () => {
        const model = stackModel([
            group("web"),
            { type: TYPES.vpcIngress, name: "r", props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.1.0.0/16" } },
        ]);
        assert.deepStrictEqual(model.standaloneRules.map((s) => [s.target, s.targetUndetermined?.path, s.targetUndetermined?.undetermined]),
            [[undefined, "securityGroupId", "unknown"]]);
        assert.deepStrictEqual(model.rulesOf(urnOf(group("web"))), []);
    });

    it("a whole unknown ingress/egress list on a group reads as not declared inline", () => {
        const model = stackModel([{ type: TYPES.sg, name: "web", props: { description: "d", ingress: UNKNOWN, egress: UNKNOWN } }]);
        assert.deepStrictEqual(model.rulesOf(urnOf(group("web"))), []);
    });

    it("refOf resolves IDs and names of the stack's groups, and anything else as external", () => {
        const model = stackModel([group("a", "sg-1", { name: "a-name" })]);
        const urn = urnOf(group("a"));
        assert.deepStrictEqual([model.refOf("sg-1"), model.refOf("a-name"), model.refOf("sg-0123abcd")],
            [{ kind: "stack", urn }, { kind: "stack", urn }, { kind: "external", id: "sg-0123abcd" }]);
    });

    it("interfacesWith and rolesOf name where a group is attached", () => {
        const model = stackModel([
            group("web", "sg-1"),
            { type: TYPES.lb, name: "alb", props: { securityGroups: ["sg-1"] } },
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1"] } },
            { type: TYPES.rdsInstance, name: "pg", props: { vpcSecurityGroupIds: ["sg-0db"] } },
        ]);
        const urn = urnOf(group("web"));
        assert.deepStrictEqual(model.interfacesWith(urn).map((n) => n.resource.name), ["alb", "vm"]);
        assert.deepStrictEqual([...model.rolesOf(urn)].sort(), ["compute", "load-balancer"]);
    });
});

describe("graph/stack: the peers of rules", () => {
    it("links security-group and prefix-list peers by known ID and, at a first preview, by the dependencies of the input that holds them", () => {
        const model = stackModel([
            group("app", "sg-app"), group("other"),
            { type: TYPES.prefixList, name: "office", props: { maxEntries: 10 } },
            {
                type: TYPES.sg, name: "db", props: {
                    description: "d", ingress: [
                        { protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-app", UNKNOWN], prefixListIds: [UNKNOWN] },
                    ],
                }, propertyDependencies: { ingress: ["app", "other", "office"] },
            },
        ]);
        const rules = model.rulesOf(urnOf(group("db")));
        assert.deepStrictEqual(rules.map((r) => [r.origin.peerPath, model.peerGroup(r) && groupName(model, model.peerGroup(r) as Ref),
            model.prefixList(r)?.maxEntries]), [
            ["ingress[0].prefixListIds[0]", undefined, 10],
            ["ingress[0].securityGroups[0]", "app", undefined],
            ["ingress[0].securityGroups[1]", "other", undefined],
        ]);
    });

    it("leaves an unknown peer unlinked when the dependencies do not say which it is", () => {
        const model = stackModel([
            group("a"), group("b"),
            { type: TYPES.sg, name: "db", props: { description: "d", ingress: [{ protocol: "tcp", fromPort: 1, toPort: 1, securityGroups: [UNKNOWN] }] }, propertyDependencies: { ingress: ["a", "b"] } },
        ]);
        assert.deepStrictEqual(model.rulesOf(urnOf(group("db"))).map((r) => model.peerGroup(r)), [undefined]);
    });
});
