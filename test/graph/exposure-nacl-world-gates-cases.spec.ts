/**
 * What a network ACL of the stack lets in from the internet and back out (naclGate), and AWS's
 * default ACL of a VPC the stack creates (allowAllGate): the segments with the entries that decide
 * them, the traffic that surely and possibly passes, and the doubt.
 */
import * as assert from "assert";
import { allowAllGate, naclGate } from "../../policies/graph/exposure/nacl-world";
import { TrafficGate } from "../../policies/graph/exposure/path";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

type Props = Record<string, unknown>;

const U = n.U;
const ACL = urnOf({ type: TYPE.nacl, name: "web-acl" });
const MAIN = urnOf({ type: TYPE.vpc, name: "main" });
const EPHEMERAL = { from: 1024, to: 65535 };
const NONE = { tcp: [], udp: [], other: [] };
const ALL_PORTS = [{ lo: 0n, hi: 65535n }];
const REPLIES = [{ lo: 1024n, hi: 65535n }];
const port = (p: number) => ({ lo: BigInt(p), hi: BigInt(p) });
const tcpOnly = (ports: { lo: bigint; hi: bigint }[]) => ({ tcp: ports, udp: [], other: [] });
const allowReplies = n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0");

/** The gate of the VPC's NetworkAcl 'web-acl' with these inline entries, for IPv4. */
function gate(ingress: Props[], egress: Props[]): TrafficGate {
    const resources: TestResource[] = [n.vpc(), {
        type: TYPE.nacl, name: "web-acl", props: { vpcId: U, subnetIds: [], ingress, egress }, propertyDependencies: { vpcId: ["main"] },
    }];
    const node = stackModel(resources).naclGraph.nacls[0];
    return naclGate(node, 4, EPHEMERAL);
}

/** A hop through an inline entry of 'web-acl'. */
const hop = (kind: "nacl-in" | "nacl-out", path: string, ruleNumber: number, ports: { lo: bigint; hi: bigint }[]) =>
    ({ kind, urn: ACL, path, acl: ACL, protocol: "tcp", ports, ruleNumber });

/** `count` TCP denies of single high ports from one address, rules 1 to `count`. */
const fillers = (count: number) => Array.from({ length: count }, (_, i) => n.entry(i + 1, "deny", "tcp", 40000 + i, 40000 + i, "192.0.2.1/32"));

