import * as assert from "assert";
import { normaliseRules, SgRule } from "../../policies/model/sg-rules";
import { isUndetermined, Undetermined } from "../../policies/model/values";
import { reaches } from "../../policies/model/rule-traffic";
import { MAX_PRUNE, PeerBlock, WorldExposure, possibleWorldExposures, worldExposures } from "../../policies/model/world";
import { parseCidr } from "../../policies/net/cidr";
import { interval } from "../../policies/net/intervals";
import { ALL_TRAFFIC, NO_TRAFFIC, TrafficSet } from "../../policies/net/traffic";
import { UNKNOWN } from "../util/run-policy";
import { TYPE } from "../util/types";

/** A vpc.SecurityGroupIngressRule (one block) named `name`: its own resource, as in a stack. */
function rule(name: string, cidr: string, protocol: string | number, ports?: [unknown, unknown]): SgRule {
    const key = cidr.includes(":") ? "cidrIpv6" : "cidrIpv4";
    const props: Record<string, unknown> = { ipProtocol: protocol, [key]: cidr, securityGroupId: "sg-1" };
    if (ports) {
        props.fromPort = ports[0];
        props.toPort = ports[1];
    }
    const set = normaliseRules({ urn: `urn:pulumi:test::test::${TYPE.vpcIngress}::${name}`, name, type: TYPE.vpcIngress, props });
    assert.ok(set && set.rules.length === 1, "test setup: one rule");
    return set.rules[0];
}

/** Inline rules of one security group 'web' (one resource), one per block. */
function inlineRules(...rules: { cidr: string; protocol: string; from: number; to: number }[]): SgRule[] {
    const ingress = rules.map((r) => ({ protocol: r.protocol, fromPort: r.from, toPort: r.to, cidrBlocks: [r.cidr] }));
    const set = normaliseRules({ urn: `urn:pulumi:test::test::${TYPE.sg}::web`, name: "web", type: TYPE.sg, props: { description: "d", ingress } });
    assert.ok(set, "test setup: a rule set");
    return set.rules;
}

const ports = (...ranges: [number, number][]) => ranges.map(([a, b]) => interval(a, b));
const tcp = (...ranges: [number, number][]): TrafficSet => ({ ...NO_TRAFFIC, tcp: ports(...ranges) });

/** [family, rule names, minimal, traffic] of each exposure. */
function brief(exposures: WorldExposure[]): [number, string[], boolean, TrafficSet][] {
    return exposures.map((e) => [e.family, e.rules.map((r) => `${r.origin.name}${r.origin.rulePath ? `.${r.origin.peerPath}` : ""}`), e.minimal, e.traffic]);
}

