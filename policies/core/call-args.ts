/**
 * One deserialisation per Analyzer call. @pulumi/policy builds each policy's arguments anew from the
 * request: in Analyze, the resource's props (and its provider's) deserialised behind its
 * unknown-checking proxy, once per policy; in AnalyzeStack, every resource of the stack, once per
 * policy. The pack's own policies (their validation functions marked by `own`) only read their
 * arguments, so one copy serves them all: the hooked handler (server-hooks.ts) builds the arguments
 * from the request once (`buildCallArgs`), keeps them in the call's scope, and hands the framework
 * the request without props or resources (`withoutProps`), so that the framework's loop (levels,
 * configuration, stack tags, notApplicable, the diagnostics and their order) runs as before while
 * it deserialises nothing. Each own policy then reads the arguments built once.
 */
import * as path from "path";
import type * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import {
    PolicyProviderResource, PolicyResource, PolicyResourceOptions, ResourceValidation, ResourceValidationArgs, StackValidation,
    unknownCheckingProxy,
} from "@pulumi/policy";
import { argsOfCall } from "../model/call-scope";

type Rpc = "analyze" | "analyzeStack";

interface Struct { toJavaScript(): Record<string, unknown> }
type ResourceClass = Parameters<ResourceValidationArgs["isType"]>[0];

const policyDir = path.dirname(require.resolve("@pulumi/policy"));
const frameworkModule = <M>(name: string) => require(require.resolve(name, { paths: [policyDir] })) as M;
/** The framework's own deserialisation (read from its module at each call, as the framework reads it). */
const deserialize = frameworkModule<{ deserializeProperties(struct: Struct | undefined, proxySecrets: boolean): Record<string, unknown> }>("@pulumi/policy/deserialize");
const { getPulumiType } = frameworkModule<{ getPulumiType(o: unknown): string | undefined }>("@pulumi/policy/policy");
const { Struct } = frameworkModule<{ Struct: new () => Struct }>("google-protobuf/google/protobuf/struct_pb");

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

function optionsOf(r: apb.AnalyzeRequest | apb.AnalyzerResource): PolicyResourceOptions {
    const o = r.getOptions();
    if (!o) {
        throw new NotShared("no resource options");
    }
    const timeouts = o.getCustomtimeouts();
    return {
        protect: o.getProtect(),
        ignoreChanges: o.getIgnorechangesList(),
        aliases: o.getAliasesList(),
        customTimeouts: { createSeconds: timeouts?.getCreate() ?? 0, updateSeconds: timeouts?.getUpdate() ?? 0, deleteSeconds: timeouts?.getDelete() ?? 0 },
        additionalSecretOutputs: o.getAdditionalsecretoutputsList(),
        ...(o.getDeletebeforereplacedefined() ? { deleteBeforeReplace: o.getDeletebeforereplace() } : {}),
        ...(o.getParent() ? { parent: o.getParent() } : {}),
    };
}

function propsOf(struct: Struct | undefined): Record<string, unknown> {
    return unknownCheckingProxy(deserialize.deserializeProperties(struct, false)) as Record<string, unknown>;
}

function providerOf(r: apb.AnalyzeRequest | apb.AnalyzerResource): PolicyProviderResource | undefined {
    const p = r.getProvider();
    return p && { type: p.getType(), props: propsOf(p.getProperties()), urn: p.getUrn(), name: p.getName() };
}

function stackResources(req: apb.AnalyzeStackRequest): PolicyResource[] {
    const built = req.getResourcesList().map((r) => {
        const type = r.getType();
        const props = propsOf(r.getProperties());
        const resource: PolicyResource = {
            type, props, urn: r.getUrn(), name: r.getName(), opts: optionsOf(r), dependencies: [], propertyDependencies: {},
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
    const resolved = (urns: string[]) => urns.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => d !== undefined);
    for (const { resource, r } of built) {
        const parent = r.getParent() ? byUrn.get(r.getParent()) : undefined;
        if (parent) {
            resource.parent = parent;
        }
        resource.dependencies = resolved(r.getDependenciesList());
        for (const [key, deps] of r.getPropertydependenciesMap().entries()) {
            resource.propertyDependencies[key] = resolved(deps.getUrnsList());
        }
    }
    return built.map(({ resource }) => Object.freeze(resource));
}

/**
 * The arguments of an Analyze or AnalyzeStack request, in the framework's shape, built once; undefined
 * when the framework would reject the request (it then answers the call itself, with its own error).
 */
export function buildCallArgs(rpc: Rpc, request: unknown): ResourceArgs | StackArgs | undefined {
    try {
        if (rpc === "analyzeStack") {
            return { resources: Object.freeze(stackResources(request as apb.AnalyzeStackRequest)) };
        }
        const req = request as apb.AnalyzeRequest;
        optionsOf(req);
        const props = propsOf(req.getProperties());
        const provider = providerOf(req);
        return provider ? { props, provider } : { props };
    } catch {
        return undefined;
    }
}

const EMPTY = new Struct();

/** The request as the framework sees it on the shared path: without props, provider or resources, which it would copy for every policy. */
export function withoutProps(rpc: Rpc, request: object): object {
    const hidden = rpc === "analyzeStack"
        ? { getResourcesList: () => [] }
        : { getProperties: () => EMPTY, getProvider: () => undefined };
    return Object.assign(Object.create(request) as object, hidden);
}
