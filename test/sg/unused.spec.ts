import * as assert from "assert";
import { sgUnused } from "../../policies/sg/unused";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPES, headsOfStack } from "../util/stack-fixtures";

const run = (resources: TestResource[]) => headsOfStack(runStackPolicy(sgUnused, resources));

const FIX = "Fix: Delete the group, or attach it where it is meant to be used; unused groups with open rules are a " +
    "ready-made hole for the next resource someone attaches them to.";

/** A security group; `id` set means an update (the ID is known), unset a first preview. */
const group = (name: string, id?: string, extra: Record<string, unknown> = {}): TestResource =>
    ({ type: TYPES.sg, name, props: { description: "d", ...(id ? { id } : {}), ...extra } });
const unused = (name: string): [string, string, string] =>
    ["advisory", `aws.ec2.SecurityGroup '${name}' is not attached to any resource in the stack and no rule references it`, urnOf({ type: TYPES.sg, name })];
const tcp = (port: number, peers: Record<string, unknown>) => ({ protocol: "tcp", fromPort: port, toPort: port, ...peers });

describe("sg-unused", () => {
    it("reports an unused group with the full message, as advisory, on the group", () => {
        const findings = runStackPolicy(sgUnused, [group("lonely")]);
        assert.deepStrictEqual(findings, [{
            level: "advisory",
            message: `aws.ec2.SecurityGroup 'lonely' is not attached to any resource in the stack and no rule references it. ${FIX}`,
            urn: urnOf(group("lonely")),
        }]);
    });

    const cases: [string, TestResource[], [string, string, string | undefined][]][] = [
        ["passes a group on an instance's vpcSecurityGroupIds, linked by dependency while the ID is unknown", [
            group("web"),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: [UNKNOWN] }, propertyDependencies: { vpcSecurityGroupIds: ["web"] } },
        ], []],
        ["passes a group on an instance's vpcSecurityGroupIds by known ID on an update", [
            group("web", "sg-1"),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1"] } },
        ], []],
        ["flags a group while the instance uses another one (known IDs)", [
            group("web", "sg-1"), group("spare", "sg-2"),
            { type: TYPES.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1"] } },
        ], [unused("spare")]],
        ["passes a group referenced as a peer in another group's inline rule, by dependency (the referencing group itself is unused)", [
            group("app"),
            { ...group("db"), props: { description: "d", ingress: [tcp(5432, { securityGroups: [UNKNOWN] })] }, propertyDependencies: { ingress: ["app"] } },
        ], [unused("db")]],
        ["passes a group referenced as a peer in another group's inline rule, by known ID (the referencing group itself is unused)", [
            group("app", "sg-app"),
            group("db", "sg-db", { ingress: [tcp(5432, { securityGroups: ["sg-app"] })] }),
        ], [unused("db")]],
        ["passes a group referenced by a vpc.SecurityGroupIngressRule's referencedSecurityGroupId (dependency); the rule's own target is unused", [
            group("app"), group("db"),
            {
                type: TYPES.vpcIngress, name: "app-to-db",
                props: { securityGroupId: UNKNOWN, referencedSecurityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 5432, toPort: 5432 },
                propertyDependencies: { securityGroupId: ["db"], referencedSecurityGroupId: ["app"] },
            },
        ], [unused("db")]],
        ["passes a group referenced by a vpc.SecurityGroupIngressRule's referencedSecurityGroupId (known ID); the rule's own target is unused", [
            group("app", "sg-app"), group("db", "sg-db"),
            {
                type: TYPES.vpcIngress, name: "app-to-db",
                props: { securityGroupId: "sg-db", referencedSecurityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 },
            },
        ], [unused("db")]],
        ["passes a group referenced by an ec2.SecurityGroupRule's sourceSecurityGroupId (dependency); the rule's own target is unused", [
            group("app"), group("db"),
            {
                type: TYPES.sgRule, name: "app-to-db",
                props: { type: "ingress", securityGroupId: UNKNOWN, sourceSecurityGroupId: UNKNOWN, protocol: "tcp", fromPort: 5432, toPort: 5432 },
                propertyDependencies: { securityGroupId: ["db"], sourceSecurityGroupId: ["app"] },
            },
        ], [unused("db")]],
        ["flags a group whose only link is a standalone rule that targets it (dependency)", [
            group("web"),
            {
                type: TYPES.vpcIngress, name: "https",
                props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" },
                propertyDependencies: { securityGroupId: ["web"] },
            },
        ], [unused("web")]],
        ["flags a group whose only link is a standalone rule that targets it (known ID)", [
            group("web", "sg-1"),
            { type: TYPES.sgRule, name: "https", props: { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] } },
        ], [unused("web")]],
        ["never flags a DefaultSecurityGroup, used or not", [
            { type: TYPES.defaultSg, name: "default", props: { vpcId: "vpc-1", ingress: [], egress: [] } },
        ], []],
        ["passes a group attached by NetworkInterfaceSecurityGroupAttachment (dependency)", [
            group("extra"),
            { type: TYPES.eni, name: "eni", props: { subnetId: "subnet-1", securityGroups: ["sg-0ext"] } },
            {
                type: TYPES.eniAttachment, name: "attach", props: { networkInterfaceId: UNKNOWN, securityGroupId: UNKNOWN },
                propertyDependencies: { networkInterfaceId: ["eni"], securityGroupId: ["extra"] },
            },
        ], []],
        ["passes a group attached by NetworkInterfaceSecurityGroupAttachment to an ENI of the stack (known IDs)", [
            group("extra", "sg-1"),
            { type: TYPES.eni, name: "eni", props: { id: "eni-1", subnetId: "subnet-1", securityGroups: ["sg-0ext"] } },
            { type: TYPES.eniAttachment, name: "attach", props: { networkInterfaceId: "eni-1", securityGroupId: "sg-1" } },
        ], []],
        ["passes a group used by a resource type the pack does not model (any property dependency)", [
            group("vpn"),
            {
                type: "aws:ec2clientvpn/networkAssociation:NetworkAssociation", name: "assoc",
                props: { clientVpnEndpointId: "cvpn-endpoint-1", subnetId: "subnet-1", securityGroups: [UNKNOWN] },
                propertyDependencies: { securityGroups: ["vpn"] },
            },
        ], []],
        ["flags each of two unused groups, in stack order", [group("a"), group("b")], [unused("a"), unused("b")]],
    ];
    for (const [name, resources, expected] of cases) {
        it(name, () => assert.deepStrictEqual(run(resources), expected));
    }

    it("passes a group attached by NetworkInterfaceSecurityGroupAttachment to an ENI outside the stack (known IDs)", () => {
        assert.deepStrictEqual(run([
            group("extra", "sg-1"),
            { type: TYPES.eniAttachment, name: "attach", props: { networkInterfaceId: "eni-0outside", securityGroupId: "sg-1" } },
        ]), []);
    });

    it("flags a group referenced only by its own inline rule (known ID)", () => {
        assert.deepStrictEqual(run([group("peers", "sg-1", { ingress: [tcp(8080, { securityGroups: ["sg-1"] })] })]), [unused("peers")]);
    });
});

