/**
 * Which subnets each type that names its subnets directly or through a subnet group is placed in:
 * a resource placed only by the one property its type takes (an TYPE.alb's subnets or subnet mappings, a
 * Redshift Serverless workgroup's subnetIds, a Timestream for InfluxDB instance's or cluster's
 * vpcSubnetIds; an Aurora cluster's, a Redshift cluster's or a DMS replication instance's subnet
 * group, named by the group's ID, its name, or by dependency), and the exact placement it gets.
 * Also the dotted paths the placement and address tables read.
 */
import * as assert from "assert";
import { fieldOf } from "../../policies/graph/exposure/placement";
import { root } from "../../policies/model/values";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
type Props = Record<string, unknown>;

/** The network of test/exposure/network, its two subnets with the IDs an update knows. */
const network = (): TestResource[] => [n.vpc(), n.igw(), n.subnet("public-a", "10.0.0.0/24", { id: "subnet-0aaa" }),
    n.subnet("private-a", "10.0.1.0/24", { id: "subnet-0bbb" }), n.publicTable(), n.association("public-a-routes", "public-a", "public")];

/** The placement the exposure model gives the resource named `name`. */
function placementOf(resources: TestResource[], name: string) {
    const model = stackModel(resources);
    const r = model.resources.find((x) => x.name === name);
    assert.ok(r, `${name} is in the stack`);
    return model.exposure.placements.of(r);
}

/** A placement in these subnets of the stack (by name), with nothing left in doubt. */
const inSubnets = (...names: string[]) => ({ subnets: names.map((s) => ({ kind: "stack", urn: urnOf({ type: TYPE.subnet, name: s }) })), doubts: [] });

const resource = (type: string, name: string, props: Props, deps: Record<string, string[]> = {}): TestResource =>
    ({ type, name, props, propertyDependencies: deps });

interface Case {
    readonly scenario: string;
    readonly resources: TestResource[];
    readonly placed: string;
    readonly subnets: string[];
}

