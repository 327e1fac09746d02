/** Stack-model views for the graph/stack specs: groups by name, and each network interface compactly. */
import { Ref, StackModel, VpcRef } from "../../policies/graph/stack";
import { TestResource } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";

/** A security group named `name`; with `id`, an update (the ID is known). */
export const group = (name: string, id?: string, extra: Record<string, unknown> = {}): TestResource =>
    ({ type: TYPES.sg, name, props: { description: "d", ...(id ? { id } : {}), ...extra } });

/** A group as a short string: the stack group's name, or "external:<id>". */
export function groupName(model: StackModel, g: Ref): string {
    return g.kind === "stack" ? (model.byUrn.get(g.urn)?.name ?? `?${g.urn}`) : `external:${g.id}`;
}

export interface InterfaceView {
    resource: string;
    role: string;
    path: string;
    /** The groups identified, then "default of <VPC>" for each VPC default group the stack does not declare. */
    groups: string[];
    undetermined: string[];
}

/** A VPC as a short string: the stack VPC's name, "external:<id>", "via:<subnet ...>", "account-default" or "?<path>". */
function vpcName(model: StackModel, v: VpcRef): string {
    switch (v.kind) {
        case "stack": return model.byUrn.get(v.urn)?.name ?? `?${v.urn}`;
        case "external": return v.id !== undefined ? `external:${v.id}` : `via:${v.via}`;
        case "account-default": return "account-default";
        default: return `?${v.why.path}`;
    }
}

/** Every network interface of the stack, compactly: resource name, role, path, groups, undetermined paths. */
export function interfaces(model: StackModel): InterfaceView[] {
    return model.interfaces.map((n) => ({
        resource: n.resource.name,
        role: n.shape.role,
        path: n.path,
        groups: [...n.groups.map((g) => groupName(model, g)), ...n.vpcDefaults.map((d) => `default of ${vpcName(model, d.vpc)}${d.id ? ` (${d.id})` : ""}`)],
        undetermined: n.undetermined.map((u) => `${u.undetermined}:${u.path}`),
    }));
}

export const iface = (resource: string, role: string, path: string, groups: string[], undetermined: string[] = []): InterfaceView =>
    ({ resource, role, path, groups, undetermined });

/** The implicit default group of the interface of resource `name`: its VPC (a stack VPC by name) and the stack's group (by name). */
export function implicitDefaultOf(resources: TestResource[], name: string): { vpc: string | VpcRef; group?: string } | undefined {
    const model = stackModel(resources);
    const d = model.interfaces.find((x) => x.resource.name === name)?.implicitDefault;
    return d && { vpc: d.vpc.kind === "stack" ? (model.byUrn.get(d.vpc.urn)?.name as string) : d.vpc, group: d.group && model.byUrn.get(d.group.urn)?.name };
}
