/**
 * The stack model, built once per AnalyzeStack call: security groups with all their rules (inline
 * and standalone) and the peers those rules name, every network interface of every ENI-bearing
 * resource with its groups, the databases, the VPCs and what the stack exports. Every link follows
 * graph/links.ts: by ID when known, by property dependencies when not. An ID that matches nothing
 * in the stack is a resource from outside it: counted, never guessed at.
 * Each resource is a node of its own, even when two share a URN (graph/keys.ts): findings on a
 * later copy name its URN through sourceUrn.
 */
import { PolicyResource } from "@pulumi/policy";
import { PrefixListEntries, prefixListEntries } from "../model/prefix-lists";
import { SgRule, SgRuleSet, normaliseRules, standsForWholeList } from "../model/sg-rules";
import { TYPE } from "../model/types";
import { Maybe, Undetermined, child, isUndetermined, num, plainProps, str } from "../model/values";
import { DatabaseNode, databasesOf } from "./databases";
import { Role, eniShapeOf } from "./eni-types";
import { StackExports, readExports } from "./exports";
import { ExposureModel } from "./exposure/exposure";
import { Keys, uniqueKeys } from "./keys";
import { Attachment, NetworkInterfaceNode, attachAll, declaredInterfaces } from "./interfaces";
import { Ref, Targets, knownString, linkRequired, mayHold, refKey } from "./links";
import { indexBy } from "./lists";
import { ListedEntry, entriesByList } from "./prefix-list-entries";
import { NaclGraph, buildNaclGraph } from "./nacl-graph";
import { linkRulePeers, prefixListCandidates } from "./peers";
import { StackInput, StackResource, stackResource } from "./resource";
import { RuleGroups, StandaloneRule } from "./rule-groups";
import { Network, VpcDefaultGroup, vpcText } from "./vpcs";

export type { DatabaseNode } from "./databases";
export type { NetworkInterfaceNode } from "./interfaces";
export { refKey } from "./links";
export type { Ref } from "./links";
export type { StackInput, StackResource } from "./resource";
export type { VpcDefaultGroup, VpcRef } from "./vpcs";

interface SecurityGroupNode {
    readonly resource: StackResource;
    readonly isDefault: boolean;
    /** The inline rules, and the rule sets of the standalone rule resources attached to it. */
    readonly inline: SgRuleSet;
    readonly standalone: { resource: StackResource; ruleSet: SgRuleSet }[];
}

/** A managed prefix list a rule names: the stack's (with its size), or one from outside it. */
interface PrefixListRef {
    readonly ref: Ref;
    /** Its max entries, which is what it counts for in a group's rule quota (undefined: not in the stack). */
    readonly maxEntries?: Maybe<number | undefined>;
}

const SG_TYPES = new Set<string>([TYPE.securityGroup, TYPE.defaultSecurityGroup]);

export class StackModel {
    readonly resources: readonly StackResource[];
    /** Resources by key: the URN, or for a later copy of a URN a key of its own (see sourceUrn). */
    readonly byUrn = new Map<string, StackResource>();
    readonly groups = new Map<string, SecurityGroupNode>();
    readonly standaloneRules: StandaloneRule[] = [];
    readonly interfaces: NetworkInterfaceNode[] = [];
    readonly attachments: Attachment[] = [];
    readonly databases: readonly DatabaseNode[];
    readonly network: Network;
    /** The stack's groups by ID, name and ARN; a VPC stands in for its default group. */
    readonly groupTargets = new Targets();
    private readonly prefixLists = new Targets();
    private readonly keys: Keys;
    private readonly peers: Map<SgRule, Ref>;
    private byGroup?: Map<string, NetworkInterfaceNode[]>;
    private byResource?: Map<string, NetworkInterfaceNode[]>;
    private nacls?: NaclGraph;
    private stackExports?: StackExports;
    private logged?: { logged: Set<string>; undetermined: Undetermined[] };
    private listEntries?: Map<string, ListedEntry[]>;
    private ruleGroups?: RuleGroups;
    private listCandidates?: (rule: SgRule) => string[] | undefined;
    private exposureModel?: ExposureModel;

