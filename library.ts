/**
 * The package as a library: the catalogue of policies with their metadata, the selection helpers,
 * and the typed factory for a pack of your own. Importing it starts nothing; the ready pack, which
 * serves every policy as soon as it is loaded, is index.ts (package.json `main`, for the Pulumi CLI).
 *
 *     import { selectPolicies, servePack } from "aws-network-guardrails";
 *
 *     servePack("team-guardrails", {
 *         policies: selectPolicies({ minSeverity: "high" }),
 *         all: "mandatory",
 *     });
 */
export { POLICIES, catalogue, packName } from "./policies/catalogue";
export { createPack, servePack } from "./policies/core/compose";
export type { PackDefinition, PackOptions, PackOverrides, PolicyName, PolicyOptions, PortSpec, SharedOptions } from "./policies/core/compose";
export type { Exemption } from "./policies/core/governance";
export { FRAMEWORKS, SEVERITIES, describePolicies, policyByName, selectPolicies } from "./policies/core/select";
export type { ControlId, FrameworkId, PolicyCriteria, PolicyInfo, PolicyNamePattern } from "./policies/core/select";
export { servePolicyPack } from "./policies/core/server-hooks";
