// Watches a program's resource registrations inside the SDK, where the program's own stack is still
// visible: where each resource was declared (the first stack frame that is the program's), and, when
// the program stalls, which registrations never completed and what each one waits for.
//
// The SDK's Resource constructor calls `registerResource` of its runtime/resource module through the
// module's exports, synchronously, so a wrapper installed there sees the program's stack. The wrapper
// changes nothing the SDK does or sends.

import * as path from "path";
import { fileURLToPath } from "url";
import type { PendingRegistration, RegisteredRef, SourceLocation, Wait } from "./program-protocol";

/** The parts of an SDK Output we read: its value's promise and the resources it comes from. */
interface OutputLike { promise(withUnknowns?: boolean): Promise<unknown>; resources(): Set<object> }
interface ResourceLike { urn?: OutputLike; __pulumiResource?: boolean }
interface ResourceOptions { parent?: unknown; dependsOn?: unknown; provider?: unknown }
type RegisterResource = (...args: unknown[]) => unknown;

interface Registration {
    resource: object;
    type: string;
    name: string;
    location?: SourceLocation;
    props: unknown;
    opts: ResourceOptions;
    urn?: string;
    /** The URN resolved (registered) or was rejected (the registration failed). */
    settled: boolean;
    failure?: string;
}

const RUNNER_DIR = __dirname;
const FRAME = /^\s*at (?:async )?(?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/** The first frame of a stack that belongs to the program: not Node's, not a package's, not this runner's. */
export function declarationSite(stack: string): SourceLocation | undefined {
    for (const line of stack.split("\n").slice(1)) {
        const m = FRAME.exec(line);
        if (!m) { continue; }
        let file = m[1];
        if (file.startsWith("file://")) {
            file = fileURLToPath(file);
        }
        if (!path.isAbsolute(file) || file.split(path.sep).includes("node_modules") || file.startsWith(RUNNER_DIR + path.sep)) {
            continue;
        }
        return { file, line: Number(m[2]), column: Number(m[3]) };
    }
    return undefined;
}

function callerStack(): string {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 200;
    try {
        return new Error().stack ?? "";
    } finally {
        Error.stackTraceLimit = limit;
    }
}

function isOutput(v: unknown): v is OutputLike {
    return typeof v === "object" && v !== null && (v as { __pulumiOutput?: boolean }).__pulumiOutput === true &&
        typeof (v as OutputLike).promise === "function";
}

function isResource(v: unknown): v is ResourceLike {
    return typeof v === "object" && v !== null && (v as ResourceLike).__pulumiResource === true;
}

function isPromise(v: unknown): v is Promise<unknown> {
    return typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function";
}

/** Whether a promise settles before the next turn of the event loop (one already settled always does). */
function settles(p: Promise<unknown>): Promise<boolean> {
    return Promise.race([
        p.then(() => true, () => true),
        new Promise<boolean>((resolve) => setImmediate(() => setImmediate(() => resolve(false)))),
    ]);
}

function childPath(at: string, key: string | number): string {
    if (typeof key === "number") { return `${at}[${key}]`; }
    return /^[A-Za-z_$][\w$]*$/.test(key) ? (at === "" ? key : `${at}.${key}`) : `${at}[${JSON.stringify(key)}]`;
}

export class Registrations {
    private readonly all: Registration[] = [];
    private readonly byResource = new Map<object, Registration>();
    private restore?: () => void;

    /** Wraps `registerResource` of the SDK runtime in `sdkDir` (or ours) until `uninstall`. */
    install(sdkDir: string | undefined): void {
        const mod = require(sdkDir === undefined ? "@pulumi/pulumi/runtime/resource" : `${sdkDir}/runtime/resource`) as { registerResource: RegisterResource };
        const original = mod.registerResource;
        mod.registerResource = (...args: unknown[]) => {
            const [res, , type, name, , , , props, opts] = args as [object, unknown, string, string, unknown, unknown, unknown, unknown, ResourceOptions | undefined];
            const r: Registration = { resource: res, type, name, location: declarationSite(callerStack()), props, opts: opts ?? {}, settled: false };
            this.all.push(r);
            this.byResource.set(res, r);
            const result = original(...args);
            const urn = (res as ResourceLike).urn;
            if (isOutput(urn)) {
                urn.promise().then((u) => { r.settled = true; r.urn = typeof u === "string" ? u : undefined; }, () => { r.settled = true; });
            }
            return result;
        };
        this.restore = () => { mod.registerResource = original; };
    }

    uninstall(): void {
        this.restore?.();
        this.restore = undefined;
    }

    /** Where the resource with this URN was declared. */
    locationOf(urn: string): SourceLocation | undefined {
        return this.all.find((r) => r.urn === urn)?.location;
    }

    /** Records the monitor's refusal of a registration (the SDK may then never settle its outputs). */
    failed(type: string, name: string, message: string): void {
        const r = this.all.find((x) => !x.settled && x.failure === undefined && x.type === type && x.name === name);
        if (r) { r.failure = message; }
    }

    /** Every registration that has not completed, with what it waits for. */
    async pending(): Promise<PendingRegistration[]> {
        const out: PendingRegistration[] = [];
        for (const r of this.all.filter((x) => !x.settled)) {
            const waits: Wait[] = [];
            await this.waitsOfValue(r.props, "", waits, 0);
            for (const kind of ["parent", "dependsOn", "provider"] as const) {
                const on = await this.unsettledResources(r.opts[kind]);
                if (on) { waits.push({ kind, on }); }
            }
            if (waits.length === 0) {
                waits.push(r.failure !== undefined ? { kind: "failed", message: r.failure } : { kind: "unanswered" });
            }
            out.push({ ...this.ref(r), waits });
        }
        return out;
    }

    private ref(r: Registration): RegisteredRef {
        return { type: r.type, name: r.name, ...(r.location ? { location: r.location } : {}), completed: r.settled };
    }

    private refOf(resource: object): RegisteredRef | undefined {
        const r = this.byResource.get(resource);
        return r ? this.ref(r) : undefined;
    }

    /** The inputs (by property path) whose value never resolved. */
    private async waitsOfValue(v: unknown, at: string, waits: Wait[], depth: number): Promise<void> {
        if (depth > 32 || v === null || typeof v !== "object") { return; }
        if (isResource(v)) {
            const ref = this.refOf(v);
            if (ref && !ref.completed) { waits.push({ kind: "input", path: at, on: [ref] }); }
            return;
        }
        if (isOutput(v) || isPromise(v)) {
            const p = isOutput(v) ? v.promise(true) : v;
            if (!await settles(p)) {
                const from = isOutput(v) ? [...v.resources()].map((x) => this.refOf(x)).filter((x): x is RegisteredRef => x !== undefined) : [];
                waits.push({ kind: "input", path: at, on: from });
                return;
            }
            await this.waitsOfValue(await p.catch(() => undefined), at, waits, depth + 1);
            return;
        }
        const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
        for (const [k, x] of entries) {
            await this.waitsOfValue(x, childPath(at, k), waits, depth + 1);
        }
    }

    /**
     * What a resource option (a resource, a list, or an output or promise of either) waits for: the
     * resources it names that never completed, [] when its value never resolved, undefined for nothing.
     */
    private async unsettledResources(v: unknown): Promise<RegisteredRef[] | undefined> {
        let value = v;
        if (isOutput(value) || isPromise(value)) {
            const p = isOutput(value) ? value.promise(true) : value;
            if (!await settles(p)) { return []; }
            value = await p.catch(() => undefined);
        }
        const list = Array.isArray(value) ? value : [value];
        const on = list.filter(isResource).map((x) => this.refOf(x)).filter((x): x is RegisteredRef => x !== undefined && !x.completed);
        return on.length > 0 ? on : undefined;
    }
}
