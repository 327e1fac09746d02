/**
 * The network map as data, on the three-tier example run under mocks with real @pulumi/aws classes:
 * every node with its container and every edge with its label, written out by hand from
 * examples/three-tier/three-tier.ts, at a first preview (IDs unknown), as check runs a program.
 */
import * as assert from "assert";
import { buildMap } from "../../cli/map/build";
import type { NetworkMap } from "../../cli/map/map-model";
import { stackModelOf } from "../../cli/map/stack-model";
import type { Finding } from "../../cli/model";
import { CapturedStack, captureProgram } from "../../runner/capture";
import { Mutation, threeTier } from "../programs/three-tier";
import { view } from "./map-view";

/** The stack as check sends it to AnalyzeStack: outputs, dependencies and property dependencies. */
async function mapOf(mutation: Mutation, findings: Finding[] = []): Promise<{ map: NetworkMap; stack: CapturedStack }> {
    const stack = await captureProgram(() => threeTier(mutation), { preview: true });
    const model = stackModelOf(stack.resources.map((r) => ({
        urn: r.urn, type: r.type, name: r.name, properties: r.outputs, dependencies: r.dependencies, propertyDependencies: r.propertyDependencies,
    })));
    return { map: buildMap(model, findings, [], "three-tier"), stack };
}

const THREE_TIER_NODES = [
    "internet Internet",
    "vpc main",
    "gateway main in vpc main",
    "subnet public-a (public) in vpc main",
    "subnet app-a (private) in vpc main",
    "subnet db-a (private) in vpc main",
    "resource alb exposed:sure in subnet public-a",
    "resource web exposed:sure in subnet app-a",
    "resource app in subnet app-a",
    // Its subnet group spans db-a and app-a: drawn in the VPC, with an edge to each subnet.
    "resource db in vpc main",
    "security-group default in vpc main",
    "security-group alb in vpc main",
    "security-group web in vpc main",
    "security-group app in vpc main",
    "security-group db in vpc main",
].sort();

const THREE_TIER_EDGES = [
    "gateway: internet Internet -> gateway main sure",
    "route: gateway main -> subnet public-a [0.0.0.0/0]",
    "placement: resource db -> subnet db-a",
    "placement: resource db -> subnet app-a",
    "member: resource alb -> security-group alb",
    "member: resource web -> security-group web",
    "member: resource app -> security-group app",
    "member: resource db -> security-group db",
    "sg-reference: security-group alb -> security-group web [TCP port 8080]",
    "sg-reference: security-group web -> security-group app [TCP port 8443]",
    "sg-reference: security-group app -> security-group db [TCP port 5432]",
    "exposure: gateway main -> resource alb [TCP port 443 (IPv4)] sure",
    "exposure: resource alb -> resource web [TCP port 8080 (IPv4)] sure",
].sort();

