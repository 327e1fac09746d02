/**
 * The vocabulary of the securityGroupRules specs: expected rules written the way the model gives them
 * (one rule per peer, with its origin and paths), and a table of cases read twice, through
 * @pulumi/policy's unknown-checking proxy and from plain props.
 */
import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { Cidr, Family, parseCidr } from "../../policies/net/cidr";
import { PortRange } from "../../policies/net/ports";
import { Protocol, TCP } from "../../policies/net/protocol";
import { Direction, Peer, PeerField, SgRule, SgRuleSet, securityGroupRules } from "../../policies/model/sg-rules";
import { Maybe, Undetermined } from "../../policies/model/values";
import { TYPE } from "../util/types";

export const SG = TYPE.sg;
export const DEFAULT_SG = TYPE.defaultSg;
export const SG_RULE = TYPE.sgRule;
export const VPC_INGRESS = TYPE.vpcIngress;
export const VPC_EGRESS = TYPE.vpcEgress;
export const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
export const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
export const UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
const NAME = "web";

export type Props = Record<string, unknown>;

const urnOf = (type: string) => `urn:pulumi:test::test::${type}::${NAME}`;

// ---- expected values -------------------------------------------------------------------------

export function unknown(path: string): Undetermined {
    return { undetermined: "unknown", path, reason: `${path} is not known until the resource is created` };
}
export function invalid(path: string, reason: string): Undetermined {
    return { undetermined: "invalid", path, reason };
}
function block(text: string, family: Family): Cidr {
    const c = parseCidr(text, family);
    assert.ok(c, `test setup: ${text} should be an IPv${family} CIDR`);
    return c;
}
export const v4 = (text: string): Peer => ({ kind: "cidr", cidr: block(text, 4) });
export const v6 = (text: string): Peer => ({ kind: "cidr", cidr: block(text, 6) });
export const group = (id: Maybe<string>): Peer => ({ kind: "security-group", id });
export const prefixList = (id: Maybe<string>): Peer => ({ kind: "prefix-list", id });
export const SELF: Peer = { kind: "self" };
export const ports = (from: number, to = from): PortRange => ({ from, to });

interface Base {
    readonly direction: Direction;
    readonly protocol: Maybe<Protocol>;
    readonly ports: Maybe<PortRange | null>;
    readonly description: Maybe<string | undefined>;
}
export const base = (direction: Direction, protocol: Maybe<Protocol>, p: Maybe<PortRange | null>, description?: Maybe<string>): Base =>
    ({ direction, protocol, ports: p, description });

/** Which field a peer path names, as the AWS schemas spell them. */
function viaOf(peerPath: string): PeerField {
    const field = /([A-Za-z0-9]+)(\[\d+\])?$/.exec(peerPath)?.[1] ?? "";
    const fields: Record<string, PeerField> = {
        cidrBlocks: "cidr4", cidrIpv4: "cidr4", ipv6CidrBlocks: "cidr6", cidrIpv6: "cidr6",
        prefixListIds: "prefix-list", prefixListId: "prefix-list", securityGroups: "security-group",
        sourceSecurityGroupId: "security-group", referencedSecurityGroupId: "security-group", self: "self",
    };
    return fields[field] ?? "none";
}

/** The expected rules of one AWS rule: call the result once per peer, with the peer's path. */
export function ruleOf(type: string, b: Base, rulePath: string): (peerPath: string, peer: Maybe<Peer>) => SgRule {
    return (peerPath, peer) => ({ ...b, via: viaOf(peerPath), peer, origin: { urn: urnOf(type), name: NAME, type, rulePath, peerPath } });
}

/** A rule that could not be read at all: every part undetermined for one reason. */
export function unreadable(type: string, direction: Direction, why: Undetermined): SgRule {
    return ruleOf(type, base(direction, why, why, why), why.path)(why.path, why);
}

export const sgSet = (rules: SgRule[], groupDescription?: Maybe<string | undefined>): SgRuleSet => ({ rules, groupDescription });
export const standalone = (rules: SgRule[], securityGroupId: Maybe<string | undefined> = "sg-0123"): SgRuleSet => ({ rules, securityGroupId });

// ---- the cases -------------------------------------------------------------------------------

export interface Case {
    readonly name: string;
    readonly type: string;
    readonly props: Props;
    readonly expected: SgRuleSet | undefined;
}

/** A standalone rule resource that names one peer, and the one rule it gives. */
export const onePeer = (name: string, type: string, props: Props, b: Base, peerPath: string, peer: Maybe<Peer>): Case =>
    ({ name, type, props, expected: standalone([ruleOf(type, b, "")(peerPath, peer)]) });

export const tcp22 = base("ingress", TCP, ports(22));
export const okRule = { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] };
export const ok0 = ruleOf(SG, tcp22, "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"));
export const withIngress = (...ingress: unknown[]): Props => ({ description: "d", ingress });

export function read(c: Case, proxied: boolean): SgRuleSet | undefined {
    return securityGroupRules({ urn: urnOf(c.type), name: NAME, type: c.type, props: proxied ? unknownCheckingProxy(c.props) : c.props });
}

/** A describe of cases: each read through unknownCheckingProxy and from plain props, to the same expected rules. */
export function describeCases(title: string, cases: Case[]): void {
    describe(title, () => {
        for (const c of cases) {
            it(`${c.name} (through unknownCheckingProxy)`, () => assert.deepStrictEqual(read(c, true), c.expected));
            it(`${c.name} (plain props)`, () => assert.deepStrictEqual(read(c, false), c.expected));
        }
    });
}
