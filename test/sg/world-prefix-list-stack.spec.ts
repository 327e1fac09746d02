/**
 * "The world" through a managed prefix list of the stack, for the four policies that use the
 * world: a rule whose peer is a prefix list that the stack defines admits exactly that list's
 * blocks (its inline entries and its aws.ec2.ManagedPrefixListEntry resources). Each scenario is
 * run at a first preview (IDs unknown, linked by property dependencies) and at an update (IDs
 * known, dependencies sent too); both must give the same findings. Both halves of each policy run
 * (Analyze on each rule-bearing resource, then AnalyzeStack): the resource half cannot see a
 * list's blocks, and the stack half reports what no single resource's CIDRs make.
 */
import * as assert from "assert";
import { sgDbIngressOnlyFromSecurityGroups } from "../../policies/sg/db-ingress-only-from-security-groups";
import { sgEgressRestricted } from "../../policies/sg/egress-restricted";
import { sgIngressFromWorldAllowedPorts } from "../../policies/sg/ingress-from-world-allowed-ports";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { UNKNOWN } from "../util/run-policy";
import { runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";
import { Direction, StackResource, bothHalves } from "../util/world-split";

type Mode = "preview" | "update";
type Finding = [string, string, string, string];
const MODES: Mode[] = ["preview", "update"];

/** A managed prefix list: its inline entries (UNKNOWN: not known yet), with its ID at an update. */
function list(mode: Mode, name: string, entries: string[] | typeof UNKNOWN, family = "IPv4"): StackResource {
    const written = entries === UNKNOWN ? UNKNOWN : entries.map((cidr) => ({ cidr, description: "e" }));
    return { type: TYPE.prefixList, name, props: { ...(mode === "update" ? { id: `pl-${name}` } : {}), name, addressFamily: family, maxEntries: 10, entries: written } };
}

/** An aws.ec2.ManagedPrefixListEntry of the list `of`. */
function entry(mode: Mode, name: string, of: string, cidr: string): StackResource {
    return {
        type: TYPE.prefixListEntry, name,
        props: { ...(mode === "update" ? { id: `${name}-id` } : {}), prefixListId: mode === "update" ? `pl-${of}` : UNKNOWN, cidr },
        propertyDependencies: { prefixListId: [of] },
    };
}

const listId = (mode: Mode, name: string) => (mode === "update" ? `pl-${name}` : UNKNOWN);

/** An inline TCP rule of 'web' whose peer is the stack's list `of`. */
const viaList = (mode: Mode, of: string, from: number, to = from) =>
    ({ protocol: "tcp", fromPort: from, toPort: to, prefixListIds: [listId(mode, of)], description: "r" });
const viaCidr = (cidr: string, from: number, to = from) => ({ protocol: "tcp", fromPort: from, toPort: to, cidrBlocks: [cidr], description: "r" });

/** The security group 'web' with inline rules of one direction, depending on the lists they name. */
function web(mode: Mode, d: Direction, rules: Record<string, unknown>[] = [], lists: string[] = []): StackResource {
    return {
        type: TYPE.sg, name: "web",
        props: { ...(mode === "update" ? { id: "sg-web" } : {}), description: "d", ingress: d === "ingress" ? rules : [], egress: d === "egress" ? rules : [] },
        ...(lists.length > 0 ? { propertyDependencies: { [d]: lists } } : {}),
    };
}

/** A vpc.SecurityGroupIngressRule / EgressRule of 'web' for TCP ports from-to, whose peer is a list or a CIDR. */
function rule(mode: Mode, d: Direction, name: string, peer: { list: string } | { cidr: string }, from: number, to = from): StackResource {
    const peerProps = "list" in peer ? { prefixListId: listId(mode, peer.list) } : { cidrIpv4: peer.cidr };
    return {
        type: d === "ingress" ? TYPE.vpcIngress : TYPE.vpcEgress, name,
        props: { securityGroupId: mode === "update" ? "sg-web" : UNKNOWN, ipProtocol: "tcp", fromPort: from, toPort: to, ...peerProps, description: "r" },
        propertyDependencies: { securityGroupId: ["web"], ...("list" in peer ? { prefixListId: [peer.list] } : {}) },
    };
}

/** The scenarios, for rules of one direction on TCP port p (q: another port the policy guards; 443: one it does not). */
function scenarios(mode: Mode, d: Direction, p: number, q: number): Record<string, StackResource[]> {
    return {
        "a list of the stack holding 0.0.0.0/0, named by an inline rule": [list(mode, "anyone", ["0.0.0.0/0"]), web(mode, d, [viaList(mode, "anyone", p)], ["anyone"])],
        "a list holding both halves, named by a rule resource": [list(mode, "halves", ["0.0.0.0/1", "128.0.0.0/1"]), web(mode, d),
            rule(mode, d, "via", { list: "halves" }, p)],
        "a list's half and a CIDR rule's half": [list(mode, "low", ["0.0.0.0/1"]), web(mode, d, [viaList(mode, "low", p - 2, p + 3)], ["low"]),
            rule(mode, d, "high", { cidr: "128.0.0.0/1" }, p)],
        "an inline entry and a ManagedPrefixListEntry resource (echoed in the list's entries after a deploy)": [
            list(mode, "anyone", mode === "update" ? ["0.0.0.0/1", "128.0.0.0/1"] : ["0.0.0.0/1"]), entry(mode, "upper", "anyone", "128.0.0.0/1"),
            web(mode, d, [viaList(mode, "anyone", p)], ["anyone"])],
        "a list holding ::/0 (IPv6)": [list(mode, "v6", ["::/0"], "IPv6"), web(mode, d, [viaList(mode, "v6", p)], ["v6"])],
        "a list's half on one port and a CIDR half on another: no world": [list(mode, "low", ["0.0.0.0/1"]), web(mode, d, [viaList(mode, "low", p)], ["low"]),
            rule(mode, d, "high", { cidr: "128.0.0.0/1" }, q)],
        "a list holding 0.0.0.0/0 on TCP 443 only: nothing offends": [list(mode, "anyone", ["0.0.0.0/0"]), web(mode, d, [viaList(mode, "anyone", 443)], ["anyone"])],
        "a list of private blocks": [list(mode, "private", ["10.0.0.0/8", "192.168.0.0/16"]), web(mode, d, [viaList(mode, "private", p)], ["private"])],
        "a list outside the stack (an AWS-managed pl-0aws): as before": [web(mode, d, [{ ...viaList(mode, "x", p), prefixListIds: ["pl-0aws"] }])],
        "the list's entries not known yet: a note, never a violation": [list(mode, "later", UNKNOWN), web(mode, d, [viaList(mode, "later", p)], ["later"])],
        "an entry resource's CIDR not known yet: a note, never a violation": [list(mode, "low", ["0.0.0.0/1"]), entry(mode, "upper", "low", UNKNOWN),
            web(mode, d, [viaList(mode, "low", p)], ["low"])],
        "the group's own CIDRs already cover the port: reported on the group alone, once": [list(mode, "anyone", ["0.0.0.0/0"]),
            web(mode, d, [viaCidr("0.0.0.0/1", p), viaCidr("128.0.0.0/1", p), viaList(mode, "anyone", p)], ["anyone"])],
    };
}

const ON = "On aws.ec2.SecurityGroup 'web', ";

/** Runs every scenario in both modes against the expected findings (the same for both). */
function check(policy: unknown, d: Direction, p: number, q: number, expected: Record<string, Finding[]>): void {
    for (const mode of MODES) {
        const all = scenarios(mode, d, p, q);
        assert.deepStrictEqual(Object.keys(expected), Object.keys(all), "test setup: every scenario has its expectation");
        for (const [name, resources] of Object.entries(all)) {
            it(`${name} (${mode})`, () => assert.deepStrictEqual(bothHalves(policy, resources), expected[name]));
        }
    }
}

/** The stack-half findings for the scenarios in which the world comes through a list, rules of direction d on TCP port p. */
function worldThroughLists(d: Direction, p: number, tail: string): Record<string, string> {
    const to = d === "ingress" ? "from" : "to";
    const r = d === "ingress" ? "aws.vpc.SecurityGroupIngressRule" : "aws.vpc.SecurityGroupEgressRule";
    return {
        anyone: `${ON}${d}[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'anyone' entries[0].cidr (0.0.0.0/0) covers every IPv4 address on ` +
            `TCP port ${p}: ${d}[0].prefixListIds[0] allows TCP port ${p} ${to} aws.ec2.ManagedPrefixList 'anyone'${tail}`,
        halves: `${ON}${r} 'via' prefixListId via aws.ec2.ManagedPrefixList 'halves' entries[0].cidr (0.0.0.0/1) and ${r} 'via' prefixListId via ` +
            `aws.ec2.ManagedPrefixList 'halves' entries[1].cidr (128.0.0.0/1) together cover every IPv4 address on TCP port ${p}: ${r} 'via' ` +
            `prefixListId allows TCP port ${p} ${to} aws.ec2.ManagedPrefixList 'halves'${tail}`,
        mixed: `${ON}${d}[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'low' entries[0].cidr (0.0.0.0/1) and ${r} 'high' cidrIpv4 (128.0.0.0/1) ` +
            `together cover every IPv4 address on TCP port ${p}: ${d}[0].prefixListIds[0] allows TCP ports ${p - 2}-${p + 3} ${to} ` +
            `aws.ec2.ManagedPrefixList 'low'; ${r} 'high' cidrIpv4 allows TCP port ${p} ${to} 128.0.0.0/1${tail}`,
        entryResource: `${ON}${d}[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'anyone' entries[0].cidr (0.0.0.0/1) and ${d}[0].prefixListIds[0] ` +
            "via aws.ec2.ManagedPrefixListEntry 'upper' cidr (128.0.0.0/1) together cover every IPv4 address on TCP port " +
            `${p}: ${d}[0].prefixListIds[0] allows TCP port ${p} ${to} aws.ec2.ManagedPrefixList 'anyone'${tail}`,
        v6: `${ON}${d}[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'v6' entries[0].cidr (::/0) covers every IPv6 address on TCP port ${p}: ` +
            `${d}[0].prefixListIds[0] allows TCP port ${p} ${to} aws.ec2.ManagedPrefixList 'v6'${tail}`,
        entriesUnknown: "Cannot be verified at preview: entries of aws.ec2.ManagedPrefixList 'later' is not known until the resource is created",
        cidrUnknown: "Cannot be verified at preview: cidr of aws.ec2.ManagedPrefixListEntry 'upper' is not known until the resource is created",
        ownCidrs: `${d}[0].cidrBlocks[0] (0.0.0.0/1) and ${d}[1].cidrBlocks[0] (128.0.0.0/1) together cover every IPv4 address on TCP port ${p}: ` +
            `${d}[0].cidrBlocks[0] allows TCP port ${p} ${to} 0.0.0.0/1; ${d}[1].cidrBlocks[0] allows TCP port ${p} ${to} 128.0.0.0/1${tail}`,
    };
}

describe("sg-no-admin-ports-from-world: the world through a managed prefix list of the stack", () => {
    const w = worldThroughLists("ingress", 22, "");
    check(sgNoAdminPortsFromWorld, "ingress", 22, 3389, {
        "a list of the stack holding 0.0.0.0/0, named by an inline rule": [["stack", "web", "mandatory", w.anyone]],
        "a list holding both halves, named by a rule resource": [["stack", "web", "mandatory", w.halves]],
        "a list's half and a CIDR rule's half": [["stack", "web", "mandatory", w.mixed]],
        "an inline entry and a ManagedPrefixListEntry resource (echoed in the list's entries after a deploy)": [["stack", "web", "mandatory", w.entryResource]],
        "a list holding ::/0 (IPv6)": [["stack", "web", "mandatory", w.v6]],
        "a list's half on one port and a CIDR half on another: no world": [],
        "a list holding 0.0.0.0/0 on TCP 443 only: nothing offends": [],
        "a list of private blocks": [],
        "a list outside the stack (an AWS-managed pl-0aws): as before": [],
        "the list's entries not known yet: a note, never a violation": [["stack", "web", "advisory", w.entriesUnknown]],
        "an entry resource's CIDR not known yet: a note, never a violation": [["stack", "web", "advisory", w.cidrUnknown]],
        "the group's own CIDRs already cover the port: reported on the group alone, once": [["resource", "web", "mandatory", w.ownCidrs]],
    });

    it("reports the world through a list with the full message, as mandatory, on the group", () => {
        const resources = scenarios("update", "ingress", 22, 3389)["a list of the stack holding 0.0.0.0/0, named by an inline rule"];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources), [{
            level: "mandatory",
            message: `${w.anyone}. This opens SSH (TCP port 22) to the whole internet, where scanners find and brute-force admin ports ` +
                "within minutes. Fix: Allow the port only from a bastion host's security group or a trusted CIDR, or remove the rule and " +
                "connect with AWS Systems Manager Session Manager, which needs no inbound port at all.",
            urn: urnOf({ type: TYPE.sg, name: "web" }),
        }]);
    });

    it("notes entries not known yet with the full message: the condition, the blocks and the consequence", () => {
        const resources = scenarios("preview", "ingress", 22, 3389)["the list's entries not known yet: a note, never a violation"];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources), [{
            level: "advisory",
            message: `${w.entriesUnknown}. If the entries of aws.ec2.ManagedPrefixList 'later' that are not known yet hold the addresses needed, ` +
                `on aws.ec2.SecurityGroup 'web', ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'later' entries (not known yet) covers ` +
                "every IPv4 address on TCP port 22: ingress[0].prefixListIds[0] allows TCP port 22 from aws.ec2.ManagedPrefixList 'later', which " +
                "would open SSH (TCP port 22) to the whole internet.",
            urn: urnOf({ type: TYPE.sg, name: "web" }),
        }]);
    });

    it("the known entries already cover the port: a violation, whatever the entries not known yet hold", () => {
        const resources = [list("preview", "anyone", ["0.0.0.0/0"]), entry("preview", "more", "anyone", UNKNOWN), web("preview", "ingress", [viaList("preview", "anyone", 22)], ["anyone"])];
        assert.deepStrictEqual(bothHalves(sgNoAdminPortsFromWorld, resources), [["stack", "web", "mandatory", w.anyone]]);
    });

    it("an invalid CIDR in the list that the world would hinge on is a violation naming the value and its resource", () => {
        const resources = [list("preview", "low", ["0.0.0.0/1", "128.0.0.0/33"]), web("preview", "ingress", [viaList("preview", "low", 22)], ["low"])];
        assert.deepStrictEqual(bothHalves(sgNoAdminPortsFromWorld, resources), [["stack", "web", "mandatory",
            "Cannot be evaluated: invalid IPv4 CIDR '128.0.0.0/33' in entries[1].cidr of aws.ec2.ManagedPrefixList 'low'"]]);
    });

    it("two references not known yet in one input: which names which list is not known, so a note, never a violation", () => {
        const resources = [list("preview", "admins", ["10.0.0.0/8"]), list("preview", "anyone", ["0.0.0.0/0"]),
            web("preview", "ingress", [viaList("preview", "admins", 22), viaList("preview", "anyone", 443)], ["admins", "anyone"])];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources).map((f) => [f.level, f.message.split(", which would")[0]]), [["advisory",
            "Cannot be verified at preview: ingress[0].prefixListIds[0] of aws.ec2.SecurityGroup 'web' is not known until the resource is created. " +
            "If aws.ec2.SecurityGroup 'web' ingress[0].prefixListIds[0] names aws.ec2.ManagedPrefixList 'anyone', on aws.ec2.SecurityGroup 'web', " +
            "ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'anyone' entries[0].cidr (0.0.0.0/0) covers every IPv4 address on TCP port 22: " +
            "ingress[0].prefixListIds[0] allows TCP port 22 from one of aws.ec2.ManagedPrefixList 'admins' and aws.ec2.ManagedPrefixList 'anyone'"]]);
        // With the IDs known, each rule names its own list: the SSH rule's is private.
        const update = [list("update", "admins", ["10.0.0.0/8"]), list("update", "anyone", ["0.0.0.0/0"]),
            web("update", "ingress", [viaList("update", "admins", 22), viaList("update", "anyone", 443)], ["admins", "anyone"])];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, update), []);
    });

    it("an entry resource whose list is not known yet (it depends on two lists) may add its block to either: a note", () => {
        const resources = [list("preview", "low", ["0.0.0.0/1"]), list("preview", "other", ["10.0.0.0/8"]),
            { ...entry("preview", "upper", "low", "128.0.0.0/1"), propertyDependencies: { prefixListId: ["low", "other"] } },
            web("preview", "ingress", [viaList("preview", "low", 22)], ["low"])];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources).map((f) => [f.level, f.message.split(", on ")[0]]), [["advisory",
            "Cannot be verified at preview: prefixListId of aws.ec2.ManagedPrefixListEntry 'upper' is not known until the resource is created. " +
            "If aws.ec2.ManagedPrefixListEntry 'upper' adds its block to aws.ec2.ManagedPrefixList 'low'"]]);
    });
});

