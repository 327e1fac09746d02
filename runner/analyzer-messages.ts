// Conversion between the plain data of analyzer-types.ts and the Analyzer protocol's protobuf
// messages, field by field as the Pulumi CLI fills them in.

import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import {
    AnalyzeResult, AnalyzedResource, AnalyzerInfo, ENFORCEMENT_LEVELS, EnforcementLevel, JsonObject, NotApplicable,
    PolicyConfigEntry, PolicyInfo, ProviderResource, RemediateResult, ResourceOptions, Severity, StackConfig, StackResource,
} from "./analyzer-types";
import { Struct } from "./pulumi-grpc";

const LEVELS: { [k in EnforcementLevel]: apb.EnforcementLevel } = {
    advisory: apb.EnforcementLevel.ADVISORY,
    mandatory: apb.EnforcementLevel.MANDATORY,
    remediate: apb.EnforcementLevel.REMEDIATE,
    disabled: apb.EnforcementLevel.DISABLED,
};
const SEVERITIES: { [k: number]: Severity } = {
    [apb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [apb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [apb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [apb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

function levelValue(l: EnforcementLevel): apb.EnforcementLevel { return LEVELS[l]; }
function levelName(v: apb.EnforcementLevel): EnforcementLevel {
    const name = ENFORCEMENT_LEVELS.find(l => LEVELS[l] === v);
    if (!name) { throw new Error(`invalid enforcement level ${v}`); }
    return name;
}

/** `{ [key]: value }` when value is a non-empty string or list, else `{}` (proto3 has no "unset"). */
function optional<K extends string, V extends string | string[]>(key: K, value: V): { [k in K]?: V } {
    return value.length > 0 ? { [key]: value } as { [k in K]: V } : {};
}

function structToJson(s: Struct | undefined): JsonObject {
    return s ? s.toJavaScript() as JsonObject : {};
}

function policyInfo(p: apb.PolicyInfo): PolicyInfo {
    const schema = p.getConfigschema();
    const fw = p.getFramework();
    const severity = SEVERITIES[p.getSeverity()];
    const type = p.getPolicyType();
    return {
        name: p.getName(),
        displayName: p.getDisplayname(),
        description: p.getDescription(),
        enforcementLevel: levelName(p.getEnforcementlevel()),
        ...(type === apb.PolicyType.POLICY_TYPE_RESOURCE ? { policyType: "resource" as const } : {}),
        ...(type === apb.PolicyType.POLICY_TYPE_STACK ? { policyType: "stack" as const } : {}),
        ...optional("message", p.getMessage()),
        ...(schema ? {
            configSchema: {
                properties: structToJson(schema.getProperties()) as { [name: string]: JsonObject },
                required: schema.getRequiredList(),
            },
        } : {}),
        ...(severity ? { severity } : {}),
        ...optional("tags", p.getTagsList()),
        ...optional("remediationSteps", p.getRemediationSteps()),
        ...optional("url", p.getUrl()),
        ...(fw ? {
            framework: {
                ...optional("name", fw.getName()),
                ...optional("version", fw.getVersion()),
                ...optional("reference", fw.getReference()),
                ...optional("specification", fw.getSpecification()),
            },
        } : {}),
    };
}

/** The CLI always sends options (custom timeouts included, zero when unset). */
function resourceOptions(o: ResourceOptions = {}): apb.AnalyzerResourceOptions {
    return new apb.AnalyzerResourceOptions()
        .setProtect(o.protect ?? false)
        .setIgnorechangesList(o.ignoreChanges ?? [])
        .setDeletebeforereplace(o.deleteBeforeReplace ?? false)
        .setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined)
        .setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? [])
        .setAliasesList(o.aliases ?? [])
        .setCustomtimeouts(new apb.AnalyzerResourceOptions.CustomTimeouts()
            .setCreate(o.customTimeouts?.create ?? 0)
            .setUpdate(o.customTimeouts?.update ?? 0)
            .setDelete(o.customTimeouts?.delete ?? 0))
        .setParent(o.parent ?? "");
}

function providerResource(p: ProviderResource): apb.AnalyzerProviderResource {
    return new apb.AnalyzerProviderResource()
        .setUrn(p.urn).setType(p.type).setName(p.name).setProperties(Struct.fromJavaScript(p.properties));
}

/** An Analyze (or Remediate) request. */
export function analyzeRequest(r: AnalyzedResource): apb.AnalyzeRequest {
    const req = new apb.AnalyzeRequest()
        .setUrn(r.urn).setType(r.type).setName(r.name)
        .setProperties(Struct.fromJavaScript(r.properties))
        .setOptions(resourceOptions(r.options));
    if (r.provider) { req.setProvider(providerResource(r.provider)); }
    return req;
}

/** An AnalyzeStack request. */
export function analyzeStackRequest(resources: StackResource[]): apb.AnalyzeStackRequest {
    return new apb.AnalyzeStackRequest().setResourcesList(resources.map(r => {
        const ar = new apb.AnalyzerResource()
            .setUrn(r.urn).setType(r.type).setName(r.name)
            .setProperties(Struct.fromJavaScript(r.properties))
            .setOptions(resourceOptions(r.options))
            .setParent(r.parent ?? "")
            .setDependenciesList(r.dependencies);
        if (r.provider) { ar.setProvider(providerResource(r.provider)); }
        for (const [k, urns] of Object.entries(r.propertyDependencies)) {
            // Like the CLI: properties without dependencies are left out.
            if (urns.length > 0) {
                ar.getPropertydependenciesMap().set(k, new apb.AnalyzerPropertyDependencies().setUrnsList(urns));
            }
        }
        return ar;
    }));
}

export function configureRequest(entries: { [policy: string]: PolicyConfigEntry }): apb.ConfigureAnalyzerRequest {
    const req = new apb.ConfigureAnalyzerRequest();
    for (const [name, { enforcementLevel, properties }] of Object.entries(entries)) {
        // Always set properties: the pack calls getProperties().toJavaScript() unconditionally.
        req.getPolicyconfigMap().set(name, new apb.PolicyConfig()
            .setEnforcementlevel(levelValue(enforcementLevel))
            .setProperties(Struct.fromJavaScript(properties)));
    }
    return req;
}

export function stackConfigureRequest(c: StackConfig): apb.AnalyzerStackConfigureRequest {
    const req = new apb.AnalyzerStackConfigureRequest()
        .setStack(c.stack).setProject(c.project).setOrganization(c.organization ?? "")
        .setDryRun(c.dryRun ?? false).setConfigSecretKeysList(c.configSecretKeys ?? []);
    for (const [k, v] of Object.entries(c.tags ?? {})) { req.getTagsMap().set(k, v); }
    for (const [k, v] of Object.entries(c.config ?? {})) { req.getConfigMap().set(k, v); }
    return req;
}

export function analyzerInfo(r: apb.AnalyzerInfo): AnalyzerInfo {
    const initialConfig: { [policy: string]: PolicyConfigEntry } = {};
    r.getInitialconfigMap().forEach((v, k) => {
        initialConfig[k] = { enforcementLevel: levelName(v.getEnforcementlevel()), properties: structToJson(v.getProperties()) };
    });
    return {
        name: r.getName(),
        displayName: r.getDisplayname(),
        version: r.getVersion(),
        supportsConfig: r.getSupportsconfig(),
        ...optional("description", r.getDescription()),
        ...optional("readme", r.getReadme()),
        ...optional("provider", r.getProvider()),
        ...optional("tags", r.getTagsList()),
        ...optional("repository", r.getRepository()),
        policies: r.getPoliciesList().map(policyInfo),
        initialConfig,
    };
}

function notApplicable(list: apb.PolicyNotApplicable[]): NotApplicable[] {
    return list.map(n => ({ policyName: n.getPolicyName(), reason: n.getReason() }));
}

export function analyzeResult(r: apb.AnalyzeResponse): AnalyzeResult {
    return {
        diagnostics: r.getDiagnosticsList().map(d => {
            const severity = SEVERITIES[d.getSeverity()];
            return {
                policyName: d.getPolicyname(),
                policyPackName: d.getPolicypackname(),
                policyPackVersion: d.getPolicypackversion(),
                description: d.getDescription(),
                message: d.getMessage(),
                enforcementLevel: levelName(d.getEnforcementlevel()),
                ...optional("urn", d.getUrn()),
                ...(severity ? { severity } : {}),
            };
        }),
        notApplicable: notApplicable(r.getNotApplicableList()),
    };
}

export function remediateResult(r: apb.RemediateResponse): RemediateResult {
    return {
        remediations: r.getRemediationsList().map(m => ({
            policyName: m.getPolicyname(),
            policyPackName: m.getPolicypackname(),
            policyPackVersion: m.getPolicypackversion(),
            description: m.getDescription(),
            ...(m.hasProperties() ? { properties: structToJson(m.getProperties()) } : {}),
            ...optional("diagnostic", m.getDiagnostic()),
        })),
        notApplicable: notApplicable(r.getNotApplicableList()),
    };
}