/** Types that list their subnets themselves. */
const LISTED: Case[] = [
    { scenario: "an TYPE.alb (aws.alb) by subnets, two subnets of the stack by dependency: in both", placed: "web",
        resources: [resource(TYPE.alb, "web", { loadBalancerType: "application", subnets: [U, U] }, { subnets: ["public-a", "private-a"] })],
        subnets: ["public-a", "private-a"] },
    { scenario: "an TYPE.alb (aws.alb) by subnets, the subnets' known IDs: in both", placed: "web",
        resources: [resource(TYPE.alb, "web", { loadBalancerType: "application", subnets: ["subnet-0bbb", "subnet-0aaa"] })],
        subnets: ["private-a", "public-a"] },
    { scenario: "an NLB (aws.alb) by subnetMappings, each mapping's subnetId a known subnet ID: in both", placed: "nlb",
        resources: [resource(TYPE.alb, "nlb", { loadBalancerType: "network", subnetMappings: [{ subnetId: "subnet-0aaa" }, { subnetId: "subnet-0bbb" }] })],
        subnets: ["public-a", "private-a"] },
    { scenario: "an NLB (aws.alb) by one subnet mapping whose subnetId is the subnet's by dependency: in that subnet", placed: "nlb",
        resources: [resource(TYPE.alb, "nlb", { loadBalancerType: "network", subnetMappings: [{ subnetId: U, allocationId: "eipalloc-0123" }] },
            { subnetMappings: ["private-a"] })],
        subnets: ["private-a"] },
    { scenario: "an ec2.SpotInstanceRequest by subnetId, a known subnet ID: in that subnet", placed: "spot",
        resources: [resource(TYPE.spotInstance, "spot", { ami: "ami-1", instanceType: "t3.micro", subnetId: "subnet-0bbb" })],
        subnets: ["private-a"] },
    { scenario: "an ecs.TaskSet by networkConfiguration.subnets, a known subnet ID: in that subnet", placed: "web-ts",
        resources: [resource(TYPE.ecsTaskSet, "web-ts", { cluster: "c", service: "s", taskDefinition: "td", networkConfiguration: { subnets: ["subnet-0aaa"] } })],
        subnets: ["public-a"] },
    { scenario: "a Redshift Serverless workgroup by subnetIds, by dependency: in both subnets", placed: "analytics",
        resources: [resource(TYPE.redshiftServerlessWorkgroup, "analytics", { namespaceName: "analytics", workgroupName: "analytics", subnetIds: [U, U] },
            { subnetIds: ["public-a", "private-a"] })],
        subnets: ["public-a", "private-a"] },
    { scenario: "a Redshift Serverless workgroup by subnetIds, a known subnet ID: in that subnet", placed: "analytics",
        resources: [resource(TYPE.redshiftServerlessWorkgroup, "analytics", { namespaceName: "analytics", workgroupName: "analytics", subnetIds: ["subnet-0bbb"] })],
        subnets: ["private-a"] },
    { scenario: "a Timestream for InfluxDB instance by vpcSubnetIds, by dependency: in both subnets", placed: "metrics",
        resources: [resource(TYPE.influxDbInstance, "metrics", { allocatedStorage: 20, bucket: "metrics", dbInstanceType: "db.influx.medium",
            organization: "ops", username: "admin", password: "secret-password", vpcSecurityGroupIds: ["sg-0123"], vpcSubnetIds: [U, U] },
        { vpcSubnetIds: ["public-a", "private-a"] })],
        subnets: ["public-a", "private-a"] },
    { scenario: "a Timestream for InfluxDB instance by vpcSubnetIds, a known subnet ID: in that subnet", placed: "metrics",
        resources: [resource(TYPE.influxDbInstance, "metrics", { allocatedStorage: 20, bucket: "metrics", dbInstanceType: "db.influx.medium",
            organization: "ops", username: "admin", password: "secret-password", vpcSecurityGroupIds: ["sg-0123"], vpcSubnetIds: ["subnet-0aaa"] })],
        subnets: ["public-a"] },
    { scenario: "a Timestream for InfluxDB cluster by vpcSubnetIds, by dependency: in both subnets", placed: "metrics",
        resources: [resource(TYPE.influxDbCluster, "metrics", { dbInstanceType: "db.influx.medium", vpcSecurityGroupIds: ["sg-0123"], vpcSubnetIds: [U, U] },
            { vpcSubnetIds: ["public-a", "private-a"] })],
        subnets: ["public-a", "private-a"] },
    { scenario: "a Timestream for InfluxDB cluster by vpcSubnetIds, a known subnet ID: in that subnet", placed: "metrics",
        resources: [resource(TYPE.influxDbCluster, "metrics", { dbInstanceType: "db.influx.medium", vpcSecurityGroupIds: ["sg-0123"], vpcSubnetIds: ["subnet-0bbb"] })],
        subnets: ["private-a"] },
];

/** A subnet group of `type` holding 'private-a' (by dependency), with its own props. */
const subnetGroup = (type: string, name: string, props: Props): TestResource => resource(type, name, { subnetIds: [U], ...props }, { subnetIds: ["private-a"] });
const RDS_GROUP = (props: Props = {}) => subnetGroup(TYPE.rdsSubnetGroup, "db-subnets", { name: "db-subnets", ...props });
const REDSHIFT_GROUP = (props: Props = {}) => subnetGroup(TYPE.redshiftSubnetGroup, "dw-subnets", { name: "dw-subnets", description: "warehouse", ...props });
const DMS_GROUP = (props: Props = {}) => subnetGroup(TYPE.dmsReplicationSubnetGroup, "dms-subnets",
    { replicationSubnetGroupId: "dms-subnets", replicationSubnetGroupDescription: "replication", ...props });

const aurora = (group: string, deps: Record<string, string[]> = {}) =>
    resource(TYPE.rdsCluster, "aurora", { engine: "aurora-postgresql", dbSubnetGroupName: group }, deps);
const redshift = (group: string, deps: Record<string, string[]> = {}) =>
    resource(TYPE.redshift, "warehouse", { clusterIdentifier: "warehouse", nodeType: "ra3.xlplus", clusterSubnetGroupName: group }, deps);
const dms = (group: string, deps: Record<string, string[]> = {}) => resource(TYPE.dmsReplicationInstance, "replicator",
    { replicationInstanceClass: "dms.t3.micro", replicationInstanceId: "replicator", replicationSubnetGroupId: group }, deps);

