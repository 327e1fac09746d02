import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgPreferSecurityGroupReferences } from "../../policies/sg/prefer-security-group-references";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { inline, sg } from "../util/shapes";

const policy = sgPreferSecurityGroupReferences as ResourceValidationPolicy;

describe("sg-prefer-security-group-references: complete messages", () => {
    it("a CIDR not known yet: a note that a wide range should be a security-group reference", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 443, 443, { cidrBlocks: [UNKNOWN] })])), [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].cidrBlocks[0] is not known until the resource is created. If it is a " +
                "wide address range, ingress[0].cidrBlocks[0] should be a security-group reference.",
        }]);
    });

    it("0.0.0.0/0 on ports not known yet: left to the policies about the whole internet, not reported as a wide range", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", UNKNOWN, UNKNOWN, { cidrBlocks: ["0.0.0.0/0"] })])), []);
    });
});
