/**
 * A large network for the map's tests, about 500 resources: one VPC with an internet gateway, a
 * public subnet with an internet-facing load balancer, and private subnets each holding instances
 * whose groups reference the tier before them.
 */
import * as n from "../exposure/network";
import { TestResource } from "../util/run-stack-policy";

const U = n.U;

export function largeNetwork(subnets = 24, perSubnet = 18): TestResource[] {
    const out: TestResource[] = [...n.network(), n.group("alb-sg", [n.tcpFromWorld(443)]), n.loadBalancer("alb", ["public-a"], ["alb-sg"]),
        n.targetGroup("web-tg", 8080), n.listener("https", "alb", 443, "HTTPS", "web-tg")];
    for (let s = 0; s < subnets; s++) {
        const subnet = `private-${s}`;
        const group = `tier-${s}`;
        const from = s === 0 ? "alb-sg" : `tier-${s - 1}`;
        out.push(n.subnet(subnet, `10.0.${s + 2}.0/24`),
            { ...n.group(group, [n.fromGroup(s === 0 ? 8080 : 8000 + s)]), propertyDependencies: { vpcId: ["main"], ingress: [from] } });
        for (let i = 0; i < perSubnet; i++) {
            out.push(n.instance(`host-${s}-${i}`, subnet, group));
        }
    }
    out.push(n.attachment("web-0", "web-tg", "host-0-0"));
    // Every instance is in a subnet and a group: a second group on some, from outside the stack.
    out.push({ ...n.instance("legacy", "private-0", "tier-0"), props: { ami: "ami-1", subnetId: U, vpcSecurityGroupIds: [U, "sg-0legacy"] } });
    return out;
}
