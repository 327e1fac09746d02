/**
 * Runs one stack policy the way @pulumi/policy's AnalyzeStack does: every resource's props behind
 * the unknown-checking proxy, dependencies as resource objects, violations through
 * reportViolation (string or object form).
 */
import { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";

export interface StackFinding {
    level: "mandatory" | "advisory";
    message: string;
    urn?: string;
}

export interface TestResource {
    type: string;
    name: string;
    props: Record<string, unknown>;
    /** Property -> names of the resources (in this list) it depends on. */
    propertyDependencies?: Record<string, string[]>;
}

export function urnOf(r: { type: string; name: string }): string {
    return `urn:pulumi:test::test::${r.type}::${r.name}`;
}

/** A resource with its dependencies by URN, as AnalyzeStack sends them. */
export interface WireResource {
    urn: string;
    type: string;
    name: string;
    props: Record<string, unknown>;
    propertyDependencies: Record<string, string[]>;
}

export function runStackPolicy(policy: unknown, resources: TestResource[], config: Record<string, unknown> = {},
    stackTags: Record<string, string> = {}): StackFinding[] {
    const urnByName = new Map(resources.map((r) => [r.name, urnOf(r)]));
    return runStackPolicyOn(policy, resources.map((r) => ({
        urn: urnOf(r), type: r.type, name: r.name, props: r.props,
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, names]) => [k, names.map((n) => {
            const urn = urnByName.get(n);
            if (!urn) {
                throw new Error(`test setup: no resource named ${n}`);
            }
            return urn;
        })])),
    })), config, stackTags);
}

export function runStackPolicyOn(policy: unknown, resources: WireResource[], config: Record<string, unknown> = {},
    stackTags: Record<string, string> = {}): StackFinding[] {
    const p = policy as StackValidationPolicy;
    const level = p.enforcementLevel === "advisory" ? "advisory" : "mandatory";
    const findings: StackFinding[] = [];
    const report = ((v: string | { message: string; enforcementLevel?: string; urn?: string }, urn?: string) => {
        const f: StackFinding = typeof v === "string"
            ? { level, message: v }
            : { level: v.enforcementLevel === "advisory" ? "advisory" : level, message: v.message };
        const u = typeof v === "string" ? urn : v.urn;
        if (u !== undefined) {
            f.urn = u;
        }
        findings.push(f);
    }) as ReportViolation;
    const byUrn = new Map<string, PolicyResource>();
    const policyResources: PolicyResource[] = resources.map((r) => {
        const pr = {
            type: r.type, name: r.name, urn: r.urn, props: unknownCheckingProxy(r.props),
            opts: {}, dependencies: [], propertyDependencies: {},
            isType: () => false, asType: () => undefined,
        } as unknown as PolicyResource;
        byUrn.set(r.urn, pr);
        return pr;
    });
    resources.forEach((r, i) => {
        const pr = policyResources[i] as { propertyDependencies: Record<string, PolicyResource[]>; dependencies: PolicyResource[] };
        for (const [k, urns] of Object.entries(r.propertyDependencies)) {
            // As @pulumi/policy does: dependencies on resources outside the list are dropped.
            pr.propertyDependencies[k] = urns.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => d !== undefined);
            pr.dependencies.push(...pr.propertyDependencies[k]);
        }
    });
    const args = {
        resources: policyResources,
        getConfig: () => config,
        stackTags: new Map(Object.entries(stackTags)),
        notApplicable: () => {
            throw new Error("notApplicable");
        },
    } as unknown as StackValidationArgs;
    const r = p.validateStack(args, report);
    if (r instanceof Promise) {
        throw new Error("policies must be synchronous");
    }
    return findings;
}
