import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgNoAllTrafficRules } from "../../policies/sg/no-all-traffic-rules";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { inline, sg } from "../util/shapes";

const policy = sgNoAllTrafficRules as ResourceValidationPolicy;

describe("sg-no-all-traffic-rules: complete messages", () => {
    it("a protocol not known yet: a note that the rule may allow all traffic", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline(UNKNOWN, 0, 0, { cidrBlocks: ["10.0.0.0/8"] })])), [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].protocol is not known until the resource is created. " +
                "ingress[0].cidrBlocks[0] may allow all traffic.",
        }]);
    });

    it("a port not known yet: a note naming the widest range allowed", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 0, UNKNOWN, { cidrBlocks: ["10.0.0.0/8"] })])), [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].toPort is not known until the resource is created. " +
                "ingress[0].cidrBlocks[0] may open more than 1024 ports.",
        }]);
    });

    it("TCP 1000-3000: 2001 ports, wider than the 1024 allowed", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 1000, 3000, { cidrBlocks: ["10.0.0.0/8"] })])), [{
            level: "advisory",
            message: "ingress[0].cidrBlocks[0] allows TCP ports 1000-3000 from 10.0.0.0/8: 2001 ports, more than the 1024 allowed. " +
                "Wide ranges expose services nobody meant to share. Fix: Allow only the specific protocol and ports the service " +
                "listens on, even between security groups.",
        }]);
    });
});