describe("model/world: the world, judged per port", () => {
    describe("worldExposures (one resource's view)", () => {
        const cases: [string, SgRule[], TrafficSet | undefined, ReturnType<typeof brief>][] = [
            ["a whole-family rule is an exposure on its own traffic",
                [rule("a", "0.0.0.0/0", "tcp", [22, 22])], undefined, [[4, ["a"], true, tcp([22, 22])]]],
            ["a whole-family rule's exposure keeps only the traffic asked about",
                [rule("a", "::/0", "tcp", [0, 1000])], tcp([22, 22], [80, 80]), [[6, ["a"], true, tcp([22, 22], [80, 80])]]],
            ["a whole-family rule outside the traffic asked about is no exposure",
                [rule("a", "0.0.0.0/0", "tcp", [443, 443])], tcp([22, 22]), []],
            ["halves on the same port are the world on that port",
                [rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("b", "128.0.0.0/1", "tcp", [22, 22])], undefined, [[4, ["a", "b"], true, tcp([22, 22])]]],
            ["halves on different ports (TCP 22 and TCP 3389) are the world on no port",
                [rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("b", "128.0.0.0/1", "tcp", [3389, 3389])], undefined, []],
            ["halves on different protocols (TCP 53 and UDP 53) are the world on nothing",
                [rule("a", "0.0.0.0/1", "tcp", [53, 53]), rule("b", "128.0.0.0/1", "udp", [53, 53])], undefined, []],
            ["overlapping ranges (20-25 and 22) are the world on exactly the shared port",
                [rule("a", "0.0.0.0/1", "tcp", [20, 25]), rule("b", "128.0.0.0/1", "tcp", [22, 22])], undefined, [[4, ["a", "b"], true, tcp([22, 22])]]],
            ["overlapping ranges (20-25 and 23-30) are the world on 23-25",
                [rule("a", "0.0.0.0/1", "tcp", [20, 25]), rule("b", "128.0.0.0/1", "6", [23, 30])], undefined, [[4, ["a", "b"], true, tcp([23, 25])]]],
            ["the shared ports are cut to the traffic asked about",
                [rule("a", "0.0.0.0/1", "tcp", [20, 25]), rule("b", "128.0.0.0/1", "tcp", [0, 65535])], tcp([22, 22], [3389, 3389]), [[4, ["a", "b"], true, tcp([22, 22])]]],
            ["an all-protocol half and a TCP half are the world on the TCP half's ports",
                [rule("a", "0.0.0.0/1", "-1"), rule("b", "128.0.0.0/1", "tcp", [22, 22])], undefined, [[4, ["a", "b"], true, tcp([22, 22])]]],
            ["an all-protocol half and an ICMP half are the world on ICMP (protocol 1)",
                [rule("a", "0.0.0.0/1", "-1"), rule("b", "128.0.0.0/1", "icmp", [-1, -1])], undefined, [[4, ["a", "b"], true, { ...NO_TRAFFIC, other: ports([1, 1]) }]]],
            ["an all-protocol half and a protocol-47 half are the world on protocol 47",
                [rule("a", "0.0.0.0/1", "all"), rule("b", "128.0.0.0/1", 47)], undefined, [[4, ["a", "b"], true, { ...NO_TRAFFIC, other: ports([47, 47]) }]]],
            ["two all-protocol halves are the world on all traffic",
                [rule("a", "::/1", "-1"), rule("b", "8000::/1", "-1")], undefined, [[6, ["a", "b"], true, ALL_TRAFFIC]]],
            ["atoms with different minimal sets are separate exposures (20-22 via b, 25-30 via c)",
                [rule("a", "0.0.0.0/1", "tcp", [20, 30]), rule("b", "128.0.0.0/1", "tcp", [20, 22]), rule("c", "128.0.0.0/1", "tcp", [25, 30])], undefined,
                [[4, ["a", "b"], true, tcp([20, 22])], [4, ["a", "c"], true, tcp([25, 30])]]],
            ["atoms with the same minimal set are one exposure, a block no atom needs is not named",
                [rule("a", "0.0.0.0/1", "tcp", [0, 100]), rule("c", "10.0.0.0/8", "tcp", [40, 60]), rule("b", "128.0.0.0/1", "tcp", [0, 100])], undefined,
                [[4, ["a", "b"], true, tcp([0, 100])]]],
            ["a whole-family rule and split halves on one port are two exposures",
                [rule("w", "0.0.0.0/0", "tcp", [22, 22]), rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("b", "128.0.0.0/1", "tcp", [22, 22])], undefined,
                [[4, ["w"], true, tcp([22, 22])], [4, ["a", "b"], true, tcp([22, 22])]]],
            ["IPv4 and IPv6 halves do not mix",
                [rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("b", "8000::/1", "tcp", [22, 22])], undefined, []],
            ["names only the blocks needed to cover (10.0.0.0/8 is not)",
                inlineRules({ cidr: "10.0.0.0/8", protocol: "tcp", from: 22, to: 22 }, { cidr: "0.0.0.0/1", protocol: "tcp", from: 22, to: 22 },
                    { cidr: "128.0.0.0/1", protocol: "tcp", from: 22, to: 22 }), undefined,
                [[4, ["web.ingress[1].cidrBlocks[0]", "web.ingress[2].cidrBlocks[0]"], true, tcp([22, 22])]]],
            ["of two rules with the same block, the earlier one is dropped: one exposure through the later, on TCP 22-23",
                [rule("a", "0.0.0.0/1", "tcp", [22, 23]), rule("b", "128.0.0.0/1", "tcp", [22, 22]), rule("c", "128.0.0.0/1", "tcp", [22, 23])], undefined,
                [[4, ["a", "c"], true, tcp([22, 23])]]],
            ["a rule with an unknown port is left out of the definite decision",
                [rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("b", "128.0.0.0/1", "tcp", [22, UNKNOWN])], undefined, []],
        ];
        for (const [name, rules, within, expected] of cases) {
            it(name, () => assert.deepStrictEqual(brief(worldExposures(rules, { within })), expected));
        }

        it("judges each port of a group of 24 rules on its own blocks: TCP 10 through three, TCP 20 through two", () => {
            // Rules 1, 2 and 3 cover the family on TCP 10, rules 1 and 23 on TCP 20; the others are narrow blocks on ports of their own.
            const narrow = (i: number) => rule(`n${i}`, "10.0.0.0/8", "tcp", [1000 + i, 1000 + i]);
            const rules = [narrow(0), rule("a", "0.0.0.0/1", "tcp", [10, 20]), rule("b", "128.0.0.0/2", "tcp", [10, 10]),
                rule("c", "192.0.0.0/2", "tcp", [9, 10]), ...Array.from({ length: 19 }, (_, i) => narrow(i + 4)), rule("d", "128.0.0.0/1", "tcp", [20, 20])];
            assert.deepStrictEqual(brief(worldExposures(rules)), [[4, ["a", "b", "c"], true, tcp([10, 10])], [4, ["a", "d"], true, tcp([20, 20])]]);
        });

        it(`names every block, not minimal, when more than ${MAX_PRUNE} blocks reach one atom`, () => {
            const many = Array.from({ length: MAX_PRUNE - 1 }, (_, i) => ({ cidr: `10.0.${i}.0/24`, protocol: "tcp", from: 22, to: 22 }));
            const rules = inlineRules(...many, { cidr: "0.0.0.0/1", protocol: "tcp", from: 22, to: 22 }, { cidr: "128.0.0.0/1", protocol: "tcp", from: 22, to: 22 });
            const [e, ...rest] = worldExposures(rules);
            assert.deepStrictEqual([rest, e.minimal, e.rules.length, e.traffic], [[], false, MAX_PRUNE + 1, tcp([22, 22])]);
            const fewer = worldExposures(rules.slice(1));
            assert.deepStrictEqual(fewer.map((x) => [x.minimal, x.rules.map((r) => r.origin.peerPath)]),
                [[true, [`ingress[${MAX_PRUNE - 1}].cidrBlocks[0]`, `ingress[${MAX_PRUNE}].cidrBlocks[0]`]]]);
        });
    });

    describe("worldExposures across resources (the stack view)", () => {
        const across = (rules: SgRule[], within?: TrafficSet) => brief(worldExposures(rules, { within, acrossResources: true }));
        it("reports halves from two resources", () =>
            assert.deepStrictEqual(across([rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("b", "128.0.0.0/1", "tcp", [22, 22])]),
                [[4, ["a", "b"], true, tcp([22, 22])]]));
        it("leaves an exposure one resource makes alone to that resource", () =>
            assert.deepStrictEqual(across(inlineRules({ cidr: "0.0.0.0/1", protocol: "tcp", from: 22, to: 22 }, { cidr: "128.0.0.0/1", protocol: "tcp", from: 22, to: 22 })), []));
        it("leaves a whole-family rule to its resource, and reports the split on the ports it does not reach", () =>
            assert.deepStrictEqual(across([rule("w", "0.0.0.0/0", "tcp", [22, 22]), rule("a", "0.0.0.0/1", "tcp", [20, 25]), rule("b", "128.0.0.0/1", "tcp", [20, 25])]),
                [[4, ["a", "b"], true, tcp([20, 21], [23, 25])]]));
        it("does not report a port where one resource's own blocks cover the family, though others reach it too", () => {
            const own = inlineRules({ cidr: "0.0.0.0/1", protocol: "tcp", from: 22, to: 22 }, { cidr: "128.0.0.0/1", protocol: "tcp", from: 22, to: 22 });
            assert.deepStrictEqual(across([...own, rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("b", "128.0.0.0/1", "tcp", [22, 22])]), []);
        });
    });

    describe("worldExposures with blocks through prefix lists (the stack view)", () => {
        /** A vpc.SecurityGroupIngressRule whose peer is the prefix list `id`. */
        const viaList = (name: string, id: string, ports: [number, number]): SgRule => {
            const props = { ipProtocol: "tcp", fromPort: ports[0], toPort: ports[1], prefixListId: id, securityGroupId: "sg-1" };
            const set = normaliseRules({ urn: `urn:pulumi:test::test::${TYPE.vpcIngress}::${name}`, name, type: TYPE.vpcIngress, props });
            assert.ok(set && set.rules.length === 1, "test setup: one rule");
            return set.rules[0];
        };
        const block = (cidr: string, why?: Undetermined): PeerBlock => {
            const c = parseCidr(cidr);
            assert.ok(c, "test setup: a CIDR");
            return { family: c.family, range: c.range, text: `entry ${cidr}`, peer: "list", ...(why ? { why, condition: "if" } : {}) };
        };
        const lists: Record<string, PeerBlock[]> = {
            "pl-world": [block("0.0.0.0/0")], "pl-low": [block("0.0.0.0/1")], "pl-halves": [block("0.0.0.0/1"), block("128.0.0.0/1")],
            "pl-later": [block("0.0.0.0/1"), block("0.0.0.0/0", { undetermined: "unknown", path: "entries", reason: "entries of 'later' is not known" })],
        };
        const q = (within?: TrafficSet) => ({ within, acrossResources: true, peerBlocks: (r: SgRule) =>
            (!isUndetermined(r.peer) && r.peer.kind === "prefix-list" && typeof r.peer.id === "string" ? lists[r.peer.id] : undefined) });
        /** [rule names, blocks (the entry's text, or the CIDR), traffic] of each exposure. */
        const blocks = (found: WorldExposure[]) => found.map((e) => [e.rules.map((r) => r.origin.name),
            e.blocks.map((b) => b.via?.text ?? (!isUndetermined(b.rule.peer) && b.rule.peer.kind === "cidr" ? b.rule.peer.cidr.text : "?")), e.traffic]);

        it("a list holding 0.0.0.0/0 is the world on its own, though one resource holds the rule", () =>
            assert.deepStrictEqual(blocks(worldExposures([viaList("a", "pl-world", [22, 22])], q())), [[["a"], ["entry 0.0.0.0/0"], tcp([22, 22])]]));
        it("a list's two halves are the world together", () =>
            assert.deepStrictEqual(blocks(worldExposures([viaList("a", "pl-halves", [20, 25])], q(tcp([22, 22])))), [[["a"], ["entry 0.0.0.0/1", "entry 128.0.0.0/1"], tcp([22, 22])]]));
        it("a list's half and a CIDR half are the world on the ports both reach", () =>
            assert.deepStrictEqual(blocks(worldExposures([viaList("a", "pl-low", [20, 25]), rule("b", "128.0.0.0/1", "tcp", [22, 30])], q())),
                [[["a", "b"], ["entry 0.0.0.0/1", "128.0.0.0/1"], tcp([22, 25])]]));
        it("a list and a CIDR half of one resource are still the stack's to report: the resource cannot see the list", () => {
            const set = normaliseRules({ urn: `urn:pulumi:test::test::${TYPE.sg}::web`, name: "web", type: TYPE.sg,
                props: { description: "d", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["128.0.0.0/1"], prefixListIds: ["pl-low"] }] } });
            assert.ok(set, "test setup: a rule set");
            assert.deepStrictEqual(blocks(worldExposures(set.rules, q())), [[["web", "web"], ["128.0.0.0/1", "entry 0.0.0.0/1"], tcp([22, 22])]]);
        });
        it("a list outside the stack (no blocks) is no exposure", () =>
            assert.deepStrictEqual(blocks(worldExposures([viaList("a", "pl-0aws", [22, 22]), rule("b", "128.0.0.0/1", "tcp", [22, 22])], q())), []));
        it("without the stack's blocks (the resource view) a list is no exposure", () =>
            assert.deepStrictEqual(worldExposures([viaList("a", "pl-world", [22, 22])]), []));
        it("a rule whose peer is a security group admits no blocks, whatever blocks are told for it", () => {
            const props = { ipProtocol: "tcp", fromPort: 22, toPort: 22, referencedSecurityGroupId: "sg-2", securityGroupId: "sg-1" };
            const set = normaliseRules({ urn: `urn:pulumi:test::test::${TYPE.vpcIngress}::a`, name: "a", type: TYPE.vpcIngress, props });
            assert.ok(set && set.rules.length === 1, "test setup: one rule");
            const every = { acrossResources: true, peerBlocks: () => [block("0.0.0.0/0")] };
            assert.deepStrictEqual(worldExposures(set.rules, every), []);
            assert.deepStrictEqual(blocks(worldExposures([viaList("b", "pl-0aws", [22, 22])], every)), [[["b"], ["entry 0.0.0.0/0"], tcp([22, 22])]]);
        });
        it("a block the list only may hold is left out of the definite decision and makes a possible exposure", () => {
            const rules = [viaList("a", "pl-later", [22, 22])];
            assert.deepStrictEqual(worldExposures(rules, q()), []);
            assert.deepStrictEqual(possibleWorldExposures(rules, q()).map((e) => [e.rules.map((r) => r.origin.name),
                e.peerUndetermined.map((b) => b.via?.text), e.why.reason, e.whyOnPeer, e.traffic]),
            [[["a"], ["entry 0.0.0.0/0"], "entries of 'later' is not known", true, tcp([22, 22])]]);
        });
        it("no possible exposure when the known blocks already cover the family", () => {
            const rules = [viaList("a", "pl-later", [22, 22]), rule("b", "128.0.0.0/1", "tcp", [22, 22])];
            assert.deepStrictEqual(blocks(worldExposures(rules, q())), [[["a", "b"], ["entry 0.0.0.0/1", "128.0.0.0/1"], tcp([22, 22])]]);
            assert.deepStrictEqual(possibleWorldExposures(rules, q()), []);
        });
    });

    describe("possibleWorldExposures", () => {
        const brief2 = (rules: SgRule[], within?: TrafficSet) => possibleWorldExposures(rules, { within }).map((e) =>
            [e.rules.map((r) => r.origin.name), e.trafficUndetermined.map((r) => r.origin.name), e.why.undetermined, e.why.path, e.whyRule.origin.name, e.traffic]);
        it("a half with an unknown port may make the world on the other half's port", () =>
            assert.deepStrictEqual(brief2([rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("b", "128.0.0.0/1", "tcp", [UNKNOWN, 30])]),
                [[["a", "b"], ["b"], "unknown", "fromPort", "b", tcp([22, 22])]]));
        it("a half with an unknown protocol may make the world on whatever the other half allows", () =>
            assert.deepStrictEqual(brief2([rule("a", "0.0.0.0/1", "udp", [53, 53]), rule("b", "128.0.0.0/1", UNKNOWN)]),
                [[["a", "b"], ["b"], "unknown", "ipProtocol", "b", { ...NO_TRAFFIC, udp: ports([53, 53]) }]]));
        it("an invalid port is the reason before an unknown one", () =>
            assert.deepStrictEqual(brief2([rule("a", "0.0.0.0/1", "tcp", [22, UNKNOWN]), rule("b", "128.0.0.0/1", "tcp", [22, 70000])], tcp([22, 22])),
                [[["a", "b"], ["a", "b"], "invalid", "toPort", "b", tcp([22, 22])]]));
        it("nothing when the known rules already cover (the definite exposure is reported)", () =>
            assert.deepStrictEqual(brief2([rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("c", "0.0.0.0/1", "tcp", [UNKNOWN, UNKNOWN]), rule("b", "128.0.0.0/1", "tcp", [22, 22])]), []));
        it("nothing when the undetermined rule cannot reach the traffic asked about (UDP, unknown ports; TCP 22 asked)", () =>
            assert.deepStrictEqual(brief2([rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("b", "128.0.0.0/1", "udp", [UNKNOWN, UNKNOWN])], tcp([22, 22])), []));
        it("nothing for an unknown CIDR: alone it may be the whole family, which its own resource notes", () =>
            assert.deepStrictEqual(brief2([rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("b", UNKNOWN, "tcp", [22, 22])]), []));
        it("halves whose group is undetermined may be one group's world", () => {
            const rules = [rule("a", "0.0.0.0/1", "tcp", [22, 22]), rule("b", "128.0.0.0/1", "tcp", [22, 22])];
            const why = { undetermined: "unknown" as const, path: "securityGroupId", reason: "securityGroupId is not known until the resource is created" };
            const found = possibleWorldExposures(rules, { acrossResources: true, groupUndetermined: () => why });
            assert.deepStrictEqual(found.map((e) => [e.rules.map((r) => r.origin.name), e.groupUndetermined.map((r) => r.origin.name), e.why, e.traffic]),
                [[["a", "b"], ["a", "b"], why, tcp([22, 22])]]);
            assert.deepStrictEqual(worldExposures(rules, { acrossResources: true, groupUndetermined: () => why }), []);
        });
    });

    describe("worldExposures asked about any traffic at all (anyTraffic)", () => {
        it("counts a whole-family rule whose ports are not known yet, on every TCP port it may allow", () => {
            const r = rule("a", "0.0.0.0/0", "tcp", [UNKNOWN, UNKNOWN]);
            assert.deepStrictEqual(brief(worldExposures([r], { anyTraffic: true })), [[4, ["a"], true, tcp([0, 65535])]]);
            assert.deepStrictEqual(worldExposures([r]), []);
        });
        it("counts a whole-family rule whose protocol is not known yet, on all traffic", () => {
            assert.deepStrictEqual(brief(worldExposures([rule("a", "::/0", UNKNOWN)], { anyTraffic: true })), [[6, ["a"], true, ALL_TRAFFIC]]);
        });
        it("does not count a split world one of whose halves has ports not known yet: the halves may share no port", () => {
            const rules = [rule("a", "0.0.0.0/1", "tcp", [443, 443]), rule("b", "128.0.0.0/1", "tcp", [UNKNOWN, UNKNOWN])];
            assert.deepStrictEqual(worldExposures(rules, { anyTraffic: true }), []);
        });
        it("does not count a narrower rule whose ports are not known yet", () => {
            assert.deepStrictEqual(worldExposures([rule("a", "10.0.0.0/8", "tcp", [UNKNOWN, UNKNOWN])], { anyTraffic: true }), []);
        });
        it("still leaves a rule whose ports are known to the per-port judgement", () => {
            const rules = [rule("a", "0.0.0.0/1", "tcp", [443, 443]), rule("b", "128.0.0.0/1", "tcp", [80, 443])];
            assert.deepStrictEqual(brief(worldExposures(rules, { anyTraffic: true })), [[4, ["a", "b"], true, tcp([443, 443])]]);
        });
    });

    describe("reaches", () => {
        const admin = tcp([22, 22]);
        const cases: [string, SgRule, unknown][] = [
            ["yes: TCP 20-25 reaches TCP 22", rule("a", "10.0.0.0/8", "tcp", [20, 25]), "yes"],
            ["no: UDP 22 does not reach TCP 22", rule("a", "10.0.0.0/8", "udp", [22, 22]), "no"],
            ["no: UDP with unknown ports cannot reach TCP 22", rule("a", "10.0.0.0/8", "udp", [UNKNOWN, UNKNOWN]), "no"],
            ["yes: all protocols reach TCP 22", rule("a", "10.0.0.0/8", "-1"), "yes"],
            ["undetermined: TCP with an unknown port", rule("a", "10.0.0.0/8", "tcp", [UNKNOWN, 30]),
                { undetermined: "unknown", path: "fromPort", reason: "fromPort is not known until the resource is created" }],
        ];
        for (const [name, r, expected] of cases) {
            it(name, () => assert.deepStrictEqual(reaches(r, admin), expected));
        }
    });
});
