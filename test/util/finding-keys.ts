/**
 * The finding keys a policy run records (policies/core/finding-keys.ts), without their messages:
 * the policy, the URN when the finding names one, the kind and the path it is about.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { FindingKey, keysInCall } from "../../policies/core/finding-keys";
import { inCallScope } from "../../policies/model/call-scope";
import { ResourceInput, runResourcePolicy } from "./run-policy";
import { TestResource, runStackPolicy } from "./run-stack-policy";

export type Key = Omit<FindingKey, "message">;

/** The keys a run records, without their messages. */
export function keysOf(run: () => unknown): Key[] {
    return inCallScope(() => {
        run();
        return keysInCall().map(({ message: _m, ...k }) => k);
    });
}

/** The keys of one resource policy's run on one resource. */
export function resourceKeys(policy: unknown, input: ResourceInput): Key[] {
    return keysOf(() => runResourcePolicy(policy as ResourceValidationPolicy, input));
}

/** The keys of one stack policy's run on a stack. */
export function stackKeys(policy: unknown, resources: TestResource[], config: Record<string, unknown> = {}): Key[] {
    return keysOf(() => runStackPolicy(policy, resources, config));
}
