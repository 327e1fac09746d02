/**
 * Starts the pack the way the Pulumi CLI does and makes the engine's calls, in the engine's order:
 * Configure (the reconciled --policy-pack-config), Analyze for each resource, then AnalyzeStack.
 */
import * as path from "path";
import {
    AnalyzedResource, AnalyzerRpcError, Diagnostic, PackClient, PolicyConfigEntry, PolicyConfigError, PolicyPackConfig,
    StackResource, startPack,
} from "../runner/analyzer-client";
import { EXEMPTED_PREFIX, REPORT_EXEMPTED_ENV } from "../policies/governance";
import { InputError } from "./errors";
import { Finding, Report, ResourceRef, Source } from "./model";

export const PACK_DIR = path.resolve(__dirname, "..");

/** Above this many resources, progress goes to stderr. */
export const PROGRESS_THRESHOLD = 200;

export interface CheckInput {
    source: Source;
    analyzed: AnalyzedResource[];
    stackResources: StackResource[];
}

export type Progress = (line: string) => void;

/** Starts the pack; the caller may start it early, in parallel with reading the input. */
export function startGuardrails(signal?: AbortSignal): Promise<PackClient> {
    // Exempted findings then come back as marked notes, so that unused exemptions can be listed.
    return startPack(PACK_DIR, { dryRun: true, signal, env: { [REPORT_EXEMPTED_ENV]: "1" } }).then((pack) => {
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

export async function check(packStarted: Promise<PackClient>, input: CheckInput, config: PolicyPackConfig,
    progress: Progress): Promise<Report> {
    const pack = await packStarted;
    try {
        let sent: { [policy: string]: PolicyConfigEntry } = {};
        try {
            sent = await pack.configure(config);
        } catch (e) {
            if (e instanceof PolicyConfigError) {
                throw new InputError(`invalid policy pack config: ${e.errors.join("; ")}`);
            }
            if (e instanceof AnalyzerRpcError) {
                throw new InputError(`invalid policy pack config: ${e.details.split("\n")[0]}`);
            }
            if (e instanceof Error && /^(parsing|invalid enforcement level)/.test(e.message)) {
                throw new InputError(`invalid policy pack config: ${e.message}`);
            }
            throw e;
        }
        const info = await pack.getAnalyzerInfo();
        const total = input.analyzed.length;
        const noisy = total > PROGRESS_THRESHOLD;
        const step = 100;
        if (noisy) { progress(`checking ${total} resources`); }

        const perResource = new Map<string, Diagnostic[]>();
        const exempted = new Set<string>();
        /** Drops exempted findings, noting which exemption each one used. */
        const reported = (ds: Diagnostic[]) => ds.filter((d) => {
            const used = exemptionUsed(d);
            if (used) {
                exempted.add(`${d.policyName}\u0000${used}`);
            }
            return used === undefined;
        });
        let done = 0;
        for (const r of input.analyzed) {
            const { diagnostics } = await pack.analyze(r);
            perResource.set(r.urn, reported(diagnostics));
            done++;
            if (noisy && (done % step === 0 || done === total)) { progress(`analyzed ${done}/${total} resources`); }
        }
        if (noisy) { progress(`running stack policies on ${input.stackResources.length} resources`); }
        const stackDiagnostics = reported((await pack.analyzeStack(input.stackResources)).diagnostics);

        const refs = new Map<string, ResourceRef>(input.analyzed.map((r) => [r.urn, { urn: r.urn, type: r.type, name: r.name }]));
        const toFinding = (d: Diagnostic, urn: string | undefined): Finding => {
            const resource = urn ? refs.get(urn) ?? { urn, type: urnType(urn), name: urnName(urn) } : undefined;
            return {
                policy: d.policyName,
                level: d.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
                ...(d.severity ? { severity: d.severity } : {}),
                ...(resource ? { resource } : {}),
                message: d.message,
            };
        };
        // Grouped by resource in the engine's order; per resource, Analyze findings then AnalyzeStack ones.
        const stackByUrn = new Map<string, Finding[]>();
        const unattached: Finding[] = [];
        for (const d of stackDiagnostics) {
            if (d.enforcementLevel === "disabled") { continue; }
            const f = toFinding(d, d.urn);
            if (d.urn && refs.has(d.urn)) {
                stackByUrn.set(d.urn, [...stackByUrn.get(d.urn) ?? [], f]);
            } else {
                unattached.push(f);
            }
        }
        const findings: Finding[] = [];
        for (const r of input.analyzed) {
            for (const d of perResource.get(r.urn) ?? []) {
                if (d.enforcementLevel !== "disabled") { findings.push(toFinding(d, r.urn)); }
            }
            findings.push(...stackByUrn.get(r.urn) ?? []);
        }
        findings.push(...unattached);
        return {
            pack: { name: info.name, version: info.version },
            source: input.source,
            resources: [...refs.values()],
            // With the levels in force: what Configure sent.
            policies: info.policies.map((p) => ({ ...p, enforcementLevel: (sent[p.name]?.enforcementLevel ?? p.enforcementLevel) as typeof p.enforcementLevel })),
            findings,
            warnings: unusedExemptions(sent, exempted),
        };
    } finally {
        await pack.close();
    }
}

/** The exemption an exempted finding used ("(exemption 'bastion-*': reason) ..."), or undefined for a real finding. */
function exemptionUsed(d: Diagnostic): string | undefined {
    if (!d.message.startsWith(EXEMPTED_PREFIX)) {
        return undefined;
    }
    const m = /^\(exemption '((?:[^']|'(?!:))*)':/.exec(d.message.slice(EXEMPTED_PREFIX.length));
    return m ? m[1] : "(tag)";
}

/** One warning per configured exemption that exempted nothing. */
function unusedExemptions(sent: { [policy: string]: PolicyConfigEntry }, used: Set<string>): string[] {
    const warnings: string[] = [];
    for (const [policy, entry] of Object.entries(sent)) {
        const list = entry.properties?.exemptions;
        for (const e of Array.isArray(list) ? list : []) {
            const resource = (e as { resource?: unknown }).resource;
            if (typeof resource === "string" && !used.has(`${policy}\u0000${resource}`)) {
                warnings.push(`exemption '${resource}' of ${policy} matched no finding: remove it, or check the pattern`);
            }
        }
    }
    return warnings;
}

function urnType(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? parts[2].split("$").pop() ?? "" : "";
}

function urnName(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i >= 0 ? urn.slice(i + 2) : urn;
}
