/**
 * What one network ACL lets in from the internet and back out: the entries it evaluates, with those
 * not known yet widened to what they may match, and the ports on which the allow entries that decide
 * them hold the whole address family. Each ACL is written out entry by entry.
 */
import * as assert from "assert";
import { NaclNode } from "../../policies/graph/nacl";
import { evaluatedEntries, naclGate } from "../../policies/graph/exposure/nacl-world";
import { stackResource } from "../../policies/graph/resource";
import { NaclEntry } from "../../policies/model/nacl-entries";
import { unknownAt } from "../../policies/model/values";
import { Cidr, parseCidr } from "../../policies/net/cidr";
import { Protocol } from "../../policies/net/protocol";
import { TYPE } from "../util/types";

const ACL = "urn:pulumi:test::test::aws:ec2/networkAcl:NetworkAcl::web-acl";
const EPHEMERAL = { from: 1024, to: 65535 };
const ALL: Protocol = { kind: "all" };
const TCP: Protocol = { kind: "tcp" };
const UDP: Protocol = { kind: "udp" };
const ALL_PORTS = { from: 0, to: 65535 };
const V4_ALL = parseCidr("0.0.0.0/0") as Cidr;
const V6_ALL = parseCidr("::/0") as Cidr;

type Fields = Pick<NaclEntry, "ruleNumber" | "action" | "protocol" | "ports" | "cidr">;

/** An inline entry of the ACL at `path`: by default rule 100, allowing everything from every IPv4 address. */
function entry(path: string, fields: Partial<Fields> = {}): NaclEntry {
    return {
        egress: path.startsWith("egress"), ruleNumber: 100, action: "allow", protocol: ALL, ports: ALL_PORTS, cidr: V4_ALL,
        ...fields, origin: { urn: ACL, name: "web-acl", type: TYPE.nacl, path },
    };
}

function node(entries: NaclEntry[]): NaclNode {
    const resource = stackResource({ urn: ACL, name: "web-acl", type: TYPE.nacl, props: {}, dependencies: [], propertyDependencies: {} });
    return { resource, isDefault: false, entries, rules: [], subnets: [], subnetsUndetermined: [] };
}

/** A hop through the entry at `path` of the ACL. */
const hop = (kind: "nacl-in" | "nacl-out", path: string, protocol: "tcp" | "udp", ruleNumber: number, ports: { lo: bigint; hi: bigint }[]) =>
    ({ kind, urn: ACL, path, acl: ACL, protocol, ports, ruleNumber });

const EVERY_PORT = [{ lo: 0n, hi: 65535n }];
const REPLY_PORTS = [{ lo: 1024n, hi: 65535n }];
const OUT_ALL = entry("egress[0]");

