/**
 * Rules on a VPC's default security group that the stack does not declare, named through the
 * VPC's defaultSecurityGroupId: at an update by the known ID, at a first preview only by the
 * dependency on the VPC. The stack halves of the four world policies put them together as that
 * default group's rules in both cases, so that preview and update give the same findings (on the
 * VPC), as sg-default-denies-all treats the same link as the default group.
 */
import * as assert from "assert";
import { sgDbIngressOnlyFromSecurityGroups } from "../../policies/sg/db-ingress-only-from-security-groups";
import { sgDefaultDeniesAll } from "../../policies/sg/default-denies-all";
import { sgEgressRestricted } from "../../policies/sg/egress-restricted";
import { sgIngressFromWorldAllowedPorts } from "../../policies/sg/ingress-from-world-allowed-ports";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { UNKNOWN } from "../util/run-policy";
import { runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { Direction, StackResource, bothHalves } from "../util/world-split";

/** How the rules name the default group: the known ID with the dependency (update), the ID alone, or the dependency alone (first preview). */
type Mode = "update" | "update, no dependencies" | "preview";
const MODES: Mode[] = ["update", "update, no dependencies", "preview"];
type Finding = [string, string, string, string];

const vpc = (mode: Mode): StackResource => ({ type: TYPE.vpc, name: "main",
    props: mode === "preview" ? { cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: UNKNOWN } : { id: "vpc-1", cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: "sg-def" } });

/** A vpc.SecurityGroupIngressRule / EgressRule on the VPC's default group, for TCP ports from-to. */
function rule(mode: Mode, d: Direction, name: string, cidr: string, from: number, to = from): StackResource {
    return {
        type: d === "ingress" ? TYPE.vpcIngress : TYPE.vpcEgress, name,
        props: { securityGroupId: mode === "preview" ? UNKNOWN : "sg-def", ipProtocol: "tcp", fromPort: from, toPort: to, cidrIpv4: cidr, description: "r" },
        ...(mode === "update, no dependencies" ? {} : { propertyDependencies: { securityGroupId: ["main"] } }),
    };
}

function scenarios(mode: Mode, d: Direction, p: number, q: number): Record<string, StackResource[]> {
    return {
        "split world across two rule resources on the default group": [vpc(mode), rule(mode, d, "low", "0.0.0.0/1", p), rule(mode, d, "high", "128.0.0.0/1", p)],
        "halves on different ports: no world": [vpc(mode), rule(mode, d, "low", "0.0.0.0/1", p), rule(mode, d, "high", "128.0.0.0/1", q)],
        "0.0.0.0/0 in one rule resource: reported by that resource only": [vpc(mode), rule(mode, d, "all", "0.0.0.0/0", p)],
    };
}

const VPC = "aws.ec2.Vpc 'main'";
const R = (d: Direction) => (d === "ingress" ? "aws.vpc.SecurityGroupIngressRule" : "aws.vpc.SecurityGroupEgressRule");

/** The stack half's finding of the split, on the VPC. */
function split(d: Direction, p: number, tail: string): Finding {
    const to = d === "ingress" ? "from" : "to";
    const r = R(d);
    return ["stack", "main", "mandatory", `On the default security group of ${VPC}, ${r} 'low' cidrIpv4 (0.0.0.0/1) and ${r} 'high' cidrIpv4 ` +
        `(128.0.0.0/1) together cover every IPv4 address on TCP port ${p}: ${r} 'low' cidrIpv4 allows TCP port ${p} ${to} 0.0.0.0/1; ` +
        `${r} 'high' cidrIpv4 allows TCP port ${p} ${to} 128.0.0.0/1${tail}`];
}

function check(policy: unknown, d: Direction, p: number, q: number, expected: Record<string, Finding[]>): void {
    for (const mode of MODES) {
        const all = scenarios(mode, d, p, q);
        assert.deepStrictEqual(Object.keys(expected), Object.keys(all), "test setup: every scenario has its expectation");
        for (const [name, resources] of Object.entries(all)) {
            it(`${name} (${mode})`, () => assert.deepStrictEqual(bothHalves(policy, resources), expected[name]));
        }
    }
}

describe("sg-no-admin-ports-from-world: rules on a VPC's default group that the stack does not declare", () => {
    check(sgNoAdminPortsFromWorld, "ingress", 22, 3389, {
        "split world across two rule resources on the default group": [split("ingress", 22, "")],
        "halves on different ports: no world": [],
        "0.0.0.0/0 in one rule resource: reported by that resource only": [["resource", "all", "mandatory", "cidrIpv4 allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)"]],
    });

    it("reports the split as mandatory on the VPC, with the full message, at preview as at update", () => {
        for (const mode of MODES) {
            assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, scenarios(mode, "ingress", 22, 3389)["split world across two rule resources on the default group"]), [{
                level: "mandatory",
                message: `${split("ingress", 22, "")[3]}. This opens SSH (TCP port 22) to the whole internet, where scanners find and brute-force ` +
                    "admin ports within minutes. Fix: Allow the port only from a bastion host's security group or a trusted CIDR, or remove the " +
                    "rule and connect with AWS Systems Manager Session Manager, which needs no inbound port at all.",
                urn: urnOf({ type: TYPE.vpc, name: "main" }),
            }], mode);
        }
    });

    it("sg-default-denies-all flags the same rules as rules on the default group, at preview as at update", () => {
        for (const mode of MODES) {
            const resources = scenarios(mode, "ingress", 22, 3389)["split world across two rule resources on the default group"];
            assert.deepStrictEqual(runStackPolicy(sgDefaultDeniesAll, resources).map((f) => [f.level, f.message.split(". ")[0]]), [
                ["mandatory", `${R("ingress")} 'low' adds a rule to the default security group of ${VPC}`],
                ["mandatory", `${R("ingress")} 'high' adds a rule to the default security group of ${VPC}`],
            ], mode);
        }
    });

    it("with the default group declared (aws.ec2.DefaultSecurityGroup), the rules are that group's, at preview as at update", () => {
        for (const mode of MODES) {
            const declared: StackResource = { type: TYPE.defaultSg, name: "default",
                props: { ...(mode === "preview" ? {} : { id: "sg-def" }), vpcId: mode === "preview" ? UNKNOWN : "vpc-1", ingress: [], egress: [] },
                propertyDependencies: { vpcId: ["main"] } };
            const resources = [declared, ...scenarios(mode, "ingress", 22, 3389)["split world across two rule resources on the default group"]];
            assert.deepStrictEqual(bothHalves(sgNoAdminPortsFromWorld, resources),
                [["stack", "default", "mandatory", split("ingress", 22, "")[3].replace(`the default security group of ${VPC}`, "aws.ec2.DefaultSecurityGroup 'default'")]], mode);
        }
    });
});

