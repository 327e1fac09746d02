import * as assert from "assert";
import { Answer, allHold, answerOf } from "../../policies/model/decide";
import { Undetermined } from "../../policies/model/values";

const unknownA: Undetermined = { undetermined: "unknown", path: "a", reason: "a is not known" };
const unknownB: Undetermined = { undetermined: "unknown", path: "b", reason: "b is not known" };
const invalidC: Undetermined = { undetermined: "invalid", path: "c", reason: "c is bad" };
const invalidD: Undetermined = { undetermined: "invalid", path: "d", reason: "d is bad" };

describe("model/decide: three-valued answers", () => {
    describe("answerOf", () => {
        it("answers yes for true", () => assert.strictEqual(answerOf(true), "yes"));
        it("answers no for false", () => assert.strictEqual(answerOf(false), "no"));
    });

    describe("allHold", () => {
        const cases: [string, Answer[], Answer][] = [
            ["no parts hold vacuously", [], "yes"],
            ["yes and yes is yes", ["yes", "yes"], "yes"],
            ["a definite no wins over yes", ["yes", "no"], "no"],
            ["a definite no wins over an earlier unknown", [unknownA, "no"], "no"],
            ["a definite no wins over an earlier invalid value", [invalidC, "no"], "no"],
            ["yes and an unknown hinge on the unknown", ["yes", unknownA], unknownA],
            ["two unknowns: the first is named", [unknownA, unknownB], unknownA],
            ["an invalid value wins over an earlier unknown", [unknownA, invalidC], invalidC],
            ["an invalid value wins over a later unknown", [invalidC, unknownA], invalidC],
            ["two invalid values: the first is named", [invalidC, invalidD], invalidC],
        ];
        for (const [name, parts, expected] of cases) {
            it(name, () => assert.deepStrictEqual(allHold(...parts.map((p) => () => p)), expected));
        }
        it("stops asking at the first definite no", () => {
            const asked: string[] = [];
            const part = (name: string, answer: Answer) => () => { asked.push(name); return answer; };
            assert.strictEqual(allHold(part("first", "yes"), part("second", "no"), part("third", "yes")), "no");
            assert.deepStrictEqual(asked, ["first", "second"]);
        });
        it("asks every part while none says no", () => {
            const asked: string[] = [];
            const part = (name: string, answer: Answer) => () => { asked.push(name); return answer; };
            assert.deepStrictEqual(allHold(part("first", unknownA), part("second", "yes"), part("third", invalidC)), invalidC);
            assert.deepStrictEqual(asked, ["first", "second", "third"]);
        });
    });
});
