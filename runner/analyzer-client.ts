// Starts a Node.js policy pack the way the Pulumi CLI does and talks to it over the Analyzer gRPC
// protocol. Everything in and out of the public API is plain JSON-like data; protobuf classes stay
// inside this module.
//
// How the CLI starts a nodejs pack (pkg/resource/plugin/analyzer_plugin.go, NewPolicyAnalyzer):
// it runs the `pulumi-analyzer-policy` shim with cwd = the pack directory and the arguments
// `<engine-address> .`; the shim runs `node ./node_modules/@pulumi/pulumi/cmd/run-policy-pack`.
// The environment carries PULUMI_CONFIG and PULUMI_NODEJS_{ORGANIZATION,PROJECT,STACK,DRY_RUN}
// (plus the PULUMI_* variants). The pack prints the port of its Analyzer server on stdout.

import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import Ajv = require("ajv");
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import type { ExemptedFinding, ExpiredMatch } from "../policies/core/exempted";
import { CallRecords, DEFAULT_PAGE_BYTES, EXEMPTED_MORE, EXEMPTED_NEXT, EXEMPTED_PAGE, EXEMPTED_REQUEST, decodePages } from "../policies/core/exempted-wire";

// Load grpc-js and google-protobuf from @pulumi/pulumi's own resolution so that credentials and
// messages are instances of exactly the classes the generated client checks against.
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as
    typeof import("google-protobuf/google/protobuf/struct_pb");
const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as
    typeof import("google-protobuf/google/protobuf/empty_pb");

type Struct = import("google-protobuf/google/protobuf/struct_pb").Struct;
type ServiceError = import("@grpc/grpc-js").ServiceError;
type Metadata = import("@grpc/grpc-js").Metadata;
type ClientUnaryCall = import("@grpc/grpc-js").ClientUnaryCall;

// ------------------------------------------------------------------------------------------------
// Public types
// ------------------------------------------------------------------------------------------------

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

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
}

export type { ExemptedFinding, ExpiredMatch };

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

// ------------------------------------------------------------------------------------------------
// Starting the pack
// ------------------------------------------------------------------------------------------------

/**
 * The `<engine-address>` argument. run-policy-pack drops it (`argv._.shift()`), and the Node SDK only
 * talks to an engine when PULUMI_NODEJS_ENGINE is set, which the CLI does not do for analyzers, so
 * the pack never connects to it. We pass an address nothing listens on rather than run an Engine
 * service that would never be called; pack-side log output goes to stderr, which we capture.
 */
export const UNUSED_ENGINE_ADDRESS = "127.0.0.1:0";

const MAX_MESSAGE = 1024 * 1024 * 400;

export async function startPack(packDir: string, opts: StartPackOptions = {}): Promise<PackClient> {
    const dir = path.resolve(packDir);
    if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        throw new Error(`failed to load Pulumi policy project located at "${dir}": no PulumiPolicy.yaml found`);
    }
    const runPolicyPack = path.join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    if (!fs.existsSync(runPolicyPack)) {
        throw new Error("it looks like the policy pack's dependencies are not installed; " +
            `try running npm install or yarn install in "${dir}"`);
    }

    const env: NodeJS.ProcessEnv = { ...process.env };
    // Never let the pack attach to an engine or monitor of a surrounding Pulumi run.
    for (const k of ["PULUMI_NODEJS_ENGINE", "PULUMI_NODEJS_MONITOR", "PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS"]) {
        delete env[k];
    }
    const setEnv = (k: string, v: string | undefined) => { if (v) { env[k] = v; } };
    if (opts.config) { setEnv("PULUMI_CONFIG", JSON.stringify(opts.config)); }
    for (const [suffix, v] of [["ORGANIZATION", opts.organization], ["PROJECT", opts.project],
        ["STACK", opts.stack], ["DRY_RUN", opts.dryRun === undefined ? undefined : String(opts.dryRun)]]) {
        setEnv(`PULUMI_NODEJS_${suffix}`, v);
        setEnv(`PULUMI_${suffix}`, v);
    }
    Object.assign(env, opts.env);

    const child = spawn(opts.nodePath ?? process.execPath, [runPolicyPack, UNUSED_ENGINE_ADDRESS, "."], {
        cwd: dir, env, stdio: ["ignore", "pipe", "pipe"],
    });
    const out = { stdout: "", stderr: "" };
    child.stderr.setEncoding("utf8").on("data", (d: string) => { out.stderr += d; });
    const life: ProcessLife = {
        exited: undefined,
        // "close" comes after "exit", once stdio is closed too, i.e. when no handle is left.
        closed: new Promise<void>(resolve => child.once("close", () => resolve())),
    };
    child.once("exit", (code, signal) => { life.exited = signal ?? `code ${code}`; });
    const port = await readPort(dir, child, life, out, opts.startTimeoutMs ?? 120_000, opts.signal);
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_MESSAGE,
        "grpc.max_send_message_length": MAX_MESSAGE,
    });
    return new Client(dir, child, life, port, client, out);
}

