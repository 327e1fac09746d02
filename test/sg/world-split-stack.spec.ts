/**
 * "The world" split across rule resources, for each of the four policies that use the world: both
 * halves of the policy on the same stacks (Analyze on each rule-bearing resource, then
 * AnalyzeStack). The stack half reports exposures that span resources, on the security group;
 * an exposure one resource makes alone is that resource's finding, never repeated.
 */
import * as assert from "assert";
import { sgDbIngressOnlyFromSecurityGroups } from "../../policies/sg/db-ingress-only-from-security-groups";
import { sgEgressRestricted } from "../../policies/sg/egress-restricted";
import { sgIngressFromWorldAllowedPorts } from "../../policies/sg/ingress-from-world-allowed-ports";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { UNKNOWN } from "../util/run-policy";
import { runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { Direction, StackResource, bothHalves, classicRule, echoed, inline, vpcRule, web } from "../util/world-split";

type Finding = [string, string, string, string];

/** The scenarios, for rules of one direction on TCP port p (and q, another port the policy also guards). */
function scenarios(d: Direction, p: number, q: number): Record<string, StackResource[]> {
    const deployed = web(d, [echoed("0.0.0.0/1", p), echoed("128.0.0.0/1", p)]);
    return {
        "split world across two vpc rules": [web(d), vpcRule(d, "low", "0.0.0.0/1", [p, p]), vpcRule(d, "high", "128.0.0.0/1", [p, p])],
        "split world across an ec2.SecurityGroupRule and inline rules": [web(d, [inline("128.0.0.0/1", p)]), classicRule(d, "low", "0.0.0.0/1", [p, p])],
        "split world across IPv6 halves": [web(d), vpcRule(d, "low", "::/1", [p, p]), vpcRule(d, "high", "8000::/1", [p, p])],
        "halves on different ports: no world": [web(d), vpcRule(d, "low", "0.0.0.0/1", [p, p]), vpcRule(d, "high", "128.0.0.0/1", [q, q])],
        "overlapping port ranges: the world on exactly the shared ports": [web(d),
            vpcRule(d, "low", "0.0.0.0/1", [p - 2, p + 3]), vpcRule(d, "high", "128.0.0.0/1", [p, p + 8])],
        "rules on a group outside the stack (known ID)": [
            vpcRule(d, "low", "0.0.0.0/1", [p, p], { by: "id", id: "sg-0ext" }), vpcRule(d, "high", "128.0.0.0/1", [p, p], { by: "id", id: "sg-0ext" })],
        "deployed: the group's outputs echo the standalone rules, reported once as the standalone rules'": [
            { ...deployed, props: { ...deployed.props, id: "sg-1" }, inputs: web(d).props },
            vpcRule(d, "low", "0.0.0.0/1", [p, p], { by: "id", id: "sg-1" }), vpcRule(d, "high", "128.0.0.0/1", [p, p], { by: "id", id: "sg-1" })],
        "unknown CIDR in one half: a note on that rule, nothing from the stack half": [web(d),
            vpcRule(d, "low", "0.0.0.0/1", [p, p]), vpcRule(d, "high", UNKNOWN, [p, p])],
        "unknown port in one half: a note from the stack half": [web(d),
            vpcRule(d, "low", "0.0.0.0/1", [p, p]), vpcRule(d, "high", "128.0.0.0/1", [p, UNKNOWN])],
        "undetermined group target: a note, never a violation": [
            vpcRule(d, "low", "0.0.0.0/1", [p, p], { by: "unknown" }), vpcRule(d, "high", "128.0.0.0/1", [p, p], { by: "unknown" })],
        "single-resource exposures are not repeated by the stack half": [web(d, [inline("0.0.0.0/1", p), inline("128.0.0.0/1", p)]),
            vpcRule(d, "low", "0.0.0.0/0", [p, p]), vpcRule(d, "high", "128.0.0.0/1", [p, p])],
    };
}

const R = (ruleType: string) => (name: string) => `aws.vpc.${ruleType} '${name}'`;

/** The expected findings of one policy, scenario by scenario. */
function check(policy: unknown, d: Direction, p: number, q: number, expected: Record<string, Finding[]>): void {
    const all = scenarios(d, p, q);
    assert.deepStrictEqual(Object.keys(expected), Object.keys(all), "test setup: every scenario has its expectation");
    for (const [name, resources] of Object.entries(all)) {
        it(name, () => assert.deepStrictEqual(bothHalves(policy, resources), expected[name]));
    }
}

const ADMIN_FIX = "Fix: Allow the port only from a bastion host's security group or a trusted CIDR, or remove the rule and " +
    "connect with AWS Systems Manager Session Manager, which needs no inbound port at all.";

describe("sg-no-admin-ports-from-world: the world split across rule resources", () => {
    const rule = R("SecurityGroupIngressRule");
    const split = (blocks: string, traffic: string, rules: string): string =>
        `On aws.ec2.SecurityGroup 'web', ${blocks} together cover every IPv4 address on ${traffic}: ${rules}`;
    const halves = `${rule("low")} cidrIpv4 (0.0.0.0/1) and ${rule("high")} cidrIpv4 (128.0.0.0/1)`;
    const both22 = `${rule("low")} cidrIpv4 allows TCP port 22 from 0.0.0.0/1; ${rule("high")} cidrIpv4 allows TCP port 22 from 128.0.0.0/1`;

    it("reports the split world with the full message, as mandatory, on the group", () => {
        const resources = scenarios("ingress", 22, 3389)["split world across two vpc rules"];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources), [{
            level: "mandatory",
            message: `${split(halves, "TCP port 22", both22)}. This opens SSH (TCP port 22) to the whole internet, where scanners ` +
                `find and brute-force admin ports within minutes. ${ADMIN_FIX}`,
            urn: urnOf({ type: TYPE.sg, name: "web" }),
        }]);
    });

    it("notes a split that hinges on an unknown port with the full message, as advisory, on the group", () => {
        const resources = scenarios("ingress", 22, 3389)["unknown port in one half: a note from the stack half"];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources), [{
            level: "advisory",
            message: `Cannot be verified at preview: toPort of ${rule("high")} is not known until the resource is created. ` +
                `If ${rule("high")} cidrIpv4 reaches TCP port 22, on aws.ec2.SecurityGroup 'web', ${halves} together cover every ` +
                `IPv4 address on TCP port 22: ${rule("low")} cidrIpv4 allows TCP port 22 from 0.0.0.0/1; ${rule("high")} cidrIpv4 ` +
                "allows traffic from 128.0.0.0/1, which would open SSH (TCP port 22) to the whole internet.",
            urn: urnOf({ type: TYPE.sg, name: "web" }),
        }]);
    });

    it("reports a split that hinges on an invalid port as a violation, naming the value and its resource", () => {
        const resources = [web("ingress"), vpcRule("ingress", "low", "0.0.0.0/1", [22, 22]), vpcRule("ingress", "high", "128.0.0.0/1", [0, 70000])];
        assert.deepStrictEqual(bothHalves(sgNoAdminPortsFromWorld, resources), [["stack", "web", "mandatory",
            `Cannot be evaluated: port 70000 in toPort of ${rule("high")} is outside 0-65535`]]);
    });

    it("reports an RDP split on TCP-only rules as TCP port 3389", () => {
        const resources = [web("ingress"), vpcRule("ingress", "low", "0.0.0.0/1", [3389, 3389]), vpcRule("ingress", "high", "128.0.0.0/1", [3000, 4000])];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources).map((f) => f.message.split(". ")[1]),
            ["This opens RDP (TCP port 3389) to the whole internet, where scanners find and brute-force admin ports within minutes"]);
    });

    check(sgNoAdminPortsFromWorld, "ingress", 22, 3389, {
        "split world across two vpc rules": [["stack", "web", "mandatory", split(halves, "TCP port 22", both22)]],
        "split world across an ec2.SecurityGroupRule and inline rules": [["stack", "web", "mandatory",
            split("ingress[0].cidrBlocks[0] (128.0.0.0/1) and aws.ec2.SecurityGroupRule 'low' cidrBlocks[0] (0.0.0.0/1)", "TCP port 22",
                "ingress[0].cidrBlocks[0] allows TCP port 22 from 128.0.0.0/1; aws.ec2.SecurityGroupRule 'low' cidrBlocks[0] allows TCP port 22 from 0.0.0.0/1")]],
        "split world across IPv6 halves": [["stack", "web", "mandatory",
            `On aws.ec2.SecurityGroup 'web', ${rule("low")} cidrIpv6 (::/1) and ${rule("high")} cidrIpv6 (8000::/1) together cover every ` +
            `IPv6 address on TCP port 22: ${rule("low")} cidrIpv6 allows TCP port 22 from ::/1; ${rule("high")} cidrIpv6 allows TCP port 22 from 8000::/1`]],
        "halves on different ports: no world": [],
        "overlapping port ranges: the world on exactly the shared ports": [["stack", "web", "mandatory", split(halves, "TCP port 22",
            `${rule("low")} cidrIpv4 allows TCP ports 20-25 from 0.0.0.0/1; ${rule("high")} cidrIpv4 allows TCP ports 22-30 from 128.0.0.0/1`)]],
        "rules on a group outside the stack (known ID)": [["stack", "(no resource)", "mandatory",
            `On security group sg-0ext (not in this stack), ${halves} together cover every IPv4 address on TCP port 22: ${both22}`]],
        "deployed: the group's outputs echo the standalone rules, reported once as the standalone rules'": [
            ["stack", "web", "mandatory", split(halves, "TCP port 22", both22)]],
        "unknown CIDR in one half: a note on that rule, nothing from the stack half": [
            ["resource", "high", "advisory", "Cannot be verified at preview: cidrIpv4 is not known until the resource is created"]],
        "unknown port in one half: a note from the stack half": [
            ["stack", "web", "advisory", `Cannot be verified at preview: toPort of ${rule("high")} is not known until the resource is created`]],
        "undetermined group target: a note, never a violation": [["stack", "(no resource)", "advisory",
            `Cannot be verified at preview: securityGroupId of ${rule("low")} is not known until the resource is created`]],
        "single-resource exposures are not repeated by the stack half": [
            ["resource", "web", "mandatory", "ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[0] (128.0.0.0/1) together cover " +
                "every IPv4 address on TCP port 22: ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/1; ingress[1].cidrBlocks[0] allows TCP port 22 from 128.0.0.0/1"],
            ["resource", "low", "mandatory", "cidrIpv4 allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)"]],
    });
});

