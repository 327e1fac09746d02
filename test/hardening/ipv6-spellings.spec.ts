/**
 * An IPv6 block AWS rejects is an invalid value, whichever way it is misspelt: a "::" that stands for no
 * group (nine groups' worth), or a colon at the end. Security-group rules (inline and rule resources) and
 * network ACL entries report it as a violation, in the unit path and over the Analyzer protocol; a "::"
 * that stands for exactly one group is a valid spelling and is read as one.
 */
import * as assert from "assert";
import { naclNoAdminPortsFromWorld } from "../../policies/nacl/no-admin-ports-from-world";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { AnalyzedResource, JsonObject, PackClient, startPack } from "../../runner/analyzer-client";
import { REPO } from "../harness/pack-dirs";
import { runStackPolicy, urnOf } from "../util/run-stack-policy";
import { headsOf, inline, sg, vpcRule } from "../util/shapes";
import { TYPE } from "../util/types";

const run = headsOf(sgNoAdminPortsFromWorld);

/** Spellings of an IPv6 block that AWS rejects but a lenient parser reads as an address. */
const MISSPELT: [string, string][] = [
    ["'::' after eight groups", "2001:db8:0:0:0:0:0:1::/128"],
    ["'::' before eight groups", "::2001:db8:0:0:0:0:0:1/128"],
    ["'::' among eight groups", "2001:db8:0:0::0:0:0:1/128"],
    ["'::' among eight groups with an embedded IPv4", "2001:db8:0:0:0:0::192.0.2.1/128"],
    ["a trailing colon", "2001:db8:0:0:0:0:0:1:/128"],
    ["the world with '::' after eight zero groups", "0:0:0:0:0:0:0:0::/0"],
];

describe("hardening: misspelt IPv6 blocks are invalid values", () => {
    describe("sg-no-admin-ports-from-world (unit)", () => {
        for (const [name, block] of MISSPELT) {
            it(`reports ${name} (${block}) on an inline rule's port 22 as invalid`, () => {
                assert.deepStrictEqual(run(sg([inline("tcp", 22, 22, { ipv6CidrBlocks: [block] })])),
                    [`mandatory: Cannot be evaluated: invalid IPv6 CIDR '${block}' in ingress[0].ipv6CidrBlocks[0]`]);
            });
        }
        it("reports '::' after eight groups in a SecurityGroupIngressRule's cidrIpv6 as invalid", () => {
            assert.deepStrictEqual(run(vpcRule("ingress", "tcp", [22, 22], { cidrIpv6: "2001:db8:0:0:0:0:0:1::/128" })),
                ["mandatory: Cannot be evaluated: invalid IPv6 CIDR '2001:db8:0:0:0:0:0:1::/128' in cidrIpv6"]);
        });
        it("reads '0:0:0:0:0:0:0::/0', where '::' stands for one group, as the world", () => {
            assert.deepStrictEqual(run(sg([inline("tcp", 22, 22, { ipv6CidrBlocks: ["0:0:0:0:0:0:0::/0"] })])),
                ["mandatory: ingress[0].ipv6CidrBlocks[0] allows TCP port 22 from 0:0:0:0:0:0:0::/0 (every IPv6 address)"]);
        });
        it("passes '2001:db8:0:0:0:0:1::/128', where '::' stands for one group, on port 22 (one host)", () => {
            assert.deepStrictEqual(run(sg([inline("tcp", 22, 22, { ipv6CidrBlocks: ["2001:db8:0:0:0:0:1::/128"] })])), []);
        });
    });

    describe("nacl-no-admin-ports-from-world (unit)", () => {
        const acl = (block: string) => [{ type: TYPE.nacl, name: "public", props: {
            vpcId: "vpc-1", ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlock: block }],
        } }];
        it("reports '::' after eight groups in an entry's ipv6CidrBlock as invalid", () => {
            assert.deepStrictEqual(runStackPolicy(naclNoAdminPortsFromWorld, acl("0:0:0:0:0:0:0:0::/0")).map((f) => [f.level, f.urn, f.message.split(". ")[0]]),
                [["mandatory", urnOf({ type: TYPE.nacl, name: "public" }), "Cannot be evaluated: invalid IPv6 CIDR '0:0:0:0:0:0:0:0::/0' in ingress[0].ipv6CidrBlock"]]);
        });
    });

    describe("over the Analyzer protocol", function () {
        this.timeout(120_000);
        let pack: PackClient;
        before(async () => { pack = await startPack(REPO); });
        after(async () => { await pack?.close(); });
        beforeEach(async () => { await pack.configure({}); });

        const admin = async (props: JsonObject) => {
            const r: AnalyzedResource = { urn: `urn:pulumi:s::p::${TYPE.sg}::web`, type: TYPE.sg, name: "web", properties: props };
            return (await pack.analyze(r)).diagnostics.filter((d) => d.policyName === "sg-no-admin-ports-from-world")
                .map((d) => [d.enforcementLevel, d.message]);
        };
        for (const [name, block] of MISSPELT) {
            it(`Analyze reports ${name} (${block}) on port 22 as a mandatory invalid value`, async () => {
                const props = sg([inline("tcp", 22, 22, { ipv6CidrBlocks: [block] })]).props as JsonObject;
                assert.deepStrictEqual(await admin(props),
                    [["mandatory", `Cannot be evaluated: invalid IPv6 CIDR '${block}' in ingress[0].ipv6CidrBlocks[0]. If it admits the ` +
                        "whole internet, ingress[0].ipv6CidrBlocks[0] opens SSH (TCP port 22) to it. Fix the value: AWS rejects it."]]);
            });
        }
        it("Analyze passes '2001:db8:0:0:0:0:1::/128', where '::' stands for one group, on port 22", async () => {
            assert.deepStrictEqual(await admin(sg([inline("tcp", 22, 22, { ipv6CidrBlocks: ["2001:db8:0:0:0:0:1::/128"] })]).props as JsonObject), []);
        });
    });
});
