/**
 * One deserialisation per Analyzer call. @pulumi/policy builds each policy's arguments anew from the
 * request: in Analyze, the resource's props (and its provider's) deserialised behind its
 * unknown-checking proxy, once per policy; in AnalyzeStack, every resource of the stack, once per
 * policy. The pack's own policies (their validation functions marked by `ownResourceValidation` and
 * `ownStackValidation`) only read their arguments, so one copy serves them all: the hooked handler
 * (server-hooks.ts) builds the arguments once, in the framework's shape and with its deserialisation
 * (`buildCallArgs`), keeps them in the call's scope, and hands the framework the request without
 * props or resources (`requestForFramework`), so that the framework's loop (levels, configuration,
 * stack tags, notApplicable, the diagnostics and their order) runs as before while it deserialises
 * nothing. An AnalyzeStack request is read from its bytes (`readOrDecode`, stack-request.ts) rather
 * than decoded into google-protobuf's message objects.
 */
import * as path from "path";
import type * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import {
    PolicyProviderResource, PolicyResource, PolicyResourceOptions, ResourceValidation, ResourceValidationArgs, StackValidation,
    unknownCheckingProxy,
} from "@pulumi/policy";
import { argsOfCall } from "../model/call-scope";
import { PlainStruct, WireResource, readStackRequest } from "./stack-request";

type Rpc = "analyze" | "analyzeStack";

type ResourceClass = Parameters<ResourceValidationArgs["isType"]>[0];

const policyDir = path.dirname(require.resolve("@pulumi/policy"));
const frameworkModule = <M>(name: string) => require(require.resolve(name, { paths: [policyDir] })) as M;
/** The framework's own deserialisation (read from its module at each call, as the framework reads it). */
const deserialize = frameworkModule<{ deserializeProperties(struct: PlainStruct, proxySecrets: boolean): Record<string, unknown> }>("@pulumi/policy/deserialize");
const { getPulumiType } = frameworkModule<{ getPulumiType(o: unknown): string | undefined }>("@pulumi/policy/policy");
const { Struct } = frameworkModule<{ Struct: new () => PlainStruct }>("google-protobuf/google/protobuf/struct_pb");
const { AnalyzeStackRequest } = frameworkModule<{ AnalyzeStackRequest: new () => object }>("@pulumi/pulumi/proto/analyzer_pb");

/** The validation functions of the pack's own policies, which read their arguments and never change them. */
const OWN = new WeakSet<object>();

/**
 * Whether every policy served on `rpc` is the pack's own, so that its calls can share one set of
 * arguments: a resource policy (Analyze) or a stack policy (AnalyzeStack) from elsewhere, such as
 * one a team adds to the pack's list, gets the framework's own arguments, so its RPC is not shared.
 */
export function allOwn(policies: readonly object[], rpc: Rpc): boolean {
    const key = rpc === "analyze" ? "validateResource" : "validateStack";
    return policies.every((p) => {
        const validate = (p as Record<string, unknown>)[key];
        return validate === undefined || (typeof validate === "function" && OWN.has(validate));
    });
}

/** The arguments of one Analyze call, built once. */
interface ResourceArgs { readonly props: Record<string, unknown>; readonly provider?: PolicyProviderResource }
/** The arguments of one AnalyzeStack call, built once. */
interface StackArgs { readonly resources: readonly PolicyResource[] }

/** A resource policy's validation, reading the props built once for its call when there are some. */
export function ownResourceValidation(validate: ResourceValidation): ResourceValidation {
    const own: ResourceValidation = (args, report) => {
        const shared = argsOfCall() as ResourceArgs | undefined;
        if (shared === undefined) {
            return validate(args, report);
        }
        const { provider: _unshared, ...rest } = args;
        const { props, provider } = shared;
        return validate({
            ...rest, props, ...(provider ? { provider } : {}),
            asType: ((cls: ResourceClass) => (args.isType(cls) ? props : undefined)) as ResourceValidationArgs["asType"],
        }, report);
    };
    OWN.add(own);
    return own;
}

/** A stack policy's validation, reading the resources built once for its call when there are some. */
export function ownStackValidation(validate: StackValidation): StackValidation {
    const own: StackValidation = (args, report) => {
        const shared = argsOfCall() as StackArgs | undefined;
        return validate(shared === undefined ? args : { ...args, resources: shared.resources as PolicyResource[] }, report);
    };
    OWN.add(own);
    return own;
}

