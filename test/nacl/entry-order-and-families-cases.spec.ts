import * as assert from "assert";
import { naclEphemeralReturnTraffic as returnTraffic } from "../../policies/nacl/ephemeral-return-traffic";
import { naclNoAdminPortsFromWorld as adminPorts } from "../../policies/nacl/no-admin-ports-from-world";
import { naclRulesEffective as rulesEffective } from "../../policies/nacl/rules-effective";
import { StackFinding, TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
type Props = Record<string, unknown>;
/** An inline entry; a CIDR with ':' is IPv6. */
const e = (ruleNo: number, action: string, protocol: string, fromPort: number, toPort: number, cidr: string): Props =>
    ({ ruleNo, action, protocol, fromPort, toPort, [cidr.includes(":") ? "ipv6CidrBlock" : "cidrBlock"]: cidr });
/** An inline TCP entry whose CIDR (IPv4 or IPv6 field) is not known yet. */
const pending = (ruleNo: number, action: string, fromPort: number, toPort: number, key: "cidrBlock" | "ipv6CidrBlock"): Props =>
    ({ ruleNo, action, protocol: "tcp", fromPort, toPort, [key]: UNKNOWN });
const acl = (ingress: Props[], egress: Props[]): TestResource =>
    ({ type: TYPE.nacl, name: "public", props: { vpcId: "vpc-1", ingress, egress } });
/** An inbound TCP NetworkAclRule of ACL 'public', linked by property dependency. */
const rule = (name: string, props: Props): TestResource => ({
    type: TYPE.naclRule, name,
    props: { networkAclId: UNKNOWN, egress: false, protocol: "tcp", fromPort: 80, toPort: 80, ...props },
    propertyDependencies: { networkAclId: ["public"] },
});
const URN = urnOf({ type: TYPE.nacl, name: "public" });

/** The return-path violation of an inbound TCP 443 entry with no outbound entries at all. */
const noReturn = (entry: string, peer: string): StackFinding => ({
    level: "mandatory", urn: URN,
    message: `Network ACL 'public': ${entry} allows inbound TCP 443 from ${peer}, but the return traffic is not allowed: ` +
        `outbound TCP 1024-65535 to ${peer} is denied by the implicit deny. Network ACLs are stateless: the replies go to ` +
        `the initiator's ephemeral ports (1024-65535), so these connections hang. Fix: add an outbound allow entry for TCP ` +
        `1024-65535 to ${peer}.`,
});
/** The return-path check's note on an entry not known yet. */
const returnNote = (path: string, entry: string, dir = "inbound"): StackFinding => ({
    level: "advisory", urn: URN,
    message: `Cannot be verified at preview: ${path} is not known until the resource is created. The ${dir} entry ${entry} of ` +
        "network ACL 'public' may start flows that need return traffic, shadow other entries' flows, or carry their return " +
        "traffic: the return-path check leaves it out until it is known.",
});
/** The rules-effective note on an entry not known yet. */
const effectiveNote = (path: string, entry: string): StackFinding => ({
    level: "advisory", urn: URN,
    message: `Cannot be verified at preview: ${path} is not known until the resource is created. Whether the ${entry} of ` +
        "network ACL 'public' duplicates a rule number, can never match or shadows other entries is not checked until it is known.",
});

describe("NACL entry order and address families of entries not known yet", () => {
    const returnCases: [string, TestResource[], StackFinding[]][] = [
        ["two entries with one rule number go in stack order: an allow before a deny of its traffic starts flows", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), e(100, "deny", "tcp", 443, 443, "0.0.0.0/0")], [])],
        [noReturn("ingress[0] (rule 100)", "0.0.0.0/0")]],
        ["two entries with one rule number go in stack order: a deny before the allow leaves it no flows", [acl(
            [e(100, "deny", "tcp", 443, 443, "0.0.0.0/0"), e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [])], []],
        ["an entry not known yet with a higher rule number takes nothing from the allow's flows", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), pending(200, "deny", 443, 443, "cidrBlock")], [])],
        [noReturn("ingress[0] (rule 100)", "0.0.0.0/0"), returnNote("ingress[1].cidrBlock", "ingress[1] (rule 200)")]],
        ["an entry not known yet with the allow's own rule number may come first: no violation, only the note", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), pending(100, "deny", 443, 443, "cidrBlock")], [])],
        [returnNote("ingress[1].cidrBlock", "ingress[1] (rule 100)")]],
        ["an earlier deny with an unknown IPv4 CIDR takes nothing from an IPv6 entry's flows", [acl(
            [pending(90, "deny", 443, 443, "cidrBlock"), e(100, "allow", "tcp", 443, 443, "::/0")], [])],
        [noReturn("ingress[1] (rule 100)", "::/0"), returnNote("ingress[0].cidrBlock", "ingress[0] (rule 90)")]],
        ["an earlier deny with an unknown IPv4 CIDR may take all of an IPv4 entry's flows", [acl(
            [pending(90, "deny", 443, 443, "cidrBlock"), e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [])],
        [returnNote("ingress[0].cidrBlock", "ingress[0] (rule 90)")]],
        ["an earlier deny with an unknown IPv6 CIDR takes nothing from an IPv4 entry's flows", [acl(
            [pending(90, "deny", 443, 443, "ipv6CidrBlock"), e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [])],
        [noReturn("ingress[1] (rule 100)", "0.0.0.0/0"), returnNote("ingress[0].ipv6CidrBlock", "ingress[0] (rule 90)")]],
        ["an earlier deny with an unknown IPv6 CIDR may take all of an IPv6 entry's flows", [acl(
            [pending(90, "deny", 443, 443, "ipv6CidrBlock"), e(100, "allow", "tcp", 443, 443, "::/0")], [])],
        [returnNote("ingress[0].ipv6CidrBlock", "ingress[0] (rule 90)")]],
        ["a NetworkAclRule deny with an unknown IPv4 CIDR takes nothing from an IPv6 entry's flows", [
            acl([e(100, "allow", "tcp", 443, 443, "::/0")], []),
            rule("deny-v4", { ruleNumber: 90, ruleAction: "deny", fromPort: 443, toPort: 443, cidrBlock: UNKNOWN }),
        ], [noReturn("ingress[0] (rule 100)", "::/0"), returnNote("cidrBlock", "NetworkAclRule 'deny-v4' (rule 90)")]],
        ["a NetworkAclRule deny with an unknown IPv6 CIDR takes nothing from an IPv4 entry's flows", [
            acl([e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], []),
            rule("deny-v6", { ruleNumber: 90, ruleAction: "deny", fromPort: 443, toPort: 443, ipv6CidrBlock: UNKNOWN }),
        ], [noReturn("ingress[0] (rule 100)", "0.0.0.0/0"), returnNote("ipv6CidrBlock", "NetworkAclRule 'deny-v6' (rule 90)")]],
        ["an outbound entry known to deny, with an unknown CIDR, answers no flow", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [pending(50, "deny", 1024, 65535, "cidrBlock")])],
        [noReturn("ingress[0] (rule 100)", "0.0.0.0/0"), returnNote("egress[0].cidrBlock", "egress[0] (rule 50)", "outbound")]],
        ["an outbound allow with an unknown IPv4 CIDR may answer IPv4 flows: only the note", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [pending(100, "allow", 1024, 65535, "cidrBlock")])],
        [returnNote("egress[0].cidrBlock", "egress[0] (rule 100)", "outbound")]],
        ["an outbound allow with an unknown IPv4 CIDR does not answer IPv6 flows", [acl(
            [e(100, "allow", "tcp", 443, 443, "::/0")], [pending(100, "allow", 1024, 65535, "cidrBlock")])],
        [noReturn("ingress[0] (rule 100)", "::/0"), returnNote("egress[0].cidrBlock", "egress[0] (rule 100)", "outbound")]],
    ];
    for (const [name, resources, expected] of returnCases) {
        it(`return traffic: ${name}`, () => {
            assert.deepStrictEqual(runStackPolicy(returnTraffic, resources), expected);
        });
    }

    it("rules effective: a NetworkAclRule whose action is not known still has its direction, and its rule number duplicates", () => {
        const resources = [
            acl([e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], []),
            rule("pending-action", { ruleNumber: 100, ruleAction: UNKNOWN, cidrBlock: "10.0.0.0/8" }),
        ];
        assert.deepStrictEqual(runStackPolicy(rulesEffective, resources), [{
            level: "advisory", urn: URN,
            message: "Network ACL 'public' has 2 inbound entries with rule number 100: ingress[0] and NetworkAclRule 'pending-action'. " +
                "AWS rejects a second entry with the same rule number in one direction, so the deployment fails. Fix: give each entry " +
                "its own rule number.",
        }, effectiveNote("ruleAction", "inbound entry NetworkAclRule 'pending-action' (rule 100)")]);
    });

    const quota = (count: number, family: string): StackFinding => ({
        level: "advisory", urn: URN,
        message: `Network ACL 'public' has ${count} inbound ${family} entries, more than the 2 allowed per direction and address ` +
            "family. AWS rejects the entries beyond the quota. Fix: merge entries (wider CIDRs or port ranges), or request a quota " +
            "increase (up to 40) and raise maxEntriesPerDirection.",
    });
    for (const [family, key, cidr] of [["IPv4", "cidrBlock", "0.0.0.0/0"], ["IPv6", "ipv6CidrBlock", "::/0"]] as const) {
        it(`rules effective: entries whose ${key} is not known yet count as ${family} entries (inline and NetworkAclRule)`, () => {
            const resources = [
                acl([e(100, "allow", "tcp", 443, 443, cidr), pending(110, "allow", 80, 80, key)], []),
                rule("pending-cidr", { ruleNumber: 120, ruleAction: "allow", [key]: UNKNOWN }),
            ];
            assert.deepStrictEqual(runStackPolicy(rulesEffective, resources, { maxEntriesPerDirection: 2 }), [
                quota(3, family),
                effectiveNote(`ingress[1].${key}`, "inbound entry ingress[1] (rule 110)"),
                effectiveNote(key, "inbound entry NetworkAclRule 'pending-cidr' (rule 120)"),
            ]);
        });
    }

    it("rules effective: an entry naming both CIDR fields may be of either family, so it may take a family past the quota", () => {
        const both = { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlock: "10.0.0.0/8", ipv6CidrBlock: "::/0" };
        const why = "Cannot be evaluated: ingress[1] sets both ingress[1].cidrBlock and ingress[1].ipv6CidrBlock: a network ACL entry has " +
            "exactly one CIDR block.";
        assert.deepStrictEqual(runStackPolicy(rulesEffective, [acl([e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), both], [])],
            { maxEntriesPerDirection: 1 }), [{
            level: "advisory", urn: URN,
            message: `${why} Network ACL 'public' has 1 to 2 inbound IPv4 entries: those whose direction or address family is not known ` +
                "yet cannot be counted against the 1 allowed per direction and address family. Fix the value: AWS rejects it.",
        }, {
            level: "advisory", urn: URN,
            message: `${why} Whether the inbound entry ingress[1] (rule 110) of network ACL 'public' duplicates a rule number, can never ` +
                "match or shadows other entries is not checked until it is known. Fix the value: AWS rejects it.",
        }]);
    });

    it("admin ports: a lone SSH allow from 0.0.0.0/0 decides its own traffic", () => {
        assert.deepStrictEqual(runStackPolicy(adminPorts, [acl([e(100, "allow", "tcp", 22, 22, "0.0.0.0/0")], [])]), [{
            level: "mandatory", urn: URN,
            message: "Network ACL 'public': ingress[0] (rule 100) allows inbound TCP port 22 from 0.0.0.0/0 (every IPv4 address), which " +
                "lets SSH (TCP port 22) in from the whole internet, where scanners find and brute-force admin ports within minutes. Fix: " +
                "Allow admin ports only from trusted CIDRs (a bastion or VPN range) in the network ACL, with the security groups as the " +
                "finer control, or remove the entry and connect with AWS Systems Manager Session Manager, which needs no inbound port at all.",
        }]);
    });
});
