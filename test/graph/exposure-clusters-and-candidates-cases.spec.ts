/**
 * The exposure model's view of cluster instances (an Aurora or Neptune instance filtered by its
 * cluster's security groups), which resources it asks about, what it says each one is, and a
 * resource whose subnet is outside the stack.
 */
import * as assert from "assert";
import { dbNotReachableFromInternet } from "../../policies/exposure/db-not-reachable-from-internet";
import { StackModel } from "../../policies/graph/stack";
import * as n from "../exposure/network";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
type Props = Record<string, unknown>;
const FIX = "Fix: Take the database off the internet: set publiclyAccessible: false, put it in subnets whose route table has no route " +
    "to an internet gateway, and let its security groups admit only the app tier's security group (ALB -> web -> app -> DB).";
const ADDRESS = "address: publiclyAccessible: true gives it a public IPv4 address";
const sgClause = (port: number) =>
    `security group: aws.ec2.SecurityGroup 'db-sg' ingress[0].cidrBlocks[0] allows TCP port ${port} from 0.0.0.0/0 (every IPv4 address)`;

/** An Aurora PostgreSQL cluster in subnet group 'db-subnets', its group 'db-sg' (by dependency). */
const aurora = (props: Props): TestResource => ({ type: TYPE.rdsCluster, name: "aurora",
    props: { engine: "aurora-postgresql", dbSubnetGroupName: "db-subnets", vpcSecurityGroupIds: [U], ...props },
    propertyDependencies: { dbSubnetGroupName: ["db-subnets"], vpcSecurityGroupIds: ["db-sg"] } });
/** An Aurora instance made public by its own flag; it has no security groups of its own. */
const auroraInstance = (name: string, props: Props, deps: Record<string, string[]> = {}): TestResource => ({ type: TYPE.rdsClusterInstance, name,
    props: { engine: "aurora-postgresql", instanceClass: "db.r6g.large", publiclyAccessible: true, ...props }, propertyDependencies: deps });
const dbGroup = (port: number) => [n.group("db-sg", [n.tcpFromWorld(port)]), n.dbSubnets("db-subnets", ["public-a"])];

const run = (resources: TestResource[]) => runStackPolicy(dbNotReachableFromInternet, resources);
const resourceOf = (model: StackModel, r: TestResource) => {
    const found = model.byUrn.get(urnOf(r));
    assert.ok(found, `${r.name} is in the stack`);
    return found;
};
/** The resources whose interfaces filter what reaches `r`, by name. */
const interfaceOwners = (resources: TestResource[], r: TestResource) => {
    const model = stackModel(resources);
    return model.exposure.interfacesOf(resourceOf(model, r)).map((i) => i.resource.name);
};

