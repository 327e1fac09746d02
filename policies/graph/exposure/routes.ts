/**
 * Which subnets route the internet to an internet gateway. A subnet's route table is the one a
 * RouteTableAssociation gives it, else its VPC's main route table: a MainRouteTableAssociation's,
 * else the VPC's default route table (an aws.ec2.DefaultRouteTable of the stack), else, for a VPC
 * the stack creates, the main table AWS made with it, which holds only the local route. A table's
 * routes are its inline `routes` and every aws.ec2.Route linked to it. For a family, a subnet is
 * internet-routable when the routes to internet gateways that the more specific routes leave
 * something to cover the whole family (a route to a managed prefix list routes each of its entries:
 * route-destinations.ts); an egress-only gateway admits no connection from outside.
 */
import { DefaultRouteTable } from "@pulumi/aws/ec2/defaultRouteTable";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
import { MainRouteTableAssociation } from "@pulumi/aws/ec2/mainRouteTableAssociation";
import { Route as RouteResource } from "@pulumi/aws/ec2/route";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
import { VpnGateway } from "@pulumi/aws/ec2/vpnGateway";
import { Route, routesOf } from "../../model/routes";
import { TYPE, typeToken } from "../../model/types";
import { Undetermined, isUndetermined, unknownAt } from "../../model/values";
import { Family, familyRange } from "../../net/cidr";
import { covers, normalise, subtract } from "../../net/intervals";
import { Link, Ref, Targets, depsOf, linkOne, linkRequired } from "../links";
import type { StackResource } from "../resource";
import { Network } from "../vpcs";
import { CLOSED, Doubt, Gate, RouteHop, TableOf, doubtful, eitherOf } from "./path";
import type { RouteBlock, RouteDestinations, RouteRanges } from "./route-destinations";

const ROUTE_TABLE = typeToken(RouteTable);
const DEFAULT_ROUTE_TABLE = typeToken(DefaultRouteTable);
const ROUTE = typeToken(RouteResource);
const ASSOCIATION = typeToken(RouteTableAssociation);
const MAIN_ASSOCIATION = typeToken(MainRouteTableAssociation);
const INTERNET_GATEWAY = typeToken(InternetGateway);
const VPN_GATEWAY = typeToken(VpnGateway);

/** Where a route sends traffic, as far as the internet is concerned. */
type Target = { readonly kind: "internet"; readonly gateway: Ref } | { readonly kind: "elsewhere" } | { readonly kind: "maybe"; readonly why: Undetermined };

interface TableNode {
    readonly resource: StackResource;
    readonly routes: Route[];
}

/** A route table as a subnet gets it: the link to it, how, and the resource that makes it so. */
interface TableLink {
    readonly link: Link;
    readonly tableOf: TableOf;
    readonly via: StackResource;
}

export class Routing {
    private readonly tables = new Map<string, TableNode>();
    private readonly tableTargets = new Targets();
    private readonly gateways = new Targets();
    private readonly explicit = new Map<string, TableLink>();
    private readonly vpcTables = new Map<string, TableNode>();
    private readonly main = new Map<string, TableLink>();
    /** Associations and routes whose subnet or table cannot be told yet. */
    private readonly pendingAssociations: { link: TableLink; why: Undetermined }[] = [];
    private readonly pendingRoutes: { route: Route; why: Undetermined }[] = [];

