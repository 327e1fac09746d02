/**
 * The placement the exposure model gives a resource (the subnets it may be in, and what cannot be
 * told) when it is linked to its subnets through something else: a launch template or configuration
 * through the Auto Scaling groups that launch it, an Aurora instance through its cluster or its own
 * subnet group; an instance on network interface resources (none of its own); and the doubts of a
 * subnet link not known yet or not attributable to one subnet.
 */
import * as assert from "assert";
import { Placement } from "../../policies/graph/exposure/placement";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
type Props = Record<string, unknown>;

/** The placement of `of` in a stack of `resources`. */
function placementOf(resources: TestResource[], of: TestResource): Placement | undefined {
    const model = stackModel(resources);
    const r = model.byUrn.get(urnOf(of));
    assert.ok(r, `${of.name} is in the stack`);
    return model.exposure.placements.of(r);
}

/** An Auto Scaling group in these subnets (by dependency), launching what `launch` names. */
const asg = (name: string, subnets: string[], launch: Props, deps: Record<string, string[]> = {}): TestResource => ({
    type: TYPE.autoscalingGroup, name, props: { maxSize: 2, minSize: 1, vpcZoneIdentifiers: subnets.map(() => U), ...launch },
    propertyDependencies: { vpcZoneIdentifiers: subnets, ...deps },
});
const launchConfiguration = (name: string, props: Props = {}): TestResource =>
    ({ type: TYPE.launchConfiguration, name, props: { imageId: "ami-1", instanceType: "t3.micro", ...props } });
const launchTemplate = (name: string, props: Props = {}): TestResource =>
    ({ type: TYPE.launchTemplate, name, props: { imageId: "ami-1", instanceType: "t3.micro", ...props } });

/** The stack of a first preview: every ID unknown, subnets 'public-a' and 'private-a'. */
const preview = n.network;
/** The stack on an update: subnet 'private-a' is subnet-0a1b, in vpc-0a1b. */
const updated = (): TestResource[] =>
    [n.vpc("main", { id: "vpc-0a1b" }), { ...n.subnet("private-a", "10.0.1.0/24", { id: "subnet-0a1b", vpcId: "vpc-0a1b" }), propertyDependencies: {} }];

const auroraCluster = (props: Props, deps: Record<string, string[]> = {}): TestResource => ({ type: TYPE.rdsCluster, name: "aurora",
    props: { engine: "aurora-postgresql", ...props }, propertyDependencies: deps });
const auroraInstance = (props: Props, deps: Record<string, string[]> = {}): TestResource => ({ type: TYPE.rdsClusterInstance, name: "aurora-1",
    props: { engine: "aurora-postgresql", instanceClass: "db.r6g.large", ...props }, propertyDependencies: deps });

const PRIVATE_A = { kind: "stack", urn: urnOf({ type: TYPE.subnet, name: "private-a" }) };
const PUBLIC_A = { kind: "stack", urn: urnOf({ type: TYPE.subnet, name: "public-a" }) };
const unknown = (path: string) => ({ undetermined: "unknown", path, reason: `${path} is not known until the resource is created` });

