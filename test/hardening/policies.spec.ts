/**
 * Property-based hardening: every policy, remediation and normaliser of the pack, fed hostile props
 * (see arbitraries/) behind @pulumi/policy's unknown-checking proxy as at runtime, returns
 * normally with clear findings. An internal error caught by `guarded` ("Policy 'x' could not
 * evaluate ...") is a bug, and so is an UnknownValueError escaping a validation: the pack promises
 * that one unknown value never aborts a policy.
 */
import * as assert from "assert";
import fc from "fast-check";
import { ResourceValidationPolicy, StackValidationPolicy, UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import { catalogue } from "../../policies/catalogue";
import { StackInput, StackModel } from "../../policies/graph/stack";
import { naclEntries } from "../../policies/model/nacl-entries";
import { securityGroupRules } from "../../policies/model/sg-rules";
import { UNKNOWN_SENTINELS } from "../../policies/model/values";
import { Finding, runRemediation, runResourcePolicy } from "../util/run-policy";
import { StackFinding, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { ownObject } from "./arbitraries/hostile-values";
import { GeneratedResource, GeneratedStackResource, anyResource, sgRuleResource, stackOf } from "./arbitraries/resources";

/** Runs per property: the whole file stays well under 20 s. */
const RUNS = Number(process.env.HARDENING_RUNS ?? 150);
const params = <T>(numRuns = RUNS, examples: T[] = []): fc.Parameters<[T]> => ({ numRuns, examples: examples.map((e): [T] => [e]) });

/** Counterexamples fast-check found before, always run first (each was a bug; see the commit log). */
const FOUND: GeneratedResource[] = [
    // An own "constructor" key holding an unknown: read through the proxy, it threw UnknownValueError.
    { type: TYPE.sg, props: ownObject([["constructor", UNKNOWN_SENTINELS[0]]]) },
    { type: TYPE.sg, props: { egress: [{ securityGroups: ownObject([["constructor", UNKNOWN_SENTINELS[0]]]) }] } },
    { type: TYPE.defaultNacl, props: { egress: [{ cidrBlock: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: ownObject([["constructor", UNKNOWN_SENTINELS[0]]]) } }] } },
    // Protocol "__proto__" was looked up on a plain object and parsed as a protocol.
    { type: TYPE.sgRule, props: { type: "ingress", protocol: "__proto__", cidrBlocks: ["0.0.0.0/0"] } },
    { type: TYPE.sg, props: { ingress: [{ protocol: "constructor", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] } },
    // A null inline rule next to a world rule: the remediation read null.cidrBlocks.
    { type: TYPE.defaultSg, props: { ingress: [null, { protocol: -1, ipv6CidrBlocks: ["::/0"] }] } },
    { type: TYPE.sg, props: { ingress: ["x", 7, [], { protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }] } },
];

const policies = catalogue();
const resourcePolicies = policies.filter((p): p is ResourceValidationPolicy => "validateResource" in p && p.validateResource !== undefined);
const stackPolicies = policies.filter((p): p is StackValidationPolicy => "validateStack" in p && p.validateStack !== undefined);
const remediations = resourcePolicies.filter((p) => p.remediateResource !== undefined);

/** The problems with one policy's findings; [] when they are all clear. */
function problems(policy: string, findings: (Finding | StackFinding)[]): string[] {
    const out: string[] = [];
    for (const f of findings) {
        if (typeof f.message !== "string" || f.message.trim() === "") {
            out.push(`${policy}: empty message ${JSON.stringify(f)}`);
        } else if (/^Policy '.*' could not evaluate/.test(f.message)) {
            out.push(`${policy}: internal error: ${f.message}`);
        } else if (f.message.startsWith("can't run")) {
            out.push(`${policy}: UnknownValueError escaped the policy: ${f.message}`);
        }
    }
    return out;
}

const resourceArb = fc.oneof(sgRuleResource, anyResource);

describe("hardening: hostile props (fast-check)", function () {
    this.timeout(60_000);

    it("has policies of every kind to check", () => {
        assert.ok(resourcePolicies.length >= 5, "resource policies");
        assert.ok(stackPolicies.length >= 10, "stack policies");
        assert.ok(remediations.length >= 1, "remediations");
    });

    it("every resource policy returns normally on every hostile resource, with clear findings", () => {
        fc.assert(fc.property(resourceArb, (r: GeneratedResource) => {
            const found: string[] = [];
            for (const p of resourcePolicies) {
                found.push(...problems(p.name, runResourcePolicy(p, { type: r.type, props: r.props })));
            }
            assert.deepStrictEqual(found, []);
        }), params(RUNS, FOUND));
    });

    it("every stack policy returns normally on hostile stacks of 5-30 resources with random dependencies", () => {
        fc.assert(fc.property(stackOf(5, 30), (stack: GeneratedStackResource[]) => {
            const found: string[] = [];
            for (const p of stackPolicies) {
                found.push(...problems(p.name, runStackPolicy(p, stack)));
            }
            assert.deepStrictEqual(found, []);
        }), params(Math.max(10, Math.round(RUNS / 3)), [FOUND.map((r, i) => ({ ...r, name: `found${i}`, propertyDependencies: {} }))]));
    });

    it("every remediation returns undefined or a plain object, and throws nothing but UnknownValueError", () => {
        fc.assert(fc.property(resourceArb, (r: GeneratedResource) => {
            for (const p of remediations) {
                let result: unknown;
                try {
                    result = runRemediation(p, { type: r.type, props: r.props });
                } catch (e) {
                    if (e instanceof UnknownValueError) {
                        continue;
                    }
                    throw new Error(`${p.name}: ${e instanceof Error ? e.stack : String(e)}`);
                }
                assert.ok(result === undefined || (typeof result === "object" && result !== null && !Array.isArray(result)),
                    `${p.name} returned ${typeof result}`);
            }
        }), params(RUNS, FOUND));
    });

    it("the normalisers (securityGroupRules, naclEntries) never throw and name a path for every undetermined part", () => {
        fc.assert(fc.property(resourceArb, (r: GeneratedResource) => {
            const ref = { urn: urnOf({ type: r.type, name: "r" }), name: "r", type: r.type, props: unknownCheckingProxy(r.props) };
            const rules = securityGroupRules(ref);
            const entries = naclEntries(ref);
            for (const rule of rules?.rules ?? []) {
                for (const part of [rule.protocol, rule.ports, rule.peer, rule.description]) {
                    if (part !== null && typeof part === "object" && "undetermined" in part) {
                        assert.strictEqual(typeof part.reason, "string");
                        assert.ok(part.reason.length > 0);
                    }
                }
            }
            for (const entry of entries?.entries ?? []) {
                for (const part of [entry.ruleNumber, entry.action, entry.protocol, entry.ports, entry.cidr]) {
                    if (part !== null && typeof part === "object" && "undetermined" in part) {
                        assert.ok(part.reason.length > 0);
                    }
                }
            }
        }), params(RUNS * 2, FOUND));
    });

    it("the stack model and the NACL graph never throw on hostile stacks", () => {
        fc.assert(fc.property(stackOf(5, 30), (stack: GeneratedStackResource[]) => {
            const urnByName = new Map(stack.map((r) => [r.name, urnOf(r)]));
            const resources: StackInput[] = stack.map((r) => {
                const propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies)
                    .map(([k, names]) => [k, names.map((n) => urnByName.get(n) as string)]));
                return {
                    urn: urnOf(r), name: r.name, type: r.type, props: unknownCheckingProxy(r.props),
                    dependencies: Object.values(propertyDependencies).flat(), propertyDependencies,
                };
            });
            const model = new StackModel(resources);
            for (const urn of model.groups.keys()) {
                model.rulesOf(urn);
                model.rolesOf(urn);
            }
            assert.ok(model.naclGraph.nacls.length <= resources.length);
        }), params(Math.max(10, Math.round(RUNS / 2))));
    });
});
