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
/** Entries that together cover a family: each entry's "label allows inbound what from block". */
function split(entries: string[], family: string, reached: string): StackFinding {
    const listed = entries.length === 2 ? entries.join(" and ") : `${entries.slice(0, -1).join(", ")} and ${entries[entries.length - 1]}`;
    return {
        level: "mandatory",
        message: `Network ACL 'public': ${listed}, blocks that together cover every ${family} address, which lets ${reached} in from the ` +
            `whole internet, where scanners find and brute-force admin ports within minutes. ${FIX}`,
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
        ["passes 0.0.0.0/1 alone: half the family is not the world", [acl([e(100, "allow", "tcp", 22, 22, "0.0.0.0/1")])], []],
        ["flags a split world: TCP 22 from 0.0.0.0/1 (rule 100) and from 128.0.0.0/1 (rule 110)", [acl(
            [e(100, "allow", "tcp", 22, 22, "0.0.0.0/1"), e(110, "allow", "tcp", 22, 22, "128.0.0.0/1")])],
        [split(["ingress[0] (rule 100) allows inbound TCP port 22 from 0.0.0.0/1", "ingress[1] (rule 110) allows inbound TCP port 22 from 128.0.0.0/1"],
            "IPv4", "SSH (TCP port 22)")]],
        ["flags a split world in IPv6 (::/1 and 8000::/1), on RDP", [acl(
            [e(100, "allow", "tcp", 3389, 3389, "8000::/1"), e(110, "allow", "tcp", 3000, 4000, "::/1")])],
        [split(["ingress[0] (rule 100) allows inbound TCP port 3389 from 8000::/1", "ingress[1] (rule 110) allows inbound TCP ports 3000-4000 from ::/1"],
            "IPv6", "RDP (TCP port 3389)")]],
        ["flags a split world that an earlier deny takes part of (10.0.0.0/8): the rest is still the whole internet", [acl(
            [e(90, "deny", "tcp", 22, 22, "10.0.0.0/8"), e(100, "allow", "tcp", 0, 1023, "0.0.0.0/1"), e(110, "allow", "tcp", 22, 22, "128.0.0.0/1")])],
        [split(["ingress[1] (rule 100) allows inbound TCP ports 0-1023 from 0.0.0.0/1", "ingress[2] (rule 110) allows inbound TCP port 22 from 128.0.0.0/1"],
            "IPv4", "SSH (TCP port 22)")]],
        ["passes a split whose upper half an earlier deny shadows on port 22 entirely", [acl(
            [e(90, "deny", "tcp", 0, 1023, "128.0.0.0/1"), e(100, "allow", "tcp", 22, 22, "0.0.0.0/1"), e(110, "allow", "tcp", 22, 22, "128.0.0.0/1")])], []],
        ["passes a split whose upper half an earlier deny on 0.0.0.0/0 shadows, written after it in the list", [acl(
            [e(100, "allow", "tcp", 22, 22, "0.0.0.0/1"), e(110, "allow", "tcp", 22, 22, "128.0.0.0/1"), e(105, "deny", "-1", 0, 0, "0.0.0.0/0")])], []],
        ["judges each port on the entries that decide it: an all-traffic half and an SSH half are the world on SSH only", [acl(
            [e(100, "allow", "-1", 0, 0, "0.0.0.0/1"), e(110, "allow", "tcp", 22, 22, "128.0.0.0/1")])],
        [split(["ingress[0] (rule 100) allows inbound all traffic (every protocol and port) from 0.0.0.0/1",
            "ingress[1] (rule 110) allows inbound TCP port 22 from 128.0.0.0/1"], "IPv4", "SSH (TCP port 22)")]],
        ["one finding for the ports that the same entries open, naming only the entries needed (10.0.0.0/8 is not)", [acl(
            [e(90, "allow", "tcp", 0, 65535, "10.0.0.0/8"), e(100, "allow", "tcp", 0, 65535, "0.0.0.0/1"), e(110, "allow", "tcp", 0, 65535, "128.0.0.0/1")])],
        [split(["ingress[1] (rule 100) allows inbound TCP on all ports from 0.0.0.0/1", "ingress[2] (rule 110) allows inbound TCP on all ports from 128.0.0.0/1"],
            "IPv4", "SSH (TCP port 22) and RDP (TCP port 3389)")]],
        ["a whole-family entry that decides the port is reported on its own, and the split behind it is not repeated", [acl(
            [e(90, "allow", "tcp", 22, 22, "0.0.0.0/1"), e(100, "allow", "tcp", 22, 22, "0.0.0.0/0"), e(110, "allow", "tcp", 22, 22, "128.0.0.0/1")])],
        [violation("ingress[1] (rule 100)", "TCP port 22", V4, "SSH (TCP port 22)")]],
        ["a split on part of a configured range names the ports it reaches (UDP port 5986)", [acl(
            [e(100, "allow", "udp", 5985, 5986, "0.0.0.0/1"), e(110, "allow", "udp", 5986, 6000, "128.0.0.0/1")])],
        [split(["ingress[0] (rule 100) allows inbound UDP ports 5985-5986 from 0.0.0.0/1", "ingress[1] (rule 110) allows inbound UDP ports 5986-6000 from 128.0.0.0/1"],
            "IPv4", "UDP port 5986")], { ports: ["5985-5986"] }],
        ["splits across an inline entry and a NetworkAclRule of the ACL", [acl([e(100, "allow", "tcp", 22, 22, "0.0.0.0/1")]),
            { type: TYPE.naclRule, name: "upper", props: { networkAclId: UNKNOWN, ruleNumber: 110, egress: false, protocol: "tcp", ruleAction: "allow",
                fromPort: 22, toPort: 22, cidrBlock: "128.0.0.0/1" }, propertyDependencies: { networkAclId: ["public"] } }],
        [split(["ingress[0] (rule 100) allows inbound TCP port 22 from 0.0.0.0/1", "NetworkAclRule 'upper' (rule 110) allows inbound TCP port 22 from 128.0.0.0/1"],
            "IPv4", "SSH (TCP port 22)")]],
        ["notes an entry with an unknown port that may complete a split, and reports no violation", [acl([
            e(100, "allow", "tcp", 22, 22, "0.0.0.0/1"), { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 22, toPort: UNKNOWN, cidrBlock: "128.0.0.0/1" }])],
        [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[1].toPort is not known until the resource is created. The inbound entry " +
                "ingress[1] (rule 110) of network ACL 'public' may admit the whole internet to an admin port (SSH (TCP port 22) and " +
                "RDP (TCP port 3389)), or shadow an entry that does.",
            urn: URN,
        }]],
        ["no note for an entry with an unknown port whose block cannot complete a split", [acl([
            e(100, "allow", "tcp", 22, 22, "0.0.0.0/1"), { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 22, toPort: UNKNOWN, cidrBlock: "10.0.0.0/8" }])], []],
        ["a split over part of a configured port range names only the ports it reaches", [acl([
            e(100, "allow", "tcp", 5985, 5985, "0.0.0.0/1"), e(110, "allow", "tcp", 5985, 5985, "128.0.0.0/1")])],
        [split(["ingress[0] (rule 100) allows inbound TCP port 5985 from 0.0.0.0/1", "ingress[1] (rule 110) allows inbound TCP port 5985 from 128.0.0.0/1"],
            "IPv4", "TCP port 5985")], { ports: ["5985-5986"] }],
        ["a deny entry with an unknown port before a split: the split is flagged, and the deny noted as one that may shadow it", [acl([
            { ruleNo: 100, action: "deny", protocol: "tcp", fromPort: 22, toPort: UNKNOWN, cidrBlock: "10.0.0.0/8" },
            e(110, "allow", "tcp", 22, 22, "0.0.0.0/1"), e(120, "allow", "tcp", 22, 22, "128.0.0.0/1")])],
        [split(["ingress[1] (rule 110) allows inbound TCP port 22 from 0.0.0.0/1", "ingress[2] (rule 120) allows inbound TCP port 22 from 128.0.0.0/1"],
            "IPv4", "SSH (TCP port 22)"), {
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].toPort is not known until the resource is created. The inbound entry " +
                "ingress[0] (rule 100) of network ACL 'public' may admit the whole internet to an admin port (SSH (TCP port 22) and " +
                "RDP (TCP port 3389)), or shadow an entry that does.",
            urn: URN,
        }]],
        ["a lone deny of a smaller block with an unknown port: nothing it could take away, no note", [acl([
            { ruleNo: 100, action: "deny", protocol: "tcp", fromPort: 22, toPort: UNKNOWN, cidrBlock: "10.0.0.0/8" }])], []],
        ["a deny with an unknown port that may complete a split deny before a world entry: a note, and no violation", [acl([
            e(100, "deny", "tcp", 22, 22, "0.0.0.0/1"), { ruleNo: 110, action: "deny", protocol: "tcp", fromPort: 22, toPort: UNKNOWN, cidrBlock: "128.0.0.0/1" },
            e(120, "allow", "tcp", 22, 22, "0.0.0.0/0")])], [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[1].toPort is not known until the resource is created. The inbound entry " +
                "ingress[1] (rule 110) of network ACL 'public' may admit the whole internet to an admin port (SSH (TCP port 22) and " +
                "RDP (TCP port 3389)), or shadow an entry that does.",
            urn: URN,
        }]],
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
