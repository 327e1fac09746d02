/**
 * What the pack adds to the Analyzer gRPC service of @pulumi/policy, which offers no hooks of its
 * own. `servePolicyPack` constructs the PolicyPack while grpc-js's `Server.prototype.addService` is
 * wrapped, so that the handlers the constructor registers (synchronously: PolicyPack -> serve ->
 * addService) are wrapped as they are added; addService is restored as soon as the constructor returns.
 *
 * - Configure rejects an invalid configuration with INVALID_ARGUMENT and a clear message, before
 *   any resource is analysed. The policy names it accepts are those of the pack being served (as
 *   its own GetAnalyzerInfo handler declares them), so a team's pack may add policies of its own.
 *   An accepted Configure also sets the level each policy runs at, for exemptions.
 * - Analyze and AnalyzeStack run each call in its own scope, in which the policies of the call
 *   share one normalisation of the resource, or one stack model (model/call-scope.ts). When every
 *   policy of the RPC is the pack's own, they also share one deserialisation of the request
 *   (call-args.ts): the request is read from its bytes, the arguments are built once, the framework
 *   gets the request without what they hold, and the response is written to bytes. When the
 *   request asks for them, the call's exempted findings, and the findings that expired exemptions
 *   matched, go back as trailing metadata (exempted-wire.ts). Remediate is left alone: there each
 *   policy sees the props as the previous one left them.
 */
import * as path from "path";
import { EnforcementLevel, PolicyPack, PolicyPackArgs, PolicyPackConfig } from "@pulumi/policy";
import { readConfigureRequest } from "./configure-request";
import { exemptedInCall, expiredInCall } from "./exempted";
import { keysInCall } from "./finding-keys";
import { EXEMPTED_MORE, EXEMPTED_NEXT, EXEMPTED_PAGE, EXEMPTED_REQUEST, PageStore, encodePages, pageBytesAsked } from "./exempted-wire";
import { setConfiguredLevels } from "./governance";
import { inCallScope } from "../model/call-scope";
import { ReadRequest, Rpc, allOwn, buildCallArgs, readOrDecode, requestForFramework } from "./call-args";
import { isResponse, responseBytes } from "./response-bytes";
import { PackConfig, ServedPolicy, packConfigErrors } from "./pack-config";

interface ConfigureRequest {
    getPolicyconfigMap(): { entries(): Iterable<[string, { getEnforcementlevel(): number; getProperties(): { toJavaScript(): Record<string, unknown> } | undefined }]> };
}
interface AnalyzerInfo {
    getPoliciesList(): { getName(): string; getEnforcementlevel(): number }[];
}
interface Metadata {
    get(key: string): unknown[];
    set(key: string, value: string | Buffer): void;
}
type Callback = (err: unknown, res?: unknown, trailer?: Metadata) => void;
type Handler<Req = unknown> = (call: { request: Req; metadata?: Metadata }, callback: Callback) => unknown;
type AddService = (service: unknown, impl: Record<string, unknown>) => void;
export type ConfigCheck = (config: PackConfig, served?: readonly ServedPolicy[]) => string[];

type ServiceDefinition = Record<string, { requestDeserialize?: (bytes: Buffer) => unknown; responseSerialize?: (response: unknown) => Buffer }>;

/** Configure requests as received, so that their configuration is read from the bytes (configure-request.ts). */
const received = new WeakMap<object, Buffer>();

/**
 * The service definition with Configure's bytes kept and, for each of Analyze and AnalyzeStack whose
 * calls are shared, the request read from its bytes (call-args.ts) and the response written to
 * bytes (response-bytes.ts) rather than by google-protobuf.
 */
function servedDefinition(service: unknown, shared: ReadonlySet<Rpc>): unknown {
    const definition = service as ServiceDefinition | undefined;
    const deserialize = definition?.configure?.requestDeserialize;
    if (typeof deserialize !== "function") {
        return service;
    }
    const served: ServiceDefinition = {
        ...definition,
        configure: {
            ...definition?.configure,
            requestDeserialize: (bytes: Buffer) => {
                const request = deserialize(bytes);
                if (typeof request === "object" && request !== null) {
                    received.set(request, bytes);
                }
                return request;
            },
        },
    };
    for (const rpc of shared) {
        const { requestDeserialize: decode, responseSerialize: encode } = definition?.[rpc] ?? {};
        if (typeof decode === "function" && typeof encode === "function") {
            served[rpc] = {
                ...definition?.[rpc],
                requestDeserialize: (bytes: Buffer) => readOrDecode(rpc, bytes, decode),
                responseSerialize: (response: unknown) => (isResponse(response) && responseBytes(response)) || encode(response),
            };
        }
    }
    return served;
}

/** Policy name -> its options and level; from the bytes when they were kept, else from the parsed request. */
function configOf(request: ConfigureRequest, levelName: (n: number) => EnforcementLevel | undefined): PackConfig {
    const config: PackConfig = {};
    const bytes = received.get(request);
    if (bytes) {
        for (const [name, { level, properties }] of Object.entries(readConfigureRequest(bytes))) {
            Object.defineProperty(config, name, { value: { ...properties, enforcementLevel: levelName(level) }, enumerable: true, writable: true, configurable: true });
        }
        return config;
    }
    for (const [name, value] of request.getPolicyconfigMap().entries()) {
        config[name] = { ...value.getProperties()?.toJavaScript() ?? {}, enforcementLevel: levelName(value.getEnforcementlevel()) };
    }
    return config;
}

