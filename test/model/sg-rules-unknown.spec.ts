import { ALL, TCP } from "../../policies/net/protocol";
import { ALL_PORTS } from "../../policies/net/ports";
import {
    Case, SELF, SG, SG_RULE, UNKNOWN_ARRAY, UNKNOWN_BOOL, UNKNOWN_NUMBER, VPC_EGRESS, VPC_INGRESS, base, describeCases, group, ok0, okRule,
    ports, prefixList, ruleOf, sgSet, standalone, tcp22, unknown, unreadable, v4, withIngress,
} from "./sg-rules-fixtures";
import { UNKNOWN } from "../util/run-policy";

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

describe("model/sg-rules: securityGroupRules", () => {
    describeCases("unknown values", unknowns);
    describeCases("other resources", others);
});
