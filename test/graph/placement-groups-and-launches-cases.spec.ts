/**
 * The exposure model's placement of a database by its subnet group (none named, or one outside the
 * stack) and of a launch template or configuration: a subnet of the template's own, or the subnets
 * of the Auto Scaling groups that launch it (by ID, name or dependency), and not those of a group
 * that launches something else.
 */
import * as assert from "assert";
import { Placement } from "../../policies/graph/exposure/placement";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
type Props = Record<string, unknown>;

/** The placement the exposure model gives `r` among `resources`. */
const placementOf = (resources: TestResource[], r: TestResource): Placement | undefined => {
    const model = stackModel(resources);
    const found = model.byUrn.get(urnOf(r));
    assert.ok(found, `${r.name} is in the stack`);
    return model.exposure.placements.of(found);
};
const subnetRef = (name: string) => ({ kind: "stack", urn: urnOf({ type: TYPE.subnet, name }) });

const postgres = (props: Props, deps: Record<string, string[]> = {}): TestResource => ({ type: TYPE.rdsInstance, name: "orders-db",
    props: { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20, vpcSecurityGroupIds: [U], ...props },
    propertyDependencies: { vpcSecurityGroupIds: ["db-sg"], ...deps } });

/** A launch template with one network interface (its security group by dependency), and `props`. */
const template = (name: string, iface: Props = {}, deps: string[] = []): TestResource => ({ type: TYPE.launchTemplate, name,
    props: { name, imageId: "ami-0abc", instanceType: "t3.micro", networkInterfaces: [{ associatePublicIpAddress: "true", securityGroups: [U], ...iface }] },
    propertyDependencies: { networkInterfaces: ["web-sg", ...deps] } });
const configuration = (name: string): TestResource => ({ type: TYPE.launchConfiguration, name,
    props: { name, imageId: "ami-0abc", instanceType: "t3.micro", associatePublicIpAddress: true, securityGroups: [U] },
    propertyDependencies: { securityGroups: ["web-sg"] } });
/** An Auto Scaling group in subnet 'public-a' (by dependency), with `props` and dependencies. */
const asg = (props: Props, deps: Record<string, string[]> = {}): TestResource => ({ type: TYPE.autoscalingGroup, name: "web-asg",
    props: { maxSize: 2, minSize: 1, vpcZoneIdentifiers: [U], ...props }, propertyDependencies: { vpcZoneIdentifiers: ["public-a"], ...deps } });
const launched = [...n.network(), n.group("web-sg", [n.tcpFromWorld(80)])];
/** Placed in 'public-a' by the Auto Scaling group, and nothing that cannot be told. */
const inPublicA: Placement = { subnets: [subnetRef("public-a")] as Placement["subnets"], doubts: [] };
const nowhere: Placement = { subnets: [], doubts: [] };