describe("graph: exposure of cluster instances, the resources asked about, and their roles", () => {
    it("an Aurora instance public in its cluster's public subnet, its cluster's group open on 5432: flagged, naming the cluster's group", () => {
        const instance = auroraInstance("aurora-1", { clusterIdentifier: "aurora" });
        assert.deepStrictEqual(run([...n.network(), ...dbGroup(5432), aurora({ clusterIdentifier: "aurora" }), instance]), [{ level: "mandatory", urn: urnOf(instance),
            message: `aws.rds.ClusterInstance 'aurora-1' is reachable from the internet on TCP port 5432 (IPv4): ${n.PUBLIC_ROUTE}; ${ADDRESS}; ` +
                `${n.DEFAULT_ACL}; ${sgClause(5432)}. ${FIX}` }]);
    });

    it("an Aurora instance naming its cluster by the cluster's ID: filtered by the cluster's interfaces", () => {
        const instance = auroraInstance("aurora-1", { clusterIdentifier: "aurora-cluster-0a1b" });
        assert.deepStrictEqual(interfaceOwners([...n.network(), ...dbGroup(5432), aurora({ id: "aurora-cluster-0a1b" }), instance], instance), ["aurora"]);
    });

    it("an Aurora instance naming a cluster outside the stack whose identifier a Redshift cluster of the stack has: no interfaces, not the Redshift cluster's", () => {
        const redshift: TestResource = { type: TYPE.redshift, name: "analytics",
            props: { clusterIdentifier: "analytics", nodeType: "ra3.xlplus", vpcSecurityGroupIds: [U], publiclyAccessible: false },
            propertyDependencies: { vpcSecurityGroupIds: ["db-sg"] } };
        const instance = auroraInstance("aurora-1", { clusterIdentifier: "analytics", dbSubnetGroupName: "db-subnets" }, { dbSubnetGroupName: ["db-subnets"] });
        assert.deepStrictEqual(interfaceOwners([...n.network(), ...dbGroup(5432), redshift, instance], instance), []);
    });

    it("a Redshift cluster with the identifier of an Aurora cluster of the stack: filtered by its own interfaces, not the Aurora cluster's", () => {
        const redshift: TestResource = { type: TYPE.redshift, name: "analytics",
            props: { clusterIdentifier: "analytics", nodeType: "ra3.xlplus", vpcSecurityGroupIds: [U], publiclyAccessible: false },
            propertyDependencies: { vpcSecurityGroupIds: ["db-sg"] } };
        assert.deepStrictEqual(interfaceOwners([...n.network(), ...dbGroup(5432), aurora({ clusterIdentifier: "analytics" }), redshift], redshift), ["analytics"]);
    });

    it("a Neptune instance whose cluster is named by dependency, public in a public subnet, the cluster's group open on 8182: flagged", () => {
        const subnets: TestResource = { type: TYPE.neptuneSubnetGroup, name: "graph-subnets", props: { name: "graph-subnets", subnetIds: [U] },
            propertyDependencies: { subnetIds: ["public-a"] } };
        const cluster: TestResource = { type: TYPE.neptuneCluster, name: "graph",
            props: { engine: "neptune", neptuneSubnetGroupName: U, vpcSecurityGroupIds: [U] },
            propertyDependencies: { neptuneSubnetGroupName: ["graph-subnets"], vpcSecurityGroupIds: ["db-sg"] } };
        const instance: TestResource = { type: TYPE.neptuneClusterInstance, name: "graph-1",
            props: { engine: "neptune", instanceClass: "db.r6g.large", clusterIdentifier: U, neptuneSubnetGroupName: U, publiclyAccessible: true },
            propertyDependencies: { clusterIdentifier: ["graph"], neptuneSubnetGroupName: ["graph-subnets"] } };
        assert.deepStrictEqual(run([...n.network(), n.group("db-sg", [n.tcpFromWorld(8182)]), subnets, cluster, instance]), [{ level: "mandatory", urn: urnOf(instance),
            message: `aws.neptune.ClusterInstance 'graph-1' is reachable from the internet on TCP port 8182 (IPv4): ${n.PUBLIC_ROUTE}; ${ADDRESS}; ` +
                `${n.DEFAULT_ACL}; ${sgClause(8182)}. ${FIX}` }]);
    });

    it("the resources asked about are those placed in subnets that can have a public address: not the Aurora cluster, not a DMS instance profile", () => {
        const profile: TestResource = { type: TYPE.dmsInstanceProfile, name: "dms-profile",
            props: { instanceProfileName: "dms-profile", publiclyAccessible: true, vpcSecurityGroupIds: [U] }, propertyDependencies: { vpcSecurityGroupIds: ["db-sg"] } };
        const resources = [...n.network(), ...dbGroup(5432), aurora({ clusterIdentifier: "aurora" }), profile,
            auroraInstance("aurora-1", { clusterIdentifier: "aurora" }), n.instance("web", "public-a", "db-sg")];
        assert.deepStrictEqual(stackModel(resources).exposure.candidates().map((r) => r.name), ["aurora-1", "web"]);
    });

    it("what a resource is: an Aurora or Neptune instance (no interfaces of its own) a database, a VPC other", () => {
        const neptune: TestResource = { type: TYPE.neptuneClusterInstance, name: "graph-1", props: { engine: "neptune", clusterIdentifier: "graph" } };
        const instance = auroraInstance("aurora-1", { clusterIdentifier: "aurora" });
        const vpc = n.vpc();
        const model = stackModel([vpc, instance, neptune]);
        assert.deepStrictEqual([instance, neptune, vpc].map((r) => model.exposure.roleOf(resourceOf(model, r))), ["database", "database", "other"]);
    });

    it("an instance in a subnet outside the stack, public by its own flag, its group open on 22: a possible path hinging on the subnet", () => {
        const web: TestResource = { ...n.instance("web", "public-a", "web-sg", { associatePublicIpAddress: true, subnetId: "subnet-0shared" }),
            propertyDependencies: { vpcSecurityGroupIds: ["web-sg"] } };
        const model = stackModel([...n.network(), n.group("web-sg", [n.tcpFromWorld(22)]), web]);
        const direct = model.exposure.direct(resourceOf(model, web));
        assert.deepStrictEqual(direct.paths, []);
        assert.deepStrictEqual(direct.possible, [{
            resource: urnOf(web), family: 4, traffic: { tcp: [{ lo: 22n, hi: 22n }], udp: [], other: [] },
            hops: [{ kind: "public-address", urn: urnOf(web), path: "associatePublicIpAddress", family: 4, source: "own-flag" }],
            doubt: { urn: urnOf(web), outside: true,
                why: { undetermined: "unknown", path: "subnetId", reason: "subnet subnet-0shared is not in this stack, so its routes and network ACL cannot be checked" } },
        }]);
    });
    it("a public Aurora instance in a public subnet whose cluster is outside the stack: its groups cannot be checked, a note says so", () => {
        const instance = auroraInstance("aurora-1", { clusterIdentifier: "shared-aurora", dbSubnetGroupName: "db-subnets" }, { dbSubnetGroupName: ["db-subnets"] });
        assert.deepStrictEqual(run([...n.network(), ...dbGroup(5432), instance]), [{ level: "advisory", urn: urnOf(instance),
            message: "Cannot be verified: cluster shared-aurora is not in this stack, so the security groups that filter its instances cannot be checked. " +
                "aws.rds.ClusterInstance 'aurora-1' may be reachable from the internet on TCP/UDP on all ports (IPv4). The parts that are known: " +
                `${n.PUBLIC_ROUTE}; ${ADDRESS}; ${n.DEFAULT_ACL}. ${FIX}` }]);
    });

    it("a public Aurora instance whose cluster is outside the stack: the possible path's doubt is on its clusterIdentifier input", () => {
        const instance = auroraInstance("aurora-1", { clusterIdentifier: "shared-aurora", dbSubnetGroupName: "db-subnets" }, { dbSubnetGroupName: ["db-subnets"] });
        const model = stackModel([...n.network(), ...dbGroup(5432), instance]);
        assert.deepStrictEqual(model.exposure.direct(resourceOf(model, instance)).possible.map((p) => p.doubt), [{
            why: { undetermined: "unknown", path: "clusterIdentifier",
                reason: "cluster shared-aurora is not in this stack, so the security groups that filter its instances cannot be checked" },
            urn: urnOf(instance), outside: true }]);
    });

    it("a public Aurora instance whose cluster identifier is not known yet and names no resource of the stack: a note says its groups hinge on it", () => {
        const instance = auroraInstance("aurora-1", { clusterIdentifier: U, dbSubnetGroupName: "db-subnets" }, { dbSubnetGroupName: ["db-subnets"] });
        assert.deepStrictEqual(run([...n.network(), ...dbGroup(5432), instance]), [{ level: "advisory", urn: urnOf(instance),
            message: "Cannot be verified at preview: clusterIdentifier is not known until the resource is created. aws.rds.ClusterInstance 'aurora-1' " +
                "may be reachable from the internet on TCP/UDP on all ports (IPv4). The parts that are known: " +
                `${n.PUBLIC_ROUTE}; ${ADDRESS}; ${n.DEFAULT_ACL}. ${FIX}` }]);
    });

    it("a public Aurora instance whose cluster is its stack's, named by dependency at a first preview: checked against the cluster's groups, no note", () => {
        const instance = auroraInstance("aurora-1", { clusterIdentifier: U, dbSubnetGroupName: "db-subnets" },
            { clusterIdentifier: ["aurora"], dbSubnetGroupName: ["db-subnets"] });
        assert.deepStrictEqual(run([...n.network(), n.group("db-sg", []), n.dbSubnets("db-subnets", ["public-a"]), aurora({ clusterIdentifier: U }), instance]), []);
    });
});
