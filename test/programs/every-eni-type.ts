// Every @pulumi/aws resource class that puts security groups on network interfaces, constructed with
// groups at each input that names them, as the type definitions give those inputs (test/util/
// aws-inputs.ts). The inputs that name groups but put none on an interface are listed with the reason.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CapturedStack, captureProgram } from "../../runner/capture";
import { AwsClass, AwsInput, awsClassesWithGroups, namesGroups } from "../util/aws-inputs";

/** Inputs whose names mention security groups but that put no group on a network interface of the resource. */
export const NOT_ON_AN_INTERFACE: Readonly<Record<string, string>> = {
    "aws:alb/loadBalancer:LoadBalancer enforceSecurityGroupInboundRulesOnPrivateLinkTraffic": "a setting (on or off)",
    "aws:lb/loadBalancer:LoadBalancer enforceSecurityGroupInboundRulesOnPrivateLinkTraffic": "a setting (on or off)",
    "aws:ec2transitgateway/transitGateway:TransitGateway securityGroupReferencingSupport": "a setting (enable or disable)",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment securityGroupReferencingSupport": "a setting (enable or disable)",
    "aws:networkmanager/vpcAttachment:VpcAttachment options.securityGroupReferencingSupport": "a setting (true or false)",
    "aws:drs/replicationConfigurationTemplate:ReplicationConfigurationTemplate associateDefaultSecurityGroup": "a setting (true or false)",
    "aws:sagemaker/domain:Domain appSecurityGroupManagement": "a setting (Service or Customer)",
    "aws:lambda/function:Function replaceSecurityGroupsOnDestroy": "a setting (true or false)",
    "aws:lambda/function:Function replacementSecurityGroupIds": "groups put on the function's interfaces only when it is destroyed",
    "aws:emr/blockPublicAccessConfiguration:BlockPublicAccessConfiguration blockPublicSecurityGroupRules": "an account setting",
    "aws:emr/blockPublicAccessConfiguration:BlockPublicAccessConfiguration permittedPublicSecurityGroupRuleRanges": "an account setting (port ranges)",
    "aws:ec2/securityGroup:SecurityGroup ingress.*.securityGroups": "a rule's peers",
    "aws:ec2/securityGroup:SecurityGroup egress.*.securityGroups": "a rule's peers",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup ingress.*.securityGroups": "a rule's peers",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup egress.*.securityGroups": "a rule's peers",
    "aws:ec2/securityGroupRule:SecurityGroupRule securityGroupId": "the group a rule belongs to",
    "aws:ec2/securityGroupRule:SecurityGroupRule sourceSecurityGroupId": "a rule's peer",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule securityGroupId": "the group a rule belongs to",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule referencedSecurityGroupId": "a rule's peer",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule securityGroupId": "the group a rule belongs to",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule referencedSecurityGroupId": "a rule's peer",
    "aws:ec2/vpcSecurityGroupRulesExclusive:VpcSecurityGroupRulesExclusive securityGroupId": "the group whose rules it manages",
    "aws:vpc/securityGroupVpcAssociation:SecurityGroupVpcAssociation securityGroupId": "makes a group usable in another VPC; puts it on no interface",
    "aws:ec2/networkInterfaceSecurityGroupAttachment:NetworkInterfaceSecurityGroupAttachment securityGroupId": "an attachment: adds its group to the interface it names",
    "aws:ec2/securityGroupAssociation:SecurityGroupAssociation securityGroupId": "an attachment: adds its group to the VPC endpoint it names",
    "aws:eks/nodeGroup:NodeGroup remoteAccess.sourceSecurityGroupIds": "the sources EKS admits to the nodes on SSH (peers)",
    "aws:eks/cluster:Cluster vpcConfig.clusterSecurityGroupId": "an output: the group EKS creates for the cluster",
    "aws:elb/loadBalancer:LoadBalancer sourceSecurityGroup": "the name of a group for the back ends' rules to admit (a peer)",
    "aws:rds/optionGroup:OptionGroup options.*.vpcSecurityGroupMemberships": "the groups an option admits to its port (peers)",
    "aws:rds/optionGroup:OptionGroup options.*.dbSecurityGroupMemberships": "EC2-Classic DB security groups an option admits (peers)",
    "aws:medialive/input:Input inputSecurityGroups": "MediaLive input security groups: address allow-lists, not EC2 security groups",
};

/** How an input holds groups: a list, one ID, or a string of comma-separated IDs. */
export type Form = "list" | "one" | "csv";

