/**
 * Program test: network ACL entries written with the real @pulumi/aws classes (NetworkAcl with
 * inline ingress/egress, DefaultNetworkAcl, NetworkAclRule), captured as the SDK puts them on the
 * wire. These are the shapes policies/model/nacl-entries.ts reads.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { CapturedResource, CapturedStack, UNKNOWN, captureProgram } from "../../runner/capture";
import { knownEntry, naclEntries } from "../../policies/model/nacl-entries";
import { familyRange } from "../../policies/net/cidr";
import { missing } from "../../policies/net/nacl-eval";
import { unknownAt } from "../../policies/model/values";
import { TYPE } from "../util/types";

const ACL_TYPE = TYPE.nacl;
const DEFAULT_ACL_TYPE = TYPE.defaultNacl;
const RULE_TYPE = TYPE.naclRule;
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

    describe("read by the model", () => {
        let c: CapturedStack;
        before(async () => { c = await captureProgram(naclProgram); });

        const read = (r: CapturedResource) => naclEntries({ urn: r.urn, type: r.type, name: r.name, props: r.inputs });

        it("every captured entry is fully known but the rule's ACL ID, and the inline ICMP entry keeps its type and code", () => {
            const acl = read(named(c, ACL_TYPE, "acl"));
            assert.ok(acl);
            assert.deepStrictEqual(acl.entries.map((e) => [e.egress, e.origin.path, knownEntry(e) !== undefined]), [
                [false, "ingress[0]", true], [false, "ingress[1]", true], [true, "egress[0]", true],
            ]);
            assert.deepStrictEqual(acl.entries[1].icmp, { type: 8, code: -1 });
            const dns = read(named(c, RULE_TYPE, "dns"));
            assert.ok(dns);
            assert.deepStrictEqual(dns.networkAclId, unknownAt("networkAclId"));
            assert.deepStrictEqual(dns.entries.map((e) => [e.egress, e.action, knownEntry(e) !== undefined]), [[true, "deny", true]]);
        });

        it("evaluated: the ACL's ingress lets TCP 443 in from anywhere, and nothing else", () => {
            const acl = read(named(c, ACL_TYPE, "acl"));
            assert.ok(acl);
            const ingress = acl.entries.filter((e) => !e.egress).map(knownEntry).filter((e) => e !== undefined);
            const v4 = familyRange(4);
            assert.deepStrictEqual(missing(ingress, "tcp", 4, v4, { from: 443, to: 443 }), []);
            assert.deepStrictEqual(missing(ingress, "tcp", 4, v4, { from: 22, to: 22 }), [{ addresses: v4, ports: { from: 22, to: 22 } }]);
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
