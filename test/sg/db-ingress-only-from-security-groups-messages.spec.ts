import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgDbIngressOnlyFromSecurityGroups } from "../../policies/sg/db-ingress-only-from-security-groups";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { inline, sg } from "../util/shapes";

const policy = sgDbIngressOnlyFromSecurityGroups as ResourceValidationPolicy;
const FIX = "Fix: Make the database's security group admit its clients by security-group reference (the app tier's SG as " +
    "`securityGroups`, `sourceSecurityGroupId` or `referencedSecurityGroupId`) instead of an address range.";

describe("sg-db-ingress-only-from-security-groups: complete messages", () => {
    it("0.0.0.0/0 on PostgreSQL: the whole internet, which no allow list makes trusted", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 5432, 5432, { cidrBlocks: ["0.0.0.0/0"] })])), [{
            level: "mandatory",
            message: "ingress[0].cidrBlocks[0] allows TCP port 5432 from 0.0.0.0/0 (every IPv4 address), which reaches TCP port 5432. " +
                `Every address on the internet can then connect to the database, and no allow list makes that trusted. ${FIX}`,
        }]);
    });

    it("a CIDR not known yet on PostgreSQL: a note that it reaches database ports if it is an address range", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 5432, 5432, { cidrBlocks: [UNKNOWN] })])), [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].cidrBlocks[0] is not known until the resource is created. If it is an " +
                "address range, ingress[0].cidrBlocks[0] lets it reach database ports.",
        }]);
    });

    it("a known private CIDR whose port range is not known yet: a note about the traffic, not about the peer", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 5000, UNKNOWN, { cidrBlocks: ["10.0.0.0/8"] })])), [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].toPort is not known until the resource is created. If the traffic it " +
                "allows reaches a database port, ingress[0].cidrBlocks[0] admits an address range to the database.",
        }]);
    });

    it("allowed halves whose split hinges on a port not known yet: a note naming what the whole internet would reach", () => {
        const halves = sg([inline("tcp", 5432, 5432, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", UNKNOWN, 5500, { cidrBlocks: ["128.0.0.0/1"] })]);
        assert.deepStrictEqual(runResourcePolicy(policy, { ...halves, config: { allowedCidrs: ["0.0.0.0/1", "128.0.0.0/1"] } }), [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[1].fromPort is not known until the resource is created. If " +
                "ingress[1].cidrBlocks[0] reaches TCP port 5432, ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[0] " +
                "(128.0.0.0/1) together cover every IPv4 address on TCP port 5432: ingress[0].cidrBlocks[0] allows TCP port 5432 from " +
                "0.0.0.0/1; ingress[1].cidrBlocks[0] allows traffic from 128.0.0.0/1, which would let the whole internet reach TCP port 5432.",
        }]);
    });
});
