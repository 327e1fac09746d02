/**
 * Program test: the world through managed prefix lists of the stack, written with the real
 * @pulumi/aws classes (ManagedPrefixList with inline entries, ManagedPrefixListEntry, and rules that
 * name the lists: a SecurityGroup's inline prefixListIds, vpc.SecurityGroupIngressRule's
 * prefixListId, ec2.SecurityGroupRule's prefixListIds) and captured as the SDK puts them on the
 * wire, first as a preview (IDs unknown, linked by property dependencies) and then as an update
 * (IDs known). A list outside the stack and a list of a trusted block are no world.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { captureProgram } from "../../runner/capture";
import { analyseStack } from "./analyse";

function throughLists(): void {
    const anyone = new aws.ec2.ManagedPrefixList("anyone", {
        addressFamily: "IPv4", maxEntries: 5, entries: [{ cidr: "0.0.0.0/1", description: "lower half" }],
    });
    new aws.ec2.ManagedPrefixListEntry("upper", { prefixListId: anyone.id, cidr: "128.0.0.0/1", description: "upper half" });
    const admins = new aws.ec2.ManagedPrefixList("admins", { addressFamily: "IPv4", maxEntries: 5, entries: [{ cidr: "203.0.113.0/24" }] });
    const v6 = new aws.ec2.ManagedPrefixList("v6-anyone", { addressFamily: "IPv6", maxEntries: 5, entries: [{ cidr: "::/0" }] });
    const web = new aws.ec2.SecurityGroup("web", {
        vpcId: "vpc-1", description: "web tier",
        ingress: [
            { protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [anyone.id], description: "ssh" },
            { protocol: "tcp", fromPort: 3389, toPort: 3389, prefixListIds: ["pl-0aws"], description: "rdp from a list outside the stack" },
        ],
    });
    new aws.vpc.SecurityGroupIngressRule("rdp", { securityGroupId: web.id, ipProtocol: "tcp", fromPort: 3389, toPort: 3389, prefixListId: anyone.id, description: "rdp" });
    new aws.vpc.SecurityGroupIngressRule("admin-ssh", { securityGroupId: web.id, ipProtocol: "tcp", fromPort: 22, toPort: 22, prefixListId: admins.id, description: "admins" });
    new aws.ec2.SecurityGroupRule("smtp-out", {
        type: "egress", securityGroupId: web.id, protocol: "tcp", fromPort: 25, toPort: 25, prefixListIds: [v6.id], description: "smtp",
    });
}

const WORLD_POLICIES = ["sg-no-admin-ports-from-world", "sg-ingress-from-world-allowed-ports", "sg-egress-restricted", "sg-db-ingress-only-from-security-groups"];

const ON = "On aws.ec2.SecurityGroup 'web', ";
const ssh = `${ON}ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'anyone' entries[0].cidr (0.0.0.0/1) and ingress[0].prefixListIds[0] ` +
    "via aws.ec2.ManagedPrefixListEntry 'upper' cidr (128.0.0.0/1) together cover every IPv4 address on TCP port 22: ingress[0].prefixListIds[0] " +
    "allows TCP port 22 from aws.ec2.ManagedPrefixList 'anyone'";
const rdpRule = "aws.vpc.SecurityGroupIngressRule 'rdp' prefixListId";
const rdp = `${ON}${rdpRule} via aws.ec2.ManagedPrefixList 'anyone' entries[0].cidr (0.0.0.0/1) and ${rdpRule} via ` +
    "aws.ec2.ManagedPrefixListEntry 'upper' cidr (128.0.0.0/1) together cover every IPv4 address on TCP port 3389: " +
    `${rdpRule} allows TCP port 3389 from aws.ec2.ManagedPrefixList 'anyone'`;
const smtpRule = "aws.ec2.SecurityGroupRule 'smtp-out' prefixListIds[0]";
const smtp = `${ON}${smtpRule} via aws.ec2.ManagedPrefixList 'v6-anyone' entries[0].cidr (::/0) covers every IPv6 address on TCP port 25: ` +
    `${smtpRule} allows TCP port 25 to aws.ec2.ManagedPrefixList 'v6-anyone'`;

describe("program: the world through managed prefix lists of the stack (real @pulumi/aws classes)", () => {
    for (const preview of [true, false]) {
        it(`${preview ? "preview (IDs unknown)" : "update (IDs known)"}: each exposure is reported once, by the stack half, on the group`, async () => {
            const findings = analyseStack(await captureProgram(throughLists, { preview })).filter((f) => WORLD_POLICIES.includes(f.split(":")[0]));
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
