/**
 * The peers of one security-group rule as written: one canonical rule per CIDR, prefix list,
 * security group and `self` flag, each with the property path it was written at.
 */
import { Family, parseCidr } from "../net/cidr";
import { PortRange } from "../net/ports";
import { Protocol } from "../net/protocol";
import { Direction, Peer, PeerField, SgRule } from "./canonical-rule";
import { ResourceRef } from "./resource-ref";
import { Field, Maybe, Undetermined, bool, child, describe, elements, invalidAt, isUndetermined, str, unknownAt } from "./values";

/** The fields of a rule that hold a list of peers. */
const PEER_LISTS = /(^|\.)(cidrBlocks|ipv6CidrBlocks|prefixListIds|securityGroups)$/;

/** True when a path names a whole list of peers, not one item of it: not known, it may hold any number. */
export function isPeerList(path: string): boolean {
    return PEER_LISTS.test(path);
}

/** What every peer of one rule shares. */
export interface RuleBase {
    readonly direction: Direction;
    readonly protocol: Maybe<Protocol>;
    readonly ports: Maybe<PortRange | null>;
    readonly description: Maybe<string | undefined>;
}

export function makeRule(resource: ResourceRef, base: RuleBase, rulePath: string, peerPath: string, via: PeerField, peer: Maybe<Peer>): SgRule {
    return {
        direction: base.direction,
        protocol: base.protocol,
        ports: base.ports,
        description: base.description,
        via,
        peer,
        origin: { urn: resource.urn, name: resource.name, type: resource.type, rulePath, peerPath },
    };
}

/** The names a rule shape gives its peer fields. */
interface PeerFields {
    readonly cidr4: string;
    readonly cidr6: string;
    /** A list of prefix-list IDs, or a single one. */
    readonly prefixLists?: string;
    readonly prefixList?: string;
    /** A list of security-group IDs, or a single one. */
    readonly groups?: string;
    readonly group?: string;
    /** The shape has no `self` flag. */
    readonly noSelf?: boolean;
}

/** One canonical rule per peer of a rule. */
export function peersOf(resource: ResourceRef, base: RuleBase, item: Field, fields: PeerFields): SgRule[] {
    const rulePath = item.path;
    const rules: SgRule[] = [];
    const add = (path: string, via: PeerField, peer: Maybe<Peer>) => rules.push(makeRule(resource, base, rulePath, path, via, peer));

    const eachOf = (name: string, single: boolean, via: PeerField, make: (v: Field) => Maybe<Peer>, kindWhenUnknown?: (u: Undetermined) => Peer) => {
        const field = child(item, name);
        const list = single ? (field.state === "absent" ? [] : [field]) : elements(field);
        if (isUndetermined(list)) {
            add(list.path, via, list.undetermined === "unknown" && kindWhenUnknown ? kindWhenUnknown(list) : list);
            return;
        }
        for (const f of list) {
            add(f.path, via, f.state === "unknown" && kindWhenUnknown ? kindWhenUnknown(unknownAt(f.path)) : make(f));
        }
    };
    const cidrPeer = (family: Family) => (f: Field): Maybe<Peer> => {
        const text = str(f);
        if (isUndetermined(text)) {
            return text;
        }
        if (text === undefined) {
            return invalidAt(f.path, `${f.path} is empty: a CIDR block is needed`);
        }
        const cidr = parseCidr(text, family);
        return cidr ? { kind: "cidr", cidr } : invalidAt(f.path, `invalid ${family === 4 ? "IPv4" : "IPv6"} CIDR ${describe(text)} in ${f.path}`);
    };
    const idPeer = (kind: "security-group" | "prefix-list") => (f: Field): Maybe<Peer> => {
        const id = str(f);
        if (id === undefined || id === "") {
            const what = kind === "security-group" ? "a security-group reference" : "a prefix-list reference";
            return invalidAt(f.path, `${f.path} is empty: ${what} needs an ID`);
        }
        return isUndetermined(id) && id.undetermined === "invalid" ? id : { kind, id };
    };

    eachOf(fields.cidr4, fields.cidr4 === "cidrIpv4", "cidr4", cidrPeer(4));
    eachOf(fields.cidr6, fields.cidr6 === "cidrIpv6", "cidr6", cidrPeer(6));
    const prefixName = fields.prefixLists ?? fields.prefixList;
    if (prefixName) {
        eachOf(prefixName, fields.prefixList !== undefined, "prefix-list", idPeer("prefix-list"), (u) => ({ kind: "prefix-list", id: u }));
    }
    const groupName = fields.groups ?? fields.group;
    if (groupName) {
        eachOf(groupName, fields.group !== undefined, "security-group", idPeer("security-group"), (u) => ({ kind: "security-group", id: u }));
    }
    if (!fields.noSelf) {
        const selfField = child(item, "self");
        const self = bool(selfField);
        if (self === true || (isUndetermined(self) && self.undetermined === "unknown")) {
            // An unknown flag is taken as set: self is never the world nor a CIDR, so no finding
            // about addresses can come of it, and a rule without it may have no peer at all.
            add(selfField.path, "self", { kind: "self" });
        } else if (isUndetermined(self)) {
            add(selfField.path, "self", self);
        }
    }
    if (rules.length === 0) {
        const where = rulePath === "" ? "the rule" : rulePath;
        add(rulePath, "none", invalidAt(rulePath, `${where} names no peer: set a CIDR, a prefix list or a security group`));
    }
    return rules;
}
