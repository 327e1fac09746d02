/** What the Analyzer client specs send and expect: a security group on the wire, and the catalogue as advertised. */
import * as fs from "fs";
import * as path from "path";
import { Policy } from "@pulumi/policy";
import { AnalyzedResource, JsonObject, PolicyConfigEntry, PolicyInfo } from "../../runner/analyzer-client";
import { REPO } from "./pack-dirs";
import { TYPE } from "../util/types";

export const SG = TYPE.sg;
export const version = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version;

function json<T>(v: T): T {
    return JSON.parse(JSON.stringify(v)) as T;
}

export function sgResource(properties: JsonObject, name = "web"): AnalyzedResource {
    return { urn: `urn:pulumi:stack::project::${SG}::${name}`, type: SG, name, properties };
}

/** The PolicyInfo the pack must advertise for a catalogue entry (undefined fields dropped). */
export function expectedInfo(p: Policy): PolicyInfo {
    return json<unknown>({
        name: p.name,
        displayName: p.displayName ?? "",
        description: p.description,
        enforcementLevel: p.enforcementLevel ?? "advisory", // the pack sets no pack-wide level
        // A policy with both halves (sg-default-denies-all) is listed as a resource policy.
        policyType: (p as { validateResource?: unknown }).validateResource ? "resource" : "stack",
        configSchema: p.configSchema && { properties: p.configSchema.properties, required: p.configSchema.required ?? [] },
        severity: p.severity,
        tags: p.tags?.length ? p.tags : undefined,
        remediationSteps: p.remediationSteps || undefined,
        url: p.url || undefined,
        framework: p.framework,
    }) as PolicyInfo;
}

/** What `configure({})` must send for a catalogue entry: its level and its schema defaults. */
export function defaultConfig(p: Policy): PolicyConfigEntry {
    const properties: JsonObject = {};
    for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
        if (typeof s === "object" && "default" in s) { properties[k] = json(s.default) as JsonObject[string]; }
    }
    return { enforcementLevel: p.enforcementLevel ?? "advisory", properties };
}
