/**
 * Over the Analyzer protocol, the pack started as the CLI starts it: AnalyzeStack on real programs
 * captured as an update, where a rule's target is a known ID computed from a decoy and its property
 * dependency names the decoy. The known ID decides: each rule is judged on the resource it names.
 */
import * as assert from "assert";
import { AnalyzeResult, PackClient, startPack } from "../../runner/analyzer-client";
import { captureProgram, toStackResources } from "../../runner/capture";
import { DECOY_IDS, defaultGroupDecoy, naclDecoy, splitWorldDecoy } from "../programs/decoy-links";
import { TYPE } from "../util/types";
import { REPO } from "./pack-dirs";

const urn = (type: string, name: string) => `urn:pulumi:stack::project::${type}::${name}`;

/** [policy, level, message, urn] of the diagnostics of the named policies, in order. */
function of(r: AnalyzeResult, ...policies: string[]): [string, string, string, string | undefined][] {
    return r.diagnostics.filter((d) => policies.includes(d.policyName)).map((d) => [d.policyName, d.enforcementLevel, d.message, d.urn]);
}

describe("analyzer protocol: a known ID decides a link, not a dependency on a decoy (AnalyzeStack)", function () {
    this.timeout(180_000);
    let pack: PackClient;
    const analyze = async (program: () => void) =>
        pack.analyzeStack(toStackResources(await captureProgram(program, { preview: false, ids: (_type, name) => DECOY_IDS[name] })));

    before(async () => {
        pack = await startPack(REPO);
        await pack.configure({});
    });

    after(async () => {
        await pack?.close();
    });

    it("NACL decoy: SSH from 0.0.0.0/0 whose networkAclId is 'real''s ID, depending on the deny-all ACL 'decoy', is a mandatory violation on 'real'", async () => {
        const r = await analyze(naclDecoy);
        assert.deepStrictEqual(of(r, "nacl-no-admin-ports-from-world", "nacl-rules-effective"), [
            ["nacl-no-admin-ports-from-world", "mandatory", "Network ACL 'real': NetworkAclRule 'ssh' (rule 100) allows inbound TCP port 22 " +
                "from 0.0.0.0/0 (every IPv4 address), which lets SSH (TCP port 22) in from the whole internet, where scanners find and " +
                "brute-force admin ports within minutes. Fix: Allow admin ports only from trusted CIDRs (a bastion or VPN range) in the " +
                "network ACL, with the security groups as the finer control, or remove the entry and connect with AWS Systems Manager " +
                "Session Manager, which needs no inbound port at all.", urn(TYPE.nacl, "real")],
        ]);
    });

    it("split-world decoy: the half whose securityGroupId is 'web''s ID, depending on group 'decoy', completes the world on 'web'", async () => {
        const r = await analyze(splitWorldDecoy);
        assert.deepStrictEqual(of(r, "sg-no-admin-ports-from-world").map(([p, level, message, u]) => [p, level, message.split(". ")[0], u]), [
            ["sg-no-admin-ports-from-world", "mandatory", "On aws.ec2.SecurityGroup 'web', aws.vpc.SecurityGroupIngressRule 'ssh-low' " +
                "cidrIpv4 (0.0.0.0/1) and aws.vpc.SecurityGroupIngressRule 'ssh-high' cidrIpv4 (128.0.0.0/1) together cover every IPv4 " +
                "address on TCP port 22: aws.vpc.SecurityGroupIngressRule 'ssh-low' cidrIpv4 allows TCP port 22 from 0.0.0.0/1; " +
                "aws.vpc.SecurityGroupIngressRule 'ssh-high' cidrIpv4 allows TCP port 22 from 128.0.0.0/1", urn(TYPE.sg, "web")],
        ]);
    });

    it("default-group decoy: a rule whose securityGroupId is the default group's ID, depending on group 'decoy', is a mandatory violation", async () => {
        const r = await analyze(defaultGroupDecoy);
        assert.deepStrictEqual(of(r, "sg-default-denies-all"), [
            ["sg-default-denies-all", "mandatory", "aws.vpc.SecurityGroupIngressRule 'https' adds a rule to the default security group " +
                "aws.ec2.DefaultSecurityGroup 'default'. Anything launched without an explicit group gets the default one, so the rule " +
                "applies to resources nobody chose to expose. Fix: Declare the default security group with no ingress and no egress rules, " +
                "and attach purpose-built security groups to resources instead.", urn(TYPE.vpcIngress, "https")],
        ]);
    });

    it("sg-unused: group 'decoy', named only by the dependency of a known ID that holds none of its IDs, is unused", async () => {
        const r = await analyze(splitWorldDecoy);
        assert.deepStrictEqual(of(r, "sg-unused").map(([p, level, message, u]) => [p, level, message.split(". ")[0], u]), ["web", "decoy"].map((name) =>
            ["sg-unused", "advisory", `aws.ec2.SecurityGroup '${name}' is not attached to any resource in the stack and no rule references it`, urn(TYPE.sg, name)]));
    });
});