describe("network map: the three-tier example", () => {
    it("VPC, gateway, public and private subnets, resources, groups, ALB -> web -> app -> DB, the paths", async () => {
        const { map } = await mapOf("none");
        assert.deepStrictEqual(view(map), { nodes: THREE_TIER_NODES, edges: THREE_TIER_EDGES });
        assert.deepStrictEqual(map.otherFindings, []);
    });

    it("a path's edge lists its hops, and each group reference the rules it stands for", async () => {
        const { map } = await mapOf("none");
        const edge = (kind: string, label: string) => map.edges.find((e) => e.kind === kind && e.label === label);
        assert.deepStrictEqual(edge("exposure", "TCP port 8080 (IPv4)")?.details, [
            "reachable on TCP port 8080 (IPv4) through aws.ec2.Subnet 'public-a': route: aws.ec2.Subnet 'public-a' uses aws.ec2.RouteTable 'public' " +
            "(through aws.ec2.RouteTableAssociation 'public-a'), and its routes[0] sends 0.0.0.0/0 to aws.ec2.InternetGateway 'main'; address: it is " +
            "internet-facing (internal is not true); network ACL: aws.ec2.NetworkAcl 'public' inbound rule 100 (ingress[0]) lets TCP 443 in from the internet, and " +
            "outbound rule 110 (egress[1]) lets the replies out to the internet (TCP 1024-8079, 8081-65535); security group: on aws.ec2.SecurityGroup 'alb', aws.vpc.SecurityGroupIngressRule " +
            "'alb-https-v4' cidrIpv4 allows TCP port 443 from 0.0.0.0/0 (every IPv4 address); listener: aws.lb.Listener 'https' on port 443 of " +
            "aws.lb.LoadBalancer 'alb'; target: aws.lb.TargetGroupAttachment 'web' targetId sends it to aws.ec2.Instance 'web' on port 8080; network ACL: " +
            "aws.ec2.NetworkAcl 'private' inbound rule 100 (ingress[0]) lets TCP 8080 in from the load balancer's nodes in aws.ec2.Subnet 'public-a', and " +
            "outbound rule 200 (aws.ec2.NetworkAclRule 'private-replies') lets the replies out to the load balancer's nodes in aws.ec2.Subnet 'public-a' (TCP 1024-65535); security " +
            "group: on aws.ec2.SecurityGroup 'web', aws.vpc.SecurityGroupIngressRule 'web-from-alb' referencedSecurityGroupId allows TCP port 8080 from " +
            "a security group (ID known after creation)",
        ]);
        assert.deepStrictEqual(edge("sg-reference", "TCP port 8080")?.details, [
            "outbound: aws.vpc.SecurityGroupEgressRule 'alb-to-web' referencedSecurityGroupId allows TCP port 8080 to aws.ec2.SecurityGroup 'web'",
            "inbound: aws.vpc.SecurityGroupIngressRule 'web-from-alb' referencedSecurityGroupId allows TCP port 8080 from aws.ec2.SecurityGroup 'alb'",
        ]);
    });

    it("db-open-to-internet: the database's subnet turns public and a path from the gateway reaches the database", async () => {
        const { map } = await mapOf("db-open-to-internet");
        const { nodes, edges } = view(map);
        assert.deepStrictEqual(nodes.filter((n) => !THREE_TIER_NODES.includes(n)), ["resource db exposed:sure in vpc main", "subnet db-a (public) in vpc main"]);
        assert.deepStrictEqual(edges.filter((e) => !THREE_TIER_EDGES.includes(e)), [
            "exposure: gateway main -> resource db [TCP port 5432 (IPv4)] sure",
            "route: gateway main -> subnet db-a [0.0.0.0/0]",
        ]);
    });

    it("findings: on the node of their resource, a rule resource's on its group, the rest apart", async () => {
        const { stack } = await mapOf("db-open-to-internet");
        const ref = (name: string, type: string) => {
            const r = stack.resources.find((x) => x.name === name && x.type === type) as { urn: string; type: string; name: string };
            return { urn: r.urn, type: r.type, name: r.name };
        };
        const findings: Finding[] = [
            { policy: "db-not-reachable-from-internet", level: "mandatory", resource: ref("db", "aws:rds/instance:Instance"), message: "path" },
            { policy: "sg-ingress-from-world-allowed-ports", level: "advisory", resource: ref("db-from-laptop", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), message: "world" },
            { policy: "nacl-rules-effective", level: "advisory", resource: ref("private", "aws:ec2/networkAcl:NetworkAcl"), message: "acl" },
            { policy: "some-stack-policy", level: "advisory", message: "stack" },
        ];
        const { map } = await mapOf("db-open-to-internet", findings);
        const on = (kind: string, label: string) => map.nodes.find((n) => n.kind === kind && n.label === label)?.findings;
        assert.deepStrictEqual(on("resource", "db"), [{ policy: "db-not-reachable-from-internet", level: "mandatory", message: "path" }]);
        assert.deepStrictEqual(on("security-group", "db"), [{ policy: "sg-ingress-from-world-allowed-ports", level: "advisory", message: "world",
            on: "aws.vpc.SecurityGroupIngressRule 'db-from-laptop'" }]);
        assert.deepStrictEqual(map.otherFindings, [
            { resource: "aws.ec2.NetworkAcl 'private'", findings: [{ policy: "nacl-rules-effective", level: "advisory", message: "acl" }] },
            { resource: "the stack", findings: [{ policy: "some-stack-policy", level: "advisory", message: "stack" }] },
        ]);
    });
});