describe("sg-unused: groups the stack exports (stack outputs of the root pulumi:pulumi:Stack resource)", () => {
    const root = (outputs: Record<string, unknown>): TestResource => ({ type: TYPES.rootStack, name: "project-stack", props: outputs });

    it("passes a group whose known ID the stack exports (an update): another stack attaches it", () => {
        assert.deepStrictEqual(run([root({ sharedSg: "sg-1" }), group("shared", "sg-1"), group("spare", "sg-2")]), [unused("spare")]);
    });

    it("passes a group exported within a nested output (a list in an object)", () => {
        assert.deepStrictEqual(run([root({ network: { groups: ["sg-9", "sg-1"] } }), group("shared", "sg-1")]), []);
    });

    it("passes a group exported whole (its outputs with its URN), at preview with its ID not known", () => {
        const exported = { urn: urnOf(group("shared")), id: UNKNOWN, arn: UNKNOWN, description: "d" };
        assert.deepStrictEqual(run([root({ sg: exported }), group("shared"), group("spare")]), [unused("spare")]);
    });

    it("notes an otherwise unused group when an exported value is not known yet at preview: it may be the group's ID", () => {
        const findings = runStackPolicy(sgUnused, [root({ sharedSg: UNKNOWN, vpcId: UNKNOWN, name: "fixed" }), group("shared")]);
        assert.deepStrictEqual(findings, [{
            level: "advisory", urn: urnOf(group("shared")),
            message: "Cannot be verified at preview: the stack output sharedSg is not known until the resources it comes from are " +
                "created. aws.ec2.SecurityGroup 'shared' is not attached to any resource in the stack and no rule references it, " +
                "but the stack exports sharedSg and vpcId, which may be its ID for another stack to use; it is unused unless that is so.",
        }]);
    });

    it("an exported ID of another group, or of no group, leaves an unused group flagged", () => {
        assert.deepStrictEqual(run([root({ other: "sg-0outside", count: 3 }), group("spare", "sg-2")]), [unused("spare")]);
    });

    it("the root resource's own outputs are read, not those of a resource of another type", () => {
        assert.deepStrictEqual(run([{ type: TYPES.other, name: "bucket", props: { tags: { sg: "sg-1" } } }, group("shared", "sg-1")]), [unused("shared")]);
    });
});

