import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { Cidr, Family, parseCidr } from "../../policies/net/cidr";
import { ALL_PORTS, PortRange } from "../../policies/net/ports";
import { ALL, ICMP, ICMPV6, Protocol, TCP, UDP } from "../../policies/net/protocol";
import { Direction, Peer, PeerField, SgRule, SgRuleSet, securityGroupRules } from "../../policies/model/sg-rules";
import { Maybe, Undetermined } from "../../policies/model/values";
import { UNKNOWN } from "../util/run-policy";
import { TYPE } from "../util/types";

const SG = TYPE.sg;
const DEFAULT_SG = TYPE.defaultSg;
const SG_RULE = TYPE.sgRule;
const VPC_INGRESS = TYPE.vpcIngress;
const VPC_EGRESS = TYPE.vpcEgress;
const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
const UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
const NAME = "web";

type Props = Record<string, unknown>;

const urnOf = (type: string) => `urn:pulumi:test::test::${type}::${NAME}`;

// ---- expected values -------------------------------------------------------------------------

function unknown(path: string): Undetermined {
    return { undetermined: "unknown", path, reason: `${path} is not known until the resource is created` };
}
function invalid(path: string, reason: string): Undetermined {
    return { undetermined: "invalid", path, reason };
}
function block(text: string, family: Family): Cidr {
    const c = parseCidr(text, family);
    assert.ok(c, `test setup: ${text} should be an IPv${family} CIDR`);
    return c;
}
const v4 = (text: string): Peer => ({ kind: "cidr", cidr: block(text, 4) });
const v6 = (text: string): Peer => ({ kind: "cidr", cidr: block(text, 6) });
const group = (id: Maybe<string>): Peer => ({ kind: "security-group", id });
const prefixList = (id: Maybe<string>): Peer => ({ kind: "prefix-list", id });
const SELF: Peer = { kind: "self" };
const ports = (from: number, to = from): PortRange => ({ from, to });

interface Base {
    readonly direction: Direction;
    readonly protocol: Maybe<Protocol>;
    readonly ports: Maybe<PortRange | null>;
    readonly description: Maybe<string | undefined>;
}
const base = (direction: Direction, protocol: Maybe<Protocol>, p: Maybe<PortRange | null>, description?: Maybe<string>): Base =>
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
function ruleOf(type: string, b: Base, rulePath: string): (peerPath: string, peer: Maybe<Peer>) => SgRule {
    return (peerPath, peer) => ({ ...b, via: viaOf(peerPath), peer, origin: { urn: urnOf(type), name: NAME, type, rulePath, peerPath } });
}

/** A rule that could not be read at all: every part undetermined for one reason. */
function unreadable(type: string, direction: Direction, why: Undetermined): SgRule {
    return ruleOf(type, base(direction, why, why, why), why.path)(why.path, why);
}

const sgSet = (rules: SgRule[], groupDescription?: Maybe<string | undefined>): SgRuleSet => ({ rules, groupDescription });
const standalone = (rules: SgRule[], securityGroupId: Maybe<string | undefined> = "sg-0123"): SgRuleSet => ({ rules, securityGroupId });

// ---- the cases -------------------------------------------------------------------------------

interface Case {
    readonly name: string;
    readonly type: string;
    readonly props: Props;
    readonly expected: SgRuleSet | undefined;
}

const tcp443 = base("ingress", TCP, ports(443), "https");

