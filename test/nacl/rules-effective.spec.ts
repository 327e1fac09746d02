import * as assert from "assert";
import { naclRulesEffective as policy } from "../../policies/nacl/rules-effective";
import { StackFinding, TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const ACL = TYPE.nacl;
const ACL_RULE = TYPE.naclRule;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
type Props = Record<string, unknown>;
const e = (ruleNo: number, action: string, protocol: string, fromPort: number, toPort: number, cidr: string, extra: Props = {}): Props =>
    ({ ruleNo, action, protocol, fromPort, toPort, [cidr.includes(":") ? "ipv6CidrBlock" : "cidrBlock"]: cidr, ...extra });
const acl = (ingress: Props[], egress: Props[] = [], extra: Props = {}): TestResource =>
    ({ type: ACL, name: "public", props: { vpcId: "vpc-1", ingress, egress, ...extra } });
const URN = urnOf({ type: ACL, name: "public" });
const finding = (message: string): StackFinding => ({ level: "advisory", message, urn: URN });
const shadowed = (entry: string, what: string, by: string, many = false) => finding(`Network ACL 'public': the ${entry}, ${what}, can never ` +
    `match: ${by} ${many ? "are evaluated first and already match" : "is evaluated first and already matches"} all of its traffic. Fix: remove ` +
    "it, or give it a rule number below the entries that shadow it (AWS evaluates entries in ascending rule-number order).");
const DUP_TAIL = "AWS rejects a second entry with the same rule number in one direction, so the deployment fails. Fix: give each entry its own rule number.";

describe("nacl-rules-effective", () => {
    const cases: [string, TestResource[], StackFinding[], Props?][] = [
        ["passes entries that each match something", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), e(110, "deny", "tcp", 0, 65535, "0.0.0.0/0"), e(120, "allow", "udp", 53, 53, "0.0.0.0/0")])], []],
        ["flags a duplicate rule number within one direction (inline and NetworkAclRule)", [
            acl([e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")]),
            { type: ACL_RULE, name: "dup", props: { networkAclId: UNKNOWN, ruleNumber: 100, egress: false, protocol: "tcp", ruleAction: "deny", fromPort: 22, toPort: 22, cidrBlock: "10.0.0.0/8" }, propertyDependencies: { networkAclId: ["public"] } },
        ], [finding(`Network ACL 'public' has 2 inbound entries with rule number 100: ingress[0] and NetworkAclRule 'dup'. ${DUP_TAIL}`)]],
        ["an identical entry echoed in the ACL's outputs by its NetworkAclRule is not a duplicate", [
            acl([e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [], { id: "acl-1" }),
            { type: ACL_RULE, name: "same", props: { networkAclId: "acl-1", ruleNumber: 100, egress: false, protocol: "6", ruleAction: "allow", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" } },
        ], []],
        ["flags an entry that earlier entries of both actions cover together", [acl(
            [e(100, "allow", "tcp", 0, 1023, "10.0.0.0/8"), e(110, "deny", "-1", 0, 0, "10.128.0.0/9"), e(120, "allow", "tcp", 80, 2000, "10.0.0.0/9"), e(130, "deny", "tcp", 1000, 1024, "10.0.0.0/8")])],
        [shadowed("inbound entry ingress[3] (rule 130)", "deny TCP ports 1000-1024 from 10.0.0.0/8", "rule 100, rule 110 and rule 120", true)]],
        ["passes an entry that is covered except for one port", [acl(
            [e(100, "allow", "tcp", 0, 1023, "10.0.0.0/8"), e(110, "deny", "tcp", 1000, 1025, "10.0.0.0/8")])], []],
        ["an all-protocol entry is shadowed only by all-protocol entries", [acl(
            [e(100, "allow", "tcp", 0, 65535, "0.0.0.0/0"), e(110, "allow", "udp", 0, 65535, "0.0.0.0/0"), e(120, "deny", "-1", 0, 0, "0.0.0.0/0"),
                e(130, "deny", "-1", 0, 0, "10.0.0.0/8")])],
        [shadowed("inbound entry ingress[3] (rule 130)", "deny all traffic (every protocol and port) from 10.0.0.0/8", "rule 120")]],
        ["ICMP: type 8 of all codes is shadowed by all types; type -1 is not shadowed by type 8", [acl(
            [e(100, "allow", "icmp", 0, 0, "0.0.0.0/0", { icmpType: -1, icmpCode: -1 }), e(110, "deny", "icmp", 0, 0, "10.0.0.0/8", { icmpType: 8, icmpCode: -1 })],
            [e(100, "allow", "icmp", 0, 0, "0.0.0.0/0", { icmpType: 8, icmpCode: -1 }), e(110, "allow", "icmp", 0, 0, "0.0.0.0/0", { icmpType: -1, icmpCode: -1 })])],
        [shadowed("inbound entry ingress[1] (rule 110)", "deny ICMP type 8 from 10.0.0.0/8", "rule 100")]],
        ["IPv4 entries never shadow IPv6 entries", [acl([e(100, "deny", "-1", 0, 0, "0.0.0.0/0"), e(110, "allow", "tcp", 443, 443, "::/0")])], []],
        ["flags more entries per direction and family than configured", [acl(
            [e(100, "allow", "tcp", 1, 1, "0.0.0.0/0"), e(110, "allow", "tcp", 2, 2, "0.0.0.0/0"), e(120, "allow", "tcp", 3, 3, "0.0.0.0/0"), e(130, "allow", "tcp", 4, 4, "::/0")])],
        [finding("Network ACL 'public' has 3 inbound IPv4 entries, more than the 2 allowed per direction and address family. AWS " +
            "rejects the entries beyond the quota. Fix: merge entries (wider CIDRs or port ranges), or request a quota increase (up to 40) " +
            "and raise maxEntriesPerDirection.")], { maxEntriesPerDirection: 2 }],
        ["notes an unknown CIDR and still flags the duplicate beside it", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), e(100, "deny", "tcp", 22, 22, "0.0.0.0/0"), { ruleNo: 200, action: "allow", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlock: UNKNOWN }])],
        [finding(`Network ACL 'public' has 2 inbound entries with rule number 100: ingress[0] and ingress[1]. ${DUP_TAIL}`), {
            level: "advisory",
            message: "Cannot be verified at preview: ingress[2].cidrBlock is not known until the resource is created. Whether the inbound " +
                "entry ingress[2] (rule 200) of network ACL 'public' duplicates a rule number, can never match or shadows other entries " +
                "is not checked until it is known.",
            urn: URN,
        }]],
        ["reports bad configuration as a violation naming the key", [], [{
            level: "advisory",
            message: "Invalid configuration for policy 'nacl-rules-effective': maxEntriesPerDirection (41) should be an integer from 1 to 40.",
        }], { maxEntriesPerDirection: 41 }],
    ];
    for (const [name, resources, expected, config] of cases) {
        it(name, () => assert.deepStrictEqual(runStackPolicy(policy, resources, config), expected));
    }
});