/** The expectations shared by the two "world only on allowed ports" policies (TCP 22 and 3389 are not allowed). */
function allowedPortsExpectations(d: Direction): Record<string, Finding[]> {
    const w = worldThroughLists(d, 22, `, which is ${d} ${d === "ingress" ? "from" : "to"} the whole internet beyond the allowed ports`);
    return {
        "a list of the stack holding 0.0.0.0/0, named by an inline rule": [["stack", "web", "advisory", w.anyone]],
        "a list holding both halves, named by a rule resource": [["stack", "web", "advisory", w.halves]],
        "a list's half and a CIDR rule's half": [["stack", "web", "advisory", w.mixed]],
        "an inline entry and a ManagedPrefixListEntry resource (echoed in the list's entries after a deploy)": [["stack", "web", "advisory", w.entryResource]],
        "a list holding ::/0 (IPv6)": [["stack", "web", "advisory", w.v6]],
        "a list's half on one port and a CIDR half on another: no world": [],
        "a list holding 0.0.0.0/0 on TCP 443 only: nothing offends": [],
        "a list of private blocks": [],
        "a list outside the stack (an AWS-managed pl-0aws): as before": [],
        "the list's entries not known yet: a note, never a violation": [["stack", "web", "advisory", w.entriesUnknown]],
        "an entry resource's CIDR not known yet: a note, never a violation": [["stack", "web", "advisory", w.cidrUnknown]],
        "the group's own CIDRs already cover the port: reported on the group alone, once": [["resource", "web", "advisory", w.ownCidrs]],
    };
}

