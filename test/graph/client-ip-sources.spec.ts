/**
 * sourcesOf: the source address the targets of a load balancer's target group see on a client's
 * packets. Each case writes the load balancer and its target group by hand and compares the whole answer.
 */
import * as assert from "assert";
import { Sources, sourcesOf } from "../../policies/graph/exposure/client-ip";
import { StackResource, stackResource } from "../../policies/graph/resource";
import { unknownAt } from "../../policies/model/values";
import { Family } from "../../policies/net/cidr";
import { UNKNOWN } from "../util/run-policy";
import { urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const LB = urnOf({ type: TYPE.lb, name: "lb" });
const TG = urnOf({ type: TYPE.targetGroup, name: "tg" });

const resource = (type: string, name: string, props: Record<string, unknown>): StackResource =>
    stackResource({ urn: urnOf({ type, name }), name, type, props, dependencies: [], propertyDependencies: {} });

/** The sources for a client of the family, the load balancer's and the target group's props as given. */
function sources(lbProps: Record<string, unknown>, tgProps: Record<string, unknown>, family: Family = 4): Sources {
    return sourcesOf(resource(TYPE.lb, "lb", lbProps), resource(TYPE.targetGroup, "tg", tgProps), family);
}

const client = (reason: string, protocol?: string): Sources =>
    ({ sources: [{ client: true, reason: reason as never, targetGroup: TG, ...(protocol ? { protocol } : {}) }] });
const balancer = (reason: string): Sources => ({ sources: [{ client: false, reason: reason as never, targetGroup: TG }] });
const PROXY: Sources = { sources: [{ client: false }] };
/** Both sources, the answer hinging on the value at the path of the resource. */
const either = (urn: string, path: string): Sources =>
    ({ sources: [{ client: true, targetGroup: TG }, { client: false, targetGroup: TG }], doubt: { why: unknownAt(path), urn } });

describe("graph/exposure: the source a load balancer's targets see", () => {
    describe("protocols that always preserve the client's address, whatever preserveClientIp says", () => {
        for (const protocol of ["UDP", "TCP_UDP", "QUIC", "TCP_QUIC"]) {
            it(`a ${protocol} group with IP targets and preserveClientIp "false": the client, always`, () =>
                assert.deepStrictEqual(sources({}, { protocol, targetType: "ip", preserveClientIp: "false" }), client("always", protocol)));
        }
        it("a lowercase protocol counts as the same one", () =>
            assert.deepStrictEqual(sources({}, { protocol: "tcp_quic", targetType: "ip", preserveClientIp: "false" }), client("always", "TCP_QUIC")));
    });

    describe("TCP and TLS groups: by the target type and preserveClientIp", () => {
        it("a TLS group with instance targets: the client, by default", () =>
            assert.deepStrictEqual(sources({}, { protocol: "TLS", targetType: "instance" }), client("instance-default")));
        it("a TLS group with IP targets: the load balancer, by default", () =>
            assert.deepStrictEqual(sources({}, { protocol: "TLS", targetType: "ip" }), balancer("ip-default")));
        it("a TCP group of a load balancer with no loadBalancerType: the group's protocol makes it a Network Load Balancer", () =>
            assert.deepStrictEqual(sources({}, { protocol: "TCP" }), client("instance-default")));
        it("a TCP group with IP targets and preserveClientIp \"true\": the client, as set", () =>
            assert.deepStrictEqual(sources({}, { protocol: "TCP", targetType: "ip", preserveClientIp: "true" }), client("set")));
        it("an HTTP group of a load balancer typed network: the group's protocol makes it an application one", () =>
            assert.deepStrictEqual(sources({ loadBalancerType: "network" }, { protocol: "HTTP", targetType: "instance" }), PROXY));
    });

    describe("a group with no protocol: by the load balancer's loadBalancerType", () => {
        it("a network load balancer with instance targets: the client, by default", () =>
            assert.deepStrictEqual(sources({ loadBalancerType: "network" }, { targetType: "instance" }), client("instance-default")));
        it("an application load balancer: the load balancer", () =>
            assert.deepStrictEqual(sources({ loadBalancerType: "application" }, { targetType: "instance" }), PROXY));
        it("a load balancer with no loadBalancerType (an application one): the load balancer", () =>
            assert.deepStrictEqual(sources({}, {}), PROXY));
        it("a loadBalancerType not known yet: either, on the load balancer's type", () =>
            assert.deepStrictEqual(sources({ loadBalancerType: UNKNOWN }, { targetType: "instance" }), either(LB, "loadBalancerType")));
    });

    describe("target types", () => {
        it("Lambda and ALB targets of a Network Load Balancer: the load balancer", () => {
            assert.deepStrictEqual(sources({}, { protocol: "TCP", targetType: "alb" }), PROXY);
            assert.deepStrictEqual(sources({}, { protocol: "TCP", targetType: "lambda" }), PROXY);
        });
        it("a target type not known yet: either, on the group's targetType", () =>
            assert.deepStrictEqual(sources({}, { protocol: "TCP", targetType: UNKNOWN }), either(TG, "targetType")));
    });

    describe("the client's family against the IP targets' family", () => {
        it("IPv6 IP targets and an IPv6 client of a UDP group: the client, always", () =>
            assert.deepStrictEqual(sources({}, { protocol: "UDP", targetType: "ip", ipAddressType: "ipv6" }, 6), client("always", "UDP")));
        it("IPv6 IP targets and an IPv4 client: the load balancer, by the family", () =>
            assert.deepStrictEqual(sources({}, { protocol: "UDP", targetType: "ip", ipAddressType: "ipv6" }, 4), balancer("family")));
        it("IPv4 IP targets and an IPv6 client: the load balancer, by the family", () =>
            assert.deepStrictEqual(sources({}, { protocol: "UDP", targetType: "ip" }, 6), balancer("family")));
        it("an ipAddressType not known yet: either, on the group's ipAddressType", () =>
            assert.deepStrictEqual(sources({}, { protocol: "UDP", targetType: "ip", ipAddressType: UNKNOWN }), either(TG, "ipAddressType")));
        it("instance targets of an IPv6 client: the load balancer, by the family (instance targets take IPv4)", () =>
            assert.deepStrictEqual(sources({}, { protocol: "UDP", targetType: "instance", ipAddressType: "ipv6" }, 6), balancer("family")));
    });

    describe("a protocol not known yet, on a Network Load Balancer", () => {
        it("instance targets: the client either way (TCP and UDP both preserve it)", () =>
            assert.deepStrictEqual(sources({ loadBalancerType: "network" }, { protocol: UNKNOWN, targetType: "instance" }), client("instance-default")));
        it("IP targets: either, on the group's protocol", () =>
            assert.deepStrictEqual(sources({ loadBalancerType: "network" }, { protocol: UNKNOWN, targetType: "ip" }), either(TG, "protocol")));
        it("IP targets with preserveClientIp \"true\": the client either way", () =>
            assert.deepStrictEqual(sources({ loadBalancerType: "network" }, { protocol: UNKNOWN, targetType: "ip", preserveClientIp: "true" }), client("set")));
        it("a preserveClientIp not known yet: either, on it", () =>
            assert.deepStrictEqual(sources({}, { protocol: "TCP", targetType: "ip", preserveClientIp: UNKNOWN }), either(TG, "preserveClientIp")));
    });

    it("no target group: the load balancer", () =>
        assert.deepStrictEqual(sourcesOf(resource(TYPE.lb, "lb", {}), undefined, 4), PROXY));
});
