/**
 * Over the Analyzer protocol, the pack started as the CLI starts it: a path through a load balancer
 * also needs the network ACL of the target's subnet to let the load balancer's nodes in and the
 * replies back (a real program captured under mocks at a first preview, every ID unknown).
 */
import * as assert from "assert";
import { captureProgram, toStackResources } from "../../runner/capture";
import { lbTargetAcl } from "../programs/lb-target-acl";
import { suitePack } from "./suite-pack";

describe("analyzer protocol: the target subnet's network ACL on a path through a load balancer (AnalyzeStack)", function () {
    this.timeout(180_000);
    const pack = suitePack();

    const admin = async (sshFrom: "vpc" | "own-subnet") => (await pack().analyzeStack(toStackResources(await captureProgram(() => lbTargetAcl(sshFrom), { preview: true }))))
        .diagnostics.filter((d) => d.policyName === "admin-ports-not-reachable-from-internet").map((d) => [d.enforcementLevel, d.message]);

    it("an ACL that admits SSH from the VPC lets the NLB's nodes in: the finding names its entries", async () => {
        const found = await admin("vpc");
        assert.strictEqual(found.length, 1);
        assert.strictEqual(found[0][0], "mandatory");
        assert.ok(found[0][1].includes("target: aws.lb.TargetGroupAttachment 'ops' targetId sends it to aws.ec2.Instance 'ops' on port 22 with the load balancer's private address " +
            "(aws.lb.TargetGroup 'ssh' sets preserveClientIp: false), so the target must admit the load balancer's subnets or security group; network ACL: " +
            "aws.ec2.NetworkAcl 'private' inbound rule 100 (ingress[0]) lets TCP 22 in from the load balancer's nodes in aws.ec2.Subnet 'public-a', and outbound rule 100 " +
            "(egress[0]) lets the replies out to the load balancer's nodes in aws.ec2.Subnet 'public-a' (TCP 1024-65535); security group: "), found[0][1]);
    });

    it("an ACL that admits SSH from the host's own subnet only keeps the NLB's nodes out: no finding", async () => {
        assert.deepStrictEqual(await admin("own-subnet"), []);
    });
});
