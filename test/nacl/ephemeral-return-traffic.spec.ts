import * as assert from "assert";
import { naclEphemeralReturnTraffic as policy } from "../../policies/nacl/ephemeral-return-traffic";
import { StackFinding, TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const ACL = TYPE.nacl;
const ACL_RULE = TYPE.naclRule;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
type Props = Record<string, unknown>;
const cidrKey = (cidr: string) => (cidr.includes(":") ? "ipv6CidrBlock" : "cidrBlock");
/** An inline entry; a CIDR with ':' is IPv6. */
const e = (ruleNo: number, action: string, protocol: string, fromPort: number, toPort: number, cidr: string): Props =>
    ({ ruleNo, action, protocol, fromPort, toPort, [cidrKey(cidr)]: cidr });
const acl = (ingress: Props[], egress: Props[], extra: Props = {}): TestResource =>
    ({ type: ACL, name: "public", props: { vpcId: "vpc-1", ingress, egress, ...extra } });
/** A NetworkAclRule of ACL 'public': linked by property dependency (ID unknown), or by a known ID. */
const rule = (name: string, byId: string | undefined, egress: boolean, ruleNumber: number, ruleAction: string, protocol: string,
    fromPort: number, toPort: number, cidr: string): TestResource => ({
    type: ACL_RULE, name,
    props: { networkAclId: byId ?? UNKNOWN, ruleNumber, egress, protocol, ruleAction, fromPort, toPort, [cidrKey(cidr)]: cidr },
    ...(byId === undefined ? { propertyDependencies: { networkAclId: ["public"] } } : {}),
});
const URN = urnOf({ type: ACL, name: "public" });

/** The violation for one entry: its flows, the missing return pieces, and the fix. */
function violation(entry: string, flows: string, gaps: string, fix: string, ephemeral = "1024-65535"): StackFinding {
    return {
        level: "mandatory",
        message: `Network ACL 'public': ${entry} allows ${flows}, but the return traffic is not allowed: ${gaps}. Network ACLs ` +
            `are stateless: the replies go to the initiator's ephemeral ports (${ephemeral}), so these connections hang. Fix: ${fix}.`,
        urn: URN,
    };
}

const ALL_BUT_10 = "0.0.0.0/5, 8.0.0.0/7, 11.0.0.0/8, 12.0.0.0/6, 16.0.0.0/4, 32.0.0.0/3, 64.0.0.0/2, 128.0.0.0/1";

describe("nacl-ephemeral-return-traffic", () => {
    it("flags inbound TCP 443 from the world when the outbound direction has no entries (implicit deny), with the full message", () => {
        assert.deepStrictEqual(runStackPolicy(policy, [acl([e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [])]), [{
            level: "mandatory",
            message: "Network ACL 'public': ingress[0] (rule 100) allows inbound TCP 443 from 0.0.0.0/0, but the return traffic " +
                "is not allowed: outbound TCP 1024-65535 to 0.0.0.0/0 is denied by the implicit deny. Network ACLs are stateless: " +
                "the replies go to the initiator's ephemeral ports (1024-65535), so these connections hang. Fix: add an outbound " +
                "allow entry for TCP 1024-65535 to 0.0.0.0/0.",
            urn: URN,
        }]);
    });

    const cases: [string, TestResource[], StackFinding[], Props?][] = [
        ["passes a web tier whose both directions carry the return paths", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), e(200, "allow", "tcp", 1024, 65535, "0.0.0.0/0")],
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), e(200, "allow", "tcp", 1024, 65535, "0.0.0.0/0")])], []],
        ["flags outbound TCP 443 when the inbound direction has no entries (implicit deny)", [acl(
            [], [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")])],
        [violation("egress[0] (rule 100)", "outbound TCP 443 to 0.0.0.0/0",
            "inbound TCP 1024-65535 from 0.0.0.0/0 is denied by the implicit deny",
            "add an inbound allow entry for TCP 1024-65535 from 0.0.0.0/0")]],
        ["names the earlier deny entry that blocks part of the return path", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")],
            [e(90, "deny", "tcp", 2000, 3000, "10.0.0.0/8"), e(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")])],
        [violation("ingress[0] (rule 100)", "inbound TCP 443 from 0.0.0.0/0",
            "outbound TCP 2000-3000 to 10.0.0.0/8 is denied by rule 90",
            "add an outbound allow entry for TCP 1024-65535 to 10.0.0.0/8 with a rule number below 90")]],
        ["IPv6: a deny for half the peer block blocks the return to that half only", [acl(
            [e(100, "allow", "tcp", 22, 22, "2001:db8::/32")],
            [e(50, "deny", "tcp", 1024, 65535, "2001:db8:8000::/33"), e(100, "allow", "tcp", 1024, 65535, "::/0")])],
        [violation("ingress[0] (rule 100)", "inbound TCP 22 from 2001:db8::/32",
            "outbound TCP 1024-65535 to 2001:db8:8000::/33 is denied by rule 50",
            "add an outbound allow entry for TCP 1024-65535 to 2001:db8:8000::/33 with a rule number below 50")]],
        ["IPv4 return entries do not answer IPv6 flows", [acl(
            [e(100, "allow", "tcp", 443, 443, "::/0")], [e(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")])],
        [violation("ingress[0] (rule 100)", "inbound TCP 443 from ::/0", "outbound TCP 1024-65535 to ::/0 is denied by the implicit deny",
            "add an outbound allow entry for TCP 1024-65535 to ::/0")]],
        ["overlapping allows: an earlier allow takes nothing from the later entry's flows", [acl(
            [e(100, "allow", "tcp", 80, 443, "10.0.0.0/8"), e(110, "allow", "tcp", 443, 8443, "0.0.0.0/0")],
            [e(100, "allow", "tcp", 1024, 65535, "10.0.0.0/8")])],
        [violation("ingress[1] (rule 110)", "inbound TCP 443-8443 from 0.0.0.0/0",
            "outbound TCP 1024-65535 to 0.0.0.0/5, 8.0.0.0/7 is denied by the implicit deny; " +
            "outbound TCP 1024-65535 to 11.0.0.0/8, 12.0.0.0/6, 16.0.0.0/4, 32.0.0.0/3, 64.0.0.0/2, 128.0.0.0/1 is denied by the implicit deny",
            `add an outbound allow entry for TCP 1024-65535 to ${ALL_BUT_10}`)]],
        ["a service entry after an inbound return-path entry still starts flows: 1024-65535 then 8080 needs outbound replies", [acl(
            [e(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0"), e(110, "allow", "tcp", 8080, 8080, "10.0.0.0/8")], [])],
        [violation("ingress[1] (rule 110)", "inbound TCP 8080 from 10.0.0.0/8",
            "outbound TCP 1024-65535 to 10.0.0.0/8 is denied by the implicit deny", "add an outbound allow entry for TCP 1024-65535 to 10.0.0.0/8")]],
        ["the same service entry passes when the outbound direction answers on the ephemeral ports", [acl(
            [e(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0"), e(110, "allow", "tcp", 8080, 8080, "10.0.0.0/8")],
            [e(100, "allow", "tcp", 1024, 65535, "10.0.0.0/8")])], []],
        ["an outbound service entry after an outbound all-traffic allow still needs inbound replies (UDP 53 after -1)", [acl(
            [e(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")],
            [e(100, "allow", "-1", 0, 0, "10.0.0.0/8"), e(110, "allow", "udp", 53, 53, "10.0.0.2/32")])],
        [violation("egress[1] (rule 110)", "outbound UDP 53 to 10.0.0.2/32",
            "inbound UDP 1024-65535 from 10.0.0.2/32 is denied by the implicit deny", "add an inbound allow entry for UDP 1024-65535 from 10.0.0.2/32")]],
        ["an earlier undetermined entry known to allow takes nothing from a later entry's flows", [acl(
            [{ ruleNo: 90, action: "allow", protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlock: UNKNOWN }, e(100, "allow", "tcp", 8080, 8080, "0.0.0.0/0")], [])],
        [violation("ingress[1] (rule 100)", "inbound TCP 8080 from 0.0.0.0/0",
            "outbound TCP 1024-65535 to 0.0.0.0/0 is denied by the implicit deny", "add an outbound allow entry for TCP 1024-65535 to 0.0.0.0/0"), {
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].cidrBlock is not known until the resource is created. The inbound " +
                "entry ingress[0] (rule 90) of network ACL 'public' may start flows that need return traffic, shadow other " +
                "entries' flows, or carry their return traffic: the return-path check leaves it out until it is known.",
            urn: URN,
        }]],
        ["an earlier entry whose action is not known may deny: only the note, never a violation that may not hold", [acl(
            [{ ruleNo: 90, action: UNKNOWN, protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlock: "0.0.0.0/0" }, e(100, "allow", "tcp", 8080, 8080, "0.0.0.0/0")], [])],
        [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].action is not known until the resource is created. The inbound " +
                "entry ingress[0] (rule 90) of network ACL 'public' may start flows that need return traffic, shadow other " +
                "entries' flows, or carry their return traffic: the return-path check leaves it out until it is known.",
            urn: URN,
        }]],
        ["an allow shadowed by an earlier deny starts no flows", [acl(
            [e(90, "deny", "tcp", 0, 65535, "0.0.0.0/0"), e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [])], []],
        ["-1 entries both ways: inbound all-traffic starts TCP 0-1023, answered by outbound all-traffic, and vice versa", [acl(
            [e(100, "allow", "-1", 0, 0, "0.0.0.0/0")], [e(100, "allow", "-1", 0, 0, "0.0.0.0/0")])], []],
        ["a -1 inbound entry with no outbound entries: its flows are TCP 0-1023", [acl([e(100, "allow", "-1", 0, 0, "0.0.0.0/0")], [])],
            [violation("ingress[0] (rule 100)", "inbound TCP 0-1023 from 0.0.0.0/0",
                "outbound TCP 1024-65535 to 0.0.0.0/0 is denied by the implicit deny", "add an outbound allow entry for TCP 1024-65535 to 0.0.0.0/0")]],
        ["inbound 1024-65535 starts no flows, and outbound all-traffic to ports 0-1023 is answered by it", [acl(
            [e(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")], [e(100, "allow", "all", 0, 0, "0.0.0.0/0")])], []],
        ["UDP: an outbound UDP 53 flow needs inbound UDP on the ephemeral ports; TCP return entries do not count", [acl(
            [e(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")], [e(100, "allow", "udp", 53, 53, "10.0.0.2/32")])],
        [violation("egress[0] (rule 100)", "outbound UDP 53 to 10.0.0.2/32",
            "inbound UDP 1024-65535 from 10.0.0.2/32 is denied by the implicit deny", "add an inbound allow entry for UDP 1024-65535 from 10.0.0.2/32")]],
        ["UDP flows are answered by an inbound UDP return entry; an all-protocol entry starts no UDP flow", [acl(
            [e(100, "allow", "udp", 1024, 65535, "10.0.0.0/8")], [e(100, "allow", "udp", 53, 53, "10.0.0.2/32"), e(110, "allow", "-1", 0, 0, "10.0.0.0/8")])],
        [violation("egress[1] (rule 110)", "outbound TCP 0-1023 to 10.0.0.0/8",
            "inbound TCP 1024-65535 from 10.0.0.0/8 is denied by the implicit deny", "add an inbound allow entry for TCP 1024-65535 from 10.0.0.0/8")]],
        ["entries declared out of rule-number order: findings in the order AWS evaluates them", [acl(
            [e(300, "allow", "tcp", 22, 22, "0.0.0.0/0"), e(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), e(200, "allow", "tcp", 80, 80, "0.0.0.0/0")], [])],
        [["ingress[1] (rule 100)", "443"], ["ingress[2] (rule 200)", "80"], ["ingress[0] (rule 300)", "22"]].map(([entry, port]) => violation(entry,
            `inbound TCP ${port} from 0.0.0.0/0`, "outbound TCP 1024-65535 to 0.0.0.0/0 is denied by the implicit deny",
            "add an outbound allow entry for TCP 1024-65535 to 0.0.0.0/0"))],
        ["an earlier deny splits an entry's flows: each part is named, by its ports and peers", [acl(
            [e(100, "deny", "tcp", 80, 80, "10.0.0.0/8"), e(200, "allow", "tcp", 80, 443, "0.0.0.0/0")], [])],
        [violation("ingress[1] (rule 200)", `inbound TCP 80-443 from ${ALL_BUT_10}; inbound TCP 81-443 from 10.0.0.0/8`,
            "outbound TCP 1024-65535 to 0.0.0.0/0 is denied by the implicit deny", "add an outbound allow entry for TCP 1024-65535 to 0.0.0.0/0")]],
        ["peers whose part of an all-ports entry is only the ephemeral range start no flows: their return path is not needed", [acl(
            [e(100, "deny", "tcp", 0, 1023, "10.0.0.0/8"), e(200, "allow", "tcp", 0, 65535, "0.0.0.0/0")],
            [e(100, "deny", "tcp", 1024, 65535, "10.0.0.0/8"), e(200, "allow", "tcp", 1024, 65535, "0.0.0.0/0")])], []],
        ["return traffic denied by two deny entries: the fix asks for a rule number below the lower one", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")],
            [e(100, "deny", "tcp", 1024, 65535, "10.0.0.0/8"), e(110, "deny", "tcp", 1024, 65535, "192.168.0.0/16")])],
        [violation("ingress[0] (rule 100)", "inbound TCP 443 from 0.0.0.0/0", "outbound TCP 1024-65535 to 0.0.0.0/5, 8.0.0.0/7 is denied by the " +
            "implicit deny; outbound TCP 1024-65535 to 10.0.0.0/8 is denied by rule 100; outbound TCP 1024-65535 to 11.0.0.0/8, 12.0.0.0/6, " +
            "16.0.0.0/4, 32.0.0.0/3, 64.0.0.0/2, 128.0.0.0/2, 192.0.0.0/9, 192.128.0.0/11, 192.160.0.0/13 is denied by the implicit deny; " +
            "outbound TCP 1024-65535 to 192.168.0.0/16 is denied by rule 110; outbound TCP 1024-65535 to 192.169.0.0/16, 192.170.0.0/15, " +
            "192.172.0.0/14, 192.176.0.0/12, 192.192.0.0/10, 193.0.0.0/8, 194.0.0.0/7, 196.0.0.0/6, 200.0.0.0/5, 208.0.0.0/4, 224.0.0.0/3 " +
            "is denied by the implicit deny", "add an outbound allow entry for TCP 1024-65535 to 0.0.0.0/0 with a rule number below 100")]],
        ["an ICMP entry with an unknown CIDR starts no flows and carries no return traffic: no note", [acl(
            [{ ruleNo: 100, action: "allow", protocol: "icmp", icmpType: -1, icmpCode: -1, fromPort: 0, toPort: 0, cidrBlock: UNKNOWN }], [])], []],
        ...([["udp", 53], ["-1", 0]] as const).map(([protocol, port]): [string, TestResource[], StackFinding[]] => [
            `a ${protocol} entry with an unknown CIDR may start flows: a note`, [acl([e(100, "allow", protocol, port, port, UNKNOWN)], [])], [{
                level: "advisory", urn: URN,
                message: "Cannot be verified at preview: ingress[0].cidrBlock is not known until the resource is created. The inbound entry " +
                    "ingress[0] (rule 100) of network ACL 'public' may start flows that need return traffic, shadow other entries' flows, " +
                    "or carry their return traffic: the return-path check leaves it out until it is known.",
            }]]),
        ["a NACL split across inline entries and NetworkAclRule resources linked by property dependency (preview)", [
            acl([e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], []),
            rule("return-low", undefined, true, 100, "allow", "tcp", 1024, 65535, "0.0.0.0/1"),
            rule("https-v6", undefined, false, 110, "allow", "6", 443, 443, "::/0"),
        ], [
            violation("ingress[0] (rule 100)", "inbound TCP 443 from 0.0.0.0/0",
                "outbound TCP 1024-65535 to 128.0.0.0/1 is denied by the implicit deny", "add an outbound allow entry for TCP 1024-65535 to 128.0.0.0/1"),
            violation("NetworkAclRule 'https-v6' (rule 110)", "inbound TCP 443 from ::/0",
                "outbound TCP 1024-65535 to ::/0 is denied by the implicit deny", "add an outbound allow entry for TCP 1024-65535 to ::/0"),
        ]],
        ["the same split NACL linked by known IDs (update): the rules join the ACL whose id they name", [
            acl([e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [], { id: "acl-1" }),
            rule("return-low", "acl-1", true, 100, "allow", "tcp", 1024, 65535, "0.0.0.0/1"),
            rule("return-high", "acl-1", true, 110, "allow", "tcp", 1024, 65535, "128.0.0.0/1"),
        ], []],
        ["after a deploy the ACL's outputs echo its rules' entries: identical entries count once", [
            acl([e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [e(100, "allow", "6", 1024, 65535, "0.0.0.0/0")], { id: "acl-1" }),
            rule("return", "acl-1", true, 100, "allow", "tcp", 1024, 65535, "0.0.0.0/0"),
        ], []],
        ["custom ephemeralPorts 32768-60999: a return entry for exactly that range is enough", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [e(100, "allow", "tcp", 32768, 60999, "0.0.0.0/0")])], [],
        { ephemeralPorts: "32768-60999" }],
        ["the default ephemeral range flags the same return entry for the ports it leaves out", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [e(100, "allow", "tcp", 32768, 60999, "0.0.0.0/0")])],
        [violation("ingress[0] (rule 100)", "inbound TCP 443 from 0.0.0.0/0",
            "outbound TCP 1024-32767 to 0.0.0.0/0 is denied by the implicit deny; outbound TCP 61000-65535 to 0.0.0.0/0 is denied by the implicit deny",
            "add an outbound allow entry for TCP 1024-65535 to 0.0.0.0/0"),
        // 32768-60999 does not cover the whole default range, so it is not a return-path entry: it starts flows.
        violation("egress[0] (rule 100)", "outbound TCP 32768-60999 to 0.0.0.0/0",
            "inbound TCP 1024-65535 from 0.0.0.0/0 is denied by the implicit deny", "add an inbound allow entry for TCP 1024-65535 from 0.0.0.0/0")]],
        ["custom ephemeralPorts: an entry covering 32768-60999 is a return-path entry and starts flows only outside it", [acl(
            [e(100, "allow", "tcp", 1024, 65535, "10.0.0.0/8")], [e(100, "allow", "tcp", 443, 443, "10.0.0.0/8")])],
        [violation("ingress[0] (rule 100)", "inbound TCP 1024-32767, 61000-65535 from 10.0.0.0/8",
            "outbound TCP 32768-60999 to 10.0.0.0/8 is denied by the implicit deny", "add an outbound allow entry for TCP 32768-60999 to 10.0.0.0/8",
            "32768-60999")], { ephemeralPorts: "32768-60999" }],
        ["unknown CIDR: a note for it, and definite violations of entries before it, on other ports and of the other family still reported", [acl(
            [e(50, "allow", "tcp", 80, 80, "0.0.0.0/0"), { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: UNKNOWN },
                e(110, "allow", "tcp", 443, 443, "::/0"), e(120, "allow", "tcp", 8080, 8080, "0.0.0.0/0")], [])],
        [
            violation("ingress[0] (rule 50)", "inbound TCP 80 from 0.0.0.0/0",
                "outbound TCP 1024-65535 to 0.0.0.0/0 is denied by the implicit deny", "add an outbound allow entry for TCP 1024-65535 to 0.0.0.0/0"),
            violation("ingress[2] (rule 110)", "inbound TCP 443 from ::/0",
                "outbound TCP 1024-65535 to ::/0 is denied by the implicit deny", "add an outbound allow entry for TCP 1024-65535 to ::/0"),
            violation("ingress[3] (rule 120)", "inbound TCP 8080 from 0.0.0.0/0",
                "outbound TCP 1024-65535 to 0.0.0.0/0 is denied by the implicit deny", "add an outbound allow entry for TCP 1024-65535 to 0.0.0.0/0"),
            {
                level: "advisory",
                message: "Cannot be verified at preview: ingress[1].cidrBlock is not known until the resource is created. The inbound " +
                    "entry ingress[1] (rule 100) of network ACL 'public' may start flows that need return traffic, shadow other " +
                    "entries' flows, or carry their return traffic: the return-path check leaves it out until it is known.",
                urn: URN,
            },
        ]],
        ["an unknown CIDR on the same port may shadow a later entry: only the note, never a violation that may not hold", [acl(
            [{ ruleNo: 100, action: "deny", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: UNKNOWN }, e(110, "allow", "tcp", 443, 443, "0.0.0.0/0")], [])],
        [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].cidrBlock is not known until the resource is created. The inbound " +
                "entry ingress[0] (rule 100) of network ACL 'public' may start flows that need return traffic, shadow other " +
                "entries' flows, or carry their return traffic: the return-path check leaves it out until it is known.",
            urn: URN,
        }]],
        ["an unknown CIDR on the return side may allow the return: a note, no violation", [acl(
            [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")], [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: UNKNOWN }])],
        [{
            level: "advisory",
            message: "Cannot be verified at preview: egress[0].cidrBlock is not known until the resource is created. The outbound " +
                "entry egress[0] (rule 100) of network ACL 'public' may start flows that need return traffic, shadow other " +
                "entries' flows, or carry their return traffic: the return-path check leaves it out until it is known.",
            urn: URN,
        }]],
        ["an invalid CIDR is a violation", [acl([{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "10.0.0.300/8" }],
            [e(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")])],
        [{
            level: "mandatory",
            message: "Cannot be evaluated: invalid IPv4 CIDR '10.0.0.300/8' in ingress[0].cidrBlock. The inbound entry ingress[0] (rule 100) " +
                "of network ACL 'public' may start flows that need return traffic, shadow other entries' flows, or carry their " +
                "return traffic: the return-path check leaves it out until it is known. Fix the value: AWS rejects it.",
            urn: URN,
        }]],
        ["a NetworkAclRule whose ACL cannot be told yet is a note on the rule", [
            { type: ACL_RULE, name: "orphan", props: { networkAclId: UNKNOWN, ruleNumber: 100, egress: false, protocol: "tcp", ruleAction: "allow", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" } },
        ], [{
            level: "advisory",
            message: "Cannot be verified at preview: networkAclId is not known until the resource is created. NetworkAclRule 'orphan' cannot " +
                "be linked to its network ACL, so its flows and return paths cannot be checked with the ACL's other entries.",
            urn: urnOf({ type: ACL_RULE, name: "orphan" }),
        }]],
        ["a NetworkAclRule of an ACL outside the stack is a note on the rule", [rule("external", "acl-other", false, 100, "allow", "tcp", 22, 22, "0.0.0.0/0")],
            [{
                level: "advisory",
                message: "NetworkAclRule 'external' adds an entry to network ACL acl-other, which is not in this stack: its flows and " +
                    "return paths cannot be checked with the ACL's other entries.",
                urn: urnOf({ type: ACL_RULE, name: "external" }),
            }]],
        ["the default network ACL is checked too", [{
            type: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", name: "default",
            props: { defaultNetworkAclId: "acl-d", ingress: [e(100, "allow", "tcp", 443, 443, "0.0.0.0/0")] },
        }], [{
            level: "mandatory",
            message: "Default network ACL 'default': ingress[0] (rule 100) allows inbound TCP 443 from 0.0.0.0/0, but the return " +
                "traffic is not allowed: outbound TCP 1024-65535 to 0.0.0.0/0 is denied by the implicit deny. Network ACLs are " +
                "stateless: the replies go to the initiator's ephemeral ports (1024-65535), so these connections hang. Fix: add an " +
                "outbound allow entry for TCP 1024-65535 to 0.0.0.0/0.",
            urn: urnOf({ type: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", name: "default" }),
        }]],
        ["reports bad configuration as a violation naming the key", [], [{
            level: "mandatory",
            message: "Invalid configuration for policy 'nacl-ephemeral-return-traffic': ephemeralPorts (\"70000-80000\") should be a " +
                "port range \"from-to\" within 0-65535.",
        }], { ephemeralPorts: "70000-80000" }],
    ];
    for (const [name, resources, expected, config] of cases) {
        it(name, () => assert.deepStrictEqual(runStackPolicy(policy, resources, config), expected));
    }
});
