/**
 * Program test: network ACL entries written with the real @pulumi/aws classes (NetworkAcl with
 * inline ingress/egress, DefaultNetworkAcl, NetworkAclRule), captured as the SDK puts them on the
 * wire. These are the shapes policies/model/nacl-entries.ts reads.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { CapturedResource, CapturedStack, UNKNOWN, captureProgram } from "../../runner/capture";

const ACL_TYPE = "aws:ec2/networkAcl:NetworkAcl";
const DEFAULT_ACL_TYPE = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl";
const RULE_TYPE = "aws:ec2/networkAclRule:NetworkAclRule";
const ACL_URN = `urn:pulumi:stack::project::${ACL_TYPE}::acl`;

function naclProgram(): void {
    const acl = new aws.ec2.NetworkAcl("acl", {
        vpcId: "vpc-123",
        ingress: [
            { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
            { ruleNo: 110, action: "deny", protocol: "icmp", fromPort: 0, toPort: 0, cidrBlock: "10.0.0.0/8", icmpType: 8, icmpCode: -1 },
        ],
        egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlock: "::/0" }],
    });
    new aws.ec2.NetworkAclRule("dns", {
        networkAclId: acl.id, ruleNumber: 200, egress: true, protocol: "udp", ruleAction: "deny",
        cidrBlock: "10.0.0.0/8", fromPort: 53, toPort: 53,
    });
    new aws.ec2.NetworkAclRule("ping6", {
        networkAclId: "acl-1", ruleNumber: 210, protocol: "icmp", ruleAction: "allow", ipv6CidrBlock: "::/0", icmpType: 8, icmpCode: 0,
    });
    new aws.ec2.DefaultNetworkAcl("default", {
        defaultNetworkAclId: "acl-d",
        ingress: [{ ruleNo: 100, action: "allow", protocol: "all", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
    });
}

function named(c: CapturedStack, type: string, name: string): CapturedResource {
    const found = c.resources.filter((r) => r.type === type && r.name === name);
    assert.strictEqual(found.length, 1, `exactly one ${type} ${name}`);
    return found[0];
}

function noDeps(...keys: string[]): Record<string, string[]> {
    return Object.fromEntries(keys.map((k) => [k, []]));
}

describe("program: network ACL entry shapes", () => {
    describe("in preview", () => {
        let c: CapturedStack;
        before(async () => { c = await captureProgram(naclProgram); });

        it("NetworkAcl: inline ingress/egress are lists of {ruleNo, action, protocol, fromPort, toPort, cidrBlock | ipv6CidrBlock, icmpType, icmpCode}", () => {
            const r = named(c, ACL_TYPE, "acl");
            assert.deepStrictEqual(r.inputs, {
                vpcId: "vpc-123",
                ingress: [
                    { action: "allow", cidrBlock: "0.0.0.0/0", fromPort: 443, protocol: "tcp", ruleNo: 100, toPort: 443 },
                    { action: "deny", cidrBlock: "10.0.0.0/8", fromPort: 0, icmpCode: -1, icmpType: 8, protocol: "icmp", ruleNo: 110, toPort: 0 },
                ],
                egress: [{ action: "allow", fromPort: 0, ipv6CidrBlock: "::/0", protocol: "-1", ruleNo: 100, toPort: 0 }],
            });
            assert.deepStrictEqual(r.propertyDependencies, noDeps("egress", "ingress", "vpcId"));
            assert.strictEqual(r.id, undefined);
        });

        it("DefaultNetworkAcl: the same inline entry shape, keyed by defaultNetworkAclId", () => {
            const r = named(c, DEFAULT_ACL_TYPE, "default");
            assert.deepStrictEqual(r.inputs, {
                defaultNetworkAclId: "acl-d",
                ingress: [{ action: "allow", cidrBlock: "0.0.0.0/0", fromPort: 0, protocol: "all", ruleNo: 100, toPort: 0 }],
            });
        });

        it("NetworkAclRule: ruleNumber, ruleAction, egress flag; networkAclId is the unknown sentinel and depends on the ACL", () => {
            const r = named(c, RULE_TYPE, "dns");
            assert.deepStrictEqual(r.inputs, {
                networkAclId: UNKNOWN, ruleNumber: 200, egress: true, protocol: "udp", ruleAction: "deny",
                cidrBlock: "10.0.0.0/8", fromPort: 53, toPort: 53,
            });
            assert.deepStrictEqual(r.propertyDependencies, {
                ...noDeps("cidrBlock", "egress", "fromPort", "protocol", "ruleAction", "ruleNumber", "toPort"),
                networkAclId: [ACL_URN],
            });
            assert.deepStrictEqual(r.dependencies, [ACL_URN]);
        });

        it("NetworkAclRule: egress omitted when not set (the provider defaults it to false); ICMP fields are numbers", () => {
            const r = named(c, RULE_TYPE, "ping6");
            assert.deepStrictEqual(r.inputs, {
                networkAclId: "acl-1", ruleNumber: 210, protocol: "icmp", ruleAction: "allow", ipv6CidrBlock: "::/0", icmpType: 8, icmpCode: 0,
            });
            assert.strictEqual("egress" in r.inputs, false);
        });
    });

    describe("as an update", () => {
        it("NetworkAclRule referencing a created ACL: networkAclId is the ACL's ID", async () => {
            const c = await captureProgram(naclProgram, { preview: false });
            assert.strictEqual(named(c, RULE_TYPE, "dns").inputs.networkAclId, "acl-id");
            assert.strictEqual(named(c, ACL_TYPE, "acl").id, "acl-id");
        });
    });
});
