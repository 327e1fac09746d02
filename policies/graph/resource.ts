/**
 * A resource of the stack model. Its props are read here, once: every part of the graph reads its
 * fields from `root`.
 */
import { ResourceRef } from "../model/resource-ref";
import { Field, child, root } from "../model/values";

/** A resource as the stack policies are given it: dependencies by URN. */
export interface StackInput extends ResourceRef {
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** A resource of the stack model: its input, with the root of its props. */
export interface StackResource extends StackInput {
    readonly root: Field;
}

/** Reads a resource's props for the stack model. */
export function stackResource(input: StackInput): StackResource {
    return { ...input, root: root(input.props) };
}

/** The field at a path of keys under a resource's root: ["vpcOptions", "securityGroupIds"]. */
export function fieldAt(r: StackResource, path: readonly string[]): Field {
    return path.reduce((f: Field, k) => child(f, k), r.root);
}
