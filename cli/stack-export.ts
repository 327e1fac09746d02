/**
 * Reads the JSON of `pulumi stack export` (version 3) and turns its checkpoint into what the engine
 * would send: Analyze per resource with its inputs, AnalyzeStack with outputs, parents, dependencies
 * and property dependencies. Values take the form the engine hands an analyzer (wire-values.ts):
 * secrets exported without --show-secrets are unreadable and become unknown values, with
 * --show-secrets their plaintext is used; resource references and output values are downgraded.
 */
import * as fs from "fs";
import type { AnalyzedResource, JsonObject, JsonValue, ProviderResource, StackResource } from "../runner/analyzer-client";
import { ROOT_STACK_TYPE } from "../runner/capture";
import { InputError } from "./errors";
import { nameFromUrn } from "./model";
import { analyzerProps, toAnalyzerValue } from "./wire-values";

export const STACK_EXPORT_VERSION = 3;

/** A resource of a version-3 checkpoint (the fields we read). */
export interface ExportedResource {
    urn: string;
    custom: boolean;
    id?: string;
    type: string;
    inputs?: JsonObject;
    outputs?: JsonObject;
    parent?: string;
    provider?: string;
    dependencies?: string[];
    propertyDependencies?: { [property: string]: string[] | null };
    protect?: boolean;
    delete?: boolean;
    additionalSecretOutputs?: string[];
    [key: string]: JsonValue | undefined;
}

export interface StackExport {
    version: number;
    deployment: {
        manifest?: JsonObject;
        secrets_providers?: JsonObject;
        resources?: ExportedResource[];
        [key: string]: JsonValue | ExportedResource[] | undefined;
    };
}

export interface LoadedExport {
    project: string;
    stack: string;
    analyzed: AnalyzedResource[];
    stackResources: StackResource[];
}

export function readJsonFile(file: string, what: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(code === "ENOENT" ? `${what} ${file} does not exist` : `cannot read ${what} ${file}: ${code ?? (e as Error).message}`);
    }
    try {
        return JSON.parse(text) as unknown;
    } catch (e) {
        throw new InputError(`${what} ${file} is not valid JSON: ${(e as Error).message}`);
    }
}

function isObject(v: unknown): v is JsonObject {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checkpoint values -> what the engine hands an analyzer (wire-values.ts). */
export { toAnalyzerValue as fromCheckpoint };

export function parseStackExport(doc: unknown, file: string): LoadedExport {
    if (!isObject(doc) || !("version" in doc)) {
        throw new InputError(`${file} is not a stack export: expected the JSON of \`pulumi stack export\` with "version" and "deployment"`);
    }
    if (doc.version !== STACK_EXPORT_VERSION) {
        throw new InputError(`${file} is a stack export of version ${JSON.stringify(doc.version)}; ` +
            `only version ${STACK_EXPORT_VERSION} (the format of \`pulumi stack export\`) is supported`);
    }
    if (!isObject(doc.deployment)) {
        throw new InputError(`${file} is not a stack export: "deployment" is missing`);
    }
    const raw = doc.deployment.resources ?? [];
    if (!Array.isArray(raw)) {
        throw new InputError(`${file} is not a stack export: "deployment.resources" is not a list`);
    }
    const resources: ExportedResource[] = [];
    raw.forEach((r, i) => {
        if (!isObject(r) || typeof r.urn !== "string" || typeof r.type !== "string") {
            throw new InputError(`${file}: deployment.resources[${i}] is not a resource (it needs "urn" and "type")`);
        }
        const resource = r as unknown as ExportedResource;
        if (!resource.delete) { // pending deletion: not part of the stack any more
            resources.push(resource);
        }
    });
    // A resource pending replacement shares its URN with the new one, but is marked `delete` and left out above.
    const seen = new Set<string>();
    for (const r of resources) {
        if (seen.has(r.urn)) {
            throw new InputError(`${file} lists two resources with the URN ${r.urn}; a stack has one resource per URN, so the export is damaged`);
        }
        seen.add(r.urn);
    }
    const real = resources.filter((r) => r.type !== ROOT_STACK_TYPE && !r.type.startsWith("pulumi:providers:"));
    if (real.length === 0) {
        throw new InputError(`${file} is an empty stack: it has no resources to check`);
    }

    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const providerOf = (r: ExportedResource): ProviderResource | undefined => {
        if (!r.provider) {
            return undefined;
        }
        const p = byUrn.get(r.provider.slice(0, r.provider.lastIndexOf("::")));
        return p ? { urn: p.urn, type: p.type, name: nameFromUrn(p.urn), properties: analyzerProps(p.inputs, "inputs", p.urn, file) } : undefined;
    };
    const analyzed = resources.map((r): AnalyzedResource => {
        const provider = providerOf(r);
        return {
            urn: r.urn,
            type: r.type,
            name: nameFromUrn(r.urn),
            properties: analyzerProps(r.inputs, "inputs", r.urn, file),
            options: {
                protect: r.protect ?? false,
                additionalSecretOutputs: r.additionalSecretOutputs ?? [],
                ...(r.parent ? { parent: r.parent } : {}),
            },
            ...(provider ? { provider } : {}),
        };
    });
    const stackResources = resources.map((r, i): StackResource => ({
        ...analyzed[i],
        properties: analyzerProps(r.outputs, "outputs", r.urn, file),
        ...(r.parent ? { parent: r.parent } : {}),
        dependencies: r.dependencies ?? [],
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v ?? []])),
    }));
    const [, stack = "", project = ""] = /^urn:pulumi:([^:]*)::([^:]*)::/.exec(real[0].urn) ?? [];
    return { project, stack, analyzed, stackResources };
}

export function loadStackExport(file: string): LoadedExport {
    return parseStackExport(readJsonFile(file, "stack export"), file);
}
