/**
 * Program test: rules whose target is a known ID computed from a decoy (`decoy.id.apply(() =>
 * "<real id>")`), written with real @pulumi/aws classes and captured as an update, where the SDK
 * sends the known ID and a property dependency on the decoy. The shapes first, then every policy of
 * the pack: each rule is judged on the resource its ID names.
 */
import * as assert from "assert";
import { CapturedStack, captureProgram } from "../../runner/capture";
import { TYPE } from "../util/types";
import { analyseStack } from "./analyse";
import { DECOY_IDS, defaultGroupDecoy, naclDecoy, splitWorldDecoy } from "./decoy-links";

const urn = (type: string, name: string) => `urn:pulumi:stack::project::${type}::${name}`;
const update = (program: () => void) => captureProgram(program, { preview: false, ids: (_type, name) => DECOY_IDS[name] });
const UNUSED_DECOY = "sg-unused: advisory: decoy: aws.ec2.SecurityGroup 'decoy' is not attached to any resource in the stack and no rule references it";

describe("program: a known ID decides the link, whatever resource the value was computed from", () => {
    let nacl: CapturedStack;
    let split: CapturedStack;
    let defaultGroup: CapturedStack;
    before(async () => {
        nacl = await update(naclDecoy);
        split = await update(splitWorldDecoy);
        defaultGroup = await update(defaultGroupDecoy);
    });

    it("on the wire: the known ID of the real target, and a property dependency on the decoy", () => {
        const ssh = nacl.resources.find((r) => r.name === "ssh");
        assert.strictEqual(ssh?.outputs.networkAclId, "acl-real");
        assert.deepStrictEqual(ssh?.propertyDependencies.networkAclId, [urn(TYPE.nacl, "decoy")]);
        const high = split.resources.find((r) => r.name === "ssh-high");
        assert.strictEqual(high?.outputs.securityGroupId, "sg-web");
        assert.deepStrictEqual(high?.propertyDependencies.securityGroupId, [urn(TYPE.sg, "decoy")]);
    });

    it("network ACL: SSH from 0.0.0.0/0 on ACL 'real', depending on the deny-all ACL 'decoy', is reported on 'real'", () => {
        assert.deepStrictEqual(analyseStack(nacl), [
            "nacl-ephemeral-return-traffic: mandatory: real: Network ACL 'real': NetworkAclRule 'ssh' (rule 100) allows inbound TCP 22 from " +
                "0.0.0.0/0, but the return traffic is not allowed: outbound TCP 1024-65535 to 0.0.0.0/0 is denied by the implicit deny",
            "nacl-no-admin-ports-from-world: mandatory: real: Network ACL 'real': NetworkAclRule 'ssh' (rule 100) allows inbound TCP port 22 " +
                "from 0.0.0.0/0 (every IPv4 address), which lets SSH (TCP port 22) in from the whole internet, where scanners find and " +
                "brute-force admin ports within minutes",
        ]);
    });

    it("split world: the half whose group ID is web's, depending on group 'decoy', completes the world on 'web'", () => {
        const halves = "aws.vpc.SecurityGroupIngressRule 'ssh-low' cidrIpv4 (0.0.0.0/1) and aws.vpc.SecurityGroupIngressRule 'ssh-high' " +
            "cidrIpv4 (128.0.0.0/1) together cover every IPv4 address on TCP port 22: aws.vpc.SecurityGroupIngressRule 'ssh-low' cidrIpv4 " +
            "allows TCP port 22 from 0.0.0.0/1; aws.vpc.SecurityGroupIngressRule 'ssh-high' cidrIpv4 allows TCP port 22 from 128.0.0.0/1";
        assert.deepStrictEqual(analyseStack(split).filter((f) => !f.startsWith("sg-prefer-security-group-references")), [
            `sg-no-admin-ports-from-world: mandatory: web: On aws.ec2.SecurityGroup 'web', ${halves}`,
            `sg-ingress-from-world-allowed-ports: advisory: web: On aws.ec2.SecurityGroup 'web', ${halves}, which is ingress from the ` +
                "whole internet beyond the allowed ports",
            "sg-unused: advisory: web: aws.ec2.SecurityGroup 'web' is not attached to any resource in the stack and no rule references it",
            UNUSED_DECOY,
        ]);
    });

    it("default group: a rule whose group ID is the default group's, depending on group 'decoy', is a rule on the default group", () => {
        assert.deepStrictEqual(analyseStack(defaultGroup).filter((f) => !f.startsWith("sg-prefer-security-group-references")), [
            "sg-default-denies-all: mandatory: https: aws.vpc.SecurityGroupIngressRule 'https' adds a rule to the default security group " +
                "aws.ec2.DefaultSecurityGroup 'default'",
            UNUSED_DECOY,
        ]);
    });
});
