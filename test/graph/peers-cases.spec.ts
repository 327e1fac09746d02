/**
 * The prefix lists a rule may name while its list ID is not known yet, for rules of the stack and
 * for a rule the model did not read; and references that are invalid rather than not known yet.
 */
import * as assert from "assert";
import { StackModel } from "../../policies/graph/stack";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";

const OFFICE: TestResource = { type: TYPES.prefixList, name: "office", props: { maxEntries: 10 } };
const VPN: TestResource = { type: TYPES.prefixList, name: "vpn", props: { maxEntries: 5 } };

/** A standalone ingress rule on port 22 naming `prefixListIds`, depending on the named resources for them. */
function listRule(name: string, prefixListIds: unknown[], deps: string[]): TestResource {
    return {
        type: TYPES.sgRule, name,
        props: { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds },
        propertyDependencies: { prefixListIds: deps },
    };
}

/** The rules of the standalone rule resource `r`, as the model read them. */
function rulesOf(model: StackModel, r: TestResource) {
    return model.standaloneRules.find((s) => s.resource.urn === urnOf(r))?.ruleSet.rules ?? [];
}

/** [peer path, candidate list names] for each rule of `r`. */
function candidates(model: StackModel, r: TestResource) {
    return rulesOf(model, r).map((rule) => [rule.origin.peerPath, model.mayNamePrefixLists(rule)?.map((u) => model.byUrn.get(u)?.name)]);
}

describe("graph: the prefix lists a rule may name", () => {
    it("two unknown list IDs depending on two lists: each rule may name either list", () => {
        const rule = listRule("ssh", [UNKNOWN, UNKNOWN], ["office", "vpn"]);
        assert.deepStrictEqual(candidates(stackModel([OFFICE, VPN, rule]), rule), [
            ["prefixListIds[0]", ["office", "vpn"]],
            ["prefixListIds[1]", ["office", "vpn"]],
        ]);
    });

    it("a rule the stack model did not read may name none of the stack's lists", () => {
        const model = stackModel([OFFICE, VPN, listRule("ssh", [UNKNOWN, UNKNOWN], ["office", "vpn"])]);
        const outsider = listRule("elsewhere", [UNKNOWN, UNKNOWN], ["office", "vpn"]);
        const foreign = rulesOf(stackModel([OFFICE, VPN, outsider]), outsider);
        assert.deepStrictEqual(foreign.map((rule) => model.mayNamePrefixLists(rule)), [[], []]);
    });

    it("an empty list ID or group ID is invalid, not unknown: it is never linked through the dependencies", () => {
        const ssh = listRule("ssh", [""], ["office"]);
        const group: TestResource = {
            type: TYPES.sg, name: "db",
            props: { description: "d", ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [""] }] },
            propertyDependencies: { ingress: ["app"] },
        };
        const app: TestResource = { type: TYPES.sg, name: "app", props: { description: "a" } };
        const model = stackModel([OFFICE, ssh, app, group]);
        assert.deepStrictEqual(rulesOf(model, ssh).map((r) => [r.peer, model.prefixList(r), model.mayNamePrefixLists(r)]), [
            [{ undetermined: "invalid", path: "prefixListIds[0]", reason: "prefixListIds[0] is empty: a prefix-list reference needs an ID" }, undefined, undefined],
        ]);
        assert.deepStrictEqual(model.rulesOf(urnOf(group)).map((r) => [r.origin.peerPath, model.peerGroup(r)]), [["ingress[0].securityGroups[0]", undefined]]);
    });
});
