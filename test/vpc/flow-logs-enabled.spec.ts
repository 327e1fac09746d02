import * as assert from "assert";
import { vpcFlowLogsEnabled } from "../../policies/vpc/flow-logs-enabled";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPES, headsOfStack } from "../util/stack-fixtures";

const run = (resources: TestResource[]) => headsOfStack(runStackPolicy(vpcFlowLogsEnabled, resources));

const FIX = "Fix: Add an aws.ec2.FlowLog with vpcId set to the VPC (trafficType ALL), delivering to CloudWatch Logs or S3.";

/** A VPC; `id` set means an update (the ID is known), unset a first preview. */
const vpc = (name: string, id?: string): TestResource =>
    ({ type: TYPES.vpc, name, props: { cidrBlock: "10.0.0.0/16", ...(id ? { id } : {}) } });
const logFor = (name: string, vpcName: string): TestResource => ({
    type: TYPES.flowLog, name,
    props: { vpcId: UNKNOWN, trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::logs" },
    propertyDependencies: { vpcId: [vpcName] },
});
const logForId = (name: string, vpcId: string): TestResource =>
    ({ type: TYPES.flowLog, name, props: { vpcId, trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::logs" } });
const missing = (name: string): [string, string, string] => ["advisory", `aws.ec2.Vpc '${name}' has no flow log`, urnOf(vpc(name))];

describe("vpc-flow-logs-enabled", () => {
    it("reports a VPC without a flow log with the full message, as advisory, on the VPC", () => {
        assert.deepStrictEqual(runStackPolicy(vpcFlowLogsEnabled, [vpc("main")]), [{
            level: "advisory",
            message: "aws.ec2.Vpc 'main' has no flow log. Without one, nobody can see which connections were accepted or " +
                `rejected, during an incident or when debugging a rule. ${FIX}`,
            urn: urnOf(vpc("main")),
        }]);
    });

    const cases: [string, TestResource[], [string, string, string | undefined][]][] = [
        ["passes a VPC with a FlowLog linked by property dependency while vpcId is unknown", [vpc("main"), logFor("log", "main")], []],
        ["passes a VPC with a FlowLog by known ID (update)", [vpc("main", "vpc-1"), logForId("log", "vpc-1")], []],
        ["passes a FlowLog declared before its VPC", [logFor("log", "main"), vpc("main")], []],
        ["flags a VPC without a FlowLog", [vpc("main")], [missing("main")]],
        ["flags only the unlogged one of two VPCs (dependency)", [vpc("a"), vpc("b"), logFor("log", "a")], [missing("b")]],
        ["flags only the unlogged one of two VPCs (known IDs)", [vpc("a", "vpc-a"), vpc("b", "vpc-b"), logForId("log", "vpc-b")], [missing("a")]],
        ["flags a VPC when the only FlowLog is for a VPC outside the stack", [vpc("main", "vpc-1"), logForId("log", "vpc-0other")], [missing("main")]],
        ["flags both VPCs, in stack order, when neither is logged", [vpc("a"), vpc("b")], [missing("a"), missing("b")]],
        ["passes a stack without VPCs", [logForId("log", "vpc-0other")], []],
    ];
    for (const [name, resources, expected] of cases) {
        it(name, () => assert.deepStrictEqual(run(resources), expected));
    }
});

describe("vpc-flow-logs-enabled: a flow log whose VPC is not known yet", () => {
    it("notes the VPCs it may log instead of flagging them, and still passes the VPC a linked flow log logs", () => {
        const orphan: TestResource = { type: TYPES.flowLog, name: "elsewhere", props: { vpcId: UNKNOWN, trafficType: "ALL" } };
        assert.deepStrictEqual(runStackPolicy(vpcFlowLogsEnabled, [vpc("main"), vpc("other"), logFor("main-logs", "main"), orphan]), [{
            level: "advisory", urn: urnOf(vpc("other")),
            message: "Cannot be verified at preview: vpcId is not known until the resource is created (flow log 'elsewhere'). " +
                "aws.ec2.Vpc 'other' has no flow log unless that flow log is its.",
        }]);
    });

    it("a flow log of a subnet or an interface (no vpcId) logs no VPC", () => {
        const subnetLog: TestResource = { type: TYPES.flowLog, name: "subnet-logs", props: { subnetId: "subnet-1", trafficType: "ALL" } };
        assert.deepStrictEqual(run([vpc("main"), subnetLog]), [missing("main")]);
    });
});
