/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per policy (severity, help text, its entry in
 * docs/policies.md, tags), one result per finding. A finding's location is the resource (a logical
 * location holding its URN) and, because code scanning shows only results with a physical location,
 * a file relative to the source root (`%SRCROOT%`): where the program declared the resource, else the
 * program's entry point or the stack export at the first line that names the resource.
 * A result's fingerprint comes from the finding's identity (baseline.ts), never its message, so that
 * code scanning tracks one alert while the message changes. An exempted finding is a result at the
 * level it had, with an external suppression (the exemption); with --baseline, `baselineState` says
 * whether a finding is new.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type * as sarif from "sarif";
import { incompleteInvocations } from "./incomplete";
import { pathToFileURL } from "url";
import { identityKey, identityOf } from "./baseline";
import { relativeTo, sourceRoot } from "./locations";
import { Finding, FindingExemption, Report } from "./model";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** GitHub's security-severity scale: critical >= 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9. */
const SECURITY_SEVERITY: { [severity: string]: string } = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

function level(l: string): sarif.ReportingConfiguration.level {
    return l === "mandatory" ? "error" : l === "disabled" ? "none" : "warning";
}

/** The root that artifact URIs are relative to. */
export const SRCROOT = "%SRCROOT%";

/** What SARIF needs beyond the report: --source-root, and the project's home page (package.json `homepage`). */
export interface SarifContext {
    sourceRoot?: string;
    homepage?: string;
}

/**
 * A policy's entry in docs/policies.md under the project's home page: a GitHub repository's default
 * branch; for the package's npm page, the file as that version of the package ships it (unpkg).
 */
export function policyDocUri(homepage: string, policy: string, version: string): string {
    const gh = /^https:\/\/github\.com\/([^/#?]+)\/([^/#?]+?)(?:\.git)?\/?(?:#.*)?$/.exec(homepage);
    const npm = /^https:\/\/www\.npmjs\.com\/package\/((?:@[^/#?]+\/)?[^/#?]+)\/?(?:#.*)?$/.exec(homepage);
    const base = gh ? `https://github.com/${gh[1]}/${gh[2]}/blob/HEAD/`
        : npm ? `https://unpkg.com/${npm[1]}@${version}/`
            : homepage.replace(/#.*$/, "").replace(/\/?$/, "/");
    return `${base}docs/policies.md#${policy}`;
}

/** Stable fingerprints: the identity's hash, with the occurrence of that identity in the run (1 for the first). */
function fingerprinter(): (f: Finding) => string {
    const seen = new Map<string, number>();
    return (f) => {
        const key = identityKey(identityOf(f));
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        return `${createHash("sha256").update(key).digest("hex")}:${n}`;
    };
}

/** A file relative to the repository root, or its absolute file URL when it is outside it. */
function artifactOf(root: string, file: string): sarif.ArtifactLocation {
    const rel = relativeTo(root, file);
    return rel !== undefined ? { uri: rel, uriBaseId: SRCROOT } : { uri: pathToFileURL(path.resolve(file)).href };
}

/** 1-based line of the first line that names the resource (its URN, else its name in quotes), else 1. */
function lineFinder(file: string, kind: Report["source"]["kind"]): (f: Finding) => number {
    let lines: string[] = [];
    try {
        lines = fs.readFileSync(file, "utf8").split("\n");
    } catch {
        // no file to point into: line 1
    }
    return (f) => {
        if (!f.resource) { return 1; }
        const needles = kind === "stack-export" ? [JSON.stringify(f.resource.urn)] : [JSON.stringify(f.resource.name), `'${f.resource.name}'`];
        const i = lines.findIndex((l) => needles.some((n) => l.includes(n)));
        return i >= 0 ? i + 1 : 1;
    };
}

/** An exemption as SARIF sees it: a suppression kept outside the code, accepted, with the reason as its justification. */
function suppression(e: FindingExemption): sarif.Suppression {
    return {
        kind: "external",
        status: "accepted",
        justification: e.reason,
        properties: {
            ...(e.kind === "config" ? { exemption: e.resource } : { exemptionTag: e.tag }),
            expires: e.expires ?? null,
        },
    };
}

export function formatSarif(r: Report, ctx: SarifContext = {}): string {
    const rules: sarif.ReportingDescriptor[] = r.policies.map((p) => ({
        id: p.name,
        name: p.name.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(""),
        shortDescription: { text: p.displayName || p.name },
        fullDescription: { text: p.description },
        ...(p.remediationSteps ? { help: { text: p.remediationSteps, markdown: `**How to fix:** ${p.remediationSteps}` } } : {}),
        ...(ctx.homepage ? { helpUri: policyDocUri(ctx.homepage, p.name, r.pack.version) } : p.url ? { helpUri: p.url } : {}),
        defaultConfiguration: { level: level(p.enforcementLevel), enabled: p.enforcementLevel !== "disabled" },
        properties: {
            tags: ["security", ...(p.tags ?? [])],
            ...(p.severity ? { "security-severity": SECURITY_SEVERITY[p.severity], severity: p.severity } : {}),
            enforcementLevel: p.enforcementLevel,
            precision: "high",
        },
    }));
    const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
    const line = lineFinder(r.source.artifact, r.source.kind);
    const root = ctx.sourceRoot !== undefined ? path.resolve(ctx.sourceRoot) : sourceRoot(r.source);
    const source = artifactOf(root, r.source.artifact);
    const artifacts = new Map<string, sarif.ArtifactLocation>([[source.uri ?? "", source]]);
    const physical = (f: Finding): sarif.PhysicalLocation => {
        const declared = f.resource?.location;
        if (!declared) {
            return { artifactLocation: source, region: { startLine: line(f) } };
        }
        const at = artifactOf(root, declared.file);
        artifacts.set(at.uri ?? "", at);
        return { artifactLocation: at, region: { startLine: declared.line } };
    };
    const result = (f: Finding): sarif.Result => ({
        ruleId: f.policy,
        ...(ruleIndex.has(f.policy) ? { ruleIndex: ruleIndex.get(f.policy) } : {}),
        level: level(f.level),
        message: { text: f.message },
        locations: [{
            physicalLocation: physical(f),
            ...(f.resource ? {
                logicalLocations: [{ name: f.resource.name, fullyQualifiedName: f.resource.urn, kind: "resource" }],
            } : {}),
        }],
        partialFingerprints: { "guardrailsFinding/v2": fingerprint(f) },
        ...(f.baseline ? { baselineState: f.baseline === "existing" ? "unchanged" : "new" } : {}),
        properties: { enforcementLevel: f.level, ...(f.severity ? { severity: f.severity } : {}) },
        ...(f.exemption ? { suppressions: [suppression(f.exemption)] } : {}),
    });
    const fingerprint = fingerprinter();
    const results = [...r.findings, ...r.exempted].map(result);
    const log: sarif.Log = {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [{
            tool: {
                driver: {
                    name: r.pack.name,
                    version: r.pack.version,
                    semanticVersion: r.pack.version,
                    ...(ctx.homepage ? { informationUri: ctx.homepage } : {}),
                    rules,
                },
            },
            originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root).href.replace(/\/?$/, "/") } },
            artifacts: [...artifacts.values()].map((location) => ({ location })),
            results,
            ...(r.incomplete?.length ? { invocations: incompleteInvocations(r.incomplete) } : {}),
            columnKind: "utf16CodeUnits",
        }],
    };
    return JSON.stringify(log, null, 2) + "\n";
}
