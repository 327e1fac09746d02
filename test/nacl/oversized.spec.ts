import * as assert from "assert";
import { naclEphemeralReturnTraffic } from "../../policies/nacl/ephemeral-return-traffic";
import { naclNoAdminPortsFromWorld } from "../../policies/nacl/no-admin-ports-from-world";
import { naclRulesEffective } from "../../policies/nacl/rules-effective";
import { runStackPolicy } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const NACL = TYPE.nacl;
const entries = (n: number) => Array.from({ length: n }, (_, i) => ({
    ruleNo: i + 1, action: "allow", protocol: "tcp", fromPort: 1000 + (i % 60000), toPort: 1000 + (i % 60000), cidrBlock: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
}));
const acl = (n: number) => ({ type: NACL, name: "huge", props: { vpcId: "vpc-1", ingress: entries(n), egress: [] } });
const OVERSIZED = "Network ACL 'huge' has 2000 inbound entries; AWS allows at most 40 per direction, so the deployment " +
    "fails, and the pack evaluates at most 100. Fix: merge entries (wider CIDRs or port ranges) to stay within the quota.";

describe("network ACLs too large to evaluate (2,000 entries in one direction)", () => {
    it("nacl-ephemeral-return-traffic reports the size instead of evaluating, quickly", () => {
        const t = Date.now();
        assert.deepStrictEqual(runStackPolicy(naclEphemeralReturnTraffic, [acl(2000)]).map((f) => f.message), [OVERSIZED]);
        assert.ok(Date.now() - t < 5000, `${Date.now() - t} ms`);
    });

    it("nacl-ephemeral-return-traffic reports an outbound direction too large the same way", () => {
        const outbound = { type: NACL, name: "huge", props: { vpcId: "vpc-1", ingress: [], egress: entries(2000) } };
        assert.deepStrictEqual(runStackPolicy(naclEphemeralReturnTraffic, [outbound]).map((f) => f.message), [OVERSIZED.replace("inbound", "outbound")]);
    });

    it("nacl-no-admin-ports-from-world reports the size instead of evaluating", () => {
        assert.deepStrictEqual(runStackPolicy(naclNoAdminPortsFromWorld, [acl(2000)]).map((f) => f.message), [OVERSIZED]);
    });

    it("nacl-rules-effective reports the quota, without comparing every pair of entries", () => {
        const t = Date.now();
        assert.deepStrictEqual(runStackPolicy(naclRulesEffective, [acl(2000)]).map((f) => f.message.split(". ")[0]), [
            "Network ACL 'huge' has 2000 inbound IPv4 entries, more than the 20 allowed per direction and address family",
        ]);
        assert.ok(Date.now() - t < 5000, `${Date.now() - t} ms`);
    });

    it("still evaluates an ACL at the limit: 100 inbound flows, no outbound entry, 100 missing return paths", () => {
        const findings = runStackPolicy(naclEphemeralReturnTraffic, [acl(100)]);
        assert.strictEqual(findings.length, 100);
        assert.ok(findings.every((f) => / allows inbound TCP \d+ from 10\.0\.\d+\.0\/24, but the return traffic is not allowed/.test(f.message)), findings[0].message);
    });
});
