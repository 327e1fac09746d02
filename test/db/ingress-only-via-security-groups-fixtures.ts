/** The resources and the compact findings the db-ingress-only-via-security-groups specs share. */
import { dbIngressOnlyViaSecurityGroups } from "../../policies/db/ingress-only-via-security-groups";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

export const SG = TYPE.sg;
export const RDS = TYPE.rdsInstance;
export const OPENSEARCH = TYPE.opensearch;

export const app: TestResource = { type: SG, name: "app", props: { description: "app" } };
export const dbGroup = (ingress: unknown[]): TestResource => ({ type: SG, name: "db", props: { description: "db", ingress } });
export const rds = (extra: Record<string, unknown> = {}): TestResource =>
    ({ type: RDS, name: "main", props: { vpcSecurityGroupIds: [UNKNOWN], ...extra }, propertyDependencies: { vpcSecurityGroupIds: ["db"] } });
export const run = (resources: TestResource[]) =>
    runStackPolicy(dbIngressOnlyViaSecurityGroups, resources).map((f) => [f.level, f.message.split(". ")[0], f.urn]);
