/**
 * The one canonical security-group rule, and the normaliser from every AWS shape that can express
 * one: inline rules of SecurityGroup and DefaultSecurityGroup, ec2.SecurityGroupRule, and
 * vpc.SecurityGroupIngressRule / vpc.SecurityGroupEgressRule. One AWS rule per peer: an inline rule
 * with N CIDRs becomes N rules, and `self` adds one more without hiding the others.
 */
import { Cidr, Family, parseCidr } from "../net/cidr";
import { PortRange } from "../net/ports";
import { Protocol } from "../net/protocol";
import { portsOf, protocolOf } from "./traffic-fields";
import { sharedInCall } from "./call-scope";
import { SG_RULE_TYPES, TYPE } from "./types";
import {
    Field, Maybe, Undetermined, bool, child, describe, elements, invalidAt, isUndetermined, root, str, unknownAt,
} from "./values";

export type Direction = "ingress" | "egress";

export type Peer =
    | { readonly kind: "cidr"; readonly cidr: Cidr }
    | { readonly kind: "security-group"; readonly id: Maybe<string> }
    | { readonly kind: "prefix-list"; readonly id: Maybe<string> }
    | { readonly kind: "self" };

/** Where a rule was written: the resource and the property paths of the rule and of its peer. */
export interface Origin {
    readonly urn: string;
    readonly name: string;
    readonly type: string;
    /** "ingress[2]" for an inline rule, "" for a standalone rule resource. */
    readonly rulePath: string;
    /** "ingress[2].cidrBlocks[0]", "cidrBlocks[0]", "cidrIpv4", ... */
    readonly peerPath: string;
}

/** Which field named the peer: known even when the peer's value is not. */
export type PeerField = "cidr4" | "cidr6" | "prefix-list" | "security-group" | "self" | "none";

export interface SgRule {
    readonly direction: Direction;
    readonly via: PeerField;
    readonly protocol: Maybe<Protocol>;
    /** TCP/UDP port range; all ports for all-protocol rules; null for protocols without ports (ICMP, ...). */
    readonly ports: Maybe<PortRange | null>;
    readonly peer: Maybe<Peer>;
    readonly description: Maybe<string | undefined>;
    readonly origin: Origin;
}

/** The resource a rule set was read from. */
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

export interface SgRuleSet {
    readonly rules: SgRule[];
    /** For standalone rule resources: the security group the rule belongs to. */
    readonly securityGroupId?: Maybe<string | undefined>;
    /** For security groups: the group's own description (undefined: the provider's "Managed by Pulumi"). */
    readonly groupDescription?: Maybe<string | undefined>;
}

/**
 * Normalises the rules of any security-group rule-bearing resource; undefined for other types.
 * Every policy of an Analyze call asks for the same resource: the result is shared within the call.
 */