/** One input that puts groups on an interface of a resource class, where to set it, and the interface path it gives. */
export interface Placement {
    readonly cls: AwsClass;
    readonly input: AwsInput;
    readonly form: Form;
    /** The resource's name: unique in the program. */
    readonly name: string;
    /** The interface path the model reports: "*" becomes the first element. */
    readonly interfacePath: string;
}

export function formOf(input: AwsInput): Form {
    if (input.leaf === "list") {
        return "list";
    }
    return /comma[- ]separated/i.test(input.doc) ? "csv" : "one";
}

/** Every input of every class that names groups and is not in NOT_ON_AN_INTERFACE, as a placement. */
export function placements(): Placement[] {
    const out: Placement[] = [];
    for (const cls of awsClassesWithGroups()) {
        for (const input of cls.inputs.filter(namesGroups)) {
            const path = input.path.join(".");
            if (`${cls.token} ${path}` in NOT_ON_AN_INTERFACE) {
                continue;
            }
            const interfacePath = path.replace(/\.\*/g, "[0]");
            out.push({ cls, input, form: formOf(input), name: `r${out.length}`, interfacePath });
        }
    }
    return out;
}

/** The value of an input of a class's args when the program does not care: something of the right kind. */
function placeholder(input: AwsInput): unknown {
    switch (input.leaf) {
        case "list":
            return [];
        case "string":
            return "x";
        case "number":
            return 1;
        case "boolean":
            return false;
        default:
            return {};
    }
}

/** `value` at `keys` in `args`, building objects and one-element lists on the way. */
function setAt(args: Record<string, unknown>, keys: readonly string[], value: unknown): void {
    let cursor: Record<string, unknown> = args;
    keys.forEach((key, i) => {
        if (key === "*") {
            return;
        }
        if (i === keys.length - 1) {
            cursor[key] = value;
            return;
        }
        const next: Record<string, unknown> = {};
        cursor[key] = keys[i + 1] === "*" ? [next] : next;
        cursor = next;
    });
}

type Ctor = new (name: string, args: Record<string, unknown>) => pulumi.CustomResource;

/**
 * Constructs each placement's class with its required inputs set to placeholders and the groups
 * `groups(placement)` gives at the placement's input; `extra(placement)` sets more inputs.
 */
export function everyEniType(all: readonly Placement[], groups: (p: Placement) => unknown,
    extra: (p: Placement) => Record<string, unknown> = () => ({})): void {
    for (const p of all) {
        const args: Record<string, unknown> = {};
        for (const input of p.cls.inputs.filter((x) => x.required && x.path.length === 1)) {
            args[input.path[0]] = placeholder(input);
        }
        setAt(args, p.input.path, groups(p));
        Object.assign(args, extra(p));
        const ctor = (require(`@pulumi/aws/${p.cls.module}`) as Record<string, Ctor>)[p.cls.className];
        new ctor(p.name, args);
    }
}

/** A security group of the program, for placements that name one of the stack's groups. */
export function group(name: string, ingress: aws.types.input.ec2.SecurityGroupIngress[] = []): aws.ec2.SecurityGroup {
    return new aws.ec2.SecurityGroup(name, { vpcId: "vpc-1", description: name, ingress });
}

/** Group IDs outside the stack, and their ARNs for the inputs that take ARNs. */
export const ID_A = "sg-0aaaaaaaaaaaaaaaa";
export const ID_B = "sg-0bbbbbbbbbbbbbbbb";
export const arn = (id: string) => `arn:aws:ec2:eu-west-1:123456789012:security-group/${id}`;
export const takesArns = (p: Placement) => /Arns?$/.test(p.input.path[p.input.path.length - 1]);

/** The groups a placement names in the update capture: two outside the stack (one for an input of one ID). */
export function knownGroups(p: Placement): string[] {
    const ids = (p.form === "one" ? [ID_A] : [ID_A, ID_B]);
    return takesArns(p) ? ids.map(arn) : ids;
}

let updateCapture: Promise<CapturedStack> | undefined;

/** Every placement as an update, naming knownGroups(p) (captured once per process: it takes seconds). */
export function capturedUpdate(): Promise<CapturedStack> {
    updateCapture ??= captureProgram(() => everyEniType(placements(), (p) => {
        const ids = knownGroups(p);
        return p.form === "list" ? ids : ids.join(", ");
    }), { preview: false });
    return updateCapture;
}
