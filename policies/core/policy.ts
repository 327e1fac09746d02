/**
 * The shape every policy of the pack shares: metadata, a config schema with defaults, and logic
 * that reads the canonical rule model, never raw props.
 */
import {
    EnforcementLevel, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, Severity,
    StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { StackModel, fromPolicyResources } from "../graph/stack";
import { ownResourceValidation, ownStackValidation } from "./call-args";
import { ConfigError, OptionSchemas, OptionsOf, withDefaults } from "./config";
import { exempting } from "./exempted";
import { inScope, isExempt, runLevel, withGovernance } from "./governance";
import { sharedInCall } from "../model/call-scope";
import { ResourceRef, SgRuleSet, securityGroupRules } from "../model/sg-rules";
import { plainProps } from "../model/values";
import { Reporter, reporter } from "./report";

/** A policy's metadata; its name and option schemas keep their exact types, from which its options' type follows. */
export interface PolicyMeta<Name extends string = string, Schemas extends OptionSchemas = OptionSchemas> {
    readonly name: Name;
    readonly displayName: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: Severity;
    readonly remediationSteps: string;
    readonly url: string;
    readonly tags: string[];
    readonly configSchema: { readonly properties: Schemas };
    /** Controls of public frameworks the policy enforces exactly. */
    readonly controls?: { readonly cis?: string[]; readonly securityHub?: string[] };
}

export const CIS = { name: "CIS Amazon Web Services Foundations Benchmark", version: "3.0.0" };
export const SECURITY_HUB = { name: "AWS Foundational Security Best Practices (Security Hub)", version: "1.0.0" };

/** The prefix of a control's tag (`cis-aws:5.2`, `security-hub:EC2.13`): the framework's short name. */
export const CONTROL_TAG = { cis: "cis-aws", securityHub: "security-hub" } as const;

/** Declares a policy's metadata with its name and options typed exactly (a plain object literal would widen them). */
export function policyMeta<Name extends string, Schemas extends OptionSchemas>(meta: PolicyMeta<Name, Schemas>): PolicyMeta<Name, Schemas> {
    return meta;
}

declare const OPTIONS: unique symbol;

/** A policy of the catalogue, typed with its name and the options its schema declares (for the typed factory). */
export interface Typed<Name extends string, Options> {
    readonly name: Name;
    readonly [OPTIONS]?: Options;
}

/** The options a typed policy takes. */
export type OptionsOfPolicy<P> = P extends Typed<string, infer Options> ? Options : never;

/** What a policy publishes: its metadata with compliance mappings and the config schema with the shared options. */
function published<Name extends string>(meta: PolicyMeta<Name>) {
    const { controls: _controls, ...metadata } = meta;
    return { ...metadata, ...compliance(meta), configSchema: withGovernance(meta.configSchema) };
}

/**
 * The framework the policy maps to (CIS first, then Security Hub, else this pack's own control),
 * and one tag per control so that every mapping is visible.
 */
function compliance(meta: PolicyMeta): Pick<StackValidationPolicy, "framework" | "tags"> {
    const cis = meta.controls?.cis ?? [];
    const hub = meta.controls?.securityHub ?? [];
    const framework = cis.length > 0 ? { ...CIS, reference: cis.join(", ") }
        : hub.length > 0 ? { ...SECURITY_HUB, reference: hub.join(", ") }
            : { name: "aws-network-guardrails", version: "1", reference: meta.name };
    return {
        framework: { ...framework, specification: meta.description },
        tags: [...meta.tags, ...cis.map((c) => `${CONTROL_TAG.cis}:${c}`), ...hub.map((c) => `${CONTROL_TAG.securityHub}:${c}`)],
    };
}

export interface SgCheck {
    readonly resource: ResourceRef;
    readonly ruleSet: SgRuleSet;
    readonly config: Record<string, unknown>;
    readonly report: Reporter;
}

/**
 * A deterministic, safe fix: the resource's props with the violation removed, or undefined to leave
 * the resource as it is (the violation is then reported as usual).
 */
export type SgRemediation = (c: Omit<SgCheck, "report"> & { readonly props: Record<string, unknown> }) => Record<string, unknown> | undefined;

export interface SgRulePolicyOptions {
    /** The resource types the policy checks, among those that carry rules (default: all of them). */
    readonly applies?: (type: string) => boolean;
    readonly remediate?: SgRemediation;
}

/**
 * A resource-level policy over every resource that carries security-group rules. `check` runs on
 * the normalised rule set; `applies` narrows the resource types.
 */
export function sgRulePolicy<Name extends string, Schemas extends OptionSchemas>(
    meta: PolicyMeta<Name, Schemas>,
    check: (c: SgCheck) => void,
    { applies = () => true, remediate }: SgRulePolicyOptions = {},
): ResourceValidationPolicy & Typed<Name, OptionsOf<Schemas>> {
    const metadata = published(meta);
    const { configSchema } = metadata;
    const resourceOf = (args: ResourceValidationArgs): ResourceRef => ({ urn: args.urn, name: args.name, type: args.type, props: plainProps(args.props) });
    const remediateResource = remediate && ((args: ResourceValidationArgs) => {
        const resource = resourceOf(args);
        const ruleSet = applies(args.type) ? securityGroupRules(resource) : undefined;
        const config = withDefaults(configSchema, args.getConfig());
        if (!ruleSet || !usable(() => inScope(config, args.stackTags) && !isExempt(config, resource, runLevel(meta.name, meta.enforcementLevel)))) {
            return undefined;
        }
        return remediate({ resource, ruleSet, config, props: args.props as Record<string, unknown> });
    });
    return {
        ...metadata,
        ...(remediateResource ? { remediateResource } : {}),
        validateResource: ownResourceValidation((args: ResourceValidationArgs, report: ReportViolation) => {
            if (!applies(args.type)) {
                return;
            }
            const resource = resourceOf(args);
            const ruleSet = securityGroupRules(resource);
            if (!ruleSet) {
                return;
            }
            guarded(meta.name, reporter(report), (r) => {
                const config = withDefaults(configSchema, args.getConfig());
                if (inScope(config, args.stackTags)) {
                    check({ resource, ruleSet, config, report: exempting(r, config, { policy: meta.name, declared: meta.enforcementLevel, resource }) });
                }
            });
        }),
    };
}

export interface StackCheck {
    readonly model: StackModel;
    readonly config: Record<string, unknown>;
    readonly report: Reporter;
}

/** The stack model of an AnalyzeStack call, built once for all stack policies. */
function modelOf(args: StackValidationArgs): StackModel {
    return sharedInCall("stack-model", () => new StackModel(fromPolicyResources(args.resources)));
}

/** A stack-level policy: `check` runs on the stack model. */
export function stackPolicy<Name extends string, Schemas extends OptionSchemas>(
    meta: PolicyMeta<Name, Schemas>, check: (c: StackCheck) => void,
): StackValidationPolicy & Typed<Name, OptionsOf<Schemas>> {
    const metadata = published(meta);
    const { configSchema } = metadata;
    return {
        ...metadata,
        validateStack: ownStackValidation((args: StackValidationArgs, report: ReportViolation) => {
            guarded(meta.name, reporter(report), (r) => {
                const config = withDefaults(configSchema, args.getConfig());
                if (inScope(config, args.stackTags)) {
                    const model = modelOf(args);
                    check({ model, config, report: exempting(r, config, {
                        policy: meta.name, declared: meta.enforcementLevel, stack: model.byUrn, sourceUrn: (key) => model.sourceUrn(key),
                    }) });
                }
            });
        }),
    };
}

/** The answer, or false when the configuration cannot be read: a remediation then leaves the resource alone, and validation reports it. */
function usable(answer: () => boolean): boolean {
    try {
        return answer();
    } catch (e) {
        if (e instanceof ConfigError) {
            return false;
        }
        throw e;
    }
}

/**
 * Runs policy logic so that nothing escapes as an exception: bad configuration and internal
 * errors become clear violations instead of a failed preview or a silent pass.
 */
export function guarded(name: string, r: Reporter, run: (r: Reporter) => void): void {
    try {
        run(r);
    } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (e instanceof ConfigError) {
            r.violation(`Invalid configuration for policy '${name}': ${message}.`);
        } else {
            r.violation(`Policy '${name}' could not evaluate this resource (${message}). Please report this as a bug.`);
        }
    }
}

/** A resource policy with a stack half: Analyze runs the first, AnalyzeStack the second. */
export type WithStackHalf = ResourceValidationPolicy & Pick<StackValidationPolicy, "validateStack">;

/** Adds a stack half to a resource policy; it runs under the same metadata, level and configuration. */
export function withStackHalf<Name extends string, Schemas extends OptionSchemas>(
    meta: PolicyMeta<Name, Schemas>, resourceHalf: ResourceValidationPolicy & Typed<Name, OptionsOf<Schemas>>, check: (c: StackCheck) => void,
): WithStackHalf & Typed<Name, OptionsOf<Schemas>> {
    return { ...resourceHalf, validateStack: stackPolicy(meta, check).validateStack };
}
