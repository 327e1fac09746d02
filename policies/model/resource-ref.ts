/** A resource as the model reads it, and the root of its props. */
import { Field, root } from "./values";

/** The resource a rule set or entry set is read from. */
export interface ResourceRef {
    readonly urn: string;
    readonly name: string;
    readonly type: string;
    readonly props: unknown;
    /** The root of `props`, when its reader has already read it (the stack model reads each resource once). */
    readonly root?: Field;
}

/** The root of a resource's props: the one read already, else read now. */
export function propsOf(resource: ResourceRef): Field {
    return resource.root ?? root(resource.props);
}
