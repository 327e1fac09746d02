/**
 * The key of every finding of the exposure policies (policies/core/finding-keys.ts): a path is a
 * finding about the whole resource; a note about a value names that value's path, after its
 * resource's URN when it is another resource's.
 */
import * as assert from "assert";
import { adminPortsNotReachableFromInternet } from "../../policies/exposure/admin-ports-not-reachable-from-internet";
import { computeReachableOnlyThroughLoadBalancers } from "../../policies/exposure/compute-reachable-only-through-load-balancers";
import { dbNotReachableFromInternet } from "../../policies/exposure/db-not-reachable-from-internet";
import { stackKeys } from "../util/finding-keys";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import * as n from "./network";

const U = n.U;
type Props = Record<string, unknown>;
const SG = urnOf({ type: TYPE.sg, name: "sg" });

/** A host of each policy's kind in a subnet, behind the group 'sg' whose one rule admits `cidr` on its port. */
const hosts: [string, unknown, string, (subnet: string, cidr: string, props?: Props) => TestResource[]][] = [
    ["admin-ports-not-reachable-from-internet", adminPortsNotReachableFromInternet, urnOf({ type: TYPE.instance, name: "web" }),
        (subnet, cidr, props = { associatePublicIpAddress: true }) => [n.group("sg", [{ ...n.tcpFromWorld(22), cidrBlocks: [cidr] }]), n.instance("web", subnet, "sg", props)]],
    ["compute-reachable-only-through-load-balancers", computeReachableOnlyThroughLoadBalancers, urnOf({ type: TYPE.instance, name: "web" }),
        (subnet, cidr, props = { associatePublicIpAddress: true }) => [n.group("sg", [{ ...n.tcpFromWorld(8080), cidrBlocks: [cidr] }]), n.instance("web", subnet, "sg", props)]],
    ["db-not-reachable-from-internet", dbNotReachableFromInternet, urnOf({ type: TYPE.rdsInstance, name: "db" }),
        (subnet, cidr, props = { publiclyAccessible: true }) => [n.group("sg", [{ ...n.tcpFromWorld(5432), cidrBlocks: [cidr] }]), n.dbSubnets("db-subnets", [subnet]),
            n.rds("db", "db-subnets", "sg", props)]],
];

describe("finding keys of the exposure policies", () => {
    for (const [name, policy, urn, host] of hosts) {
        describe(name, () => {
            it("a path from the internet: keyed by the resource alone", () => {
                assert.deepStrictEqual(stackKeys(policy, [...n.network(), ...host("public-a", "0.0.0.0/0")]), [{ policy: name, urn, kind: "violation" }]);
            });

            it("its own public-address flag not known yet: a note keyed by the flag's path (the default)", () => {
                const flag = name === "db-not-reachable-from-internet" ? "publiclyAccessible" : "associatePublicIpAddress";
                assert.deepStrictEqual(stackKeys(policy, [...n.network(), ...host("public-a", "0.0.0.0/0", { [flag]: U })]), [
                    { policy: name, urn, kind: "note", at: flag },
                ]);
            });

            it("its security group's CIDR not known yet: a note keyed by that CIDR after the group's URN", () => {
                assert.deepStrictEqual(stackKeys(policy, [...n.network(), ...host("public-a", U)]), [
                    { policy: name, urn, kind: "note", at: `${SG} ingress[0].cidrBlocks[0]` },
                ]);
            });

            it("a subnet of a VPC outside the stack: a note keyed by the resource alone", () => {
                const outside: TestResource = { type: TYPE.subnet, name: "shared-a", props: { vpcId: "vpc-0shared", cidrBlock: "10.9.0.0/24" } };
                const resources = host("shared-a", "0.0.0.0/0").map((r) => r.type === TYPE.sg ? { ...r, props: { ...r.props, vpcId: "vpc-0shared" }, propertyDependencies: {} } : r);
                assert.deepStrictEqual(stackKeys(policy, [outside, ...resources]), [{ policy: name, urn, kind: "note" }]);
            });
        });
    }
});
