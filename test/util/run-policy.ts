/**
 * Runs one resource policy the way @pulumi/policy's Analyze does: props behind the
 * unknown-checking proxy, config from getConfig, violations through reportViolation (string or
 * object form), and the framework's own handling of UnknownValueError.
 */
import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Finding {
    level: "mandatory" | "advisory";
    message: string;
}

export interface ResourceInput {
    type: string;
    props: Record<string, unknown>;
    name?: string;
    /** The stack in the resource's URN (default `test`). */
    stack?: string;
    config?: Record<string, unknown>;
    stackTags?: Record<string, string>;
}

export function runResourcePolicy(policy: ResourceValidationPolicy, input: ResourceInput): Finding[] {
    const level = policy.enforcementLevel === "advisory" ? "advisory" : "mandatory";
    const findings: Finding[] = [];
    const report = ((v: string | { message: string; enforcementLevel?: string }) => {
        if (typeof v === "string") {
            findings.push({ level, message: v });
        } else {
            findings.push({ level: v.enforcementLevel === "advisory" ? "advisory" : level, message: v.message });
        }
    }) as ReportViolation;
    const name = input.name ?? "r";
    const args = {
        type: input.type,
        props: unknownCheckingProxy(input.props),
        urn: `urn:pulumi:${input.stack ?? "test"}::test::${input.type}::${name}`,
        name,
        opts: {},
        stackTags: new Map(Object.entries(input.stackTags ?? {})),
        getConfig: () => input.config ?? {},
        isType: () => false,
        asType: () => undefined,
        notApplicable: () => {
            throw new Error("notApplicable");
        },
    } as unknown as ResourceValidationArgs;
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const v of validations) {
        if (!v) {
            continue;
        }
        try {
            const r = v(args, report);
            if (r instanceof Promise) {
                throw new Error("policies must be synchronous");
            }
        } catch (e) {
            if (e instanceof UnknownValueError) {
                findings.push({ level: "advisory", message: `can't run: ${String(e)}` });
            } else {
                throw e;
            }
        }
    }
    return findings;
}

/** Only the messages, for compact exact assertions. */
export function messages(findings: Finding[], level?: Finding["level"]): string[] {
    return findings.filter((f) => !level || f.level === level).map((f) => f.message);
}

/** Runs a policy's remediation as Remediate does; undefined when it leaves the resource alone. */
export function runRemediation(policy: ResourceValidationPolicy, input: ResourceInput): Record<string, unknown> | undefined {
    if (!policy.remediateResource) {
        throw new Error(`${policy.name} has no remediation`);
    }
    const name = input.name ?? "r";
    // Remediate hands props over behind two proxies: the secrets-preserving one inside the unknown-checking one.
    const secrets = require("@pulumi/policy/secret") as { secretsPreservingProxy(v: unknown): unknown };
    const args = {
        type: input.type, props: unknownCheckingProxy(secrets.secretsPreservingProxy(input.props)), urn: `urn:pulumi:test::test::${input.type}::${name}`, name,
        opts: {}, stackTags: new Map(Object.entries(input.stackTags ?? {})), getConfig: () => input.config ?? {},
        isType: () => false, asType: () => undefined, notApplicable: () => undefined,
    } as unknown as ResourceValidationArgs;
    const result = policy.remediateResource(args);
    if (result instanceof Promise) {
        throw new Error("remediations must be synchronous");
    }
    // Through JSON, as the engine receives it (this also drops the proxies).
    return result ? JSON.parse(JSON.stringify(result)) as Record<string, unknown> : undefined;
}
