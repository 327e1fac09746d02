/**
 * The normaliser from every AWS shape that can express a security-group rule to the canonical rule
 * (model/canonical-rule.ts): inline rules of SecurityGroup and DefaultSecurityGroup,
 * ec2.SecurityGroupRule, and vpc.SecurityGroupIngressRule / vpc.SecurityGroupEgressRule. One AWS
 * rule per peer: an inline rule with N CIDRs becomes N rules, and `self` adds one more without
 * hiding the others.
 */
import { Direction, SgRule, SgRuleSet } from "./canonical-rule";
import { sharedInCall } from "./call-scope";
import { ResourceRef, propsOf } from "./resource-ref";
import { RuleBase, makeRule, peersOf } from "./sg-peers";
import { portsOf, protocolOf } from "./traffic-fields";
import { SG_RULE_TYPES, TYPE } from "./types";
import { Field, Undetermined, child, describe, elements, invalidAt, isUndetermined, notAnObject, str } from "./values";

export type { Direction, Peer, PeerField, SgRule, SgRuleSet } from "./canonical-rule";
export { ruleIdentity, standsForWholeList } from "./canonical-rule";
export type { ResourceRef } from "./resource-ref";

/**
 * Normalises the rules of any security-group rule-bearing resource; undefined for other types.
 * Every policy of an Analyze call asks for the same resource: the result is shared within the call.
 */
export function securityGroupRules(resource: ResourceRef): SgRuleSet | undefined {
    return sharedInCall(`sg-rules ${resource.urn}`, () => normaliseRules(resource));
}

/**
 * True for the resources that declare their group's description (aws.ec2.SecurityGroup): a
 * DefaultSecurityGroup's is AWS's own, and a rule resource's group is another resource.
 */
export function hasGroupDescription(type: string): boolean {
    return type === TYPE.securityGroup;
}

/** The same, without sharing: for callers that read every resource once (the stack model). */
export function normaliseRules(resource: ResourceRef): SgRuleSet | undefined {
    return SG_RULE_TYPES.includes(resource.type) ? normalise(resource) : undefined;
}

function normalise(resource: ResourceRef): SgRuleSet | undefined {
    const props = propsOf(resource);
    switch (resource.type) {
        case TYPE.securityGroup:
        case TYPE.defaultSecurityGroup:
            return {
                rules: [
                    ...inlineRules(resource, props, "ingress"),
                    ...inlineRules(resource, props, "egress"),
                ],
                groupDescription: hasGroupDescription(resource.type) ? str(child(props, "description")) : undefined,
            };
        case TYPE.securityGroupRule:
            return { rules: classicRule(resource, props), securityGroupId: str(child(props, "securityGroupId")) };
        case TYPE.vpcIngressRule:
            return { rules: vpcRule(resource, props, "ingress"), securityGroupId: str(child(props, "securityGroupId")) };
        case TYPE.vpcEgressRule:
            return { rules: vpcRule(resource, props, "egress"), securityGroupId: str(child(props, "securityGroupId")) };
        default:
            return undefined;
    }
}

/** A rule that cannot be read at all: every part of it is undetermined for the same reason. */
function undeterminedRule(resource: ResourceRef, direction: Direction, why: Undetermined): SgRule {
    const base = { direction, protocol: why, ports: why, description: why };
    return makeRule(resource, base, why.path, why.path, "none", why);
}

function inlineRules(resource: ResourceRef, props: Field, direction: Direction): SgRule[] {
    const list = elements(child(props, direction));
    if (isUndetermined(list)) {
        return [undeterminedRule(resource, direction, list)];
    }
    const rules: SgRule[] = [];
    for (const item of list) {
        const why = notAnObject(item, "a rule object");
        if (why) {
            rules.push(undeterminedRule(resource, direction, why));
            continue;
        }
        rules.push(...peersOf(resource, ruleBase(item, direction, "protocol"), item, {
            cidr4: "cidrBlocks",
            cidr6: "ipv6CidrBlocks",
            prefixLists: "prefixListIds",
            groups: "securityGroups",
        }));
    }
    return rules;
}

function classicRule(resource: ResourceRef, props: Field): SgRule[] {
    const typeField = child(props, "type");
    const type = str(typeField);
    const directions: Direction[] = type === "ingress" || type === "egress" ? [type] : ["ingress", "egress"];
    const typeProblem = isUndetermined(type)
        ? type
        : type === "ingress" || type === "egress"
            ? undefined
            : invalidAt(typeField.path, `type should be 'ingress' or 'egress', got ${describe(type)}`);
    const rules: SgRule[] = [];
    for (const direction of directions) {
        const read = ruleBase(props, direction, "protocol");
        const base = typeProblem ? { ...read, protocol: typeProblem, ports: typeProblem } : read;
        rules.push(...peersOf(resource, base, props, {
            cidr4: "cidrBlocks",
            cidr6: "ipv6CidrBlocks",
            prefixLists: "prefixListIds",
            group: "sourceSecurityGroupId",
        }));
    }
    return rules;
}

function vpcRule(resource: ResourceRef, props: Field, direction: Direction): SgRule[] {
    return peersOf(resource, ruleBase(props, direction, "ipProtocol"), props, {
        cidr4: "cidrIpv4",
        cidr6: "cidrIpv6",
        prefixList: "prefixListId",
        group: "referencedSecurityGroupId",
        noSelf: true,
    });
}

/** Protocol, ports and description of a rule object; every shape names them alike but for the protocol key. */
function ruleBase(item: Field, direction: Direction, protocolKey: "protocol" | "ipProtocol"): RuleBase {
    const protocol = protocolOf(child(item, protocolKey), "rule");
    return {
        direction,
        protocol,
        ports: portsOf(protocol, child(item, "fromPort"), child(item, "toPort"), "rule"),
        description: str(child(item, "description")),
    };
}