/** The expectations shared by the two "world only on allowed ports" policies (TCP 22 and 3389 are not allowed). */
function allowedPortsExpectations(d: Direction, ruleType: string): Record<string, Finding[]> {
    const rule = R(ruleType);
    const to = d === "ingress" ? "from" : "to";
    const tail = `which is ${d} ${to} the whole internet beyond the allowed ports`;
    const halves = `${rule("low")} cidrIpv4 (0.0.0.0/1) and ${rule("high")} cidrIpv4 (128.0.0.0/1)`;
    const both22 = `${rule("low")} cidrIpv4 allows TCP port 22 ${to} 0.0.0.0/1; ${rule("high")} cidrIpv4 allows TCP port 22 ${to} 128.0.0.0/1`;
    const split = (traffic: string, rules: string) =>
        `On aws.ec2.SecurityGroup 'web', ${halves} together cover every IPv4 address on ${traffic}: ${rules}, ${tail}`;
    return {
        "split world across two vpc rules": [["stack", "web", "advisory", split("TCP port 22", both22)]],
        "split world across an ec2.SecurityGroupRule and inline rules": [["stack", "web", "advisory",
            `On aws.ec2.SecurityGroup 'web', ${d}[0].cidrBlocks[0] (128.0.0.0/1) and aws.ec2.SecurityGroupRule 'low' cidrBlocks[0] (0.0.0.0/1) ` +
            `together cover every IPv4 address on TCP port 22: ${d}[0].cidrBlocks[0] allows TCP port 22 ${to} 128.0.0.0/1; ` +
            `aws.ec2.SecurityGroupRule 'low' cidrBlocks[0] allows TCP port 22 ${to} 0.0.0.0/1, ${tail}`]],
        "split world across IPv6 halves": [["stack", "web", "advisory",
            `On aws.ec2.SecurityGroup 'web', ${rule("low")} cidrIpv6 (::/1) and ${rule("high")} cidrIpv6 (8000::/1) together cover every ` +
            `IPv6 address on TCP port 22: ${rule("low")} cidrIpv6 allows TCP port 22 ${to} ::/1; ${rule("high")} cidrIpv6 allows TCP port 22 ${to} 8000::/1, ${tail}`]],
        "halves on different ports: no world": [],
        "overlapping port ranges: the world on exactly the shared ports": [["stack", "web", "advisory", split("TCP ports 22-25",
            `${rule("low")} cidrIpv4 allows TCP ports 20-25 ${to} 0.0.0.0/1; ${rule("high")} cidrIpv4 allows TCP ports 22-30 ${to} 128.0.0.0/1`)]],
        "rules on a group outside the stack (known ID)": [["stack", "(no resource)", "advisory",
            `On security group sg-0ext (not in this stack), ${halves} together cover every IPv4 address on TCP port 22: ${both22}, ${tail}`]],
        "deployed: the group's outputs echo the standalone rules, reported once as the standalone rules'": [
            ["stack", "web", "advisory", split("TCP port 22", both22)]],
        "unknown CIDR in one half: a note on that rule, nothing from the stack half": [
            ["resource", "high", "advisory", "Cannot be verified at preview: cidrIpv4 is not known until the resource is created"]],
        "unknown port in one half: a note from the stack half": [
            ["stack", "web", "advisory", `Cannot be verified at preview: toPort of ${rule("high")} is not known until the resource is created`]],
        "undetermined group target: a note, never a violation": [["stack", "(no resource)", "advisory",
            `Cannot be verified at preview: securityGroupId of ${rule("low")} is not known until the resource is created`]],
        "single-resource exposures are not repeated by the stack half": [
            ["resource", "web", "advisory", `${d}[0].cidrBlocks[0] (0.0.0.0/1) and ${d}[1].cidrBlocks[0] (128.0.0.0/1) together cover every IPv4 ` +
                `address on TCP port 22: ${d}[0].cidrBlocks[0] allows TCP port 22 ${to} 0.0.0.0/1; ${d}[1].cidrBlocks[0] allows TCP port 22 ${to} 128.0.0.0/1, ${tail}`],
            ["resource", "low", "advisory", `cidrIpv4 allows TCP port 22 ${to} 0.0.0.0/0 (every IPv4 address), ${tail}`]],
    };
}

