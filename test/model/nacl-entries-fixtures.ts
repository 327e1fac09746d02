/** Readers and builders for the model/nacl-entries specs: entries in the shapes the SDK sends, read back. */
import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { Cidr, parseCidr } from "../../policies/net/cidr";
import { NaclEntry, NaclEntrySet, naclEntries } from "../../policies/model/nacl-entries";
import { TYPE } from "../util/types";

export const ACL = TYPE.nacl;
export const DEFAULT_ACL = TYPE.defaultNacl;
export const RULE = TYPE.naclRule;

export type Props = Record<string, unknown>;

export function read(type: string, props: Props, proxy = true): NaclEntrySet | undefined {
    return naclEntries({ urn: `urn:pulumi:s::p::${type}::r`, name: "r", type, props: proxy ? unknownCheckingProxy(props) : props });
}

export function entries(type: string, props: Props): NaclEntry[] {
    const set = read(type, props);
    assert.ok(set, "should read entries");
    return set.entries;
}

export function cidr(text: string): Cidr {
    const c = parseCidr(text);
    assert.ok(c, `test setup: ${text} should parse`);
    return c;
}

export function origin(type: string, path: string) {
    return { urn: `urn:pulumi:s::p::${type}::r`, name: "r", type, path };
}

/** An inline entry in the shape the SDK sends (see test/programs/nacl-shapes.spec.ts). */
export function inline(ruleNo: unknown, action: unknown, protocol: unknown, fromPort: unknown, toPort: unknown, peer: Props, extra: Props = {}): Props {
    return { ruleNo, action, protocol, fromPort, toPort, ...peer, ...extra };
}

export function standalone(extra: Props): Props {
    return { networkAclId: "acl-1", ruleNumber: 100, protocol: "tcp", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443, ...extra };
}

/** The single inline ingress entry read from a NetworkAcl. */
export function one(entry: Props): NaclEntry {
    const es = entries(ACL, { vpcId: "vpc-1", ingress: [entry] });
    assert.strictEqual(es.length, 1);
    return es[0];
}
