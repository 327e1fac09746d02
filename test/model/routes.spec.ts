import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { Route, routesOf } from "../../policies/model/routes";
import { Maybe, isUndetermined } from "../../policies/model/values";
import { UNKNOWN } from "../util/run-policy";
import { TYPE } from "../util/types";

const table = (props: Record<string, unknown>) =>
    ({ urn: `urn:pulumi:test::test::${TYPE.routeTable}::rt`, name: "rt", type: TYPE.routeTable, props: unknownCheckingProxy(props) });
const route = (props: Record<string, unknown>) =>
    ({ urn: `urn:pulumi:test::test::${TYPE.route}::r`, name: "r", type: TYPE.route, props: unknownCheckingProxy(props) });

function text<T>(v: Maybe<T>, known: (t: T) => string): string {
    return isUndetermined(v) ? `${v.undetermined} at '${v.path}': ${v.reason}` : known(v);
}

/** Each route as [destination, family ("-" when the route does not say), target, origin path]. */
function brief(routes: Route[]): unknown[] {
    return routes.map((r) => [
        text(r.destination, (d) => (d.kind === "cidr" ? `cidr ${d.cidr.text} (IPv${d.cidr.family})` : `prefix list ${text(d.id, (id) => id)}`)),
        "family" in r ? r.family : "-",
        text(r.target, (t) => `${t.key} at '${t.field.path}' = ${text(t.id, (id) => id)}`),
        r.origin.path,
    ]);
}

const unknown = (path: string) => `unknown at '${path}': ${path} is not known until the resource is created`;
const invalid = (path: string, reason: string) => `invalid at '${path}': ${reason}`;

