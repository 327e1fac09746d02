/**
 * What holds what, for drawing the stack's network: the VPC of a subnet, of a security group and of
 * a resource with network interfaces; the address block of a VPC or a subnet; the gateways from the
 * internet and their VPCs. Answers only; the links are the stack model's (by ID, or by property
 * dependency while IDs are not known).
 */
import { EgressOnlyInternetGateway } from "@pulumi/aws/ec2/egressOnlyInternetGateway";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
import { InternetGatewayAttachment } from "@pulumi/aws/ec2/internetGatewayAttachment";
import { typeToken } from "../model/types";
import { child, str } from "../model/values";
import { eniShapeOf } from "./eni-types";
import { Targets, linkOne } from "./links";
import type { StackResource } from "./resource";
import type { StackModel } from "./stack";
import type { VpcRef } from "./vpcs";

const INTERNET_GATEWAY = typeToken(InternetGateway);
const EGRESS_ONLY_GATEWAY = typeToken(EgressOnlyInternetGateway);
const GATEWAY_ATTACHMENT = typeToken(InternetGatewayAttachment);

/** A gateway between the internet and a VPC: an internet gateway, or an egress-only one (outbound IPv6 only). */
export interface GatewayNode {
    readonly resource: StackResource;
    readonly egressOnly: boolean;
    /** Undefined for an internet gateway that names no VPC and that no attachment of the stack attaches. */
    readonly vpc?: VpcRef;
}

export class Containers {
    private gatewayList?: GatewayNode[];

    constructor(private readonly model: StackModel) {}

    /** The VPC of a subnet of the stack (a default subnet's is the account's default VPC). */
    vpcOfSubnet(subnet: StackResource): VpcRef {
        return this.model.network.vpcOf(subnet, { vpc: ["vpcId"] });
    }

    /** The VPC of a security group: its vpcId, else the account's default VPC. */
    vpcOfGroup(group: StackResource): VpcRef {
        return this.model.network.vpcOf(group, { vpc: ["vpcId"] });
    }

    /** The VPC of a resource with network interfaces, found where its type says (its VPC, subnet, subnets or subnet group). */
    vpcOfResource(r: StackResource): VpcRef | undefined {
        const locator = eniShapeOf(r.type)?.defaultGroupIn;
        return locator ? this.model.network.vpcOf(r, locator) : undefined;
    }

    /** A VPC's or a subnet's IPv4 block as written, when it is known. */
    cidrOf(r: StackResource): string | undefined {
        const block = str(child(r.root, "cidrBlock"));
        return typeof block === "string" ? block : undefined;
    }

    /** The stack's internet gateways and egress-only internet gateways, in stack order, with their VPCs. */
    gateways(): GatewayNode[] {
        if (!this.gatewayList) {
            const byId = new Targets();
            const attached = new Map<string, VpcRef>();
            const gateways = this.model.resources.filter((r) => r.type === INTERNET_GATEWAY || r.type === EGRESS_ONLY_GATEWAY);
            gateways.forEach((g) => byId.add(g, ["id"]));
            // An internet gateway without a vpcId is attached through an aws.ec2.InternetGatewayAttachment.
            for (const a of this.model.resources.filter((r) => r.type === GATEWAY_ATTACHMENT)) {
                const gateway = linkOne(a, "internetGatewayId", byId)?.ref;
                if (gateway?.kind === "stack") {
                    attached.set(gateway.urn, this.model.network.vpcOf(a, { vpc: ["vpcId"] }));
                }
            }
            this.gatewayList = gateways.map((g) => {
                const vpc = child(g.root, "vpcId").state === "absent" ? attached.get(g.urn) : this.model.network.vpcOf(g, { vpc: ["vpcId"] });
                return { resource: g, egressOnly: g.type === EGRESS_ONLY_GATEWAY, ...(vpc ? { vpc } : {}) };
            });
        }
        return this.gatewayList;
    }
}
