/**
 * The databases of the stack: every resource whose shape is a database (with its interfaces), and
 * the database instances that take their groups from their cluster but have a public-access flag
 * of their own.
 */
import { Maybe, bool } from "../model/values";
import { DATABASE_INSTANCES, eniShapeOf } from "./eni-types";
import type { NetworkInterfaceNode } from "./interfaces";
import { StackResource, fieldAt } from "./resource";

/** A database: its interfaces (with their groups) and its public-access flag, when its type has one. */
export interface DatabaseNode {
    readonly resource: StackResource;
    readonly interfaces: NetworkInterfaceNode[];
    readonly publicFlag?: { readonly path: string; readonly value: Maybe<boolean | undefined> };
}

export function databasesOf(resources: readonly StackResource[], interfacesOf: (urn: string) => NetworkInterfaceNode[]): DatabaseNode[] {
    const out: DatabaseNode[] = [];
    for (const r of resources) {
        const found = eniShapeOf(r.type);
        const shape = found?.role === "database" ? found : undefined;
        const flag = shape ? shape.publicFlag : DATABASE_INSTANCES.find((d) => d.type === r.type)?.publicFlag;
        if (!shape && !flag) {
            continue;
        }
        const interfaces = interfacesOf(r.urn);
        if (shape && interfaces.length === 0 && !flag) {
            continue; // Not in a VPC (an OpenSearch domain without vpcOptions).
        }
        const field = flag && fieldAt(r, flag);
        out.push({ resource: r, interfaces, ...(field ? { publicFlag: { path: field.path, value: bool(field) } } : {}) });
    }
    return out;
}