function allowedPorts(d: Direction): Record<string, Finding[]> {
    const tail = `, which is ${d} ${d === "ingress" ? "from" : "to"} the whole internet beyond the allowed ports`;
    const [half, name, , message] = split(d, 22, tail);
    return {
        "split world across two rule resources on the default group": [[half, name, "advisory", message]],
        "halves on different ports: no world": [],
        "0.0.0.0/0 in one rule resource: reported by that resource only": [["resource", "all", "advisory",
            `cidrIpv4 allows TCP port 22 ${d === "ingress" ? "from" : "to"} 0.0.0.0/0 (every IPv4 address)${tail}`]],
    };
}

describe("sg-ingress-from-world-allowed-ports: rules on a VPC's default group that the stack does not declare", () => {
    check(sgIngressFromWorldAllowedPorts, "ingress", 22, 3389, allowedPorts("ingress"));
});

describe("sg-egress-restricted: rules on a VPC's default group that the stack does not declare", () => {
    check(sgEgressRestricted, "egress", 22, 3389, allowedPorts("egress"));
});

describe("sg-db-ingress-only-from-security-groups: rules on a VPC's default group that the stack does not declare", () => {
    const cidr = (name: string, block: string, port = 5432): Finding => ["resource", name, "mandatory", `cidrIpv4 allows TCP port ${port} from ${block}, a database port`];
    check(sgDbIngressOnlyFromSecurityGroups, "ingress", 5432, 3306, {
        "split world across two rule resources on the default group": [cidr("low", "0.0.0.0/1"), cidr("high", "128.0.0.0/1"),
            split("ingress", 5432, ", which reaches TCP port 5432")],
        "halves on different ports: no world": [cidr("low", "0.0.0.0/1"), cidr("high", "128.0.0.0/1", 3306)],
        "0.0.0.0/0 in one rule resource: reported by that resource only": [["resource", "all", "mandatory",
            "cidrIpv4 allows TCP port 5432 from 0.0.0.0/0 (every IPv4 address), which reaches TCP port 5432"]],
    });
});
