/**
 * Bounded run time and no crash on huge and deep input: 100,000 CIDRs in one inline rule (resource
 * and stack policies), lists longer than MAX_LIST reported rather than silently truncated, and
 * nesting 10,000 levels deep in a field.
 */
import * as assert from "assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { catalogue } from "../../policies/catalogue";
import { MAX_LIST } from "../../policies/model/values";
import { Finding, runRemediation, runResourcePolicy } from "../util/run-policy";
import { StackFinding, TestResource, runStackPolicy } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { deeplyNested } from "./arbitraries/hostile-values";

const policies = catalogue();
const resourcePolicies = policies.filter((p): p is ResourceValidationPolicy => "validateResource" in p && p.validateResource !== undefined);
const stackPolicies = policies.filter((p): p is StackValidationPolicy => "validateStack" in p && p.validateStack !== undefined);

/**
 * Generous bounds. One policy is one call of the runtime: each must finish within BOUND_MS. All of
 * them together re-read 100k CIDRs once per policy (about 1-2.5 s each on a loaded 2-core machine).
 */
const BOUND_MS = 10_000;
const TOTAL_BOUND_MS = 60_000;

/** n distinct IPv4 /32 blocks, then 0.0.0.0/1 and 128.0.0.0/1 (together the world) at the end. */
function manyCidrs(n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n - 2; i++) {
        out.push(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`);
    }
    return [...out, "0.0.0.0/1", "128.0.0.0/1"];
}

function sgWith(cidrs: unknown): Record<string, unknown> {
    return {
        id: "sg-big", description: "big group", vpcId: "vpc-1",
        ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: cidrs, description: "ssh" }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"], description: "internal" }],
    };
}

function timed<T>(run: () => T): { result: T; ms: number } {
    const start = process.hrtime.bigint();
    const result = run();
    return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function noInternalErrors(findings: (Finding | StackFinding)[]): void {
    const bad = findings.filter((f) => /could not evaluate|^can't run/.test(f.message) || f.message.trim() === "");
    assert.deepStrictEqual(bad, []);
}

interface Run<F> {
    findings: F[];
    /** All policies together. */
    ms: number;
    /** The slowest policy, as the runtime runs each policy on its own call. */
    slowest: { name: string; ms: number };
}

function runEach<P extends { name: string }, F>(list: P[], run: (p: P) => F[]): Run<F> {
    const findings: F[] = [];
    let ms = 0;
    let slowest = { name: "", ms: 0 };
    for (const p of list) {
        const t = timed(() => run(p));
        findings.push(...t.result);
        ms += t.ms;
        if (t.ms > slowest.ms) {
            slowest = { name: p.name, ms: t.ms };
        }
    }
    return { findings, ms, slowest };
}

function runAllResource(type: string, props: Record<string, unknown>): Run<Finding> {
    return runEach(resourcePolicies, (p) => runResourcePolicy(p, { type, props }));
}

function runAllStack(resources: TestResource[]): Run<StackFinding> {
    return runEach(stackPolicies, (p) => runStackPolicy(p, resources));
}

/** Each policy within the bound; the total is logged (every policy re-reads the props: see the report). */
function withinBound(run: Run<unknown>, what: string): void {
    console.log(`      ${what}: all policies ${Math.round(run.ms)} ms, slowest ${run.slowest.name} ${Math.round(run.slowest.ms)} ms`);
    assert.ok(run.slowest.ms < BOUND_MS, `${run.slowest.name} took ${run.slowest.ms} ms`);
    assert.ok(run.ms < TOTAL_BOUND_MS, `all policies took ${run.ms} ms`);
}

describe("hardening: scale and depth", function () {
    this.timeout(120_000);
    const big = manyCidrs(MAX_LIST);

    it(`one inline rule with ${MAX_LIST} CIDRs: each resource policy within ${BOUND_MS / 1000} s, and the world it adds up to is found`, () => {
        const run = runAllResource(TYPE.sg, sgWith(big));
        const findings = run.findings;
        noInternalErrors(findings);
        withinBound(run, "100k CIDRs, resource policies");
        // 0.0.0.0/1 + 128.0.0.0/1 at the very end of the list cover the world: SSH is open to it.
        assert.ok(findings.some((f) => f.level === "mandatory" && f.message.includes("SSH")), JSON.stringify(findings.map((f) => f.message.slice(0, 200))));
    });

    it(`a SecurityGroupRule with ${MAX_LIST} cidrBlocks: the policy with a remediation, and the remediation, within the bound`, () => {
        const props = { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: big, securityGroupId: "sg-1", description: "ssh" };
        const withRemediation = resourcePolicies.filter((p) => p.remediateResource);
        const run = runEach(withRemediation, (p) => runResourcePolicy(p, { type: TYPE.sgRule, props }));
        noInternalErrors(run.findings);
        withinBound(run, "100k CIDRs, SecurityGroupRule");
        const remediated = timed(() => withRemediation.map((p) => runRemediation(p, { type: TYPE.sgRule, props })));
        assert.ok(remediated.ms < BOUND_MS, `remediation took ${remediated.ms} ms`);
        // Above 256 blocks the exposure names every block of the set (policies/model/world.ts MAX_PRUNE), so
        // the remediation would remove all of them and leaves the standalone rule alone instead.
        assert.ok(remediated.result.every((r) => r === undefined || typeof r === "object"));
    });

    it(`a stack around that group (instance, load balancer, vpc rule, NACL with ${MAX_LIST} subnet IDs): every stack policy within the bound`, () => {
        const resources: TestResource[] = [
            { type: TYPE.vpc, name: "vpc", props: { id: "vpc-1", defaultSecurityGroupId: "sg-default" } },
            { type: TYPE.sg, name: "big", props: sgWith(big) },
            { type: TYPE.vpcIngress, name: "rule", props: { securityGroupId: "sg-big", ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv4: "0.0.0.0/0" } },
            { type: TYPE.instance, name: "web", props: { vpcSecurityGroupIds: ["sg-big"] }, propertyDependencies: { vpcSecurityGroupIds: ["big"] } },
            { type: TYPE.lb, name: "lb", props: { securityGroups: Array.from({ length: MAX_LIST }, (_, i) => `sg-${i}`) } },
            {
                type: TYPE.nacl, name: "acl", props: {
                    id: "acl-1", subnetIds: Array.from({ length: MAX_LIST }, (_, i) => `subnet-${i}`),
                    ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" }],
                },
            },
        ];
        const run = runAllStack(resources);
        const findings = run.findings;
        noInternalErrors(findings);
        withinBound(run, "100k CIDRs, stack policies");
        assert.ok(findings.some((f) => f.message.includes("more than the quota")), "the rule quota sees the 100k rules");
    });

    const naclStack = (n: number): TestResource[] => {
        const entries = Array.from({ length: n }, (_, i) => ({
            ruleNo: i + 1, action: i % 3 === 0 ? "deny" : "allow", protocol: i % 2 === 0 ? "tcp" : "udp",
            fromPort: (i * 37) % 60000, toPort: (i * 37) % 60000 + (i % 100), cidrBlock: `10.${i & 255}.${(i >> 8) & 255}.0/24`,
        }));
        return [
            { type: TYPE.subnet, name: "subnet", props: { id: "subnet-1" } },
            { type: TYPE.nacl, name: "acl", props: { id: "acl-1", subnetIds: ["subnet-1"], ingress: entries, egress: entries } },
        ];
    };

    it("a network ACL with 200 inline entries per direction (5x the AWS maximum): every stack policy within the bound", () => {
        const run = runAllStack(naclStack(200));
        noInternalErrors(run.findings);
        withinBound(run, "200 NACL entries, stack policies");
    });

    it(`a list of ${MAX_LIST + 1} CIDRs is a clear violation naming the list, never silently truncated`, () => {
        const over = [...manyCidrs(MAX_LIST), "0.0.0.0/0"];
        const run = runAllResource(TYPE.sg, sgWith(over));
        const findings = run.findings;
        noInternalErrors(findings);
        withinBound(run, "100k+1 CIDRs, resource policies");
        const about = findings.filter((f) => f.message.includes(`ingress[0].cidrBlocks has ${MAX_LIST + 1} entries, more than the ${MAX_LIST} a policy reads`));
        assert.ok(about.some((f) => f.level === "mandatory"), JSON.stringify(findings.map((f) => f.message.slice(0, 200))));
        // ... and in the stack, where the quota policy cannot count the list either.
        const stack = runAllStack([{ type: TYPE.sg, name: "big", props: sgWith(over) }]);
        noInternalErrors(stack.findings);
        // The rule quota cannot count the list: a violation that says why, never "1 rule".
        assert.ok(stack.findings.some((f) => f.level === "mandatory" && f.message.includes(`ingress[0].cidrBlocks has ${MAX_LIST + 1} entries`)
            && f.message.includes("cannot be counted")), JSON.stringify(stack.findings.map((f) => f.message.slice(0, 200))));
    });

    it(`a list of ${MAX_LIST + 1} inline rules is reported, never silently truncated`, () => {
        const rule = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"], description: "x" };
        const props = { description: "d", ingress: Array.from({ length: MAX_LIST + 1 }, () => rule) };
        const run = runAllResource(TYPE.sg, props);
        const findings = run.findings;
        noInternalErrors(findings);
        withinBound(run, "100k+1 rules, resource policies");
        assert.ok(findings.some((f) => f.message.includes(`ingress has ${MAX_LIST + 1} entries`)), JSON.stringify(findings.map((f) => f.message.slice(0, 200))));
    });

    for (const kind of ["array", "object"] as const) {
        it(`nesting 10,000 levels deep (${kind}s) in every field crashes nothing`, () => {
            const deep = deeplyNested(10_000, kind);
            const sgProps = { description: deep, ingress: [{ protocol: deep, fromPort: deep, toPort: deep, cidrBlocks: deep, self: deep }], egress: deep, tags: deep };
            const shapes: [string, Record<string, unknown>][] = [
                [TYPE.sg, sgProps],
                [TYPE.sg, { ingress: deep }],
                [TYPE.sgRule, { type: deep, protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [deep, "0.0.0.0/0"], securityGroupId: deep }],
                [TYPE.vpcIngress, { ipProtocol: deep, cidrIpv4: deep, securityGroupId: deep }],
                [TYPE.nacl, { ingress: [{ ruleNo: deep, cidrBlock: deep }], egress: deep, subnetIds: deep }],
                [TYPE.naclRule, { networkAclId: deep, egress: deep, cidrBlock: deep }],
                [TYPE.instance, { vpcSecurityGroupIds: deep }],
                [TYPE.launchTemplate, { networkInterfaces: [{ securityGroups: deep }, deep] }],
                [TYPE.lambda, { vpcConfig: deep }],
                [TYPE.prefixList, { id: "pl-1", maxEntries: deep }],
                [TYPE.vpc, { id: deep }],
            ];
            for (const [type, props] of shapes) {
                noInternalErrors(runAllResource(type, props).findings);
                for (const p of resourcePolicies.filter((x) => x.remediateResource)) {
                    runRemediation(p, { type, props });
                }
            }
            const stack = runAllStack(shapes.map(([type, props], i) => ({ type, name: `r${i}`, props })));
            noInternalErrors(stack.findings);
            withinBound(stack, `depth 10,000 (${kind}s), stack policies`);
        });
    }
});
