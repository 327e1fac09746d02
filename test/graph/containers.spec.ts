/**
 * What holds what, for drawing the network: the VPC of a subnet, a group and a resource with
 * interfaces; the blocks of VPCs and subnets; the gateways from the internet and their VPCs.
 */
import * as assert from "assert";
import { Containers } from "../../policies/graph/containers";
import * as n from "../exposure/network";
import { stackModel } from "../util/stack-fixtures";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const U = n.U;

function containers(resources: TestResource[]) {
    const model = stackModel(resources);
    const get = (type: string, name: string) => model.byUrn.get(urnOf({ type, name })) as NonNullable<ReturnType<typeof model.byUrn.get>>;
    return { c: new Containers(model), get };
}

const VPC = { kind: "stack", urn: urnOf({ type: TYPE.vpc, name: "main" }) };

describe("graph: containers", () => {
    it("a subnet's, a group's and an instance's VPC, by property dependency at a first preview", () => {
        const { c, get } = containers([...n.network(), n.group("web-sg", []), n.instance("web", "private-a", "web-sg")]);
        assert.deepStrictEqual(c.vpcOfSubnet(get(TYPE.subnet, "public-a")), VPC);
        assert.deepStrictEqual(c.vpcOfGroup(get(TYPE.sg, "web-sg")), VPC);
        assert.deepStrictEqual(c.vpcOfResource(get(TYPE.instance, "web")), VPC);
    });

    it("a group without vpcId is in the account's default VPC; a resource outside the stack's subnets is in another VPC", () => {
        const { c, get } = containers([{ type: TYPE.sg, name: "loose", props: { description: "loose" } },
            { type: TYPE.instance, name: "elsewhere", props: { ami: "ami-1", subnetId: "subnet-0abc" } }]);
        assert.deepStrictEqual(c.vpcOfGroup(get(TYPE.sg, "loose")), { kind: "account-default" });
        assert.deepStrictEqual(c.vpcOfResource(get(TYPE.instance, "elsewhere")), { kind: "external", via: "subnet subnet-0abc" });
    });

    it("a resource without interfaces has no VPC to tell", () => {
        const { c, get } = containers([{ type: TYPE.other, name: "bucket", props: {} }]);
        assert.strictEqual(c.vpcOfResource(get(TYPE.other, "bucket")), undefined);
    });

    it("the block of a VPC and of a subnet when known; none when it is not known yet", () => {
        const { c, get } = containers([n.vpc(), n.subnet("later", U)]);
        assert.strictEqual(c.cidrOf(get(TYPE.vpc, "main")), "10.0.0.0/16");
        assert.strictEqual(c.cidrOf(get(TYPE.subnet, "later")), undefined);
    });

    it("gateways: an internet gateway by its vpcId, an egress-only one, one attached by an attachment, one attached to nothing", () => {
        const { c } = containers([n.vpc(), n.igw("igw"), n.eigw("eigw"),
            { type: TYPE.internetGateway, name: "attached", props: {} },
            { type: TYPE.internetGatewayAttachment, name: "attach", props: { internetGatewayId: U, vpcId: U }, propertyDependencies: { internetGatewayId: ["attached"], vpcId: ["main"] } },
            { type: TYPE.internetGateway, name: "spare", props: {} }]);
        assert.deepStrictEqual(c.gateways().map((g) => [g.resource.name, g.egressOnly, g.vpc]), [
            ["igw", false, VPC],
            ["eigw", true, VPC],
            ["attached", false, VPC],
            ["spare", false, undefined],
        ]);
    });
});
