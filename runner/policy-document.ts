/**
 * `aws.iam.getPolicyDocument` computed from its arguments, as the AWS provider renders it: statements in
 * order (a `sid` given twice is replaced in place), source documents merged first and override documents
 * last; in each statement Sid, Effect (default Allow), Action, NotAction, Resource, NotResource,
 * Principal, NotPrincipal, Condition; a set of strings with one member is that string, a larger one is
 * sorted in descending order; principals and conditions are maps with sorted keys, and a lone principal
 * `{ type: "*", identifiers: ["*"] }` is `"*"`. `&{` in resources, identifiers and condition values becomes
 * `${`. `json` is indented by two spaces, `minifiedJson` is not, both with Go's escaping of <, > and &;
 * the ID is the CRC-32 of `json`.
 */
import { crc32 } from "zlib";
import type { Props } from "./fresh-account";

type Strings = string | string[];
interface Principal { type: string; identifiers: Strings }
interface Condition { test: string; variable: string; values: Strings }
interface Statement {
    Sid?: string; Effect?: string; Action?: unknown; NotAction?: unknown; Resource?: unknown; NotResource?: unknown;
    Principal?: Principal[]; NotPrincipal?: Principal[]; Condition?: Condition[];
}
interface Doc { Version?: string; Id?: string; Statement: Statement[] }

