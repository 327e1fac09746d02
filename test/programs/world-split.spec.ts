/**
 * Program test: "the world" split across rule resources, written with the real @pulumi/aws classes
 * (SecurityGroup with an inline rule, ec2.SecurityGroupRule, vpc.SecurityGroupIngressRule and
 * vpc.SecurityGroupEgressRule) and captured as the SDK puts them on the wire, first as a preview
 * (IDs unknown, linked by property dependencies) and then as an update (IDs known).
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { captureProgram } from "../../runner/capture";
import { analyseStack } from "./analyse";

function splitWorld(): void {
    const web = new aws.ec2.SecurityGroup("web", {
        vpcId: "vpc-1", description: "web tier",
        ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["128.0.0.0/1"], description: "ssh, upper half" }],
    });
    new aws.ec2.SecurityGroupRule("ssh-low", {
        type: "ingress", securityGroupId: web.id, protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/1"], description: "ssh, lower half",
    });
    new aws.vpc.SecurityGroupIngressRule("rdp-low", {
        securityGroupId: web.id, ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv4: "0.0.0.0/1", description: "rdp, lower half",
    });
    new aws.vpc.SecurityGroupIngressRule("rdp-high", {
        securityGroupId: web.id, ipProtocol: "tcp", fromPort: 3389, toPort: 3399, cidrIpv4: "128.0.0.0/1", description: "rdp and more, upper half",
    });
    new aws.vpc.SecurityGroupEgressRule("smtp-low", {
        securityGroupId: web.id, ipProtocol: "tcp", fromPort: 25, toPort: 25, cidrIpv6: "::/1", description: "smtp, lower half",
    });
    new aws.vpc.SecurityGroupEgressRule("smtp-high", {
        securityGroupId: web.id, ipProtocol: "tcp", fromPort: 25, toPort: 587, cidrIpv6: "8000::/1", description: "smtp, upper half",
    });
}

const WORLD_POLICIES = ["sg-no-admin-ports-from-world", "sg-ingress-from-world-allowed-ports", "sg-egress-restricted", "sg-db-ingress-only-from-security-groups"];

const ssh = "On aws.ec2.SecurityGroup 'web', ingress[0].cidrBlocks[0] (128.0.0.0/1) and aws.ec2.SecurityGroupRule 'ssh-low' cidrBlocks[0] " +
    "(0.0.0.0/1) together cover every IPv4 address on TCP port 22: ingress[0].cidrBlocks[0] allows TCP port 22 from 128.0.0.0/1; " +
    "aws.ec2.SecurityGroupRule 'ssh-low' cidrBlocks[0] allows TCP port 22 from 0.0.0.0/1";
const rdp = "On aws.ec2.SecurityGroup 'web', aws.vpc.SecurityGroupIngressRule 'rdp-low' cidrIpv4 (0.0.0.0/1) and " +
    "aws.vpc.SecurityGroupIngressRule 'rdp-high' cidrIpv4 (128.0.0.0/1) together cover every IPv4 address on TCP port 3389: " +
    "aws.vpc.SecurityGroupIngressRule 'rdp-low' cidrIpv4 allows TCP port 3389 from 0.0.0.0/1; aws.vpc.SecurityGroupIngressRule 'rdp-high' " +
    "cidrIpv4 allows TCP ports 3389-3399 from 128.0.0.0/1";
const smtp = "On aws.ec2.SecurityGroup 'web', aws.vpc.SecurityGroupEgressRule 'smtp-low' cidrIpv6 (::/1) and " +
    "aws.vpc.SecurityGroupEgressRule 'smtp-high' cidrIpv6 (8000::/1) together cover every IPv6 address on TCP port 25: " +
    "aws.vpc.SecurityGroupEgressRule 'smtp-low' cidrIpv6 allows TCP port 25 to ::/1; aws.vpc.SecurityGroupEgressRule 'smtp-high' " +
    "cidrIpv6 allows TCP ports 25-587 to 8000::/1";

describe("program: the world split across rule resources (real @pulumi/aws classes)", () => {
    for (const preview of [true, false]) {
        it(`${preview ? "preview (IDs unknown)" : "update (IDs known)"}: each split is reported once, by the stack half, on the group`, async () => {
            const findings = analyseStack(await captureProgram(splitWorld, { preview })).filter((f) => WORLD_POLICIES.includes(f.split(":")[0]));
            assert.deepStrictEqual(findings, [
                `sg-no-admin-ports-from-world: mandatory: web: ${ssh}`,
                `sg-no-admin-ports-from-world: mandatory: web: ${rdp}`,
                `sg-egress-restricted: advisory: web: ${smtp}, which is egress to the whole internet beyond the allowed ports`,
                `sg-ingress-from-world-allowed-ports: advisory: web: ${ssh}, which is ingress from the whole internet beyond the allowed ports`,
                `sg-ingress-from-world-allowed-ports: advisory: web: ${rdp}, which is ingress from the whole internet beyond the allowed ports`,
            ]);
        });
    }
});
