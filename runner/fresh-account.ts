/**
 * A fresh AWS account in one region, as lookups see it: account 123456789012, three availability zones,
 * the default VPC (172.31.0.0/16) with one default /20 subnet per zone and its default security group.
 * Every ID is derived from the region and the object, so a run is deterministic. EC2 lookups select
 * from these objects with the EC2 API's filters; a query about anything else (a tag, an ID the account
 * does not have, a filter not modelled here) is one the account cannot answer.
 */
import { createHash } from "crypto";

export const ACCOUNT_ID = "123456789012";

export type Props = { [key: string]: unknown };

/** An object a lookup can select: its result properties, and its values for each EC2 filter name. */
export interface Selectable {
    props: Props;
    filters: { [name: string]: string[] };
    /** The filter names that hold this object's IDs. */
    ids: string[];
}

/** Short form of a region for zone IDs, as AWS writes it: us-east-1 -> use1, ap-southeast-2 -> apse2. */
function regionCode(region: string): string | undefined {
    const m = /^([a-z]{2})-(?:(gov)-)?([a-z]+)-(\d+)$/.exec(region);
    if (!m) { return undefined; }
    const direction = m[3].replace(/north/g, "n").replace(/south/g, "s").replace(/east/g, "e").replace(/west/g, "w").replace(/central/g, "c");
    return `${m[1]}${m[2] ? "g" : ""}${direction}${m[4]}`;
}

export class FreshAccount {
    constructor(readonly region: string) {}

