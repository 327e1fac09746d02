import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgPreferSecurityGroupReferences } from "../../policies/sg/prefer-security-group-references";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { classic, headsOf, inline, Props, sg } from "../util/shapes";

const policy = sgPreferSecurityGroupReferences as ResourceValidationPolicy;
const run = headsOf(policy);

describe("sg-prefer-security-group-references", () => {
    it("flags a VPC-wide /16 with the full message", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 8080, 8080, { cidrBlocks: ["10.0.0.0/16"] })])), [{
            level: "advisory",
            message: "ingress[0].cidrBlocks[0] allows TCP port 8080 from 10.0.0.0/16, a range wider than /24 (IPv4). " +
                "Every host that ever gets an address in it is trusted, so the rule drifts from the workloads it was " +
                "meant for. Fix: Reference the security group of the clients (ALB -> web -> app -> DB) instead of a " +
                "VPC or subnet range, or narrow the block to the hosts that need access.",
        }]);
    });
    const cases: [string, { type: string; props: Props }, string[], Props?][] = [
        ["passes a /24 and a /32", sg([inline("tcp", 80, 80, { cidrBlocks: ["10.0.1.0/24", "10.0.2.7/32"] })]), []],
        ["passes the world, which other policies handle", sg([inline("tcp", 443, 443, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] })]), []],
        ["passes split-world halves, which other policies handle", sg([inline("tcp", 443, 443, { cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] })]), []],
        ["flags halves on different ports, which are no world: each is a wide range",
            sg([inline("tcp", 443, 443, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 8443, 8443, { cidrBlocks: ["128.0.0.0/1"] })]),
            ["advisory: ingress[0].cidrBlocks[0] allows TCP port 443 from 0.0.0.0/1, a range wider than /24 (IPv4)",
                "advisory: ingress[1].cidrBlocks[0] allows TCP port 8443 from 128.0.0.0/1, a range wider than /24 (IPv4)"]],
        ["flags an IPv6 /56", classic("ingress", "tcp", 443, 443, { ipv6CidrBlocks: ["2001:db8::/56"] }),
            ["advisory: ipv6CidrBlocks[0] allows TCP port 443 from 2001:db8::/56, a range wider than /64 (IPv6)"]],
        ["passes an IPv6 /64", classic("ingress", "tcp", 443, 443, { ipv6CidrBlocks: ["2001:db8::/64"] }), []],
        ["passes wide egress (ingress only)", sg([], [inline("tcp", 443, 443, { cidrBlocks: ["10.0.0.0/8"] })]), []],
        ["passes a /20 with ipv4PrefixLength 16", sg([inline("tcp", 80, 80, { cidrBlocks: ["10.0.16.0/20"] })]), [], { ipv4PrefixLength: 16 }],
        ["flags a /20 by default", sg([inline("tcp", 80, 80, { cidrBlocks: ["10.0.16.0/20"] })]),
            ["advisory: ingress[0].cidrBlocks[0] allows TCP port 80 from 10.0.16.0/20, a range wider than /24 (IPv4)"]],
        ["notes an unknown CIDR", sg([inline("tcp", 80, 80, { cidrBlocks: [UNKNOWN] })]),
            ["advisory: Cannot be verified at preview: ingress[0].cidrBlocks[0] is not known until the resource is created"]],
        ["passes SG references and self", sg([inline("tcp", 80, 80, { securityGroups: ["sg-1"], self: true })]), []],
    ];
    for (const [name, resource, expected, config] of cases) {
        it(name, () => assert.deepStrictEqual(run(resource, config), expected));
    }
});
