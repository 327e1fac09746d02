/**
 * Over the Analyzer protocol, the pack started as the CLI starts it, AnalyzeStack:
 * - the world through a managed prefix list of the stack (0.0.0.0/0 as an inline entry, or halves
 *   from an inline entry and a ManagedPrefixListEntry) is a mandatory finding of
 *   sg-no-admin-ports-from-world at a first preview and at an update, and a note when the list's
 *   entries are not known yet;
 * - rules on a VPC's default group that the stack does not declare are that group's, with the same
 *   finding at preview and at update;
 * - a network ACL whose allow entries together admit the whole address family on SSH is a
 *   mandatory finding of nacl-no-admin-ports-from-world.
 */
import * as assert from "assert";
import { AnalyzeResult, StackResource } from "../../runner/analyzer-client";
import { UNKNOWN } from "../../runner/capture";
import { TYPE } from "../util/types";
import { suitePack } from "./suite-pack";

type Mode = "preview" | "update";
const urn = (type: string, name: string) => `urn:pulumi:stack::project::${type}::${name}`;

function resource(type: string, name: string, properties: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): StackResource {
    return { urn: urn(type, name), type, name, properties: properties as StackResource["properties"],
        dependencies: [...new Set(Object.values(propertyDependencies).flat())], propertyDependencies };
}

const LIST = (name: string) => urn(TYPE.prefixList, name);
const WEB = urn(TYPE.sg, "web");
const VPC = urn(TYPE.vpc, "main");

/** The list 'anyone' with inline entries (or not known yet), an entry resource if given, and 'web' with SSH from the list. */
function listStack(mode: Mode, entries: string[] | typeof UNKNOWN, upper?: string): StackResource[] {
    const id = (v: string) => (mode === "update" ? v : UNKNOWN);
    return [
        resource(TYPE.prefixList, "anyone", { ...(mode === "update" ? { id: "pl-1" } : {}), name: "anyone", addressFamily: "IPv4", maxEntries: 5,
            entries: entries === UNKNOWN ? UNKNOWN : entries.map((cidr) => ({ cidr })) }),
        ...(upper ? [resource(TYPE.prefixListEntry, "upper", { prefixListId: id("pl-1"), cidr: upper }, { prefixListId: [LIST("anyone")] })] : []),
        resource(TYPE.sg, "web", { ...(mode === "update" ? { id: "sg-1" } : {}), description: "web",
            ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [id("pl-1")] }], egress: [] }, { ingress: [LIST("anyone")] }),
    ];
}

/** The VPC 'main' and two SSH halves on its default group, which the stack does not declare. */
function defaultGroupStack(mode: Mode): StackResource[] {
    const rule = (name: string, cidr: string) => resource(TYPE.vpcIngress, name, { securityGroupId: mode === "update" ? "sg-def" : UNKNOWN,
        ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: cidr, description: "r" }, { securityGroupId: [VPC] });
    return [
        resource(TYPE.vpc, "main", mode === "update" ? { id: "vpc-1", cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: "sg-def" } : { cidrBlock: "10.0.0.0/16" }),
        rule("low", "0.0.0.0/1"), rule("high", "128.0.0.0/1"),
    ];
}

const ADMIN_FIX = "Fix: Allow the port only from a bastion host's security group or a trusted CIDR, or remove the rule and " +
    "connect with AWS Systems Manager Session Manager, which needs no inbound port at all.";
const SSH = "This opens SSH (TCP port 22) to the whole internet, where scanners find and brute-force admin ports within minutes.";

const of = (r: AnalyzeResult, policy: string) => r.diagnostics.filter((d) => d.policyName === policy)
    .map((d) => [d.enforcementLevel, d.severity, d.urn, d.message]);