describe("graph: placement by subnet group, and of launch templates and configurations", () => {
    describe("a database by its subnet group", () => {
        it("an RDS instance naming no subnet group: in no subnet of the stack, with the default VPC's doubt on dbSubnetGroupName", () => {
            const db = postgres({});
            assert.deepStrictEqual(placementOf([...n.network(), n.group("db-sg", []), db], db), { subnets: [], doubts: [{
                why: { undetermined: "unknown", path: "dbSubnetGroupName", reason: "dbSubnetGroupName is not set, so AWS puts the resource in the account's " +
                    "default VPC, whose routes and network ACLs are not in this stack" },
                urn: urnOf(db), outside: true }] });
        });

        it("an RDS instance naming a subnet group outside the stack by name: in no subnet of the stack, with a doubt naming that group", () => {
            const db = postgres({ dbSubnetGroupName: "legacy-db-subnets" });
            assert.deepStrictEqual(placementOf([...n.network(), n.group("db-sg", []), n.dbSubnets("db-subnets", ["private-a"]), db], db), { subnets: [], doubts: [{
                why: { undetermined: "unknown", path: "dbSubnetGroupName",
                    reason: "subnet group 'legacy-db-subnets' is not in this stack, so the subnets it puts the resource in cannot be checked" },
                urn: urnOf(db), outside: true }] });
        });
        it("an RDS instance whose subnet group name is not known yet and depends on no group of the stack: a doubt on dbSubnetGroupName, not outside", () => {
            const db = postgres({ dbSubnetGroupName: U });
            assert.deepStrictEqual(placementOf([...n.network(), n.group("db-sg", []), n.dbSubnets("db-subnets", ["private-a"]), db], db), { subnets: [], doubts: [{
                why: { undetermined: "unknown", path: "dbSubnetGroupName", reason: "dbSubnetGroupName is not known until the resource is created" },
                urn: urnOf(db) }] });
        });
    });

    describe("a launch template", () => {
        it("a template whose interface names subnet 'private-a' by dependency, launched by a group in 'public-a': in 'private-a' only", () => {
            const lt = template("web-lt", { subnetId: U }, ["private-a"]);
            const group = asg({ launchTemplate: { id: U, version: "$Latest" } }, { launchTemplate: ["web-lt"] });
            assert.deepStrictEqual(placementOf([...launched, lt, group], lt), { subnets: [subnetRef("private-a")], doubts: [] });
        });

        it("a template launched by a group that names it by its known ID: in the group's subnet", () => {
            const lt = { ...template("web-lt"), props: { ...template("web-lt").props, id: "lt-0web" } };
            const group = asg({ launchTemplate: { id: "lt-0web", version: "$Latest" } });
            assert.deepStrictEqual(placementOf([...launched, lt, group], lt), inPublicA);
        });

        it("a template launched by a group that names it by its name: in the group's subnet", () => {
            const lt = template("web-lt");
            const group = asg({ launchTemplate: { name: "web-lt", version: "$Default" } });
            assert.deepStrictEqual(placementOf([...launched, lt, group], lt), inPublicA);
        });

        it("a template, and a group launching another template of the stack (by dependency): the template is in no subnet", () => {
            const lt = template("web-lt");
            const group = asg({ launchTemplate: { id: U, version: "$Latest" } }, { launchTemplate: ["canary-lt"] });
            assert.deepStrictEqual(placementOf([...launched, lt, template("canary-lt"), group], lt), nowhere);
        });

        it("a template, and a group using a launch configuration: the template is in no subnet", () => {
            const lt = template("web-lt");
            const group = asg({ launchConfiguration: U }, { launchConfiguration: ["web-lc"] });
            assert.deepStrictEqual(placementOf([...launched, lt, configuration("web-lc"), group], lt), nowhere);
        });

        it("a group naming a template outside the stack by name, its version taken from the stack's template: the known name decides, the stack's template is in no subnet", () => {
            const lt = template("web-lt");
            const group = asg({ launchTemplate: { name: "golden-lt", version: U } }, { launchTemplate: ["web-lt"] });
            assert.deepStrictEqual(placementOf([...launched, lt, group], lt), nowhere);
        });
    });

    describe("a launch configuration", () => {
        it("a configuration that a group names by dependency: in the group's subnet", () => {
            const lc = configuration("web-lc");
            const group = asg({ launchConfiguration: U }, { launchConfiguration: ["web-lc"] });
            assert.deepStrictEqual(placementOf([...launched, lc, group], lc), inPublicA);
        });

        it("a configuration that a group names by its name: in the group's subnet", () => {
            const lc = configuration("web-lc");
            assert.deepStrictEqual(placementOf([...launched, lc, asg({ launchConfiguration: "web-lc" })], lc), inPublicA);
        });

        it("a configuration, and a group launching a template of the stack: the configuration is in no subnet", () => {
            const lc = configuration("web-lc");
            const group = asg({ launchTemplate: { id: U, version: "$Latest" } }, { launchTemplate: ["web-lt"] });
            assert.deepStrictEqual(placementOf([...launched, lc, template("web-lt"), group], lc), nowhere);
        });
    });

    describe("a launch template named in a mixed instances policy", () => {
        it("a template a group names in its mixed instances policy, by dependency: in the group's subnet", () => {
            const lt = template("web-lt");
            const group = asg({ mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateId: U, version: "$Latest" } } } },
                { mixedInstancesPolicy: ["web-lt"] });
            assert.deepStrictEqual(placementOf([...launched, lt, group], lt), inPublicA);
        });

        it("a template a group names by its name in an override of its mixed instances policy: in the group's subnet", () => {
            const [main, spot] = [template("web-lt"), template("spot-lt")];
            const group = asg({ mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateName: "web-lt" },
                overrides: [{ instanceType: "t3.large" }, { instanceType: "m5.large", launchTemplateSpecification: { launchTemplateName: "spot-lt" } }] } } });
            assert.deepStrictEqual([placementOf([...launched, main, spot, group], main), placementOf([...launched, main, spot, group], spot)], [inPublicA, inPublicA]);
        });

        it("a template, and a group whose mixed instances policy names another template by name: the template is in no subnet", () => {
            const [lt, other] = [template("web-lt"), template("batch-lt")];
            const group = asg({ mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateName: "batch-lt" } } } });
            assert.deepStrictEqual(placementOf([...launched, lt, other, group], lt), nowhere);
        });
    });
});