describe("nacl-rules-effective: the quota counts entries whose direction or family is not known yet only when they could exceed it", () => {
    const unknownEntries = (n: number): TestResource[] => Array.from({ length: n }, (_, i) => ({
        type: ACL_RULE, name: `maybe-${i + 1}`, props: { networkAclId: UNKNOWN, ruleNumber: 300 + i, egress: UNKNOWN, protocol: "tcp", ruleAction: "allow", fromPort: 80, toPort: 80, cidrBlock: "10.0.0.0/8" },
        propertyDependencies: { networkAclId: ["public"] },
    }));
    const twoV4 = acl([e(100, "allow", "tcp", 1, 1, "0.0.0.0/0"), e(110, "allow", "tcp", 2, 2, "0.0.0.0/0")]);
    const quotaNote = (count: string): StackFinding => ({
        level: "advisory", urn: URN,
        message: `Cannot be verified at preview: egress is not known until the resource is created. Network ACL 'public' has ${count} ` +
            "inbound IPv4 entries: those whose direction or address family is not known yet cannot be counted against the 2 allowed " +
            "per direction and address family.",
    });
    const entryNote = (i: number): StackFinding => ({
        level: "advisory", urn: URN,
        message: `Cannot be verified at preview: egress is not known until the resource is created. Whether the entry (direction not known) NetworkAclRule 'maybe-${i}' (rule ${299 + i}) ` +
            "of network ACL 'public' duplicates a rule number, can never match or shadows other entries is not checked until it is known.",
    });

    it("two inbound IPv4 entries and one of unknown direction, quota 2: a quota note with the range of counts", () => {
        assert.deepStrictEqual(runStackPolicy(policy, [twoV4, ...unknownEntries(1)], { maxEntriesPerDirection: 2 }), [quotaNote("2 to 3"), entryNote(1)]);
    });

    it("one inbound IPv4 entry and one of unknown direction, quota 2: no quota note", () => {
        const one = acl([e(100, "allow", "tcp", 1, 1, "0.0.0.0/0")]);
        assert.deepStrictEqual(runStackPolicy(policy, [one, ...unknownEntries(1)], { maxEntriesPerDirection: 2 }), [entryNote(1)]);
    });
});

