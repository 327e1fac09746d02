/**
 * Whether a resource has a public address, as the exposure model's address gate answers it: an
 * instance's IPv6 addresses (a count, a list, else its subnet's assignIpv6AddressOnCreation), a
 * database's networkType, and a subnet's defaults (one that cannot be told, a default subnet
 * without the flag).
 */
import * as assert from "assert";
import { Gate } from "../../policies/graph/exposure/path";
import { Family } from "../../policies/net/cidr";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
const CLOSED: Gate = { definite: false, possible: false, hops: [] };
const SUBNET = urnOf({ type: TYPE.subnet, name: "public-a" });
const unknown = (path: string) => ({ undetermined: "unknown", path, reason: `${path} is not known until the resource is created` });
const hop = (urn: string, path: string, family: Family, source: string): Gate =>
    ({ definite: true, possible: true, hops: [{ kind: "public-address", urn, path, family, source }] as Gate["hops"] });

/** The address gate of the last resource, in the named subnet ("unknown": one that cannot be told; none: no subnet). */
function gateOf(resources: TestResource[], family: Family, subnet?: string): Gate {
    const model = stackModel(resources);
    const target = resources[resources.length - 1];
    const r = model.byUrn.get(urnOf(target));
    assert.ok(r);
    const sub = subnet === undefined ? undefined : subnet === "unknown" ? "unknown" : model.byUrn.get(subnet);
    return model.exposure.addresses.of(r, sub, family);
}

/** The network with 'public-a' given these inputs, and 'web' in it with these. */
const withWeb = (subnetProps: Record<string, unknown>, props: Record<string, unknown>): TestResource[] => [
    n.vpc(), n.igw(), n.subnet("public-a", "10.0.0.0/24", subnetProps), n.group("web-sg", []), n.instance("web", "public-a", "web-sg", props)];
const WEB = urnOf({ type: TYPE.instance, name: "web" });
const V6_SUBNET = { ipv6CidrBlock: "2600:1f18::/64", assignIpv6AddressOnCreation: true };

describe("graph: exposure, the address gate for IPv6 and subnet defaults", () => {
    describe("an instance's IPv6 addresses", () => {
        it("ipv6AddressCount 2: a public IPv6 address from its own count", () => {
            assert.deepStrictEqual(gateOf(withWeb({}, { ipv6AddressCount: 2 }), 6, SUBNET), hop(WEB, "ipv6AddressCount", 6, "ipv6"));
        });

        it("ipv6AddressCount not known yet: possibly an address, with the count as the doubt", () => {
            assert.deepStrictEqual(gateOf(withWeb(V6_SUBNET, { ipv6AddressCount: U }), 6, SUBNET),
                { definite: false, possible: true, hops: [], doubt: { why: unknown("ipv6AddressCount"), urn: WEB } });
        });

        it("ipv6AddressCount 0 in a subnet that assigns IPv6 addresses: the explicit count wins, no address", () => {
            assert.deepStrictEqual(gateOf(withWeb(V6_SUBNET, { ipv6AddressCount: 0 }), 6, SUBNET), CLOSED);
        });

        it("ipv6Addresses with one address and no count: the address comes from the list", () => {
            assert.deepStrictEqual(gateOf(withWeb({}, { ipv6Addresses: ["2600:1f18::10"] }), 6, SUBNET), hop(WEB, "ipv6Addresses", 6, "ipv6"));
        });

        it("an empty ipv6Addresses in a subnet that assigns IPv6 addresses: the explicit list wins, no address", () => {
            assert.deepStrictEqual(gateOf(withWeb(V6_SUBNET, { ipv6Addresses: [] }), 6, SUBNET), CLOSED);
        });

        it("neither set in a subnet that assigns IPv6 addresses: the subnet's assignIpv6AddressOnCreation gives it one", () => {
            assert.deepStrictEqual(gateOf(withWeb(V6_SUBNET, {}), 6, SUBNET), hop(SUBNET, "assignIpv6AddressOnCreation", 6, "ipv6"));
        });

        it("neither set in a subnet without assignIpv6AddressOnCreation: AWS's default gives no IPv6 address", () => {
            assert.deepStrictEqual(gateOf(withWeb({ ipv6CidrBlock: "2600:1f18::/64" }, {}), 6, SUBNET), CLOSED);
        });

        it("neither set in a subnet that cannot be told: possibly an address, surely none, with no hop", () => {
            assert.deepStrictEqual(gateOf(withWeb({}, {}), 6, "unknown"), { definite: false, possible: true, hops: [] });
        });
    });

    describe("a database's networkType", () => {
        const profile = (props: Record<string, unknown>): TestResource =>
            ({ type: "aws:dms/instanceProfile:InstanceProfile", name: "profile", props: { subnetGroupIdentifier: "dms-subnets", ...props } });
        const PROFILE = urnOf(profile({}));

        it("a DMS instance profile with networkType IPV6 that is publicly accessible: a public IPv6 address", () => {
            assert.deepStrictEqual(gateOf([profile({ networkType: "IPV6", publiclyAccessible: true })], 6), hop(PROFILE, "networkType", 6, "dual-stack"));
        });

        it("networkType DUAL with publiclyAccessible not known yet: possibly an address, with the flag as the doubt", () => {
            assert.deepStrictEqual(gateOf([profile({ networkType: "DUAL", publiclyAccessible: U })], 6),
                { definite: false, possible: true, hops: [], doubt: { why: unknown("publiclyAccessible"), urn: PROFILE } });
        });
    });

    it("an instance with no flag in a default subnet without mapPublicIpOnLaunch: AWS's default maps a public IPv4 address, with no property path", () => {
        const sub: TestResource = { type: TYPE.defaultSubnet, name: "default-a", props: { availabilityZone: "us-east-1a" } };
        const web: TestResource = { type: TYPE.instance, name: "web", props: { ami: "ami-1", instanceType: "t3.micro", subnetId: U },
            propertyDependencies: { subnetId: ["default-a"] } };
        assert.deepStrictEqual(gateOf([sub, web], 4, urnOf(sub)), hop(urnOf(sub), "", 4, "subnet-default"));
    });
});

describe("graph: a network interface's IPv6 address from its subnet", () => {
    /** 'public-a' with these inputs, and network interface 'web-eni' in it with these. */
    const withEni = (subnetProps: Record<string, unknown>, props: Record<string, unknown>): TestResource[] => [n.vpc(), n.igw(),
        n.subnet("public-a", "10.0.0.0/24", subnetProps), n.group("web-sg", []),
        { type: TYPE.eni, name: "web-eni", props: { subnetId: U, securityGroups: [U], ...props }, propertyDependencies: { subnetId: ["public-a"], securityGroups: ["web-sg"] } }];

    it("neither ipv6AddressCount nor ipv6Addresses, in a subnet that assigns IPv6 addresses: the subnet gives it one", () => {
        assert.deepStrictEqual(gateOf(withEni(V6_SUBNET, {}), 6, SUBNET), hop(SUBNET, "assignIpv6AddressOnCreation", 6, "ipv6"));
    });

    it("ipv6AddressCount 0 in a subnet that assigns IPv6 addresses: the explicit count opts out, no address", () => {
        assert.deepStrictEqual(gateOf(withEni(V6_SUBNET, { ipv6AddressCount: 0 }), 6, SUBNET), CLOSED);
    });

    it("neither set in a subnet that maps public IPv4 addresses on launch: no public IPv4 address (that default is for instances)", () => {
        assert.deepStrictEqual(gateOf(withEni({ mapPublicIpOnLaunch: true }, {}), 4, SUBNET), CLOSED);
    });
});
