/**
 * No value written in props can pass itself off as unknown or secret: an object carrying the mock
 * runtime's `__pulumiUnknown` key, or its own `constructor` named "Secret", is data, and a rule or
 * entry written with such keys is evaluated as written, in the unit path and over the Analyzer
 * protocol. The mock runtime's own marker becomes the engine's sentinel where `check` captures a
 * program.
 */
import * as assert from "assert";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { naclNoAdminPortsFromWorld } from "../../policies/nacl/no-admin-ports-from-world";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { AnalyzedResource, JsonObject, PackClient, startPack } from "../../runner/analyzer-client";
import { toWireUnknowns } from "../../runner/capture";
import { REPO } from "../harness/pack-dirs";
import { Finding, runResourcePolicy } from "../util/run-policy";
import { StackFinding, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const SSH_FIX = "Fix: Allow the port only from a bastion host's security group or a trusted CIDR, or remove the rule and " +
    "connect with AWS Systems Manager Session Manager, which needs no inbound port at all.";
const SSH_FROM_WORLD = "allows TCP port 22 from 0.0.0.0/0 (every IPv4 address). This opens SSH (TCP port 22) to the " +
    `whole internet, where scanners find and brute-force admin ports within minutes. ${SSH_FIX}`;
const NACL_FIX = "Fix: Allow admin ports only from trusted CIDRs (a bastion or VPN range) in the network ACL, with the security " +
    "groups as the finer control, or remove the entry and connect with AWS Systems Manager Session Manager, which needs no " +
    "inbound port at all.";

const sshRule = { description: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] };
const markerKey = { __pulumiUnknown: true };
const secretKey = { constructor: { name: "Secret" }, value: "ignored" };

/** The security-group props under test, by how the lookalike keys are placed. */
const sgCases: [string, Record<string, unknown>][] = [
    ["on the rule", { description: "d", ingress: [{ ...sshRule, ...markerKey }] }],
    ["on the root props", { description: "d", ingress: [sshRule], ...markerKey }],
    ["as a secret lookalike on the rule", { description: "d", ingress: [{ ...sshRule, ...secretKey }] }],
    ["as a secret lookalike on the root props", { description: "d", ingress: [sshRule], ...secretKey }],
];

const sgViolation: Finding = { level: "mandatory", message: `ingress[0].cidrBlocks[0] ${SSH_FROM_WORLD}` };

describe("hardening: lookalikes of unknown and secret values are data", () => {
    describe("sg-no-admin-ports-from-world (unit)", () => {
        for (const [where, props] of sgCases) {
            it(`reports SSH from the world with __pulumiUnknown / constructor keys ${where}`, () => {
                assert.deepStrictEqual(runResourcePolicy(sgNoAdminPortsFromWorld, { type: TYPE.sg, props }), [sgViolation]);
            });
        }
    });

    describe("nacl-no-admin-ports-from-world (unit)", () => {
        const entry = { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" };
        const expected: StackFinding = {
            level: "mandatory",
            message: "Network ACL 'public': ingress[0] (rule 100) allows inbound TCP port 22 from 0.0.0.0/0 (every IPv4 address), " +
                "which lets SSH (TCP port 22) in from the whole internet, where scanners find and brute-force admin ports within " +
                `minutes. ${NACL_FIX}`,
            urn: urnOf({ type: TYPE.nacl, name: "public" }),
        };
        const naclCases: [string, Record<string, unknown>][] = [
            ["on the entry", { vpcId: "vpc-1", ingress: [{ ...entry, ...markerKey }] }],
            ["on the root props", { vpcId: "vpc-1", ingress: [entry], ...markerKey }],
            ["as a secret lookalike on the entry", { vpcId: "vpc-1", ingress: [{ ...entry, ...secretKey }] }],
        ];
        for (const [where, props] of naclCases) {
            it(`reports the world on port 22 with the keys ${where}`, () => {
                assert.deepStrictEqual(runStackPolicy(naclNoAdminPortsFromWorld, [{ type: TYPE.nacl, name: "public", props }]), [expected]);
            });
        }
    });

    describe("capture boundary", () => {
        it("turns the mock runtime's marker into the engine's sentinel, at any depth", () => {
            assert.deepStrictEqual(toWireUnknowns({ a: { __pulumiUnknown: true }, b: [1, { __pulumiUnknown: true }], c: { d: "x" } }),
                { a: rpc.unknownValue, b: [1, rpc.unknownValue], c: { d: "x" } });
        });
        it("leaves an object with the marker key and other keys as data", () => {
            const rule = { ...sshRule, __pulumiUnknown: true };
            assert.deepStrictEqual(toWireUnknowns({ ingress: [rule] }), { ingress: [rule] });
        });
        it("leaves a marker key whose value is not true as data", () => {
            assert.deepStrictEqual(toWireUnknowns({ a: { __pulumiUnknown: "true" } }), { a: { __pulumiUnknown: "true" } });
        });
    });

    describe("over the Analyzer protocol", function () {
        this.timeout(120_000);
        let pack: PackClient;
        before(async () => { pack = await startPack(REPO); });
        after(async () => { await pack?.close(); });

        for (const [where, props] of sgCases.filter(([w]) => !w.includes("secret"))) {
            it(`Analyze reports the mandatory SSH violation with __pulumiUnknown ${where}`, async () => {
                await pack.configure({});
                const r: AnalyzedResource = { urn: `urn:pulumi:s::p::${TYPE.sg}::web`, type: TYPE.sg, name: "web", properties: props as JsonObject };
                const found = (await pack.analyze(r)).diagnostics.filter((d) => d.policyName === "sg-no-admin-ports-from-world")
                    .map((d) => [d.enforcementLevel, d.message]);
                assert.deepStrictEqual(found, [["mandatory", sgViolation.message]]);
            });
        }
    });
});
