/**
 * Which security-group rules apply to a resource's interfaces in the exposure model: its groups of
 * the stack, groups outside the stack (their rules cannot be read), the VPC's default group it gets
 * for declaring none, groups it may have, rules whose group is not known yet, and group lists not
 * known yet. Only ingress rules count.
 */
import * as assert from "assert";
import { rulesOn } from "../../policies/graph/exposure/groups";
import { SgRule } from "../../policies/model/sg-rules";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
const urn = (type: string, name: string) => urnOf({ type, name });
const WEB = urn(TYPE.instance, "web");
const GROUP_NOT_KNOWN = (rule: string) => ({
    why: { undetermined: "unknown", path: "securityGroupId", reason: "securityGroupId is not known until the resource is created" },
    urn: urn(TYPE.vpcIngress, rule),
});

/** The rules on the resource's interfaces, each as "<resource> <peer path>", and the group of the stack each is on, by name. */
function rulesOf(resources: TestResource[], type: string, name: string) {
    const model = stackModel(resources);
    const { sure, maybe, groupOf, anything } = rulesOn(model, model.interfacesOf(urn(type, name)));
    const at = (r: SgRule) => `${r.origin.name} ${r.origin.peerPath}`;
    return {
        sure: sure.map(at), maybe: maybe.map((m) => ({ rule: at(m.rule), doubt: m.doubt })),
        groupOf: [...groupOf].map(([r, g]) => [at(r), model.byUrn.get(g)?.name]), anything,
    };
}

/** An instance in 'private-a' with these inputs for its groups (none: it declares none). */
const web = (groups: Record<string, unknown>, deps: Record<string, string[]> = {}): TestResource =>
    ({ type: TYPE.instance, name: "web", props: { ami: "ami-1", instanceType: "t3.micro", subnetId: U, ...groups }, propertyDependencies: { subnetId: ["private-a"], ...deps } });
