/**
 * The exposure model's paths for a resource whose subnet cannot be told or is outside the stack (a
 * possible path with its address hop and the placement doubt), the hops of a path that two segments
 * of a network ACL or a group share (named once), and the doubt a possible path names when two layers each
 * hinge on a value of their own (the layer whose doubt leaves the path's traffic open).
 */
import * as assert from "assert";
import { ExposurePath, Hop } from "../../policies/graph/exposure/exposure";
import { StackModel } from "../../policies/graph/stack";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
const WEB = urnOf({ type: TYPE.instance, name: "web" });
const SG = urnOf({ type: TYPE.sg, name: "web-sg" });
const tcp = (...ports: number[]) => ({ tcp: ports.map((p) => ({ lo: BigInt(p), hi: BigInt(p) })), udp: [], other: [] });
const ADDRESS: Hop = { kind: "public-address", urn: WEB, path: "associatePublicIpAddress", family: 4, source: "own-flag" };

/** 'web-sg' in the main VPC with these inline ingress rules. */
const webSg = (ingress: Record<string, unknown>[]): TestResource => ({ ...n.group("web-sg", ingress), propertyDependencies: { vpcId: ["main"] } });

/** 'web', an instance on 'web-sg' with these inputs, placed by `subnetDeps` (none: no subnet dependency). */
const web = (props: Record<string, unknown>, subnetDeps: string[] = []): TestResource => ({ type: TYPE.instance, name: "web",
    props: { ami: "ami-1", instanceType: "t3.micro", vpcSecurityGroupIds: [U], ...props },
    propertyDependencies: { vpcSecurityGroupIds: ["web-sg"], ...(subnetDeps.length > 0 ? { subnetId: subnetDeps } : {}) } });

function directOf(resources: TestResource[]) {
    const model = stackModel(resources);
    return { model, direct: model.exposure.direct(model.byUrn.get(WEB) as NonNullable<ReturnType<typeof model.byUrn.get>>) };
}

/** [kind, resource name, property path] of each hop. */
function hops(model: StackModel, path: ExposurePath): [string, string, string][] {
    return path.hops.map((h) => [h.kind, model.byUrn.get(h.urn)?.name ?? h.urn, h.path]);
}