    constructor(resources: readonly StackResource[], private readonly byUrn: ReadonlyMap<string, StackResource>, private readonly network: Network,
        private readonly destinations: RouteDestinations) {
        const vpcsByDefaultTable = new Targets();
        for (const urn of network.vpcs.urns) {
            vpcsByDefaultTable.add(byUrn.get(urn) as StackResource, ["defaultRouteTableId"]);
        }
        for (const r of resources) {
            if (r.type === ROUTE_TABLE || r.type === DEFAULT_ROUTE_TABLE) {
                this.tables.set(r.urn, { resource: r, routes: routesOf(r, false) });
                // A DefaultRouteTable is also named by its defaultRouteTableId (a RouteTable has none).
                this.tableTargets.add(r, ["id", "defaultRouteTableId"]);
            } else if (r.type === INTERNET_GATEWAY) {
                this.gateways.add(r, ["id"]);
            }
        }
        for (const r of resources.filter((x) => x.type === DEFAULT_ROUTE_TABLE)) {
            const vpc = linkOne(r, "defaultRouteTableId", vpcsByDefaultTable)?.ref ?? linkOne(r, "vpcId", network.vpcs)?.ref;
            if (vpc?.kind === "stack" && !this.main.has(`default:${vpc.urn}`)) {
                this.main.set(`default:${vpc.urn}`, { link: { ref: { kind: "stack", urn: r.urn } }, tableOf: "default-route-table", via: r });
            }
        }
        // A VPC stands in for its default (first main) route table: vpc.defaultRouteTableId, vpc.mainRouteTableId.
        for (const urn of network.vpcs.urns) {
            const declared = this.main.get(`default:${urn}`)?.link.ref;
            for (const key of ["defaultRouteTableId", "mainRouteTableId"]) {
                this.tableTargets.addStandIn(byUrn.get(urn) as StackResource, key, declared?.kind === "stack" ? declared.urn : undefined);
            }
        }
        for (const r of resources) {
            if (r.type === ROUTE) {
                const table = linkRequired(r, "routeTableId", this.tableTargets);
                const node = table.ref?.kind === "stack" ? this.tables.get(table.ref.urn) : undefined;
                node?.routes.push(...routesOf(r, true));
                if (table.standIn !== undefined) {
                    // A route on the main table AWS made with a VPC, named through the VPC (vpc.mainRouteTableId).
                    this.vpcTable(table.standIn).routes.push(...routesOf(r, true));
                } else if (!table.ref && table.undetermined) {
                    this.pendingRoutes.push(...routesOf(r, true).map((route) => ({ route, why: table.undetermined as Undetermined })));
                }
            } else if (r.type === ASSOCIATION || r.type === MAIN_ASSOCIATION) {
                this.associate(r, r.type === ASSOCIATION);
            }
        }
    }

    /** The main table AWS made with a VPC the stack does not declare: the VPC stands for it, with the routes named through it. */
    private vpcTable(vpcUrn: string): TableNode {
        const table = this.vpcTables.get(vpcUrn) ?? { resource: this.byUrn.get(vpcUrn) as StackResource, routes: [] };
        this.vpcTables.set(vpcUrn, table);
        return table;
    }

    private associate(r: StackResource, explicit: boolean): void {
        const link: TableLink = { link: linkRequired(r, "routeTableId", this.tableTargets), tableOf: explicit ? "association" : "main-association", via: r };
        const on = explicit ? linkOne(r, "subnetId", this.network.subnets) : linkRequired(r, "vpcId", this.network.vpcs);
        if (on?.ref?.kind === "stack") {
            const key = explicit ? on.ref.urn : `main:${on.ref.urn}`;
            (explicit ? this.explicit : this.main).set(key, link);
        } else if (on?.undetermined && explicit) {
            this.pendingAssociations.push({ link, why: on.undetermined });
        }
    }

    /** Whether a subnet routes the internet's addresses of a family to an internet gateway. */
    routing(subnet: Ref & { kind: "stack" }, family: Family): Gate {
        const own = this.explicit.get(subnet.urn);
        const gate = own ? this.tableGate(own, subnet, family) : this.mainGate(subnet, family);
        if (own || this.pendingAssociations.length === 0) {
            return gate;
        }
        const pending = this.pendingAssociations.map((p) => this.tableGate(p.link, subnet, family));
        const first = this.pendingAssociations[0];
        return eitherOf([gate, ...pending], { why: first.why, urn: first.link.via.urn });
    }

