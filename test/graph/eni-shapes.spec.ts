/**
 * The ENI shapes against @pulumi/aws itself. Every input of every resource class that names
 * security groups (read from the package's type definitions) is either read by the stack model at
 * that path, in the form the type gives (a list, one ID, comma-separated IDs), or listed as putting
 * no group on an interface, with the reason; and the model reads no path the types do not have.
 * Then each class is constructed under mocks with groups at each such input, as an update (known
 * IDs outside the stack) and as a first preview (a group of the stack, not known yet), and the
 * model must find those groups on an interface at that path.
 */
import * as assert from "assert";
import { StackModel, fromPolicyResources } from "../../policies/graph/stack";
import { ENI_SHAPES, GroupPath } from "../../policies/graph/eni-types";
import { CapturedStack, captureProgram } from "../../runner/capture";
import { NOT_ON_AN_INTERFACE, Placement, capturedUpdate, everyEniType, formOf, group, knownGroups, placements, takesArns } from "../programs/every-eni-type";
import { AwsClass, awsClassesWithGroups, namesGroups } from "../util/aws-inputs";


/** The model of a captured program, built as the pack builds it from AnalyzeStack (outputs, dependencies by URN). */
function modelOf(c: CapturedStack): StackModel {
    return new StackModel(fromPolicyResources(c.resources.map((r) => ({
        urn: r.urn, name: r.name, type: r.type, props: r.outputs,
        dependencies: r.dependencies.map((urn) => ({ urn })),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map((urn) => ({ urn }))])),
    })) as unknown as Parameters<typeof fromPolicyResources>[0]));
}

/** The placeholder a required single-ID input (another group input of the class) gets: "x". */
const placeholderOnly = (groups: readonly unknown[]) => groups.every((g) => JSON.stringify(g) === JSON.stringify({ kind: "external", id: "x" }));

/** [path, groups] of each interface of a resource that has groups other than placeholders. */
function interfacesOf(model: StackModel, name: string): [string, unknown[]][] {
    const r = model.resources.find((x) => x.name === name);
    return r ? model.interfacesOf(r.urn).filter((n) => n.groups.length > 0 && !placeholderOnly(n.groups)).map((n) => [n.path, n.groups]) : [];
}