    get partition(): { partition: string; dnsSuffix: string; reverseDnsPrefix: string } {
        if (this.region.startsWith("cn-")) {
            return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn", reverseDnsPrefix: "cn.com.amazonaws" };
        }
        return { partition: this.region.startsWith("us-gov-") ? "aws-us-gov" : "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    }

    /** A resource ID of the account: `<prefix>-` and 17 hex digits derived from the region and `what`. */
    id(prefix: string, what: string): string {
        return `${prefix}-${createHash("sha256").update(`${ACCOUNT_ID}/${this.region}/${what}`).digest("hex").slice(0, 17)}`;
    }

    arn(service: string, resource: string, account = ACCOUNT_ID): string {
        return `arn:${this.partition.partition}:${service}:${this.region}:${account}:${resource}`;
    }

    zones(): { name: string; zoneId: string }[] {
        const code = regionCode(this.region) ?? this.region;
        return ["a", "b", "c"].map((letter, i) => ({ name: `${this.region}${letter}`, zoneId: `${code}-az${i + 1}` }));
    }

    defaultVpc(): Selectable {
        const id = this.id("vpc", "default-vpc");
        const cidrBlock = "172.31.0.0/16";
        return {
            props: {
                arn: this.arn("ec2", `vpc/${id}`), cidrBlock,
                cidrBlockAssociations: [{ associationId: this.id("vpc-cidr-assoc", "default-vpc"), cidrBlock, state: "associated" }],
                default: true, dhcpOptionsId: this.id("dopt", "default"), enableDnsHostnames: true, enableDnsSupport: true,
                enableNetworkAddressUsageMetrics: false, id, instanceTenancy: "default", ipv6AssociationId: "", ipv6CidrBlock: "",
                ipv6CidrBlockAssociations: [], mainRouteTableId: this.id("rtb", "default-vpc-main"), ownerId: ACCOUNT_ID,
                region: this.region, state: "available", tags: {},
            },
            filters: {
                "vpc-id": [id], "is-default": ["true"], "cidr": [cidrBlock], "cidr-block-association.cidr-block": [cidrBlock],
                "state": ["available"], "owner-id": [ACCOUNT_ID], "dhcp-options-id": [this.id("dopt", "default")],
            },
            ids: ["vpc-id"],
        };
    }

    defaultSubnets(): Selectable[] {
        const vpcId = this.id("vpc", "default-vpc");
        return this.zones().map((z, i) => {
            const id = this.id("subnet", `default-${z.name}`);
            const cidrBlock = `172.31.${i * 16}.0/20`;
            return {
                props: {
                    arn: this.arn("ec2", `subnet/${id}`), assignIpv6AddressOnCreation: false, availabilityZone: z.name,
                    availabilityZoneId: z.zoneId, availableIpAddressCount: 4091, cidrBlock, customerOwnedIpv4Pool: "",
                    defaultForAz: true, enableDns64: false, enableLniAtDeviceIndex: 0, enableResourceNameDnsARecordOnLaunch: false,
                    enableResourceNameDnsAaaaRecordOnLaunch: false, id, ipv6CidrBlock: "", ipv6CidrBlockAssociationId: "",
                    ipv6Native: false, mapCustomerOwnedIpOnLaunch: false, mapPublicIpOnLaunch: true, outpostArn: "",
                    ownerId: ACCOUNT_ID, privateDnsHostnameTypeOnLaunch: "ip-name", region: this.region, state: "available",
                    tags: {}, vpcId,
                },
                filters: {
                    "subnet-id": [id], "vpc-id": [vpcId], "availability-zone": [z.name], "availability-zone-id": [z.zoneId],
                    "cidr-block": [cidrBlock], "cidr": [cidrBlock], "cidrBlock": [cidrBlock], "default-for-az": ["true"],
                    "defaultForAz": ["true"], "map-public-ip-on-launch": ["true"], "state": ["available"], "owner-id": [ACCOUNT_ID],
                    "ipv6-native": ["false"], "subnet-arn": [this.arn("ec2", `subnet/${id}`)],
                },
                ids: ["subnet-id", "vpc-id"],
            };
        });
    }

    defaultSecurityGroup(): Selectable {
        const id = this.id("sg", "default-vpc-default");
        const vpcId = this.id("vpc", "default-vpc");
        const description = "default VPC security group";
        return {
            props: { arn: this.arn("ec2", `security-group/${id}`), description, id, name: "default", region: this.region, tags: {}, vpcId },
            filters: {
                "group-id": [id], "group-name": ["default"], "vpc-id": [vpcId], "description": [description], "owner-id": [ACCOUNT_ID],
            },
            ids: ["group-id", "vpc-id"],
        };
    }
}

/** An EC2 filter: a name and the values any of which may match (`*` and `?` are wildcards). */
export interface Filter { name: string; values: string[] }

function wildcard(pattern: string): RegExp {
    return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
}

/**
 * The objects every filter selects, or undefined when the account cannot say: a tag filter (a fresh
 * account has no tagged resources, so the program means resources of a real account), an ID it does not
 * have, or a filter name not modelled.
 */
export function select(objects: Selectable[], filters: Filter[]): Props[] | undefined {
    for (const f of filters) {
        if (f.name.startsWith("tag:") || f.name === "tag-key" || f.name === "tag-value") { return undefined; }
        if (!objects.some((o) => f.name in o.filters)) { return undefined; }
        const isId = objects.some((o) => o.ids.includes(f.name));
        if (isId && f.values.some((v) => !/[*?]/.test(v) && !objects.some((o) => o.filters[f.name]?.includes(v)))) { return undefined; }
    }
    return objects
        .filter((o) => filters.every((f) => f.values.some((v) => (o.filters[f.name] ?? []).some((x) => wildcard(v).test(x)))))
        .map((o) => o.props);
}

/** The filters a lookup's arguments amount to: its `filters`, its `tags`, and arguments named after filters. */
export function filtersOf(args: Props, named: { [arg: string]: string }): Filter[] {
    const out: Filter[] = [];
    for (const f of Array.isArray(args.filters) ? args.filters as { name?: unknown; values?: unknown }[] : []) {
        out.push({ name: String(f.name), values: Array.isArray(f.values) ? f.values.map(String) : [] });
    }
    const tags = typeof args.tags === "object" && args.tags !== null ? Object.entries(args.tags) : [];
    for (const [k, v] of tags) { out.push({ name: `tag:${k}`, values: [String(v)] }); }
    for (const [arg, name] of Object.entries(named)) {
        if (args[arg] !== undefined && args[arg] !== null) { out.push({ name, values: [String(args[arg])] }); }
    }
    return out;
}
