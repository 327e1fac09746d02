import { ALL_PORTS } from "../../policies/net/ports";
import { ALL, ICMP, ICMPV6, TCP, UDP } from "../../policies/net/protocol";
import {
    Case, DEFAULT_SG, SELF, SG, SG_RULE, VPC_EGRESS, VPC_INGRESS, base, describeCases, group, invalid, onePeer, ports, prefixList, ruleOf,
    sgSet, standalone, v4, v6,
} from "./sg-rules-fixtures";

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
    onePeer("reads a vpc SecurityGroupIngressRule with cidrIpv4", VPC_INGRESS,
        { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8", securityGroupId: "sg-0123", description: "ssh" }, base("ingress", TCP, ports(22), "ssh"), "cidrIpv4", v4("10.0.0.0/8")),
    onePeer("reads a vpc SecurityGroupIngressRule with cidrIpv6", VPC_INGRESS,
        { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0", securityGroupId: "sg-0123" }, base("ingress", TCP, ports(443)), "cidrIpv6", v6("::/0")),
    onePeer("reads a vpc SecurityGroupIngressRule with prefixListId", VPC_INGRESS,
        { ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-9", securityGroupId: "sg-0123" }, base("ingress", TCP, ports(443)), "prefixListId", prefixList("pl-9")),
    onePeer("reads a vpc SecurityGroupIngressRule with referencedSecurityGroupId", VPC_INGRESS,
        { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: "sg-app", securityGroupId: "sg-0123" }, base("ingress", TCP, ports(5432)), "referencedSecurityGroupId", group("sg-app")),
    onePeer("reads a vpc SecurityGroupEgressRule with ipProtocol '-1' and no ports as all ports", VPC_EGRESS,
        { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", securityGroupId: "sg-0123" }, base("egress", ALL, ALL_PORTS), "cidrIpv4", v4("0.0.0.0/0")),
    onePeer("reads a vpc rule's ICMP type and code as no ports", VPC_INGRESS,
        { ipProtocol: "icmp", fromPort: 8, toPort: -1, cidrIpv4: "10.0.0.0/8", securityGroupId: "sg-0123" }, base("ingress", ICMP, null), "cidrIpv4", v4("10.0.0.0/8")),
    {
        name: "gives a vpc rule with two peers one rule per peer",
        type: VPC_INGRESS,
        props: { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.0.0.0/8", cidrIpv6: "fd00::/8", securityGroupId: "sg-0123" },
        expected: standalone([
            ruleOf(VPC_INGRESS, base("ingress", TCP, ports(80)), "")("cidrIpv4", v4("10.0.0.0/8")),
            ruleOf(VPC_INGRESS, base("ingress", TCP, ports(80)), "")("cidrIpv6", v6("fd00::/8")),
        ]),
    },
    onePeer("ignores self on a vpc rule, which has no such field, so the rule has no peer", VPC_INGRESS,
        { ipProtocol: "tcp", fromPort: 22, toPort: 22, self: true, securityGroupId: "sg-0123" }, base("ingress", TCP, ports(22)), "", invalid("", "the rule names no peer: set a CIDR, a prefix list or a security group")),
];

describe("model/sg-rules: securityGroupRules", () => {
    describeCases("shapes", shapes);
});
