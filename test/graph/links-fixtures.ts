/**
 * Every property that names another resource by ID links both ways, and a known ID decides. The
 * same stack gives the same findings, which are the expected ones, written as:
 * - an update with every ID known and no property dependencies;
 * - a first preview with every ID unknown and the property dependencies only;
 * - an update with every ID known and the honest property dependencies (the engine sends them on
 *   updates too);
 * - an update with every ID known and, for one property at a time, a dependency on a decoy (another
 *   resource of the same kind) instead of the resource the ID names: a program can compute a known
 *   ID from any resource (`decoy.id.apply(() => "<real id>")`), so the dependency must not re-target
 *   the link. Each decoy is shown to matter: made the real target, it changes the findings.
 */
import * as assert from "assert";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPES, headsOfStack } from "../util/stack-fixtures";

type Mode = "update" | "preview" | "update with dependencies";

/** A reference to another resource's ID (or another of its ID attributes) in a property. */
interface RefMark { readonly ref: string; readonly attr: string }
export const id = (name: string, attr = "id"): RefMark => ({ ref: name, attr });
const isRef = (v: unknown): v is RefMark => typeof v === "object" && v !== null && "ref" in v && "attr" in v;

/** A resource whose props may hold references. `computed` are outputs AWS sets, known only after an update. */
export interface Spec { type: string; name: string; props: Record<string, unknown>; computed?: Record<string, string> }
export const r = (type: string, name: string, props: Record<string, unknown> = {}, computed?: Record<string, string>): Spec =>
    ({ type, name, props, computed });

/** One link: the top-level input `key` of resource `resource` names `target`. */
interface Site { readonly resource: string; readonly key: string; readonly target: string }
const siteText = (s: Site) => `${s.resource}.${s.key} -> ${s.target}`;
const at = (s: Site | undefined, resource: string, key: string, target: string) =>
    s !== undefined && s.resource === resource && s.key === key && s.target === target;

/**
 * How the references of one site are written besides the mode: `decoy` keeps the value and makes
 * the dependency name the decoy; `swap` makes the decoy the real target (value and dependency).
 */
interface Variant { readonly decoyOf?: ReadonlyMap<string, string>; readonly decoy?: Site; readonly swap?: Site }

/**
 * The stack in one mode. Update: references are the IDs ("<name>.<attr>"), each referenced resource
 * has them. Preview: references are unknown, and computed outputs are unknown. Every mode but
 * "update" records, for each input that holds references, the resources it depends on.
 */
function build(specs: Spec[], mode: Mode, v: Variant = {}): TestResource[] {
    const attrs = new Map<string, Set<string>>();
    const addAttr = (name: string, attr: string) => attrs.set(name, (attrs.get(name) ?? new Set()).add(attr));
    const write = (x: unknown, deps: Set<string>, resource: string, key: string): unknown => {
        if (isRef(x)) {
            const decoy = v.decoyOf?.get(x.ref) ?? x.ref;
            const named = at(v.swap, resource, key, x.ref) ? decoy : x.ref;
            deps.add(at(v.decoy, resource, key, x.ref) ? decoy : named);
            addAttr(named, x.attr);
            return mode === "preview" ? UNKNOWN : `${named}.${x.attr}`;
        }
        if (Array.isArray(x)) {
            return x.map((y) => write(y, deps, resource, key));
        }
        if (typeof x === "object" && x !== null) {
            return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, write(y, deps, resource, key)]));
        }
        return x;
    };
    const built = specs.map((s) => {
        const propertyDependencies: Record<string, string[]> = {};
        const props: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(s.props)) {
            const deps = new Set<string>();
            props[k] = write(x, deps, s.name, k);
            propertyDependencies[k] = mode === "update" ? [] : [...deps];
        }
        return { type: s.type, name: s.name, props, propertyDependencies };
    });
    // A decoy has the ID attributes of the resource it stands for.
    for (const [real, decoy] of v.decoyOf ?? []) {
        [...(attrs.get(real) ?? [])].forEach((a) => addAttr(decoy, a));
    }
    return built.map((b, i) => {
        const computed = { ...Object.fromEntries([...(attrs.get(b.name) ?? [])].map((a) => [a, `${b.name}.${a}`])), ...specs[i].computed };
        const outputs = Object.fromEntries(Object.entries(computed).filter(([k]) => k !== "id" || mode !== "preview")
            .map(([k, x]) => [k, mode === "preview" ? UNKNOWN : x]));
        return { ...b, props: { ...outputs, ...b.props } };
    });
}