const strings = (v: unknown): string[] => Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)];
const vars = (s: string) => s.replace(/&\{/g, "${");

/** A set of strings as the provider writes it: one member alone, more in descending order. */
function stringSet(v: unknown, replaceVars = false): Strings | undefined {
    const set = [...new Set(strings(v))].map((s) => replaceVars ? vars(s) : s);
    if (set.length === 0) { return undefined; }
    return set.length === 1 ? set[0] : set.sort().reverse();
}

function principals(v: unknown): Principal[] | undefined {
    const list = (Array.isArray(v) ? v : []) as { type?: unknown; identifiers?: unknown }[];
    const out = list.map((p) => ({ type: String(p.type), identifiers: stringSet(p.identifiers, true) ?? [] }));
    return out.length > 0 ? out : undefined;
}

function conditions(v: unknown): Condition[] | undefined {
    const list = (Array.isArray(v) ? v : []) as { test?: unknown; variable?: unknown; values?: unknown }[];
    const out = list.map((c) => {
        const values = strings(c.values).map(vars);
        return { test: String(c.test), variable: String(c.variable), values: values.length === 1 ? values[0] : values };
    });
    return out.length > 0 ? out : undefined;
}

/** The document a JSON policy (a source or override document) stands for. */
function parsed(json: string): Doc {
    const d = JSON.parse(json) as { Version?: string; Id?: string; Statement?: Record<string, unknown>[] };
    if (d.Statement !== undefined && !Array.isArray(d.Statement)) { throw new Error("Statement is not a list"); }
    const principalsOf = (p: unknown): Principal[] | undefined => {
        if (p === undefined) { return undefined; }
        if (typeof p === "string") { return [{ type: "*", identifiers: ["*"] }]; }
        return Object.entries(p as Record<string, unknown>).map(([type, ids]) => ({ type, identifiers: Array.isArray(ids) ? ids.map(String).sort() : String(ids) }));
    };
    const conditionsOf = (c: unknown): Condition[] | undefined => c === undefined ? undefined : Object.entries(c as Record<string, Record<string, unknown>>)
        .flatMap(([test, byVar]) => Object.entries(byVar).map(([variable, values]) => ({
            test, variable, values: Array.isArray(values) ? values.map(String) : typeof values === "boolean" ? String(values) : [String(values)],
        })));
    return {
        Version: d.Version, Id: d.Id,
        Statement: (d.Statement ?? []).map((s) => ({
            Sid: s.Sid as string | undefined, Effect: s.Effect as string | undefined, Action: s.Action, NotAction: s.NotAction,
            Resource: s.Resource, NotResource: s.NotResource, Principal: principalsOf(s.Principal), NotPrincipal: principalsOf(s.NotPrincipal),
            Condition: conditionsOf(s.Condition),
        })),
    };
}

function merge(into: Doc, doc: Doc): void {
    if (doc.Id) { into.Id = doc.Id; }
    if ((doc.Version ?? "") > (into.Version ?? "")) { into.Version = doc.Version; }
    for (const s of doc.Statement) {
        const i = s.Sid ? into.Statement.findIndex((x) => x.Sid === s.Sid) : -1;
        if (i >= 0) { into.Statement[i] = s; } else { into.Statement.push(s); }
    }
}

function principalJson(ps: Principal[]): unknown {
    const only = ps.length === 1 ? ps[0] : undefined;
    if (only && only.type === "*" && strings(only.identifiers).length === 1 && strings(only.identifiers)[0] === "*") { return "*"; }
    const out: { [type: string]: Strings } = {};
    for (const p of ps) {
        const have = out[p.type];
        const add = Array.isArray(p.identifiers) ? [...p.identifiers].sort().reverse() : p.identifiers;
        out[p.type] = have === undefined ? add : [...strings(have), ...strings(add)];
    }
    return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}

function conditionJson(cs: Condition[]): unknown {
    const out: { [test: string]: { [variable: string]: string[] } } = {};
    for (const c of cs) {
        out[c.test] = out[c.test] ?? {};
        out[c.test][c.variable] = [...out[c.test][c.variable] ?? [], ...strings(c.values)];
    }
    return Object.fromEntries(Object.keys(out).sort().map((t) => [t, Object.fromEntries(Object.keys(out[t]).sort()
        .map((v) => [v, out[t][v].length === 1 ? out[t][v][0] : out[t][v]]))]));
}

const empty = (v: unknown) => v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

function documentJson(d: Doc): unknown {
    const statement = d.Statement.map((s) => {
        const out: Record<string, unknown> = {};
        const put = (k: string, v: unknown) => { if (!empty(v)) { out[k] = v; } };
        put("Sid", s.Sid); put("Effect", s.Effect); put("Action", s.Action); put("NotAction", s.NotAction);
        put("Resource", s.Resource); put("NotResource", s.NotResource);
        put("Principal", s.Principal && principalJson(s.Principal)); put("NotPrincipal", s.NotPrincipal && principalJson(s.NotPrincipal));
        put("Condition", s.Condition && conditionJson(s.Condition));
        return out;
    });
    const out: Record<string, unknown> = {};
    if (!empty(d.Version)) { out.Version = d.Version; }
    if (!empty(d.Id)) { out.Id = d.Id; }
    if (statement.length > 0) { out.Statement = statement; }
    return out;
}

/** Go's encoding/json escapes these in strings; JSON.stringify does not. */
const goEscapes = (json: string) => json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** The result of getPolicyDocument for these arguments; undefined when a source or override document is not a policy. */
export function policyDocument(args: Props): Props | undefined {
    const merged: Doc = { Statement: [] };
    try {
        for (const src of strings(args.sourcePolicyDocuments)) { merge(merged, parsed(src)); }
        const own: Doc = {
            Version: typeof args.version === "string" ? args.version : "2012-10-17",
            Id: typeof args.policyId === "string" ? args.policyId : undefined,
            Statement: (Array.isArray(args.statements) ? args.statements as Record<string, unknown>[] : []).map((s) => ({
                Sid: typeof s.sid === "string" ? s.sid : undefined,
                Effect: typeof s.effect === "string" ? s.effect : "Allow",
                Action: stringSet(s.actions), NotAction: stringSet(s.notActions),
                Resource: stringSet(s.resources, true), NotResource: stringSet(s.notResources, true),
                Principal: principals(s.principals), NotPrincipal: principals(s.notPrincipals), Condition: conditions(s.conditions),
            })),
        };
        merge(merged, own);
        for (const o of strings(args.overridePolicyDocuments)) { merge(merged, parsed(o)); }
    } catch {
        return undefined;
    }
    const doc = documentJson(merged);
    const json = goEscapes(JSON.stringify(doc, null, 2));
    return { id: String(crc32(json)), json, minifiedJson: goEscapes(JSON.stringify(doc)) };
}
