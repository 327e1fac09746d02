import * as assert from "assert";
import { naclNoAdminPortsFromWorld as policy } from "../../policies/nacl/no-admin-ports-from-world";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

describe("nacl-no-admin-ports-from-world: complete messages", () => {
    it("a NetworkAclRule of an ACL outside the stack: a note that its admin-port exposure cannot be checked", () => {
        const external: TestResource = { type: TYPE.naclRule, name: "external", props: { networkAclId: "acl-other", ruleNumber: 100,
            egress: false, protocol: "tcp", ruleAction: "allow", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" } };
        assert.deepStrictEqual(runStackPolicy(policy, [external]), [{
            level: "advisory", urn: urnOf(external),
            message: "NetworkAclRule 'external' adds an entry to network ACL acl-other, which is not in this stack: whether it admits " +
                "the whole internet to an admin port cannot be checked with the ACL's other entries.",
        }]);
    });
});
