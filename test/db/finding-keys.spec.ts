/**
 * The key of every finding of db-ingress-only-via-security-groups (policies/core/finding-keys.ts):
 * a finding is on the database; a rule of one of its groups is named after the rule's resource URN.
 */
import * as assert from "assert";
import { dbIngressOnlyViaSecurityGroups as policy } from "../../policies/db/ingress-only-via-security-groups";
import { stackKeys } from "../util/finding-keys";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { dbGroup, rds } from "./ingress-only-via-security-groups-fixtures";

const DB = urnOf(rds());
const GROUP = urnOf(dbGroup([]));
const tcp = (port: number, peers: Record<string, unknown>) => ({ protocol: "tcp", fromPort: port, toPort: port, ...peers });
const ruleOnDb = (name: string, peer: Record<string, unknown>, deps = ["db"]): TestResource => ({
    type: TYPE.vpcIngress, name, props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, ...peer },
    propertyDependencies: { securityGroupId: deps },
});
const RULE = (name: string) => urnOf({ type: TYPE.vpcIngress, name });

describe("finding keys of db-ingress-only-via-security-groups", () => {
    it("publiclyAccessible: true: keyed by the flag's path", () => {
        assert.deepStrictEqual(stackKeys(policy, [dbGroup([]), rds({ publiclyAccessible: true })]), [
            { policy: "db-ingress-only-via-security-groups", urn: DB, kind: "violation", at: "publiclyAccessible" },
        ]);
    });

    it("publiclyAccessible not known yet: a note keyed by the flag's path (the default)", () => {
        assert.deepStrictEqual(stackKeys(policy, [dbGroup([]), rds({ publiclyAccessible: UNKNOWN })]), [
            { policy: "db-ingress-only-via-security-groups", urn: DB, kind: "note", at: "publiclyAccessible" },
        ]);
    });

    it("address ranges on the database's group, inline and from a rule resource: each keyed by its rule after the rule's resource URN", () => {
        const resources = [dbGroup([tcp(5432, { cidrBlocks: ["10.0.0.0/16"] })]), ruleOnDb("subnet", { cidrIpv4: "10.1.0.0/16" }), rds()];
        assert.deepStrictEqual(stackKeys(policy, resources), [
            { policy: "db-ingress-only-via-security-groups", urn: DB, kind: "violation", at: `${GROUP} ingress[0].cidrBlocks[0]` },
            { policy: "db-ingress-only-via-security-groups", urn: DB, kind: "violation", at: `${RULE("subnet")} cidrIpv4` },
        ]);
    });

    it("a peer not known yet on the database's group: a note keyed by the peer after the group's URN", () => {
        assert.deepStrictEqual(stackKeys(policy, [dbGroup([tcp(5432, { cidrBlocks: [UNKNOWN] })]), rds()]), [
            { policy: "db-ingress-only-via-security-groups", urn: DB, kind: "note", at: `${GROUP} ingress[0].cidrBlocks[0]` },
        ]);
    });

    it("two rule resources whose group cannot be told yet: a note each, keyed by its group after its URN", () => {
        const other: TestResource = { type: TYPE.sg, name: "other", props: { description: "other" } };
        const resources = [dbGroup([]), other, ruleOnDb("a", { cidrIpv4: "10.0.0.0/8" }, ["db", "other"]), ruleOnDb("b", { cidrIpv4: "10.1.0.0/16" }, ["db", "other"]), rds()];
        assert.deepStrictEqual(stackKeys(policy, resources), [
            { policy: "db-ingress-only-via-security-groups", urn: DB, kind: "note", at: `${RULE("a")} securityGroupId` },
            { policy: "db-ingress-only-via-security-groups", urn: DB, kind: "note", at: `${RULE("b")} securityGroupId` },
        ]);
    });
});