describe("graph: placements linked through launchers, clusters and subnet links", () => {
    it("a launch configuration an Auto Scaling group names by dependency: in the group's subnet", () => {
        const lc = launchConfiguration("web-lc");
        assert.deepStrictEqual(placementOf([...preview(), lc, asg("web-asg", ["private-a"], { launchConfiguration: U }, { launchConfiguration: ["web-lc"] })], lc),
            { subnets: [PRIVATE_A], doubts: [] });
    });

    it("a launch configuration an Auto Scaling group names by its given name, with no dependency: in the group's subnet", () => {
        const lc = launchConfiguration("web-lc", { name: "web-lc" });
        assert.deepStrictEqual(placementOf([...preview(), lc, asg("web-asg", ["private-a"], { launchConfiguration: "web-lc" })], lc),
            { subnets: [PRIVATE_A], doubts: [] });
    });

    it("a launch template an Auto Scaling group names by its known ID in launchTemplate.id, on an update: in the group's subnet", () => {
        const lt = launchTemplate("web-lt", { id: "lt-0a1b2c3d", name: "web-lt-20240101" });
        const group: TestResource = { type: TYPE.autoscalingGroup, name: "web-asg",
            props: { maxSize: 2, minSize: 1, vpcZoneIdentifiers: ["subnet-0a1b"], launchTemplate: { id: "lt-0a1b2c3d", version: "$Latest" } } };
        assert.deepStrictEqual(placementOf([...updated(), lt, group], lt), { subnets: [PRIVATE_A], doubts: [] });
    });

    it("a launch template launched by two Auto Scaling groups that share a subnet: each subnet once, in the order the groups name them", () => {
        const lt = launchTemplate("web-lt", { name: "web-lt" });
        assert.deepStrictEqual(placementOf([...preview(), lt, asg("blue", ["private-a"], { launchTemplate: { name: "web-lt" } }),
            asg("green", ["private-a", "public-a"], { launchTemplate: { name: "web-lt" } })], lt), { subnets: [PRIVATE_A, PUBLIC_A], doubts: [] });
    });

    it("an Aurora instance naming its cluster by the cluster's known ID: in the subnets of the cluster's subnet group", () => {
        const instance = auroraInstance({ clusterIdentifier: "aurora-cluster-0a1b" });
        assert.deepStrictEqual(placementOf([...preview(), n.dbSubnets("db-subnets", ["private-a"]),
            auroraCluster({ id: "aurora-cluster-0a1b", dbSubnetGroupName: "db-subnets" }), instance], instance), { subnets: [PRIVATE_A], doubts: [] });
    });

    it("an Aurora instance naming a cluster outside the stack whose identifier a Redshift cluster of the stack has: no subnets, a doubt naming that cluster", () => {
        const instance = auroraInstance({ clusterIdentifier: "analytics" });
        const redshift: TestResource = { type: TYPE.redshift, name: "analytics", props: { clusterIdentifier: "analytics", nodeType: "ra3.xlplus" } };
        assert.deepStrictEqual(placementOf([...preview(), redshift, instance], instance), { subnets: [], doubts: [{
            why: { undetermined: "unknown", path: "clusterIdentifier",
                reason: "cluster analytics is not in this stack, so the subnets of its instances cannot be checked" },
            urn: urnOf(instance), outside: true }] });
    });

    it("an Aurora instance whose cluster identifier is not known yet and names no cluster of the stack: a doubt on clusterIdentifier, not outside", () => {
        const instance = auroraInstance({ clusterIdentifier: U });
        assert.deepStrictEqual(placementOf([...preview(), instance], instance), { subnets: [], doubts: [{
            why: { undetermined: "unknown", path: "clusterIdentifier", reason: "clusterIdentifier is not known until the resource is created" },
            urn: urnOf(instance) }] });
    });

    it("an Aurora instance that names its own subnet group, outside the stack like its cluster's: the doubt is the instance's, not the cluster's", () => {
        const instance = auroraInstance({ clusterIdentifier: U, dbSubnetGroupName: "legacy-db" }, { clusterIdentifier: ["aurora"] });
        assert.deepStrictEqual(placementOf([...preview(), auroraCluster({ dbSubnetGroupName: "legacy-db" }), instance], instance), { subnets: [], doubts: [{
            why: { undetermined: "unknown", path: "dbSubnetGroupName",
                reason: "subnet group 'legacy-db' is not in this stack, so the subnets it puts the resource in cannot be checked" },
            urn: urnOf(instance), outside: true }] });
    });

    it("an EC2 instance attached to a network interface resource (networkInterfaces set): no placement of its own", () => {
        const web = n.instance("web", "private-a", "web-sg", { networkInterfaces: [{ networkInterfaceId: U, deviceIndex: 0 }] });
        assert.strictEqual(placementOf([...preview(), n.group("web-sg", []), web], web), undefined);
    });

    it("an EC2 instance whose subnetId is not known yet and depends on no subnet: no subnets, a doubt that subnetId is not known", () => {
        const web: TestResource = { type: TYPE.instance, name: "web", props: { ami: "ami-1", instanceType: "t3.micro", subnetId: U } };
        assert.deepStrictEqual(placementOf([...preview(), web], web), { subnets: [], doubts: [{ why: unknown("subnetId"), urn: urnOf(web) }] });
    });

    it("an ECS service whose subnet list is not known yet, depending on one subnet: in that subnet, with a doubt that the list may name more", () => {
        const api: TestResource = { type: TYPE.ecsService, name: "api", props: { taskDefinition: U, networkConfiguration: { subnets: U } },
            propertyDependencies: { networkConfiguration: ["private-a"] } };
        assert.deepStrictEqual(placementOf([...preview(), api], api),
            { subnets: [PRIVATE_A], doubts: [{ why: unknown("networkConfiguration.subnets"), urn: urnOf(api) }] });
    });

    it("a network load balancer with two subnet mappings not known yet, depending on two subnets: neither attributed to a mapping, a doubt on the first", () => {
        const nlb: TestResource = { type: TYPE.lb, name: "nlb", props: { loadBalancerType: "network", subnetMappings: [{ subnetId: U }, { subnetId: U }] },
            propertyDependencies: { subnetMappings: ["public-a", "private-a"] } };
        assert.deepStrictEqual(placementOf([...preview(), nlb], nlb), { subnets: [], doubts: [{ why: unknown("subnetMappings[0].subnetId"), urn: urnOf(nlb) }] });
    });
});
