/**
 * Program test: paths from the internet in a program written with real @pulumi/aws classes, captured
 * as a first preview sends it (every ID unknown, every link by property dependencies). The shapes
 * the exposure model reads are checked first, then the three exposure policies' exact findings.
 */
import * as assert from "assert";
import { CapturedResource, CapturedStack, UNKNOWN, captureProgram } from "../../runner/capture";
import { TYPE } from "../util/types";
import { analyseStack } from "./analyse";
import { internetPaths } from "./internet-paths";

const urn = (type: string, name: string) => `urn:pulumi:stack::project::${type}::${name}`;

function named(c: CapturedStack, type: string, name: string): CapturedResource {
    const found = c.resources.filter((r) => r.type === type && r.name === name);
    assert.strictEqual(found.length, 1, `exactly one ${type} ${name}`);
    return found[0];
}

const EXPOSURE = /^(db-not-reachable-from-internet|compute-reachable-only-through-load-balancers|admin-ports-not-reachable-from-internet): /;
const ROUTE = "route: aws.ec2.Subnet 'public-a' uses aws.ec2.RouteTable 'public' (through aws.ec2.RouteTableAssociation 'public-a'), and " +
    "aws.ec2.Route 'public-default' sends 0.0.0.0/0 to aws.ec2.InternetGateway 'main'";
const ACL = "network ACL: the default network ACL of aws.ec2.Vpc 'main' (AWS's, not declared in this stack): inbound rule 100 lets all traffic in, and outbound rule 100 lets all traffic out, the replies among it";

describe("program: internet paths (public and private tiers, an ALB, an NLB forwarding SSH, NAT), at a first preview", () => {
    let preview: CapturedStack;
    before(async () => {
        preview = await captureProgram(internetPaths, { preview: true });
    });

    it("puts on the wire the shapes the exposure model reads: gateway IDs, ARNs and subnets unknown, linked by dependencies", () => {
        const route = named(preview, TYPE.route, "public-default");
        assert.deepStrictEqual(route.outputs, { destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN, routeTableId: UNKNOWN });
        assert.deepStrictEqual([route.propertyDependencies.gatewayId, route.propertyDependencies.routeTableId],
            [[urn(TYPE.internetGateway, "main")], [urn(TYPE.routeTable, "public")]]);
        const app = named(preview, TYPE.routeTable, "app");
        assert.deepStrictEqual(app.outputs.routes, [{ cidrBlock: "0.0.0.0/0", natGatewayId: UNKNOWN }]);
        assert.deepStrictEqual(app.propertyDependencies.routes, [urn(TYPE.natGateway, "main")]);
        const listener = named(preview, TYPE.listener, "ssh");
        assert.deepStrictEqual(listener.outputs, { defaultActions: [{ targetGroupArn: UNKNOWN, type: "forward" }], loadBalancerArn: UNKNOWN, port: 22, protocol: "TCP" });
        assert.deepStrictEqual([listener.propertyDependencies.defaultActions, listener.propertyDependencies.loadBalancerArn],
            [[urn(TYPE.targetGroup, "ssh")], [urn(TYPE.lb, "nlb")]]);
        const service = named(preview, TYPE.ecsService, "api");
        assert.deepStrictEqual(service.outputs.networkConfiguration, { assignPublicIp: true, securityGroups: [UNKNOWN], subnets: [UNKNOWN] });
        assert.deepStrictEqual(named(preview, TYPE.eip, "legacy").outputs, { domain: "vpc", instance: UNKNOWN });
        assert.deepStrictEqual(named(preview, TYPE.subnet, "public-a").outputs, { cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: true, vpcId: UNKNOWN });
        assert.strictEqual("internal" in named(preview, TYPE.lb, "nlb").outputs, false);
        assert.deepStrictEqual(named(preview, TYPE.targetGroup, "ssh").outputs, { port: 22, preserveClientIp: "false", protocol: "TCP", vpcId: UNKNOWN });
    });

    it("reports exactly the paths: the public database, the bastion and the ECS service with public addresses, SSH through the NLB", () => {
        const findings = analyseStack(preview).filter((f) => EXPOSURE.test(f));
        assert.deepStrictEqual(findings.map((f) => f.split(": ").slice(0, 3).join(": ")), [
            "db-not-reachable-from-internet: mandatory: reports",
            "compute-reachable-only-through-load-balancers: advisory: api",
            "compute-reachable-only-through-load-balancers: advisory: bastion",
            "admin-ports-not-reachable-from-internet: mandatory: ops",
            "admin-ports-not-reachable-from-internet: mandatory: bastion",
        ]);
        const ops = findings[3].split(": ").slice(3).join(": ");
        assert.strictEqual(ops, "aws.ec2.Instance 'ops' is reachable from the internet through aws.lb.LoadBalancer 'nlb' over IPv4 on SSH (TCP port 22): " +
            `${ROUTE}; address: it is internet-facing (internal is not true); ${ACL}; listener: aws.lb.Listener 'ssh' on port 22 of aws.lb.LoadBalancer 'nlb'; ` +
            "target: aws.lb.TargetGroupAttachment 'ops' targetId sends it to aws.ec2.Instance 'ops' on port 22 with the load balancer's private address " +
            "(aws.lb.TargetGroup 'ssh' sets preserveClientIp: false), so the target must admit the load balancer's subnets or security group; security group: on aws.ec2.SecurityGroup " +
            "'ops', aws.vpc.SecurityGroupIngressRule 'ops-ssh-from-vpc' cidrIpv4 allows TCP port 22 from 10.0.0.0/16");
        const bastion = findings[2].split(": ").slice(3).join(": ");
        assert.strictEqual(bastion, "aws.ec2.Instance 'bastion' is reachable from the internet directly, not through a load balancer, on TCP port 22 (IPv4): " +
            `${ROUTE}; address: it does not set its own public-address flag, and aws.ec2.Subnet 'public-a' sets mapPublicIpOnLaunch: true; ${ACL}; ` +
            "security group: on aws.ec2.SecurityGroup 'bastion', aws.vpc.SecurityGroupIngressRule 'bastion-ssh' cidrIpv4 allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)");
    });
});
