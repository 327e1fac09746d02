// The Analyzer protocol's messages as plain JSON-like data: what the client takes and returns.
// Protobuf classes never appear here (see analyzer-messages.ts for the conversion).

import type { ExemptedFinding, ExpiredMatch } from "../policies/core/exempted";
import type { FindingKey } from "../policies/core/finding-keys";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

export interface PolicyConfigSchema {
    properties: { [name: string]: JsonObject };
    required: string[];
}

export interface ComplianceFramework {
    name?: string;
    version?: string;
    reference?: string;
    specification?: string;
}

export interface PolicyInfo {
    name: string;
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    policyType?: "resource" | "stack";
    message?: string;
    configSchema?: PolicyConfigSchema;
    severity?: Severity;
    tags?: string[];
    remediationSteps?: string;
    url?: string;
    framework?: ComplianceFramework;
}

/** One entry of the config the CLI sends in Configure (and of a pack's initialConfig). */
export interface PolicyConfigEntry {
    enforcementLevel: EnforcementLevel;
    properties: JsonObject;
}

export interface AnalyzerInfo {
    name: string;
    displayName: string;
    version: string;
    supportsConfig: boolean;
    description?: string;
    readme?: string;
    provider?: string;
    tags?: string[];
    repository?: string;
    policies: PolicyInfo[];
    initialConfig: { [policy: string]: PolicyConfigEntry };
}

/** The `--policy-pack-config` JSON: `{ "all": "mandatory", "p": { "enforcementLevel": "advisory", "x": 1 } }`. */
export type PolicyPackConfig = { readonly [policy: string]: JsonValue };

export interface ResourceOptions {
    protect?: boolean;
    ignoreChanges?: string[];
    /** Leave undefined when the program did not set it. */
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs?: string[];
    /** Alias URNs. */
    aliases?: string[];
    /** Seconds. */
    customTimeouts?: { create?: number; update?: number; delete?: number };
    parent?: string;
}

export interface ProviderResource {
    urn: string;
    type: string;
    name: string;
    properties: JsonObject;
}

/** A resource as the engine sends it to Analyze/Remediate. Properties are wire-form inputs. */
export interface AnalyzedResource {
    urn: string;
    type: string;
    name: string;
    properties: JsonObject;
    options?: ResourceOptions;
    provider?: ProviderResource;
}

/** A resource as the engine sends it to AnalyzeStack. Properties are wire-form outputs. */
export interface StackResource extends AnalyzedResource {
    parent?: string;
    dependencies: string[];
    propertyDependencies: { [property: string]: string[] };
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    urn?: string;
    severity?: Severity;
}

export interface NotApplicable {
    policyName: string;
    reason: string;
}

export interface AnalyzeResult {
    diagnostics: Diagnostic[];
    notApplicable: NotApplicable[];
    /** The pack's records of its exempted findings, when it sent them (only when asked). */
    exempted?: ExemptedFinding[];
    /** Sent with `exempted`: the findings that expired exemptions matched. */
    expired?: ExpiredMatch[];
    /** Sent with `exempted`: what identifies each diagnostic beyond its message. */
    keys?: FindingKey[];
}

export type { ExemptedFinding, ExpiredMatch, FindingKey };

export interface CallOptions {
    /**
     * Ask the pack (this pack's server hooks) for its exempted-finding records, with a header the
     * engine never sends; they come back in trailers of at most `exemptedPageBytes` each.
     */
    exempted?: boolean;
    exemptedPageBytes?: number;
}

export interface Remediation {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    /** Wire-form properties the remediation produced, if any. */
    properties?: JsonObject;
    /** A message instead of properties (the engine reports it as an advisory violation). */
    diagnostic?: string;
}

export interface RemediateResult {
    remediations: Remediation[];
    notApplicable: NotApplicable[];
}

export interface StackConfig {
    stack: string;
    project: string;
    organization?: string;
    tags?: { [key: string]: string };
    dryRun?: boolean;
    config?: { [key: string]: string };
    configSecretKeys?: string[];
}

export interface StartPackOptions {
    /** How long to wait for the pack to print its port. Default 120 s (ts-node type-checks the pack). */
    startTimeoutMs?: number;
    /** Extra environment variables, on top of this process's environment. */
    env?: { [key: string]: string };
    /** Mirrors the CLI's PolicyAnalyzerOptions, passed as PULUMI_NODEJS_* / PULUMI_* variables. */
    organization?: string;
    project?: string;
    stack?: string;
    dryRun?: boolean;
    /** Stack config passed as PULUMI_CONFIG (`{"aws:region": "us-east-1"}`). */
    config?: { [key: string]: string };
    /** Node executable. Default: the one running this process. */
    nodePath?: string;
    /**
     * The run-policy-pack script. Default: `<pack>/node_modules/@pulumi/pulumi/cmd/run-policy-pack`, where
     * the CLI's shim runs it from; a package installed into a project may have its SDK hoisted above it.
     */
    runPolicyPack?: string;
    /** Aborting before the pack printed its port kills it and rejects with "aborted". */
    signal?: AbortSignal;
}

/** A failed Analyzer RPC. `message` is the gRPC details text (for pack errors, the pack's stack trace). */
export class AnalyzerRpcError extends Error {
    constructor(readonly method: string, readonly code: number, readonly details: string, stderr: string) {
        super(details + (stderr ? `\n--- policy pack stderr ---\n${stderr}` : ""));
        this.name = "AnalyzerRpcError";
    }
}

/** The CLI's "validating policy config" failure; `errors` holds the lines the CLI would print. */
export class PolicyConfigError extends Error {
    constructor(readonly errors: string[]) {
        super(errors.join("\n"));
        this.name = "PolicyConfigError";
    }
}

export interface PackClient {
    readonly packDir: string;
    readonly pid: number;
    readonly port: number;
    getAnalyzerInfo(): Promise<AnalyzerInfo>;
    getPluginInfo(): Promise<{ version: string }>;
    /**
     * Reconciles `config` the way the CLI does (defaults, initialConfig, `all`, per-policy entries),
     * validates it against each policy's config schema and sends Configure. Returns what was sent.
     */
    configure(config?: PolicyPackConfig): Promise<{ [policy: string]: PolicyConfigEntry }>;
    /** Sends Configure exactly as given: no reconciliation and no schema validation (what another engine might send). */
    sendConfigure(entries: { [policy: string]: PolicyConfigEntry }): Promise<void>;
    /** Sends Configure as these encoded request bytes (keys the protobuf library here cannot hold, such as `__proto__`). */
    sendConfigureBytes(bytes: Uint8Array): Promise<void>;
    configureStack(config: StackConfig): Promise<void>;
    analyze(resource: AnalyzedResource, opts?: CallOptions): Promise<AnalyzeResult>;
    analyzeStack(resources: StackResource[], opts?: CallOptions): Promise<AnalyzeResult>;
    remediate(resource: AnalyzedResource): Promise<RemediateResult>;
    /** Everything the pack wrote to stderr so far (pack-side log.error output lands here). */
    stderr(): string;
    /** Everything the pack wrote to stdout after the port line. */
    stdout(): string;
    close(): Promise<void>;
    /** Kills the pack process at once (synchronous; for process exit handlers). */
    kill(): void;
}
