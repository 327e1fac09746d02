/**
 * The blocks a prefix-list rule may admit in the stack half of the world policies, as the notes
 * say them in full: an entry whose CIDR is not known, a list whose family is not known, a rule whose
 * whole list of IDs is not known, and a rule that may name one of several lists. And `located`,
 * which names the resource a value is on in a note's reason.
 */
import * as assert from "assert";
import { located } from "../../policies/sg/shared/prefix-list-blocks";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, runStackPolicy, urnOf } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const list = (name: string, entries: unknown, addressFamily: unknown = "IPv4"): TestResource =>
    ({ type: TYPE.prefixList, name, props: { name, addressFamily, maxEntries: 10, entries } });
/** The group 'web', whose inline rules depend on the lists `deps` (a first preview: their IDs are not known). */
const web = (ingress: unknown[], deps: string[]): TestResource =>
    ({ type: TYPE.sg, name: "web", props: { description: "d", ingress, egress: [] }, propertyDependencies: { ingress: deps } });
const viaList = (port: number, ids: unknown = [UNKNOWN]) => ({ protocol: "tcp", fromPort: port, toPort: port, prefixListIds: ids, description: "r" });
const entry = (name: string, of: string, cidr: unknown): TestResource =>
    ({ type: TYPE.prefixListEntry, name, props: { prefixListId: UNKNOWN, cidr }, propertyDependencies: { prefixListId: [of] } });
const WEB = urnOf({ type: TYPE.sg, name: "web" });
const SSH = "which would open SSH (TCP port 22) to the whole internet.";

describe("sg/shared/prefix-list-blocks", () => {
    describe("located: a reason that names the resource its value is on", () => {
        const on = { type: TYPE.prefixListEntry, name: "upper" };
        it("puts the resource after the path the reason names", () => assert.deepStrictEqual(
            located({ undetermined: "unknown", path: "cidr", reason: "cidr is not known until the resource is created" }, on),
            { undetermined: "unknown", path: "cidr", reason: "cidr of aws.ec2.ManagedPrefixListEntry 'upper' is not known until the resource is created" }));
        it("adds the resource after a reason that does not name its path", () => assert.deepStrictEqual(
            located({ undetermined: "invalid", path: "cidr", reason: "a CIDR block is needed" }, on),
            { undetermined: "invalid", path: "cidr", reason: "a CIDR block is needed (aws.ec2.ManagedPrefixListEntry 'upper')" }));
        it("adds the resource after the reason of a value with no path (the whole resource)", () => assert.deepStrictEqual(
            located({ undetermined: "unknown", path: "", reason: "the resource is not known yet" }, on),
            { undetermined: "unknown", path: "", reason: "the resource is not known yet (aws.ec2.ManagedPrefixListEntry 'upper')" }));
    });

    it("an entry resource's CIDR not known yet: the note's condition is that it holds the addresses needed", () => {
        const resources = [list("low", [{ cidr: "0.0.0.0/1" }]), entry("upper", "low", UNKNOWN), web([viaList(22)], ["low"])];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources), [{
            level: "advisory", urn: WEB,
            message: "Cannot be verified at preview: cidr of aws.ec2.ManagedPrefixListEntry 'upper' is not known until the resource is " +
                "created. If aws.ec2.ManagedPrefixListEntry 'upper' cidr holds the addresses needed, on aws.ec2.SecurityGroup 'web', " +
                "ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixListEntry 'upper' cidr (not known yet) covers every IPv4 address on " +
                `TCP port 22: ingress[0].prefixListIds[0] allows TCP port 22 from aws.ec2.ManagedPrefixList 'low', ${SSH}`,
        }]);
    });

    it("a list whose address family and entries are not known yet may hold either family: a note for each", () => {
        const resources = [list("later", UNKNOWN, UNKNOWN), web([viaList(22)], ["later"])];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources), ["IPv4", "IPv6"].map((family) => ({
            level: "advisory", urn: WEB,
            message: "Cannot be verified at preview: entries of aws.ec2.ManagedPrefixList 'later' is not known until the resource is " +
                "created. If the entries of aws.ec2.ManagedPrefixList 'later' that are not known yet hold the addresses needed, on " +
                "aws.ec2.SecurityGroup 'web', ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'later' entries (not known yet) " +
                `covers every ${family} address on TCP port 22: ingress[0].prefixListIds[0] allows TCP port 22 from ` +
                `aws.ec2.ManagedPrefixList 'later', ${SSH}`,
        })));
    });

    it("a rule's whole list of IDs not known yet, depending on one list: a note naming that list alone", () => {
        const resources = [list("anyone", [{ cidr: "0.0.0.0/0" }]), web([viaList(22, UNKNOWN)], ["anyone"])];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources), [{
            level: "advisory", urn: WEB,
            message: "Cannot be verified at preview: ingress[0].prefixListIds of aws.ec2.SecurityGroup 'web' is not known until the " +
                "resource is created. If aws.ec2.SecurityGroup 'web' ingress[0].prefixListIds names aws.ec2.ManagedPrefixList 'anyone', " +
                "on aws.ec2.SecurityGroup 'web', ingress[0].prefixListIds via aws.ec2.ManagedPrefixList 'anyone' entries[0].cidr " +
                "(0.0.0.0/0) covers every IPv4 address on TCP port 22: ingress[0].prefixListIds allows TCP port 22 from " +
                `aws.ec2.ManagedPrefixList 'anyone', ${SSH}`,
        }]);
    });

    it("a rule that may name one of two lists, one with entries not known yet: both conditions in the note", () => {
        const resources = [list("admins", [{ cidr: "10.0.0.0/8" }]), list("later", UNKNOWN), web([viaList(22), viaList(443)], ["admins", "later"])];
        assert.deepStrictEqual(runStackPolicy(sgNoAdminPortsFromWorld, resources), [{
            level: "advisory", urn: WEB,
            message: "Cannot be verified at preview: ingress[0].prefixListIds[0] of aws.ec2.SecurityGroup 'web' is not known until the " +
                "resource is created. If aws.ec2.SecurityGroup 'web' ingress[0].prefixListIds[0] names aws.ec2.ManagedPrefixList 'later' " +
                "and the entries of aws.ec2.ManagedPrefixList 'later' that are not known yet hold the addresses needed, on " +
                "aws.ec2.SecurityGroup 'web', ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList 'later' entries (not known yet) " +
                "covers every IPv4 address on TCP port 22: ingress[0].prefixListIds[0] allows TCP port 22 from one of " +
                `aws.ec2.ManagedPrefixList 'admins' and aws.ec2.ManagedPrefixList 'later', ${SSH}`,
        }]);
    });
});
