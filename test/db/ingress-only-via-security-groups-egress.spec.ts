/**
 * db-ingress-only-via-security-groups reads only the ingress rules of a database's groups: outbound
 * rules to address ranges, inline, standalone or on a rule resource whose group cannot be told yet,
 * admit no one to the database.
 */
import * as assert from "assert";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { SG, dbGroup, rds, run } from "./ingress-only-via-security-groups-fixtures";

const toSubnet = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.1.0/24"], description: "out" };
const other: TestResource = { type: SG, name: "other", props: { description: "other" } };

describe("db-ingress-only-via-security-groups: outbound rules of the database's groups", () => {
    it("an inline egress rule to a subnet CIDR beside an inbound one: the inbound rule alone is flagged", () => {
        const db: TestResource = { type: SG, name: "db", props: {
            description: "db", ingress: [{ ...toSubnet, fromPort: 5432, toPort: 5432, description: "in" }], egress: [toSubnet] } };
        assert.deepStrictEqual(run([db, rds()]), [[
            "mandatory",
            "aws.rds.Instance 'main' trusts an address range: on its security group 'db', ingress[0].cidrBlocks[0] allows TCP port 5432 from 10.0.1.0/24",
            urnOf(rds()),
        ]]);
    });

    it("an egress rule resource to 0.0.0.0/0 whose group cannot be told yet and may be the database's: no note", () => {
        const egress: TestResource = {
            type: TYPE.vpcEgress, name: "to-world",
            props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
            propertyDependencies: { securityGroupId: ["db", "other"] },
        };
        assert.deepStrictEqual(run([dbGroup([]), other, egress, rds()]), []);
    });
});
