/**
 * The key of every finding of vpc-flow-logs-enabled (policies/core/finding-keys.ts): a finding
 * about the whole VPC, on the VPC.
 */
import * as assert from "assert";
import { vpcFlowLogsEnabled as policy } from "../../policies/vpc/flow-logs-enabled";
import { stackKeys } from "../util/finding-keys";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const vpc = (name: string): TestResource => ({ type: TYPE.vpc, name, props: { cidrBlock: "10.0.0.0/16" } });

describe("finding keys of vpc-flow-logs-enabled", () => {
    it("a VPC without a flow log: keyed by the VPC alone", () => {
        assert.deepStrictEqual(stackKeys(policy, [vpc("main")]), [{ policy: "vpc-flow-logs-enabled", urn: urnOf(vpc("main")), kind: "violation" }]);
    });

    it("a flow log whose VPC is not known yet: a note on each VPC, keyed by the flow log's vpcId (the default)", () => {
        const log: TestResource = { type: TYPE.flowLog, name: "log", props: { vpcId: UNKNOWN, trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::logs" } };
        assert.deepStrictEqual(stackKeys(policy, [vpc("main"), log]), [
            { policy: "vpc-flow-logs-enabled", urn: urnOf(vpc("main")), kind: "note", at: "vpcId" },
        ]);
    });
});
