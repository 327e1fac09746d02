/**
 * The gateways from the internet and their VPCs at an update (known IDs), the resources that
 * attach a gateway, and the list answered once per model.
 */
import * as assert from "assert";
import { Containers } from "../../policies/graph/containers";
import { stackModel } from "../util/stack-fixtures";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const VPC: TestResource = { type: TYPE.vpc, name: "main", props: { id: "vpc-1", cidrBlock: "10.0.0.0/16" } };
const OTHER_VPC: TestResource = { type: TYPE.vpc, name: "other", props: { id: "vpc-2", cidrBlock: "10.1.0.0/16" } };
const IGW: TestResource = { type: TYPE.internetGateway, name: "igw", props: { id: "igw-1" } };

/** The stack's gateways as [name, egress-only, VPC]. */
function gateways(resources: TestResource[]) {
    return new Containers(stackModel(resources)).gateways().map((g) => [g.resource.name, g.egressOnly, g.vpc]);
}

describe("graph: containers, gateways", () => {
    it("at an update, an attachment naming a gateway by its known ID attaches it to the VPC it names", () => {
        const attach: TestResource = { type: TYPE.internetGatewayAttachment, name: "attach", props: { id: "igw-1:vpc-1", internetGatewayId: "igw-1", vpcId: "vpc-1" } };
        assert.deepStrictEqual(gateways([VPC, IGW, attach]), [
            ["igw", false, { kind: "stack", urn: urnOf(VPC) }],
        ]);
    });

    it("an attachment naming a gateway ID the stack does not declare attaches none of the stack's gateways", () => {
        const attach: TestResource = { type: TYPE.internetGatewayAttachment, name: "attach", props: { internetGatewayId: "igw-0outside", vpcId: "vpc-1" } };
        assert.deepStrictEqual(gateways([VPC, IGW, attach]), [["igw", false, undefined]]);
    });

    it("only an internet gateway attachment attaches a gateway: another resource with the same inputs does not", () => {
        const component: TestResource = { type: "acme:network:Uplink", name: "uplink", props: { internetGatewayId: "igw-1", vpcId: "vpc-2" } };
        const attach: TestResource = { type: TYPE.internetGatewayAttachment, name: "attach", props: { internetGatewayId: "igw-1", vpcId: "vpc-1" } };
        assert.deepStrictEqual(gateways([VPC, OTHER_VPC, IGW, component]), [["igw", false, undefined]]);
        assert.deepStrictEqual(gateways([VPC, OTHER_VPC, IGW, attach, component]), [
            ["igw", false, { kind: "stack", urn: urnOf(VPC) }],
        ]);
    });

    it("asked again, the same model answers with the same list", () => {
        const c = new Containers(stackModel([VPC, IGW]));
        const first = c.gateways();
        assert.strictEqual(c.gateways(), first);
        assert.deepStrictEqual(first.map((g) => g.resource.name), ["igw"]);
    });
});
