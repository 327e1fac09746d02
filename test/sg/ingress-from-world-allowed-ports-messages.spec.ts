import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgIngressFromWorldAllowedPorts } from "../../policies/sg/ingress-from-world-allowed-ports";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { inline, sg } from "../util/shapes";

const policy = sgIngressFromWorldAllowedPorts as ResourceValidationPolicy;

describe("sg-ingress-from-world-allowed-ports: complete messages", () => {
    it("TCP 8080 from 0.0.0.0/0: ingress from the whole internet beyond the allowed ports, why it matters and the fix", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 8080, 8080, { cidrBlocks: ["0.0.0.0/0"] })])), [{
            level: "advisory",
            message: "ingress[0].cidrBlocks[0] allows TCP port 8080 from 0.0.0.0/0 (every IPv4 address), which is ingress from the " +
                "whole internet beyond the allowed ports. Every port open to the internet is attack surface that scanners probe " +
                "continuously. Fix: Open only the public service ports (by default HTTP 80 and HTTPS 443) to the internet, ideally " +
                "on a load balancer's security group; admit everything else by security-group reference or from trusted CIDRs.",
        }]);
    });

    it("an unknown CIDR on TCP 8080: a note on what it allows if it is the whole internet", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 8080, 8080, { cidrBlocks: [UNKNOWN] })])), [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].cidrBlocks[0] is not known until the resource is created. If it is " +
                "the whole internet, ingress[0].cidrBlocks[0] allows ingress from the whole internet beyond the allowed ports.",
        }]);
    });

    it("0.0.0.0/0 on an unknown port: a note on its ports, not on a peer that is known", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", UNKNOWN, 8080, { cidrBlocks: ["0.0.0.0/0"] })])), [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].fromPort is not known until the resource is created. If its ports " +
                "go beyond the allowed ones, ingress[0].cidrBlocks[0] allows ingress from the whole internet on them.",
        }]);
    });
    it("the world split over two rules, one of whose ports is unknown: a note on what the rules together would allow", () => {
        const rules = [inline("tcp", 8080, 8080, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", UNKNOWN, 8080, { cidrBlocks: ["128.0.0.0/1"] })];
        assert.deepStrictEqual(runResourcePolicy(policy, sg(rules)), [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[1].fromPort is not known until the resource is created. If " +
                "ingress[1].cidrBlocks[0] reaches TCP port 8080, ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[0] " +
                "(128.0.0.0/1) together cover every IPv4 address on TCP port 8080: ingress[0].cidrBlocks[0] allows TCP port 8080 " +
                "from 0.0.0.0/1; ingress[1].cidrBlocks[0] allows traffic from 128.0.0.0/1, which would be ingress from the whole " +
                "internet beyond the allowed ports.",
        }]);
    });
    const WHY = "which is ingress from the whole internet beyond the allowed ports. Every port open to the internet is attack surface that " +
        "scanners probe continuously. Fix: Open only the public service ports (by default HTTP 80 and HTTPS 443) to the internet, ideally " +
        "on a load balancer's security group; admit everything else by security-group reference or from trusted CIDRs.";

    it("the world split between an all-traffic rule and rules of numbered protocols: each protocol named (ICMP, ICMPv6, protocol 47)", () => {
        const rules = [inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/1"] }), inline("1", -1, -1, { cidrBlocks: ["128.0.0.0/1"] }),
            inline("58", -1, -1, { cidrBlocks: ["128.0.0.0/1"] }), inline("47", 0, 0, { cidrBlocks: ["128.0.0.0/1"] })];
        assert.deepStrictEqual(runResourcePolicy(policy, sg(rules)), ([[1, "ICMP", "ICMP"], [3, "protocol 47", "protocol 47"], [2, "ICMPv6", "ICMPv6"]] as const)
            .map(([n, on, allows]) => ({
                level: "advisory",
                message: `ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[${n}].cidrBlocks[0] (128.0.0.0/1) together cover every IPv4 address ` +
                    `on ${on}: ingress[0].cidrBlocks[0] allows all traffic (every protocol and port) from 0.0.0.0/1; ingress[${n}].cidrBlocks[0] ` +
                    `allows ${allows} from 128.0.0.0/1, ${WHY}`,
            })));
    });

    it("the world split over 16 rules: the first 12 listed, and how many more", () => {
        const rules = Array.from({ length: 16 }, (_, i) => inline("tcp", 22, 22, { cidrBlocks: [`${i * 16}.0.0.0/4`] }));
        const blocks = Array.from({ length: 12 }, (_, i) => `ingress[${i}].cidrBlocks[0] (${i * 16}.0.0.0/4)`).join(", ");
        const allows = Array.from({ length: 12 }, (_, i) => `ingress[${i}].cidrBlocks[0] allows TCP port 22 from ${i * 16}.0.0.0/4`).join("; ");
        assert.deepStrictEqual(runResourcePolicy(policy, sg(rules)), [{
            level: "advisory",
            message: `${blocks} and 4 more together cover every IPv4 address on TCP port 22: ${allows}; and 4 more, ${WHY}`,
        }]);
    });
});
