import * as assert from "assert";
import { naclNoAdminPortsFromWorld as policy } from "../../policies/nacl/no-admin-ports-from-world";
import { StackFinding, TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const ACL = TYPE.nacl;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
type Props = Record<string, unknown>;
const e = (ruleNo: number, action: string, protocol: string, fromPort: number, toPort: number, cidr: string): Props =>
    ({ ruleNo, action, protocol, fromPort, toPort, [cidr.includes(":") ? "ipv6CidrBlock" : "cidrBlock"]: cidr });
const acl = (ingress: Props[], egress: Props[] = []): TestResource =>
    ({ type: ACL, name: "public", props: { vpcId: "vpc-1", ingress, egress } });
const URN = urnOf({ type: ACL, name: "public" });
const FIX = "Fix: Allow admin ports only from trusted CIDRs (a bastion or VPN range) in the network ACL, with the security " +
    "groups as the finer control, or remove the entry and connect with AWS Systems Manager Session Manager, which needs no " +
    "inbound port at all.";

function violation(entry: string, what: string, world: string, reached: string): StackFinding {
    return {
        level: "mandatory",
        message: `Network ACL 'public': ${entry} allows inbound ${what} from ${world}, which lets ${reached} in from the whole ` +
            `internet, where scanners find and brute-force admin ports within minutes. ${FIX}`,
        urn: URN,
    };
}
const V4 = "0.0.0.0/0 (every IPv4 address)";
const V6 = "::/0 (every IPv6 address)";

describe("nacl-no-admin-ports-from-world", () => {
    const cases: [string, TestResource[], StackFinding[], Props?][] = [
        ["flags TCP 22 from 0.0.0.0/0", [acl([e(100, "allow", "tcp", 22, 22, "0.0.0.0/0")])],
            [violation("ingress[0] (rule 100)", "TCP port 22", V4, "SSH (TCP port 22)")]],
        ["flags TCP 3389 from '::0/0' (any spelling of ::/0)", [acl([e(100, "allow", "6", 3389, 3389, "::0/0")])],
            [violation("ingress[0] (rule 100)", "TCP port 3389", V6, "RDP (TCP port 3389)")]],
        ["flags a -1 entry from the world, naming both ports", [acl([e(100, "allow", "-1", 0, 0, "0.0.0.0/0")])],
            [violation("ingress[0] (rule 100)", "all traffic (every protocol and port)", V4, "SSH (TCP port 22) and RDP (TCP port 3389)")]],
        ["passes an entry completely shadowed on port 22 by an earlier deny", [acl(
            [e(90, "deny", "tcp", 22, 22, "0.0.0.0/0"), e(100, "allow", "tcp", 0, 1023, "0.0.0.0/0")])], []],
        ["flags an entry only partly shadowed (the deny covers 10.0.0.0/8 only)", [acl(
            [e(90, "deny", "tcp", 22, 22, "10.0.0.0/8"), e(100, "allow", "tcp", 22, 22, "0.0.0.0/0")])],
        [violation("ingress[1] (rule 100)", "TCP port 22", V4, "SSH (TCP port 22)")]],
        ["an earlier allow from the world takes the flag: the later entry decides nothing on 22", [acl(
            [e(90, "allow", "tcp", 22, 22, "0.0.0.0/0"), e(100, "allow", "tcp", 0, 1023, "0.0.0.0/0")])],
        [violation("ingress[0] (rule 90)", "TCP port 22", V4, "SSH (TCP port 22)")]],
        ["passes a deny from the world, a trusted CIDR, UDP 22 and egress", [acl(
            [e(100, "deny", "tcp", 22, 22, "0.0.0.0/0"), e(110, "allow", "tcp", 22, 22, "203.0.113.0/24"), e(120, "allow", "udp", 22, 22, "0.0.0.0/0")],
            [e(100, "allow", "tcp", 22, 22, "0.0.0.0/0")])], []],
        ["passes 0.0.0.0/1: only a whole-family CIDR is the world here", [acl([e(100, "allow", "tcp", 22, 22, "0.0.0.0/1")])], []],
        ["flags configured extra ports over TCP and UDP", [acl([e(100, "allow", "udp", 5985, 5986, "0.0.0.0/0")])],
            [violation("ingress[0] (rule 100)", "UDP ports 5985-5986", V4, "UDP ports 5985-5986")], { ports: ["5985-5986"] }],
        ["notes an unknown CIDR on port 22 and still flags the known world entry", [acl([
            { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: UNKNOWN }, e(110, "allow", "tcp", 3389, 3389, "::/0")])],
        [violation("ingress[1] (rule 110)", "TCP port 3389", V6, "RDP (TCP port 3389)"), {
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].cidrBlock is not known until the resource is created. The inbound entry " +
                "ingress[0] (rule 100) of network ACL 'public' may admit the whole internet to an admin port (SSH (TCP port 22) and " +
                "RDP (TCP port 3389)), or shadow an entry that does.",
            urn: URN,
        }]],
        ["ignores an unknown CIDR on a port that is not an admin port", [acl([
            { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: UNKNOWN }])], []],
        ["reports bad configuration as a violation naming the key", [], [{
            level: "mandatory",
            message: "Invalid configuration for policy 'nacl-no-admin-ports-from-world': ports[0] (70000) is not a port 0-65535 or a \"from-to\" range.",
        }], { ports: [70000] }],
    ];
    for (const [name, resources, expected, config] of cases) {
        it(name, () => assert.deepStrictEqual(runStackPolicy(policy, resources, config), expected));
    }
});