describe("graph: exposure, what a network ACL lets in from the internet", () => {
    it("an entry not known yet whose CIDR is IPv6 is evaluated for IPv6 only", () => {
        const pendingV6 = entry("ingress[0]", { ruleNumber: unknownAt("ingress[0].ruleNo"), action: "deny", cidr: V6_ALL });
        const view = { known: [], undetermined: [pendingV6] };
        assert.deepStrictEqual(evaluatedEntries(view, 4, true), []);
        assert.deepStrictEqual(evaluatedEntries(view, 6, true), [
            { entry: { ruleNumber: 0, action: "deny", protocol: ALL, ports: ALL_PORTS, cidr: V6_ALL } },
        ]);
    });

    describe("entries not known yet among known ones, in rule-number order", () => {
        const known300 = { egress: false, ruleNumber: 300, action: "allow" as const, protocol: TCP, ports: ALL_PORTS, cidr: V4_ALL,
            origin: { urn: ACL, name: "web-acl", type: TYPE.nacl, path: "ingress[0]" } };
        const known100 = { ...known300, ruleNumber: 100, action: "deny" as const, origin: { ...known300.origin, path: "ingress[1]" } };
        const view = {
            known: [known300, known100],
            undetermined: [
                entry("ingress[2]", { ruleNumber: 200, action: unknownAt("ingress[2].action"), protocol: UDP, ports: { from: 53, to: 53 } }),
                entry("ingress[3]", { ruleNumber: unknownAt("ingress[3].ruleNo"), action: "allow", protocol: TCP, ports: { from: 80, to: 80 } }),
                entry("ingress[4]", { ruleNumber: 100, action: "deny", protocol: unknownAt("ingress[4].protocol"), ports: unknownAt("ingress[4].fromPort") }),
            ],
        };

        it("what surely passes: those that may deny come in as denies, first among entries of the same number", () => {
            assert.deepStrictEqual(evaluatedEntries(view, 4, true), [
                { entry: { ruleNumber: 100, action: "deny", protocol: ALL, ports: ALL_PORTS, cidr: V4_ALL } },
                { entry: known100, source: known100 },
                { entry: { ruleNumber: 200, action: "deny", protocol: UDP, ports: { from: 53, to: 53 }, cidr: V4_ALL } },
                { entry: known300, source: known300 },
            ]);
        });

        it("what may pass: those that may allow come in as allows, one of no known number first", () => {
            assert.deepStrictEqual(evaluatedEntries(view, 4, false), [
                { entry: { ruleNumber: 0, action: "allow", protocol: TCP, ports: { from: 80, to: 80 }, cidr: V4_ALL } },
                { entry: known100, source: known100 },
                { entry: { ruleNumber: 200, action: "allow", protocol: UDP, ports: { from: 53, to: 53 }, cidr: V4_ALL } },
                { entry: known300, source: known300 },
            ]);
        });
    });

    it("an earlier deny of SSH: the allow of everything lets in every other TCP port, in one segment", () => {
        const gate = naclGate(node([
            entry("ingress[0]", { ruleNumber: 100, action: "deny", protocol: TCP, ports: { from: 22, to: 22 } }),
            entry("ingress[1]", { ruleNumber: 200 }),
            OUT_ALL,
        ]), 4, EPHEMERAL);
        const tcp = [{ lo: 0n, hi: 21n }, { lo: 23n, hi: 65535n }];
        assert.deepStrictEqual(gate, {
            segments: [
                { traffic: { tcp, udp: [], other: [] }, hops: [hop("nacl-in", "ingress[1]", "tcp", 200, tcp), hop("nacl-out", "egress[0]", "tcp", 100, REPLY_PORTS)] },
                { traffic: { tcp: [], udp: EVERY_PORT, other: [] },
                    hops: [hop("nacl-in", "ingress[1]", "udp", 200, EVERY_PORT), hop("nacl-out", "egress[0]", "udp", 100, REPLY_PORTS)] },
            ],
            definite: { tcp, udp: EVERY_PORT, other: [] },
            possible: { tcp, udp: EVERY_PORT, other: [] },
        });
    });

    it("an allow of a few ports before an allow of everything: each entry decides its own ports", () => {
        const gate = naclGate(node([
            entry("ingress[0]", { ruleNumber: 100, protocol: TCP, ports: { from: 1000, to: 2000 } }),
            entry("ingress[1]", { ruleNumber: 200 }),
            OUT_ALL,
        ]), 4, EPHEMERAL);
        const rest = [{ lo: 0n, hi: 999n }, { lo: 2001n, hi: 65535n }];
        const few = [{ lo: 1000n, hi: 2000n }];
        const reply = hop("nacl-out", "egress[0]", "tcp", 100, REPLY_PORTS);
        assert.deepStrictEqual(gate, {
            segments: [
                { traffic: { tcp: rest, udp: [], other: [] }, hops: [hop("nacl-in", "ingress[1]", "tcp", 200, rest), reply] },
                { traffic: { tcp: few, udp: [], other: [] }, hops: [hop("nacl-in", "ingress[0]", "tcp", 100, few), reply] },
                { traffic: { tcp: [], udp: EVERY_PORT, other: [] },
                    hops: [hop("nacl-in", "ingress[1]", "udp", 200, EVERY_PORT), hop("nacl-out", "egress[0]", "udp", 100, REPLY_PORTS)] },
            ],
            definite: { tcp: EVERY_PORT, udp: EVERY_PORT, other: [] },
            possible: { tcp: EVERY_PORT, udp: EVERY_PORT, other: [] },
        });
    });

    it("allows of UDP only and of IPv6 only let no IPv4 TCP in", () => {
        const gate = naclGate(node([
            entry("ingress[0]", { ruleNumber: 100, protocol: UDP }),
            entry("ingress[1]", { ruleNumber: 110, cidr: V6_ALL }),
            OUT_ALL,
        ]), 4, EPHEMERAL);
        assert.deepStrictEqual(gate, {
            segments: [
                { traffic: { tcp: [], udp: EVERY_PORT, other: [] },
                    hops: [hop("nacl-in", "ingress[0]", "udp", 100, EVERY_PORT), hop("nacl-out", "egress[0]", "udp", 100, REPLY_PORTS)] },
            ],
            definite: { tcp: [], udp: EVERY_PORT, other: [] },
            possible: { tcp: [], udp: EVERY_PORT, other: [] },
        });
    });
});
