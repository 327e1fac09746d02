import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgEgressRestricted } from "../../policies/sg/egress-restricted";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { classic, headsOf, inline, Props, sg, vpcRule } from "../util/shapes";

const policy = sgEgressRestricted as ResourceValidationPolicy;
const run = headsOf(policy);

describe("sg-egress-restricted", () => {
    it("flags all-traffic egress to 0.0.0.0/0 with the full message, at advisory level", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([], [inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/0"] })])), [{
            level: "advisory",
            message: "egress[0].cidrBlocks[0] allows all traffic (every protocol and port) to 0.0.0.0/0 (every IPv4 " +
                "address), which is egress to the whole internet beyond the allowed ports. Unrestricted egress lets " +
                "malware call home and data leave on any port. Fix: Limit egress to the internet to the ports the " +
                "workload needs (HTTPS 443 by default), and reach other destinations by security-group reference, a " +
                "prefix list or a VPC endpoint. A group with no egress rules at all is fine: pulumi-aws removes AWS's " +
                "default allow-all rule.",
        }]);
    });

    const cases: [string, { type: string; props: Props }, string[], Props?][] = [
        ["passes a group with no egress at all", sg([], []), []],
        ["passes tcp 443 to the world", sg([], [inline("tcp", 443, 443, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] })]), []],
        ["flags tcp on all ports to ::/0",
            sg([], [inline("tcp", 0, 65535, { ipv6CidrBlocks: ["::/0"] })]),
            ["advisory: egress[0].ipv6CidrBlocks[0] allows TCP on all ports to ::/0 (every IPv6 address), which is egress to the whole internet beyond the allowed ports"]],
        ["flags tcp 80 to the world",
            sg([], [inline("tcp", 80, 80, { cidrBlocks: ["0.0.0.0/0"] })]),
            ["advisory: egress[0].cidrBlocks[0] allows TCP port 80 to 0.0.0.0/0 (every IPv4 address), which is egress to the whole internet beyond the allowed ports"]],
        ["passes udp 53 when allowed by config",
            sg([], [inline("udp", 53, 53, { cidrBlocks: ["0.0.0.0/0"] })]), [], { allowedUdpPorts: [53] }],
        ["flags icmp to the world", sg([], [inline("icmp", -1, -1, { cidrBlocks: ["0.0.0.0/0"] })]),
            ["advisory: egress[0].cidrBlocks[0] allows ICMP to 0.0.0.0/0 (every IPv4 address), which is egress to the whole internet beyond the allowed ports"]],
        ["passes all traffic to an SG reference and to a private CIDR",
            sg([], [inline("-1", 0, 0, { securityGroups: ["sg-db"], cidrBlocks: ["10.0.0.0/8"] })]), []],
        ["flags split-world egress blocks", sg([], [inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] })]),
            ["advisory: egress[0].cidrBlocks[0] (0.0.0.0/1) and egress[0].cidrBlocks[1] (128.0.0.0/1) together cover every IPv4 address on TCP ports 0-442 and 444-65535, UDP on all ports and every protocol other than TCP and UDP: egress[0].cidrBlocks[0] allows all traffic (every protocol and port) to 0.0.0.0/1; egress[0].cidrBlocks[1] allows all traffic (every protocol and port) to 128.0.0.0/1, which is egress to the whole internet beyond the allowed ports"]],
        ["flags an egress ec2.SecurityGroupRule", classic("egress", "-1", 0, 0, { cidrBlocks: ["0.0.0.0/0"] }),
            ["advisory: cidrBlocks[0] allows all traffic (every protocol and port) to 0.0.0.0/0 (every IPv4 address), which is egress to the whole internet beyond the allowed ports"]],
        ["flags a vpc.SecurityGroupEgressRule", vpcRule("egress", "-1", undefined, { cidrIpv4: "0.0.0.0/0" }),
            ["advisory: cidrIpv4 allows all traffic (every protocol and port) to 0.0.0.0/0 (every IPv4 address), which is egress to the whole internet beyond the allowed ports"]],
        ["ignores ingress", sg([inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/0"] })], []), []],
        ["passes halves on different protocols (TCP 53 to 0.0.0.0/1, UDP 53 to 128.0.0.0/1): the world on nothing",
            sg([], [inline("tcp", 53, 53, { cidrBlocks: ["0.0.0.0/1"] }), inline("udp", 53, 53, { cidrBlocks: ["128.0.0.0/1"] })]), []],
        ["flags an all-protocol half and an ICMP half on exactly ICMP",
            sg([], [inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/1"] }), inline("icmp", -1, -1, { cidrBlocks: ["128.0.0.0/1"] })]),
            ["advisory: egress[0].cidrBlocks[0] (0.0.0.0/1) and egress[1].cidrBlocks[0] (128.0.0.0/1) together cover every IPv4 address on ICMP: egress[0].cidrBlocks[0] allows all traffic (every protocol and port) to 0.0.0.0/1; egress[1].cidrBlocks[0] allows ICMP to 128.0.0.0/1, which is egress to the whole internet beyond the allowed ports"]],
        ["notes an unknown egress CIDR", sg([], [inline("-1", 0, 0, { cidrBlocks: [UNKNOWN] })]),
            ["advisory: Cannot be verified at preview: egress[0].cidrBlocks[0] is not known until the resource is created"]],
    ];
    for (const [name, resource, expected, config] of cases) {
        it(name, () => assert.deepStrictEqual(run(resource, config), expected));
    }
});
