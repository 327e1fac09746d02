/**
 * Runs the whole catalogue on a captured program as the engine would: every resource policy on
 * each resource's inputs, then every stack policy on all resources' outputs with their property
 * dependencies (the root stack resource included: its outputs are the stack's exports). Findings are
 * "policy: level: resource: first sentence".
 */
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { catalogue } from "../../policies/catalogue";
import { CapturedStack, ROOT_STACK_TYPE } from "../../runner/capture";
import { runResourcePolicy } from "../util/run-policy";
import { runStackPolicyOn } from "../util/run-stack-policy";

export function analyseStack(stack: CapturedStack, config: Record<string, Record<string, unknown>> = {}): string[] {
    const out: string[] = [];
    const resources = stack.resources.filter((r) => r.type !== ROOT_STACK_TYPE);
    const nameOf = new Map(resources.map((r) => [r.urn, r.name]));
    for (const p of catalogue()) {
        if ((p as ResourceValidationPolicy).validateResource) {
            for (const r of resources) {
                for (const f of runResourcePolicy(p as ResourceValidationPolicy, { type: r.type, name: r.name, props: r.inputs, config: config[p.name] })) {
                    out.push(`${p.name}: ${f.level}: ${r.name}: ${f.message.split(". ")[0]}`);
                }
            }
        }
        if ((p as StackValidationPolicy).validateStack) {
            const wire = stack.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, props: r.outputs, propertyDependencies: r.propertyDependencies }));
            const only = { ...p, validateResource: undefined } as unknown as StackValidationPolicy;
            for (const f of runStackPolicyOn(only, wire, config[p.name])) {
                out.push(`${p.name}: ${f.level}: ${f.urn ? nameOf.get(f.urn) : "(stack)"}: ${f.message.split(". ")[0]}`);
            }
        }
    }
    return out;
}