/** Types in a subnet group: the group's subnets, however the resource names the group. */
const GROUPED: Case[] = [
    { scenario: "an Aurora cluster by dbSubnetGroupName, the group's name: in the group's subnet", placed: "aurora",
        resources: [RDS_GROUP(), aurora("db-subnets")], subnets: ["private-a"] },
    { scenario: "an Aurora cluster by dbSubnetGroupName, the group's ID: in the group's subnet", placed: "aurora",
        resources: [RDS_GROUP({ name: U, id: "db-subnets-1a2b" }), aurora("db-subnets-1a2b")], subnets: ["private-a"] },
    { scenario: "an Aurora cluster by dbSubnetGroupName, the group by dependency: in the group's subnet", placed: "aurora",
        resources: [RDS_GROUP({ name: U }), aurora(U, { dbSubnetGroupName: ["db-subnets"] })], subnets: ["private-a"] },
    { scenario: "a Redshift cluster by clusterSubnetGroupName, the group's name: in the group's subnet", placed: "warehouse",
        resources: [REDSHIFT_GROUP(), redshift("dw-subnets")], subnets: ["private-a"] },
    { scenario: "a Redshift cluster by clusterSubnetGroupName, the group's ID: in the group's subnet", placed: "warehouse",
        resources: [REDSHIFT_GROUP({ name: U, id: "dw-subnets-1a2b" }), redshift("dw-subnets-1a2b")], subnets: ["private-a"] },
    { scenario: "a Redshift cluster by clusterSubnetGroupName, the group by dependency: in the group's subnet", placed: "warehouse",
        resources: [REDSHIFT_GROUP({ name: U }), redshift(U, { clusterSubnetGroupName: ["dw-subnets"] })], subnets: ["private-a"] },
    { scenario: "a DMS replication instance by replicationSubnetGroupId, the group's replicationSubnetGroupId: in the group's subnet", placed: "replicator",
        resources: [DMS_GROUP(), dms("dms-subnets")], subnets: ["private-a"] },
    { scenario: "a DMS replication instance by replicationSubnetGroupId, the group's ID: in the group's subnet", placed: "replicator",
        resources: [DMS_GROUP({ replicationSubnetGroupId: U, id: "dms-subnets-1a2b" }), dms("dms-subnets-1a2b")], subnets: ["private-a"] },
    { scenario: "a DMS replication instance by replicationSubnetGroupId, the group by dependency: in the group's subnet", placed: "replicator",
        resources: [DMS_GROUP({ replicationSubnetGroupId: U }), dms(U, { replicationSubnetGroupId: ["dms-subnets"] })], subnets: ["private-a"] },
];

describe("graph/exposure/placement: the subnets each type is placed in", () => {
    for (const c of [...LISTED, ...GROUPED]) {
        it(c.scenario, () => {
            assert.deepStrictEqual(placementOf([...network(), ...c.resources], c.placed), inSubnets(...c.subnets));
        });
    }

    it("a DMS replication instance naming a DMS group by a value that is only another subnet group kind's name: outside the stack, not that group's subnet", () => {
        assert.deepStrictEqual(placementOf([...network(), RDS_GROUP({ name: "shared" }), DMS_GROUP(), dms("shared")], "replicator"), { subnets: [], doubts: [{
            why: { undetermined: "unknown", path: "replicationSubnetGroupId",
                reason: "subnet group 'shared' is not in this stack, so the subnets it puts the resource in cannot be checked" },
            urn: urnOf({ type: TYPE.dmsReplicationInstance, name: "replicator" }), outside: true }] });
    });
});

describe("graph/exposure/placement: fieldOf, a field at a dotted path", () => {
    const props = root({
        networkInterfaces: Array.from({ length: 12 }, (_, i) => ({ deviceIndex: i, subnetId: `subnet-${i}` })),
        enableHttp2: true,
        tags: { "2fa": "required", Name: "web" },
    });
    const cases: [string, string, string, unknown][] = [
        ["a one-digit step into a list", "networkInterfaces.0.subnetId", "networkInterfaces[0].subnetId", "subnet-0"],
        ["a two-digit step into a list", "networkInterfaces.11.subnetId", "networkInterfaces[11].subnetId", "subnet-11"],
        ["a key ending in a digit", "enableHttp2", "enableHttp2", true],
        ["a key starting with a digit", "tags.2fa", "tags.2fa", "required"],
    ];
    for (const [what, dotted, path, value] of cases) {
        it(`${what} (${dotted}): the field at ${path}, known`, () => {
            assert.deepStrictEqual(fieldOf(props, dotted), { path, state: "known", value });
        });
    }
});