describe("graph: exposure paths, unplaced resources, shared hops and the doubt of a possible path", () => {
    it("an instance with a public address and no subnetId: a possible IPv4 path with its address hop, hinging on the account's default VPC", () => {
        const { direct } = directOf([...n.network(), webSg([n.tcpFromWorld(22)]), web({ associatePublicIpAddress: true })]);
        assert.deepStrictEqual([direct.paths, direct.possible], [[], [{
            resource: WEB, family: 4, traffic: tcp(22), hops: [ADDRESS],
            doubt: { why: { undetermined: "unknown", path: "subnetId",
                reason: "subnetId is not set, so AWS puts the resource in the account's default VPC, whose routes and network ACLs are not in this stack" },
            urn: WEB, outside: true },
        }]]);
    });

    it("an instance with a public address in a subnet outside the stack, its group admitting every protocol: a possible path on TCP and UDP only", () => {
        const { direct } = directOf([...n.network(), webSg([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
            web({ associatePublicIpAddress: true, subnetId: "subnet-0shared" })]);
        const every = [{ lo: 0n, hi: 65535n }];
        assert.deepStrictEqual([direct.paths, direct.possible], [[], [{
            resource: WEB, family: 4, traffic: { tcp: every, udp: every, other: [] }, hops: [ADDRESS],
            doubt: { why: { undetermined: "unknown", path: "subnetId", reason: "subnet subnet-0shared is not in this stack, so its routes and network ACL cannot be checked" },
                urn: WEB, outside: true },
        }]]);
    });

    it("an instance with no subnetId whose group admits nothing: no path and no possible one", () => {
        const { direct } = directOf([...n.network(), webSg([]), web({ associatePublicIpAddress: true })]);
        assert.deepStrictEqual([direct.paths, direct.possible], [[], []]);
    });

    it("an instance with no subnetId and associatePublicIpAddress false: no public address, so no possible path", () => {
        const { direct } = directOf([...n.network(), webSg([n.tcpFromWorld(22)]), web({ associatePublicIpAddress: false })]);
        assert.deepStrictEqual([direct.paths, direct.possible], [[], []]);
    });

    it("a network ACL admitting SSH and HTTP by two entries with one outbound entry for the replies: the path names that outbound entry once", () => {
        const acl = n.acl("public-acl", "public-a", [n.entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0"), n.entry(110, "allow", "tcp", 80, 80, "0.0.0.0/0")],
            [n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")]);
        const { model, direct } = directOf([...n.network(), acl, webSg([n.tcpFromWorld(22), n.tcpFromWorld(80)]),
            web({ associatePublicIpAddress: true, subnetId: U }, ["public-a"])]);
        assert.deepStrictEqual(direct.paths.map((p) => [p.traffic, hops(model, p)]), [[tcp(22, 80), [
            ["route", "public", "routes[0]"],
            ["public-address", "web", "associatePublicIpAddress"],
            ["nacl-in", "public-acl", "ingress[0]"],
            ["nacl-out", "public-acl", "egress[0]"],
            ["nacl-in", "public-acl", "ingress[1]"],
            ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"],
            ["sg-rule", "web-sg", "ingress[1].cidrBlocks[0]"],
        ]]]);
        assert.deepStrictEqual(direct.possible, []);
    });

    it("an ACL entry that lets in every TCP port after a narrower one on half the world: its hop names every port it decides, not those of its first segment", () => {
        const acl = n.acl("public-acl", "public-a", [n.entry(100, "allow", "tcp", 0, 100, "0.0.0.0/1"), n.entry(110, "allow", "tcp", 0, 65535, "0.0.0.0/0")],
            [n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")]);
        const { direct } = directOf([...n.network(), acl, webSg([{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }]),
            web({ associatePublicIpAddress: true, subnetId: U }, ["public-a"])]);
        const naclHops = direct.paths.flatMap((p) => p.hops).filter((h) => h.kind === "nacl-in" || h.kind === "nacl-out")
            .map((h) => [h.kind, h.path, "ports" in h ? h.ports.map((i) => [Number(i.lo), Number(i.hi)]) : []]);
        assert.deepStrictEqual(naclHops, [
            ["nacl-in", "ingress[0]", [[0, 100]]],
            ["nacl-in", "ingress[1]", [[0, 65535]]],
            ["nacl-out", "egress[0]", [[1024, 65535]]],
        ]);
    });

    it("one group rule on half the world and two on the other half, on SSH and HTTP: the rule on the first half is a hop once", () => {
        const rule = (cidr: string, from: number, to: number) => ({ protocol: "tcp", fromPort: from, toPort: to, cidrBlocks: [cidr] });
        const { model, direct } = directOf([...n.network(), webSg([rule("0.0.0.0/1", 0, 65535), rule("128.0.0.0/1", 22, 22), rule("128.0.0.0/1", 80, 80)]),
            web({ associatePublicIpAddress: true, subnetId: U }, ["public-a"])]);
        assert.deepStrictEqual(direct.paths.map((p) => [p.traffic, hops(model, p).filter((h) => h[0] === "sg-rule")]), [[tcp(22, 80), [
            ["sg-rule", "web-sg", "ingress[0].cidrBlocks[0]"],
            ["sg-rule", "web-sg", "ingress[1].cidrBlocks[0]"],
            ["sg-rule", "web-sg", "ingress[2].cidrBlocks[0]"],
        ]]]);
    });

    it("an outbound ACL entry for the replies that decides fewer ports on half the world after a deny: its hop names every port it decides", () => {
        const acl = n.acl("public-acl", "public-a", [n.entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0")],
            [n.entry(100, "deny", "tcp", 1024, 2000, "0.0.0.0/1"), n.entry(110, "allow", "tcp", 0, 65535, "0.0.0.0/0")]);
        const { direct } = directOf([...n.network(), acl, webSg([n.tcpFromWorld(22)]), web({ associatePublicIpAddress: true, subnetId: U }, ["public-a"])]);
        const naclHops = [...direct.paths, ...direct.possible].flatMap((p) => p.hops).filter((h) => h.kind === "nacl-in" || h.kind === "nacl-out")
            .map((h) => [h.kind, h.path, "ports" in h ? h.ports.map((i) => [Number(i.lo), Number(i.hi)]) : []]);
        assert.deepStrictEqual(naclHops, [["nacl-in", "ingress[0]", [[22, 22]]], ["nacl-out", "egress[1]", [[1024, 65535]]]]);
    });

    it("SSH surely through the network ACL but from an unknown CIDR on the group, and HTTP on an ACL entry of unknown CIDR: the group's CIDR is the doubt", () => {
        const acl = n.acl("public-acl", "public-a", [n.entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0"), n.entry(110, "allow", "tcp", 80, 80, U)],
            [n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")]);
        const { model, direct } = directOf([...n.network(), acl, webSg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [U] }]),
            web({ associatePublicIpAddress: true, subnetId: U }, ["public-a"])]);
        assert.deepStrictEqual(direct.paths, []);
        assert.deepStrictEqual(direct.possible.map((p) => [p.family, p.traffic, hops(model, p), p.doubt]), [[4, tcp(22), [
            ["route", "public", "routes[0]"],
            ["public-address", "web", "associatePublicIpAddress"],
            ["nacl-in", "public-acl", "ingress[0]"],
            ["nacl-out", "public-acl", "egress[0]"],
        ], { why: { undetermined: "unknown", path: "ingress[0].cidrBlocks[0]", reason: "ingress[0].cidrBlocks[0] is not known until the resource is created" }, urn: SG }]]);
    });
});
