/**
 * "The world" split across rule resources whose security group is not known yet (a first preview):
 * rules whose securityGroupId depends on the same resources, in any order, are put together and
 * their split world noted; rules that depend on different resources are never put together.
 */
import * as assert from "assert";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const PARAM = "aws:ssm/parameter:Parameter";
const lookup = (name: string): TestResource => ({ type: PARAM, name, props: { name, type: "String", value: UNKNOWN } });

/** An ingress rule for TCP port p from a CIDR, on the group the named resources lead to. */
const rule = (name: string, cidr: string, p: number, deps: string[]): TestResource => ({
    type: TYPE.vpcIngress, name, props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: p, toPort: p, cidrIpv4: cidr, description: "r" },
    propertyDependencies: { securityGroupId: deps },
});

describe("world split across rules whose group is not known yet", () => {
    it("puts together rules depending on the same resources in any order, and never rules depending on different ones", () => {
        const resources = [lookup("a"), lookup("b"),
            rule("low", "0.0.0.0/1", 22, ["a", "b"]), rule("high", "128.0.0.0/1", 22, ["b", "a"]),
            rule("low-a", "0.0.0.0/1", 3389, ["a"]), rule("high-b", "128.0.0.0/1", 3389, ["b"])];
        const r = (name: string) => `aws.vpc.SecurityGroupIngressRule '${name}'`;
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources), [{
            level: "advisory",
            message: `Cannot be verified at preview: securityGroupId of ${r("low")} is not known until the resource is created. If ${r("low")} ` +
                `and ${r("high")} belong to one security group, ${r("low")} cidrIpv4 (0.0.0.0/1) and ${r("high")} cidrIpv4 (128.0.0.0/1) ` +
                `together cover every IPv4 address on TCP port 22: ${r("low")} cidrIpv4 allows TCP port 22 from 0.0.0.0/1; ${r("high")} ` +
                "cidrIpv4 allows TCP port 22 from 128.0.0.0/1, which would open SSH (TCP port 22) to the whole internet.",
        }]);
    });

    it("keeps apart rules on two resources and on one whose name runs their URNs together", () => {
        // This name makes its URN the URNs of 'a' and 'b' written one after the other.
        const joined = lookup(`a${urnOf({ type: PARAM, name: "b" })}`);
        const resources = [lookup("a"), lookup("b"), joined,
            rule("low", "0.0.0.0/1", 22, ["a", "b"]), rule("high", "128.0.0.0/1", 22, [joined.name])];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources), []);
    });
});
