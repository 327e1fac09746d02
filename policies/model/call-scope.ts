/**
 * Sharing work among the policies of one Analyzer call. @pulumi/policy runs every policy of an
 * Analyze call (one resource) or an AnalyzeStack call (every resource) on the same request, so what
 * one policy derives from it (a resource's normalised rules, the stack model) holds for all the
 * others. The pack's gRPC handlers run each call in a scope of its own (see ../core/server-hooks.ts);
 * the scope follows the call through its awaits, so concurrent calls never see each other's values.
 * Outside a call (a policy called directly, as the unit tests do) nothing is shared.
 */
import { AsyncLocalStorage } from "async_hooks";

interface Scope {
    readonly values: Map<string, unknown>;
    /** The call's validation arguments, when they were built once for all its policies (../core/call-args.ts). */
    readonly args: unknown;
}

const calls = new AsyncLocalStorage<Scope>();

/** Runs `handle` (one gRPC call) with a fresh scope, holding `args` when the call's arguments were built once. */
export function inCallScope<R>(handle: () => R, args?: unknown): R {
    return calls.run({ values: new Map(), args }, handle);
}

/** The arguments built once for the current call; undefined outside a call or when the call has none. */
export function argsOfCall(): unknown {
    return calls.getStore()?.args;
}

/** The value of `key` in the current call, built on first use; built anew outside a call. */
export function sharedInCall<T>(key: string, build: () => T): T {
    const scope = calls.getStore()?.values;
    if (scope === undefined) {
        return build();
    }
    if (scope.has(key)) {
        return scope.get(key) as T;
    }
    const value = build();
    scope.set(key, value);
    return value;
}
