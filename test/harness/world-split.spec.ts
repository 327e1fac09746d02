/**
 * Over the Analyzer protocol, the pack started as the CLI starts it: the world split across rule
 * resources is reported by AnalyzeStack, at the policy's own (mandatory) level, on the group; the
 * resource half in Analyze is unchanged; messages say the traffic a rule opens.
 */
import * as assert from "assert";
import { AnalyzeResult, AnalyzedResource, PackClient, StackResource, startPack } from "../../runner/analyzer-client";
import { UNKNOWN } from "../../runner/capture";
import { TYPE } from "../util/types";
import { REPO } from "./pack-dirs";

const urn = (type: string, name: string) => `urn:pulumi:stack::project::${type}::${name}`;
const WEB = urn(TYPE.sg, "web");

/** A first preview: the group's ID is unknown, its rule resources depend on it. */
function stack(rules: { name: string; cidr: string; from: number; to: number }[]): StackResource[] {
    const web: StackResource = {
        urn: WEB, type: TYPE.sg, name: "web", properties: { description: "web", ingress: [], egress: [] }, dependencies: [], propertyDependencies: {},
    };
    return [web, ...rules.map((r): StackResource => ({
        urn: urn(TYPE.vpcIngress, r.name), type: TYPE.vpcIngress, name: r.name,
        properties: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: r.from, toPort: r.to, cidrIpv4: r.cidr, description: "r" },
        dependencies: [WEB], propertyDependencies: { securityGroupId: [WEB] },
    }))];
}

const rule = (name: string, cidr: string, from: number, to = from): AnalyzedResource => ({
    urn: urn(TYPE.vpcIngress, name), type: TYPE.vpcIngress, name,
    properties: { securityGroupId: "sg-0123", ipProtocol: "tcp", fromPort: from, toPort: to, cidrIpv4: cidr, description: "r" },
});

const WORLD = new Set(["sg-no-admin-ports-from-world", "sg-ingress-from-world-allowed-ports", "sg-egress-restricted", "sg-db-ingress-only-from-security-groups"]);
const world = (r: AnalyzeResult) => r.diagnostics.filter((d) => WORLD.has(d.policyName))
    .map((d) => [d.policyName, d.enforcementLevel, d.urn, d.message.split(". ")[0]]);

const FIX = "Fix: Allow the port only from a bastion host's security group or a trusted CIDR, or remove the rule and " +
    "connect with AWS Systems Manager Session Manager, which needs no inbound port at all.";

describe("the world split across rule resources, over the Analyzer protocol", function () {
    this.timeout(180_000);
    let pack: PackClient;
    before(async () => { pack = await startPack(REPO); });
    after(async () => { await pack?.close(); });
    beforeEach(async () => { await pack.configure({}); });

    const halves = stack([{ name: "ssh-low", cidr: "0.0.0.0/1", from: 22, to: 22 }, { name: "ssh-high", cidr: "128.0.0.0/1", from: 20, to: 25 }]);
    const split = "On aws.ec2.SecurityGroup 'web', aws.vpc.SecurityGroupIngressRule 'ssh-low' cidrIpv4 (0.0.0.0/1) and " +
        "aws.vpc.SecurityGroupIngressRule 'ssh-high' cidrIpv4 (128.0.0.0/1) together cover every IPv4 address on TCP port 22: " +
        "aws.vpc.SecurityGroupIngressRule 'ssh-low' cidrIpv4 allows TCP port 22 from 0.0.0.0/1; aws.vpc.SecurityGroupIngressRule " +
        "'ssh-high' cidrIpv4 allows TCP ports 20-25 from 128.0.0.0/1";

    it("AnalyzeStack: sg-no-admin-ports-from-world reports the split world as mandatory, critical, on the group, with the full message", async () => {
        const r = await pack.analyzeStack(halves);
        const admin = r.diagnostics.filter((d) => d.policyName === "sg-no-admin-ports-from-world");
        assert.deepStrictEqual(admin.map((d) => [d.enforcementLevel, d.severity, d.urn, d.message]), [["mandatory", "critical", WEB,
            `${split}. This opens SSH (TCP port 22) to the whole internet, where scanners find and brute-force admin ports within minutes. ${FIX}`]]);
        assert.deepStrictEqual(world(r), [
            ["sg-no-admin-ports-from-world", "mandatory", WEB, split],
            ["sg-ingress-from-world-allowed-ports", "advisory", WEB, `${split}, which is ingress from the whole internet beyond the allowed ports`],
        ]);
    });

    it("Analyze: each half alone is no world finding; a whole-world rule is reported as before, and nothing of the split", async () => {
        for (const half of halves.slice(1)) {
            assert.deepStrictEqual(world(await pack.analyze(half)), []);
        }
        assert.deepStrictEqual(world(await pack.analyze(rule("ssh", "0.0.0.0/0", 22))), [
            ["sg-no-admin-ports-from-world", "mandatory", undefined, "cidrIpv4 allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)"],
            ["sg-ingress-from-world-allowed-ports", "advisory", undefined, "cidrIpv4 allows TCP port 22 from 0.0.0.0/0 (every IPv4 address), which is ingress from the whole internet beyond the allowed ports"],
        ]);
    });

    it("AnalyzeStack: the stack half runs at the configured level of the policy (advisory), like its resource half", async () => {
        await pack.configure({ "sg-no-admin-ports-from-world": "advisory" });
        const admin = (await pack.analyzeStack(halves)).diagnostics.filter((d) => d.policyName === "sg-no-admin-ports-from-world");
        assert.deepStrictEqual(admin.map((d) => [d.enforcementLevel, d.urn]), [["advisory", WEB]]);
    });

    it("AnalyzeStack: halves on different ports (TCP 22 and TCP 3389) are no world finding", async () => {
        const r = await pack.analyzeStack(stack([{ name: "ssh-low", cidr: "0.0.0.0/1", from: 22, to: 22 }, { name: "rdp-high", cidr: "128.0.0.0/1", from: 3389, to: 3389 }]));
        assert.deepStrictEqual(world(r), []);
    });

    it("Analyze: an RDP finding on a TCP-only rule says TCP port 3389", async () => {
        const r = await pack.analyze(rule("rdp", "0.0.0.0/0", 3389));
        const admin = r.diagnostics.filter((d) => d.policyName === "sg-no-admin-ports-from-world");
        assert.deepStrictEqual(admin.map((d) => d.message), ["cidrIpv4 allows TCP port 3389 from 0.0.0.0/0 (every IPv4 address). This opens RDP " +
            `(TCP port 3389) to the whole internet, where scanners find and brute-force admin ports within minutes. ${FIX}`]);
    });

    it("Configure rejects an allowedCidrs entry that is a whole address family", async () => {
        await assert.rejects(pack.configure({ "sg-db-ingress-only-from-security-groups": { allowedCidrs: ["0.0.0.0/0"] } }),
            (e: Error) => e.message.includes("sg-db-ingress-only-from-security-groups: allowedCidrs[0] (\"0.0.0.0/0\") is every IPv4 address: " +
                "an allow list cannot make the whole internet trusted"));
    });
});