    constructor(input: readonly StackInput[]) {
        this.keys = uniqueKeys(input.map(stackResource));
        const resources = this.keys.resources;
        this.resources = resources;
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
        }
        this.network = new Network(resources, this.byUrn);
        for (const r of resources) {
            if (SG_TYPES.has(r.type)) {
                const read = normaliseRules(r) as SgRuleSet;
                // pulumi-aws computes a group's ingress/egress outputs from AWS, so a whole list that
                // is unknown at preview says "not declared inline", not "rules we cannot see".
                const inline = { ...read, rules: read.rules.filter((x) => !(standsForWholeList(x) && x.peer.undetermined === "unknown")) };
                this.groups.set(r.urn, { resource: r, isDefault: r.type === TYPE.defaultSecurityGroup, inline, standalone: [] });
                this.groupTargets.add(r, ["id", "name", "arn"]);
            } else if (r.type === TYPE.managedPrefixList) {
                this.prefixLists.add(r, ["id"]);
            }
        }
        for (const urn of this.network.vpcs.urns) {
            this.groupTargets.addStandIn(this.byUrn.get(urn) as StackResource, "defaultSecurityGroupId",
                this.network.declaredDefaultGroup({ kind: "stack", urn }));
        }
        for (const r of resources) {
            const ruleSet = SG_TYPES.has(r.type) ? undefined : normaliseRules(r);
            if (ruleSet) {
                const link = linkRequired(r, "securityGroupId", this.groupTargets);
                const standIn = link.standIn === undefined ? undefined : this.byUrn.get(link.standIn);
                const targetUndetermined = link.ref ? undefined : link.undetermined;
                this.standaloneRules.push({ resource: r, ruleSet, target: link.ref, targetUndetermined, defaultGroupOf: standIn });
                if (link.ref?.kind === "stack") {
                    this.groups.get(link.ref.urn)?.standalone.push({ resource: r, ruleSet });
                }
            }
        }
        this.peers = linkRulePeers(this.rulesByResource(), this.groupTargets, this.prefixLists);
        for (const r of resources) {
            const shape = eniShapeOf(r.type);
            if (shape) {
                this.interfaces.push(...declaredInterfaces(r, shape, this.groupTargets, this.network));
            }
        }
        this.attachments.push(...attachAll(resources, this.groupTargets, (urn) => this.interfacesOf(urn)));
        this.databases = databasesOf(resources, (urn) => this.interfacesOf(urn));
    }

    /** The rules of each group and standalone rule resource, as read. */
    private rulesByResource(): { resource: StackResource; rules: readonly SgRule[] }[] {
        return [
            ...[...this.groups.values()].map((g) => ({ resource: g.resource, rules: g.inline.rules })),
            ...this.standaloneRules.map((s) => ({ resource: s.resource, rules: s.ruleSet.rules })),
        ];
    }

    /** The network ACLs of the stack with their entries and subnets, built on first use. */
    get naclGraph(): NaclGraph {
        this.nacls ??= buildNaclGraph(this.resources, this.network);
        return this.nacls;
    }

    /** The paths from the internet to the stack's resources (graph/exposure), built on first use. */
    get exposure(): ExposureModel {
        this.exposureModel ??= new ExposureModel(this);
        return this.exposureModel;
    }

    /** What the stack exports (its root resource's outputs): the stack resources named, and the outputs not known yet. */
    get exports(): StackExports {
        this.stackExports ??= readExports(this.resources, this.groupTargets, (urn) => this.keys.keysOf(urn));
        return this.stackExports;
    }

    /** True when an aws.ec2.FlowLog of the stack logs this VPC; undetermined when one whose VPC is not known yet may. */
    hasFlowLog(vpcUrn: string): Maybe<boolean> {
        this.logged ??= this.network.flowLogged(this.resources);
        return this.logged.logged.has(vpcUrn) || (this.logged.undetermined[0] ?? false);
    }

    /** A resource's ID when it is known (an update), else undefined. */
    knownId(r: StackResource): string | undefined {
        return knownString(r, "id");
    }

    /** The URN a finding on a node names: the node's own key, or for a later copy of a URN, that URN. */
    sourceUrn(key: string): string {
        return this.keys.urnOf.get(key) ?? key;
    }

    /** Standalone rules on groups outside the stack, and those whose group cannot be told yet, by group. */
    get rulesByGroup(): RuleGroups {
        this.ruleGroups ??= new RuleGroups(this.standaloneRules, this.groupTargets);
        return this.ruleGroups;
    }

    /** All rules of a group: inline and standalone. */
    rulesOf(urn: string): SgRule[] {
        const g = this.groups.get(urn);
        return g ? [...g.inline.rules, ...g.standalone.flatMap((s) => s.ruleSet.rules)] : [];
    }

    /**
     * The groups that some resource's input depends on and may name: this catches the resources the
     * pack does not model. The group itself and its own rule resources do not count. The groups of
     * `known` are left out: a caller that knows them already needs no look at what depends on them.
     */
    groupsDependedOn(known: ReadonlySet<string> = new Set()): Set<string> {
        const ownerOf = new Map(this.standaloneRules.flatMap((s) => (s.target?.kind === "stack" ? [[s.resource.urn, s.target.urn]] : [])));
        const ids = new Map<string, string[]>();
        const out = new Set<string>();
        for (const r of this.resources) {
            for (const [key, urns] of Object.entries(r.propertyDependencies)) {
                for (const u of urns) {
                    if (u !== r.urn && u !== ownerOf.get(r.urn) && this.groups.has(u) && !known.has(u) && !out.has(u)
                        && mayHold(r, key, ids.get(u) ?? this.idsOf(u, ids))) {
                        out.add(u);
                    }
                }
            }
        }
        return out;
    }

    /** The group's ID, name and ARN where they are known: a known input that holds none of them does not name the group. */
    private idsOf(groupUrn: string, into: Map<string, string[]>): string[] {
        const g = this.byUrn.get(groupUrn) as StackResource;
        const ids = ["id", "name", "arn"].map((k) => str(child(g.root, k))).filter((v): v is string => typeof v === "string");
        into.set(groupUrn, ids);
        return ids;
    }

    /** The groups a security-group ID (or name) refers to: the stack's own, or an external one. */
    refOf(id: string): Ref {
        return this.groupTargets.byValue(id).ref as Ref;
    }

    /** The security group a rule's security-group peer names; undefined when it cannot be told yet. */
    peerGroup(rule: SgRule): Ref | undefined {
        return !isUndetermined(rule.peer) && rule.peer.kind === "security-group" ? this.peers.get(rule) : undefined;
    }

    /** The managed prefix list a rule's prefix-list peer names; undefined when it cannot be told yet. */
    prefixList(rule: SgRule): PrefixListRef | undefined {
        const ref = !isUndetermined(rule.peer) && rule.peer.kind === "prefix-list" ? this.peers.get(rule) : undefined;
        if (ref?.kind !== "stack") {
            return ref && { ref };
        }
        return { ref, maxEntries: num(child((this.byUrn.get(ref.urn) as StackResource).root, "maxEntries")) };
    }

    /**
     * The prefix lists of the stack a prefix-list rule may name, when its ID is not known yet and
     * which one it names cannot be told (graph/peers.ts); undefined when prefixList(rule) says.
     */
    mayNamePrefixLists(rule: SgRule): string[] | undefined {
        this.listCandidates ??= prefixListCandidates(this.rulesByResource(), this.prefixLists, this.peers);
        return this.listCandidates(rule);
    }

    /** The blocks of a prefix list of the stack: its entries, and those of the ManagedPrefixListEntry resources that name it. */
    prefixListEntries(urn: string): PrefixListEntries {
        this.listEntries ??= entriesByList(this.resources, this.prefixLists);
        const linked = this.listEntries.get(urn) ?? [];
        return prefixListEntries(this.byUrn.get(urn) as StackResource, linked.filter((x) => !x.why).map((x) => x.resource),
            linked.flatMap((x) => (x.why ? [{ resource: x.resource, why: x.why }] : [])));
    }

    /** The interfaces a group is attached to. */
    interfacesWith(urn: string): NetworkInterfaceNode[] {
        this.byGroup ??= indexBy(this.interfaces, (n) => [...n.groups, ...n.possibleGroups].map(refKey));
        return this.byGroup.get(urn) ?? [];
    }

    /** The network interfaces of one resource, in the order it declares them. */
    interfacesOf(resourceUrn: string): NetworkInterfaceNode[] {
        this.byResource ??= indexBy(this.interfaces, (n) => [n.resource.urn]);
        return this.byResource.get(resourceUrn) ?? [];
    }

    /** Roles of the resources a group is attached to. */
    rolesOf(urn: string): Set<Role> {
        return new Set(this.interfacesWith(urn).map((n) => n.shape.role));
    }

    /** "the default security group of aws.ec2.Vpc 'main'", for a default group the stack does not declare. */
    defaultGroupText(d: VpcDefaultGroup, label: (r: StackResource) => string): string {
        return `the default security group of ${vpcText(d.vpc, label, this.byUrn)}`;
    }
}

/** Converts @pulumi/policy's stack resources (dependencies as objects) into the model's input. */
export function fromPolicyResources(resources: readonly PolicyResource[]): StackInput[] {
    return resources.map((r) => ({
        urn: r.urn,
        name: r.name,
        type: r.type,
        props: plainProps(r.props),
        dependencies: r.dependencies.map((d) => d.urn),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => d.urn)])),
    }));
}
