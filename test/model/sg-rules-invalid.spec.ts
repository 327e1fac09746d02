import * as assert from "assert";
import { Protocol, TCP, UDP } from "../../policies/net/protocol";
import {
    Case, Props, SG, SG_RULE, VPC_INGRESS, base, describeCases, invalid, ok0, okRule, ports, read, ruleOf, sgSet, standalone, tcp22, unreadable, v4,
    withIngress,
} from "./sg-rules-fixtures";

/** An inline rule from 10.0.0.0/8 whose ports cannot be read, and the one rule it gives: its ports invalid at `path`. */
const badPorts = (name: string, rule: Props, protocol: Protocol, path: string, reason: string): Case => ({
    name, type: SG, props: withIngress({ ...rule, cidrBlocks: ["10.0.0.0/8"] }),
    expected: sgSet([ruleOf(SG, base("ingress", protocol, invalid(path, reason)), "ingress[0]")("ingress[0].cidrBlocks[0]", v4("10.0.0.0/8"))], "d"),
});

/** An inline TCP port 22 rule whose one peer cannot be read, and the one rule it gives: that peer invalid at `path`. */
const badPeer = (name: string, peers: Props, path: string, reason: string): Case => ({
    name, type: SG, props: withIngress({ protocol: "tcp", fromPort: 22, toPort: 22, ...peers }),
    expected: sgSet([ruleOf(SG, tcp22, "ingress[0]")(path, invalid(path, reason))], "d"),
});

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
    badPorts("reports a negative port", { protocol: "tcp", fromPort: -1, toPort: 22 }, TCP,
        "ingress[0].fromPort", "port -1 in ingress[0].fromPort is outside 0-65535"),
    badPorts("reports a port above 65535", { protocol: "udp", fromPort: 1, toPort: 65536 }, UDP,
        "ingress[0].toPort", "port 65536 in ingress[0].toPort is outside 0-65535"),
    badPorts("reports fromPort greater than toPort", { protocol: "tcp", fromPort: 23, toPort: 22 }, TCP,
        "ingress[0].fromPort", "ingress[0].fromPort (23) is greater than ingress[0].toPort (22)"),
    badPorts("reports a missing toPort on a TCP rule", { protocol: "tcp", fromPort: 22 }, TCP,
        "ingress[0].toPort", "ingress[0].toPort is missing: a TCP or UDP rule needs a port range"),
    badPorts("reports a non-integer port", { protocol: "tcp", fromPort: 22.5, toPort: 23 }, TCP,
        "ingress[0].fromPort", "port 22.5 in ingress[0].fromPort is outside 0-65535"),
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
        name: "reports a null element where a rule object belongs as nothing",
        type: SG,
        props: withIngress(null, okRule),
        expected: sgSet([
            unreadable(SG, "ingress", invalid("ingress[0]", "ingress[0] should be a rule object, got nothing")),
            ruleOf(SG, tcp22, "ingress[1]")("ingress[1].cidrBlocks[0]", v4("10.0.0.0/8")),
        ], "d"),
    },
    {
        name: "reports a list where a rule object belongs",
        type: SG,
        props: withIngress([okRule]),
        expected: sgSet([unreadable(SG, "ingress", invalid("ingress[0]", "ingress[0] should be a rule object, got a list"))], "d"),
    },
    badPorts("reports fromPort: 'abc' as an invalid number", { protocol: "tcp", fromPort: "abc", toPort: 22 }, TCP,
        "ingress[0].fromPort", "ingress[0].fromPort should be a number, got 'abc'"),
    badPeer("reports cidrBlocks: '10.0.0.0/8' (a string, not a list) as an invalid peer", { cidrBlocks: "10.0.0.0/8" },
        "ingress[0].cidrBlocks", "ingress[0].cidrBlocks should be a list, got '10.0.0.0/8'"),
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
        const why = invalid("ingress[0].protocol", "ingress[0].protocol should be a string, got true");
        return {
            name: "reports a protocol that is neither a string nor a number as of the wrong type",
            type: SG,
            props: withIngress({ protocol: true, fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
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
    badPeer("reports self: 'yes' as an invalid peer", { self: "yes" },
        "ingress[0].self", "ingress[0].self should be true or false, got 'yes'"),
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
    badPeer("reports a null CIDR element as invalid", { cidrBlocks: [null] },
        "ingress[0].cidrBlocks[0]", "ingress[0].cidrBlocks[0] is empty: a CIDR block is needed"),
    badPeer("reports an empty security-group ID as invalid", { securityGroups: [""] },
        "ingress[0].securityGroups[0]", "ingress[0].securityGroups[0] is empty: a security-group reference needs an ID"),
    badPeer("reports a null prefix-list element as invalid", { prefixListIds: [null] },
        "ingress[0].prefixListIds[0]", "ingress[0].prefixListIds[0] is empty: a prefix-list reference needs an ID"),
    badPeer("reports a security-group ID that is not a string as invalid (not as a group of that ID)", { securityGroups: [42] },
        "ingress[0].securityGroups[0]", "ingress[0].securityGroups[0] should be a string, got 42"),
    badPeer("reports securityGroups that is not a list as invalid (not as a group whose ID is undetermined)", { securityGroups: "sg-1" },
        "ingress[0].securityGroups", "ingress[0].securityGroups should be a list, got 'sg-1'"),
];

describe("model/sg-rules: securityGroupRules", () => {
    describeCases("invalid values", invalidValues);

    it("reports a null securityGroups element as an invalid peer", () => {
        const c = badPeer("null group", { securityGroups: [null] },
            "ingress[0].securityGroups[0]", "ingress[0].securityGroups[0] is empty: a security-group reference needs an ID");
        assert.deepStrictEqual(read(c, true), c.expected);
    });
});
