/**
 * Builders for stack-policy tests: resource type tokens, a stack model built the way the policies
 * build theirs (props behind @pulumi/policy's unknown-checking proxy, dependencies by URN), and a
 * compact view of findings.
 */
import { unknownCheckingProxy } from "@pulumi/policy";
import { StackInput, StackModel } from "../../policies/graph/stack";
import { StackFinding, TestResource, urnOf } from "./run-stack-policy";

export { TYPE as TYPES } from "./types";

/** The stack model of the resources, as a stack policy sees them. */
export function stackModel(resources: TestResource[]): StackModel {
    const urnByName = new Map(resources.map((r) => [r.name, urnOf(r)]));
    const resolve = (n: string) => {
        const u = urnByName.get(n);
        if (!u) {
            throw new Error(`test setup: no resource named ${n}`);
        }
        if (resources.some((r) => r.name === n && urnOf(r) !== u)) {
            throw new Error(`test setup: a dependency names ${n}, which several resources are named`);
        }
        return u;
    };
    const input: StackInput[] = resources.map((r) => {
        const propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, ns]) => [k, ns.map(resolve)]));
        return {
            urn: urnOf(r),
            name: r.name,
            type: r.type,
            props: unknownCheckingProxy(r.props),
            dependencies: Object.values(propertyDependencies).flat(),
            propertyDependencies,
        };
    });
    return new StackModel(input);
}

/** [level, first sentence, urn] of each finding: compact, and still exact about what was flagged. */
export function headsOfStack(findings: StackFinding[]): [string, string, string | undefined][] {
    return findings.map((f) => [f.level, f.message.split(". ")[0], f.urn]);
}
