/**
 * The key of every finding of eni-security-group-limit (policies/core/finding-keys.ts): the list
 * of groups on one network interface, by its path on the resource.
 */
import * as assert from "assert";
import { eniSecurityGroupLimit as policy } from "../../policies/eni/security-group-limit";
import { stackKeys } from "../util/finding-keys";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

describe("finding keys of eni-security-group-limit", () => {
    it("too many groups on an instance: keyed by the list's path", () => {
        const vm: TestResource = { type: TYPE.instance, name: "vm", props: { vpcSecurityGroupIds: ["sg-1", "sg-2", "sg-3"] } };
        assert.deepStrictEqual(stackKeys(policy, [vm], { maxSecurityGroups: 2 }), [
            { policy: "eni-security-group-limit", urn: urnOf(vm), kind: "violation", at: "vpcSecurityGroupIds" },
        ]);
    });

    it("too many groups on each of two interfaces of a launch template: keyed by each interface's list", () => {
        const lt: TestResource = { type: TYPE.launchTemplate, name: "lt", props: { networkInterfaces: [
            { securityGroups: ["sg-1", "sg-2"] }, { securityGroups: ["sg-3", "sg-4"] },
        ] } };
        assert.deepStrictEqual(stackKeys(policy, [lt], { maxSecurityGroups: 1 }), [
            { policy: "eni-security-group-limit", urn: urnOf(lt), kind: "violation", at: "networkInterfaces[0].securityGroups" },
            { policy: "eni-security-group-limit", urn: urnOf(lt), kind: "violation", at: "networkInterfaces[1].securityGroups" },
        ]);
    });

    it("a list not known yet: a note keyed by the list (the default)", () => {
        const vm: TestResource = { type: TYPE.instance, name: "vm", props: { vpcSecurityGroupIds: UNKNOWN } };
        assert.deepStrictEqual(stackKeys(policy, [vm]), [
            { policy: "eni-security-group-limit", urn: urnOf(vm), kind: "note", at: "vpcSecurityGroupIds" },
        ]);
    });

    it("an attachment whose interface cannot be told: a note on the attachment, keyed by its networkInterfaceId (the default)", () => {
        const attach: TestResource = { type: TYPE.eniAttachment, name: "extra", props: { networkInterfaceId: UNKNOWN, securityGroupId: "sg-3" } };
        assert.deepStrictEqual(stackKeys(policy, [attach]), [
            { policy: "eni-security-group-limit", urn: urnOf(attach), kind: "note", at: "networkInterfaceId" },
        ]);
    });
});