describe("sg-ingress-from-world-allowed-ports: the world split across rule resources", () => {
    check(sgIngressFromWorldAllowedPorts, "ingress", 22, 3389, allowedPortsExpectations("ingress", "SecurityGroupIngressRule"));
});

describe("sg-egress-restricted: the world split across rule resources", () => {
    check(sgEgressRestricted, "egress", 22, 3389, allowedPortsExpectations("egress", "SecurityGroupEgressRule"));
});

describe("sg-db-ingress-only-from-security-groups: the world split across rule resources", () => {
    const rule = R("SecurityGroupIngressRule");
    const halves = `${rule("low")} cidrIpv4 (0.0.0.0/1) and ${rule("high")} cidrIpv4 (128.0.0.0/1)`;
    const both = `${rule("low")} cidrIpv4 allows TCP port 5432 from 0.0.0.0/1; ${rule("high")} cidrIpv4 allows TCP port 5432 from 128.0.0.0/1`;
    const split = (rules: string, on = "aws.ec2.SecurityGroup 'web'", blocks = halves) =>
        `On ${on}, ${blocks} together cover every IPv4 address on TCP port 5432: ${rules}, which reaches TCP port 5432`;
    /** A rule's own finding: "a database port" when it opens nothing else, else the database ports it reaches. */
    const cidr = (name: string, block: string, ports = "port 5432", reached?: string): Finding =>
        ["resource", name, "mandatory", `cidrIpv4 allows TCP ${ports} from ${block}, ${reached === undefined ? "a database port" : `which reaches ${reached}`}`];

    check(sgDbIngressOnlyFromSecurityGroups, "ingress", 5432, 3306, {
        "split world across two vpc rules": [cidr("low", "0.0.0.0/1"), cidr("high", "128.0.0.0/1"), ["stack", "web", "mandatory", split(both)]],
        "split world across an ec2.SecurityGroupRule and inline rules": [
            ["resource", "web", "mandatory", "ingress[0].cidrBlocks[0] allows TCP port 5432 from 128.0.0.0/1, a database port"],
            ["resource", "low", "mandatory", "cidrBlocks[0] allows TCP port 5432 from 0.0.0.0/1, a database port"],
            ["stack", "web", "mandatory", split("ingress[0].cidrBlocks[0] allows TCP port 5432 from 128.0.0.0/1; aws.ec2.SecurityGroupRule 'low' " +
                "cidrBlocks[0] allows TCP port 5432 from 0.0.0.0/1", undefined,
            "ingress[0].cidrBlocks[0] (128.0.0.0/1) and aws.ec2.SecurityGroupRule 'low' cidrBlocks[0] (0.0.0.0/1)")]],
        "split world across IPv6 halves": [
            ["resource", "low", "mandatory", "cidrIpv6 allows TCP port 5432 from ::/1, a database port"],
            ["resource", "high", "mandatory", "cidrIpv6 allows TCP port 5432 from 8000::/1, a database port"],
            ["stack", "web", "mandatory", `On aws.ec2.SecurityGroup 'web', ${rule("low")} cidrIpv6 (::/1) and ${rule("high")} cidrIpv6 (8000::/1) ` +
                `together cover every IPv6 address on TCP port 5432: ${rule("low")} cidrIpv6 allows TCP port 5432 from ::/1; ${rule("high")} ` +
                "cidrIpv6 allows TCP port 5432 from 8000::/1, which reaches TCP port 5432"]],
        "halves on different ports: no world": [cidr("low", "0.0.0.0/1"), cidr("high", "128.0.0.0/1", "port 3306")],
        "overlapping port ranges: the world on exactly the shared ports": [
            cidr("low", "0.0.0.0/1", "ports 5430-5435", "port 5432"), cidr("high", "128.0.0.0/1", "ports 5432-5440", "ports 5432 and 5439"),
            ["stack", "web", "mandatory", split(`${rule("low")} cidrIpv4 allows TCP ports 5430-5435 from 0.0.0.0/1; ${rule("high")} cidrIpv4 ` +
                "allows TCP ports 5432-5440 from 128.0.0.0/1")]],
        "rules on a group outside the stack (known ID)": [cidr("low", "0.0.0.0/1"), cidr("high", "128.0.0.0/1"),
            ["stack", "(no resource)", "mandatory", split(both, "security group sg-0ext (not in this stack)")]],
        "deployed: the group's outputs echo the standalone rules, reported once as the standalone rules'": [
            cidr("low", "0.0.0.0/1"), cidr("high", "128.0.0.0/1"), ["stack", "web", "mandatory", split(both)]],
        "unknown CIDR in one half: a note on that rule, nothing from the stack half": [cidr("low", "0.0.0.0/1"),
            ["resource", "high", "advisory", "Cannot be verified at preview: cidrIpv4 is not known until the resource is created"]],
        "unknown port in one half: a note from the stack half": [cidr("low", "0.0.0.0/1"),
            ["resource", "high", "advisory", "Cannot be verified at preview: toPort is not known until the resource is created"],
            ["stack", "web", "advisory", `Cannot be verified at preview: toPort of ${rule("high")} is not known until the resource is created`]],
        "undetermined group target: a note, never a violation": [cidr("low", "0.0.0.0/1"), cidr("high", "128.0.0.0/1"),
            ["stack", "(no resource)", "advisory", `Cannot be verified at preview: securityGroupId of ${rule("low")} is not known until the resource is created`]],
        "single-resource exposures are not repeated by the stack half": [
            ["resource", "web", "mandatory", "ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[0] (128.0.0.0/1) together cover every " +
                "IPv4 address on TCP port 5432: ingress[0].cidrBlocks[0] allows TCP port 5432 from 0.0.0.0/1; ingress[1].cidrBlocks[0] allows " +
                "TCP port 5432 from 128.0.0.0/1, which reaches TCP port 5432"],
            ["resource", "low", "mandatory", "cidrIpv4 allows TCP port 5432 from 0.0.0.0/0 (every IPv4 address), which reaches TCP port 5432"],
            cidr("high", "128.0.0.0/1")],
    });

    it("reports the split world even when each half lies inside an allowedCidrs entry", () => {
        const resources = scenarios("ingress", 5432, 3306)["split world across two vpc rules"];
        assert.deepStrictEqual(bothHalves(sgDbIngressOnlyFromSecurityGroups, resources, { allowedCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }),
            [["stack", "web", "mandatory", split(both)]]);
    });
});