describe("sg-unused: references by rules, both ways", () => {
    it("passes a group that two unknown references of one inline list name, by dependency", () => {
        assert.deepStrictEqual(run([
            group("a"), group("b"),
            { ...group("db"), props: { description: "d", ingress: [tcp(5432, { securityGroups: [UNKNOWN, UNKNOWN] })] }, propertyDependencies: { ingress: ["a", "b"] } },
        ]), [unused("db")]);
    });
});

describe("sg-unused: a property dependency counts as use only when the value may hold the group", () => {
    const other = (props: Record<string, unknown>): TestResource =>
        ({ type: TYPES.other, name: "bucket", props, propertyDependencies: { tags: ["web"] } });
    it("passes a group that a resource the pack does not model depends on, while the value is not known (first preview)", () => {
        assert.deepStrictEqual(run([group("web"), other({ tags: { sg: UNKNOWN } })]), []);
    });
    it("passes a group whose known ID a resource the pack does not model holds, within a longer string (an update)", () => {
        assert.deepStrictEqual(run([group("web", "sg-0abc"), other({ tags: { sg: "allowed:sg-0abc" } })]), []);
    });
    it("passes a group whose known name a resource the pack does not model holds", () => {
        assert.deepStrictEqual(run([group("web", "sg-0abc", { name: "web-7f3" }), other({ tags: { sg: "web-7f3" } })]), []);
    });
    it("flags a group that a known value depends on but holds nothing of (an ID computed from it: `web.id.apply(() => \"x\")`)", () => {
        assert.deepStrictEqual(run([group("web", "sg-0abc", { name: "web-7f3" }), other({ tags: { sg: "sg-0other", list: ["a", 1, { b: null }] } })]), [unused("web")]);
    });
    it("flags a group that a rule's known securityGroupId depends on, when the ID is another group's", () => {
        assert.deepStrictEqual(run([group("web", "sg-1"), group("decoy", "sg-2"),
            { type: TYPES.vpcIngress, name: "r", props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" },
                propertyDependencies: { securityGroupId: ["decoy"] } }]), [unused("web"), unused("decoy")]);
    });
});