/** A standalone ingress rule for SSH from the internet on the group. */
const sshIn = (name: string, securityGroupId: string, deps?: string[]): TestResource => ({ type: TYPE.vpcIngress, name,
    props: { securityGroupId, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, ...(deps ? { propertyDependencies: { securityGroupId: deps } } : {}) });
/** A standalone egress rule for all traffic to the internet from the group. */
const allOut = (name: string, securityGroupId: string, deps?: string[]): TestResource => ({ type: TYPE.vpcEgress, name,
    props: { securityGroupId, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, ...(deps ? { propertyDependencies: { securityGroupId: deps } } : {}) });

describe("graph: exposure, the rules of the groups on a resource's interfaces", () => {
    it("a group of the stack with inline ingress and egress: its ingress rules are sure, and each of its rules is on it", () => {
        const group = n.group("web-sg", [n.tcpFromWorld(22)]);
        group.props.egress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }];
        assert.deepStrictEqual(rulesOf([...n.network(), group, web({ vpcSecurityGroupIds: [U] }, { vpcSecurityGroupIds: ["web-sg"] })], TYPE.instance, "web"), {
            sure: ["web-sg ingress[0].cidrBlocks[0]"], maybe: [],
            groupOf: [["web-sg ingress[0].cidrBlocks[0]", "web-sg"], ["web-sg egress[0].cidrBlocks[0]", "web-sg"]], anything: undefined,
        });
    });

    it("a group outside the stack by its ID: the stack's ingress rules on it are sure, and it may admit anything, at the first path of the set", () => {
        const resources = [...n.network(), sshIn("ext-ssh", "sg-0ext"), allOut("ext-out", "sg-0ext"), sshIn("other-ssh", "sg-0other"),
            web({ vpcSecurityGroupIds: ["sg-0ext"], securityGroups: [] })];
        assert.deepStrictEqual(rulesOf(resources, TYPE.instance, "web"), {
            sure: ["ext-ssh cidrIpv4"], maybe: [], groupOf: [],
            anything: {
                why: { undetermined: "unknown", path: "vpcSecurityGroupIds", reason: "security group sg-0ext is not in this stack, so its rules cannot be checked" },
                urn: WEB, outside: true,
            },
        });
    });

    it("an instance that declares no group in a VPC the stack creates: the ingress rules the stack adds to the VPC's default group are sure, nothing else", () => {
        const resources = [...n.network(), sshIn("default-ssh", U, ["main"]), allOut("default-out", U, ["main"]), web({})];
        assert.deepStrictEqual(rulesOf(resources, TYPE.instance, "web"), { sure: ["default-ssh cidrIpv4"], maybe: [], groupOf: [], anything: undefined });
    });

    it("an instance that declares no group in the account's default VPC the stack adopts, or in a VPC outside the stack: the default group may admit anything", () => {
        const resources: TestResource[] = [
            { type: TYPE.defaultVpc, name: "default-vpc", props: {} },
            { type: TYPE.subnet, name: "adopted-a", props: { vpcId: U, cidrBlock: "172.31.16.0/20" }, propertyDependencies: { vpcId: ["default-vpc"] } },
            { type: TYPE.subnet, name: "outer-a", props: { vpcId: "vpc-0ext", cidrBlock: "172.31.0.0/20" } },
            { ...web({}), name: "adopted", propertyDependencies: { subnetId: ["adopted-a"] } },
            { ...web({}), name: "outer", propertyDependencies: { subnetId: ["outer-a"] } },
        ];
        const outside = (name: string) => ({
            sure: [], maybe: [], groupOf: [],
            anything: {
                why: { undetermined: "unknown", path: "vpcSecurityGroupIds", reason: "the VPC's default security group is not in this stack, so its rules cannot be checked" },
                urn: urn(TYPE.instance, name), outside: true,
            },
        });
        assert.deepStrictEqual([rulesOf(resources, TYPE.instance, "adopted"), rulesOf(resources, TYPE.instance, "outer")], [outside("adopted"), outside("outer")]);
    });

    it("rules whose group is not known yet: those that may be on the instance's default group or its own group may be on its interface, ingress only", () => {
        const resources = [...n.network(), n.group("web-sg", []), n.group("other-sg", []), n.group("third-sg", []),
            sshIn("default-or-other-ssh", U, ["main", "other-sg"]), allOut("default-or-other-out", U, ["main", "other-sg"]),
            sshIn("web-or-other-ssh", U, ["web-sg", "other-sg"]), sshIn("other-or-third-ssh", U, ["other-sg", "third-sg"])];
        assert.deepStrictEqual(rulesOf([...resources, web({})], TYPE.instance, "web"), {
            sure: [], maybe: [{ rule: "default-or-other-ssh cidrIpv4", doubt: GROUP_NOT_KNOWN("default-or-other-ssh") }], groupOf: [], anything: undefined,
        });
        assert.deepStrictEqual(rulesOf([...resources, web({ vpcSecurityGroupIds: [U] }, { vpcSecurityGroupIds: ["web-sg"] })], TYPE.instance, "web"), {
            sure: [], maybe: [{ rule: "web-or-other-ssh cidrIpv4", doubt: GROUP_NOT_KNOWN("web-or-other-ssh") }], groupOf: [], anything: undefined,
        });
    });

    it("a launch template with two network interfaces whose groups are not known yet: the groups it depends on may be on either, and either may have any", () => {
        const template: TestResource = { type: TYPE.launchTemplate, name: "web-lt",
            props: { imageId: "ami-1", networkInterfaces: [{ securityGroups: [U] }, { securityGroups: [U] }] }, propertyDependencies: { networkInterfaces: ["a-sg", "b-sg"] } };
        const notKnown = (i: number) => ({
            why: { undetermined: "unknown", path: `networkInterfaces[${i}].securityGroups`, reason: `networkInterfaces[${i}].securityGroups is not known until the resource is created` },
            urn: urn(TYPE.launchTemplate, "web-lt"),
        });
        assert.deepStrictEqual(rulesOf([...n.network(), n.group("a-sg", [n.tcpFromWorld(22)]), n.group("b-sg", [n.tcpFromWorld(80)]), template], TYPE.launchTemplate, "web-lt"), {
            sure: [],
            maybe: [
                { rule: "a-sg ingress[0].cidrBlocks[0]", doubt: notKnown(0) }, { rule: "b-sg ingress[0].cidrBlocks[0]", doubt: notKnown(0) },
                { rule: "a-sg ingress[0].cidrBlocks[0]", doubt: notKnown(1) }, { rule: "b-sg ingress[0].cidrBlocks[0]", doubt: notKnown(1) },
            ],
            groupOf: [], anything: notKnown(0),
        });
    });

    it("an instance whose vpcSecurityGroupIds is not known yet as a whole and depends on no group: it may have any group", () => {
        assert.deepStrictEqual(rulesOf([...n.network(), web({ vpcSecurityGroupIds: U })], TYPE.instance, "web"), {
            sure: [], maybe: [], groupOf: [],
            anything: { why: { undetermined: "unknown", path: "vpcSecurityGroupIds", reason: "vpcSecurityGroupIds is not known until the resource is created" }, urn: WEB },
        });
    });
});
