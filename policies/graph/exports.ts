/**
 * What the stack exports: the outputs of its root resource (pulumi:pulumi:Stack). Another stack
 * can use an exported ID through a StackReference, so an exported resource is in use. A program
 * exports an ID (`sg.id`) as a string, or a whole resource as an object of its outputs with its
 * `urn`; at preview, an exported value that depends on a new resource is unknown.
 */
import { Field, Undetermined, child, str } from "../model/values";
import { Targets } from "./links";
import type { StackResource } from "./resource";

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** Values of the outputs read at most; past that, the rest counts as not known. */
const MAX_VALUES = 100_000;

export interface StackExports {
    /** The stack resources whose ID (or name) or URN an output holds. */
    readonly resources: Set<string>;
    /** Outputs not known yet (at preview): each may hold any resource's ID. */
    readonly unknown: Undetermined[];
}

/**
 * Reads the exports: known strings are matched against the targets' IDs and against URNs (`keysOf`
 * maps a URN to its resources); an object with the URN of a stack resource is that resource,
 * whose other outputs are its own, not exports of other resources.
 */
export function readExports(resources: readonly StackResource[], targets: Targets, keysOf: (urn: string) => readonly string[]): StackExports {
    const found = new Set<string>();
    const unknown: Undetermined[] = [];
    let budget = MAX_VALUES;
    const unknownAt = (path: string, why = "is not known until the resources it comes from are created"): Undetermined =>
        ({ undetermined: "unknown", path: path || "outputs", reason: `the stack output ${path || "(all of them)"} ${why}` });
    // Depth-first over an explicit stack: outputs may nest deeper than the call stack allows.
    const pending: Field[] = resources.filter((x) => x.type === ROOT_STACK_TYPE).map((r) => r.root).reverse();
    for (let f = pending.pop(); f !== undefined; f = pending.pop()) {
        const size = Array.isArray(f.value) ? f.value.length : typeof f.value === "object" && f.value !== null ? Object.keys(f.value).length : 0;
        budget -= 1 + size;
        if (budget < 0) {
            unknown.push(unknownAt(f.path, `and the outputs after it are beyond the ${MAX_VALUES} values a policy reads`));
            break;
        }
        if (f.state === "unknown") {
            unknown.push(unknownAt(f.path));
            continue;
        }
        const v = f.value;
        if (f.state !== "known") {
            continue;
        }
        if (typeof v === "string") {
            const keys = keysOf(v);
            keys.forEach((k) => found.add(k));
            const link = keys.length === 0 ? targets.byValue(v) : undefined;
            if (link?.ref?.kind === "stack") {
                found.add(link.ref.urn);
            }
        } else if (Array.isArray(v)) {
            // Indexes only: reading an element of the policy proxy that is unknown would throw.
            for (let i = v.length - 1; i >= 0; i--) {
                pending.push(child(f, i));
            }
        } else if (typeof v === "object" && v !== null) {
            const urn = str(child(f, "urn"));
            const owners = typeof urn === "string" ? keysOf(urn) : [];
            // A resource exported whole: its other outputs are its own, not other resources' IDs.
            owners.forEach((k) => found.add(k));
            if (owners.length === 0) {
                pending.push(...Object.keys(v).reverse().map((k) => child(f as Field, k)));
            }
        }
    }
    return { resources: found, unknown };
}
