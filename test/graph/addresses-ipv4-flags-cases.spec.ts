/**
 * The public-address gate of a resource in a subnet (model.exposure.addresses.of): an instance's own
 * flag against an Elastic IP whose target cannot be told, a load balancer's address type
 * (dualstack-without-public-ipv4 has no public IPv4 address; dualstack gives an internet-facing one an
 * IPv6 address), and a default subnet's mapPublicIpOnLaunch, which AWS turns on when it is not set.
 */
import * as assert from "assert";
import { StackResource } from "../../policies/graph/resource";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;

/** The address gate of the resource named `name` in the subnet named `subnet` (none: no subnet given). */
function gateOf(resources: TestResource[], name: string, family: 4 | 6, subnet?: string) {
    const model = stackModel(resources);
    const byName = (x: string) => model.resources.find((r) => r.name === x) as StackResource;
    return model.exposure.addresses.of(byName(name), subnet === undefined ? undefined : byName(subnet), family);
}

const web = (props: Record<string, unknown>): TestResource => ({ type: TYPE.instance, name: "web",
    props: { ami: "ami-1", instanceType: "t3.micro", subnetId: U, ...props }, propertyDependencies: { subnetId: ["public-a"] } });
/** An Elastic IP whose instance is not known yet and depends on nothing in the stack. */
const strayEip: TestResource = { type: TYPE.eip, name: "stray-ip", props: { domain: "vpc", instance: U } };
const lb = (props: Record<string, unknown>): TestResource => n.loadBalancer("front", ["public-a"], [], props);

const WEB = urnOf({ type: TYPE.instance, name: "web" });
const FRONT = urnOf({ type: TYPE.lb, name: "front" });
const CLOSED = { definite: false, possible: false, hops: [] };
const STRAY_DOUBT = { why: { undetermined: "unknown", path: "instance", reason: "instance is not known until the resource is created" },
    urn: urnOf({ type: TYPE.eip, name: "stray-ip" }) };
const lbHop = (family: 4 | 6, path: string) => ({ definite: true, possible: true, hops: [{ kind: "public-address", urn: FRONT, path, family, source: "internet-facing" }] });

describe("graph: the public-address gate of instances, load balancers and default subnets", () => {
    it("an instance with associatePublicIpAddress true and an Elastic IP whose instance is not known: surely public by its own flag", () => {
        assert.deepStrictEqual(gateOf([...n.network(), web({ associatePublicIpAddress: true }), strayEip], "web", 4, "public-a"), {
            definite: true, possible: true, hops: [{ kind: "public-address", urn: WEB, path: "associatePublicIpAddress", family: 4, source: "own-flag" }],
        });
    });

    it("an instance with associatePublicIpAddress false and an Elastic IP whose instance is not known: possibly public, hinging on the Elastic IP", () => {
        assert.deepStrictEqual(gateOf([...n.network(), web({ associatePublicIpAddress: false }), strayEip], "web", 4, "public-a"),
            { definite: false, possible: true, hops: [], doubt: STRAY_DOUBT });
    });

    it("an internet-facing load balancer with ipAddressType dualstack-without-public-ipv4: no public IPv4 address, a public IPv6 one", () => {
        const resources = [...n.network(), lb({ ipAddressType: "dualstack-without-public-ipv4" })];
        assert.deepStrictEqual([gateOf(resources, "front", 4), gateOf(resources, "front", 6)], [CLOSED, lbHop(6, "ipAddressType")]);
    });

    it("an internet-facing load balancer with ipAddressType dualstack: public IPv4 (internal not set) and IPv6 (the address type) addresses", () => {
        const resources = [...n.network(), lb({ ipAddressType: "dualstack" })];
        assert.deepStrictEqual([gateOf(resources, "front", 4), gateOf(resources, "front", 6)], [lbHop(4, "internal"), lbHop(6, "ipAddressType")]);
    });

    it("an internal load balancer with ipAddressType dualstack: no public address of either family", () => {
        const resources = [...n.network(), lb({ ipAddressType: "dualstack", internal: true })];
        assert.deepStrictEqual([gateOf(resources, "front", 4), gateOf(resources, "front", 6)], [CLOSED, CLOSED]);
    });

    it("a load balancer with internal false and ipAddressType dualstack: a public IPv6 address from its address type", () => {
        assert.deepStrictEqual(gateOf([...n.network(), lb({ ipAddressType: "dualstack", internal: false })], "front", 6), lbHop(6, "ipAddressType"));
    });

    it("an internet-facing load balancer with ipAddressType ipv4, or none: no public IPv6 address", () => {
        assert.deepStrictEqual([gateOf([...n.network(), lb({ ipAddressType: "ipv4" })], "front", 6), gateOf([...n.network(), lb({})], "front", 6)],
            [CLOSED, CLOSED]);
    });

    it("an instance without associatePublicIpAddress in a default subnet that does not set mapPublicIpOnLaunch: public by AWS's default, with no property path", () => {
        const subnet: TestResource = { type: TYPE.defaultSubnet, name: "default-a", props: { availabilityZone: "us-east-1a" } };
        const instance: TestResource = { ...web({}), propertyDependencies: { subnetId: ["default-a"] } };
        assert.deepStrictEqual(gateOf([subnet, instance], "web", 4, "default-a"), {
            definite: true, possible: true,
            hops: [{ kind: "public-address", urn: urnOf(subnet), path: "", family: 4, source: "subnet-default" }],
        });
    });

    it("an instance without associatePublicIpAddress in a subnet that does not set mapPublicIpOnLaunch: no public IPv4 address", () => {
        assert.deepStrictEqual(gateOf([...n.network(), web({})], "web", 4, "public-a"), CLOSED);
    });
});
