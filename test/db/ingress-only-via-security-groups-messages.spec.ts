import * as assert from "assert";
import { dbIngressOnlyViaSecurityGroups as policy } from "../../policies/db/ingress-only-via-security-groups";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { dbGroup, rds } from "./ingress-only-via-security-groups-fixtures";

const NOTE = (path: string) => `Cannot be verified at preview: ${path} is not known until the resource is created.`;

describe("db-ingress-only-via-security-groups: complete messages", () => {
    it("publiclyAccessible not known yet: a note that the database may be publicly accessible", () => {
        assert.deepStrictEqual(runStackPolicy(policy, [dbGroup([]), rds({ publiclyAccessible: UNKNOWN })]), [{
            level: "advisory", urn: urnOf(rds()),
            message: `${NOTE("publiclyAccessible")} aws.rds.Instance 'main' may be publicly accessible.`,
        }]);
    });

    it("a CIDR not known yet on the database's group: a note naming the group", () => {
        const group = dbGroup([{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [UNKNOWN] }]);
        assert.deepStrictEqual(runStackPolicy(policy, [group, rds()]), [{
            level: "advisory", urn: urnOf(rds()),
            message: `${NOTE("ingress[0].cidrBlocks[0]")} If it is an address range, security group 'db' admits it to aws.rds.Instance 'main'.`,
        }]);
    });

    it("a CIDR not known yet on a standalone rule of the database's group: a note naming the group and the rule", () => {
        const rule: TestResource = { type: TYPE.vpcIngress, name: "from-office",
            props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: UNKNOWN }, propertyDependencies: { securityGroupId: ["db"] } };
        assert.deepStrictEqual(runStackPolicy(policy, [dbGroup([]), rule, rds()]), [{
            level: "advisory", urn: urnOf(rds()),
            message: `${NOTE("cidrIpv4")} If it is an address range, security group 'db' (aws.vpc.SecurityGroupIngressRule 'from-office') ` +
                "admits it to aws.rds.Instance 'main'.",
        }]);
    });

    it("a CIDR not known yet on the VPC's default group, which a database without groups gets: a note naming that group", () => {
        const vpc: TestResource = { type: TYPE.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
        const subnet: TestResource = { type: TYPE.subnet, name: "db-a", props: { vpcId: UNKNOWN, cidrBlock: "10.0.2.0/24" }, propertyDependencies: { vpcId: ["main"] } };
        const subnets: TestResource = { type: TYPE.rdsSubnetGroup, name: "db", props: { subnetIds: [UNKNOWN] }, propertyDependencies: { subnetIds: ["db-a"] } };
        const dflt: TestResource = { type: TYPE.defaultSg, name: "default", propertyDependencies: { vpcId: ["main"] },
            props: { vpcId: UNKNOWN, ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [UNKNOWN] }], egress: [] } };
        const db: TestResource = { type: TYPE.rdsInstance, name: "main-db", props: { dbSubnetGroupName: UNKNOWN }, propertyDependencies: { dbSubnetGroupName: ["db"] } };
        assert.deepStrictEqual(runStackPolicy(policy, [vpc, subnet, subnets, dflt, db]), [{
            level: "advisory", urn: urnOf(db),
            message: `${NOTE("ingress[0].cidrBlocks[0]")} If it is an address range, the VPC's default security group 'default' admits it ` +
                "to aws.rds.Instance 'main-db'.",
        }]);
    });
});
