/**
 * "The world" split across rule resources whose security group is not known yet (a first preview):
 * rules whose securityGroupId depends on the same resources, in any order, are put together and
 * their split world noted; rules that depend on different resources are never put together. And a
 * group's inline rule next to its rule resource when neither can be told apart from an echo.
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

describe("world split across a group's inline rule and its rule resource, both with unknown ports", () => {
    it("keeps both rules, neither of which can be the other's echo, and notes the world they may make", () => {
        const web: TestResource = { type: TYPE.sg, name: "web", props: { description: "d", egress: [],
            ingress: [{ protocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["128.0.0.0/1"], description: "r" }] } };
        const base = rule("low", "0.0.0.0/1", 22, ["web"]);
        const low: TestResource = { ...base, props: { ...base.props, fromPort: UNKNOWN, toPort: UNKNOWN } };
        const low22 = "aws.vpc.SecurityGroupIngressRule 'low' cidrIpv4";
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, [web, low]), [{
            level: "advisory", urn: urnOf(web),
            message: "Cannot be verified at preview: ingress[0].fromPort of aws.ec2.SecurityGroup 'web' is not known until the resource is " +
                `created. If ingress[0].cidrBlocks[0] and ${low22} reach TCP ports 22 and 3389, on aws.ec2.SecurityGroup 'web', ` +
                `ingress[0].cidrBlocks[0] (128.0.0.0/1) and ${low22} (0.0.0.0/1) together cover every IPv4 address on TCP ports 22 and 3389: ` +
                `ingress[0].cidrBlocks[0] allows traffic from 128.0.0.0/1; ${low22} allows traffic from 0.0.0.0/1, which would open SSH ` +
                "(TCP port 22) and RDP (TCP port 3389) to the whole internet.",
        }]);
    });
});
