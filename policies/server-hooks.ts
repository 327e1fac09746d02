/**
 * What the pack adds to the Analyzer gRPC service of @pulumi/policy, which offers no hooks of its
 * own: the handlers it registers are wrapped as they are added to the gRPC server. Call
 * `installServerHooks` before constructing the PolicyPack; later calls change nothing (the first
 * configuration check stays).
 *
 * - Configure rejects an invalid configuration with INVALID_ARGUMENT and a clear message, before
 *   any resource is analysed.
 * - Analyze and AnalyzeStack run each call in its own scope, in which the policies of the call
 *   share one normalisation of the resource, or one stack model (model/call-scope.ts).
 *   Remediate is left alone: there each policy sees the props as the previous one left them.
 */
import * as path from "path";
import { inCallScope } from "./model/call-scope";
import { PackConfig, packConfigErrors } from "./pack-config";

interface ConfigureRequest {
    getPolicyconfigMap(): { entries(): Iterable<[string, { getProperties(): { toJavaScript(): Record<string, unknown> } | undefined }]> };
}
type Handler<Req = unknown> = (call: { request: Req }, callback: (err: unknown, res?: unknown) => void) => unknown;
type AddService = (service: unknown, impl: Record<string, unknown>) => void;

const HOOKED = Symbol.for("aws-network-guardrails.server-hooks");

export function installServerHooks(check: (config: PackConfig) => string[] = packConfigErrors): void {
    const policyDir = path.dirname(require.resolve("@pulumi/policy"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] })) as {
        Server: { prototype: { addService: AddService & { [HOOKED]?: boolean } } };
        status: { INVALID_ARGUMENT: number };
    };
    const addService = grpc.Server.prototype.addService;
    if (addService[HOOKED]) {
        return;
    }
    const hooked = function (this: unknown, service: unknown, impl: Record<string, unknown>) {
        const handlers = { ...impl };
        const configure = impl?.configure as Handler<ConfigureRequest> | undefined;
        if (typeof configure === "function") {
            handlers.configure = ((call, callback) => {
                const config: PackConfig = {};
                for (const [name, value] of call.request.getPolicyconfigMap().entries()) {
                    config[name] = value.getProperties()?.toJavaScript() ?? {};
                }
                const errors = check(config);
                if (errors.length > 0) {
                    callback({ code: grpc.status.INVALID_ARGUMENT, details: `invalid policy pack configuration: ${errors.join(" ")}` });
                    return undefined;
                }
                return configure(call, callback);
            }) satisfies Handler<ConfigureRequest>;
        }
        for (const rpc of ["analyze", "analyzeStack"]) {
            const handle = impl?.[rpc] as Handler | undefined;
            if (typeof handle === "function") {
                handlers[rpc] = ((call, callback) => inCallScope(() => handle(call, callback))) satisfies Handler;
            }
        }
        return addService.call(this, service, handlers);
    };
    grpc.Server.prototype.addService = Object.assign(hooked, { [HOOKED]: true });
}
