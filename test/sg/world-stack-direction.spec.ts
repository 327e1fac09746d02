/**
 * The stack half of a world policy judges only the rules of the policy's own direction: a split
 * of the other direction, undetermined or not, is no finding of it.
 */
import * as assert from "assert";
import { sgEgressRestricted } from "../../policies/sg/egress-restricted";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { UNKNOWN } from "../util/run-policy";
import { runStackPolicy } from "../util/run-stack-policy";
import { vpcRule, web } from "../util/world-split";

describe("world policies across resources: the other direction's rules", () => {
    it("an outbound split to SSH with an unknown port is no inbound admin-port finding", () => {
        const resources = [web("egress"), vpcRule("egress", "low", "0.0.0.0/1", [22, 22]), vpcRule("egress", "high", "128.0.0.0/1", [22, UNKNOWN])];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources), []);
    });
    it("an inbound split with an unknown port is no egress finding", () => {
        const resources = [web("ingress"), vpcRule("ingress", "low", "0.0.0.0/1", [22, 22]), vpcRule("ingress", "high", "128.0.0.0/1", [22, UNKNOWN])];
        assert.deepStrictEqual(runStackPolicy(sgEgressRestricted, resources), []);
    });
});
