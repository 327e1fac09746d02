// Turning a captured program into the analyzer requests the engine would make for it.

import type { AnalyzedResource, JsonValue, ProviderResource, StackResource } from "./analyzer-client";
import type { CapturedResource, CapturedStack } from "./capture";
import { UNKNOWN_STRING } from "../policies/model/values";

/** The engine sends an explicit provider's inputs along with each resource it manages. */
function providerOf(r: CapturedResource, all: CapturedResource[]): ProviderResource | undefined {
    if (!r.provider) { return undefined; }
    const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
    const p = all.find(x => x.urn === urn);
    return p ? { urn: p.urn, type: p.type, name: p.name, properties: p.inputs } : undefined;
}

/** The Analyze requests the engine would make for this program, one per resource, in order. */
export function toAnalyzedResources(c: CapturedStack): AnalyzedResource[] {
    return c.resources.map(r => {
        const provider = providerOf(r, c.resources);
        return {
            urn: r.urn,
            type: r.type,
            name: r.name,
            properties: r.inputs,
            options: {
                protect: r.protect,
                ignoreChanges: r.ignoreChanges,
                additionalSecretOutputs: r.additionalSecretOutputs,
                ...(r.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: r.deleteBeforeReplace } : {}),
                ...(r.parent ? { parent: r.parent } : {}),
            },
            ...(provider ? { provider } : {}),
        };
    });
}

/** The AnalyzeStack request the engine would make at the end of the run (properties are outputs). */
export function toStackResources(c: CapturedStack): StackResource[] {
    return toAnalyzedResources(c).map((a, i) => {
        const r = c.resources[i];
        return {
            ...a,
            properties: r.outputs,
            ...(r.parent ? { parent: r.parent } : {}),
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
        };
    });
}

/** True for the wire form of an unknown value. */
export function isUnknown(v: JsonValue | undefined): boolean {
    return v === UNKNOWN_STRING;
}