describe("protocol: the world through prefix lists and default groups, and split world in network ACLs", function () {
    this.timeout(180_000);
    const pack = suitePack();

    for (const mode of ["preview", "update"] as Mode[]) {
        it(`sg-no-admin-ports-from-world: SSH from a prefix list of the stack holding 0.0.0.0/0 (${mode})`, async () => {
            assert.deepStrictEqual(of(await pack().analyzeStack(listStack(mode, ["0.0.0.0/0"])), "sg-no-admin-ports-from-world"), [["mandatory", "critical", WEB,
                "On aws.ec2.SecurityGroup 'web', ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'anyone' entries[0].cidr (0.0.0.0/0) covers " +
                "every IPv4 address on TCP port 22: ingress[0].prefixListIds[0] allows TCP port 22 from aws.ec2.ManagedPrefixList 'anyone'. " +
                `${SSH} ${ADMIN_FIX}`]]);
        });

        it(`sg-no-admin-ports-from-world: a list's inline half and a ManagedPrefixListEntry half (${mode})`, async () => {
            assert.deepStrictEqual(of(await pack().analyzeStack(listStack(mode, ["0.0.0.0/1"], "128.0.0.0/1")), "sg-no-admin-ports-from-world"), [["mandatory", "critical", WEB,
                "On aws.ec2.SecurityGroup 'web', ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'anyone' entries[0].cidr (0.0.0.0/1) and " +
                "ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixListEntry 'upper' cidr (128.0.0.0/1) together cover every IPv4 address on " +
                "TCP port 22: ingress[0].prefixListIds[0] allows TCP port 22 from aws.ec2.ManagedPrefixList 'anyone'. " +
                `${SSH} ${ADMIN_FIX}`]]);
        });

        it(`sg-no-admin-ports-from-world: rules on a VPC's undeclared default group, reported on the VPC (${mode})`, async () => {
            const r = "aws.vpc.SecurityGroupIngressRule";
            assert.deepStrictEqual(of(await pack().analyzeStack(defaultGroupStack(mode)), "sg-no-admin-ports-from-world"), [["mandatory", "critical", VPC,
                `On the default security group of aws.ec2.Vpc 'main', ${r} 'low' cidrIpv4 (0.0.0.0/1) and ${r} 'high' cidrIpv4 (128.0.0.0/1) ` +
                `together cover every IPv4 address on TCP port 22: ${r} 'low' cidrIpv4 allows TCP port 22 from 0.0.0.0/1; ${r} 'high' cidrIpv4 ` +
                `allows TCP port 22 from 128.0.0.0/1. ${SSH} ${ADMIN_FIX}`]]);
        });
    }

    it("sg-no-admin-ports-from-world: a list whose entries are not known yet is an advisory note, not a violation", async () => {
        assert.deepStrictEqual(of(await pack().analyzeStack(listStack("preview", UNKNOWN)), "sg-no-admin-ports-from-world").map((d) => [d[0], d[2], (d[3] as string).split(". ")[0]]),
            [["advisory", WEB, "Cannot be verified at preview: entries of aws.ec2.ManagedPrefixList 'anyone' is not known until the resource is created"]]);
    });

    it("nacl-no-admin-ports-from-world: allow entries from 0.0.0.0/1 and 128.0.0.0/1 on TCP 22, a deny of 10.0.0.0/8 in front", async () => {
        const entry = (ruleNo: number, action: string, cidrBlock: string) => ({ ruleNo, action, protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock });
        const acl = resource(TYPE.nacl, "public", { vpcId: "vpc-1", egress: [],
            ingress: [entry(90, "deny", "10.0.0.0/8"), entry(100, "allow", "0.0.0.0/1"), entry(110, "allow", "128.0.0.0/1")] });
        assert.deepStrictEqual(of(await pack().analyzeStack([acl]), "nacl-no-admin-ports-from-world"), [["mandatory", "critical", acl.urn,
            "Network ACL 'public': ingress[1] (rule 100) allows inbound TCP port 22 from 0.0.0.0/1 and ingress[2] (rule 110) allows inbound " +
            "TCP port 22 from 128.0.0.0/1, blocks that together cover every IPv4 address, which lets SSH (TCP port 22) in from the whole internet, " +
            "where scanners find and brute-force admin ports within minutes. Fix: Allow admin ports only from trusted CIDRs (a bastion or VPN " +
            "range) in the network ACL, with the security groups as the finer control, or remove the entry and connect with AWS Systems " +
            "Manager Session Manager, which needs no inbound port at all."]]);
    });
});
