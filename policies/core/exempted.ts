/**
 * Exempted findings stay visible. The reporter a policy talks to passes each finding on an
 * exempted resource on as an advisory diagnostic that names the policy, the level the finding
 * had, the exemption, its reason and its expiry, so that `pulumi preview` and Pulumi Cloud show it.
 * It also records the same facts as data in the current Analyzer call (model/call-scope.ts), from
 * where the server hook hands them to a client that asks for them (server-hooks.ts): no reader
 * ever has to parse a message. Findings that an expired exemption matched are recorded the same way.
 */
import { EnforcementLevel } from "@pulumi/policy";
import {
    ExemptionGrant, ExemptionSource, ExemptionVerdict, ResourceIdentity, RunLevel, checkExemptions, findExemption, runLevel, tagProblem,
} from "./governance";
import { sharedInCall } from "../model/call-scope";
import { keysInCall } from "./finding-keys";
import { Reporter, undeterminedFinding } from "./report";

/** One exempted finding, as reported. */
export interface ExemptedFinding {
    readonly policy: string;
    /** The diagnostic's URN: unset for a resource policy's finding on the resource it analyses. */
    readonly urn?: string;
    /** The diagnostic's message, exactly as reported (advisory). */
    readonly message: string;
    /** The finding itself. */
    readonly finding: string;
    /** The level the finding had: the policy's level for a violation, advisory for a note. */
    readonly level: RunLevel;
    readonly exemption: ExemptionSource;
    readonly reason: string;
    /** YYYY-MM-DD; unset for an open-ended exemption (advisory policies only). */
    readonly expires?: string;
}

/**
 * A finding that a configured exemption matched after its expiry date: the exemption no longer
 * exempts it. The finding is reported at its level, or exempted by `coveredBy` when another
 * exemption still holds.
 */
export interface ExpiredMatch {
    readonly policy: string;
    /** The diagnostic's URN: unset for a resource policy's finding on the resource it analyses. */
    readonly urn?: string;
    /** The finding itself. */
    readonly finding: string;
    /** The level the finding had: the policy's level for a violation, advisory for a note. */
    readonly level: RunLevel;
    readonly exemption: { readonly kind: "config"; readonly resource: string };
    readonly reason: string;
    /** YYYY-MM-DD, before today. */
    readonly expires: string;
    readonly coveredBy?: ExemptionSource;
}

/** "Exempted mandatory finding of <policy> (exemption '<pattern>'; reason: ...; expires ...): <finding>". */
export function exemptedMessage(policy: string, level: RunLevel, grant: ExemptionGrant, finding: string): string {
    const by = grant.source.kind === "config" ? `exemption '${grant.source.resource}'` : `tag '${grant.source.tag}' on the resource`;
    const until = grant.expires === undefined ? "no expiry date" : `expires ${grant.expires}`;
    return `Exempted ${level} finding of ${policy} (${by}; reason: ${grant.reason}; ${until}): ${finding}`;
}

/** The exempted findings of the current Analyzer call (a fresh, unkept list outside a call). */
export function exemptedInCall(): ExemptedFinding[] {
    return sharedInCall("exempted-findings", () => [] as ExemptedFinding[]);
}

/** The findings of the current Analyzer call that expired exemptions matched (a fresh, unkept list outside a call). */
export function expiredInCall(): ExpiredMatch[] {
    return sharedInCall("expired-exemptions", () => [] as ExpiredMatch[]);
}

export interface ExemptionScope {
    readonly policy: string;
    /** The policy's declared level, used until a Configure sets one. */
    readonly declared: EnforcementLevel | undefined;
    /** A resource policy's resource: findings without a URN are on it. */
    readonly resource?: ResourceIdentity;
    /** A stack policy's resources, by the key the model gives each (the URN but for later copies of one). */
    readonly stack?: ReadonlyMap<string, ResourceIdentity>;
    /** The URN a key names on the wire (graph/keys.ts); the key itself when not given. */
    readonly sourceUrn?: (key: string) => string;
}

/**
 * Wraps a policy's reporter: findings on exempted resources become advisory "Exempted ..."
 * diagnostics and records, those whose exemption has expired say so, and a resource whose
 * exemption tag has expired or does not read "YYYY-MM-DD: reason" is a violation of the policy.
 */
export function exempting(r: Reporter, config: Record<string, unknown>, scope: ExemptionScope): Reporter {
    const level = runLevel(scope.policy, scope.declared);
    checkExemptions(config, level); // bad configuration is reported even where nothing is found
    const wireUrn = (key: string | undefined) => (key === undefined || !scope.sourceUrn ? key : scope.sourceUrn(key));
    for (const res of scope.resource ? [scope.resource] : scope.stack?.values() ?? []) {
        const problem = tagProblem(config, res);
        if (problem !== undefined) {
            r.violation(problem, scope.resource ? undefined : wireUrn(res.urn));
        }
    }
    const verdict = (key: string | undefined): ExemptionVerdict | undefined => {
        if (key === undefined || key === scope.resource?.urn) {
            return scope.resource ? findExemption(config, scope.resource, level) : undefined;
        }
        // Each copy of a URN is judged on its own props, under the URN it has on the wire.
        const urn = wireUrn(key) as string;
        const res = scope.stack?.get(key);
        return findExemption(config, res ? { urn, name: res.name, props: res.props } : { urn, name: urn.split("::").pop() ?? urn, props: undefined }, level);
    };
    const pass = (kind: "violation" | "note", finding: string, key: string | undefined, at: string | undefined) => {
        const urn = wireUrn(key);
        const keyed = (message: string) => keysInCall().push({ policy: scope.policy, ...(urn !== undefined ? { urn } : {}), message, kind, ...(at !== undefined ? { at } : {}) });
        const v = verdict(key);
        const had: RunLevel = kind === "violation" ? level : "advisory";
        for (const e of v?.expired ?? []) {
            expiredInCall().push({
                policy: scope.policy, ...(urn !== undefined ? { urn } : {}), finding, level: had, exemption: { kind: "config", resource: e.resource },
                reason: e.reason, expires: e.expires, ...(v?.exempt ? { coveredBy: v.grant.source } : {}),
            });
        }
        if (!v) {
            keyed(finding);
            r[kind](finding, urn);
        } else if (!v.exempt) {
            keyed(`${finding} ${v.why}`);
            r[kind](`${finding} ${v.why}`, urn);
        } else {
            const message = exemptedMessage(scope.policy, had, v.grant, finding);
            exemptedInCall().push({
                policy: scope.policy, ...(urn !== undefined ? { urn } : {}), message, finding, level: had,
                exemption: v.grant.source, reason: v.grant.reason, ...(v.grant.expires !== undefined ? { expires: v.grant.expires } : {}),
            });
            keyed(message);
            r.note(message, urn);
        }
    };
    return {
        violation: (m, urn, at) => pass("violation", m, urn, at),
        note: (m, urn, at) => pass("note", m, urn, at),
        undetermined: (why, consequence, urn, at) => {
            const f = undeterminedFinding(why, consequence);
            pass(f.kind, f.message, urn, at ?? why.path);
        },
    };
}
