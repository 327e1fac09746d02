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
 * nothing. An AnalyzeStack request is read from its bytes (`readOrDecode`, wire-request.ts) rather
 * than decoded into google-protobuf's message objects.
 */
import * as path from "path";
import {
    PolicyProviderResource, PolicyResource, PolicyResourceOptions, ResourceValidation, ResourceValidationArgs, StackValidation,
    unknownCheckingProxy,
} from "@pulumi/policy";
import { argsOfCall } from "../model/call-scope";
import { PlainStruct, WireResource, readAnalyzeRequest, readStackRequest, withoutFields } from "./wire-request";

export type Rpc = "analyze" | "analyzeStack";

type ResourceClass = Parameters<ResourceValidationArgs["isType"]>[0];

const policyDir = path.dirname(require.resolve("@pulumi/policy"));
const frameworkModule = <M>(name: string) => require(require.resolve(name, { paths: [policyDir] })) as M;
/** The framework's own deserialisation (read from its module at each call, as the framework reads it). */
const deserialize = frameworkModule<{ deserializeProperties(struct: PlainStruct, proxySecrets: boolean): Record<string, unknown> }>("@pulumi/policy/deserialize");
const { getPulumiType } = frameworkModule<{ getPulumiType(o: unknown): string | undefined }>("@pulumi/policy/policy");

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
interface ResourceArgs { readonly props: Record<string, unknown>; readonly provider?: PolicyProviderResource; readonly asType: ResourceValidationArgs["asType"] }
/** The arguments of one AnalyzeStack call, built once. */
interface StackArgs { readonly resources: readonly PolicyResource[] }

/** A resource policy's validation, reading the props built once for its call when there are some. */
export function ownResourceValidation(validate: ResourceValidation): ResourceValidation {
    const own: ResourceValidation = (args, report) => {
        const shared = argsOfCall() as ResourceArgs | undefined;
        // The framework builds `args` for this policy alone, so it can take the shared props.
        return validate(shared === undefined ? args : Object.assign(args, shared), report);
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

/** Field 2 of an AnalyzeRequest (its props): an empty Struct. */
const EMPTY_PROPS = Buffer.from([0x12, 0x00]);

/**
 * An Analyze or AnalyzeStack request as read from its bytes (wire-request.ts), for the shared path;
 * the framework gets it decoded by google-protobuf, without what the shared arguments hold
 * (`withoutProps`) or whole when the call takes the framework's path (`message`).
 */
export class ReadRequest {
    private resources: WireResource[] | undefined;

    constructor(readonly rpc: Rpc, private readonly bytes: Buffer, private readonly decode: (bytes: Buffer) => unknown) {
        this.resources = rpc === "analyzeStack" ? readStackRequest(bytes) : [readAnalyzeRequest(bytes)];
    }

    /** The resources, given once, so that they are not kept for the rest of the call. */
    take(): WireResource[] {
        const resources = this.resources ?? [];
        this.resources = undefined;
        return resources;
    }

    message(): unknown {
        return this.decode(this.bytes);
    }

    /** Without the resources of AnalyzeStack; for Analyze, with empty props (field 2) and no provider (field 6). */
    withoutProps(): unknown {
        return this.decode(this.rpc === "analyzeStack" ? Buffer.alloc(0) : Buffer.concat([withoutFields(this.bytes, [2, 6]), EMPTY_PROPS]));
    }
}

/** A request as the shared path reads it: from its bytes, or by `decode` when they cannot be read so (the call then takes the framework's path). */
export function readOrDecode(rpc: Rpc, bytes: Buffer, decode: (bytes: Buffer) => unknown): unknown {
    try {
        return new ReadRequest(rpc, bytes, decode);
    } catch {
        return decode(bytes);
    }
}

/**
 * The arguments of a request read from its bytes, in the framework's shape, built once; undefined
 * when the framework would reject the request (it then answers the call itself, with its own error).
 */
export function buildCallArgs(request: ReadRequest): ResourceArgs | StackArgs | undefined {
    try {
        if (request.rpc === "analyzeStack") {
            return { resources: Object.freeze(stackResources(request.take())) };
        }
        const [r] = request.take();
        optionsOf(r);
        const props = propsOf(r.properties);
        const provider = providerOf(r);
        const asType = ((cls: ResourceClass) => (isTypeOf(r.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"];
        return provider ? { props, provider, asType } : { props, asType };
    } catch {
        return undefined;
    }
}

/** The request the framework gets: on the shared path without what the arguments built once hold, else whole. */
export function requestForFramework(request: unknown, args: unknown): unknown {
    if (!(request instanceof ReadRequest)) {
        return request;
    }
    return args === undefined ? request.message() : request.withoutProps();
}
