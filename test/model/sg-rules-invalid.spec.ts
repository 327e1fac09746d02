import * as assert from "assert";
import { TCP, UDP } from "../../policies/net/protocol";
import {
    Case, SG, SG_RULE, VPC_INGRESS, base, describeCases, invalid, ok0, okRule, ports, read, ruleOf, sgSet, standalone, tcp22, unreadable, v4,
    withIngress,
} from "./sg-rules-fixtures";

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

describe("model/sg-rules: securityGroupRules", () => {
    describeCases("invalid values", invalidValues);

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
