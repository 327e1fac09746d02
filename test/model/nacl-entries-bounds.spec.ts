/**
 * The edges of reading a network ACL entry: the bounds of rule numbers and ICMP values, the ACL a
 * NetworkAclRule names, and which of two CIDR fields decides when one is invalid.
 */
import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { NaclEntry, NaclEntrySet, naclEntries } from "../../policies/model/nacl-entries";
import { invalidAt, unknownAt } from "../../policies/model/values";
import { TYPE } from "../util/types";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function set(type: string, props: Record<string, unknown>): NaclEntrySet {
    const read = naclEntries({ urn: `urn:pulumi:s::p::${type}::r`, name: "r", type, props: unknownCheckingProxy(props) });
    assert.ok(read, "should read entries");
    return read;
}

/** The one inline ingress entry of a NetworkAcl, from an entry that allows TCP 443 from 10.0.0.0/8 unless overridden. */
function inline(overrides: Record<string, unknown>): NaclEntry {
    const entry = { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "10.0.0.0/8", ...overrides };
    const [only, ...rest] = set(TYPE.nacl, { vpcId: "vpc-1", ingress: [entry] }).entries;
    assert.deepStrictEqual(rest, []);
    return only;
}

/** A NetworkAclRule that allows TCP 443 from 0.0.0.0/0 into acl-1 unless overridden. */
function standalone(overrides: Record<string, unknown>): NaclEntrySet {
    return set(TYPE.naclRule, {
        networkAclId: "acl-1", ruleNumber: 100, protocol: "tcp", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443,
        ...overrides,
    });
}

describe("model/nacl-entries: the edges of an entry", () => {
    describe("rule numbers run from 1 to 32766", () => {
        it("reads 1", () => assert.strictEqual(inline({ ruleNo: 1 }).ruleNumber, 1));
        it("reads 32766, the highest a user may set", () => assert.strictEqual(inline({ ruleNo: 32766 }).ruleNumber, 32766));
        it("refuses 32767, which AWS keeps for the implicit deny", () => assert.deepStrictEqual(inline({ ruleNo: 32767 }).ruleNumber,
            invalidAt("ingress[0].ruleNo", "rule number 32767 in ingress[0].ruleNo is outside 1-32766")));
        it("refuses 0", () => assert.deepStrictEqual(inline({ ruleNo: 0 }).ruleNumber,
            invalidAt("ingress[0].ruleNo", "rule number 0 in ingress[0].ruleNo is outside 1-32766")));
    });

    describe("ICMP type and code run from -1 (all) to 255", () => {
        const icmp = (icmpType: unknown) => inline({ protocol: "icmp", fromPort: 0, toPort: 0, icmpType, icmpCode: 0 }).icmp?.type;
        it("reads -1 as every type", () => assert.strictEqual(icmp(-1), -1));
        it("reads 255", () => assert.strictEqual(icmp(255), 255));
        it("refuses -2", () => assert.deepStrictEqual(icmp(-2), invalidAt("ingress[0].icmpType", "ICMP value -2 in ingress[0].icmpType is outside -1-255")));
        it("refuses 256", () => assert.deepStrictEqual(icmp(256), invalidAt("ingress[0].icmpType", "ICMP value 256 in ingress[0].icmpType is outside -1-255")));
        it("refuses a fraction", () => assert.deepStrictEqual(icmp(1.5), invalidAt("ingress[0].icmpType", "ICMP value 1.5 in ingress[0].icmpType is outside -1-255")));
    });

    describe("the action", () => {
        it("reads ' Allow ' as allow, as the provider does", () => assert.strictEqual(inline({ action: " Allow " }).action, "allow"));
        it("names ruleAction when a NetworkAclRule has none", () => assert.deepStrictEqual(standalone({ ruleAction: undefined }).entries[0].action,
            invalidAt("ruleAction", "ruleAction is missing: a network ACL entry needs 'allow' or 'deny'")));
        it("says a network ACL entry needs a protocol when it has none", () => assert.deepStrictEqual(inline({ protocol: undefined }).protocol,
            invalidAt("ingress[0].protocol", "ingress[0].protocol is missing: a network ACL entry needs a protocol")));
    });

    describe("the ACL a NetworkAclRule belongs to", () => {
        it("reads its ID", () => assert.strictEqual(standalone({}).networkAclId, "acl-1"));
        it("is not known yet when the ID is unknown", () => assert.deepStrictEqual(standalone({ networkAclId: UNKNOWN }).networkAclId, unknownAt("networkAclId")));
        it("is invalid when the ID is empty", () => assert.deepStrictEqual(standalone({ networkAclId: "" }).networkAclId,
            invalidAt("networkAclId", "networkAclId is missing: a network ACL rule needs the ACL it belongs to")));
        it("is invalid when the ID is missing", () => assert.deepStrictEqual(standalone({ networkAclId: undefined }).networkAclId,
            invalidAt("networkAclId", "networkAclId is missing: a network ACL rule needs the ACL it belongs to")));
    });

    describe("one invalid CIDR field decides, whatever the other holds", () => {
        it("an invalid IPv6 field beside a valid IPv4 block", () => assert.deepStrictEqual(inline({ ipv6CidrBlock: 6 }).cidr,
            invalidAt("ingress[0].ipv6CidrBlock", "ingress[0].ipv6CidrBlock should be a string, got 6")));
        it("an invalid IPv6 field beside an unknown IPv4 block: invalid whatever the unknown turns out to be", () =>
            assert.deepStrictEqual(inline({ cidrBlock: UNKNOWN, ipv6CidrBlock: 6 }).cidr,
                invalidAt("ingress[0].ipv6CidrBlock", "ingress[0].ipv6CidrBlock should be a string, got 6")));
    });
});