const shapes: Case[] = [
    (() => {
        const r = ruleOf(SG, tcp443, "ingress[0]");
        return {
            name: "gives one rule per peer of an inline rule, and self never hides the other peers",
            type: SG,
            props: {
                description: "web tier",
                ingress: [{
                    protocol: "tcp", fromPort: 443, toPort: 443, description: "https",
                    cidrBlocks: ["10.0.0.0/8", "192.168.0.0/16"], ipv6CidrBlocks: ["2001:db8::/32"],
                    prefixListIds: ["pl-123"], securityGroups: ["sg-aaa"], self: true,
                }],
                egress: [],
            },
            expected: sgSet([
                r("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8")),
                r("ingress[0].cidrBlocks[1]", v4("192.168.0.0/16")),
                r("ingress[0].ipv6CidrBlocks[0]", v6("2001:db8::/32")),
                r("ingress[0].prefixListIds[0]", prefixList("pl-123")),
                r("ingress[0].securityGroups[0]", group("sg-aaa")),
                r("ingress[0].self", SELF),
            ], "web tier"),
        };
    })(),
    {
        name: "gives a self-only inline rule one self rule",
        type: SG,
        props: { description: "d", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, self: true }] },
        expected: sgSet([ruleOf(SG, base("ingress", TCP, ports(22)), "ingress[0]")("ingress[0].self", SELF)], "d"),
    },
    {
        name: "ignores self: false and keeps the CIDR",
        type: SG,
        props: { description: "d", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, self: false, cidrBlocks: ["10.0.0.0/8"] }] },
        expected: sgSet([ruleOf(SG, base("ingress", TCP, ports(22)), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"))], "d"),
    },
    {
        name: "reads protocol spellings: '-1' with ports 0-0 is all ports, 'icmp' has no ports, '6' is TCP, port 0 stays 0",
        type: SG,
        props: {
            description: "d",
            ingress: [
                { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] },
                { protocol: "icmp", fromPort: 8, toPort: 0, cidrBlocks: ["10.0.0.0/8"] },
                { protocol: "6", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
                { protocol: "tcp", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] },
                { protocol: 17, fromPort: 53, toPort: 53, cidrBlocks: ["10.0.0.0/8"] },
                { protocol: "all", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
                { protocol: "58", fromPort: -1, toPort: -1, ipv6CidrBlocks: ["::/0"] },
                { protocol: "47", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] },
                { protocol: "TCP", fromPort: "5985", toPort: "5986", cidrBlocks: ["10.0.0.0/8"] },
                { protocol: "udp", fromPort: 0, toPort: 65535, cidrBlocks: ["10.0.0.0/8"] },
            ],
        },
        expected: sgSet([
            ruleOf(SG, base("ingress", ALL, ALL_PORTS), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8")),
            ruleOf(SG, base("ingress", ICMP, null), "ingress[1]")("ingress[1].cidrBlocks[0]", v4("10.0.0.0/8")),
            ruleOf(SG, base("ingress", TCP, ports(22)), "ingress[2]")("ingress[2].cidrBlocks[0]", v4("10.0.0.0/8")),
            ruleOf(SG, base("ingress", TCP, ports(0)), "ingress[3]")("ingress[3].cidrBlocks[0]", v4("10.0.0.0/8")),
            ruleOf(SG, base("ingress", UDP, ports(53)), "ingress[4]")("ingress[4].cidrBlocks[0]", v4("10.0.0.0/8")),
            ruleOf(SG, base("ingress", ALL, ALL_PORTS), "ingress[5]")("ingress[5].cidrBlocks[0]", v4("10.0.0.0/8")),
            ruleOf(SG, base("ingress", ICMPV6, null), "ingress[6]")("ingress[6].ipv6CidrBlocks[0]", v6("::/0")),
            ruleOf(SG, base("ingress", { kind: "number", number: 47 }, null), "ingress[7]")("ingress[7].cidrBlocks[0]", v4("10.0.0.0/8")),
            ruleOf(SG, base("ingress", TCP, ports(5985, 5986)), "ingress[8]")("ingress[8].cidrBlocks[0]", v4("10.0.0.0/8")),
            ruleOf(SG, base("ingress", UDP, ALL_PORTS), "ingress[9]")("ingress[9].cidrBlocks[0]", v4("10.0.0.0/8")),
        ], "d"),
    },
    {
        name: "reads inline egress rules after the ingress rules",
        type: SG,
        props: {
            description: "d",
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "out" }],
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, description: "https", cidrBlocks: ["0.0.0.0/0"] }],
        },
        expected: sgSet([
            ruleOf(SG, tcp443, "ingress[0]")("ingress[0].cidrBlocks[0]", v4("0.0.0.0/0")),
            ruleOf(SG, base("egress", ALL, ALL_PORTS, "out"), "egress[0]")("egress[0].cidrBlocks[0]", v4("0.0.0.0/0")),
            ruleOf(SG, base("egress", ALL, ALL_PORTS, "out"), "egress[0]")("egress[0].ipv6CidrBlocks[0]", v6("::/0")),
        ], "d"),
    },
    {
        name: "gives a SecurityGroup without rules or description no rules and an undefined description",
        type: SG,
        props: {},
        expected: sgSet([], undefined),
    },
    {
        name: "reads a DefaultSecurityGroup's rules, with no group description even if one is in the props",
        type: DEFAULT_SG,
        props: {
            description: "ignored",
            ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        },
        expected: sgSet([
            ruleOf(DEFAULT_SG, base("ingress", ALL, ALL_PORTS), "ingress[0]")("ingress[0].self", SELF),
            ruleOf(DEFAULT_SG, base("egress", ALL, ALL_PORTS), "egress[0]")("egress[0].cidrBlocks[0]", v4("0.0.0.0/0")),
        ], undefined),
    },
    (() => {
        const r = ruleOf(SG_RULE, base("ingress", TCP, ports(22), "ssh"), "");
        return {
            name: "reads an ingress SecurityGroupRule with CIDRs, IPv6 CIDRs and prefix lists, one rule per peer",
            type: SG_RULE,
            props: {
                type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, description: "ssh", securityGroupId: "sg-0123",
                cidrBlocks: ["10.0.0.0/8", "172.16.0.0/12"], ipv6CidrBlocks: ["fd00::/8"], prefixListIds: ["pl-1", "pl-2"],
            },
            expected: standalone([
                r("cidrBlocks[0]", v4("10.0.0.0/8")),
                r("cidrBlocks[1]", v4("172.16.0.0/12")),
                r("ipv6CidrBlocks[0]", v6("fd00::/8")),
                r("prefixListIds[0]", prefixList("pl-1")),
                r("prefixListIds[1]", prefixList("pl-2")),
            ]),
        };
    })(),
    {
        name: "reads an egress SecurityGroupRule with a source security group",
        type: SG_RULE,
        props: { type: "egress", protocol: "udp", fromPort: 53, toPort: 53, securityGroupId: "sg-0123", sourceSecurityGroupId: "sg-dns" },
        expected: standalone([ruleOf(SG_RULE, base("egress", UDP, ports(53)), "")("sourceSecurityGroupId", group("sg-dns"))]),
    },
    {
        name: "reads a SecurityGroupRule with self: true",
        type: SG_RULE,
        props: { type: "ingress", protocol: "-1", fromPort: 0, toPort: 0, securityGroupId: "sg-0123", self: true },
        expected: standalone([ruleOf(SG_RULE, base("ingress", ALL, ALL_PORTS), "")("self", SELF)]),
    },
    {
        name: "returns the SecurityGroupRule's securityGroupId, undefined when absent",
        type: SG_RULE,
        props: { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
        expected: { rules: [ruleOf(SG_RULE, base("ingress", TCP, ports(22)), "")("cidrBlocks[0]", v4("10.0.0.0/8"))], securityGroupId: undefined },
    },
    (() => {
        const why = invalid("type", "type should be 'ingress' or 'egress', got 'sideways'");
        return {
            name: "reads a SecurityGroupRule of an invalid type as both directions with an invalid protocol and ports",
            type: SG_RULE,
            props: { type: "sideways", protocol: "tcp", fromPort: 22, toPort: 22, securityGroupId: "sg-0123", cidrBlocks: ["0.0.0.0/0"] },
            expected: standalone([
                ruleOf(SG_RULE, base("ingress", why, why), "")("cidrBlocks[0]", v4("0.0.0.0/0")),
                ruleOf(SG_RULE, base("egress", why, why), "")("cidrBlocks[0]", v4("0.0.0.0/0")),
            ]),
        };
    })(),
    (() => {
        const why = invalid("type", "type should be 'ingress' or 'egress', got undefined");
        return {
            name: "reads a SecurityGroupRule without a type as both directions with an invalid protocol and ports",
            type: SG_RULE,
            props: { protocol: "tcp", fromPort: 22, toPort: 22, securityGroupId: "sg-0123", cidrBlocks: ["0.0.0.0/0"] },
            expected: standalone([
                ruleOf(SG_RULE, base("ingress", why, why), "")("cidrBlocks[0]", v4("0.0.0.0/0")),
                ruleOf(SG_RULE, base("egress", why, why), "")("cidrBlocks[0]", v4("0.0.0.0/0")),
            ]),
        };
    })(),
    {
        name: "reads a vpc SecurityGroupIngressRule with cidrIpv4",
        type: VPC_INGRESS,
        props: { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8", securityGroupId: "sg-0123", description: "ssh" },
        expected: standalone([ruleOf(VPC_INGRESS, base("ingress", TCP, ports(22), "ssh"), "")("cidrIpv4", v4("10.0.0.0/8"))]),
    },
    {
        name: "reads a vpc SecurityGroupIngressRule with cidrIpv6",
        type: VPC_INGRESS,
        props: { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0", securityGroupId: "sg-0123" },
        expected: standalone([ruleOf(VPC_INGRESS, base("ingress", TCP, ports(443)), "")("cidrIpv6", v6("::/0"))]),
    },
    {
        name: "reads a vpc SecurityGroupIngressRule with prefixListId",
        type: VPC_INGRESS,
        props: { ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-9", securityGroupId: "sg-0123" },
        expected: standalone([ruleOf(VPC_INGRESS, base("ingress", TCP, ports(443)), "")("prefixListId", prefixList("pl-9"))]),
    },
    {
        name: "reads a vpc SecurityGroupIngressRule with referencedSecurityGroupId",
        type: VPC_INGRESS,
        props: { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: "sg-app", securityGroupId: "sg-0123" },
        expected: standalone([ruleOf(VPC_INGRESS, base("ingress", TCP, ports(5432)), "")("referencedSecurityGroupId", group("sg-app"))]),
    },
    {
        name: "reads a vpc SecurityGroupEgressRule with ipProtocol '-1' and no ports as all ports",
        type: VPC_EGRESS,
        props: { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", securityGroupId: "sg-0123" },
        expected: standalone([ruleOf(VPC_EGRESS, base("egress", ALL, ALL_PORTS), "")("cidrIpv4", v4("0.0.0.0/0"))]),
    },
    {
        name: "reads a vpc rule's ICMP type and code as no ports",
        type: VPC_INGRESS,
        props: { ipProtocol: "icmp", fromPort: 8, toPort: -1, cidrIpv4: "10.0.0.0/8", securityGroupId: "sg-0123" },
        expected: standalone([ruleOf(VPC_INGRESS, base("ingress", ICMP, null), "")("cidrIpv4", v4("10.0.0.0/8"))]),
    },
    {
        name: "gives a vpc rule with two peers one rule per peer",
        type: VPC_INGRESS,
        props: { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.0.0.0/8", cidrIpv6: "fd00::/8", securityGroupId: "sg-0123" },
        expected: standalone([
            ruleOf(VPC_INGRESS, base("ingress", TCP, ports(80)), "")("cidrIpv4", v4("10.0.0.0/8")),
            ruleOf(VPC_INGRESS, base("ingress", TCP, ports(80)), "")("cidrIpv6", v6("fd00::/8")),
        ]),
    },
    {
        name: "ignores self on a vpc rule, which has no such field, so the rule has no peer",
        type: VPC_INGRESS,
        props: { ipProtocol: "tcp", fromPort: 22, toPort: 22, self: true, securityGroupId: "sg-0123" },
        expected: standalone([ruleOf(VPC_INGRESS, base("ingress", TCP, ports(22)), "")("", invalid("", "the rule names no peer: set a CIDR, a prefix list or a security group"))]),
    },
];

const tcp22 = base("ingress", TCP, ports(22));
const okRule = { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] };
const ok0 = ruleOf(SG, tcp22, "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"));
const withIngress = (...ingress: unknown[]): Props => ({ description: "d", ingress });

const invalidValues: Case[] = [
    {
        name: "reports an invalid CIDR with its path, and keeps the valid rule before it",
        type: SG,
        props: withIngress(okRule, { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.300/16"] }),
        expected: sgSet([
            ok0,
            ruleOf(SG, tcp22, "ingress[1]")("ingress[1].cidrBlocks[0]", invalid("ingress[1].cidrBlocks[0]", "invalid IPv4 CIDR '10.0.0.300/16' in ingress[1].cidrBlocks[0]")),
        ], "d"),
    },
    {
        name: "reports an IPv6 block in cidrBlocks and an IPv4 block in ipv6CidrBlocks as invalid",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["::/0"], ipv6CidrBlocks: ["0.0.0.0/0"] }),
        expected: sgSet([
            ruleOf(SG, tcp22, "ingress[0]")("ingress[0].cidrBlocks[0]", invalid("ingress[0].cidrBlocks[0]", "invalid IPv4 CIDR '::/0' in ingress[0].cidrBlocks[0]")),
            ruleOf(SG, tcp22, "ingress[0]")("ingress[0].ipv6CidrBlocks[0]", invalid("ingress[0].ipv6CidrBlocks[0]", "invalid IPv6 CIDR '0.0.0.0/0' in ingress[0].ipv6CidrBlocks[0]")),
        ], "d"),
    },
    {
        name: "reports a negative port",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: -1, toPort: 22, cidrBlocks: ["10.0.0.0/8"] }),
        expected: sgSet([ruleOf(SG, base("ingress", TCP, invalid("ingress[0].fromPort", "port -1 in ingress[0].fromPort is outside 0-65535")), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"))], "d"),
    },
    {
        name: "reports a port above 65535",
        type: SG,
        props: withIngress({ protocol: "udp", fromPort: 1, toPort: 65536, cidrBlocks: ["10.0.0.0/8"] }),
        expected: sgSet([ruleOf(SG, base("ingress", UDP, invalid("ingress[0].toPort", "port 65536 in ingress[0].toPort is outside 0-65535")), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"))], "d"),
    },
    {
        name: "reports fromPort greater than toPort",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 23, toPort: 22, cidrBlocks: ["10.0.0.0/8"] }),
        expected: sgSet([ruleOf(SG, base("ingress", TCP, invalid("ingress[0].fromPort", "ingress[0].fromPort (23) is greater than ingress[0].toPort (22)")), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"))], "d"),
    },
    {
        name: "reports a missing toPort on a TCP rule",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, cidrBlocks: ["10.0.0.0/8"] }),
        expected: sgSet([ruleOf(SG, base("ingress", TCP, invalid("ingress[0].toPort", "ingress[0].toPort is missing: a TCP or UDP rule needs a port range")), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"))], "d"),
    },
    {
        name: "reports a non-integer port",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22.5, toPort: 23, cidrBlocks: ["10.0.0.0/8"] }),
        expected: sgSet([ruleOf(SG, base("ingress", TCP, invalid("ingress[0].fromPort", "port 22.5 in ingress[0].fromPort is outside 0-65535")), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"))], "d"),
    },
    {
        name: "reports ingress: 'oops' as one unreadable ingress rule",
        type: SG,
        props: { description: "d", ingress: "oops" },
        expected: sgSet([unreadable(SG, "ingress", invalid("ingress", "ingress should be a list, got 'oops'"))], "d"),
    },
    {
        name: "reports a string where a rule object belongs",
        type: SG,
        props: withIngress("x", okRule),
        expected: sgSet([
            unreadable(SG, "ingress", invalid("ingress[0]", "ingress[0] should be a rule object, got 'x'")),
            ruleOf(SG, tcp22, "ingress[1]")("ingress[1].cidrBlocks[0]", v4("10.0.0.0/8")),
        ], "d"),
    },
    {
        name: "reports a list where a rule object belongs",
        type: SG,
        props: withIngress([okRule]),
        expected: sgSet([unreadable(SG, "ingress", invalid("ingress[0]", "ingress[0] should be a rule object, got a list"))], "d"),
    },
    {
        name: "reports fromPort: 'abc' as an invalid number",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: "abc", toPort: 22, cidrBlocks: ["10.0.0.0/8"] }),
        expected: sgSet([ruleOf(SG, base("ingress", TCP, invalid("ingress[0].fromPort", "ingress[0].fromPort should be a number, got 'abc'")), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"))], "d"),
    },
    {
        name: "reports cidrBlocks: '10.0.0.0/8' (a string, not a list) as an invalid peer",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: "10.0.0.0/8" }),
        expected: sgSet([ruleOf(SG, tcp22, "ingress[0]")("ingress[0].cidrBlocks", invalid("ingress[0].cidrBlocks", "ingress[0].cidrBlocks should be a list, got '10.0.0.0/8'"))], "d"),
    },
    {
        name: "reports an inline rule with no peer",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [], description: "lonely" }),
        expected: sgSet([ruleOf(SG, base("ingress", TCP, ports(22), "lonely"), "ingress[0]")("ingress[0]", invalid("ingress[0]", "ingress[0] names no peer: set a CIDR, a prefix list or a security group"))], "d"),
    },
    {
        name: "reports a SecurityGroupRule with no peer",
        type: SG_RULE,
        props: { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, securityGroupId: "sg-0123" },
        expected: standalone([ruleOf(SG_RULE, tcp22, "")("", invalid("", "the rule names no peer: set a CIDR, a prefix list or a security group"))]),
    },
    (() => {
        const why = invalid("ingress[0].protocol", "invalid protocol 'ftp' in ingress[0].protocol");
        return {
            name: "reports the unknown protocol string 'ftp' as an invalid protocol and ports",
            type: SG,
            props: withIngress({ protocol: "ftp", fromPort: 21, toPort: 21, cidrBlocks: ["0.0.0.0/0"] }),
            expected: sgSet([ruleOf(SG, base("ingress", why, why), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("0.0.0.0/0"))], "d"),
        };
    })(),
    (() => {
        const why = invalid("ipProtocol", "ipProtocol is missing: a rule needs a protocol");
        return {
            name: "reports a vpc rule without ipProtocol",
            type: VPC_INGRESS,
            props: { fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0", securityGroupId: "sg-0123" },
            expected: standalone([ruleOf(VPC_INGRESS, base("ingress", why, why), "")("cidrIpv4", v4("0.0.0.0/0"))]),
        };
    })(),
    {
        name: "reports self: 'yes' as an invalid peer",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, self: "yes" }),
        expected: sgSet([ruleOf(SG, tcp22, "ingress[0]")("ingress[0].self", invalid("ingress[0].self", "ingress[0].self should be true or false, got 'yes'"))], "d"),
    },
    {
        name: "reports a description of the wrong type",
        type: SG,
        props: withIngress({ ...okRule, description: 5 }),
        expected: sgSet([ruleOf(SG, base("ingress", TCP, ports(22), invalid("ingress[0].description", "ingress[0].description should be a string, got 5")), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"))], "d"),
    },
    {
        name: "reports a group description of the wrong type",
        type: SG,
        props: { description: ["x"] },
        expected: sgSet([], invalid("description", "description should be a string, got a list")),
    },
    {
        name: "reports a null CIDR element as invalid",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [null] }),
        expected: sgSet([ruleOf(SG, tcp22, "ingress[0]")("ingress[0].cidrBlocks[0]", invalid("ingress[0].cidrBlocks[0]", "ingress[0].cidrBlocks[0] is empty: a CIDR block is needed"))], "d"),
    },
];

const unknowns: Case[] = [
    {
        name: "reads an unknown CIDR element as an unknown peer, next to the known one",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8", UNKNOWN] }),
        expected: sgSet([ok0, ruleOf(SG, tcp22, "ingress[0]")("ingress[0].cidrBlocks[1]", unknown("ingress[0].cidrBlocks[1]"))], "d"),
    },
    {
        name: "reads an unknown securityGroups element as a security-group peer with an undetermined id",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: ["sg-a", UNKNOWN] }),
        expected: sgSet([
            ruleOf(SG, tcp22, "ingress[0]")("ingress[0].securityGroups[0]", group("sg-a")),
            ruleOf(SG, tcp22, "ingress[0]")("ingress[0].securityGroups[1]", group(unknown("ingress[0].securityGroups[1]"))),
        ], "d"),
    },
    {
        name: "reads a wholly unknown securityGroups list as one security-group peer with an undetermined id",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: UNKNOWN_ARRAY }),
        expected: sgSet([ruleOf(SG, tcp22, "ingress[0]")("ingress[0].securityGroups", group(unknown("ingress[0].securityGroups")))], "d"),
    },
    {
        name: "reads an unknown prefixListIds element as a prefix-list peer with an undetermined id",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [UNKNOWN] }),
        expected: sgSet([ruleOf(SG, tcp22, "ingress[0]")("ingress[0].prefixListIds[0]", prefixList(unknown("ingress[0].prefixListIds[0]")))], "d"),
    },
    {
        name: "reads a wholly unknown cidrBlocks list as one unknown peer",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: UNKNOWN_ARRAY }),
        expected: sgSet([ruleOf(SG, tcp22, "ingress[0]")("ingress[0].cidrBlocks", unknown("ingress[0].cidrBlocks"))], "d"),
    },
    {
        name: "reads a wholly unknown ingress list as one unreadable ingress rule, and still reads egress",
        type: SG,
        props: { description: "d", ingress: UNKNOWN_ARRAY, egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] },
        expected: sgSet([
            unreadable(SG, "ingress", unknown("ingress")),
            ruleOf(SG, base("egress", ALL, ALL_PORTS), "egress[0]")("egress[0].cidrBlocks[0]", v4("0.0.0.0/0")),
        ], "d"),
    },
    {
        name: "reads an unknown ingress element as one unreadable rule",
        type: SG,
        props: withIngress(okRule, UNKNOWN),
        expected: sgSet([ok0, unreadable(SG, "ingress", unknown("ingress[1]"))], "d"),
    },
    {
        name: "reads an unknown fromPort as unknown ports of a TCP rule",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: UNKNOWN_NUMBER, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
        expected: sgSet([ruleOf(SG, base("ingress", TCP, unknown("ingress[0].fromPort")), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("0.0.0.0/0"))], "d"),
    },
    {
        name: "reads an unknown protocol as unknown protocol and ports",
        type: SG,
        props: withIngress({ protocol: UNKNOWN, fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
        expected: sgSet([ruleOf(SG, base("ingress", unknown("ingress[0].protocol"), unknown("ingress[0].protocol")), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("0.0.0.0/0"))], "d"),
    },
    {
        name: "reads an unknown self flag as a self peer, never as a rule without a peer",
        type: SG,
        props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, self: UNKNOWN_BOOL }),
        expected: sgSet([ruleOf(SG, tcp22, "ingress[0]")("ingress[0].self", SELF)], "d"),
    },
    {
        name: "reads an unknown description and group description as unknown",
        type: SG,
        props: { description: UNKNOWN, ingress: [{ ...okRule, description: UNKNOWN }] },
        expected: sgSet([ruleOf(SG, base("ingress", TCP, ports(22), unknown("ingress[0].description")), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"))], unknown("description")),
    },
    {
        name: "reads an unknown SecurityGroupRule type as unknown protocol and ports in both directions",
        type: SG_RULE,
        props: { type: UNKNOWN, protocol: "tcp", fromPort: 22, toPort: 22, securityGroupId: "sg-0123", cidrBlocks: ["0.0.0.0/0"] },
        expected: standalone([
            ruleOf(SG_RULE, base("ingress", unknown("type"), unknown("type")), "")("cidrBlocks[0]", v4("0.0.0.0/0")),
            ruleOf(SG_RULE, base("egress", unknown("type"), unknown("type")), "")("cidrBlocks[0]", v4("0.0.0.0/0")),
        ]),
    },
    {
        name: "reads an unknown SecurityGroupRule securityGroupId and sourceSecurityGroupId as unknown",
        type: SG_RULE,
        props: { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, securityGroupId: UNKNOWN, sourceSecurityGroupId: UNKNOWN },
        expected: standalone([ruleOf(SG_RULE, tcp22, "")("sourceSecurityGroupId", group(unknown("sourceSecurityGroupId")))], unknown("securityGroupId")),
    },
    {
        name: "reads an unknown vpc cidrIpv4 as an unknown peer",
        type: VPC_INGRESS,
        props: { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: UNKNOWN, securityGroupId: "sg-0123" },
        expected: standalone([ruleOf(VPC_INGRESS, tcp22, "")("cidrIpv4", unknown("cidrIpv4"))]),
    },
    {
        name: "reads an unknown vpc referencedSecurityGroupId as a security-group peer with an undetermined id",
        type: VPC_EGRESS,
        props: { ipProtocol: "tcp", fromPort: 22, toPort: 22, referencedSecurityGroupId: UNKNOWN, securityGroupId: "sg-0123" },
        expected: standalone([ruleOf(VPC_EGRESS, base("egress", TCP, ports(22)), "")("referencedSecurityGroupId", group(unknown("referencedSecurityGroupId")))]),
    },
    {
        name: "reads an unknown vpc toPort as unknown ports",
        type: VPC_INGRESS,
        props: { ipProtocol: "tcp", fromPort: 22, toPort: UNKNOWN_NUMBER, cidrIpv4: "0.0.0.0/0", securityGroupId: "sg-0123" },
        expected: standalone([ruleOf(VPC_INGRESS, base("ingress", TCP, unknown("toPort")), "")("cidrIpv4", v4("0.0.0.0/0"))]),
    },
];

const others: Case[] = [
    { name: "returns undefined for an unrelated resource type (Instance)", type: "aws:ec2/instance:Instance", props: { ingress: [okRule] }, expected: undefined },
    { name: "returns undefined for a NetworkAcl", type: "aws:ec2/networkAcl:NetworkAcl", props: { ingress: [okRule] }, expected: undefined },
];

function read(c: Case, proxied: boolean): SgRuleSet | undefined {
    return securityGroupRules({ urn: urnOf(c.type), name: NAME, type: c.type, props: proxied ? unknownCheckingProxy(c.props) : c.props });
}

describe("model/sg-rules: securityGroupRules", () => {
    const groups: [string, Case[]][] = [["shapes", shapes], ["invalid values", invalidValues], ["unknown values", unknowns], ["other resources", others]];
    for (const [title, cases] of groups) {
        describe(title, () => {
            for (const c of cases) {
                it(`${c.name} (through unknownCheckingProxy)`, () => assert.deepStrictEqual(read(c, true), c.expected));
                it(`${c.name} (plain props)`, () => assert.deepStrictEqual(read(c, false), c.expected));
            }
        });
    }

    it("reports a null securityGroups element as an invalid peer", () => {
        const c: Case = {
            name: "null group",
            type: SG,
            props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: [null] }),
            expected: sgSet([ruleOf(SG, tcp22, "ingress[0]")("ingress[0].securityGroups[0]",
                invalid("ingress[0].securityGroups[0]", "ingress[0].securityGroups[0] is empty: a security-group reference needs an ID"))], "d"),
        };
        assert.deepStrictEqual(read(c, true), c.expected);
    });
});
