import * as assert from "assert";
import { PROBE_TYPE_GROUPS, VARIANTS, namesNothing } from "../../policies/core/catch-all";
import { isUrnPattern } from "../../policies/core/glob";
import { TYPE } from "../util/types";

describe("catch-all patterns: what an exemption from a mandatory policy may not use", () => {
    const rejected: [string, string][] = [
        ["`*`: every name", "*"],
        ["`**`: everything", "**"],
        ["`?*`: every name of one character or more", "?*"],
        ["`urn:*`: no letter beyond the URN's prefix", "urn:*"],
        ["`urn:**`: every URN", "urn:**"],
        ["`urn:pulumi:**`", "urn:pulumi:**"],
        ["`**::*`: every URN, by its last part", "**::*"],
        ["`**:**`: every URN holds a colon", "**:**"],
        ["`*::*::*`: separators only", "*::*::*"],
        ["`*-*`: punctuation only", "*-*"],
        ["`urn**`: every URN starts so", "urn**"],
        ["`**pulumi**`: every URN holds it", "**pulumi**"],
        ["`**aws**`: every type token holds it", "**aws**"],
        ["`**a**`: every type token holds an a", "**a**"],
        ["`**e**`: every type of the network model holds an e", "**e**"],
        ["`**s**`: every type token holds an s", "**s**"],
        ["`**::aws:**`: every top-level AWS resource", "**::aws:**"],
        ["`urn:pulumi:*::*::aws**`: every top-level AWS resource, by parts", "urn:pulumi:*::*::aws**"],
        ["`urn:pulumi:*::*::*$**`: every resource inside a component", "urn:pulumi:*::*::*$**"],
        ["`urn:pulumi:*::*::*:*/*:*::*`: one star per part", "urn:pulumi:*::*::*:*/*:*::*"],
    ];
    for (const [what, pattern] of rejected) {
        it(`rejects ${what}`, () => assert.strictEqual(namesNothing(pattern), true));
    }

    const accepted: [string, string][] = [
        ["a stack: `urn:pulumi:prod::**`", "urn:pulumi:prod::**"],
        ["a project in any stack: `urn:pulumi:*::edge::**`", "urn:pulumi:*::edge::**"],
        ["one type: `**::aws:ec2/securityGroup:SecurityGroup::*`", `**::${TYPE.sg}::*`],
        ["one type in one stack: `urn:pulumi:prod::*::aws:ec2/securityGroup:SecurityGroup::*`", `urn:pulumi:prod::*::${TYPE.sg}::*`],
        ["a namespace of types: `**::aws:ec2/**`", "**::aws:ec2/**"],
        ["a family of types: `**ec2**`", "**ec2**"],
        ["a family of types: `**Cluster**`", "**Cluster**"],
        ["a component type: `**::acme:index:Tier$**`", "**::acme:index:Tier$**"],
        ["a name in any stack: `**::web-to-app`", "**::web-to-app"],
        ["a name glob: `bastion-*`", "bastion-*"],
        ["names holding a digit: `*1*`", "*1*"],
        ["a name of one letter: `x`", "x"],
        ["names holding an e, by name only (single stars stay within a part): `*e*`", "*e*"],
        ["the exact URN of one resource", `urn:pulumi:prod::edge::${TYPE.sg}::bastion`],
    ];
    for (const [what, pattern] of accepted) {
        it(`accepts ${what}`, () => assert.strictEqual(namesNothing(pattern), false));
    }

    it("probes every type of the network model and every type that carries security groups", () => {
        const [model, carriers] = PROBE_TYPE_GROUPS;
        for (const t of [TYPE.sg, TYPE.defaultSg, TYPE.sgRule, TYPE.vpcIngress, TYPE.vpcEgress, TYPE.nacl, TYPE.defaultNacl, TYPE.naclRule, TYPE.prefixList, TYPE.vpc]) {
            assert.ok(model.includes(t), t);
        }
        for (const t of [TYPE.instance, TYPE.eni, TYPE.launchTemplate, TYPE.lambda, TYPE.lb, TYPE.elb, TYPE.rdsInstance, TYPE.rdsCluster, TYPE.opensearch, TYPE.msk, TYPE.ecsService]) {
            assert.ok(carriers.includes(t), t);
        }
    });

    it("probe strings share no character across variants, and one name has no vowel and no letter of any type token", () => {
        const chars = VARIANTS.map((v) => new Set([v.stack, v.project, v.name, v.component].join("").replace(/:/g, "")));
        for (let i = 0; i < chars.length; i++) {
            for (let j = i + 1; j < chars.length; j++) {
                assert.deepStrictEqual([...chars[i]].filter((c) => chars[j].has(c)), [], `variants ${i} and ${j}`);
            }
        }
        const typeLetters = new Set(PROBE_TYPE_GROUPS.flat().join(""));
        const bare = VARIANTS.filter((v) => /^\p{L}+$/u.test(v.name) && ![...v.name].some((c) => "aeiouAEIOU".includes(c) || typeLetters.has(c)));
        assert.ok(bare.length > 0, "a name without vowels or the letters of the type tokens");
    });
});

describe("URN-shaped patterns", () => {
    const cases: [string, boolean][] = [
        ["urn:pulumi:prod::edge::aws:ec2/securityGroup:SecurityGroup::bastion", true],
        ["urn:*", true],
        ["**::bastion", true],
        ["*::bastion", true],
        ["a::b", true],
        ["bastion-*", false],
        ["**aws**", false],
        ["urn-bastion", false],
        ["a:b", false],
    ];
    for (const [pattern, expected] of cases) {
        it(`'${pattern}' ${expected ? "is" : "is not"} URN-shaped`, () => assert.strictEqual(isUrnPattern(pattern), expected));
    }
});
