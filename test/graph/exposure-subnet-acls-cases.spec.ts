/**
 * The network ACL that governs each subnet in the exposure model: the stack's ACL naming it, else
 * its VPC's default ACL (the stack's DefaultNetworkAcl, or AWS's for a VPC the stack creates), else
 * a doubt; with the ACLs whose subnets are not known yet, which it may be on instead.
 */
import * as assert from "assert";
import { SubnetAcl } from "../../policies/graph/exposure/acls";
import { StackModel } from "../../policies/graph/stack";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
const urn = (type: string, name: string) => urnOf({ type, name });
const MAIN = urn(TYPE.vpc, "main");
const EPHEMERAL = { from: 1024, to: 65535 };
const SUBNETS_NOT_KNOWN = { undetermined: "unknown", path: "subnetIds", reason: "subnetIds is not known until the resource is created" };
const NONE = { tcp: [], udp: [], other: [] };
const TCP_22 = { tcp: [{ lo: 22n, hi: 22n }], udp: [], other: [] };
const TCP_UDP = { tcp: [{ lo: 0n, hi: 65535n }], udp: [{ lo: 0n, hi: 65535n }], other: [] };

/** A NetworkAcl of 'main' on the subnets (none: no subnetIds), with inline entries. */
const nacl = (name: string, subnets: string[], ingress: Record<string, unknown>[] = [], egress: Record<string, unknown>[] = []): TestResource =>
    ({ type: TYPE.nacl, name, props: { vpcId: U, subnetIds: subnets.map(() => U), ingress, egress }, propertyDependencies: { vpcId: ["main"], subnetIds: subnets } });
/** 'main''s DefaultNetworkAcl, naming the subnets. */
const defaultNacl = (name: string, subnets: string[]): TestResource =>
    ({ type: TYPE.defaultNacl, name, props: { defaultNetworkAclId: U, subnetIds: subnets.map(() => U) }, propertyDependencies: { defaultNetworkAclId: ["main"], subnetIds: subnets } });
/** An ACL whose subnetIds are not known yet and depend on nothing: any subnet may be one of its. */
const unplaced = (type: string, name: string, ingress: Record<string, unknown>[] = [], egress: Record<string, unknown>[] = []): TestResource =>
    ({ type, name, props: { ...(type === TYPE.nacl ? { vpcId: U } : { defaultNetworkAclId: U }), subnetIds: [U], ingress, egress },
        propertyDependencies: type === TYPE.nacl ? { vpcId: ["main"] } : { defaultNetworkAclId: ["main"] } });
