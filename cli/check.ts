/**
 * Starts the pack the way the Pulumi CLI does and makes the engine's calls, in the engine's order:
 * Configure (the reconciled --policy-pack-config), Analyze for each resource, then AnalyzeStack.
 */
import {
    AnalyzedResource, AnalyzerRpcError, Diagnostic, ExemptedFinding, ExpiredMatch, FindingKey, PackClient, PolicyConfigEntry, PolicyConfigError, PolicyPackConfig,
    StackResource, startPack,
} from "../runner/analyzer-client";
import { unknownPolicy } from "../policies/core/pack-config";
import { InputError } from "./errors";
import { packageDir, runPolicyPackOf } from "./package-dir";
import { Paired, expiredRecords, pairExempted, unusedExemptions } from "./exempted";
import { pairKeys } from "./keys";
import { Finding, Incomplete, Report, ResourceRef, Source, SourceLocation, nameFromUrn, typeFromUrn } from "./model";

export const PACK_DIR = packageDir();

/** The gRPC status with which the pack rejects a configuration. */
const INVALID_ARGUMENT = 3;

/** Above this many resources, progress goes to stderr. */
export const PROGRESS_THRESHOLD = 200;

export interface CheckInput {
    source: Source;
    analyzed: AnalyzedResource[];
    stackResources: StackResource[];
    /** What the input hides from the check (a program's multi-language components). */
    incomplete?: Incomplete[];
    /** Warnings about the input, reported before the check's own. */
    warnings?: string[];
    /** Where each resource was declared, by URN (a program's). */
    locations?: Map<string, SourceLocation>;
}

export type Progress = (line: string) => void;

/** Starts the pack; the caller may start it early, in parallel with reading the input. */
export function startGuardrails(signal?: AbortSignal): Promise<PackClient> {
    return startPack(PACK_DIR, { dryRun: true, signal, runPolicyPack: runPolicyPackOf(PACK_DIR) }).then((pack) => {
        // Never leave the pack running when this process exits early (process.exit on a fatal error).
        const kill = () => { pack.kill(); };
        process.once("exit", kill);
        const close = pack.close.bind(pack);
        pack.close = async () => {
            process.removeListener("exit", kill);
            await close();
        };
        return pack;
    });
}

async function configure(pack: PackClient, known: string[], config: PolicyPackConfig): Promise<{ [policy: string]: PolicyConfigEntry }> {
    // The CLI sends a name the pack does not have only with a level, and refuses it without one
    // ("invalid enforcement level"); name it either way, as the pack does.
    const unknown = Object.keys(config).find((name) => name !== "all" && !known.includes(name));
    if (unknown !== undefined) {
        throw new InputError(`invalid policy pack config: ${unknownPolicy(unknown, known)}`);
    }
    try {
        return await pack.configure(config);
    } catch (e) {
        if (e instanceof PolicyConfigError) {
            throw new InputError(`invalid policy pack config: ${e.errors.join("; ")}`);
        }
        if (e instanceof AnalyzerRpcError && e.code === INVALID_ARGUMENT) {
            throw new InputError(e.details.split("\n")[0]); // the pack's own sentence
        }
        if (e instanceof AnalyzerRpcError) {
            throw new InputError(`invalid policy pack config: ${e.details.split("\n")[0]}`);
        }
        if (e instanceof Error && /^(parsing|invalid enforcement level)/.test(e.message)) {
            throw new InputError(`invalid policy pack config: ${e.message}`);
        }
        throw e;
    }
}

