/**
 * What a check of a program cannot see, and how each format says so. A multi-language component (one
 * registered with `remote: true`, e.g. @pulumi/awsx v2's `awsx:lb:ApplicationLoadBalancer`) has its
 * children created by its provider's Construct, which Pulumi's mocks never call: none of them reaches
 * the policies. Such a result is incomplete. A lookup no table answers gets its own arguments back,
 * which is worth a warning.
 */
import type * as sarif from "sarif";
import type { CapturedStack } from "../runner/capture";
import type { Incomplete, ResourceRef } from "./model";

export const WHERE_CHECKED = "`pulumi preview --policy-pack` or `--stack-export`";

const shown = (r: ResourceRef) => `${r.type} '${r.name}'`;

/** The multi-language components of a captured program, in registration order. */
export function notExpanded(captured: CapturedStack): Incomplete[] {
    return captured.resources.filter((r) => r.remote && !r.custom).map((r) => {
        const resource = { urn: r.urn, type: r.type, name: r.name };
        return {
            kind: "component-not-expanded" as const,
            resource,
            message: `${shown(resource)} is a multi-language component: its provider creates its children, which a program run ` +
                `under mocks never does, so none of them was checked; they are checked only by ${WHERE_CHECKED}.`,
        };
    });
}

/** A warning for each lookup that was answered with its own arguments. */
export function lookupWarnings(captured: CapturedStack): string[] {
    return (captured.unansweredLookups ?? []).filter((l) => l.answer === "inputs").map((l) =>
        `the program read ${l.token}, which check cannot answer without a cloud account: it got its own arguments back, ` +
        "so what the program took from it is not what the cloud would return");
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

/** The lines at the top of the text report (none when the check is complete). */
export function incompleteHeader(incomplete: readonly Incomplete[]): string[] {
    const components = incomplete.map((i) => shown(i.resource));
    if (components.length === 0) { return []; }
    return [`${plural(components.length, "component")} not expanded: ${components.join(", ")}: ` +
        `${components.length === 1 ? "its" : "their"} children are checked only by ${WHERE_CHECKED}.`, ""];
}

/** The text report's last line when the check is incomplete. */
export function incompleteFooter(incomplete: readonly Incomplete[]): string[] {
    return incomplete.length === 0 ? [] : [`Incomplete: ${plural(incomplete.length, "component")} not expanded (listed at the top).`];
}

/** The JSON report's `incomplete` entries. */
export function incompleteJson(incomplete: readonly Incomplete[]): object[] {
    return incomplete.map((i) => ({ kind: i.kind, resource: i.resource, message: i.message }));
}

/** SARIF: one run-level tool execution notification per item (SARIF 2.1.0 section 3.20.21). */
export function incompleteInvocations(incomplete: readonly Incomplete[]): sarif.Invocation[] {
    return [{
        executionSuccessful: true,
        toolExecutionNotifications: incomplete.map((i) => ({
            descriptor: { id: i.kind },
            level: "warning",
            message: { text: i.message },
            locations: [{ logicalLocations: [{ name: i.resource.name, fullyQualifiedName: i.resource.urn, kind: "resource" }] }],
        })),
    }];
}
