// What lets the internet reach a synthetic cell (bench/generate.ts): an internet gateway and a public
// route table for the first three subnets (inline routes or aws.ec2.Route resources), a NAT gateway and
// a private route table for the fourth, Elastic IPs on some instances, and behind some load
// balancers a listener that forwards to a target group with an instance attached. The shapes follow
// test/programs/internet-paths.ts.
import type { JsonObject } from "../runner/analyzer-client";

export interface PathRes { urn: string; id?: string; outputs?: JsonObject }

export interface CellKit<R extends PathRes> {
    add(type: string, name: string, idPrefix: string, inputs: JsonObject, deps?: Record<string, string[]>): R;
    ref(r: R): string;
    rand(): number;
    pick<T>(xs: readonly T[]): T;
}

/** The ARN of a load balancer or a target group, its ID as well; unknown (the sentinel) when it is new. */
function withArn<R extends PathRes>(r: R, kind: string): R {
    if (r.id !== undefined) {
        r.id = `arn:aws:elasticloadbalancing:us-east-1:123456789012:${kind}/${r.id}`;
        r.outputs = { arn: r.id };
    }
    return r;
}

export function addPaths<R extends PathRes>(k: CellKit<R>, c: string, vpc: R, subnets: R[], lbs: R[], instances: R[]): void {
    const vpcDep = { vpcId: [vpc.urn] };
    const igw = k.add("aws:ec2/internetGateway:InternetGateway", `${c}-igw`, "igw", { vpcId: k.ref(vpc) }, vpcDep);
    const publicRoute = { cidrBlock: "0.0.0.0/0", gatewayId: k.ref(igw) };
    const inline = k.rand() < 0.5;
    const pub = k.add("aws:ec2/routeTable:RouteTable", `${c}-rt-public`, "rtb", { vpcId: k.ref(vpc), ...(inline ? { routes: [publicRoute] } : {}) },
        inline ? { ...vpcDep, routes: [igw.urn] } : vpcDep);
    if (!inline) {
        k.add("aws:ec2/route:Route", `${c}-route-public`, "r", { routeTableId: k.ref(pub), destinationCidrBlock: "0.0.0.0/0", gatewayId: k.ref(igw) },
            { routeTableId: [pub.urn], gatewayId: [igw.urn] });
    }
    const natIp = k.add("aws:ec2/eip:Eip", `${c}-nat-ip`, "eipalloc", { domain: "vpc" });
    const nat = k.add("aws:ec2/natGateway:NatGateway", `${c}-nat`, "nat", { subnetId: k.ref(subnets[0]), allocationId: k.ref(natIp) },
        { subnetId: [subnets[0].urn], allocationId: [natIp.urn] });
    const priv = k.add("aws:ec2/routeTable:RouteTable", `${c}-rt-private`, "rtb", { vpcId: k.ref(vpc), routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: k.ref(nat) }] },
        { ...vpcDep, routes: [nat.urn] });
    subnets.forEach((s, i) => {
        const table = i < 3 ? pub : priv;
        k.add("aws:ec2/routeTableAssociation:RouteTableAssociation", `${c}-rta-${i}`, "rtbassoc", { subnetId: k.ref(s), routeTableId: k.ref(table) },
            { subnetId: [s.urn], routeTableId: [table.urn] });
    });
    instances.forEach((host, i) => {
        if (k.rand() < 0.2) {
            k.add("aws:ec2/eip:Eip", `${c}-eip-${i}`, "eipalloc", { domain: "vpc", instance: k.ref(host) }, { instance: [host.urn] });
        }
    });
    lbs.forEach((lb, i) => {
        withArn(lb, "loadbalancer/app");
        if (instances.length === 0 || k.rand() < 0.3) {
            return;
        }
        const [protocol, port] = k.pick([["HTTP", 80], ["HTTPS", 443], ["HTTP", 8080]] as const);
        const targetPort = k.pick([80, 8080, 22, 5432]);
        const tg = withArn(k.add("aws:lb/targetGroup:TargetGroup", `${c}-tg-${i}`, "tg", { port: targetPort, protocol: "HTTP", vpcId: k.ref(vpc) }, vpcDep), "targetgroup");
        const forward = { type: "forward", targetGroupArn: k.ref(tg) };
        k.add("aws:lb/listener:Listener", `${c}-listener-${i}`, "listener", { loadBalancerArn: k.ref(lb), port, protocol, defaultActions: [forward] },
            { loadBalancerArn: [lb.urn], defaultActions: [tg.urn] });
        const host = k.pick(instances);
        k.add("aws:lb/targetGroupAttachment:TargetGroupAttachment", `${c}-tga-${i}`, "tga", { targetGroupArn: k.ref(tg), targetId: k.ref(host), port: targetPort },
            { targetGroupArn: [tg.urn], targetId: [host.urn] });
    });
}
