/**
 * Scenarios of "the world" split across rule resources, for the four policies that use the world:
 * stacks of a security group 'web' and its rule resources, in the shapes the SDK sends (see
 * test/programs/world-split.spec.ts), and a runner that shows both halves of a policy: Analyze on
 * each rule-bearing resource's inputs, then AnalyzeStack on the stack.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, runResourcePolicy } from "./run-policy";
import { TestResource, runStackPolicy } from "./run-stack-policy";
import { TYPE } from "./types";

export type Direction = "ingress" | "egress";

/** A resource of the stack, with its Analyze inputs when they differ from its AnalyzeStack outputs. */
export type StackResource = TestResource & { inputs?: Record<string, unknown> };

/** The security group 'web' at a first preview (ID unknown), with inline rules of one direction. */
export function web(direction: Direction, rules: unknown[] = []): StackResource {
    return { type: TYPE.sg, name: "web", props: { description: "d", ingress: direction === "ingress" ? rules : [], egress: direction === "egress" ? rules : [] } };
}

/** An inline rule as a program writes it. */
export function inline(cidr: string, from: number, to = from): Record<string, unknown> {
    return { protocol: "tcp", fromPort: from, toPort: to, [cidr.includes(":") ? "ipv6CidrBlocks" : "cidrBlocks"]: [cidr], description: "r" };
}

/** An inline rule as a deployed group's outputs list it: every field present. */
export function echoed(cidr: string, from: number, to = from): Record<string, unknown> {
    return { protocol: "tcp", fromPort: from, toPort: to, cidrBlocks: [], ipv6CidrBlocks: [], prefixListIds: [], securityGroups: [], self: false,
        description: "r", ...inline(cidr, from, to) };
}

/** How a rule names its group: by dependency on 'web' (first preview), by a known ID, or not at all. */
export type Link = { by: "dependency" } | { by: "id"; id: string } | { by: "unknown" };
export const DEP: Link = { by: "dependency" };

function linked(link: Link): { securityGroupId: string; propertyDependencies?: Record<string, string[]> } {
    switch (link.by) {
        case "dependency":
            return { securityGroupId: UNKNOWN, propertyDependencies: { securityGroupId: ["web"] } };
        case "id":
            return { securityGroupId: link.id };
        case "unknown":
            return { securityGroupId: UNKNOWN };
    }
}

/** A vpc.SecurityGroupIngressRule / EgressRule for TCP ports from-to. */
export function vpcRule(direction: Direction, name: string, cidr: string, ports: [unknown, unknown], link: Link = DEP): StackResource {
    const { securityGroupId, propertyDependencies } = linked(link);
    const key = cidr.includes(":") ? "cidrIpv6" : "cidrIpv4";
    return {
        type: direction === "ingress" ? TYPE.vpcIngress : TYPE.vpcEgress, name,
        props: { securityGroupId, ipProtocol: "tcp", fromPort: ports[0], toPort: ports[1], [key]: cidr, description: "r" },
        ...(propertyDependencies ? { propertyDependencies } : {}),
    };
}

/** An ec2.SecurityGroupRule for TCP ports from-to. */
export function classicRule(direction: Direction, name: string, cidr: string, ports: [number, number], link: Link = DEP): StackResource {
    const { securityGroupId, propertyDependencies } = linked(link);
    return {
        type: TYPE.sgRule, name,
        props: { type: direction, securityGroupId, protocol: "tcp", fromPort: ports[0], toPort: ports[1], cidrBlocks: [cidr], description: "r" },
        ...(propertyDependencies ? { propertyDependencies } : {}),
    };
}

const RULE_BEARING = new Set<string>([TYPE.sg, TYPE.defaultSg, TYPE.sgRule, TYPE.vpcIngress, TYPE.vpcEgress]);

/** [half, resource, level, first sentence] of every finding: Analyze per resource, then AnalyzeStack. */
export function bothHalves(policy: unknown, resources: StackResource[], config: Record<string, unknown> = {}): [string, string, string, string][] {
    const out: [string, string, string, string][] = [];
    for (const r of resources.filter((x) => RULE_BEARING.has(x.type))) {
        for (const f of runResourcePolicy(policy as ResourceValidationPolicy, { type: r.type, name: r.name, props: r.inputs ?? r.props, config })) {
            out.push(["resource", r.name, f.level, f.message.split(". ")[0]]);
        }
    }
    const nameOf = new Map(resources.map((r) => [`urn:pulumi:test::test::${r.type}::${r.name}`, r.name]));
    for (const f of runStackPolicy(policy, resources, config)) {
        out.push(["stack", f.urn === undefined ? "(no resource)" : nameOf.get(f.urn) ?? f.urn, f.level, f.message.split(". ")[0]]);
    }
    return out;
}
