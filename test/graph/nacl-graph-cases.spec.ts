/**
 * The network ACL graph: which ACL a NetworkAclRule belongs to when a default ACL is named by a known
 * ID (its VPC in the stack or not); which inline entries are a linked rule's own entry echoed in the
 * ACL's outputs (kept once) and which are entries of their own (kept); an association whose subnet
 * is not known yet.
 */
import * as assert from "assert";
import { UNKNOWN } from "../util/run-policy";
import { TestResource } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

type Props = Record<string, unknown>;
const rule = (name: string, props: Props, deps?: Record<string, string[]>): TestResource =>
    ({ type: TYPE.naclRule, name, props: { ruleNumber: 100, egress: false, protocol: "tcp", ruleAction: "allow", fromPort: 22, toPort: 22, ...props },
        ...(deps ? { propertyDependencies: deps } : {}) });
const inline = (props: Props): Props => ({ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, ...props });
const acl = (ingress: Props[]): TestResource => ({ type: TYPE.nacl, name: "acl", props: { id: "acl-0a1", vpcId: "vpc-1", ingress, egress: [] } });

/** Per ACL: its name, the names of its linked rules, and where each entry comes from (its inline path, or its rule's name); then the names of the unlinked rules. */
function graph(resources: TestResource[]): [[string, string[], string[]][], string[]] {
    const g = stackModel(resources).naclGraph;
    return [g.nacls.map((n) => [n.resource.name, n.rules.map((x) => x.name), n.entries.map((e) => e.origin.path || e.origin.name)]),
        g.unlinkedRules.map((u) => u.resource.name)];
}

describe("graph: network ACL rules on default ACLs, and inline entries echoing a rule's", () => {
    it("a DefaultNetworkAcl of a VPC outside the stack, named by its known defaultNetworkAclId: a rule naming that ID is the ACL's", () => {
        const managed: TestResource = { type: TYPE.defaultNacl, name: "default", props: { defaultNetworkAclId: "acl-0def" } };
        assert.deepStrictEqual(graph([managed, rule("ssh", { networkAclId: "acl-0def" })]), [[["default", ["ssh"], ["ssh"]]], []]);
    });

    it("a DefaultNetworkAcl and its VPC with known IDs, and a rule whose networkAclId is not known yet and comes from the VPC: the rule is the ACL's", () => {
        const vpc: TestResource = { type: TYPE.vpc, name: "main", props: { id: "vpc-1", cidrBlock: "10.0.0.0/16", defaultNetworkAclId: "acl-0def" } };
        const managed: TestResource = { type: TYPE.defaultNacl, name: "default", props: { defaultNetworkAclId: "acl-0def" } };
        assert.deepStrictEqual(graph([vpc, managed, rule("ssh", { networkAclId: UNKNOWN }, { networkAclId: ["main"] })]), [[["default", ["ssh"], ["ssh"]]], []]);
    });

    it("an inline entry equal to a linked rule's entry: kept once, as the rule's", () => {
        assert.deepStrictEqual(graph([acl([inline({ cidrBlock: "10.0.0.0/8" })]), rule("ssh", { networkAclId: "acl-0a1", cidrBlock: "10.0.0.0/8" })]),
            [[["acl", ["ssh"], ["ssh"]]], []]);
    });

    it("an inline entry with the rule's number and ports but another CIDR: an entry of its own, both kept", () => {
        assert.deepStrictEqual(graph([acl([inline({ cidrBlock: "10.0.0.0/8" })]), rule("ssh", { networkAclId: "acl-0a1", cidrBlock: "192.168.0.0/16" })]),
            [[["acl", ["ssh"], ["ingress[0]", "ssh"]]], []]);
    });

    it("an inline entry and a rule, both with a CIDR not known yet: not taken for one entry, both kept", () => {
        assert.deepStrictEqual(graph([acl([inline({ cidrBlock: UNKNOWN })]), rule("ssh", { networkAclId: "acl-0a1", cidrBlock: UNKNOWN })]),
            [[["acl", ["ssh"], ["ingress[0]", "ssh"]]], []]);
    });

    it("an inline ICMP entry and a rule with the same number and CIDR but another ICMP type: both kept", () => {
        const icmp = { protocol: "icmp", fromPort: 0, toPort: 0, cidrBlock: "10.0.0.0/8" };
        assert.deepStrictEqual(graph([acl([inline({ ...icmp, icmpType: 8, icmpCode: 0 })]), rule("ping", { ...icmp, networkAclId: "acl-0a1", icmpType: 0, icmpCode: 0 })]),
            [[["acl", ["ping"], ["ingress[0]", "ping"]]], []]);
    });

    it("a NetworkAclAssociation whose subnetId is not known yet and depends on no subnet of the stack: the ACL has no subnet and one it cannot tell", () => {
        const association: TestResource = { type: TYPE.naclAssociation, name: "assoc", props: { networkAclId: "acl-0a1", subnetId: UNKNOWN } };
        const n = stackModel([acl([]), association]).naclGraph.nacls[0];
        assert.deepStrictEqual([n.subnets, n.subnetsUndetermined], [[], [{ undetermined: "unknown", path: "subnetId", reason: "subnetId is not known until the resource is created" }]]);
    });
});
