import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgNoAllTrafficRules } from "../../policies/sg/no-all-traffic-rules";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { headsOf, inline, Props, sg, vpcRule } from "../util/shapes";

const policy = sgNoAllTrafficRules as ResourceValidationPolicy;
const run = headsOf(policy);

describe("sg-no-all-traffic-rules", () => {
    it("flags all traffic from self with the full message", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("-1", 0, 0, { self: true })])), [{
            level: "advisory",
            message: "ingress[0].self allows all traffic (every protocol and port) from members of this security group " +
                "(self). A compromised peer can then reach every service on the group's members. Fix: Allow only the " +
                "specific protocol and ports the service listens on, even between security groups.",
        }]);
    });
    const cases: [string, { type: string; props: Props }, string[], Props?][] = [
        ["flags all traffic from an SG reference", vpcRule("ingress", "-1", undefined, { referencedSecurityGroupId: "sg-1" }),
            ["advisory: referencedSecurityGroupId allows all traffic (every protocol and port) from security group sg-1"]],
        ["flags tcp 0-65535 from an SG", sg([inline("tcp", 0, 65535, { securityGroups: ["sg-1"] })]),
            ["advisory: ingress[0].securityGroups[0] allows TCP on all ports from security group sg-1: 65536 ports, more than the 1024 allowed"]],
        ["passes exactly 1024 ports (1024-2047)", sg([inline("tcp", 1024, 2047, { securityGroups: ["sg-1"] })]), []],
        ["flags 1025 ports (1024-2048)", sg([inline("udp", 1024, 2048, { securityGroups: ["sg-1"] })]),
            ["advisory: ingress[0].securityGroups[0] allows UDP ports 1024-2048 from security group sg-1: 1025 ports, more than the 1024 allowed"]],
        ["passes icmp, which has no ports", sg([inline("icmp", -1, -1, { cidrBlocks: ["10.0.0.0/8"] })]), []],
        ["honours maxPortRange", sg([inline("tcp", 8000, 8010, { self: true })]),
            ["advisory: ingress[0].self allows TCP ports 8000-8010 from members of this security group (self): 11 ports, more than the 10 allowed"], { maxPortRange: 10 }],
        ["ignores egress", sg([], [inline("-1", 0, 0, { cidrBlocks: ["10.0.0.0/8"] })]), []],
        ["notes an unknown protocol", sg([inline(UNKNOWN, 0, 0, { self: true })]),
            ["advisory: Cannot be verified at preview: ingress[0].protocol is not known until the resource is created"]],
        ["reports an unsupported protocol name", sg([inline("ftp", 21, 21, { self: true })]),
            ["advisory: Cannot be evaluated: invalid protocol 'ftp' in ingress[0].protocol"]],
    ];
    for (const [name, resource, expected, config] of cases) {
        it(name, () => assert.deepStrictEqual(run(resource, config), expected));
    }
});