function readPort(dir: string, child: ChildProcess, life: ProcessLife, out: { stdout: string; stderr: string },
    timeoutMs: number, signal?: AbortSignal): Promise<number> {
    return new Promise<number>((resolve, reject) => {
        let pending = "";
        let settled = false;
        const settle = () => { settled = true; clearTimeout(timer); };
        const fail = (why: string) => {
            if (settled) { return; }
            settle();
            child.kill("SIGKILL");
            reject(new Error(`policy pack "${dir}" failed to start: ${why}` +
                (out.stderr ? `\n--- policy pack stderr ---\n${out.stderr}` : "")));
        };
        child.stdout?.setEncoding("utf8").on("data", (d: string) => {
            if (settled) { out.stdout += d; return; }
            pending += d;
            let nl: number;
            while ((nl = pending.indexOf("\n")) >= 0) {
                const line = pending.slice(0, nl).trim();
                pending = pending.slice(nl + 1);
                if (/^\d+$/.test(line)) {
                    settle();
                    out.stdout += pending;
                    resolve(Number(line));
                    return;
                }
                out.stdout += line + "\n";
            }
        });
        // Wait for "close" rather than "exit" so that all of stderr has been read.
        void life.closed.then(() => fail(`the process exited with ${life.exited ?? "unknown status"} before printing its port`));
        child.once("error", e => fail(e.message));
        const timer = setTimeout(() => fail(`no port printed within ${timeoutMs} ms`), timeoutMs);
        if (signal?.aborted) {
            fail("aborted");
        }
        signal?.addEventListener("abort", () => fail("aborted"), { once: true });
    });
}

// ------------------------------------------------------------------------------------------------
// The client
// ------------------------------------------------------------------------------------------------

type Invoke<Res> = (cb: (err: ServiceError | null, res: Res) => void) => unknown;
type InvokeWithMetadata<Res> = (md: Metadata, cb: (err: ServiceError | null, res: Res) => void) => ClientUnaryCall;

interface ProcessLife { exited: string | undefined; closed: Promise<void> }

class Client implements PackClient {
    constructor(
        readonly packDir: string,
        private readonly child: ChildProcess,
        private readonly life: ProcessLife,
        readonly port: number,
        private readonly client: analyzerGrpc.AnalyzerClient,
        private readonly out: { stdout: string; stderr: string },
    ) {}

    get pid(): number { return this.child.pid ?? -1; }
    stderr(): string { return this.out.stderr; }
    stdout(): string { return this.out.stdout; }

    private call<Res>(method: string, invoke: Invoke<Res>): Promise<Res> {
        return new Promise<Res>((resolve, reject) => {
            invoke((err, res) => (err ? reject(this.rpcError(method, err)) : resolve(res)));
        });
    }

    private rpcError(method: string, err: ServiceError): AnalyzerRpcError {
        const details = err.details || err.message;
        const exited = this.life.exited;
        return new AnalyzerRpcError(method, err.code,
            exited ? `${details} (policy pack process exited with ${exited})` : details,
            exited ? this.out.stderr : "");
    }

    /** A call with request metadata; resolves with the response and the trailing metadata. */
    private callWithMetadata<Res>(method: string, md: Metadata, invoke: InvokeWithMetadata<Res>): Promise<{ res: Res; trailer: Metadata }> {
        return new Promise((resolve, reject) => {
            let res: Res | undefined;
            let failed = false;
            const call = invoke(md, (err, r) => {
                if (err) {
                    failed = true;
                    reject(this.rpcError(method, err));
                }
                res = r;
            });
            // grpc-js calls back first, then emits the status with the trailers.
            call.on("status", (status: { metadata: Metadata }) => {
                if (!failed) { resolve({ res: res as Res, trailer: status.metadata }); }
            });
        });
    }

