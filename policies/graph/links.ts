/**
 * The one way a property that names another resource by ID is linked to it. A first preview knows
 * no IDs of new resources, so a link follows the property dependencies (URNs) when they name
 * exactly the candidates the value needs; an update knows the IDs, so a link follows the value.
 * Both give the same answer for the same stack. An ID that matches nothing in the stack is a
 * resource from outside it: kept by ID, never guessed at.
 */
import type { StackResource } from "./resource";
import { Field, MAX_LIST, Maybe, Undetermined, child, describe, elements, invalidAt, isUndetermined, str, unknownAt } from "../model/values";

/** A resource a property names: one of the stack's, or one from outside it (known by ID only). */
export type Ref = { readonly kind: "stack"; readonly urn: string } | { readonly kind: "external"; readonly id: string };

export function refKey(r: Ref): string {
    return r.kind === "stack" ? r.urn : `external:${r.id}`;
}

/**
 * The resources of one kind that a property may name: their URNs and known IDs (or names), and
 * stand-ins: a resource whose ID attribute names a target (a VPC's defaultSecurityGroupId names
 * its default group). A stand-in maps to the target when the stack declares it.
 */
export class Targets {
    readonly urns = new Set<string>();
    private readonly byId = new Map<string, string>();
    private readonly standIns = new Map<string, string | undefined>();
    private readonly standInById = new Map<string, string>();

    /** Adds a target with the known values of its ID attributes; the first target with an ID keeps it. */
    add(r: StackResource, keys: readonly string[]): this {
        this.urns.add(r.urn);
        for (const key of keys) {
            const id = knownString(r, key);
            if (id !== undefined && !this.byId.has(id)) {
                this.byId.set(id, r.urn);
            }
        }
        return this;
    }

    /** Adds a stand-in: `r.key` (when known) names the target `target` (undefined: not in the stack). */
    addStandIn(r: StackResource, key: string, target: string | undefined): this {
        this.standIns.set(r.urn, target);
        const id = knownString(r, key);
        if (id !== undefined && !this.standInById.has(id)) {
            this.standInById.set(id, r.urn);
        }
        return this;
    }

    /** The stack's target with this known ID, or the stand-in whose attribute has it. */
    byValue(id: string): Link {
        const urn = this.byId.get(id);
        if (urn !== undefined) {
            return { ref: { kind: "stack", urn } };
        }
        const standIn = this.standInById.get(id);
        const target = standIn === undefined ? undefined : this.standIns.get(standIn);
        if (target !== undefined) {
            return { ref: { kind: "stack", urn: target } };
        }
        return { ref: { kind: "external", id }, ...(standIn !== undefined ? { standIn } : {}) };
    }

    /** The targets and stand-ins among the URNs a property depends on. */
    among(deps: readonly string[]): { targets: string[]; standIns: string[] } {
        const unique = [...new Set(deps)];
        return { targets: unique.filter((u) => this.urns.has(u)), standIns: unique.filter((u) => this.standIns.has(u)) };
    }

    /** The stand-in's target in the stack (undefined when it has none). */
    targetOf(standIn: string): string | undefined {
        return this.standIns.get(standIn);
    }
}

/** Where a link leads: a resource, and the stand-in it was named through when that resource is not in the stack. */
export interface Link {
    readonly ref?: Ref;
    /** The stand-in (a VPC) whose attribute names the target, when the stack does not declare the target. */
    readonly standIn?: string;
    /** Why the link cannot be made yet (unknown) or at all (invalid). */
    readonly undetermined?: Undetermined;
}