describe("graph: exposure, what a network ACL lets in from the internet", () => {
    it("two ports, each opened to the internet by its own entry: one segment per entry", () => {
        const g = gate([n.entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0"), n.entry(110, "allow", "tcp", 80, 80, "0.0.0.0/0")], [allowReplies]);
        assert.deepStrictEqual(g, {
            segments: [
                { traffic: tcpOnly([port(22)]), hops: [hop("nacl-in", "ingress[0]", 100, [port(22)]), hop("nacl-out", "egress[0]", 100, REPLIES)] },
                { traffic: tcpOnly([port(80)]), hops: [hop("nacl-in", "ingress[1]", 110, [port(80)]), hop("nacl-out", "egress[0]", 100, REPLIES)] },
            ],
            definite: tcpOnly([port(22), port(80)]),
            possible: tcpOnly([port(22), port(80)]),
        });
    });

    it("one port opened by two halves of the internet (entries 2 and 3), another by the 13th entry alone: separate segments", () => {
        const ingress = [
            n.entry(1, "deny", "tcp", 40000, 40000, "192.0.2.1/32"),
            n.entry(2, "allow", "tcp", 443, 443, "0.0.0.0/1"),
            n.entry(3, "allow", "tcp", 443, 443, "128.0.0.0/1"),
            ...fillers(9).map((e, i) => ({ ...e, ruleNo: 4 + i })),
            n.entry(13, "allow", "tcp", 22, 22, "0.0.0.0/0"),
        ];
        const g = gate(ingress, [allowReplies]);
        assert.deepStrictEqual(g.segments, [
            { traffic: tcpOnly([port(22)]), hops: [hop("nacl-in", "ingress[12]", 13, [port(22)]), hop("nacl-out", "egress[0]", 100, REPLIES)] },
            { traffic: tcpOnly([port(443)]), hops: [
                hop("nacl-in", "ingress[1]", 2, [port(443)]), hop("nacl-in", "ingress[2]", 3, [port(443)]), hop("nacl-out", "egress[0]", 100, REPLIES),
            ] },
        ]);
        assert.deepStrictEqual(g.definite, tcpOnly([port(22), port(443)]));
    });

    it("a port open inbound, but no entry lets the replies out: nothing passes, surely or possibly", () => {
        assert.deepStrictEqual(gate([n.entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0")], []), { segments: [], definite: NONE, possible: NONE });
    });

    it("an inbound allow whose CIDR is not known yet: the port possibly passes, with the CIDR as the doubt", () => {
        const g = gate([n.entry(100, "allow", "tcp", 22, 22, U)], [allowReplies]);
        assert.deepStrictEqual(g, {
            segments: [],
            definite: NONE,
            possible: tcpOnly([port(22)]),
            doubt: { why: { undetermined: "unknown", path: "ingress[0].cidrBlock", reason: "ingress[0].cidrBlock is not known until the resource is created" }, urn: ACL },
        });
    });

    it("the outbound allow of the replies has a CIDR not known yet: the open port possibly passes, surely not", () => {
        const g = gate([n.entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0")], [n.entry(100, "allow", "tcp", 1024, 65535, U)]);
        assert.deepStrictEqual(g, {
            segments: [],
            definite: NONE,
            possible: tcpOnly([port(22)]),
            doubt: { why: { undetermined: "unknown", path: "egress[0].cidrBlock", reason: "egress[0].cidrBlock is not known until the resource is created" }, urn: ACL },
        });
    });

    it("101 inbound entries, more than AWS allows: every TCP and UDP port possibly passes, with the size as the doubt", () => {
        assert.deepStrictEqual(gate(fillers(101), [allowReplies]), {
            segments: [],
            definite: NONE,
            possible: { tcp: ALL_PORTS, udp: ALL_PORTS, other: [] },
            doubt: {
                why: { undetermined: "invalid", path: "ingress", reason: "network ACL 'web-acl' has 101 entries in one direction, more than AWS allows" },
                urn: ACL,
            },
        });
    });

    it("102 outbound entries, more than AWS allows: the doubt names the egress entries", () => {
        assert.deepStrictEqual(gate([n.entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0")], fillers(102)), {
            segments: [],
            definite: NONE,
            possible: { tcp: ALL_PORTS, udp: ALL_PORTS, other: [] },
            doubt: {
                why: { undetermined: "invalid", path: "egress", reason: "network ACL 'web-acl' has 102 entries in one direction, more than AWS allows" },
                urn: ACL,
            },
        });
    });
});

describe("graph: exposure, AWS's default network ACL of a VPC the stack creates", () => {
    it("IPv4: every TCP and UDP port passes, through rule 100 in and the clients' ephemeral ports out", () => {
        const base = { urn: MAIN, path: "", acl: MAIN, ruleNumber: 100, awsDefault: true };
        const replies = [{ lo: 32768n, hi: 60999n }];
        assert.deepStrictEqual(allowAllGate(MAIN, 4, { from: 32768, to: 60999 }), {
            segments: [
                { traffic: { tcp: ALL_PORTS, udp: [], other: [] }, hops: [
                    { kind: "nacl-in", ...base, protocol: "tcp", ports: ALL_PORTS }, { kind: "nacl-out", ...base, protocol: "tcp", ports: replies },
                ] },
                { traffic: { tcp: [], udp: ALL_PORTS, other: [] }, hops: [
                    { kind: "nacl-in", ...base, protocol: "udp", ports: ALL_PORTS }, { kind: "nacl-out", ...base, protocol: "udp", ports: replies },
                ] },
            ],
            definite: { tcp: ALL_PORTS, udp: ALL_PORTS, other: [] },
            possible: { tcp: ALL_PORTS, udp: ALL_PORTS, other: [] },
        });
    });
});