export async function check(packStarted: Promise<PackClient>, input: CheckInput, config: PolicyPackConfig,
    progress: Progress): Promise<Report> {
    const pack = await packStarted;
    try {
        const info = await pack.getAnalyzerInfo();
        const sent = await configure(pack, info.policies.map((p) => p.name), config);
        const total = input.analyzed.length;
        const noisy = total > PROGRESS_THRESHOLD;
        const step = 100;
        if (noisy) { progress(`checking ${total} resources`); }

        const perResource = new Map<string, Paired>();
        const expired: ExpiredMatch[] = [];
        const keys = new Map<Diagnostic, FindingKey>();
        let done = 0;
        for (const r of input.analyzed) {
            const result = await pack.analyze(r, { exempted: true });
            perResource.set(r.urn, pairExempted(result.diagnostics, result.exempted, `Analyze of ${r.urn}`));
            pairKeys(result.diagnostics, result.keys, `Analyze of ${r.urn}`, keys);
            expired.push(...expiredRecords(result.expired, `Analyze of ${r.urn}`));
            done++;
            if (noisy && (done % step === 0 || done === total)) { progress(`analyzed ${done}/${total} resources`); }
        }
        if (noisy) { progress(`running stack policies on ${input.stackResources.length} resources`); }
        const stackResult = await pack.analyzeStack(input.stackResources, { exempted: true });
        const stack = pairExempted(stackResult.diagnostics, stackResult.exempted, "AnalyzeStack");
        pairKeys(stackResult.diagnostics, stackResult.keys, "AnalyzeStack", keys);
        const keyOf = (d: Diagnostic) => {
            const k = keys.get(d);
            return k ? { kind: k.kind, ...(k.at !== undefined ? { at: k.at } : {}) } : {};
        };
        expired.push(...expiredRecords(stackResult.expired, "AnalyzeStack"));

        const refs = new Map<string, ResourceRef>(input.analyzed.map((r) => {
            const location = input.locations?.get(r.urn);
            return [r.urn, { urn: r.urn, type: r.type, name: r.name, ...(location ? { location } : {}) }];
        }));
        const resourceOf = (urn: string | undefined) => urn ? refs.get(urn) ?? { urn, type: typeFromUrn(urn), name: nameFromUrn(urn) } : undefined;
        const toFinding = (d: Diagnostic, urn: string | undefined): Finding => {
            const resource = resourceOf(urn);
            return {
                policy: d.policyName,
                level: d.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
                ...(d.severity ? { severity: d.severity } : {}),
                ...(resource ? { resource } : {}),
                message: d.message,
                ...keyOf(d),
            };
        };
        const toExempted = ({ diagnostic: d, record }: Paired["exempted"][number], urn: string | undefined): Finding => {
            const resource = resourceOf(urn);
            return {
                policy: record.policy,
                level: record.level,
                ...(d.severity ? { severity: d.severity } : {}),
                ...(resource ? { resource } : {}),
                message: record.finding,
                ...keyOf(d),
                exemption: { ...record.exemption, reason: record.reason, ...(record.expires !== undefined ? { expires: record.expires } : {}) },
            };
        };
        // Grouped by resource in the engine's order; per resource, Analyze findings then AnalyzeStack ones.
        // An Analyze finding is on the resource analysed, an AnalyzeStack one on the URN it names.
        const grouped = (of: (p: Paired, urn: string | undefined) => Finding[]): Finding[] => {
            const byUrn = new Map<string, Finding[]>();
            const unattached: Finding[] = [];
            for (const f of of(stack, undefined)) {
                if (f.resource && refs.has(f.resource.urn)) {
                    byUrn.set(f.resource.urn, [...byUrn.get(f.resource.urn) ?? [], f]);
                } else {
                    unattached.push(f);
                }
            }
            const out: Finding[] = [];
            for (const r of input.analyzed) {
                const paired = perResource.get(r.urn);
                out.push(...(paired ? of(paired, r.urn) : []), ...byUrn.get(r.urn) ?? []);
            }
            return [...out, ...unattached];
        };
        const active = (ds: Diagnostic[]) => ds.filter((d) => d.enforcementLevel !== "disabled");
        const findings = grouped((p, urn) => active(p.findings).map((d) => toFinding(d, urn ?? d.urn)));
        const exempted = grouped((p, urn) => p.exempted.map((e) => toExempted(e, urn ?? e.diagnostic.urn)));
        const records: ExemptedFinding[] = [...perResource.values(), stack].flatMap((p) => p.exempted.map((e) => e.record));
        return {
            pack: { name: info.name, version: info.version },
            source: input.source,
            resources: [...refs.values()],
            // With the levels in force: what Configure sent.
            policies: info.policies.map((p) => ({ ...p, enforcementLevel: (sent[p.name]?.enforcementLevel ?? p.enforcementLevel) as typeof p.enforcementLevel })),
            findings,
            exempted,
            warnings: [...input.warnings ?? [], ...unusedExemptions(sent, records, expired)],
            ...(input.incomplete?.length ? { incomplete: input.incomplete } : {}),
        };
    } finally {
        await pack.close();
    }
}
