import * as assert from "assert";
import { naclRulesEffective as policy } from "../../policies/nacl/rules-effective";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const URN = urnOf({ type: TYPE.nacl, name: "public" });
const allowHttps = { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" };
const acl = (ingress: unknown, egress: unknown): TestResource => ({ type: TYPE.nacl, name: "public", props: { vpcId: "vpc-1", ingress, egress } });
const note = (list: string, direction: string) => ({
    level: "advisory", urn: URN,
    message: `Cannot be verified at preview: ${list} is not known until the resource is created. Whether the ${direction} entry ${list} (rule number not known) ` +
        "of network ACL 'public' duplicates a rule number, can never match or shadows other entries is not checked until it is known.",
});

describe("nacl-rules-effective: an inline entry list not known yet keeps its direction", () => {
    it("an outbound list not known yet is noted as an outbound entry", () => {
        assert.deepStrictEqual(runStackPolicy(policy, [acl([allowHttps], UNKNOWN)]), [note("egress", "outbound")]);
    });

    it("an inbound list not known yet is noted as an inbound entry", () => {
        assert.deepStrictEqual(runStackPolicy(policy, [acl(UNKNOWN, [allowHttps])]), [note("ingress", "inbound")]);
    });
});