function oneLine(e: unknown): string {
    return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

/**
 * Runs `construct` (which must add the Analyzer service to a grpc-js server before it returns) with
 * the hooks on the handlers it adds, and restores `addService` afterwards. Throws when nothing was
 * added: the hooks would then be missing from the server. `policies` are those the construction
 * serves; when given, the calls of an RPC all of whose policies are the pack's own build their
 * arguments once (call-args.ts).
 */
export function withServerHooks<T>(construct: () => T, check: ConfigCheck = packConfigErrors, policies?: readonly object[]): T {
    const policyDir = path.dirname(require.resolve("@pulumi/policy"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] })) as {
        Server: { prototype: { addService: AddService } };
        Metadata: new () => Metadata;
        status: { INVALID_ARGUMENT: number; INTERNAL: number };
    };
    const levelNames = (require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] })) as {
        EnforcementLevel: Record<string, number>;
    }).EnforcementLevel;
    const levelName = (n: number) => Object.keys(levelNames).find((k) => levelNames[k] === n)?.toLowerCase() as EnforcementLevel | undefined;
    const addService = grpc.Server.prototype.addService;
    let added = false;
    const pages = new PageStore();
    const trailerWith = (page: Buffer, more: string | undefined) => {
        const trailer = new grpc.Metadata();
        trailer.set(EXEMPTED_PAGE, page);
        if (more !== undefined) {
            trailer.set(EXEMPTED_MORE, more);
        }
        return trailer;
    };

    /** The policies the served pack declares, from its own GetAnalyzerInfo handler; undefined without one. */
    const servedBy = (getInfo: Handler | undefined): Promise<ServedPolicy[] | undefined> => !getInfo ? Promise.resolve(undefined)
        : new Promise((resolve, reject) => {
            void getInfo({ request: undefined }, (err, info) => err ? reject(err) : resolve((info as AnalyzerInfo).getPoliciesList()
                .map((p) => ({ name: p.getName(), enforcementLevel: levelName(p.getEnforcementlevel()) }))));
        });

    const hooked = function (this: unknown, service: unknown, impl: Record<string, unknown>) {
        const handlers = { ...impl };
        let served: Promise<ServedPolicy[] | undefined> | undefined;
        const configure = impl?.configure as Handler<ConfigureRequest> | undefined;
        if (typeof configure === "function") {
            handlers.configure = ((call, callback) => {
                served ??= servedBy(impl.getAnalyzerInfo as Handler | undefined);
                void served.then((policies) => {
                    const config = configOf(call.request, levelName);
                    const errors = check(config, policies);
                    if (errors.length > 0) {
                        callback({ code: grpc.status.INVALID_ARGUMENT, details: `invalid policy pack configuration: ${errors.join(" ")}` });
                        return;
                    }
                    const levels = new Map<string, EnforcementLevel>();
                    for (const p of policies ?? []) {
                        if (p.enforcementLevel) { levels.set(p.name, p.enforcementLevel); }
                    }
                    for (const [name, entry] of Object.entries(config)) {
                        if (typeof entry.enforcementLevel === "string") { levels.set(name, entry.enforcementLevel as EnforcementLevel); }
                    }
                    setConfiguredLevels(levels);
                    configure(call, callback);
                }).catch((e: unknown) => {
                    callback({ code: grpc.status.INTERNAL, details: `checking the policy pack configuration failed: ${oneLine(e)}` });
                });
                return undefined;
            }) satisfies Handler<ConfigureRequest>;
        }
        const shared = new Set((["analyze", "analyzeStack"] as const).filter((rpc) => policies !== undefined && allOwn(policies, rpc)));
        for (const rpc of ["analyze", "analyzeStack"] as const) {
            const handle = impl?.[rpc] as Handler | undefined;
            if (typeof handle === "function") {
                handlers[rpc] = ((call, callback) => {
                    const args = call.request instanceof ReadRequest ? buildCallArgs(call.request) : undefined;
                    const request = requestForFramework(call.request, args);
                    const seen = request === call.request ? call : Object.assign(Object.create(call) as typeof call, { request });
                    return inCallScope(() => {
                        const pageBytes = pageBytesAsked(call.metadata?.get(EXEMPTED_REQUEST) ?? []);
                        const records = { exempted: exemptedInCall(), expired: expiredInCall(), keys: keysInCall() };
                        return handle(seen, (err, res) => {
                            if (err || pageBytes === undefined) {
                                callback(err, res);
                                return;
                            }
                            const [first, ...rest] = encodePages(records, pageBytes);
                            callback(err, res, trailerWith(first, pages.keep(rest)));
                        });
                    }, args);
                }) satisfies Handler;
            }
        }
        const pluginInfo = impl?.getPluginInfo as Handler | undefined;
        if (typeof pluginInfo === "function") {
            handlers.getPluginInfo = ((call, callback) => {
                const token = call.metadata?.get(EXEMPTED_NEXT)[0];
                if (token === undefined) {
                    return pluginInfo(call, callback);
                }
                const next = pages.take(String(token));
                return pluginInfo(call, (err, res) => (err || !next ? callback(err, res) : callback(err, res, trailerWith(next.page, next.more))));
            }) satisfies Handler;
        }
        added = true;
        return addService.call(this, servedDefinition(service, shared), handlers);
    };
    grpc.Server.prototype.addService = hooked;
    let constructed: T;
    try {
        constructed = construct();
    } finally {
        grpc.Server.prototype.addService = addService;
    }
    if (!added) {
        throw new Error("the policy pack added no gRPC service while it was constructed, so its Configure checks and call scopes are missing");
    }
    return constructed;
}

/** `new PolicyPack(name, args, initialConfig)`, with the hooks on its Analyzer service. */
export function servePolicyPack(name: string, args: PolicyPackArgs, initialConfig?: PolicyPackConfig, check: ConfigCheck = packConfigErrors): PolicyPack {
    return withServerHooks(() => new PolicyPack(name, args, initialConfig), check, args.policies ?? []);
}
