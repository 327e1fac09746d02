import { Policies } from "@pulumi/policy";
import { dbIngressOnlyViaSecurityGroups } from "./db/ingress-only-via-security-groups";
import { eniSecurityGroupLimit } from "./eni/security-group-limit";
import { adminPortsNotReachableFromInternet } from "./exposure/admin-ports-not-reachable-from-internet";
import { computeReachableOnlyThroughLoadBalancers } from "./exposure/compute-reachable-only-through-load-balancers";
import { dbNotReachableFromInternet } from "./exposure/db-not-reachable-from-internet";
import { sgRuleQuota } from "./sg/rule-quota";
import { sgRulesManagedOneWay } from "./sg/rules-managed-one-way";
import { sgUnused } from "./sg/unused";
import { sgWorldIngressOnlyOnLoadBalancers } from "./sg/world-ingress-only-on-load-balancers";
import { vpcFlowLogsEnabled } from "./vpc/flow-logs-enabled";
import { naclEphemeralReturnTraffic } from "./nacl/ephemeral-return-traffic";
import { naclNoAdminPortsFromWorld } from "./nacl/no-admin-ports-from-world";
import { naclRulesEffective } from "./nacl/rules-effective";
import { sgDbIngressOnlyFromSecurityGroups } from "./sg/db-ingress-only-from-security-groups";
import { sgDefaultDeniesAll } from "./sg/default-denies-all";
import { sgDescriptions } from "./sg/descriptions";
import { sgEgressRestricted } from "./sg/egress-restricted";
import { sgIngressFromWorldAllowedPorts } from "./sg/ingress-from-world-allowed-ports";
import { sgNoAdminPortsFromWorld } from "./sg/no-admin-ports-from-world";
import { sgNoAllTrafficRules } from "./sg/no-all-traffic-rules";
import { sgPreferSecurityGroupReferences } from "./sg/prefer-security-group-references";

export const packName = "aws-network-guardrails";

/**
 * Every policy of the pack, in a fixed order, each with its default enforcement level. Each keeps
 * its name and options typed, so the typed factory (core/compose.ts) follows from this one list.
 */
export const POLICIES = [
    sgNoAdminPortsFromWorld,
    sgDbIngressOnlyFromSecurityGroups,
    sgEgressRestricted,
    sgIngressFromWorldAllowedPorts,
    sgPreferSecurityGroupReferences,
    sgNoAllTrafficRules,
    sgDescriptions,
    sgDefaultDeniesAll,
    eniSecurityGroupLimit,
    sgRuleQuota,
    dbIngressOnlyViaSecurityGroups,
    sgRulesManagedOneWay,
    sgUnused,
    sgWorldIngressOnlyOnLoadBalancers,
    vpcFlowLogsEnabled,
    naclEphemeralReturnTraffic,
    naclNoAdminPortsFromWorld,
    naclRulesEffective,
    dbNotReachableFromInternet,
    computeReachableOnlyThroughLoadBalancers,
    adminPortsNotReachableFromInternet,
] as const;

/** The policies of the catalogue, as @pulumi/policy takes them. */
export function catalogue(): Policies {
    return [...POLICIES];
}
