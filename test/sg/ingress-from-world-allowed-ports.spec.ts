import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgIngressFromWorldAllowedPorts } from "../../policies/sg/ingress-from-world-allowed-ports";
import { headsOf, inline, Props, sg, vpcRule } from "../util/shapes";

const policy = sgIngressFromWorldAllowedPorts as ResourceValidationPolicy;
const run = headsOf(policy);

describe("sg-ingress-from-world-allowed-ports", () => {
    const cases: [string, { type: string; props: Props }, string[], Props?][] = [
        ["passes 80 and 443 from the world", sg([inline("tcp", 80, 80, { cidrBlocks: ["0.0.0.0/0"] }), inline("tcp", 443, 443, { ipv6CidrBlocks: ["::/0"] })]), []],
        ["flags 80-443 from the world, which includes ports in between",
            sg([inline("tcp", 80, 443, { cidrBlocks: ["0.0.0.0/0"] })]),
            ["advisory: ingress[0].cidrBlocks[0] allows TCP ports 80-443 from 0.0.0.0/0 (every IPv4 address), which is ingress from the whole internet beyond the allowed ports"]],
        ["flags 8080 from ::/0", sg([inline("tcp", 8080, 8080, { ipv6CidrBlocks: ["::/0"] })]),
            ["advisory: ingress[0].ipv6CidrBlocks[0] allows TCP port 8080 from ::/0 (every IPv6 address), which is ingress from the whole internet beyond the allowed ports"]],
        ["passes 8080 from the world when configured", sg([inline("tcp", 8080, 8080, { cidrBlocks: ["0.0.0.0/0"] })]), [], { allowedPorts: [8080] }],
        ["passes 8080 from a trusted CIDR", sg([inline("tcp", 8080, 8080, { cidrBlocks: ["198.51.100.0/24"] })]), []],
        ["flags a vpc.SecurityGroupIngressRule on udp 443", vpcRule("ingress", "udp", [443, 443], { cidrIpv4: "0.0.0.0/0" }),
            ["advisory: cidrIpv4 allows UDP port 443 from 0.0.0.0/0 (every IPv4 address), which is ingress from the whole internet beyond the allowed ports"]],
        ["passes udp 443 when allowedUdpPorts has it", vpcRule("ingress", "udp", [443, 443], { cidrIpv4: "0.0.0.0/0" }), [], { allowedUdpPorts: [443] }],
        ["passes halves on different ports (0.0.0.0/1 on TCP 8080, 128.0.0.0/1 on TCP 8443): the world on no port",
            sg([inline("tcp", 8080, 8080, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 8443, 8443, { cidrBlocks: ["128.0.0.0/1"] })]), []],
        ["flags halves over 80-8080 and 443-9000 on exactly the shared ports beyond the allowed ones (444-8080)",
            sg([inline("tcp", 80, 8080, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 443, 9000, { cidrBlocks: ["128.0.0.0/1"] })]),
            ["advisory: ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[0] (128.0.0.0/1) together cover every IPv4 address on TCP ports 444-8080: ingress[0].cidrBlocks[0] allows TCP ports 80-8080 from 0.0.0.0/1; ingress[1].cidrBlocks[0] allows TCP ports 443-9000 from 128.0.0.0/1, which is ingress from the whole internet beyond the allowed ports"]],
        ["passes halves that meet only on the allowed port 443",
            sg([inline("tcp", 0, 443, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 443, 1000, { cidrBlocks: ["128.0.0.0/1"] })]), []],
    ];
    for (const [name, resource, expected, config] of cases) {
        it(name, () => assert.deepStrictEqual(run(resource, config), expected));
    }
});