/** The value of `r.key` when it is a known, non-empty string. */
export function knownString(r: StackResource, key: string): string | undefined {
    const v = str(child(r.root, key));
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** The property dependencies of `r` under a top-level input key. */
export function depsOf(r: StackResource, key: string): readonly string[] {
    return r.propertyDependencies[key] ?? [];
}

/**
 * One reference, `r.key` (or `field`, a value under the top-level input `key`). A known value
 * decides: the ID it holds (an empty one names nothing). Only a value not known yet links through
 * the property dependencies: when they lead to exactly one target (directly or through a stand-in),
 * or to exactly one stand-in whose target the stack does not declare. Undefined when the property
 * is absent (or empty) and depends on nothing.
 */
export function linkOne(r: StackResource, key: string, targets: Targets, field: Field = child(r.root, key)): Link | undefined {
    const value = str(field);
    if (typeof value === "string") {
        return value === "" ? undefined : targets.byValue(value);
    }
    if (isUndetermined(value) && value.undetermined === "invalid") {
        return { undetermined: value };
    }
    // The targets the dependencies lead to: a stand-in leads to its target, or else stands for it.
    const deps = targets.among(depsOf(r, key));
    const resolved = new Set([...deps.targets, ...deps.standIns.flatMap((s) => targets.targetOf(s) ?? [])]);
    const unresolved = deps.standIns.filter((s) => targets.targetOf(s) === undefined);
    if (resolved.size === 1 && unresolved.length === 0) {
        return { ref: { kind: "stack", urn: [...resolved][0] } };
    }
    if (resolved.size === 0 && unresolved.length === 1) {
        return { standIn: unresolved[0], undetermined: undeterminedOf(value, field.path) };
    }
    if (value === undefined && resolved.size === 0) {
        return undefined;
    }
    return { undetermined: undeterminedOf(value, field.path) };
}

/** A required reference: as linkOne, and when it names nothing, why (empty: invalid; absent: not known yet). */
export function linkRequired(r: StackResource, key: string, targets: Targets): Link {
    const link = linkOne(r, key, targets);
    if (link) {
        return link;
    }
    const empty = str(child(r.root, key)) === "";
    return { undetermined: empty ? invalidAt(key, `${key} is empty`) : unknownAt(key) };
}

function undeterminedOf(value: Maybe<string | undefined>, path: string): Undetermined {
    return isUndetermined(value) ? value : unknownAt(path);
}

/** The resources a list of IDs names. */
interface ListLink {
    /** Distinct resources, in the order the list names them (known IDs first, then by dependency). */
    readonly refs: Ref[];
    /** Stand-ins named (by ID or by dependency) whose target the stack does not declare. */
    readonly standIns: { readonly urn: string; readonly id?: string }[];
    /**
     * Resources the property depends on that may be in the list, when the dependencies cannot say
     * which item (or which of several lists) names them: linked, but not counted here.
     */
    readonly possible: Ref[];
    /** How many more distinct resources the list may name: unknown items not linked. */
    readonly unresolved: number;
    /** Set when a whole list is not known yet: it may name any number more. */
    readonly unbounded: boolean;
    /** Why: the unknown parts (or an invalid value). */
    readonly undetermined: Undetermined[];
    /** The list holds at least one item (an unknown whole list may hold none). */
    readonly hasItems: boolean;
}

/** How a property holds IDs: a list of them, one ID, or one string of comma-separated IDs. */
export type IdForm = "list" | "one" | "csv";

/** The IDs a field holds, each as a field of its own: a list's elements, the field itself, or the parts of its string. */
function idItems(field: Field, form: IdForm = "list"): Field[] | Undetermined {
    if (form === "list" || field.state === "absent") {
        return elements(field);
    }
    if (form === "one") {
        return [field];
    }
    if (field.state === "unknown") {
        return unknownAt(field.path);
    }
    if (typeof field.value !== "string") {
        return invalidAt(field.path, `${field.path} should be a string of comma-separated IDs, got ${describe(field.value)}`);
    }
    const parts = field.value.split(",").map((x) => x.trim()).filter((x) => x !== "");
    if (parts.length > MAX_LIST) {
        return invalidAt(field.path, `${field.path} has ${parts.length} IDs, more than the ${MAX_LIST} a policy reads`);
    }
    return parts.map((value): Field => ({ path: field.path, state: "known", value }));
}

/**
 * The resources named by the IDs at `fields` (in the `forms` given, lists by default; items known
 * or unknown, or a whole list unknown), whose property dependencies are recorded under `depKeys`.
 * Known IDs link by value; unknown ones through the dependencies, when these can be attributed to
 * these fields (`attributable`); else they stay unresolved, with the dependencies as possible
 * resources.
 */
export function linkList(r: StackResource, fields: readonly Field[], depKeys: readonly string[], targets: Targets, attributable: boolean,
    forms: readonly IdForm[] = []): ListLink {
    const refs = new Map<string, Ref>();
    const standIns = new Map<string, { urn: string; id?: string }>();
    const undetermined: Undetermined[] = [];
    let unresolved = 0;
    let unbounded = false;
    let hasItems = false;
    for (const [i, field] of fields.entries()) {
        const items = idItems(field, forms[i]);
        if (isUndetermined(items)) {
            if (items.undetermined === "invalid") {
                undetermined.push(items);
            } else {
                unbounded = true;
            }
            continue;
        }
        hasItems ||= items.length > 0;
        for (const item of items) {
            const id = str(item);
            if (typeof id === "string" && id !== "") {
                const link = targets.byValue(id);
                if (link.standIn !== undefined) {
                    standIns.set(link.standIn, { urn: link.standIn, id });
                } else if (link.ref) {
                    refs.set(refKey(link.ref), link.ref);
                }
            } else if (isUndetermined(id) && id.undetermined === "invalid") {
                undetermined.push(id);
            } else {
                unresolved++;
            }
        }
    }
    const possible: Ref[] = [];
    if (unresolved > 0 || unbounded) {
        const deps = targets.among(depKeys.flatMap((k) => depsOf(r, k)));
        const fromDeps = deps.targets.filter((u) => !refs.has(u));
        const viaStandIns = deps.standIns.filter((u) => !standIns.has(u));
        const where = fields.find((f) => f.state !== "absent")?.path ?? depKeys[0];
        const all = [...fromDeps.map((urn) => ({ urn })), ...viaStandIns.map((s) => ({ standIn: s }))];
        if (attributable) {
            for (const dep of unbounded ? all : all.slice(0, unresolved)) {
                const target = "urn" in dep ? dep.urn : targets.targetOf(dep.standIn);
                if (target !== undefined) {
                    refs.set(target, { kind: "stack", urn: target });
                } else if ("standIn" in dep) {
                    standIns.set(dep.standIn, { urn: dep.standIn });
                }
            }
            unresolved -= Math.min(unresolved, all.length);
            hasItems ||= all.length > 0;
        } else {
            possible.push(...fromDeps.map((urn): Ref => ({ kind: "stack", urn })));
        }
        if (unresolved > 0 || unbounded || !attributable) {
            undetermined.push(unknownAt(where));
        }
    }
    return { refs: [...refs.values()], standIns: [...standIns.values()], possible, unresolved, unbounded, undetermined, hasItems };
}

/** Values of an input read at most when looking for an ID in it; past that, it may hold anything. */
const MAX_VALUES = 10_000;

/**
 * False when the input `key` of `r` is known throughout and none of its strings holds any of `ids`:
 * then a dependency of that input on the resource with those IDs did not make it name that resource
 * (a known value decides, whatever it was computed from).
 */
export function mayHold(r: StackResource, key: string, ids: readonly string[]): boolean {
    const wanted = ids.filter((x) => x !== "");
    const pending: Field[] = [child(r.root, key)];
    for (let budget = MAX_VALUES, f = pending.pop(); f !== undefined; f = pending.pop()) {
        if (f.state === "unknown" || --budget < 0) {
            return true;
        }
        const v = f.value;
        if (typeof v === "string" && wanted.some((x) => v.includes(x))) {
            return true;
        }
        if (Array.isArray(v) || (typeof v === "object" && v !== null)) {
            const keys = Array.isArray(v) ? Array.from({ length: Math.min(v.length, budget + 1) }, (_, i) => i) : Object.keys(v);
            for (const k of keys.slice(0, budget + 1)) {
                pending.push(child(f, k));
            }
        }
    }
    return false;
}
