/**
 * Program test: the NACL stack policies on a real program written with @pulumi/aws classes (Vpc,
 * Subnet, NetworkAcl with inline entries, NetworkAclRule with networkAclId: acl.id,
 * NetworkAclAssociation), captured in preview (IDs unknown: the rule and the association reach the
 * ACL through property dependencies) and as an update (IDs known), as AnalyzeStack would see it.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { StackModel } from "../../policies/graph/stack";
import { naclEphemeralReturnTraffic } from "../../policies/nacl/ephemeral-return-traffic";
import { naclNoAdminPortsFromWorld } from "../../policies/nacl/no-admin-ports-from-world";
import { naclRulesEffective } from "../../policies/nacl/rules-effective";
import { CapturedStack, captureProgram, toStackResources } from "../../runner/capture";
import { TestResource, runStackPolicy } from "../util/run-stack-policy";

function naclProgram(): void {
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
    const web = new aws.ec2.Subnet("web", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    const app = new aws.ec2.Subnet("app", { vpcId: vpc.id, cidrBlock: "10.0.2.0/24" });
    const acl = new aws.ec2.NetworkAcl("public", {
        vpcId: vpc.id,
        subnetIds: [web.id],
        ingress: [
            { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
            { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
            { ruleNo: 120, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: vpc.cidrBlock },
        ],
        egress: [{ ruleNo: 100, action: "deny", protocol: "tcp", fromPort: 1024, toPort: 2047, cidrBlock: "10.0.0.0/8" }],
    });
    new aws.ec2.NetworkAclRule("return", {
        networkAclId: acl.id, ruleNumber: 200, egress: true, protocol: "tcp", ruleAction: "allow",
        cidrBlock: "0.0.0.0/0", fromPort: 1024, toPort: 65535,
    });
    new aws.ec2.NetworkAclAssociation("app-assoc", { networkAclId: acl.id, subnetId: app.id });
}

/** The stack as AnalyzeStack sees it (outputs), with property dependencies by resource name. */
function stackOf(c: CapturedStack): TestResource[] {
    const resources = toStackResources(c);
    const nameOf = new Map(resources.map((r) => [r.urn, r.name]));
    return resources.map((r) => ({
        type: r.type,
        name: r.name,
        props: r.properties as Record<string, unknown>,
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies)
            .map(([k, urns]) => [k, urns.map((u) => nameOf.get(u)).filter((n): n is string => n !== undefined)])),
    }));
}

const ACL_URN = "urn:pulumi:test::test::aws:ec2/networkAcl:NetworkAcl::public";

function findings(stack: TestResource[]): string[] {
    return [naclEphemeralReturnTraffic, naclNoAdminPortsFromWorld, naclRulesEffective].flatMap((p) =>
        runStackPolicy(p, stack).map((f) => `${p.name}: ${f.level}: ${f.message}${f.urn === ACL_URN ? "" : ` @ ${f.urn}`}`));
}

const returnGap = (cidr: string) => `but the return traffic is not allowed: outbound TCP 1024-2047 to ${cidr} is denied by rule 100. ` +
    "Network ACLs are stateless: the replies go to the initiator's ephemeral ports (1024-65535), so these connections hang. Fix: add " +
    `an outbound allow entry for TCP 1024-65535 to ${cidr} with a rule number below 100.`;
// Rule 120 can never match (rule 100 decides its traffic first), but it declares the flow all the
// same: only earlier denies take traffic out of an entry's flows.
const EPHEMERAL = [
    `nacl-ephemeral-return-traffic: mandatory: Network ACL 'public': ingress[0] (rule 100) allows inbound TCP 443 from 0.0.0.0/0, ${returnGap("10.0.0.0/8")}`,
    `nacl-ephemeral-return-traffic: mandatory: Network ACL 'public': ingress[1] (rule 110) allows inbound TCP 22 from 0.0.0.0/0, ${returnGap("10.0.0.0/8")}`,
    `nacl-ephemeral-return-traffic: mandatory: Network ACL 'public': ingress[2] (rule 120) allows inbound TCP 443 from 10.0.0.0/16, ${returnGap("10.0.0.0/16")}`,
];
const ADMIN = "nacl-no-admin-ports-from-world: mandatory: Network ACL 'public': ingress[1] (rule 110) allows inbound TCP port 22 from " +
    "0.0.0.0/0 (every IPv4 address), which lets SSH (TCP port 22) in from the whole internet, where scanners find and brute-force " +
    "admin ports within minutes. Fix: Allow admin ports only from trusted CIDRs (a bastion or VPN range) in the network ACL, with " +
    "the security groups as the finer control, or remove the entry and connect with AWS Systems Manager Session Manager, which " +
    "needs no inbound port at all.";
const SHADOWED = "nacl-rules-effective: advisory: Network ACL 'public': the inbound entry ingress[2] (rule 120), allow TCP port 443 " +
    "from 10.0.0.0/16, can never match: rule 100 is evaluated first and already matches all of its traffic. Fix: remove it, or give " +
    "it a rule number below the entries that shadow it (AWS evaluates entries in ascending rule-number order).";