    /** The gate of the subnet's VPC's main route table. */
    private mainGate(subnet: Ref & { kind: "stack" }, family: Family): Gate {
        const resource = this.byUrn.get(subnet.urn) as StackResource;
        const vpc = this.network.vpcOf(resource, { vpc: ["vpcId"] });
        const name = `subnet '${resource.name}'`;
        if (vpc.kind === "undetermined") {
            return doubtful({ why: vpc.why, urn: subnet.urn });
        }
        if (vpc.kind !== "stack") {
            return doubtful({ why: outside("vpcId", `${name} has no route table association, and the main route table of its VPC is not in this stack`),
                urn: subnet.urn, outside: true });
        }
        const table = this.main.get(`main:${vpc.urn}`) ?? this.main.get(`default:${vpc.urn}`);
        if (table) {
            return this.tableGate(table, subnet, family);
        }
        // A VPC the stack creates starts with a main route table that holds only the local route (and the routes added to it).
        return this.byUrn.get(vpc.urn)?.type === TYPE.vpc ? this.vpcTableGate(vpc.urn, subnet, family) : doubtful({
            why: outside("vpcId", `${name} has no route table association, and the main route table of the account's default VPC is not in this stack`),
            urn: subnet.urn, outside: true,
        });
    }

    /**
     * The gate of the main table AWS made with a VPC of the stack: its local route, the routes added to
     * it through the VPC, and the routes whose table cannot be told yet.
     */
    private vpcTableGate(vpcUrn: string, subnet: Ref, family: Family): Gate {
        const node = this.vpcTables.get(vpcUrn) ?? { resource: this.byUrn.get(vpcUrn) as StackResource, routes: [] };
        return this.nodeGate(node, { link: {}, tableOf: "vpc-main-table", via: node.resource }, subnet, family);
    }

    private tableGate(t: TableLink, subnet: Ref, family: Family): Gate {
        const ref = t.link.ref;
        // The table AWS made with a VPC the stack creates (named through the VPC, by its known ID or by dependency):
        // the local route, and the routes added to it.
        if (t.link.standIn !== undefined && this.byUrn.get(t.link.standIn)?.type === TYPE.vpc) {
            return this.vpcTableGate(t.link.standIn, subnet, family);
        }
        if (!ref) {
            return doubtful({ why: t.link.undetermined as Undetermined, urn: t.via.urn });
        }
        const node = ref.kind === "stack" ? this.tables.get(ref.urn) : undefined;
        if (!node) {
            const id = ref.kind === "external" ? ref.id : ref.urn;
            return doubtful({ why: outside("routeTableId", `route table ${id} is not in this stack, so its routes cannot be checked`), urn: t.via.urn, outside: true });
        }
        return this.nodeGate(node, t, subnet, family);
    }

    private nodeGate(node: TableNode, t: TableLink, subnet: Ref, family: Family): Gate {
        const hop = (route: Route, gateway: Ref, d: RouteRanges, blocks: readonly RouteBlock[]): RouteHop => ({
            kind: "route", urn: route.origin.urn, path: route.origin.path, subnet, table: node.resource.urn, tableOf: t.tableOf, via: t.via.urn,
            destination: blocks.map((b) => b.text).join(", "), gateway, ...(d.list ? { prefixList: d.list } : {}),
        });
        return routesGate([...node.routes, ...this.pendingRoutes.map((p) => p.route)], family, (route) => this.targetOf(route), hop,
            (route) => this.pendingRoutes.find((p) => p.route === route), this.destinations);
    }

