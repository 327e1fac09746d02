import * as assert from "assert";
import { compileGlob, globMatch } from "../../policies/core/glob";
import { TYPE } from "../util/types";

const URN = `urn:pulumi:prod::edge::${TYPE.sg}::web-to-app`;
const CHILD = `urn:pulumi:prod::edge::acme:index:Tier$${TYPE.sg}::web-to-app`;

describe("globs over URNs and names", () => {
    const cases: [string, string, string, boolean][] = [
        ["a name, literally", "bastion", "bastion", true],
        ["`*` at the end of a name", "bastion-*", "bastion-eu", true],
        ["`*` matches the empty run", "bastion*", "bastion", true],
        ["`*` alone matches any name", "*", "web", true],
        ["`?` is exactly one character", "web-?o-app", "web-to-app", true],
        ["`?` is not two characters", "web-?o-app", "web-too-app", false],
        ["`?` is not zero characters", "web-?-app", "web--app", false],
        ["`*` does not cross a `::` separator", "*::web-to-app", URN, false],
        ["`**` crosses separators", "**::web-to-app", URN, true],
        ["`*` within each URN part", "urn:pulumi:prod::*::*::web-*", URN, true],
        ["too few parts for single stars", "urn:pulumi:prod::*::web-*", URN, false],
        ["`*` matches the single colons of a type", `urn:pulumi:prod::edge::aws:*::web-to-app`, URN, true],
        ["`*` cannot end at a colon that starts a separator", "urn:pulumi:prod*:edge::**", URN, false],
        ["`?` is not a separator", "a?b", "a::b", false],
        ["`?` is a single colon", "a?b", "a:b", true],
        ["`**` between literals", "a**b", "a::x::b", true],
        ["`***` is `**`", "a***b", "a::x::b", true],
        ["a parent's type joins with $ inside one part", "urn:pulumi:prod::edge::*::web-to-app", CHILD, true],
        ["the whole URN with `**`", "**", URN, true],
        ["a single `*` is not a whole URN", "*", URN, false],
        ["no pattern character is special but *, ? and ::", "web.[a]+(b)", "web.[a]+(b)", true],
        ["regular-expression characters stand for themselves", "web.*", "webx", false],
        ["a later match inside one part, after an earlier one fails", "**a*b", "xa::xab", true],
        ["the empty pattern matches only the empty name", "", "x", false],
    ];
    for (const [what, pattern, subject, expected] of cases) {
        it(`${what}: '${pattern}' ${expected ? "matches" : "does not match"} '${subject}'`, () => {
            assert.strictEqual(globMatch(pattern, subject), expected);
        });
    }

    it("matches in linear time: the work is the subject's length times the pattern's state words", () => {
        // 200 `*a` and a final b: a backtracking matcher tries a number of splits that grows
        // exponentially with the stars; this one reads each character once.
        const glob = compileGlob(`${"*a".repeat(200)}b`);
        const words = Math.ceil((400 + 2) / 32);
        for (const length of [1000, 2000]) {
            assert.strictEqual(glob.test("a".repeat(length)), false);
            assert.strictEqual(glob.work, length * words);
        }
    });

    it("matches a 2,000-character name against a pathological pattern a thousand times without stalling", () => {
        const glob = compileGlob(`${"*a".repeat(50)}b`);
        const name = "a".repeat(2000);
        const started = Date.now();
        for (let i = 0; i < 1000; i++) {
            assert.strictEqual(glob.test(name), false);
        }
        assert.ok(Date.now() - started < 20_000, "generous bound; a backtracking matcher would not finish");
    });
});
