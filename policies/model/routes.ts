/**
 * The one canonical route, and the reader from every AWS shape that can express one: the inline
 * `routes` of aws.ec2.RouteTable and aws.ec2.DefaultRouteTable, and the standalone aws.ec2.Route.
 * A route has one destination (an IPv4 or IPv6 CIDR block, or a managed prefix list) and one target
 * (the field that names it, and its value). Nothing here throws.
 */
import { Cidr, Family, familyName, parseCidr } from "../net/cidr";
import { ResourceRef, propsOf } from "./resource-ref";
import { Field, Maybe, Undetermined, child, describe, elements, invalidAt, isUndetermined, str, unknownAt } from "./values";

export type RouteDestination =
    | { readonly kind: "cidr"; readonly cidr: Cidr }
    | { readonly kind: "prefix-list"; readonly id: Maybe<string> };

/** The target of a route: the input that names it ("gatewayId", "natGatewayId", ...) and the ID it holds. */
export interface RouteTarget {
    readonly field: Field;
    readonly key: string;
    readonly id: Maybe<string>;
}

export interface Route {
    readonly destination: Maybe<RouteDestination>;
    /** The family the destination belongs to, when its field tells it even if its value is not known. */
    readonly family?: Family;
    readonly target: Maybe<RouteTarget>;
    readonly origin: {
        readonly urn: string;
        readonly name: string;
        readonly type: string;
        /** "routes[0]" for an inline route, "" for an aws.ec2.Route. */
        readonly path: string;
    };
}

/**
 * The target inputs of a route, in the order they are read: the first that holds a known ID is the
 * target; else the first that is not known yet. networkInterfaceId comes last: the provider
 * computes it for a route to an instance.
 */
const TARGET_KEYS = [
    "gatewayId", "egressOnlyGatewayId", "natGatewayId", "transitGatewayId", "vpcPeeringConnectionId", "vpcEndpointId",
    "carrierGatewayId", "localGatewayId", "coreNetworkArn", "odbNetworkArn", "networkInterfaceId",
] as const;

/** The destination inputs: an inline route's and an aws.ec2.Route's. */
const INLINE = { v4: "cidrBlock", v6: "ipv6CidrBlock" };
const STANDALONE = { v4: "destinationCidrBlock", v6: "destinationIpv6CidrBlock" };

/** The routes of a route table (inline `routes`), or the one route of an aws.ec2.Route. */
export function routesOf(resource: ResourceRef, standalone: boolean): Route[] {
    const props = propsOf(resource);
    const origin = (path: string) => ({ urn: resource.urn, name: resource.name, type: resource.type, path });
    if (standalone) {
        return [readRoute(props, STANDALONE, origin(""))];
    }
    const list = elements(child(props, "routes"));
    if (isUndetermined(list)) {
        return [{ destination: list, target: list, origin: origin(list.path) }];
    }
    return list.map((item) => {
        if (item.state === "known" && typeof item.value === "object" && !Array.isArray(item.value)) {
            return readRoute(item, INLINE, origin(item.path));
        }
        const u = item.state === "unknown" ? unknownAt(item.path) : invalidAt(item.path, `${item.path} should be a route, got ${describe(item.value)}`);
        return { destination: u, target: u, origin: origin(item.path) };
    });
}

/** A string input where "" counts as not set (the provider reports unused inputs as ""). */
function setString(field: Field): Maybe<string | undefined> {
    const v = str(field);
    return v === "" ? undefined : v;
}

function readRoute(item: Field, keys: { v4: string; v6: string }, origin: Route["origin"]): Route {
    const { destination, family } = destinationOf(item, keys);
    return { destination, ...(family ? { family } : {}), target: targetOf(item), origin };
}

function destinationOf(item: Field, keys: { v4: string; v6: string }): { destination: Maybe<RouteDestination>; family?: Family } {
    const sides = ([[keys.v4, 4], [keys.v6, 6]] as const).map(([key, family]) => ({ field: child(item, key), family }));
    const listField = child(item, "destinationPrefixListId");
    const list = setString(listField);
    const set = sides.map((s) => ({ ...s, text: setString(s.field) })).filter((s) => s.text !== undefined);
    const invalid = set.find((s) => isUndetermined(s.text) && s.text.undetermined === "invalid");
    if (invalid) {
        return { destination: invalid.text as Undetermined };
    }
    const where = item.path === "" ? "the route" : item.path;
    if (set.length + (list === undefined ? 0 : 1) > 1) {
        // Two destinations are invalid only when both are known: an unknown one may yet be empty.
        const unknown = [...set.map((s) => s.text), list].find(isUndetermined);
        return { destination: unknown ?? invalidAt(item.path, `${where} has more than one destination: a route has exactly one`) };
    }
    if (list !== undefined) {
        return { destination: { kind: "prefix-list", id: list } };
    }
    if (set.length === 0) {
        return { destination: invalidAt(item.path, `${where} names no destination: set ${sides[0].field.path}, ${sides[1].field.path} or ${listField.path}`) };
    }
    const { text, family, field } = set[0];
    if (isUndetermined(text)) {
        return { destination: text, family };
    }
    const cidr = parseCidr(text, family);
    return { destination: cidr ? { kind: "cidr", cidr } : invalidAt(field.path, `invalid ${familyName(family)} CIDR ${describe(text)} in ${field.path}`), family };
}

function targetOf(item: Field): Maybe<RouteTarget> {
    const read = TARGET_KEYS.map((key) => ({ key, field: child(item, key) })).map((t) => ({ ...t, id: setString(t.field) }));
    const known = read.find((t) => typeof t.id === "string");
    if (known) {
        return { field: known.field, key: known.key, id: known.id as string };
    }
    const pending = read.find((t) => isUndetermined(t.id));
    if (pending) {
        return { field: pending.field, key: pending.key, id: pending.id as Undetermined };
    }
    const where = item.path === "" ? "the route" : item.path;
    return invalidAt(item.path, `${where} names no target: set gatewayId, natGatewayId or another target`);
}