    /** The exempted-finding records a trailer starts, with the pages that follow it; undefined when it holds none. */
    private async exemptedRecords(trailer: Metadata): Promise<CallRecords | undefined> {
        const first = trailer.get(EXEMPTED_PAGE)[0];
        if (first === undefined) {
            return undefined;
        }
        const pages = [Buffer.from(first)];
        let more = trailer.get(EXEMPTED_MORE)[0];
        while (more !== undefined) {
            const md = new grpc.Metadata();
            md.set(EXEMPTED_NEXT, String(more));
            const next = await this.callWithMetadata<unknown>("GetPluginInfo", md, (m, cb) => this.client.getPluginInfo(new Empty(), m, cb));
            const page = next.trailer.get(EXEMPTED_PAGE)[0];
            if (page === undefined) {
                throw new Error("the policy pack no longer holds the rest of its exempted findings");
            }
            pages.push(Buffer.from(page));
            more = next.trailer.get(EXEMPTED_MORE)[0];
        }
        return decodePages(pages);
    }

    private async analyzeCall(method: string, opts: CallOptions,
        invoke: InvokeWithMetadata<apb.AnalyzeResponse>): Promise<AnalyzeResult> {
        const md = new grpc.Metadata();
        if (opts.exempted) {
            md.set(EXEMPTED_REQUEST, String(opts.exemptedPageBytes ?? DEFAULT_PAGE_BYTES));
        }
        const { res, trailer } = await this.callWithMetadata(method, md, invoke);
        const records = await this.exemptedRecords(trailer);
        return { ...analyzeResult(res), ...(records ? { exempted: records.exempted, expired: records.expired } : {}) };
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const r = await this.call<apb.AnalyzerInfo>("GetAnalyzerInfo", cb => this.client.getAnalyzerInfo(new Empty(), cb));
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

    async getPluginInfo(): Promise<{ version: string }> {
        const r = await this.call<{ getVersion(): string }>("GetPluginInfo", cb => this.client.getPluginInfo(new Empty(), cb));
        return { version: r.getVersion() };
    }

    async configureStack(c: StackConfig): Promise<void> {
        const req = new apb.AnalyzerStackConfigureRequest()
            .setStack(c.stack).setProject(c.project).setOrganization(c.organization ?? "")
            .setDryRun(c.dryRun ?? false).setConfigSecretKeysList(c.configSecretKeys ?? []);
        for (const [k, v] of Object.entries(c.tags ?? {})) { req.getTagsMap().set(k, v); }
        for (const [k, v] of Object.entries(c.config ?? {})) { req.getConfigMap().set(k, v); }
        await this.call("ConfigureStack", cb => this.client.configureStack(req, cb));
    }

    async configure(config: PolicyPackConfig = {}): Promise<{ [policy: string]: PolicyConfigEntry }> {
        const info = await this.getAnalyzerInfo();
        if (!info.supportsConfig) {
            if (Object.keys(config).length > 0) {
                throw new Error(`policy pack "${info.name}" at "${this.packDir}" does not support config`);
            }
            return {};
        }
        const reconciled = reconcilePolicyPackConfig(info, parsePolicyPackConfig(config), this.packDir);
        const names = Object.keys(reconciled);
        if (names.length === 0) {
            return {}; // the CLI skips the RPC when there is nothing to send
        }
        const out: { [policy: string]: PolicyConfigEntry } = {};
        for (const name of names) {
            const { enforcementLevel, properties } = reconciled[name];
            if (!isLevel(enforcementLevel)) {
                throw new Error(`invalid enforcement level "${enforcementLevel ?? ""}"`);
            }
            out[name] = { enforcementLevel, properties: properties ?? {} };
        }
        await this.sendConfigure(out);
        return out;
    }

    async sendConfigure(entries: { [policy: string]: PolicyConfigEntry }): Promise<void> {
        const req = new apb.ConfigureAnalyzerRequest();
        for (const [name, { enforcementLevel, properties }] of Object.entries(entries)) {
            // Always set properties: the pack calls getProperties().toJavaScript() unconditionally.
            req.getPolicyconfigMap().set(name, new apb.PolicyConfig()
                .setEnforcementlevel(levelValue(enforcementLevel))
                .setProperties(Struct.fromJavaScript(properties)));
        }
        await this.call("Configure", cb => this.client.configure(req, cb));
    }

    async sendConfigureBytes(bytes: Uint8Array): Promise<void> {
        await this.call("Configure", cb => this.client.makeUnaryRequest("/pulumirpc.Analyzer/Configure",
            (b: Uint8Array) => Buffer.from(b), (b: Buffer) => b, bytes, cb));
    }

    async analyze(resource: AnalyzedResource, opts: CallOptions = {}): Promise<AnalyzeResult> {
        return this.analyzeCall("Analyze", opts, (md, cb) => this.client.analyze(analyzeRequest(resource), md, cb));
    }

    async analyzeStack(resources: StackResource[], opts: CallOptions = {}): Promise<AnalyzeResult> {
        const req = new apb.AnalyzeStackRequest().setResourcesList(resources.map(r => {
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
        return this.analyzeCall("AnalyzeStack", opts, (md, cb) => this.client.analyzeStack(req, md, cb));
    }

    async remediate(resource: AnalyzedResource): Promise<RemediateResult> {
        const r = await this.call<apb.RemediateResponse>("Remediate", cb => this.client.remediate(analyzeRequest(resource), cb));
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

    kill(): void {
        if (this.life.exited === undefined) {
            this.child.kill("SIGKILL");
        }
    }

    async close(): Promise<void> {
        this.client.close();
        if (this.life.exited === undefined) {
            this.child.kill("SIGTERM");
        }
        const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
        await this.life.closed;
        clearTimeout(timer);
    }
}

// ------------------------------------------------------------------------------------------------
// Message conversion
// ------------------------------------------------------------------------------------------------

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

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}
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

function analyzeRequest(r: AnalyzedResource): apb.AnalyzeRequest {
    const req = new apb.AnalyzeRequest()
        .setUrn(r.urn).setType(r.type).setName(r.name)
        .setProperties(Struct.fromJavaScript(r.properties))
        .setOptions(resourceOptions(r.options));
    if (r.provider) { req.setProvider(providerResource(r.provider)); }
    return req;
}

function notApplicable(list: apb.PolicyNotApplicable[]): NotApplicable[] {
    return list.map(n => ({ policyName: n.getPolicyName(), reason: n.getReason() }));
}

function analyzeResult(r: apb.AnalyzeResponse): AnalyzeResult {
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

// ------------------------------------------------------------------------------------------------
// Policy pack config, as the CLI handles it (pkg/resource/analyzer/config.go)
// ------------------------------------------------------------------------------------------------

/** A level of "" stands for "not given", as in the CLI's AnalyzerPolicyConfig. */
export interface LooseEntry { enforcementLevel: EnforcementLevel | ""; properties?: JsonObject }

function isObject(v: JsonValue | undefined): v is JsonObject {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** parsePolicyPackConfig: a string is a level; an object may hold `enforcementLevel` plus properties. */
export function parsePolicyPackConfig(config: PolicyPackConfig): { [policy: string]: LooseEntry } {
    const result: { [policy: string]: LooseEntry } = {};
    for (const [k, v] of Object.entries(config)) {
        let level: EnforcementLevel | "" = "";
        let properties: JsonObject | undefined;
        if (typeof v === "string") {
            if (!isLevel(v)) {
                throw new Error(`parsing enforcement level for "${k}": "${v}" is not a valid enforcement level`);
            }
            level = v;
        } else if (isObject(v)) {
            const { enforcementLevel, ...rest } = v;
            if (enforcementLevel !== undefined) {
                if (typeof enforcementLevel !== "string") {
                    throw new Error(`parsing enforcement level for "${k}": ${JSON.stringify(enforcementLevel)} ` +
                        "is not a valid enforcement level; must be a string");
                }
                if (!isLevel(enforcementLevel)) {
                    throw new Error(`parsing enforcement level for "${k}": "${enforcementLevel}" is not a valid enforcement level`);
                }
                level = enforcementLevel;
            }
            if (Object.keys(rest).length > 0) { properties = rest; }
        } else {
            throw new Error(`parsing "${k}": ${JSON.stringify(v)} is not a valid value; must be a string or object`);
        }
        if (level === "" && properties === undefined) { continue; } // the CLI drops empty entries
        result[k] = { enforcementLevel: level, ...(properties ? { properties } : {}) };
    }
    return result;
}

/**
 * ReconcilePolicyPackConfig: start from each policy's declared level and schema defaults, apply the
 * pack's initialConfig, then the user's config ("all" first, then every named entry, including names
 * the pack does not declare, exactly like the CLI), then validate against each policy's schema.
 */
export function reconcilePolicyPackConfig(info: AnalyzerInfo, config: { [policy: string]: LooseEntry },
    packDir = ""): { [policy: string]: LooseEntry } {
    let result: { [policy: string]: LooseEntry } = {};
    for (const p of info.policies) {
        let properties: JsonObject | undefined;
        for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
            if ("default" in s) { (properties ??= {})[k] = s.default; }
        }
        result[p.name] = { enforcementLevel: p.enforcementLevel, ...(properties ? { properties } : {}) };
    }
    // Note: an initialConfig entry without a level arrives as ADVISORY (proto3 zero value) and the CLI
    // applies it as such; we do the same.
    result = applyConfig(result, info.initialConfig);
    result = applyConfig(result, config);

    const errors: string[] = [];
    const ajv = new Ajv({ allErrors: true, verbose: true, jsonPointers: true, unknownFormats: "ignore", format: "full", schemaId: "auto" });
    for (const p of info.policies) {
        if (!info.supportsConfig) { continue; }
        // The CLI injects an `enforcementLevel` property into every schema of a config-aware pack.
        const schema: JsonObject = {
            type: "object",
            properties: {
                ...(p.configSchema?.properties ?? {}),
                enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] },
            },
            ...(p.configSchema && p.configSchema.required.length > 0 ? { required: p.configSchema.required } : {}),
        };
        let validate: Ajv.ValidateFunction;
        try {
            validate = ajv.compile(schema);
        } catch (e) {
            throw new Error(`reconciling policy config for "${info.name}" at "${packDir}": ${(e as Error).message}`);
        }
        if (!validate(result[p.name]?.properties ?? {})) {
            for (const err of validate.errors ?? []) {
                errors.push(`validating policy config: ${info.name} ${info.version}  ${p.name}: ${schemaError(err)}`);
            }
        }
    }
    if (errors.length > 0) {
        throw new PolicyConfigError(errors.sort());
    }
    return result;
}

function applyConfig(result: { [policy: string]: LooseEntry }, apply: { [policy: string]: LooseEntry }):
    { [policy: string]: LooseEntry } {
    const all = apply["all"];
    if (all && isLevel(all.enforcementLevel)) {
        for (const k of Object.keys(result)) { result[k] = { ...result[k], enforcementLevel: all.enforcementLevel }; }
    }
    for (const [name, given] of Object.entries(apply)) {
        const current = result[name];
        let properties = current?.properties;
        if (given.properties && Object.keys(given.properties).length > 0) {
            properties = { ...(properties ?? {}), ...given.properties };
        }
        result[name] = {
            enforcementLevel: isLevel(given.enforcementLevel) ? given.enforcementLevel : current?.enforcementLevel ?? "",
            ...(properties ? { properties } : {}),
        };
    }
    return result;
}

/** Renders an Ajv error roughly the way gojsonschema (used by the CLI) words it. */
function schemaError(e: Ajv.ErrorObject): string {
    const field = e.dataPath.split("/").slice(1).map(s => s.replace(/~1/g, "/").replace(/~0/g, "~")).join(".");
    const at = (f: string) => (f ? `${f}: ` : "");
    const p = e.params as { [k: string]: unknown };
    switch (e.keyword) {
        case "required":
            return `${at(field)}${String(p.missingProperty).replace(/^\./, "")} is required`;
        case "type": {
            const d = e.data as JsonValue;
            const given = d === null ? "null" : Array.isArray(d) ? "array"
                : typeof d === "number" ? (Number.isInteger(d) ? "integer" : "number") : typeof d;
            return `${at(field)}Invalid type. Expected: ${String(p.type)}, given: ${given}`;
        }
        case "enum":
            return `${at(field)}${field || "(root)"} must be one of the following: ` +
                (p.allowedValues as JsonValue[]).map(v => JSON.stringify(v)).join(", ");
        default:
            return `${at(field)}${e.message ?? e.keyword}`;
    }
}