export function securityGroupRules(resource: ResourceRef): SgRuleSet | undefined {
    if (!SG_RULE_TYPES.includes(resource.type)) {
        return undefined;
    }
    return sharedInCall(`sg-rules ${resource.urn}`, () => normalise(resource));
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
                groupDescription: resource.type === TYPE.securityGroup ? str(child(props, "description")) : undefined,
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

interface RuleBase {
    readonly direction: Direction;
    readonly protocol: Maybe<Protocol>;
    readonly ports: Maybe<PortRange | null>;
    readonly description: Maybe<string | undefined>;
}

function makeRule(resource: ResourceRef, base: RuleBase, rulePath: string, peerPath: string, via: PeerField, peer: Maybe<Peer>): SgRule {
    return {
        direction: base.direction,
        protocol: base.protocol,
        ports: base.ports,
        description: base.description,
        via,
        peer,
        origin: { urn: resource.urn, name: resource.name, type: resource.type, rulePath, peerPath },
    };
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
        if (item.state === "unknown") {
            rules.push(undeterminedRule(resource, direction, unknownAt(item.path)));
            continue;
        }
        if (item.state !== "known" || typeof item.value !== "object" || Array.isArray(item.value)) {
            const got = item.state === "absent" ? "nothing" : describe(item.value);
            rules.push(undeterminedRule(resource, direction, invalidAt(item.path, `${item.path} should be a rule object, got ${got}`)));
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


interface PeerFields {
    readonly cidr4: string;
    readonly cidr6: string;
    /** A list of prefix-list IDs, or a single one. */
    readonly prefixLists?: string;
    readonly prefixList?: string;
    /** A list of security-group IDs, or a single one. */
    readonly groups?: string;
    readonly group?: string;
    /** The shape has no `self` flag. */
    readonly noSelf?: boolean;
}

/** One canonical rule per peer of a rule. */
function peersOf(resource: ResourceRef, base: RuleBase, item: Field, fields: PeerFields): SgRule[] {
    const rulePath = item.path;
    const rules: SgRule[] = [];
    const add = (path: string, via: PeerField, peer: Maybe<Peer>) => rules.push(makeRule(resource, base, rulePath, path, via, peer));

    const eachOf = (name: string, single: boolean, via: PeerField, make: (v: Field) => Maybe<Peer>, kindWhenUnknown?: (u: Undetermined) => Peer) => {
        const field = child(item, name);
        const list = single ? (field.state === "absent" ? [] : [field]) : elements(field);
        if (isUndetermined(list)) {
            add(list.path, via, list.undetermined === "unknown" && kindWhenUnknown ? kindWhenUnknown(list) : list);
            return;
        }
        for (const f of list) {
            add(f.path, via, f.state === "unknown" && kindWhenUnknown ? kindWhenUnknown(unknownAt(f.path)) : make(f));
        }
    };
    const cidrPeer = (family: Family) => (f: Field): Maybe<Peer> => {
        const text = str(f);
        if (isUndetermined(text)) {
            return text;
        }
        if (text === undefined) {
            return invalidAt(f.path, `${f.path} is empty: a CIDR block is needed`);
        }
        const cidr = parseCidr(text, family);
        return cidr ? { kind: "cidr", cidr } : invalidAt(f.path, `invalid ${family === 4 ? "IPv4" : "IPv6"} CIDR ${describe(text)} in ${f.path}`);
    };
    const idPeer = (kind: "security-group" | "prefix-list") => (f: Field): Maybe<Peer> => {
        const id = str(f);
        if (id === undefined || id === "") {
            const what = kind === "security-group" ? "a security-group reference" : "a prefix-list reference";
            return invalidAt(f.path, `${f.path} is empty: ${what} needs an ID`);
        }
        return isUndetermined(id) && id.undetermined === "invalid" ? id : { kind, id };
    };

    eachOf(fields.cidr4, fields.cidr4 === "cidrIpv4", "cidr4", cidrPeer(4));
    eachOf(fields.cidr6, fields.cidr6 === "cidrIpv6", "cidr6", cidrPeer(6));
    const prefixName = fields.prefixLists ?? fields.prefixList;
    if (prefixName) {
        eachOf(prefixName, fields.prefixList !== undefined, "prefix-list", idPeer("prefix-list"), (u) => ({ kind: "prefix-list", id: u }));
    }
    const groupName = fields.groups ?? fields.group;
    if (groupName) {
        eachOf(groupName, fields.group !== undefined, "security-group", idPeer("security-group"), (u) => ({ kind: "security-group", id: u }));
    }
    if (!fields.noSelf) {
        const selfField = child(item, "self");
        const self = bool(selfField);
        if (self === true || (isUndetermined(self) && self.undetermined === "unknown")) {
            // An unknown flag is taken as set: self is never the world nor a CIDR, so no finding
            // about addresses can come of it, and a rule without it may have no peer at all.
            add(selfField.path, "self", { kind: "self" });
        } else if (isUndetermined(self)) {
            add(selfField.path, "self", self);
        }
    }
    if (rules.length === 0) {
        const where = rulePath === "" ? "the rule" : rulePath;
        add(rulePath, "none", invalidAt(rulePath, `${where} names no peer: set a CIDR, a prefix list or a security group`));
    }
    return rules;
}

/**
 * The AWS rule a canonical rule stands for: two rules with the same identity are one rule in AWS
 * (for example an inline rule read back from a group's outputs and the standalone resource that
 * created it). Undefined when a part is undetermined. `ownIds` are the IDs of the group the rule
 * belongs to: a reference to one of them is the same rule as `self`.
 */
export function ruleIdentity(r: SgRule, ownIds: ReadonlySet<string> = new Set()): string | undefined {
    const { peer, protocol, ports } = r;
    if (isUndetermined(peer) || isUndetermined(protocol) || isUndetermined(ports)) {
        return undefined;
    }
    let peerKey: string;
    switch (peer.kind) {
        case "cidr":
            peerKey = `cidr:${peer.cidr.family}:${peer.cidr.range.lo}-${peer.cidr.range.hi}`;
            break;
        case "self":
            peerKey = "self";
            break;
        default:
            if (isUndetermined(peer.id)) {
                return undefined;
            }
            // AWS reads a reference to the group itself back as `self`.
            peerKey = peer.kind === "security-group" && ownIds.has(peer.id) ? "self" : `${peer.kind}:${peer.id}`;
    }
    const proto = protocol.kind === "number" ? `${protocol.number}` : protocol.kind;
    return `${r.direction}|${proto}|${ports === null ? "-" : `${ports.from}-${ports.to}`}|${peerKey}`;
}
