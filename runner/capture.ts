// Runs a real Pulumi program against the SDK's mock resource monitor and records, for every
// RegisterResource call, exactly what the SDK put on the wire: wire-form inputs (unknown sentinels,
// secret and resource-reference signature objects), dependencies and property dependencies.
//
// Fidelity notes:
// - The program runs inside `runInPulumiStack`, like `pulumi preview` runs a Node.js program, so the
//   root `pulumi:pulumi:Stack` resource is registered and captured first, and top-level resources
//   have it as parent.
// - URNs follow the engine's rule (deploy.generateURN): a child's type is prefixed with its parent's
//   full qualified type, except when the parent is the root stack. (The SDK's MockMonitor would
//   produce `pulumi:pulumi:Stack$aws:...` and keep only the last parent type; we patch that.)
// - Inputs are the program's inputs as sent by the SDK. The real engine hands analyzers the inputs
//   *after* the provider's Check (provider defaults, auto-names, e.g. a generated `name`), which
//   mocks cannot reproduce. Outputs are what the mock returns (state = inputs), not a provider's
//   planned state (the real one would add computed values such as `arn`, unknown in preview).
// - Default providers are created by the engine, not the program, so they are not captured.

import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_REF_SIG, SECRET_SIG, SIG_KEY, UNKNOWN_STRING } from "../policies/model/values";
import type { JsonObject, JsonValue } from "./analyzer-client";
import { Lookups, UnansweredLookup } from "./lookups";
import type { SourceLocation } from "./program-protocol";
import type { Registrations } from "./registrations";
import { guardUnknownNumbers } from "./unknown-config";

export { RESOURCE_REF_SIG, SECRET_SIG, SIG_KEY };
export { isUnknown, toAnalyzedResources, toStackResources } from "./capture-requests";
export const UNKNOWN = UNKNOWN_STRING;
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export interface CaptureOptions {
    project?: string;
    stack?: string;
    organization?: string;
    /** Run as `pulumi preview` (IDs of new resources unknown) or as an update. Default true. */
    preview?: boolean;
    /**
     * The ID a custom resource gets. Default: undefined (unknown) in preview, `${name}-id` otherwise.
     * Returning undefined in an update falls back to `${name}-id`.
     */
    ids?: (type: string, name: string, inputs: Record<string, unknown>) => string | undefined;
    /** Outputs the provider computes that an update knows (an `arn`, a VPC's `mainRouteTableId`), added to a custom resource's state. Default: none. */
    outputs?: (type: string, name: string) => Record<string, unknown> | undefined;
    /** Result of a provider function call (data source), e.g. `aws:ec2/getVpc:getVpc`. Default: its inputs. */
    call?: (token: string, inputs: Record<string, unknown>) => Record<string, unknown>;
    /** Answer AWS lookups as a fresh account in the config's `aws:region` would (runner/lookups.ts), unless `call` is given. */
    lookups?: "fresh-account";
    /** The stack's config as the language host passes it: full keys (`ns:name`) to strings, and the secret keys. Default: none (set on every run). */
    config?: { values: { [key: string]: string }; secretKeys: string[] };
    /**
     * Directory of the `@pulumi/pulumi` package whose runtime the program uses. Mocks must be set on
     * the program's own copy (a program with its own node_modules has one). Default: ours.
     */
    sdkDir?: string;
    /** Watches the registrations inside the SDK: gives each resource its declaration site (`location`). */
    registrations?: Registrations;
    /** Given, once the run starts, what its lookups have recorded so far: for a failure the capture does not throw. */
    watchLookups?: (record: () => { unansweredLookups?: UnansweredLookup[] }) => void;
}

export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent?: string;
    /** Provider reference `urn::id` for an explicit provider. */
    provider?: string;
    /** Known ID of a custom resource; undefined when unknown (preview). */
    id?: string;
    inputs: JsonObject;
    outputs: JsonObject;
    dependencies: string[];
    /** As sent by the SDK: every input property, with an empty list when it has no dependencies. */
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
    deleteBeforeReplace?: boolean;
    /** A multi-language component: its children are created by its provider, which mocks do not run. */
    remote?: true;
    /** Where the program declared it (only with CaptureOptions.registrations). */
    location?: SourceLocation;
}

export interface CapturedStack {
    project: string;
    stack: string;
    preview: boolean;
    resources: CapturedResource[];
    /** Lookups answered otherwise than a cloud account would (absent when none); an error capture throws carries them too. */
    unansweredLookups?: UnansweredLookup[];
}

// The parts of the SDK's MockMonitor and of the generated request classes we use.
interface Struct { toJavaScript(): Record<string, unknown> }
interface RegisterResourceRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): Struct | undefined;
    getProvider(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
    getProtect(): boolean;
    getIgnorechangesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getDeletebeforereplace(): boolean;
    getDeletebeforereplacedefined(): boolean;
    getRemote(): boolean;
}
interface RegisterResourceResponse { getUrn(): string; getId(): string; getObject(): Struct | undefined }
interface RegisterResourceOutputsRequest { getUrn(): string; getOutputs(): Struct | undefined }
type Callback<T> = (err: Error | null, res: T) => void;
interface MockMonitor {
    newUrn(parent: string, type: string, name: string): string;
    registerResource(req: RegisterResourceRequest, cb: Callback<RegisterResourceResponse>): Promise<void>;
    registerResourceOutputs(req: RegisterResourceOutputsRequest, cb: Callback<unknown>): void;
}
interface Settings {
    getMonitor(): unknown;
    waitForRPCs(): Promise<void>;
    getStack(): string;
    getProject(): string;
}
interface Sdk { runtime: Pick<typeof pulumi.runtime, "setMocks" | "runInPulumiStack" | "setAllConfig">; settings: Settings }

