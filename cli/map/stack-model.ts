/**
 * The stack model of what check sent to AnalyzeStack, built in this process as the pack builds it:
 * the same wire-form outputs (unknown sentinels, secrets), with dependencies on resources outside
 * the list dropped, as @pulumi/policy drops them.
 */
import { StackModel } from "../../policies/graph/stack";
import type { StackResource as WireResource } from "../../runner/analyzer-client";

export function stackModelOf(resources: readonly WireResource[]): StackModel {
    const urns = new Set(resources.map((r) => r.urn));
    const known = (list: readonly string[]) => list.filter((u) => urns.has(u));
    return new StackModel(resources.map((r) => ({
        urn: r.urn,
        name: r.name,
        type: r.type,
        props: r.properties,
        dependencies: known(r.dependencies),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, known(v)])),
    })));
}
