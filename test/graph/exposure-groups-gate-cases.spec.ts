/**
 * What a resource's groups admit from the whole family, surely and possibly: a rule from a prefix
 * list whose ID is not known yet, a group outside the stack, and a rule of the stack that may be on
 * the resource's group while every value of it is known.
 */
import * as assert from "assert";
import { groupsGate, rulesOn } from "../../policies/graph/exposure/groups";
import { TrafficGate } from "../../policies/graph/exposure/path";
import { ALL_TRAFFIC } from "../../policies/net/traffic";
import * as n from "../exposure/network";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { stackModel } from "../util/stack-fixtures";
import { TYPE } from "../util/types";

const U = n.U;
const SG = urnOf({ type: TYPE.sg, name: "web-sg" });
const WEB = urnOf({ type: TYPE.instance, name: "web" });
const NONE = { tcp: [], udp: [], other: [] };
const tcp = (lo: number, hi: number) => ({ tcp: [{ lo: BigInt(lo), hi: BigInt(hi) }], udp: [], other: [] });
const unknown = (path: string) => ({ undetermined: "unknown", path, reason: `${path} is not known until the resource is created` });

/** The gate of 'web's groups for IPv4, its segments' hops as [urn, path, group]. */
function gateOf(resources: TestResource[]) {
    const model = stackModel(resources);
    const gate: TrafficGate = groupsGate(model, rulesOn(model, model.interfacesOf(WEB)), 4);
    return { ...gate, segments: gate.segments.map((s) => ({ traffic: s.traffic, hops: s.hops.map((h) => (h.kind === "sg-rule" ? [h.urn, h.path, h.group] : [h.kind])) })) };
}

/** 'web', an instance in 'public-a' with a public address, with these inputs for its groups. */
const web = (groups: Record<string, unknown>, deps: Record<string, string[]> = {}): TestResource => ({ type: TYPE.instance, name: "web",
    props: { ami: "ami-1", instanceType: "t3.micro", subnetId: U, associatePublicIpAddress: true, ...groups }, propertyDependencies: { subnetId: ["public-a"], ...deps } });
/** 'web-sg' in the main VPC with these inline ingress rules. */
const webSg = (ingress: Record<string, unknown>[]): TestResource => ({ ...n.group("web-sg", ingress), propertyDependencies: { vpcId: ["main"] } });
const onWebSg = web({ vpcSecurityGroupIds: [U] }, { vpcSecurityGroupIds: ["web-sg"] });

describe("graph: exposure, what a resource's groups admit from the whole family", () => {
    it("a rule from a prefix list whose ID is not known yet: its port may be open to the internet, with the ID as the doubt", () => {
        const gate = gateOf([...n.network(), webSg([{ protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [U] }]), onWebSg]);
        assert.deepStrictEqual(gate, { segments: [], definite: NONE, possible: tcp(22, 22), doubt: { why: unknown("ingress[0].prefixListIds[0]"), urn: SG } });
    });

    it("a rule from the internet on a group of the stack next to a group outside it: SSH surely, anything possibly, with that group as the doubt", () => {
        const gate = gateOf([...n.network(), webSg([n.tcpFromWorld(22)]), web({ vpcSecurityGroupIds: [U, "sg-0ext"] }, { vpcSecurityGroupIds: ["web-sg"] })]);
        assert.deepStrictEqual(gate, {
            segments: [{ traffic: tcp(22, 22), hops: [[SG, "ingress[0].cidrBlocks[0]", SG]] }], definite: tcp(22, 22), possible: ALL_TRAFFIC,
            doubt: { why: { undetermined: "unknown", path: "vpcSecurityGroupIds", reason: "security group sg-0ext is not in this stack, so its rules cannot be checked" },
                urn: WEB, outside: true },
        });
    });

    it("a known rule from the internet whose group may be 'web-sg' or another: its port may be open, with its group as the doubt", () => {
        const other = { ...n.group("other-sg", []), propertyDependencies: { vpcId: ["main"] } };
        const ssh: TestResource = { type: TYPE.vpcIngress, name: "maybe-ssh",
            props: { securityGroupId: U, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, propertyDependencies: { securityGroupId: ["web-sg", "other-sg"] } };
        const gate = gateOf([...n.network(), webSg([]), other, ssh, onWebSg]);
        assert.deepStrictEqual(gate, { segments: [], definite: NONE, possible: tcp(22, 22),
            doubt: { why: unknown("securityGroupId"), urn: urnOf(ssh) } });
    });
});