describe("graph/eni-types against the @pulumi/aws type definitions", function () {
    this.timeout(120_000);
    let classes: readonly AwsClass[];
    before(() => {
        classes = awsClassesWithGroups();
    });
    const shapeOf = (token: string) => ENI_SHAPES.find((s) => s.type === token);
    const modelled = (token: string, path: string): GroupPath | undefined =>
        shapeOf(token)?.interfaces.flat().find((p) => p.keys.join(".") === path);

    it("every input that names security groups is read by the model, in its form, or listed with the reason it puts none on an interface", () => {
        const problems: string[] = [];
        for (const cls of classes) {
            for (const input of cls.inputs.filter(namesGroups)) {
                const key = `${cls.token} ${input.path.join(".")}`;
                const read = modelled(cls.token, input.path.join("."));
                if (read && key in NOT_ON_AN_INTERFACE) {
                    problems.push(`${key}: read by the model, but listed as putting no group on an interface`);
                } else if (!read && !(key in NOT_ON_AN_INTERFACE)) {
                    problems.push(`${key}: not read by the model`);
                } else if (read && read.form !== formOf(input)) {
                    problems.push(`${key}: read as ${read.form}, but the type holds ${formOf(input)}`);
                }
            }
        }
        assert.deepStrictEqual(problems, []);
    });

    it("one shape per type; the model reads no path, flag or location the type definitions do not have; every reason listed is for a real input", () => {
        const problems: string[] = [];
        const inputOf = (token: string, keys: readonly string[]) =>
            classes.find((c) => c.token === token)?.inputs.find((i) => i.path.join(".") === keys.join("."));
        for (const s of ENI_SHAPES) {
            if (!classes.some((c) => c.token === s.type)) {
                problems.push(`${s.type}: no such class with group inputs`);
                continue;
            }
            for (const p of s.interfaces.flat()) {
                if (!inputOf(s.type, p.keys)) {
                    problems.push(`${s.type} ${p.keys.join(".")}: no such input`);
                }
            }
            const locator = s.defaultGroupIn;
            const paths: [string, readonly string[] | undefined, string[]][] = [
                ["publicFlag", s.publicFlag, ["boolean"]], ["requires", s.requires, ["object", "string"]],
                ["subnet", locator?.subnet, ["string"]], ["subnets", locator?.subnets, ["list"]], ["vpc", locator?.vpc, ["string"]],
                ["subnetGroup", locator?.subnetGroup && [locator.subnetGroup.key], ["string"]],
                ["defaultWhen", s.defaultWhen && [s.defaultWhen.key], ["string"]],
                ...(s.elsewhere ?? []).map((k): [string, string[], string[]] => ["elsewhere", [k], ["list", "object", "string"]]),
            ];
            for (const [what, keys, leaves] of paths) {
                const input = keys && inputOf(s.type, keys);
                if (keys && (!input || !leaves.includes(input.leaf))) {
                    problems.push(`${s.type} ${what} ${keys.join(".")}: ${input ? `a ${input.leaf}` : "no such input"}`);
                }
            }
        }
        const types = ENI_SHAPES.map((s) => s.type);
        types.filter((t, i) => types.indexOf(t) !== i).forEach((t) => problems.push(`${t}: two shapes`));
        for (const key of Object.keys(NOT_ON_AN_INTERFACE)) {
            const [token, path] = key.split(" ");
            if (!inputOf(token, path.split("."))) {
                problems.push(`${key}: listed, but no such input`);
            }
        }
        assert.deepStrictEqual(problems, []);
    });

    describe("each class constructed under mocks with groups at each input", () => {
        let all: Placement[];
        let update: StackModel;
        let preview: StackModel;
        before(async () => {
            all = placements();
            update = modelOf(await capturedUpdate());
            preview = modelOf(await captureProgram(() => {
                const g = group("g");
                everyEniType(all, (p) => {
                    const id = takesArns(p) ? g.arn : g.id;
                    return p.form === "list" ? [id] : id;
                });
            }, { preview: true }));
        });

        it("the type definitions give inputs of every form on more than a hundred classes (so that the tests below test something)", () => {
            const classCount = new Set(all.map((p) => p.cls.token)).size;
            assert.ok(classCount > 100, `${classCount} classes`);
            assert.deepStrictEqual([...new Set(all.map((p) => p.form))].sort(), ["csv", "list", "one"]);
            assert.ok(all.some((p) => p.input.path.includes("*")) && all.some(takesArns), "lists of interfaces and group ARNs");
        });

        it("update: the known IDs (outside the stack), on one interface at the input's path", () => {
            const problems: string[] = [];
            for (const p of all) {
                const expected = [[p.interfacePath, knownGroups(p).map((id) => ({ kind: "external", id }))]];
                const actual = interfacesOf(update, p.name);
                if (JSON.stringify(actual) !== JSON.stringify(expected)) {
                    problems.push(`${p.cls.token} ${p.input.path.join(".")}: ${JSON.stringify(actual)}`);
                }
            }
            assert.deepStrictEqual(problems, []);
        });

        it("first preview: the stack's group, linked by the property dependency of the input's top-level key", () => {
            const g = preview.resources.find((r) => r.name === "g")?.urn;
            const problems: string[] = [];
            for (const p of all) {
                const expected = [[p.interfacePath, [{ kind: "stack", urn: g }]]];
                const actual = interfacesOf(preview, p.name);
                if (JSON.stringify(actual) !== JSON.stringify(expected)) {
                    problems.push(`${p.cls.token} ${p.input.path.join(".")}: ${JSON.stringify(actual)}`);
                }
            }
            assert.deepStrictEqual(problems, []);
        });
    });
});
