/**
 * The lookups (provider functions) answered as a fresh AWS account would answer them, by token. Each entry
 * lists its result's properties (from @pulumi/aws's `Get...Result` types) and computes an answer, or
 * returns undefined when the account cannot know it; the caller then answers with those properties
 * unknown. docs/check.md lists the table.
 */
import { UNKNOWN_STRING } from "../policies/model/values";
import { ACCOUNT_ID, FreshAccount, Props, filtersOf, select } from "./fresh-account";
import { policyDocument } from "./policy-document";

export interface Answer {
    /** The result's properties, as the function's Result type names them. */
    result: string[];
    answer(account: FreshAccount, args: Props): Props | undefined;
}

/** The account of the Elastic Load Balancing service in each region (AWS's access-log documentation). */
const ELB_ACCOUNTS: { [region: string]: string } = {
    "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980", "us-west-2": "797873946194",
    "af-south-1": "098369216593", "ap-east-1": "754344448648", "ap-south-1": "718504428378", "ap-northeast-1": "582318560864",
    "ap-northeast-2": "600734575887", "ap-northeast-3": "383597477331", "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266", "ca-central-1": "985666609251", "eu-central-1": "054676820928", "eu-west-1": "156460612806",
    "eu-west-2": "652711504416", "eu-west-3": "009996457667", "eu-south-1": "635631232127", "eu-north-1": "897822967062",
    "me-south-1": "076674570225", "sa-east-1": "507241528517", "us-gov-west-1": "048591011584", "cn-north-1": "638102146993",
};

/** The only match of a single-object lookup; none or several is a question the account cannot answer. */
const one = (found: Props[] | undefined): Props | undefined => found?.length === 1 ? found[0] : undefined;

const VPC_ARGS = { cidrBlock: "cidr", default: "is-default", dhcpOptionsId: "dhcp-options-id", id: "vpc-id", state: "state" };
const SUBNET_ARGS = {
    availabilityZone: "availability-zone", availabilityZoneId: "availability-zone-id", cidrBlock: "cidr-block",
    defaultForAz: "default-for-az", id: "subnet-id", state: "state", vpcId: "vpc-id", ipv6CidrBlock: "ipv6-cidr-block-association.ipv6-cidr-block",
};
const SG_ARGS = { id: "group-id", name: "group-name", vpcId: "vpc-id" };

/** AMI IDs that the AWS-owned public parameters under /aws/service/ hold. */
const AMI_PARAMETER = /^\/aws\/service\/(ami-amazon-linux-latest|ami-windows-latest)\/|\/(image_id|ami-id)$/;