describe("sg-ingress-from-world-allowed-ports: the world through a managed prefix list of the stack", () => {
    check(sgIngressFromWorldAllowedPorts, "ingress", 22, 3389, allowedPortsExpectations("ingress"));
});

describe("sg-egress-restricted: the world through a managed prefix list of the stack", () => {
    check(sgEgressRestricted, "egress", 22, 3389, allowedPortsExpectations("egress"));
});

describe("sg-db-ingress-only-from-security-groups: the world through a managed prefix list of the stack", () => {
    const w = worldThroughLists("ingress", 5432, ", which reaches TCP port 5432");
    // The resource half flags every prefix-list peer on a database port, as before; it names the list by its ID when known.
    const peer = (mode: Mode, name: string, of: string, ports = "port 5432", what = "a database port"): Finding =>
        ["resource", name, "mandatory", `${name === "web" ? "ingress[0].prefixListIds[0]" : "prefixListId"} allows TCP ${ports} from ` +
            `${mode === "update" ? `prefix list pl-${of}` : "a prefix list (ID known after creation)"}, ${what}`];
    const cidr = (name: string, block: string): Finding => ["resource", name, "mandatory", `cidrIpv4 allows TCP port 5432 from ${block}, a database port`];
    for (const mode of MODES) {
        const all = scenarios(mode, "ingress", 5432, 3306);
        const expected: Record<string, Finding[]> = {
            "a list of the stack holding 0.0.0.0/0, named by an inline rule": [peer(mode, "web", "anyone"), ["stack", "web", "mandatory", w.anyone]],
            "a list holding both halves, named by a rule resource": [peer(mode, "via", "halves"), ["stack", "web", "mandatory", w.halves]],
            "a list's half and a CIDR rule's half": [peer(mode, "web", "low", "ports 5430-5435", "which reaches port 5432"), cidr("high", "128.0.0.0/1"),
                ["stack", "web", "mandatory", w.mixed]],
            "an inline entry and a ManagedPrefixListEntry resource (echoed in the list's entries after a deploy)": [peer(mode, "web", "anyone"),
                ["stack", "web", "mandatory", w.entryResource]],
            "a list holding ::/0 (IPv6)": [peer(mode, "web", "v6"), ["stack", "web", "mandatory", w.v6]],
            "a list's half on one port and a CIDR half on another: no world": [peer(mode, "web", "low"),
                ["resource", "high", "mandatory", "cidrIpv4 allows TCP port 3306 from 128.0.0.0/1, a database port"]],
            "a list holding 0.0.0.0/0 on TCP 443 only: nothing offends": [],
            "a list of private blocks": [peer(mode, "web", "private")],
            "a list outside the stack (an AWS-managed pl-0aws): as before": [["resource", "web", "mandatory",
                "ingress[0].prefixListIds[0] allows TCP port 5432 from prefix list pl-0aws, a database port"]],
            "the list's entries not known yet: a note, never a violation": [peer(mode, "web", "later"), ["stack", "web", "advisory", w.entriesUnknown]],
            "an entry resource's CIDR not known yet: a note, never a violation": [peer(mode, "web", "low"), ["stack", "web", "advisory", w.cidrUnknown]],
            "the group's own CIDRs already cover the port: reported on the group alone, once": [["resource", "web", "mandatory", w.ownCidrs],
                ["resource", "web", "mandatory", "ingress[2].prefixListIds[0] allows TCP port 5432 from " +
                    `${mode === "update" ? "prefix list pl-anyone" : "a prefix list (ID known after creation)"}, a database port`]],
        };
        assert.deepStrictEqual(Object.keys(expected), Object.keys(all), "test setup: every scenario has its expectation");
        for (const [name, resources] of Object.entries(all)) {
            it(`${name} (${mode})`, () => assert.deepStrictEqual(bothHalves(sgDbIngressOnlyFromSecurityGroups, resources), expected[name]));
        }
    }

    it("reports the world through a list even when the list is in allowedPrefixLists", () => {
        const resources = scenarios("update", "ingress", 5432, 3306)["a list of the stack holding 0.0.0.0/0, named by an inline rule"];
        assert.deepStrictEqual(bothHalves(sgDbIngressOnlyFromSecurityGroups, resources, { allowedPrefixLists: ["pl-anyone"] }),
            [["stack", "web", "mandatory", w.anyone]]);
    });
});
