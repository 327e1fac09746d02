import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgDbIngressOnlyFromSecurityGroups } from "../../policies/sg/db-ingress-only-from-security-groups";
import { Finding, UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { Props, inline, sg } from "../util/shapes";

const policy = sgDbIngressOnlyFromSecurityGroups as ResourceValidationPolicy;
const FIX = "Fix: Make the database's security group admit its clients by security-group reference (the app tier's SG as " +
    "`securityGroups`, `sourceSecurityGroupId` or `referencedSecurityGroupId`) instead of an address range.";
const run = (r: { type: string; props: Props }, config?: Props): Finding[] => runResourcePolicy(policy, { ...r, config });

/** A rule that admits an address range to database ports. */
const range = (head: string): Finding => ({
    level: "mandatory",
    message: `${head}. Any host that holds an address in that range can connect to the database, whatever its role. ${FIX}`,
});
/** Blocks that together admit the whole internet to database ports. */
const world = (head: string): Finding => ({
    level: "mandatory",
    message: `${head}. Every address on the internet can then connect to the database, and no allow list makes that trusted. ${FIX}`,
});
const note = (message: string): Finding => ({ level: "advisory", message: `Cannot be verified at preview: ${message}` });

const THREE = { ports: [5432, 3306, 6379] };
const FOUR = { ports: [5432, 3306, 6379, 1521] };

describe("sg-db-ingress-only-from-security-groups: which database ports a finding names", () => {
    it("an all-protocol rule that reaches all three configured ports lists them, TCP and UDP", () => {
        assert.deepStrictEqual(run(sg([inline("-1", 0, 0, { cidrBlocks: ["10.0.0.0/8"] })]), THREE), [range(
            "ingress[0].cidrBlocks[0] allows all traffic (every protocol and port) from 10.0.0.0/8, which reaches TCP/UDP ports 3306, 5432 and 6379")]);
    });

    it("an all-protocol rule that reaches all four configured ports says every database port", () => {
        assert.deepStrictEqual(run(sg([inline("-1", 0, 0, { cidrBlocks: ["10.0.0.0/8"] })]), FOUR), [range(
            "ingress[0].cidrBlocks[0] allows all traffic (every protocol and port) from 10.0.0.0/8, which reaches every database port")]);
    });

    it("a TCP rule over all ports lists the three configured ports, its protocol already said", () => {
        assert.deepStrictEqual(run(sg([inline("tcp", 0, 65535, { cidrBlocks: ["10.0.0.0/8"] })]), THREE), [range(
            "ingress[0].cidrBlocks[0] allows TCP on all ports from 10.0.0.0/8, which reaches ports 3306, 5432 and 6379")]);
    });

    it("a TCP rule over all ports with four configured ports says every TCP database port", () => {
        assert.deepStrictEqual(run(sg([inline("tcp", 0, 65535, { cidrBlocks: ["10.0.0.0/8"] })]), FOUR), [range(
            "ingress[0].cidrBlocks[0] allows TCP on all ports from 10.0.0.0/8, which reaches every TCP database port")]);
    });

    it("a UDP rule over all ports lists the three configured ports, its protocol already said", () => {
        assert.deepStrictEqual(run(sg([inline("udp", 0, 65535, { cidrBlocks: ["10.0.0.0/8"] })]), THREE), [range(
            "ingress[0].cidrBlocks[0] allows UDP on all ports from 10.0.0.0/8, which reaches ports 3306, 5432 and 6379")]);
    });

    it("a UDP rule over all ports with four configured ports says every UDP database port", () => {
        assert.deepStrictEqual(run(sg([inline("udp", 0, 65535, { cidrBlocks: ["10.0.0.0/8"] })]), FOUR), [range(
            "ingress[0].cidrBlocks[0] allows UDP on all ports from 10.0.0.0/8, which reaches every UDP database port")]);
    });

    it("split halves over all traffic, with UDP 5432 covered by another pair: each exposure names its TCP and UDP ports exactly", () => {
        const resource = sg([inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/1"] }), inline("-1", 0, 0, { cidrBlocks: ["128.0.0.0/1"] }),
            inline("udp", 5432, 5432, { cidrBlocks: ["128.0.0.0/1"] })]);
        const ALL_0 = "ingress[0].cidrBlocks[0] allows all traffic (every protocol and port) from 0.0.0.0/1";
        const MIXED = "TCP ports 1521, 3306, 5432 and 6379 and UDP ports 1521, 3306 and 6379";
        assert.deepStrictEqual(run(resource, FOUR), [
            world(`ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[0] (128.0.0.0/1) together cover every IPv4 address on ${MIXED}: ` +
                `${ALL_0}; ingress[1].cidrBlocks[0] allows all traffic (every protocol and port) from 128.0.0.0/1, which reaches ${MIXED}`),
            world("ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[2].cidrBlocks[0] (128.0.0.0/1) together cover every IPv4 address on UDP port 5432: " +
                `${ALL_0}; ingress[2].cidrBlocks[0] allows UDP port 5432 from 128.0.0.0/1, which reaches UDP port 5432`),
        ]);
    });
});

describe("sg-db-ingress-only-from-security-groups: allowed blocks", () => {
    it("an allowed IPv6 block does not make an IPv4 rule trusted, though its numbers would hold the IPv4 block", () => {
        assert.deepStrictEqual(run(sg([inline("tcp", 5432, 5432, { cidrBlocks: ["0.0.0.0/8"] })]), { allowedCidrs: ["::/8"] }), [range(
            "ingress[0].cidrBlocks[0] allows TCP port 5432 from 0.0.0.0/8, a database port")]);
    });
});

describe("sg-db-ingress-only-from-security-groups: halves that hinge on unknown ports", () => {
    it("passes allowed halves on TCP 443 whose second rule's ports are not known: only database ports count", () => {
        const resource = sg([inline("tcp", 443, 443, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", UNKNOWN, 443, { cidrBlocks: ["128.0.0.0/1"] })]);
        assert.deepStrictEqual(run(resource, { allowedCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }), []);
    });

    it("does not repeat, as a split, the note already given on the one rule whose ports are not known", () => {
        const resource = sg([inline("tcp", 5432, 5432, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", UNKNOWN, 5500, { cidrBlocks: ["128.0.0.0/1"] })]);
        assert.deepStrictEqual(run(resource), [
            range("ingress[0].cidrBlocks[0] allows TCP port 5432 from 0.0.0.0/1, a database port"),
            note("ingress[1].fromPort is not known until the resource is created. If the traffic it allows reaches a database port, " +
                "ingress[1].cidrBlocks[0] admits an address range to the database."),
        ]);
    });

    it("notes the split when one of its rules with unknown ports is allowed (and so has no note of its own)", () => {
        const resource = sg([inline("tcp", UNKNOWN, 5500, { cidrBlocks: ["0.0.0.0/2"] }), inline("tcp", UNKNOWN, 5500, { cidrBlocks: ["64.0.0.0/2"] }),
            inline("tcp", 5432, 5432, { cidrBlocks: ["128.0.0.0/1"] })]);
        assert.deepStrictEqual(run(resource, { allowedCidrs: ["0.0.0.0/2"] }), [
            note("ingress[1].fromPort is not known until the resource is created. If the traffic it allows reaches a database port, " +
                "ingress[1].cidrBlocks[0] admits an address range to the database."),
            range("ingress[2].cidrBlocks[0] allows TCP port 5432 from 128.0.0.0/1, a database port"),
            note("ingress[0].fromPort is not known until the resource is created. If ingress[0].cidrBlocks[0] and ingress[1].cidrBlocks[0] reach " +
                "TCP port 5432, ingress[0].cidrBlocks[0] (0.0.0.0/2), ingress[1].cidrBlocks[0] (64.0.0.0/2) and ingress[2].cidrBlocks[0] (128.0.0.0/1) " +
                "together cover every IPv4 address on TCP port 5432: ingress[0].cidrBlocks[0] allows traffic from 0.0.0.0/2; ingress[1].cidrBlocks[0] " +
                "allows traffic from 64.0.0.0/2; ingress[2].cidrBlocks[0] allows TCP port 5432 from 128.0.0.0/1, which would let the whole internet " +
                "reach TCP port 5432."),
        ]);
    });
});
