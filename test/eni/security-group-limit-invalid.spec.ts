/**
 * eni-security-group-limit on a list of groups that is invalid (not a list, or an element that is no
 * ID): a violation naming the value, whether or not the interface could exceed the quota, and no
 * count of groups "not known yet", since nothing here waits for a value.
 */
import * as assert from "assert";
import { eniSecurityGroupLimit } from "../../policies/eni/security-group-limit";
import { runStackPolicy } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const urn = `urn:pulumi:test::test::${TYPE.instance}::vm`;
const run = (vpcSecurityGroupIds: unknown) =>
    runStackPolicy(eniSecurityGroupLimit, [{ type: TYPE.instance, name: "vm", props: { vpcSecurityGroupIds } }]);

describe("eni-security-group-limit: an invalid list of groups", () => {
    it("a number where the list belongs: a violation naming it", () => {
        assert.deepStrictEqual(run(42), [{ level: "mandatory", urn,
            message: "Cannot be evaluated: vpcSecurityGroupIds should be a list, got 42. The security groups of aws.ec2.Instance 'vm' on " +
                "vpcSecurityGroupIds cannot be counted against the quota of 5. Fix the value: AWS rejects it." }]);
    });

    it("an element that is not an ID: a violation naming the element", () => {
        assert.deepStrictEqual(run(["sg-1", 42]), [{ level: "mandatory", urn,
            message: "Cannot be evaluated: vpcSecurityGroupIds[1] should be a string, got 42. The security groups of aws.ec2.Instance 'vm' " +
                "on vpcSecurityGroupIds cannot be counted against the quota of 5. Fix the value: AWS rejects it." }]);
    });
});
