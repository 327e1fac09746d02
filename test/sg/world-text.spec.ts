/**
 * How the world policies word an exposure (sg/shared/world.ts), in full: all traffic, a split over
 * exactly as many rules as a message lists, and rule resources whose group is not known yet.
 */
import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgEgressRestricted } from "../../policies/sg/egress-restricted";
import { sgIngressFromWorldAllowedPorts } from "../../policies/sg/ingress-from-world-allowed-ports";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { runStackPolicy } from "../util/run-stack-policy";
import { inline, sg } from "../util/shapes";
import { TYPE } from "../util/types";

const BEYOND = "beyond the allowed ports.";

describe("sg/shared/world: the text of an exposure", () => {
    it("egress with no allowed ports, split over two all-traffic rules: named as all traffic", () => {
        const group = sg([], [inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/1"] }), inline("-1", 0, 0, { cidrBlocks: ["128.0.0.0/1"] })]);
        const findings = runResourcePolicy(sgEgressRestricted as ResourceValidationPolicy, { ...group, config: { allowedPorts: [] } });
        assert.deepStrictEqual(findings.map((f) => [f.level, f.message.split(` ${BEYOND}`)[0]]), [["advisory",
            "egress[0].cidrBlocks[0] (0.0.0.0/1) and egress[1].cidrBlocks[0] (128.0.0.0/1) together cover every IPv4 address on all traffic " +
            "(every protocol and port): egress[0].cidrBlocks[0] allows all traffic (every protocol and port) to 0.0.0.0/1; " +
            "egress[1].cidrBlocks[0] allows all traffic (every protocol and port) to 128.0.0.0/1, which is egress to the whole internet"]]);
    });

    it("the world split over exactly 12 rules: every rule listed, none left over", () => {
        const blocks = ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5", "248.0.0.0/6", "252.0.0.0/7", "254.0.0.0/8",
            "255.0.0.0/9", "255.128.0.0/10", "255.192.0.0/11", "255.224.0.0/11"];
        const group = sg(blocks.map((b) => inline("tcp", 22, 22, { cidrBlocks: [b] })));
        const findings = runResourcePolicy(sgIngressFromWorldAllowedPorts as ResourceValidationPolicy, group);
        const listed = blocks.map((b, i) => `ingress[${i}].cidrBlocks[0] (${b})`);
        assert.deepStrictEqual(findings.map((f) => [f.level, f.message.split(", which is")[0]]), [["advisory",
            `${listed.slice(0, -1).join(", ")} and ${listed[11]} together cover every IPv4 address on TCP port 22: ` +
            blocks.map((b, i) => `ingress[${i}].cidrBlocks[0] allows TCP port 22 from ${b}`).join("; ")]]);
    });

    it("two rule resources whose group is not known yet: the note's condition is that they belong to one group", () => {
        const rule = (name: string, cidr: string) => ({ type: TYPE.vpcIngress, name,
            props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: cidr, description: "r" } });
        const low = "aws.vpc.SecurityGroupIngressRule 'low'";
        const high = "aws.vpc.SecurityGroupIngressRule 'high'";
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, [rule("low", "0.0.0.0/1"), rule("high", "128.0.0.0/1")]), [{
            level: "advisory",
            message: `Cannot be verified at preview: securityGroupId of ${low} is not known until the resource is created. If ${low} and ` +
                `${high} belong to one security group, ${low} cidrIpv4 (0.0.0.0/1) and ${high} cidrIpv4 (128.0.0.0/1) together cover every ` +
                `IPv4 address on TCP port 22: ${low} cidrIpv4 allows TCP port 22 from 0.0.0.0/1; ${high} cidrIpv4 allows TCP port 22 from ` +
                "128.0.0.0/1, which would open SSH (TCP port 22) to the whole internet.",
        }]);
    });
    it("a split that may only reach allowed traffic (one rule's port not known, the other's 443): no note", () => {
        const group = sg([inline("tcp", 443, 443, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", UNKNOWN, 443, { cidrBlocks: ["128.0.0.0/1"] })]);
        assert.deepStrictEqual(runResourcePolicy(sgIngressFromWorldAllowedPorts as ResourceValidationPolicy, group), []);
    });
});
