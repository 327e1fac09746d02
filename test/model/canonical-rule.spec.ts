import * as assert from "assert";
import { ruleIdentity, securityGroupRules } from "../../policies/model/sg-rules";
import { TYPE } from "../util/types";

type Props = Record<string, unknown>;
const res = (type: string, props: Props) => ({ urn: `urn:pulumi:test::test::${type}::r`, name: "r", type, props });

/** The identities of the rules AWS makes of a group's inline rule and of a standalone rule resource. */
function identities(inline: Props, standalone: Props, ownIds: string[] = []): [string | undefined, string | undefined] {
    const a = securityGroupRules(res(TYPE.sg, { ingress: [inline] }))?.rules ?? [];
    const b = securityGroupRules(res(TYPE.sgRule, { type: "ingress", securityGroupId: "sg-own", ...standalone }))?.rules ?? [];
    assert.strictEqual(a.length, 1, "test setup: one inline rule");
    assert.strictEqual(b.length, 1, "test setup: one standalone rule");
    return [ruleIdentity(a[0], new Set(ownIds)), ruleIdentity(b[0], new Set(ownIds))];
}

function same(inline: Props, standalone: Props, ownIds: string[] = []): boolean {
    const [a, b] = identities(inline, standalone, ownIds);
    assert.notStrictEqual(a, undefined);
    assert.notStrictEqual(b, undefined);
    return a === b;
}

describe("model/canonical-rule: which AWS rule a canonical rule stands for", () => {
    const cases: [string, Props, Props, string[], boolean][] = [
        ["the same TCP rule written inline and as a resource is one rule", { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
            { protocol: "6", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] }, [], true],
        ["the same block spelled two ways is one rule", { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.1/8"] },
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] }, [], true],
        ["another port is another rule", { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
            { protocol: "tcp", fromPort: 23, toPort: 23, cidrBlocks: ["10.0.0.0/8"] }, [], false],
        ["GRE (47) and ESP (50) are two rules, though neither has ports", { protocol: "47", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] },
            { protocol: "50", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }, [], false],
        ["the same numbered protocol is one rule", { protocol: "47", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] },
            { protocol: 47, fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }, [], true],
        ["a reference to the group itself is its self rule", { protocol: "tcp", fromPort: 443, toPort: 443, self: true },
            { protocol: "tcp", fromPort: 443, toPort: 443, sourceSecurityGroupId: "sg-own" }, ["sg-own"], true],
        ["a reference to another group is not the self rule", { protocol: "tcp", fromPort: 443, toPort: 443, self: true },
            { protocol: "tcp", fromPort: 443, toPort: 443, sourceSecurityGroupId: "sg-other" }, ["sg-own"], false],
        ["a prefix list and a group of the same ID are two rules", { protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["x-1"] },
            { protocol: "tcp", fromPort: 443, toPort: 443, sourceSecurityGroupId: "x-1" }, [], false],
    ];
    for (const [name, inline, standalone, ownIds, expected] of cases) {
        it(name, () => assert.strictEqual(same(inline, standalone, ownIds), expected));
    }

    it("a rule with a part not known yet stands for no rule that can be told", () => {
        const rules = securityGroupRules(res(TYPE.sg, { ingress: [
            { protocol: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
            { protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: ["04da6b54-80e4-46f7-96ec-b56ff0331ba9"] },
        ] }))?.rules ?? [];
        assert.deepStrictEqual(rules.map((r) => ruleIdentity(r)), [undefined, undefined]);
    });
});