const sshIn = [n.entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0")];
const repliesOut = [n.entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")];

/** The ACL of the subnet, with each ACL by name. */
function aclOf(resources: TestResource[], subnet: string): Record<string, unknown> {
    const acl: SubnetAcl = stackModel(resources).exposure.acls.aclOf(urn(TYPE.subnet, subnet));
    const { node, pending, ...rest } = acl;
    return { ...(node ? { node: node.resource.name } : {}), ...rest, pending: pending.map((p) => ({ node: p.node.resource.name, why: p.why })) };
}

/** What the subnet's ACL lets in for IPv4 and then IPv6, with the doubt. */
function gates(model: StackModel, subnet: string) {
    return ([4, 6] as const).map((family) => {
        const { definite, possible, doubt } = model.exposure.acls.gate(urn(TYPE.subnet, subnet), family, EPHEMERAL);
        return { definite, possible, doubt };
    });
}

describe("graph: exposure, the network ACL of a subnet", () => {
    it("two ACLs of the stack name the subnet: the first in stack order governs it", () => {
        assert.deepStrictEqual(aclOf([...n.network(), nacl("first-acl", ["public-a"]), nacl("second-acl", ["public-a"])], "public-a"),
            { node: "first-acl", pending: [] });
    });

    it("the VPC's DefaultNetworkAcl names the subnet before a NetworkAcl does: the NetworkAcl governs it", () => {
        assert.deepStrictEqual(aclOf([...n.network(), defaultNacl("default-acl", ["public-a"]), nacl("public-acl", ["public-a"])], "public-a"),
            { node: "public-acl", pending: [] });
    });

    it("only the VPC's DefaultNetworkAcl names the subnet: it governs it, with no ACL it may be on instead", () => {
        const resources = [...n.network(), defaultNacl("default-acl", ["public-a"]), unplaced(TYPE.nacl, "unplaced-acl")];
        assert.deepStrictEqual(aclOf(resources, "public-a"), { node: "default-acl", pending: [] });
    });

    it("a subnet no ACL names, in a VPC whose DefaultNetworkAcl the stack declares: that ACL governs it", () => {
        assert.deepStrictEqual(aclOf([...n.network(), defaultNacl("default-acl", [])], "private-a"), { node: "default-acl", pending: [] });
    });

    it("after a deploy, the DefaultNetworkAcl is the VPC's by its defaultNetworkAclId: it governs the subnet no ACL names", () => {
        const resources: TestResource[] = [
            n.vpc("main", { id: "vpc-0a1", defaultNetworkAclId: "acl-0d1" }),
            { type: TYPE.subnet, name: "private-a", props: { id: "subnet-0b1", vpcId: "vpc-0a1", cidrBlock: "10.0.1.0/24" } },
            { type: TYPE.defaultNacl, name: "default-acl", props: { id: "acl-0d1", defaultNetworkAclId: "acl-0d1", vpcId: "vpc-0a1", subnetIds: [] } },
        ];
        assert.deepStrictEqual(aclOf(resources, "private-a"), { node: "default-acl", pending: [] });
    });

    it("a DefaultNetworkAcl whose defaultNetworkAclId is not known yet and names no VPC: it is the VPC's by its vpcId", () => {
        const resources: TestResource[] = [
            n.vpc("main", { id: "vpc-0a1" }),
            { type: TYPE.subnet, name: "private-a", props: { id: "subnet-0b1", vpcId: "vpc-0a1", cidrBlock: "10.0.1.0/24" } },
            { type: TYPE.defaultNacl, name: "default-acl", props: { defaultNetworkAclId: U, vpcId: "vpc-0a1" } },
        ];
        assert.deepStrictEqual(aclOf(resources, "private-a"), { node: "default-acl", pending: [] });
    });

    it("a subnet no ACL names, in a VPC the stack creates: AWS's default ACL, and the NetworkAcls whose subnets are not known yet", () => {
        const resources = [...n.network(), unplaced(TYPE.defaultNacl, "default-acl"), unplaced(TYPE.nacl, "unplaced-acl"), nacl("public-acl", ["public-a"])];
        assert.deepStrictEqual(aclOf(resources.filter((r) => r.name !== "default-acl"), "private-a"),
            { allowAllOf: MAIN, pending: [{ node: "unplaced-acl", why: SUBNETS_NOT_KNOWN }] });
        // The DefaultNetworkAcl governs it instead, and it is not one the subnet may be on instead.
        assert.deepStrictEqual(aclOf(resources, "private-a"), { node: "default-acl", pending: [{ node: "unplaced-acl", why: SUBNETS_NOT_KNOWN }] });
        assert.deepStrictEqual(aclOf(resources, "public-a"), { node: "public-acl", pending: [] });
    });

    it("a subnet whose VPC is not known yet: a doubt on its vpcId", () => {
        const resources: TestResource[] = [n.vpc(), { type: TYPE.subnet, name: "loose-a", props: { vpcId: U, cidrBlock: "10.0.2.0/24" } }];
        assert.deepStrictEqual(aclOf(resources, "loose-a"), {
            doubt: { why: { undetermined: "unknown", path: "vpcId", reason: "vpcId is not known until the resource is created" }, urn: urn(TYPE.subnet, "loose-a") },
            pending: [],
        });
    });

    it("a subnet of a VPC outside the stack, or of the account's default VPC the stack adopts, no ACL names: its default ACL is not known", () => {
        const resources: TestResource[] = [
            { type: TYPE.subnet, name: "outer-a", props: { vpcId: "vpc-0ext", cidrBlock: "172.31.0.0/20" } },
            { type: TYPE.defaultVpc, name: "default-vpc", props: {} },
            { type: TYPE.subnet, name: "adopted-a", props: { vpcId: U, cidrBlock: "172.31.16.0/20" }, propertyDependencies: { vpcId: ["default-vpc"] } },
        ];
        const outside = (subnet: string) => ({
            doubt: {
                why: { undetermined: "unknown", path: "vpcId", reason: `subnet '${subnet}' has no network ACL of the stack, and the default network ACL of its VPC is not in this stack` },
                urn: urn(TYPE.subnet, subnet), outside: true,
            },
            pending: [],
        });
        assert.deepStrictEqual([aclOf(resources, "outer-a"), aclOf(resources, "adopted-a")], [outside("outer-a"), outside("adopted-a")]);
    });

    it("an ACL with IPv4 entries only: it lets SSH in over IPv4, nothing over IPv6", () => {
        const model = stackModel([...n.network(), nacl("public-acl", ["public-a"], sshIn, repliesOut)]);
        assert.deepStrictEqual(gates(model, "public-a"), [
            { definite: TCP_22, possible: TCP_22, doubt: undefined },
            { definite: NONE, possible: NONE, doubt: undefined },
        ]);
    });

    it("a subnet on AWS's default ACL that may be on an ACL not placed yet: sure only of what that ACL lets in too, per family", () => {
        const model = stackModel([...n.network(), unplaced(TYPE.nacl, "unplaced-acl", sshIn, repliesOut)]);
        const doubt = { why: SUBNETS_NOT_KNOWN, urn: urn(TYPE.nacl, "unplaced-acl") };
        assert.deepStrictEqual(gates(model, "private-a"), [
            { definite: TCP_22, possible: TCP_UDP, doubt },
            { definite: NONE, possible: TCP_UDP, doubt },
        ]);
    });
});
