/**
 * What a load balancer that declares no security group lets through (noGroupsGate): a network or
 * gateway load balancer filters nothing; an application or classic one gets its VPC's default group.
 */
import * as assert from "assert";
import { noGroupsGate } from "../../policies/graph/exposure/load-balancers";
import { ALL_TRAFFIC, NO_TRAFFIC } from "../../policies/net/traffic";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const LB = urnOf({ type: TYPE.lb, name: "lb" });
const vpc: TestResource = { type: TYPE.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
const subnet: TestResource = { type: TYPE.subnet, name: "a", props: { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24" }, propertyDependencies: { vpcId: ["main"] } };
const lb = (props: Record<string, unknown>, deps: Record<string, string[]> = {}): TestResource => ({ type: TYPE.lb, name: "lb", props, propertyDependencies: deps });

function gate(resources: TestResource[]) {
    const model = stackModel(resources);
    return noGroupsGate(model.byUrn.get(LB) as NonNullable<ReturnType<typeof model.byUrn.get>>, model.network);
}

describe("graph/load-balancers: a load balancer without security groups", () => {
    it("a network or a gateway load balancer filters nothing", () => {
        const open = { segments: [{ traffic: ALL_TRAFFIC, hops: [] }], definite: ALL_TRAFFIC, possible: ALL_TRAFFIC };
        assert.deepStrictEqual([gate([lb({ loadBalancerType: "network" })]), gate([lb({ loadBalancerType: "gateway" })])], [open, open]);
    });

    it("its type not known yet: it may let anything through, and says why", () => {
        assert.deepStrictEqual(gate([lb({ loadBalancerType: UNKNOWN })]), {
            segments: [], definite: NO_TRAFFIC, possible: ALL_TRAFFIC,
            doubt: { why: { undetermined: "unknown", path: "loadBalancerType", reason: "loadBalancerType is not known until the resource is created" }, urn: LB },
        });
    });

    it("an application load balancer in subnets of a VPC the stack creates: the default group admits only itself", () => {
        assert.deepStrictEqual(gate([vpc, subnet, lb({ subnets: [UNKNOWN] }, { subnets: ["a"] })]), { segments: [], definite: NO_TRAFFIC, possible: NO_TRAFFIC });
    });

    it("an application load balancer in a VPC from outside the stack, or with no subnets: the default group's rules are not in the stack", () => {
        const outside = {
            segments: [], definite: NO_TRAFFIC, possible: ALL_TRAFFIC,
            doubt: {
                why: { undetermined: "unknown", path: "securityGroups", reason: "the load balancer declares no security group, so AWS gives it its VPC's default group, whose rules are not in this stack" },
                urn: LB, outside: true,
            },
        };
        assert.deepStrictEqual([gate([vpc, lb({ subnets: ["subnet-0ext"] })]), gate([vpc, lb({})])], [outside, outside]);
    });
});
