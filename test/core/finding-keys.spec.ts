// The key each finding carries beside its message (policies/core/finding-keys.ts): the rule or
// property path it is about, so that two findings of one policy on one resource stay apart and a
// finding keeps its key while its message changes.
import * as assert from "assert";
import { keysInCall } from "../../policies/core/finding-keys";
import { inCallScope } from "../../policies/model/call-scope";
import { naclNoAdminPortsFromWorld } from "../../policies/nacl/no-admin-ports-from-world";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { sgRuleQuota } from "../../policies/sg/rule-quota";
import { keysOf } from "../util/finding-keys";
import { runResourcePolicy } from "../util/run-policy";
import { runStackPolicy, urnOf } from "../util/run-stack-policy";
import { inline, sg } from "../util/shapes";
import { TYPE } from "../util/types";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const ssh = (cidr: string) => inline("tcp", 22, 22, { cidrBlocks: [cidr] });

describe("finding keys", () => {
    it("two world SSH rules on one group: one key per rule, by its peer path", () => {
        assert.deepStrictEqual(keysOf(() => runResourcePolicy(sgNoAdminPortsFromWorld, sg([ssh("10.0.0.0/8"), ssh("0.0.0.0/0")]))), [
            { policy: "sg-no-admin-ports-from-world", kind: "violation", at: "ingress[1].cidrBlocks[0]" },
        ]);
        const two = sg([ssh("0.0.0.0/0"), inline("tcp", 3389, 3389, { cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"] })]);
        assert.deepStrictEqual(keysOf(() => runResourcePolicy(sgNoAdminPortsFromWorld, two)).map((k) => k.at),
            ["ingress[0].cidrBlocks[0]", "ingress[1].cidrBlocks[1]"]);
    });

    it("the key stays when the message changes: the same rule opening another admin port", () => {
        const at22 = keysOf(() => runResourcePolicy(sgNoAdminPortsFromWorld, sg([ssh("0.0.0.0/0")])));
        const at3389 = keysOf(() => runResourcePolicy(sgNoAdminPortsFromWorld, sg([inline("tcp", 3389, 3389, { cidrBlocks: ["0.0.0.0/0"] })])));
        assert.deepStrictEqual(at3389, at22);
    });

    it("a split world (0.0.0.0/1 + 128.0.0.0/1) names both rules", () => {
        assert.deepStrictEqual(keysOf(() => runResourcePolicy(sgNoAdminPortsFromWorld, sg([ssh("0.0.0.0/1"), ssh("128.0.0.0/1")]))).map((k) => k.at),
            ["ingress[0].cidrBlocks[0], ingress[1].cidrBlocks[0]"]);
    });

    it("a note about an unknown value is keyed by that value's path, as a note", () => {
        assert.deepStrictEqual(keysOf(() => runResourcePolicy(sgNoAdminPortsFromWorld, sg([inline("tcp", 22, 22, { cidrBlocks: [UNKNOWN] })]))), [
            { policy: "sg-no-admin-ports-from-world", kind: "note", at: "ingress[0].cidrBlocks[0]" },
        ]);
    });

    it("an exempted finding keeps its key, with the message the pack sends", () => {
        const config = { exemptions: [{ resource: "**::r", reason: "lab", expires: "2999-01-01" }] };
        const messages: string[] = [];
        const keys = inCallScope(() => {
            messages.push(...runResourcePolicy(sgNoAdminPortsFromWorld, { ...sg([ssh("0.0.0.0/0")]), config }).map((f) => f.message));
            return keysInCall();
        });
        assert.deepStrictEqual(keys.map((k) => [k.kind, k.at, k.message]), [["violation", "ingress[0].cidrBlocks[0]", messages[0]]]);
        assert.match(messages[0], /^Exempted mandatory finding of sg-no-admin-ports-from-world/);
    });

    it("stack policies: a quota per direction and family; a NACL entry by its path on the ACL", () => {
        const many = Array.from({ length: 61 }, (_, i) => inline("tcp", 443, 443, { cidrBlocks: [`10.0.${i}.0/24`] }));
        const group = { type: TYPE.sg, name: "app", props: { description: "d", ingress: many, egress: [] } };
        assert.deepStrictEqual(keysOf(() => runStackPolicy(sgRuleQuota, [group])), [
            { policy: "sg-rule-quota", urn: urnOf(group), kind: "violation", at: "ingress IPv4" },
        ]);
        const acl = { type: TYPE.nacl, name: "public", props: { vpcId: "vpc-1", egress: [], ingress: [
            { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
            { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
        ] } };
        assert.deepStrictEqual(keysOf(() => runStackPolicy(naclNoAdminPortsFromWorld, [acl])), [
            { policy: "nacl-no-admin-ports-from-world", urn: urnOf(acl), kind: "violation", at: "ingress[1]" },
        ]);
    });
});