/** Every link of a stack: each input of each resource, and each resource it names. */
function sitesOf(specs: Spec[]): Site[] {
    const out: Site[] = [];
    const collect = (x: unknown, found: Set<string>): void => {
        if (isRef(x)) {
            found.add(x.ref);
        } else if (Array.isArray(x)) {
            x.forEach((y) => collect(y, found));
        } else if (typeof x === "object" && x !== null) {
            Object.values(x).forEach((y) => collect(y, found));
        }
    };
    for (const s of specs) {
        for (const [key, x] of Object.entries(s.props)) {
            const found = new Set<string>();
            collect(x, found);
            found.forEach((target) => out.push({ resource: s.name, key, target }));
        }
    }
    return out;
}

export const sg = (name: string, extra: Record<string, unknown> = {}) => r(TYPES.sg, name, { description: name, ...extra });
export const tcp = (port: number, peers: Record<string, unknown>) => ({ protocol: "tcp", fromPort: port, toPort: port, description: "d", ...peers });

export type Head = [string, string, string | undefined];
export const on = (type: string, name: string) => urnOf({ type, name });
export const tooMany = (type: string, name: string, label: string, path: string, groups: string): Head =>
    ["mandatory", `${label} '${name}' puts 2 security groups on one network interface (${path}): ${groups}`, on(type, name)];
export const dbTrusts = (type: string, name: string, label: string, group: string): Head =>
    ["mandatory", `${label} '${name}' trusts an address range: on its ${group}, ingress[0].cidrBlocks[0] allows TCP port 5432 from 10.9.0.0/16`, on(type, name)];
export const twoGroups = (a = "'a'", b = "'b'") => `${a} and ${b}`;
export const max1 = { maxSecurityGroups: 1 };

export interface Row {
    link: string;
    /** The policy whose findings show the link, or what the model answers when no policy shows it. */
    policy?: unknown;
    verdict?: (resources: TestResource[]) => unknown;
    stack: Spec[];
    expected: unknown[];
    config?: Record<string, unknown>;
    /**
     * The decoy of each referenced resource: another resource of the stack (its name), or one added
     * to it; by default a copy of the resource named "<name>-decoy".
     */
    decoys?: Record<string, string | Spec>;
    /** The findings of the honest update once the decoys are in the stack (default: `expected`). */
    withDecoys?: unknown[];
}

/** The decoys of a row: each referenced resource's, and the resources to add to the stack for them. */
function decoysOf(row: Row): { decoyOf: Map<string, string>; added: Spec[] } {
    const decoyOf = new Map<string, string>();
    const added: Spec[] = [];
    for (const target of new Set(sitesOf(row.stack).map((x) => x.target))) {
        const given = row.decoys?.[target];
        const spec = given ?? { ...(row.stack.find((x) => x.name === target) as Spec), name: `${target}-decoy` };
        if (typeof spec === "string") {
            decoyOf.set(target, spec);
        } else {
            decoyOf.set(target, spec.name);
            added.push(spec);
        }
    }
    return { decoyOf, added };
}

/** Each row twice: the same findings in every mode, and a decoy dependency never re-targets a known ID. */
export function describeLinks(rows: Row[]): void {
    describe("graph/links: every link, by known ID (update), by property dependency (first preview), and by known ID with dependencies", () => {
        for (const row of rows) {
            const verdict = row.verdict ?? ((resources: TestResource[]) => runStackPolicy(row.policy, resources, row.config));
            const shown = (v: unknown) => (row.verdict ? v : headsOfStack(v as Parameters<typeof headsOfStack>[0]));
            it(row.link, () => {
                const [update, preview, both] = (["update", "preview", "update with dependencies"] as Mode[]).map((m) => verdict(build(row.stack, m)));
                assert.deepStrictEqual(shown(update), row.expected, "update");
                assert.deepStrictEqual(preview, update, "preview and update differ");
                assert.deepStrictEqual(both, update, "an update with its property dependencies differs from one without");
            });
            it(`${row.link}: a dependency on a decoy does not re-target a known ID`, () => {
                const { decoyOf, added } = decoysOf(row);
                const stack = [...row.stack, ...added];
                const honest = verdict(build(stack, "update with dependencies", { decoyOf }));
                assert.deepStrictEqual(shown(honest), row.withDecoys ?? row.expected, "the honest update with the decoys in the stack");
                for (const site of sitesOf(row.stack)) {
                    const decoyed = verdict(build(stack, "update with dependencies", { decoyOf, decoy: site }));
                    assert.deepStrictEqual(decoyed, honest, `${siteText(site)} depends on ${decoyOf.get(site.target)}: the verdict changed`);
                    const swapped = verdict(build(stack, "update with dependencies", { decoyOf, swap: site }));
                    assert.notDeepStrictEqual(swapped, honest, `${siteText(site)}: naming ${decoyOf.get(site.target)} instead must change the verdict, or the decoy proves nothing`);
                }
            });
        }
    });
}
