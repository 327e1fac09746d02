/**
 * Whether a resource has a public address of a family in a subnet: an Elastic IP on it (aws.ec2.Eip
 * with `instance` or `networkInterface`, aws.ec2.EipAssociation), its own flag (an instance's
 * associatePublicIpAddress, an ECS service's assignPublicIp, a database's publiclyAccessible), else
 * its subnet's default (mapPublicIpOnLaunch); a load balancer that is not `internal` (IPv6 with a
 * dualstack address type); IPv6 addresses (ipv6AddressCount, ipv6Addresses, else the subnet's
 * assignIpv6AddressOnCreation), which are globally routable.
 */
import { LoadBalancer as AlbLoadBalancer } from "@pulumi/aws/alb/loadBalancer";
import { Eip } from "@pulumi/aws/ec2/eip";
import { EipAssociation } from "@pulumi/aws/ec2/eipAssociation";
import { DefaultSubnet } from "@pulumi/aws/ec2/defaultSubnet";
import { Instance as Ec2Instance } from "@pulumi/aws/ec2/instance";
import { LaunchConfiguration } from "@pulumi/aws/ec2/launchConfiguration";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import { NetworkInterface } from "@pulumi/aws/ec2/networkInterface";
import { SpotInstanceRequest } from "@pulumi/aws/ec2/spotInstanceRequest";
import { Service as EcsService } from "@pulumi/aws/ecs/service";
import { TaskSet } from "@pulumi/aws/ecs/taskSet";
import { LoadBalancer as ElbLoadBalancer } from "@pulumi/aws/elb/loadBalancer";
import { LoadBalancer as LbLoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { typeToken } from "../../model/types";
import { Maybe, Undetermined, bool, child, elements, isUndetermined, num, str } from "../../model/values";
import { Family } from "../../net/cidr";
import { DATABASE_INSTANCES, eniShapeOf } from "../eni-types";
import { Targets, linkOne } from "../links";
import type { StackResource } from "../resource";
import { fieldOf } from "./placement";
import { AddressHop, AddressSource, CLOSED, Gate, doubtful } from "./path";

const t = typeToken;

/** How a type gets addresses: its IPv4 flag and the flag's meaning, whether its subnet's defaults apply, its IPv6 inputs. */
interface AddressSpec {
    readonly v4?: { readonly path: string; readonly publicWhen: boolean };
    readonly subnetDefaults?: boolean;
    readonly elasticIp?: boolean;
    readonly v6?: { readonly count: string; readonly list: string };
    /** Its subnet's assignIpv6AddressOnCreation gives it an IPv6 address when it asks for none of its own (an interface AWS creates in the subnet). */
    readonly v6FromSubnet?: boolean;
    /** A database: networkType DUAL (or IPV6) gives it IPv6 addresses, public when its public-access flag is true. */
    readonly dualStack?: boolean;
    readonly loadBalancer?: boolean;
}

const INSTANCE: AddressSpec = { v4: { path: "associatePublicIpAddress", publicWhen: true }, subnetDefaults: true, elasticIp: true,
    v6: { count: "ipv6AddressCount", list: "ipv6Addresses" }, v6FromSubnet: true };
const SPECS = new Map<string, AddressSpec>([
    [t(Ec2Instance), INSTANCE],
    [t(SpotInstanceRequest), INSTANCE],
    [t(NetworkInterface), { elasticIp: true, v6: { count: "ipv6AddressCount", list: "ipv6Addresses" }, v6FromSubnet: true }],
    [t(LaunchTemplate), { v4: { path: "networkInterfaces.0.associatePublicIpAddress", publicWhen: true }, subnetDefaults: true,
        v6: { count: "networkInterfaces.0.ipv6AddressCount", list: "networkInterfaces.0.ipv6Addresses" }, v6FromSubnet: true }],
    [t(LaunchConfiguration), { v4: { path: "associatePublicIpAddress", publicWhen: true }, subnetDefaults: true }],
    [t(EcsService), { v4: { path: "networkConfiguration.assignPublicIp", publicWhen: true }, v6FromSubnet: true }],
    [t(TaskSet), { v4: { path: "networkConfiguration.assignPublicIp", publicWhen: true }, v6FromSubnet: true }],
    [t(LbLoadBalancer), { v4: { path: "internal", publicWhen: false }, loadBalancer: true }],
    [t(AlbLoadBalancer), { v4: { path: "internal", publicWhen: false }, loadBalancer: true }],
    [t(ElbLoadBalancer), { v4: { path: "internal", publicWhen: false } }],
]);

/** The address spec of a type: the table's, or a database's public-access flag. */
export function addressSpec(type: string): AddressSpec | undefined {
    const own = SPECS.get(type);
    if (own) {
        return own;
    }
    const shape = eniShapeOf(type);
    const flag = shape?.role === "database" ? shape.publicFlag : DATABASE_INSTANCES.find((d) => d.type === type)?.publicFlag;
    return flag ? { v4: { path: flag.join("."), publicWhen: true }, dualStack: true } : undefined;
}

const DEFAULT_SUBNET = t(DefaultSubnet);

export class Addresses {
    /** Resources (by URN) an Elastic IP is on, with the EIP or association that puts it there. */
    private readonly elastic = new Map<string, { urn: string; path: string }>();
    private readonly pendingElastic: { urn: string; why: Undetermined }[] = [];

    constructor(resources: readonly StackResource[]) {
        const holders = new Targets();
        const interfaces = new Targets();
        for (const r of resources) {
            if (r.type === t(Ec2Instance) || r.type === t(SpotInstanceRequest)) {
                holders.add(r, ["id"]);
                interfaces.add(r, ["primaryNetworkInterfaceId"]);
            } else if (r.type === t(NetworkInterface)) {
                interfaces.add(r, ["id"]);
            }
        }
        for (const r of resources) {
            const keys = r.type === t(Eip) ? [["instance", holders], ["networkInterface", interfaces]] as const
                : r.type === t(EipAssociation) ? [["instanceId", holders], ["networkInterfaceId", interfaces]] as const : [];
            for (const [key, targets] of keys) {
                const link = linkOne(r, key, targets);
                if (link?.ref?.kind === "stack") {
                    this.elastic.set(link.ref.urn, { urn: r.urn, path: key });
                } else if (link?.undetermined) {
                    this.pendingElastic.push({ urn: r.urn, why: link.undetermined });
                }
            }
        }
    }

    /** Whether the resource has a public address of the family in the subnet (a stack subnet, or one that cannot be told). */
    of(r: StackResource, subnet: StackResource | "unknown" | undefined, family: Family): Gate {
        const spec = addressSpec(r.type);
        if (!spec) {
            return CLOSED;
        }
        const hop = (urn: string, path: string, source: AddressSource): Gate =>
            ({ definite: true, possible: true, hops: [{ kind: "public-address", urn, path, family, source } satisfies AddressHop] });
        if (family === 6) {
            return this.v6(r, spec, subnet, hop);
        }
        const eip = spec.elasticIp ? this.elastic.get(r.urn) : undefined;
        if (eip) {
            return hop(eip.urn, eip.path, "elastic-ip");
        }
        const pending = spec.elasticIp ? this.pendingElastic[0] : undefined;
        const own = this.v4(r, spec, subnet, hop);
        return !own.definite && pending ? doubtful({ why: pending.why, urn: pending.urn }) : own;
    }

    private v4(r: StackResource, spec: AddressSpec, subnet: StackResource | "unknown" | undefined, hop: (urn: string, path: string, s: AddressSource) => Gate): Gate {
        if (!spec.v4) {
            return CLOSED;
        }
        const field = fieldOf(r.root, spec.v4.path);
        const flag = bool(field);
        if (spec.loadBalancer && str(child(r.root, "ipAddressType")) === "dualstack-without-public-ipv4") {
            return CLOSED;
        }
        if (isUndetermined(flag)) {
            return doubtful({ why: flag, urn: r.urn });
        }
        if (flag !== undefined || !spec.subnetDefaults) {
            // An absent flag is false: for `internal`, that makes the load balancer internet-facing.
            const value = flag ?? false;
            return value === spec.v4.publicWhen ? hop(r.urn, field.path, spec.v4.publicWhen ? "own-flag" : "internet-facing") : CLOSED;
        }
        return subnet ? subnetDefault(subnet, "mapPublicIpOnLaunch", subnet !== "unknown" && subnet.type === DEFAULT_SUBNET, "subnet-default", hop) : CLOSED;
    }

    private v6(r: StackResource, spec: AddressSpec, subnet: StackResource | "unknown" | undefined, hop: (urn: string, path: string, s: AddressSource) => Gate): Gate {
        if (spec.loadBalancer) {
            const type = str(child(r.root, "ipAddressType"));
            if (isUndetermined(type)) {
                return doubtful({ why: type, urn: r.urn });
            }
            const internal = bool(child(r.root, "internal"));
            return type?.startsWith("dualstack") && internal !== true ? hop(r.urn, "ipAddressType", "internet-facing") : CLOSED;
        }
        if (spec.dualStack) {
            return dualStack(r, spec, hop);
        }
        const fromSubnet = () => (spec.v6FromSubnet && subnet ? subnetDefault(subnet, "assignIpv6AddressOnCreation", false, "ipv6", hop) : CLOSED);
        if (!spec.v6) {
            return fromSubnet();
        }
        const count = fieldOf(r.root, spec.v6.count);
        const list = fieldOf(r.root, spec.v6.list);
        const n: Maybe<number | undefined> = num(count);
        const items = elements(list);
        for (const [value, field] of [[n, count], [isUndetermined(items) ? items : items.length, list]] as const) {
            if (isUndetermined(value)) {
                return doubtful({ why: value, urn: r.urn });
            }
            if (typeof value === "number" && value > 0) {
                return hop(r.urn, field.path, "ipv6");
            }
        }
        const set = count.state !== "absent" || list.state !== "absent";
        return set ? CLOSED : fromSubnet();
    }
}

/**
 * A database's IPv6 address: with networkType DUAL (or IPV6) it has one in each of its dual-stack
 * subnets, which the internet reaches only when the database is publicly accessible (AWS closes the
 * internet gateway to a private one's IPv6 address).
 */
function dualStack(r: StackResource, spec: AddressSpec, hop: (urn: string, path: string, s: AddressSource) => Gate): Gate {
    const type = str(child(r.root, "networkType"));
    if (isUndetermined(type)) {
        return doubtful({ why: type, urn: r.urn });
    }
    if (type === undefined || !["DUAL", "IPV6"].includes(type.toUpperCase()) || !spec.v4) {
        return CLOSED;
    }
    const flag = bool(fieldOf(r.root, spec.v4.path));
    if (isUndetermined(flag)) {
        return doubtful({ why: flag, urn: r.urn });
    }
    return flag === true ? hop(r.urn, "networkType", "dual-stack") : CLOSED;
}

/** A subnet's default for the addresses of what launches in it: its flag, or AWS's default when it is not set. */
function subnetDefault(subnet: StackResource | "unknown", key: string, absent: boolean, source: AddressSource,
    hop: (urn: string, path: string, s: AddressSource) => Gate): Gate {
    if (subnet === "unknown") {
        return { definite: false, possible: true, hops: [] };
    }
    const flag = bool(child(subnet.root, key));
    if (isUndetermined(flag)) {
        return doubtful({ why: flag, urn: subnet.urn });
    }
    // AWS's own default (a default subnet maps public addresses) has no property path.
    return (flag ?? absent) ? hop(subnet.urn, flag === undefined ? "" : key, source) : CLOSED;
}