describe("model/routes: the canonical route of each AWS shape", () => {
    describe("the inline routes of a route table", () => {
        const cases: [string, Record<string, unknown>, unknown[]][] = [
            ["an IPv4 route to an internet gateway", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] },
                [["cidr 0.0.0.0/0 (IPv4)", 4, "gatewayId at 'routes[0].gatewayId' = igw-1", "routes[0]"]]],
            ["an IPv6 route to an egress-only gateway, the provider's empty strings for the inputs not used",
                { routes: [{ cidrBlock: "", ipv6CidrBlock: "::/0", destinationPrefixListId: "", gatewayId: "", egressOnlyGatewayId: "eigw-1" }] },
                [["cidr ::/0 (IPv6)", 6, "egressOnlyGatewayId at 'routes[0].egressOnlyGatewayId' = eigw-1", "routes[0]"]]],
            ["a route to a prefix list says no family", { routes: [{ destinationPrefixListId: "pl-1", natGatewayId: "nat-1" }] },
                [["prefix list pl-1", "-", "natGatewayId at 'routes[0].natGatewayId' = nat-1", "routes[0]"]]],
            ["no routes at all: none", {}, []],
            ["routes not known yet: one route whose destination and target wait on them", { routes: UNKNOWN },
                [[unknown("routes"), "-", unknown("routes"), "routes"]]],
            ["routes that are not a list: one invalid route", { routes: "0.0.0.0/0" },
                [[invalid("routes", "routes should be a list, got '0.0.0.0/0'"), "-", invalid("routes", "routes should be a list, got '0.0.0.0/0'"), "routes"]]],
            ["one route not known yet among known ones: that route waits on it, the others are read",
                { routes: [UNKNOWN, { cidrBlock: "10.0.0.0/8", transitGatewayId: "tgw-1" }] },
                [[unknown("routes[0]"), "-", unknown("routes[0]"), "routes[0]"],
                    ["cidr 10.0.0.0/8 (IPv4)", 4, "transitGatewayId at 'routes[1].transitGatewayId' = tgw-1", "routes[1]"]]],
            ["a route that is a string or a list is invalid", { routes: ["0.0.0.0/0", ["0.0.0.0/0"]] },
                [[invalid("routes[0]", "routes[0] should be a route, got '0.0.0.0/0'"), "-", invalid("routes[0]", "routes[0] should be a route, got '0.0.0.0/0'"), "routes[0]"],
                    [invalid("routes[1]", "routes[1] should be a route, got a list"), "-", invalid("routes[1]", "routes[1] should be a route, got a list"), "routes[1]"]]],
            ["an IPv4 and an IPv6 block on one route: more than one destination",
                { routes: [{ cidrBlock: "0.0.0.0/0", ipv6CidrBlock: "::/0", gatewayId: "igw-1" }] },
                [[invalid("routes[0]", "routes[0] has more than one destination: a route has exactly one"), "-", "gatewayId at 'routes[0].gatewayId' = igw-1", "routes[0]"]]],
            ["a CIDR block and a prefix list on one route: more than one destination",
                { routes: [{ ipv6CidrBlock: "::/0", destinationPrefixListId: "pl-1", gatewayId: "igw-1" }] },
                [[invalid("routes[0]", "routes[0] has more than one destination: a route has exactly one"), "-", "gatewayId at 'routes[0].gatewayId' = igw-1", "routes[0]"]]],
            ["a second destination not known yet: the route waits on it (it may yet be empty)",
                { routes: [{ cidrBlock: "0.0.0.0/0", ipv6CidrBlock: UNKNOWN, gatewayId: "igw-1" }] },
                [[unknown("routes[0].ipv6CidrBlock"), "-", "gatewayId at 'routes[0].gatewayId' = igw-1", "routes[0]"]]],
            ["a prefix list not known yet beside a CIDR block: the route waits on the list",
                { routes: [{ cidrBlock: "0.0.0.0/0", destinationPrefixListId: UNKNOWN, gatewayId: "igw-1" }] },
                [[unknown("routes[0].destinationPrefixListId"), "-", "gatewayId at 'routes[0].gatewayId' = igw-1", "routes[0]"]]],
            ["a route without a destination names the three inputs", { routes: [{ gatewayId: "igw-1" }] },
                [[invalid("routes[0]", "routes[0] names no destination: set routes[0].cidrBlock, routes[0].ipv6CidrBlock or routes[0].destinationPrefixListId"),
                    "-", "gatewayId at 'routes[0].gatewayId' = igw-1", "routes[0]"]]],
            ["a CIDR block not known yet: the family is still the field's", { routes: [{ ipv6CidrBlock: UNKNOWN, gatewayId: "igw-1" }] },
                [[unknown("routes[0].ipv6CidrBlock"), 6, "gatewayId at 'routes[0].gatewayId' = igw-1", "routes[0]"]]],
            ["an IPv4 block in the IPv6 field is invalid", { routes: [{ ipv6CidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] },
                [[invalid("routes[0].ipv6CidrBlock", "invalid IPv6 CIDR '0.0.0.0/0' in routes[0].ipv6CidrBlock"), 6, "gatewayId at 'routes[0].gatewayId' = igw-1", "routes[0]"]]],
            ["a CIDR block that is not a string is invalid, even beside a second destination",
                { routes: [{ cidrBlock: 42, ipv6CidrBlock: "::/0", gatewayId: "igw-1" }] },
                [[invalid("routes[0].cidrBlock", "routes[0].cidrBlock should be a string, got 42"), "-", "gatewayId at 'routes[0].gatewayId' = igw-1", "routes[0]"]]],
            ["an invalid block beside one not known yet: the route is invalid, whatever the other turns out to be",
                { routes: [{ cidrBlock: UNKNOWN, ipv6CidrBlock: 42, gatewayId: "igw-1" }] },
                [[invalid("routes[0].ipv6CidrBlock", "routes[0].ipv6CidrBlock should be a string, got 42"), "-", "gatewayId at 'routes[0].gatewayId' = igw-1", "routes[0]"]]],
            ["a prefix list ID not known yet", { routes: [{ destinationPrefixListId: UNKNOWN, gatewayId: "igw-1" }] },
                [[`prefix list ${unknown("routes[0].destinationPrefixListId")}`, "-", "gatewayId at 'routes[0].gatewayId' = igw-1", "routes[0]"]]],
        ];
        for (const [name, props, expected] of cases) {
            it(name, () => assert.deepStrictEqual(brief(routesOf(table(props), false)), expected));
        }
    });

    describe("the target of a route", () => {
        const target = (r: Record<string, unknown>) => brief(routesOf(table({ routes: [{ cidrBlock: "0.0.0.0/0", ...r }] }), false))[0];
        const cases: [string, Record<string, unknown>, string][] = [
            ["the first target input that holds an ID, even after one not known yet", { gatewayId: UNKNOWN, vpcPeeringConnectionId: "pcx-1" },
                "vpcPeeringConnectionId at 'routes[0].vpcPeeringConnectionId' = pcx-1"],
            ["an instance's network interface, computed by the provider, counts after a named target", { networkInterfaceId: "eni-1", vpcEndpointId: "vpce-1" },
                "vpcEndpointId at 'routes[0].vpcEndpointId' = vpce-1"],
            ["no target holds an ID: the first not known yet", { carrierGatewayId: "", localGatewayId: UNKNOWN, networkInterfaceId: UNKNOWN },
                `localGatewayId at 'routes[0].localGatewayId' = ${unknown("routes[0].localGatewayId")}`],
            ["a core network by its ARN", { coreNetworkArn: "arn:aws:networkmanager::1:core-network/cn-1" },
                "coreNetworkArn at 'routes[0].coreNetworkArn' = arn:aws:networkmanager::1:core-network/cn-1"],
            ["no target at all", { gatewayId: "" }, invalid("routes[0]", "routes[0] names no target: set gatewayId, natGatewayId or another target")],
        ];
        for (const [name, r, expected] of cases) {
            it(name, () => assert.deepStrictEqual(target(r), ["cidr 0.0.0.0/0 (IPv4)", 4, expected, "routes[0]"]));
        }
    });

    describe("a standalone aws.ec2.Route", () => {
        const cases: [string, Record<string, unknown>, unknown[]][] = [
            ["an IPv4 route to an internet gateway", { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" },
                [["cidr 0.0.0.0/0 (IPv4)", 4, "gatewayId at 'gatewayId' = igw-1", ""]]],
            ["an IPv6 route; the inline inputs mean nothing here", { routeTableId: "rtb-1", cidrBlock: "0.0.0.0/0", destinationIpv6CidrBlock: "::/0", gatewayId: "igw-1" },
                [["cidr ::/0 (IPv6)", 6, "gatewayId at 'gatewayId' = igw-1", ""]]],
            ["two destinations: the message speaks of the route", { destinationCidrBlock: "0.0.0.0/0", destinationIpv6CidrBlock: "::/0", gatewayId: "igw-1" },
                [[invalid("", "the route has more than one destination: a route has exactly one"), "-", "gatewayId at 'gatewayId' = igw-1", ""]]],
            ["no destination and no target", { routeTableId: "rtb-1" },
                [[invalid("", "the route names no destination: set destinationCidrBlock, destinationIpv6CidrBlock or destinationPrefixListId"), "-",
                    invalid("", "the route names no target: set gatewayId, natGatewayId or another target"), ""]]],
        ];
        for (const [name, props, expected] of cases) {
            it(name, () => assert.deepStrictEqual(brief(routesOf(route(props), true)), expected));
        }
    });
});