describe("program: NACL stack policies on real @pulumi/aws resources", () => {
    for (const preview of [true, false]) {
        describe(preview ? "in preview (IDs unknown)" : "as an update (IDs known)", () => {
            let stack: TestResource[];
            before(async () => { stack = stackOf(await captureProgram(naclProgram, { preview })); });

            it("the graph gathers the inline entries, the NetworkAclRule and both subnets onto the one ACL", () => {
                const { nacls } = new StackModel(stack.map((r) => ({
                    urn: `urn:${r.name}`, name: r.name, type: r.type, props: r.props, dependencies: [],
                    propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v.map((n) => `urn:${n}`)])),
                }))).naclGraph;
                assert.deepStrictEqual(nacls.map((n) => ({
                    acl: n.resource.name,
                    entries: n.entries.map((e) => `${e.egress ? "egress" : "ingress"} ${e.origin.name}:${e.origin.path}`),
                    rules: n.rules.map((r) => r.name),
                    subnets: n.subnets,
                    undetermined: n.subnetsUndetermined,
                })), [{
                    acl: "public",
                    entries: ["ingress public:ingress[0]", "ingress public:ingress[1]", "ingress public:ingress[2]", "egress public:egress[0]", "egress return:"],
                    rules: ["return"],
                    subnets: [{ kind: "stack", urn: "urn:web" }, { kind: "stack", urn: "urn:app" }],
                    undetermined: [],
                }]);
            });

            it("reports exactly the expected findings", () => {
                assert.deepStrictEqual(findings(stack), [...EPHEMERAL, ADMIN, SHADOWED]);
            });

            it(preview
                ? "without property dependencies the rule cannot be linked: a note on the rule, never a guess"
                : "without property dependencies the known IDs alone link the rule: the same findings", () => {
                const bare = stack.map((r) => ({ ...r, propertyDependencies: {} }));
                if (!preview) {
                    assert.deepStrictEqual(findings(bare), [...EPHEMERAL, ADMIN, SHADOWED]);
                    return;
                }
                const RULE_URN = "urn:pulumi:test::test::aws:ec2/networkAclRule:NetworkAclRule::return";
                const note = (policy: string, level: string, consequence: string) => `${policy}: ${level}: Cannot be verified at preview: ` +
                    `networkAclId is not known until the resource is created. NetworkAclRule 'return' cannot be linked to its network ACL, so ${consequence}. @ ${RULE_URN}`;
                const gap = (entry: string, flow: string) => `nacl-ephemeral-return-traffic: mandatory: Network ACL 'public': ${entry} allows ` +
                    `${flow} from 0.0.0.0/0, but the return traffic is not allowed: outbound TCP 1024-65535 to 0.0.0.0/5, 8.0.0.0/7 is denied by ` +
                    "the implicit deny; outbound TCP 1024-2047 to 10.0.0.0/8 is denied by rule 100; outbound TCP 2048-65535 to 10.0.0.0/8 is " +
                    "denied by the implicit deny; outbound TCP 1024-65535 to 11.0.0.0/8, 12.0.0.0/6, 16.0.0.0/4, 32.0.0.0/3, 64.0.0.0/2, " +
                    "128.0.0.0/1 is denied by the implicit deny. Network ACLs are " +
                    "stateless: the replies go to the initiator's ephemeral ports (1024-65535), so these connections hang. Fix: add an outbound " +
                    "allow entry for TCP 1024-65535 to 0.0.0.0/0 with a rule number below 100.";
                assert.deepStrictEqual(findings(bare), [
                    gap("ingress[0] (rule 100)", "inbound TCP 443"),
                    gap("ingress[1] (rule 110)", "inbound TCP 22"),
                    "nacl-ephemeral-return-traffic: mandatory: Network ACL 'public': ingress[2] (rule 120) allows inbound TCP 443 from " +
                        "10.0.0.0/16, but the return traffic is not allowed: outbound TCP 1024-2047 to 10.0.0.0/16 is denied by rule 100; " +
                        "outbound TCP 2048-65535 to 10.0.0.0/16 is denied by the implicit deny. Network ACLs are stateless: the replies go " +
                        "to the initiator's ephemeral ports (1024-65535), so these connections hang. Fix: add an outbound allow entry for " +
                        "TCP 1024-65535 to 10.0.0.0/16 with a rule number below 100.",
                    note("nacl-ephemeral-return-traffic", "advisory", "its flows and return paths cannot be checked with the ACL's other entries"),
                    ADMIN,
                    note("nacl-no-admin-ports-from-world", "advisory", "whether it admits the whole internet to an admin port cannot be checked with the ACL's other entries"),
                    SHADOWED,
                    note("nacl-rules-effective", "advisory", "its rule number and reachability cannot be checked with the ACL's other entries"),
                ]);
            });
        });
    }
});
