import * as assert from "assert";
import { naclNoAdminPortsFromWorld as policy } from "../../policies/nacl/no-admin-ports-from-world";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

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
    it("an entry whose rule number is not known yet: a note naming it as such", () => {
        const acl: TestResource = { type: TYPE.nacl, name: "public", props: { vpcId: "vpc-1", egress: [], ingress: [
            { ruleNo: UNKNOWN, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" }] } };
        assert.deepStrictEqual(runStackPolicy(policy, [acl]), [{
            level: "advisory", urn: urnOf(acl),
            message: "Cannot be verified at preview: ingress[0].ruleNo is not known until the resource is created. The inbound entry " +
                "ingress[0] (rule number not known) of network ACL 'public' may admit the whole internet to an admin port (SSH (TCP " +
                "port 22) and RDP (TCP port 3389)), or shadow an entry that does.",
        }]);
    });
});
