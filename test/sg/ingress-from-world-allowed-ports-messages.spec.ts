import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgIngressFromWorldAllowedPorts } from "../../policies/sg/ingress-from-world-allowed-ports";
import { runResourcePolicy } from "../util/run-policy";
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
});
