import * as assert from "assert";
import { naclNoAdminPortsFromWorld as policy } from "../../policies/nacl/no-admin-ports-from-world";
import { StackFinding, TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
type Props = Record<string, unknown>;
const e = (ruleNo: number, action: string, protocol: string, fromPort: number, toPort: number, cidr: string): Props =>
    ({ ruleNo, action, protocol, fromPort, toPort, [cidr.includes(":") ? "ipv6CidrBlock" : "cidrBlock"]: cidr });
const acl = (ingress: Props[]): TestResource => ({ type: TYPE.nacl, name: "public", props: { vpcId: "vpc-1", ingress, egress: [] } });
const URN = urnOf({ type: TYPE.nacl, name: "public" });
const FIX = "Fix: Allow admin ports only from trusted CIDRs (a bastion or VPN range) in the network ACL, with the security " +
    "groups as the finer control, or remove the entry and connect with AWS Systems Manager Session Manager, which needs no " +
    "inbound port at all.";
const RISK = "in from the whole internet, where scanners find and brute-force admin ports within minutes.";

/** A violation for one entry from the whole family. */
const world = (entry: string, what: string, from: string, reached: string): StackFinding => ({ level: "mandatory", urn: URN,
    message: `Network ACL 'public': ${entry} allows inbound ${what} from ${from}, which lets ${reached} ${RISK} ${FIX}` });
/** A violation for two entries that together cover a family. */
const split = (first: string, second: string, family: string, reached: string): StackFinding => ({ level: "mandatory", urn: URN,
    message: `Network ACL 'public': ${first} and ${second}, blocks that together cover every ${family} address, which lets ${reached} ${RISK} ${FIX}` });
/** The note on an undetermined entry that may admit the world to an admin port. */
const note = (field: string, entry: string): StackFinding => ({ level: "advisory", urn: URN,
    message: `Cannot be verified at preview: ${field} is not known until the resource is created. The inbound entry ${entry} of ` +
        "network ACL 'public' may admit the whole internet to an admin port (SSH (TCP port 22) and RDP (TCP port 3389)), or shadow an entry that does." });
/** An allow of TCP 443 from a private block: decides no admin traffic. */
const filler = (ruleNo: number): Props => e(ruleNo, "allow", "tcp", 443, 443, `10.${ruleNo}.0.0/16`);

describe("nacl-no-admin-ports-from-world: evaluation order and undetermined entries", () => {
    const cases: [string, TestResource[], StackFinding[]][] = [
        ["world entries written out of rule order are reported in rule order", [acl([
            e(120, "allow", "tcp", 3389, 3389, "0.0.0.0/0"), e(110, "allow", "tcp", 22, 22, "::/0"), e(100, "allow", "tcp", 22, 22, "0.0.0.0/0")])], [
            world("ingress[2] (rule 100)", "TCP port 22", "0.0.0.0/0 (every IPv4 address)", "SSH (TCP port 22)"),
            world("ingress[1] (rule 110)", "TCP port 22", "::/0 (every IPv6 address)", "SSH (TCP port 22)"),
            world("ingress[0] (rule 120)", "TCP port 3389", "0.0.0.0/0 (every IPv4 address)", "RDP (TCP port 3389)"),
        ]],
        ["a split world written out of rule order names its entries in rule order", [acl([
            e(120, "allow", "tcp", 22, 22, "10.0.0.0/8"), e(110, "allow", "tcp", 22, 22, "128.0.0.0/1"), e(100, "allow", "tcp", 22, 22, "0.0.0.0/1")])], [
            split("ingress[2] (rule 100) allows inbound TCP port 22 from 0.0.0.0/1", "ingress[1] (rule 110) allows inbound TCP port 22 from 128.0.0.0/1",
                "IPv4", "SSH (TCP port 22)"),
        ]],
        ["two splits on different admin ports among many entries are reported apart", [acl([
            filler(1), e(100, "allow", "tcp", 22, 22, "0.0.0.0/1"), e(130, "allow", "tcp", 3389, 3389, "128.0.0.0/1"),
            filler(3), filler(4), filler(5), filler(6), filler(7), filler(8), filler(9), filler(10),
            e(120, "allow", "tcp", 3389, 3389, "0.0.0.0/1"), e(110, "allow", "tcp", 22, 22, "128.0.0.0/1")])], [
            split("ingress[1] (rule 100) allows inbound TCP port 22 from 0.0.0.0/1", "ingress[12] (rule 110) allows inbound TCP port 22 from 128.0.0.0/1",
                "IPv4", "SSH (TCP port 22)"),
            split("ingress[11] (rule 120) allows inbound TCP port 3389 from 0.0.0.0/1", "ingress[2] (rule 130) allows inbound TCP port 3389 from 128.0.0.0/1",
                "IPv4", "RDP (TCP port 3389)"),
        ]],
        ["notes an entry from the world whose protocol is not known", [acl([
            { ruleNo: 100, action: "allow", protocol: UNKNOWN, fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" }])],
        [note("ingress[0].protocol", "ingress[0] (rule 100)")]],
        ["notes an all-traffic entry whose CIDR is not known", [acl([
            { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: UNKNOWN }])],
        [note("ingress[0].cidrBlock", "ingress[0] (rule 100)")]],
        ["no note for a UDP 22 entry whose CIDR is not known: the admin ports are TCP", [acl([
            { ruleNo: 100, action: "allow", protocol: "udp", fromPort: 22, toPort: 22, cidrBlock: UNKNOWN }])], []],
        ["no note for an unknown-port allow that only a deny's block would complete", [acl([
            e(100, "deny", "tcp", 22, 22, "0.0.0.0/1"), { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 22, toPort: UNKNOWN, cidrBlock: "128.0.0.0/1" }])], []],
        ["no note for an unknown-port allow that only an IPv6 block would complete", [acl([
            e(100, "allow", "tcp", 22, 22, "::/1"), { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 22, toPort: UNKNOWN, cidrBlock: "128.0.0.0/1" }])], []],
    ];
    for (const [name, resources, expected] of cases) {
        it(name, () => assert.deepStrictEqual(runStackPolicy(policy, resources), expected));
    }
});
