/**
 * Hostile resources over the Analyzer protocol: the pack, started as the CLI starts it, answers
 * Analyze, Remediate and AnalyzeStack for fast-check-generated resources without a gRPC error and
 * without an internal-error violation.
 */
import * as assert from "assert";
import fc from "fast-check";
import { AnalyzedResource, Diagnostic, JsonObject, PackClient, StackResource, startPack } from "../../runner/analyzer-client";
import { REPO } from "../harness/pack-dirs";
import { OUTPUT_SIG, SECRET_SIG, SIG_KEY, UNKNOWN_SENTINELS } from "../../policies/model/values";
import { GeneratedStackResource, stackOf } from "./arbitraries/resources";

const COUNT = 30;

function urn(r: { type: string; name: string }): string {
    return `urn:pulumi:hardening::hardening::${r.type}::${r.name}`;
}

/**
 * The value as the engine can send it. @pulumi/policy's deserializer rejects, before any policy
 * runs, wire forms the engine never sends to an analyzer (output values, secrets without a value,
 * unknown signatures): those become what the engine sends instead (the unknown sentinel, the value,
 * a secret with a value). Everything else stays as hostile as generated.
 */
export function wireForm(v: unknown): unknown {
    if (Array.isArray(v)) {
        return v.map(wireForm);
    }
    if (typeof v !== "object" || v === null) {
        return v;
    }
    const o = v as Record<string, unknown>;
    const entries = Object.entries(o).filter(([k]) => k !== SIG_KEY).map(([k, x]): [string, unknown] => [k, wireForm(x)]);
    const copy = () => {
        const out: Record<string, unknown> = {};
        for (const [k, x] of entries) {
            Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
        }
        return out;
    };
    if (!Object.prototype.hasOwnProperty.call(o, SIG_KEY)) {
        return copy();
    }
    if (o[SIG_KEY] === SECRET_SIG) {
        return { [SIG_KEY]: SECRET_SIG, value: o.value === undefined ? "secret" : wireForm(o.value) };
    }
    if (o[SIG_KEY] === OUTPUT_SIG) {
        return o.known === true && o.value !== undefined ? wireForm(o.value) : UNKNOWN_SENTINELS[2];
    }
    return copy();
}

function analyzed(r: GeneratedStackResource): AnalyzedResource {
    return { urn: urn(r), type: r.type, name: r.name, properties: wireForm(r.props) as JsonObject };
}

function internalErrors(diagnostics: Diagnostic[]): string[] {
    return diagnostics.filter((d) => /could not evaluate|^can't run/.test(d.message) || d.message.trim() === "")
        .map((d) => `${d.policyName}: ${d.message.slice(0, 500)}`);
}

describe("hardening: hostile resources over gRPC", function () {
    this.timeout(180_000);
    let pack: PackClient | undefined;
    const seed = Date.now() ^ (Math.random() * 0x100000000);

    before(async () => {
        pack = await startPack(REPO);
    });

    after(async () => {
        await pack?.close();
    });

    it(`Analyze, Remediate and AnalyzeStack answer ${COUNT} generated hostile resources without a gRPC error`, async () => {
        const client = pack as PackClient;
        await client.configure({});
        const [stack] = fc.sample(stackOf(COUNT, COUNT), { seed, numRuns: 1 });
        const context = `(fast-check seed ${seed})`;
        const problems: string[] = [];
        for (const r of stack) {
            try {
                problems.push(...internalErrors((await client.analyze(analyzed(r))).diagnostics));
                const remediated = await client.remediate(analyzed(r));
                problems.push(...remediated.remediations.filter((x) => x.diagnostic !== undefined && !x.diagnostic.startsWith("can't run"))
                    .map((x) => `${x.policyName}: ${x.diagnostic}`));
            } catch (e) {
                problems.push(`${r.type} ${JSON.stringify(r.props).slice(0, 300)}: ${e instanceof Error ? e.message.slice(0, 1000) : String(e)}`);
            }
        }
        const names = new Map(stack.map((r) => [r.name, urn(r)]));
        const resources: StackResource[] = stack.map((r) => {
            const propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies)
                .map(([k, ns]) => [k, ns.map((n) => names.get(n) as string)]));
            return { ...analyzed(r), dependencies: [...new Set(Object.values(propertyDependencies).flat())], propertyDependencies };
        });
        try {
            problems.push(...internalErrors((await client.analyzeStack(resources)).diagnostics));
        } catch (e) {
            problems.push(`AnalyzeStack: ${e instanceof Error ? e.message.slice(0, 1000) : String(e)}`);
        }
        assert.deepStrictEqual(problems, [], context);
    });
});