export const ANSWERS: { [token: string]: Answer } = {
    "aws:index/getRegion:getRegion": {
        result: ["description", "endpoint", "id", "name", "region"],
        answer: (a) => ({ description: UNKNOWN_STRING, endpoint: `ec2.${a.region}.${a.partition.dnsSuffix}`, id: a.region, name: a.region, region: a.region }),
    },
    "aws:index/getCallerIdentity:getCallerIdentity": {
        result: ["accountId", "arn", "id", "userId"],
        answer: (a) => ({ accountId: ACCOUNT_ID, arn: `arn:${a.partition.partition}:iam::${ACCOUNT_ID}:root`, id: ACCOUNT_ID, userId: ACCOUNT_ID }),
    },
    "aws:index/getPartition:getPartition": {
        result: ["dnsSuffix", "id", "partition", "reverseDnsPrefix"],
        answer: (a) => ({ ...a.partition, id: a.partition.partition }),
    },
    "aws:index/getAvailabilityZones:getAvailabilityZones": {
        result: ["groupNames", "id", "names", "region", "zoneIds"],
        answer: (a, args) => {
            const zones = a.zones().map((z) => ({
                props: z,
                filters: {
                    "zone-name": [z.name], "zone-id": [z.zoneId], "region-name": [a.region], "group-name": [a.region], "state": ["available"],
                    "opt-in-status": ["opt-in-not-required"], "zone-type": ["availability-zone"],
                },
                ids: [],
            }));
            const found = select(zones, filtersOf(args, { state: "state" }));
            if (!found) { return undefined; }
            const excluded = (z: Props) => [args.excludeNames, args.excludeZoneIds].some((l) => Array.isArray(l) && (l.includes(z.name) || l.includes(z.zoneId)));
            const kept = found.filter((z) => !excluded(z));
            return { groupNames: [a.region], id: a.region, names: kept.map((z) => z.name), region: a.region, zoneIds: kept.map((z) => z.zoneId) };
        },
    },
    "aws:ec2/getAmi:getAmi": {
        result: [
            "architecture", "arn", "blockDeviceMappings", "bootMode", "creationDate", "deprecationTime", "description", "enaSupport",
            "hypervisor", "id", "imageId", "imageLocation", "imageOwnerAlias", "imageType", "imdsSupport", "kernelId", "lastLaunchedTime",
            "name", "ownerId", "platform", "platformDetails", "productCodes", "public", "ramdiskId", "region", "rootDeviceName",
            "rootDeviceType", "rootSnapshotId", "sriovNetSupport", "state", "stateReason", "tags", "tpmSupport", "usageOperation",
            "virtualizationType",
        ],
        // An image's ID follows from the query; what it holds is not known without the cloud.
        answer: (a, args) => {
            const query = JSON.stringify([args.owners, args.filters, args.nameRegex, args.mostRecent, args.executableUsers, args.tags]);
            const id = a.id("ami", `image ${query}`);
            return { id, imageId: id, arn: a.arn("ec2", `image/${id}`, ""), region: a.region };
        },
    },
    "aws:ec2/getVpc:getVpc": {
        result: Object.keys(new FreshAccount("").defaultVpc().props),
        answer: (a, args) => one(select([a.defaultVpc()], filtersOf(args, VPC_ARGS))),
    },
    "aws:ec2/getSubnet:getSubnet": {
        result: Object.keys(new FreshAccount("").defaultSubnets()[0].props),
        answer: (a, args) => one(select(a.defaultSubnets(), filtersOf(args, SUBNET_ARGS))),
    },
    "aws:ec2/getSubnets:getSubnets": {
        result: ["id", "ids", "region", "tags"],
        answer: (a, args) => {
            const found = select(a.defaultSubnets(), filtersOf(args, {}));
            return found && { id: a.region, ids: found.map((s) => s.id), region: a.region, tags: args.tags ?? {} };
        },
    },
    "aws:ec2/getSecurityGroup:getSecurityGroup": {
        result: ["arn", "description", "id", "name", "region", "tags", "vpcId"],
        answer: (a, args) => one(select([a.defaultSecurityGroup()], filtersOf(args, SG_ARGS))),
    },
    "aws:ec2/getSecurityGroups:getSecurityGroups": {
        result: ["arns", "id", "ids", "region", "tags", "vpcIds"],
        answer: (a, args) => {
            const found = select([a.defaultSecurityGroup()], filtersOf(args, {}));
            return found && {
                arns: found.map((g) => g.arn), id: a.region, ids: found.map((g) => g.id), region: a.region, tags: args.tags ?? {},
                vpcIds: found.map((g) => g.vpcId),
            };
        },
    },
    "aws:ssm/getParameter:getParameter": {
        result: ["arn", "id", "insecureValue", "name", "region", "type", "value", "version"],
        // A fresh account has only AWS's public parameters; of those, the AMI IDs follow from the name.
        answer: (a, args) => {
            const name = String(args.name);
            if (!name.startsWith("/aws/service/")) { return undefined; }
            const value = AMI_PARAMETER.test(name) ? a.id("ami", `parameter ${name}`) : UNKNOWN_STRING;
            return { arn: a.arn("ssm", `parameter${name}`, ""), id: name, insecureValue: value, name, region: a.region, type: "String", value, version: 1 };
        },
    },
    "aws:iam/getPolicyDocument:getPolicyDocument": {
        result: ["id", "json", "minifiedJson"],
        answer: (_a, args) => policyDocument(args),
    },
    "aws:elb/getServiceAccount:getServiceAccount": {
        result: ["arn", "id", "region"],
        answer: (a) => {
            const id = ELB_ACCOUNTS[a.region];
            return id === undefined ? undefined : { arn: `arn:${a.partition.partition}:iam::${id}:root`, id, region: a.region };
        },
    },
};