function loadSdk(sdkDir: string | undefined): Sdk {
    if (sdkDir === undefined) {
        return { runtime: pulumi.runtime, settings: require("@pulumi/pulumi/runtime/settings") as Settings };
    }
    return {
        runtime: (require(sdkDir) as typeof pulumi).runtime,
        settings: require(`${sdkDir}/runtime/settings`) as Settings,
    };
}

// One program at a time: the SDK's runtime state is process-global.
let queue: Promise<unknown> = Promise.resolve();

export function captureProgram(program: () => unknown, opts: CaptureOptions = {}): Promise<CapturedStack> {
    const run = queue.then(() => capture(program, opts));
    queue = run.catch(() => undefined);
    return run;
}

async function capture(program: () => unknown, opts: CaptureOptions): Promise<CapturedStack> {
    const preview = opts.preview ?? true;
    const project = opts.project ?? "project";
    const stack = opts.stack ?? "stack";
    const { runtime, settings } = loadSdk(opts.sdkDir);
    const resources: CapturedResource[] = [];
    const lookups = new Lookups(opts.lookups === "fresh-account", opts.config?.values["aws:region"], resources);
    opts.watchLookups?.(() => lookups.record());
    // setMocks resets the runtime's options and per-run state (root stack resource, RPC queue,
    // feature flags) and installs a fresh MockMonitor, so consecutive captures do not interfere.
    await runtime.setMocks({
        newResource: args => {
            const inputs = args.inputs as Record<string, unknown>;
            let id: string | undefined;
            if (args.custom) {
                id = opts.ids?.(args.type, args.name, inputs);
                if (id === undefined && !preview) { id = `${args.name}-id`; }
            }
            // Bridged AWS resources carry their ID among their outputs, as a stack export shows.
            const computed = args.custom ? opts.outputs?.(args.type, args.name) : undefined;
            return { id, state: { ...inputs, ...computed, ...(id === undefined ? {} : { id }) } };
        },
        call: args => (opts.call ?? lookups.call)(args.token, args.inputs as Record<string, unknown>, args.provider),
    }, project, stack, preview, opts.organization);
    runtime.setAllConfig(opts.config?.values ?? {}, opts.config?.secretKeys ?? []);
    guardUnknownNumbers(opts.sdkDir);

    const monitor = settings.getMonitor() as MockMonitor;
    monitor.newUrn = (parent, type, name) => {
        const parentType = parent ? parent.split("::")[2] : "";
        const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
        return `urn:pulumi:${settings.getStack()}::${settings.getProject()}::${qualified}::${name}`;
    };

    const errors: string[] = [];
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v, k) => { propertyDependencies[k] = v.getUrnsList(); });
        const r: CapturedResource = {
            urn: "",
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            ...(req.getParent() ? { parent: req.getParent() } : {}),
            ...(req.getProvider() ? { provider: req.getProvider() } : {}),
            inputs: wire(req.getObject()),
            outputs: {},
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            protect: req.getProtect(),
            ignoreChanges: req.getIgnorechangesList(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            ...(req.getDeletebeforereplacedefined() ? { deleteBeforeReplace: req.getDeletebeforereplace() } : {}),
            ...(req.getRemote() ? { remote: true as const } : {}),
        };
        resources.push(r);
        return register(req, (err, res) => {
            if (err) {
                errors.push(`${r.type} '${r.name}': ${err.message}`);
                opts.registrations?.failed(r.type, r.name, err.message);
            } else {
                r.urn = res.getUrn();
                if (r.custom && res.getId()) { r.id = res.getId(); }
                r.outputs = wire(res.getObject());
            }
            cb(err, res);
        });
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        const r = resources.find(x => x.urn === req.getUrn());
        if (r) { r.outputs = wire(req.getOutputs()); }
        registerOutputs(req, cb);
    };

    opts.registrations?.install(opts.sdkDir);
    try {
        await runtime.runInPulumiStack(async () => program());
        await settings.waitForRPCs();
    } catch (e) {
        throw e instanceof Error ? Object.assign(e, lookups.record()) : e;
    } finally {
        opts.registrations?.uninstall();
    }
    if (errors.length > 0) {
        throw Object.assign(new Error(`registering resources failed: ${errors.join("; ")}`), lookups.record());
    }
    for (const r of resources) {
        const location = opts.registrations?.locationOf(r.urn);
        if (location) { r.location = location; }
    }
    return { project, stack, preview, resources, ...lookups.record() };
}

function wire(s: Struct | undefined): JsonObject {
    return s ? toWireUnknowns(s.toJavaScript() as JsonValue) as JsonObject : {};
}

/** The mock runtime's marker for an unknown value: an object whose one key is `__pulumiUnknown: true`. */
function isMockUnknown(v: JsonValue): boolean {
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
        return false;
    }
    const keys = Object.keys(v);
    return keys.length === 1 && keys[0] === "__pulumiUnknown" && v.__pulumiUnknown === true;
}

/**
 * Where the mock runtime leaves its own marker for an unknown value, puts the sentinel the engine
 * sends instead, so that the policies know one representation of an unknown.
 */
export function toWireUnknowns(v: JsonValue): JsonValue {
    if (isMockUnknown(v)) {
        return UNKNOWN;
    }
    if (Array.isArray(v)) {
        return v.map(toWireUnknowns);
    }
    if (typeof v === "object" && v !== null) {
        const out: JsonObject = {};
        for (const [k, x] of Object.entries(v)) {
            out[k] = toWireUnknowns(x);
        }
        return out;
    }
    return v;
}