describe("nacl-rules-effective: scenarios", () => {
    const run = (resources: TestResource[], config?: Props) => runStackPolicy(policy, resources, config);
    const NOT_CHECKED = "of network ACL 'public' duplicates a rule number, can never match or shadows other entries is not checked until it is known.";
    const icmp = (ruleNo: number, action: string, cidr: string, icmpType: unknown, icmpCode: unknown, protocol = "icmp") =>
        e(ruleNo, action, protocol, 0, 0, cidr, { icmpType, icmpCode });

    it("entries declared out of rule-number order: duplicates and shadowed entries reported in rule-number order", () => {
        assert.deepStrictEqual(run([acl([e(200, "allow", "udp", 53, 53, "10.0.0.0/8"), e(200, "allow", "udp", 54, 54, "10.0.0.0/8"),
            e(130, "deny", "tcp", 443, 443, "10.0.0.0/8"), e(120, "deny", "tcp", 22, 22, "10.0.0.0/8"),
            e(110, "allow", "tcp", 0, 1023, "10.0.0.0/9"), e(100, "allow", "tcp", 0, 1023, "10.128.0.0/9"),
            e(90, "allow", "udp", 1, 1, "0.0.0.0/0"), e(90, "allow", "udp", 2, 2, "0.0.0.0/0")])]), [
            finding(`Network ACL 'public' has 2 inbound entries with rule number 90: ingress[6] and ingress[7]. ${DUP_TAIL}`),
            finding(`Network ACL 'public' has 2 inbound entries with rule number 200: ingress[0] and ingress[1]. ${DUP_TAIL}`),
            shadowed("inbound entry ingress[3] (rule 120)", "deny TCP port 22 from 10.0.0.0/8", "rule 100 and rule 110", true),
            shadowed("inbound entry ingress[2] (rule 130)", "deny TCP port 443 from 10.0.0.0/8", "rule 100 and rule 110", true),
        ]);
    });

    it("a later rule number never shadows an earlier one, whatever the declaration order", () => {
        assert.deepStrictEqual(run([acl([e(100, "deny", "tcp", 443, 443, "10.0.0.0/8"), e(110, "allow", "-1", 0, 0, "0.0.0.0/0")])]), []);
    });

    it("ICMP and ICMPv6 entries: what each shows, and which earlier type or code shadows them", () => {
        assert.deepStrictEqual(run([acl([
            icmp(100, "allow", "10.0.0.0/8", 3, -1), icmp(110, "deny", "10.0.0.0/8", 3, 4),
            icmp(120, "allow", "10.0.0.0/8", 8, 0), icmp(130, "allow", "10.0.0.0/8", 8, 3),
            e(140, "deny", "-1", 0, 0, "192.168.0.0/16"), icmp(150, "allow", "192.168.0.0/16", -1, -1),
        ], [
            icmp(100, "allow", "::/0", 128, -1, "58"), icmp(110, "deny", "2001:db8::/32", 128, 0, "58"),
        ])]), [
            shadowed("inbound entry ingress[1] (rule 110)", "deny ICMP type 3 code 4 from 10.0.0.0/8", "rule 100"),
            shadowed("inbound entry ingress[5] (rule 150)", "allow ICMP all types from 192.168.0.0/16", "rule 140"),
            shadowed("outbound entry egress[1] (rule 110)", "deny ICMPv6 type 128 code 0 to 2001:db8::/32", "rule 100"),
        ]);
    });

    it("a shadowed entry names only the earlier entries of its family, protocol, addresses and ports that overlap it", () => {
        assert.deepStrictEqual(run([acl([
            e(80, "deny", "-1", 0, 0, "0.0.0.0/0"), e(85, "deny", "-1", 0, 0, "::/0"), e(120, "deny", "tcp", 443, 443, "::/0"),
        ])]), [
            shadowed("inbound entry ingress[2] (rule 120)", "deny TCP port 443 from ::/0", "rule 85"),
        ]);
        assert.deepStrictEqual(run([acl([
            e(95, "deny", "tcp", 443, 443, "9.0.0.0/8"), e(96, "deny", "tcp", 2000, 3000, "10.0.0.0/31"), e(97, "deny", "udp", 443, 443, "10.0.0.0/31"),
            e(100, "allow", "tcp", 443, 443, "10.0.0.0/32"), e(110, "allow", "tcp", 0, 1023, "10.0.0.1/32"), e(115, "deny", "tcp", 443, 443, "10.0.0.2/32"),
            e(130, "deny", "tcp", 443, 443, "10.0.0.0/31"),
        ])]), [shadowed("inbound entry ingress[6] (rule 130)", "deny TCP port 443 from 10.0.0.0/31", "rule 100 and rule 110", true)]);
    });

    it("an earlier ICMP entry whose type is not known yet shadows nothing", () => {
        assert.deepStrictEqual(run([acl([icmp(100, "allow", "0.0.0.0/0", UNKNOWN, -1), icmp(110, "deny", "10.0.0.0/8", 8, 0)])]), [finding(
            "Cannot be verified at preview: ingress[0].icmpType is not known until the resource is created. Whether the inbound entry ingress[0] " +
            `(rule 100) ${NOT_CHECKED}`)]);
    });

    it("an ICMP entry with its type not known yet and an invalid code: the note names the invalid code", () => {
        assert.deepStrictEqual(run([acl([icmp(100, "allow", "0.0.0.0/0", UNKNOWN, 300)])]), [finding(
            "Cannot be evaluated: ICMP value 300 in ingress[0].icmpCode is outside -1-255. Whether the inbound entry ingress[0] (rule 100) " +
            `${NOT_CHECKED} Fix the value: AWS rejects it.`)]);
    });

    it("the quota counts an entry of unknown family only in its own direction, as 'maybe'", () => {
        const note = (dir: string, path: string) => finding(`Cannot be verified at preview: ${path} is not known until the resource is created. ` +
            `Whether the ${dir} entry ${path} (rule number not known) ${NOT_CHECKED}`);
        assert.deepStrictEqual(run([acl([e(100, "allow", "tcp", 1, 1, "0.0.0.0/0"), UNKNOWN as unknown as Props])], { maxEntriesPerDirection: 1 }), [
            finding("Cannot be verified at preview: ingress[1] is not known until the resource is created. Network ACL 'public' has 1 to 2 " +
                "inbound IPv4 entries: those whose direction or address family is not known yet cannot be counted against the 1 allowed per " +
                "direction and address family."),
            note("inbound", "ingress[1]"),
        ]);
        assert.deepStrictEqual(run([acl([e(100, "allow", "tcp", 1, 1, "0.0.0.0/0")], [UNKNOWN as unknown as Props])], { maxEntriesPerDirection: 1 }),
            [note("outbound", "egress[0]")]);
    });
});
