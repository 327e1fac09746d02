import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgDefaultDeniesAll } from "../../policies/sg/default-denies-all";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { UNKNOWN, runRemediation, runResourcePolicy } from "../util/run-policy";
import { DEFAULT_SG, Props, SG, SG_RULE, VPC_INGRESS } from "../util/shapes";

const admin = sgNoAdminPortsFromWorld as ResourceValidationPolicy;
const defaultSg = sgDefaultDeniesAll as ResourceValidationPolicy;
const rule = (extra: Props) => ({ protocol: "tcp", fromPort: 22, toPort: 22, description: "ssh", ...extra });

describe("remediation", () => {
    describe("sg-no-admin-ports-from-world removes the world's blocks from the offending rules", () => {
        const cases: [string, string, Props, Props | undefined][] = [
            ["keeps the rule's other sources (before: 0.0.0.0/0 + 203.0.113.0/24 + bastion SG)", SG,
                { description: "d", ingress: [rule({ cidrBlocks: ["0.0.0.0/0", "203.0.113.0/24"], securityGroups: ["sg-bastion"] })] },
                { description: "d", ingress: [rule({ cidrBlocks: ["203.0.113.0/24"], securityGroups: ["sg-bastion"] })], egress: undefined }],
            ["drops a rule left with no source, and keeps the others untouched", SG,
                { description: "d", ingress: [rule({ ipv6CidrBlocks: ["::/0"] }), { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] },
                { description: "d", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }], egress: undefined }],
            ["removes both halves of a split world", SG,
                { description: "d", ingress: [rule({ cidrBlocks: ["0.0.0.0/1", "10.0.0.0/8", "128.0.0.0/1"] })] },
                { description: "d", ingress: [rule({ cidrBlocks: ["10.0.0.0/8"] })], egress: undefined }],
            ["removes blocks that cover the world again once the first cover is gone (0.0.0.0/1 + 128.0.0.0/1 and four /2s)", SG,
                { description: "d", ingress: [rule({ cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1", "0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2", "10.0.0.0/8"] })] },
                { description: "d", ingress: [rule({ cidrBlocks: ["10.0.0.0/8"] })], egress: undefined }],
            ["leaves halves on different admin ports alone (no world on any port)", SG,
                { description: "d", ingress: [rule({ cidrBlocks: ["0.0.0.0/1"] }), { ...rule({ cidrBlocks: ["128.0.0.0/1"] }), fromPort: 3389, toPort: 3389 }] }, undefined],
            ["removes only the halves that meet on an admin port", SG,
                { description: "d", ingress: [{ ...rule({ cidrBlocks: ["0.0.0.0/1", "10.0.0.0/8"] }), fromPort: 20, toPort: 25 }, rule({ cidrBlocks: ["128.0.0.0/1"] }),
                    { ...rule({ cidrBlocks: ["128.0.0.0/1"] }), fromPort: 443, toPort: 443 }] },
                { description: "d", ingress: [{ ...rule({ cidrBlocks: ["10.0.0.0/8"] }), fromPort: 20, toPort: 25 },
                    { ...rule({ cidrBlocks: ["128.0.0.0/1"] }), fromPort: 443, toPort: 443 }], egress: undefined }],
            ["fixes a standalone ec2.SecurityGroupRule that keeps another source", SG_RULE,
                { type: "ingress", securityGroupId: "sg-1", ...rule({ cidrBlocks: ["0.0.0.0/0", "198.51.100.7/32"] }) },
                { type: "ingress", securityGroupId: "sg-1", ...rule({ cidrBlocks: ["198.51.100.7/32"] }) }],
            ["leaves a standalone rule whose only source is the world (it cannot delete the resource)", SG_RULE,
                { type: "ingress", securityGroupId: "sg-1", ...rule({ cidrBlocks: ["0.0.0.0/0"] }) }, undefined],
            ["leaves a vpc rule, which has a single source", VPC_INGRESS,
                { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, undefined],
            ["leaves a compliant group alone", SG, { description: "d", ingress: [rule({ cidrBlocks: ["10.0.0.0/8"] })] }, undefined],
            ["leaves a rule whose CIDR is unknown alone", SG, { description: "d", ingress: [rule({ cidrBlocks: [UNKNOWN] })] }, undefined],
        ];
        for (const [name, type, before, after] of cases) {
            it(name, () => assert.deepStrictEqual(runRemediation(admin, { type, props: before }), after === undefined ? undefined : JSON.parse(JSON.stringify(after))));
        }
        it("does not touch an exempted resource", () => {
            const props = { description: "d", ingress: [rule({ cidrBlocks: ["0.0.0.0/0"] })] };
            assert.strictEqual(runRemediation(admin, { type: SG, name: "bastion", props, config: { exemptions: [{ resource: "bastion", reason: "vendor box", expires: "2999-12-31" }] } }), undefined);
        });
    });

    describe("sg-default-denies-all empties the default security group", () => {
        it("removes every rule (before: AWS's default self rule and allow-all egress)", () => {
            const before = { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }], egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] };
            assert.deepStrictEqual(runRemediation(defaultSg, { type: DEFAULT_SG, props: before }), { vpcId: "vpc-1", ingress: [], egress: [] });
        });
        it("leaves an already empty default group alone", () => {
            assert.strictEqual(runRemediation(defaultSg, { type: DEFAULT_SG, props: { vpcId: "vpc-1" } }), undefined);
        });
        it("leaves ordinary security groups alone", () => {
            assert.strictEqual(runRemediation(defaultSg, { type: SG, props: { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] } }), undefined);
        });
    });
});

describe("remediation and messages with very many blocks", () => {
    // 512 /9 blocks cover IPv4 together: too many to narrow down to the ones needed.
    const blocks = Array.from({ length: 512 }, (_, i) => `${(i >> 1) & 255}.${(i & 1) * 128}.0.0/9`);
    const props = { description: "d", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: blocks }] };

    it("leaves the rule alone rather than remove blocks that may be harmless", () => {
        assert.strictEqual(runRemediation(admin, { type: SG, props }), undefined);
    });

    it("lists the first blocks and counts the rest, so the message stays short", () => {
        const [f] = runResourcePolicy(admin, { type: SG, props });
        assert.ok(f.message.startsWith("ingress[0].cidrBlocks[0] (0.0.0.0/9), ingress[0].cidrBlocks[1] (0.128.0.0/9),"), f.message.slice(0, 200));
        assert.ok(f.message.includes("ingress[0].cidrBlocks[11] (5.128.0.0/9) and 500 more together cover every IPv4 address"), f.message.slice(0, 600));
        assert.ok(f.message.length < 2000, `${f.message.length} characters`);
    });
});
