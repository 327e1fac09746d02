/**
 * StackModel.databases: the resources whose shape is a database, with their network interfaces and
 * public-access flag, and the database instances that only have a flag of their own.
 */
import * as assert from "assert";
import { UNKNOWN } from "../util/run-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";

/** [name, number of interfaces, flag path and value] of each database of the stack, in stack order. */
function databases(resources: Parameters<typeof stackModel>[0]): unknown[] {
    return stackModel(resources).databases.map((d) => [d.resource.name, d.interfaces.length, d.publicFlag && [d.publicFlag.path, d.publicFlag.value]]);
}

describe("graph/databases: the databases of the stack", () => {
    it("an RDS instance in a VPC, with its flag", () =>
        assert.deepStrictEqual(databases([{ type: TYPES.rdsInstance, name: "rds", props: { vpcSecurityGroupIds: ["sg-1"], publiclyAccessible: false } }]),
            [["rds", 1, ["publiclyAccessible", false]]]));
    it("an OpenSearch domain without vpcOptions is not in a VPC: no database to check", () =>
        assert.deepStrictEqual(databases([
            { type: TYPES.opensearch, name: "public", props: { engineVersion: "OpenSearch_2.11" } },
            { type: TYPES.opensearch, name: "private", props: { vpcOptions: { securityGroupIds: ["sg-1"] } } },
        ]), [["private", 1, undefined]]));
    it("a Redshift Serverless workgroup that names no group still counts for its public-access flag", () =>
        assert.deepStrictEqual(databases([{ type: TYPES.redshiftServerlessWorkgroup, name: "wg", props: { namespaceName: "n", workgroupName: "w", publiclyAccessible: true } }]),
            [["wg", 0, ["publiclyAccessible", true]]]));
    it("an Aurora instance counts for its flag alone (its groups are its cluster's)", () =>
        assert.deepStrictEqual(databases([{ type: TYPES.rdsClusterInstance, name: "aurora-1", props: { clusterIdentifier: "c", publiclyAccessible: UNKNOWN } }]),
            [["aurora-1", 0, ["publiclyAccessible", { undetermined: "unknown", path: "publiclyAccessible", reason: "publiclyAccessible is not known until the resource is created" }]]]));
    it("resources that hold no data are not databases", () =>
        assert.deepStrictEqual(databases([{ type: TYPES.lb, name: "alb", props: { securityGroups: ["sg-1"] } }]), []));
});