function isTypeOf(type: string, cls: ResourceClass): boolean {
    const pulumiType = getPulumiType(cls);
    if (pulumiType) {
        return type === pulumiType;
    }
    const isInstance = (cls as { isInstance?: unknown }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** Thrown for a request the framework rejects itself: the call then takes the framework's own path. */
class NotShared extends Error {}

/** The fields of a resource of a request decoded by google-protobuf (on the framework's path, or where it cannot be read otherwise). */
function fromMessage(r: apb.AnalyzeRequest | apb.AnalyzerResource): WireResource {
    const [o, p, stack] = [r.getOptions(), r.getProvider(), "getParent" in r ? r : undefined];
    const t = o?.getCustomtimeouts();
    return {
        type: r.getType(), urn: r.getUrn(), name: r.getName(), parent: stack?.getParent() ?? "", properties: r.getProperties(),
        options: o && {
            protect: o.getProtect(), ignoreChanges: o.getIgnorechangesList(), deleteBeforeReplace: o.getDeletebeforereplace(),
            deleteBeforeReplaceDefined: o.getDeletebeforereplacedefined(), additionalSecretOutputs: o.getAdditionalsecretoutputsList(),
            aliases: o.getAliasesList(), customTimeouts: t && { create: t.getCreate(), update: t.getUpdate(), delete: t.getDelete() }, parent: o.getParent(),
        },
        provider: p && { type: p.getType(), urn: p.getUrn(), name: p.getName(), properties: p.getProperties() },
        dependencies: stack?.getDependenciesList() ?? [],
        propertyDependencies: stack ? [...stack.getPropertydependenciesMap().entries()].map(([k, v]) => [k, v.getUrnsList()] as const) : [],
    };
}

function optionsOf({ options: o }: WireResource): PolicyResourceOptions {
    if (!o) {
        throw new NotShared("no resource options");
    }
    const t = o.customTimeouts;
    return {
        protect: o.protect,
        ignoreChanges: [...o.ignoreChanges],
        aliases: [...o.aliases],
        customTimeouts: { createSeconds: t?.create ?? 0, updateSeconds: t?.update ?? 0, deleteSeconds: t?.delete ?? 0 },
        additionalSecretOutputs: [...o.additionalSecretOutputs],
        ...(o.deleteBeforeReplaceDefined ? { deleteBeforeReplace: o.deleteBeforeReplace } : {}),
        ...(o.parent ? { parent: o.parent } : {}),
    };
}

function propsOf(struct: PlainStruct | undefined): Record<string, unknown> {
    if (!struct) {
        throw new NotShared("no properties");
    }
    return unknownCheckingProxy(deserialize.deserializeProperties(struct, false)) as Record<string, unknown>;
}

function providerOf({ provider: p }: WireResource): PolicyProviderResource | undefined {
    return p && { type: p.type, props: propsOf(p.properties), urn: p.urn, name: p.name };
}

function stackResources(resources: readonly WireResource[]): PolicyResource[] {
    const built = resources.map((r) => {
        const type = r.type;
        const props = propsOf(r.properties);
        const resource: PolicyResource = {
            type, props, urn: r.urn, name: r.name, opts: optionsOf(r), dependencies: [], propertyDependencies: {},
            isType: (cls) => isTypeOf(type, cls),
            asType: ((cls: ResourceClass) => (isTypeOf(type, cls) ? props : undefined)) as PolicyResource["asType"],
        };
        const provider = providerOf(r);
        if (provider) {
            resource.provider = provider;
        }
        return { resource, r };
    });
    const byUrn = new Map(built.map(({ resource }) => [resource.urn, resource]));
    const resolved = (urns: readonly string[]) => urns.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => d !== undefined);
    for (const { resource, r } of built) {
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (parent) {
            resource.parent = parent;
        }
        resource.dependencies = resolved(r.dependencies);
        for (const [key, deps] of r.propertyDependencies) {
            resource.propertyDependencies[key] = resolved(deps);
        }
    }
    return built.map(({ resource }) => Object.freeze(resource));
}

/**
 * An AnalyzeStack request as read from its bytes (stack-request.ts), for the shared path; the
 * framework's path decodes it with google-protobuf (`message`).
 */
export class ReadStackRequest {
    private resources: WireResource[] | undefined;

    constructor(bytes: Buffer, private readonly decode: (bytes: Buffer) => unknown) {
        this.resources = readStackRequest(bytes);
        this.message = () => decode(bytes);
    }

    readonly message: () => unknown;

    /** The resources, given once, so that they are not kept for the rest of the call. */
    take(): WireResource[] {
        const resources = this.resources ?? [];
        this.resources = undefined;
        return resources;
    }
}

/** The request of an AnalyzeStack call as the shared path reads it: from its bytes, or by `decode` when they cannot be read so. */
export function readOrDecode(bytes: Buffer, decode: (bytes: Buffer) => unknown): unknown {
    try {
        return new ReadStackRequest(bytes, decode);
    } catch {
        return decode(bytes);
    }
}

/**
 * The arguments of an Analyze or AnalyzeStack request, in the framework's shape, built once; undefined
 * when the framework would reject the request (it then answers the call itself, with its own error).
 */
export function buildCallArgs(rpc: Rpc, request: unknown): ResourceArgs | StackArgs | undefined {
    try {
        if (rpc === "analyzeStack") {
            const resources = request instanceof ReadStackRequest ? request.take() : (request as apb.AnalyzeStackRequest).getResourcesList().map(fromMessage);
            return { resources: Object.freeze(stackResources(resources)) };
        }
        const r = fromMessage(request as apb.AnalyzeRequest);
        optionsOf(r);
        const props = propsOf(r.properties);
        const provider = providerOf(r);
        return provider ? { props, provider } : { props };
    } catch {
        return undefined;
    }
}

const EMPTY = new Struct();

/**
 * The request the framework gets: on the shared path, without the props, provider or resources it
 * would copy for every policy; else the request decoded by google-protobuf.
 */
export function requestForFramework(rpc: Rpc, request: unknown, shared: boolean): unknown {
    if (!shared) {
        return request instanceof ReadStackRequest ? request.message() : request;
    }
    return rpc === "analyzeStack" ? new AnalyzeStackRequest()
        : Object.assign(Object.create(request as object) as object, { getProperties: () => EMPTY, getProvider: () => undefined });
}
