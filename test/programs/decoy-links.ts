// Rules whose target is a known ID computed from another resource (a decoy): the property
// dependency names the decoy, the value names the real target. Run as an update (IDs known), the
// engine sends both; the known ID decides where each rule belongs.
import * as aws from "@pulumi/aws";

/** The IDs the resources get on an update. */
export const DECOY_IDS: Readonly<Record<string, string>> = { real: "acl-real", web: "sg-web", default: "sg-default" };

/** A network ACL rule: SSH from anywhere, on the ACL 'real', depending on the deny-all ACL 'decoy'. */
export function naclDecoy(): void {
    new aws.ec2.NetworkAcl("real", { vpcId: "vpc-1" });
    const decoy = new aws.ec2.NetworkAcl("decoy", {
        vpcId: "vpc-1",
        ingress: [{ ruleNo: 1, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
    });
    new aws.ec2.NetworkAclRule("ssh", {
        networkAclId: decoy.id.apply(() => DECOY_IDS.real), ruleNumber: 100, egress: false, protocol: "tcp", ruleAction: "allow",
        fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0",
    });
}

/** SSH from the whole IPv4 internet in two halves on group 'web', one half depending on group 'decoy'. */
export function splitWorldDecoy(): void {
    const web = new aws.ec2.SecurityGroup("web", { vpcId: "vpc-1", description: "Web tier" });
    const decoy = new aws.ec2.SecurityGroup("decoy", { vpcId: "vpc-1", description: "Unused" });
    new aws.vpc.SecurityGroupIngressRule("ssh-low", {
        securityGroupId: web.id, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/1", description: "ssh",
    });
    new aws.vpc.SecurityGroupIngressRule("ssh-high", {
        securityGroupId: decoy.id.apply(() => DECOY_IDS.web), ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "128.0.0.0/1", description: "ssh",
    });
}

/** A rule on the VPC's default group, depending on another group. */
export function defaultGroupDecoy(): void {
    new aws.ec2.DefaultSecurityGroup("default", { vpcId: "vpc-1" });
    const decoy = new aws.ec2.SecurityGroup("decoy", { vpcId: "vpc-1", description: "Unused" });
    new aws.vpc.SecurityGroupIngressRule("https", {
        securityGroupId: decoy.id.apply(() => DECOY_IDS.default), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8", description: "https",
    });
}