    /** The target of a route, as far as the internet goes: an internet gateway, elsewhere, or not known yet. */
    private targetOf(route: Route): Target {
        const target = route.target;
        if (isUndetermined(target)) {
            return { kind: "maybe", why: target };
        }
        if (target.key !== "gatewayId") {
            return { kind: "elsewhere" };
        }
        const resource = this.byUrn.get(route.origin.urn) as StackResource;
        // Inline routes share the dependencies of `routes`: a VPN gateway among them may be this route's.
        const depKey = route.origin.path === "" ? "gatewayId" : "routes";
        if (isUndetermined(target.id) && depsOf(resource, depKey).some((u) => this.byUrn.get(u)?.type === VPN_GATEWAY)) {
            return { kind: "maybe", why: target.id };
        }
        const link = linkOne(resource, depKey, this.gateways, target.field);
        if (link?.ref?.kind === "stack") {
            return { kind: "internet", gateway: link.ref };
        }
        if (link?.ref) {
            // An ID from outside the stack: AWS's internet gateway IDs start "igw-" (the others: "vgw-", "local").
            return link.ref.id.startsWith("igw-") ? { kind: "internet", gateway: link.ref } : { kind: "elsewhere" };
        }
        return { kind: "maybe", why: link?.undetermined ?? (isUndetermined(target.id) ? target.id : unknownAt(target.field.path)) };
    }
}

/** An Undetermined that stands for a fact outside the stack, at a property path. */
export function outside(path: string, reason: string): Undetermined {
    return { undetermined: "unknown", path, reason };
}

/**
 * Sure: the blocks routed to internet gateways that more specific blocks routed elsewhere leave
 * something of, covering the family. Possible: those blocks, and every route that may be to an internet
 * gateway (its target or its table not known yet) or may hold more than its known blocks (counting as
 * the whole family).
 */
function routesGate(routes: readonly Route[], family: Family, targetOf: (r: Route) => Target,
    hop: (r: Route, gateway: Ref, d: RouteRanges, blocks: readonly RouteBlock[]) => RouteHop, pending: (r: Route) => { why: Undetermined } | undefined,
    destinations: RouteDestinations): Gate {
    const full = [familyRange(family)];
    const read = routes.flatMap((route) => {
        const d = destinations.of(route, family);
        return d ? [{ route, target: targetOf(route), d }] : [];
    });
    const blocks = read.flatMap((x) => x.d.blocks.map((b) => ({ ...x, b })));
    // Whether more specific routes elsewhere (only sure ones, or those whose table is not known yet too) leave something of a block.
    const left = (x: (typeof blocks)[number], withPending: boolean) => subtract([x.b.range], normalise(blocks
        .filter((y) => y.target.kind === "elsewhere" && (withPending || !pending(y.route)) && y.b.prefix > x.b.prefix).map((y) => y.b.range))).length > 0;
    const deciding = blocks.filter((x) => x.target.kind === "internet" && !pending(x.route) && left(x, true));
    const hops = read.flatMap((x) => {
        const mine = deciding.filter((y) => y.route === x.route).map((y) => y.b);
        return mine.length > 0 ? [hop(x.route, (x.target as { gateway: Ref }).gateway, x.d, mine)] : [];
    });
    if (covers(normalise(deciding.map((x) => x.b.range)), full)) {
        return { definite: true, possible: true, hops };
    }
    // What may reach the internet: what sure routes elsewhere leave of the routes that are or may be to an internet
    // gateway; a destination that may hold more than its blocks counts as the whole family.
    const unsure = (x: (typeof read)[number]) => !!pending(x.route) || x.target.kind === "maybe" || !x.d.complete;
    const maybe = read.filter((x) => x.target.kind !== "elsewhere");
    const ranges = [...blocks.filter((x) => x.target.kind !== "elsewhere" && left(x, false)).map((x) => x.b.range),
        ...maybe.filter((x) => !x.d.complete).map(() => familyRange(family))];
    if (!covers(normalise(ranges), full)) {
        return CLOSED;
    }
    // Not sure because of a route that is not sure, or one elsewhere whose table is not known yet (which may hide the rest).
    const first = maybe.find(unsure) ?? (read.find((x) => pending(x.route)) as (typeof read)[number]);
    const pend = pending(first.route);
    const doubt = pend ? { why: pend.why, urn: first.route.origin.urn }
        : first.target.kind === "maybe" ? { why: first.target.why, urn: first.route.origin.urn } : first.d.doubt as Doubt;
    return doubtful(doubt, hops);
}
