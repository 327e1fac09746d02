/**
 * Builders for the props of every rule shape, in the exact form the SDK sends them (see the
 * program tests, which check these shapes against real @pulumi/aws classes).
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { Finding, runResourcePolicy } from "./run-policy";
import { TYPE } from "./types";

export const SG = TYPE.sg;
export const DEFAULT_SG = TYPE.defaultSg;
export const SG_RULE = TYPE.sgRule;
export const VPC_INGRESS = TYPE.vpcIngress;
export const VPC_EGRESS = TYPE.vpcEgress;

export type Props = Record<string, unknown>;

/** A security group with the given inline rules (and a description, so that only the rules matter). */
export function sg(ingress: Props[], egress: Props[] = [], extra: Props = {}): { type: string; props: Props } {
    return { type: SG, props: { description: "test group", ingress, egress, ...extra } };
}

export function inline(protocol: unknown, fromPort: unknown, toPort: unknown, peers: Props): Props {
    return { protocol, fromPort, toPort, description: "test rule", ...peers };
}

export function classic(type: string, protocol: unknown, fromPort: unknown, toPort: unknown, peers: Props): { type: string; props: Props } {
    return { type: SG_RULE, props: { type, protocol, fromPort, toPort, securityGroupId: "sg-0123", description: "test rule", ...peers } };
}

export function vpcRule(direction: "ingress" | "egress", ipProtocol: unknown, ports: [number, number] | undefined, peers: Props): { type: string; props: Props } {
    const p: Props = { ipProtocol, securityGroupId: "sg-0123", description: "test rule", ...peers };
    if (ports) {
        p.fromPort = ports[0];
        p.toPort = ports[1];
    }
    return { type: direction === "ingress" ? VPC_INGRESS : VPC_EGRESS, props: p };
}

/** "mandatory: <first sentence>" of each finding: which rules were flagged, in order, exactly. */
export function heads(findings: Finding[]): string[] {
    return findings.map((f) => `${f.level}: ${f.message.split(". ")[0]}`);
}

/** A runner for one policy that returns heads(): `run(resource, config?)`. */
export function headsOf(policy: unknown): (r: { type: string; props: Props }, config?: Props) => string[] {
    return (r, config) => heads(runResourcePolicy(policy as ResourceValidationPolicy, { ...r, config }));
}
