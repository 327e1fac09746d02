/**
 * RouteDestinations: a route's destination as blocks of one family, from its CIDR block or from the
 * entries of the managed prefix list it names. Each case compares the whole answer, reduced to the
 * blocks' text, whether they are all, the list and the doubt's reason.
 */
import * as assert from "assert";
import { RouteDestinations, RouteRanges } from "../../policies/graph/exposure/route-destinations";
import { routesOf } from "../../policies/model/routes";
import { Family } from "../../policies/net/cidr";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";

const LIST_A = urnOf({ type: TYPES.prefixList, name: "list-a" });

const list = (name: string, props: Record<string, unknown>): TestResource => ({ type: TYPES.prefixList, name, props });
const table = (routes: unknown): TestResource => ({ type: TYPES.routeTable, name: "rt", props: { vpcId: "vpc-1", routes } });
const route = (props: Record<string, unknown>): TestResource => ({ type: TYPES.route, name: "r", props: { routeTableId: "rtb-1", ...props } });

/** The destination of each route of the table or route `of` (the last resource) in the family, compact. */
function destinations(resources: TestResource[], family: Family): unknown[] {
    const model = stackModel(resources);
    const target = model.resources[model.resources.length - 1];
    const dests = new RouteDestinations(model.resources, model.byUrn, (u) => model.prefixListEntries(u));
    const compact = (r: RouteRanges | undefined) => r && {
        blocks: r.blocks.map((b) => b.text), complete: r.complete,
        ...(r.list ? { list: r.list } : {}), ...(r.doubt ? { doubt: [r.doubt.why.reason, r.doubt.urn] } : {}),
    };
    return routesOf(target, target.type === TYPES.route).map((r) => compact(dests.of(r, family)));
}

describe("graph/exposure: a route's destination blocks", () => {
    describe("CIDR blocks", () => {
        it("an IPv4 block is complete in IPv4 and absent in IPv6", () => {
            const rt = table([{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }]);
            assert.deepStrictEqual(destinations([rt], 4), [{ blocks: ["0.0.0.0/0"], complete: true }]);
            assert.deepStrictEqual(destinations([rt], 6), [undefined]);
        });
        it("an IPv4 block not known yet: incomplete in IPv4, absent in IPv6", () => {
            const r = route({ destinationCidrBlock: UNKNOWN, gatewayId: "igw-1" });
            const doubt = ["destinationCidrBlock is not known until the resource is created", urnOf(r)];
            assert.deepStrictEqual(destinations([r], 4), [{ blocks: [], complete: false, doubt }]);
            assert.deepStrictEqual(destinations([r], 6), [undefined]);
        });
        it("a table's routes not known yet: incomplete in both families", () => {
            const rt = table(UNKNOWN);
            const doubt = ["routes is not known until the resource is created", urnOf(rt)];
            assert.deepStrictEqual(destinations([rt], 4), [{ blocks: [], complete: false, doubt }]);
            assert.deepStrictEqual(destinations([rt], 6), [{ blocks: [], complete: false, doubt }]);
        });
    });

    describe("a prefix list of the stack", () => {
        const listA = list("list-a", { id: "pl-a", addressFamily: "IPv4", maxEntries: 5, entries: [{ cidr: "10.0.0.0/8" }, { cidr: "192.168.0.0/16" }] });
        it("an inline route naming the list by its ID: the list's blocks, each route its own destination", () => {
            const rt = table([{ cidrBlock: "172.16.0.0/12", gatewayId: "igw-1" }, { destinationPrefixListId: "pl-a", gatewayId: "igw-1" }]);
            assert.deepStrictEqual(destinations([listA, rt], 4), [
                { blocks: ["172.16.0.0/12"], complete: true },
                { blocks: ["10.0.0.0/8", "192.168.0.0/16"], complete: true, list: { kind: "stack", urn: LIST_A } },
            ]);
        });
        it("an IPv4 list is no destination of IPv6 traffic", () =>
            assert.deepStrictEqual(destinations([listA, route({ destinationPrefixListId: "pl-a", gatewayId: "igw-1" })], 6), [undefined]));
        it("a list whose family is not known yet: the blocks of the family asked for, incomplete", () => {
            const mixed = list("list-a", { id: "pl-a", addressFamily: UNKNOWN, maxEntries: 5, entries: [{ cidr: "10.0.0.0/8" }, { cidr: "2001:db8::/32" }] });
            const r = route({ destinationPrefixListId: "pl-a", gatewayId: "igw-1" });
            const doubt = ["addressFamily is not known until the resource is created", LIST_A];
            assert.deepStrictEqual(destinations([mixed, r], 4), [{ blocks: ["10.0.0.0/8"], complete: false, list: { kind: "stack", urn: LIST_A }, doubt }]);
            assert.deepStrictEqual(destinations([mixed, r], 6), [{ blocks: ["2001:db8::/32"], complete: false, list: { kind: "stack", urn: LIST_A }, doubt }]);
        });
    });

    describe("a prefix list outside the stack", () => {
        it("a route naming it: incomplete, with the list's ID and the route in the reason", () => {
            const r = route({ destinationPrefixListId: "pl-0aws", gatewayId: "igw-1" });
            assert.deepStrictEqual(destinations([r], 4), [{
                blocks: [], complete: false, list: { kind: "external", id: "pl-0aws" },
                doubt: ["prefix list pl-0aws (destinationPrefixListId of route 'r') is not in this stack, so the destinations the route sends to its target cannot be checked", urnOf(r)],
            }]);
        });
        it("a route table's inline route naming it: the reason names the route table and the item", () => {
            const rt = table([{ destinationPrefixListId: "pl-0aws", gatewayId: "igw-1" }]);
            assert.deepStrictEqual(destinations([rt], 4), [{
                blocks: [], complete: false, list: { kind: "external", id: "pl-0aws" },
                doubt: ["prefix list pl-0aws (routes[0].destinationPrefixListId of route table 'rt') is not in this stack, so the destinations the route sends to its target cannot be checked", urnOf(rt)],
            }]);
        });
    });
});
