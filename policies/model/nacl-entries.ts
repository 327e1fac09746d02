/**
 * The one canonical network ACL entry, and the normaliser from every AWS shape that can express
 * one: inline `ingress`/`egress` entries of NetworkAcl and DefaultNetworkAcl, and the standalone
 * ec2.NetworkAclRule. Every field is read on its own, so that one unknown or invalid value never
 * hides what is known about the rest of the entry; nothing here throws.
 */
import { Cidr, Family, familyName, parseCidr } from "../net/cidr";
import { KnownNaclEntry } from "../net/nacl-eval";
import { PortRange } from "../net/ports";
import { Protocol } from "../net/protocol";
import { ResourceRef, propsOf } from "./resource-ref";
import { portsOf, protocolOf } from "./traffic-fields";
import { TYPE } from "./types";
import {
    Field, Maybe, Undetermined, bool, child, describe, elements, invalidAt, isUndetermined, notAnObject, num, str,
} from "./values";

type NaclAction = "allow" | "deny";

/** Where an entry was written. */
interface NaclOrigin {
    readonly urn: string;
    readonly name: string;
    readonly type: string;
    /** "ingress[2]" for an inline entry, "" for a NetworkAclRule. */
    readonly path: string;
}

export interface NaclEntry {
    readonly egress: boolean;
    readonly ruleNumber: Maybe<number>;
    readonly action: Maybe<NaclAction>;
    readonly protocol: Maybe<Protocol>;
    /** TCP/UDP port range; all ports for protocol all; null for ICMP and other protocols. */
    readonly ports: Maybe<PortRange | null>;
    readonly cidr: Maybe<Cidr>;
    /** For ICMP and ICMPv6 entries: type and code, -1 meaning all. */
    readonly icmp?: { readonly type: Maybe<number>; readonly code: Maybe<number> };
    readonly origin: NaclOrigin;
}

export interface NaclEntrySet {
    readonly entries: NaclEntry[];
    /** For NetworkAclRule: the ACL the entry belongs to. */
    readonly networkAclId?: Maybe<string>;
}

const MIN_RULE_NUMBER = 1;
const MAX_RULE_NUMBER = 32766;

/** Normalises the entries of a network ACL or a NetworkAclRule; undefined for other types. */
export function naclEntries(resource: ResourceRef): NaclEntrySet | undefined {
    const props = propsOf(resource);
    switch (resource.type) {
        case TYPE.networkAcl:
        case TYPE.defaultNetworkAcl:
            return { entries: [...inlineEntries(resource, props, false), ...inlineEntries(resource, props, true)] };
        case TYPE.networkAclRule:
            return { entries: standaloneEntries(resource, props), networkAclId: aclId(child(props, "networkAclId")) };
        default:
            return undefined;
    }
}

/** The entry as the evaluator takes it, when every field of it is known and valid. */
export function knownEntry(entry: NaclEntry): (KnownNaclEntry & { readonly egress: boolean; readonly origin: NaclOrigin }) | undefined {
    const { ruleNumber, action, protocol, ports, cidr } = entry;
    if (isUndetermined(ruleNumber) || isUndetermined(action) || isUndetermined(protocol)
        || isUndetermined(ports) || isUndetermined(cidr)) {
        return undefined;
    }
    return { egress: entry.egress, ruleNumber, action, protocol, ports, cidr, origin: entry.origin };
}

/** The first undetermined field of an entry (invalid before unknown), or undefined when it is known. */
export function undeterminedPart(entry: NaclEntry): Undetermined | undefined {
    const parts = [entry.ruleNumber, entry.action, entry.protocol, entry.ports, entry.cidr]
        .filter((v): v is Undetermined => isUndetermined(v));
    return parts.find((u) => u.undetermined === "invalid") ?? parts[0];
}

function aclId(field: Field): Maybe<string> {
    const id = str(field);
    if (isUndetermined(id)) {
        return id;
    }
    return id === undefined || id === ""
        ? invalidAt(field.path, `${field.path} is missing: a network ACL rule needs the ACL it belongs to`)
        : id;
}

function origin(resource: ResourceRef, path: string): NaclOrigin {
    return { urn: resource.urn, name: resource.name, type: resource.type, path };
}

/** An entry that cannot be read at all: every part of it is undetermined for the same reason. */
function undeterminedEntry(resource: ResourceRef, egress: boolean, why: Undetermined): NaclEntry {
    return { egress, ruleNumber: why, action: why, protocol: why, ports: why, cidr: why, origin: origin(resource, why.path) };
}

function inlineEntries(resource: ResourceRef, props: Field, egress: boolean): NaclEntry[] {
    const list = elements(child(props, egress ? "egress" : "ingress"));
    if (isUndetermined(list)) {
        return [undeterminedEntry(resource, egress, list)];
    }
    return list.map((item) => {
        const why = notAnObject(item, "a network ACL entry");
        return why ? undeterminedEntry(resource, egress, why) : readEntry(resource, item, egress, "ruleNo", "action");
    });
}

function standaloneEntries(resource: ResourceRef, props: Field): NaclEntry[] {
    const egressField = child(props, "egress");
    const egress = bool(egressField);
    if (isUndetermined(egress)) {
        // Either direction: the entry is read for both, and its action hinges on the flag.
        return [false, true].map((dir) => ({ ...readEntry(resource, props, dir, "ruleNumber", "ruleAction"), action: egress }));
    }
    return [readEntry(resource, props, egress ?? false, "ruleNumber", "ruleAction")];
}

function readEntry(resource: ResourceRef, item: Field, egress: boolean, numberKey: string, actionKey: string): NaclEntry {
    const protocol = protocolOf(child(item, "protocol"), "network ACL entry");
    const entry: NaclEntry = {
        egress,
        ruleNumber: ruleNumberOf(child(item, numberKey)),
        action: actionOf(child(item, actionKey)),
        protocol,
        ports: portsOf(protocol, child(item, "fromPort"), child(item, "toPort"), "entry"),
        cidr: cidrOf(item),
        origin: origin(resource, item.path),
    };
    if (!isUndetermined(protocol) && (protocol.kind === "icmp" || protocol.kind === "icmpv6")) {
        return { ...entry, icmp: { type: icmpOf(child(item, "icmpType")), code: icmpOf(child(item, "icmpCode")) } };
    }
    return entry;
}

/** A value an entry needs: undetermined as read, invalid when missing, else as `valid` finds it. */
function required<V, T>(field: Field, value: Maybe<V | undefined>, needs: string, valid: (v: V) => Maybe<T>): Maybe<T> {
    if (isUndetermined(value)) {
        return value;
    }
    return value === undefined ? invalidAt(field.path, `${field.path} is missing: a network ACL entry needs ${needs}`) : valid(value);
}

function ruleNumberOf(field: Field): Maybe<number> {
    return required(field, num(field), "a rule number", (n) => (Number.isInteger(n) && n >= MIN_RULE_NUMBER && n <= MAX_RULE_NUMBER
        ? n
        : invalidAt(field.path, `rule number ${n} in ${field.path} is outside ${MIN_RULE_NUMBER}-${MAX_RULE_NUMBER}`)));
}

function actionOf(field: Field): Maybe<NaclAction> {
    return required(field, str(field), "'allow' or 'deny'", (a) => {
        const lower = a.trim().toLowerCase();
        return lower === "allow" || lower === "deny"
            ? lower
            : invalidAt(field.path, `invalid action ${describe(a)} in ${field.path}: should be 'allow' or 'deny'`);
    });
}

/**
 * Exactly one of cidrBlock / ipv6CidrBlock. An empty string counts as not set: the provider reports
 * the unused one as "" in state.
 */
function cidrOf(item: Field): Maybe<Cidr> {
    const read = (key: string): { field: Field; text: Maybe<string | undefined> } => {
        const field = child(item, key);
        const text = str(field);
        return { field, text: text === "" ? undefined : text };
    };
    const v4 = read("cidrBlock");
    const v6 = read("ipv6CidrBlock");
    const where = item.path === "" ? "the entry" : item.path;
    for (const side of [v4, v6]) {
        if (isUndetermined(side.text) && side.text.undetermined === "invalid") {
            return side.text;
        }
    }
    if (v4.text !== undefined && v6.text !== undefined) {
        if (isUndetermined(v4.text) || isUndetermined(v6.text)) {
            // One of them may yet turn out to be empty.
            return isUndetermined(v4.text) ? v4.text : v6.text as Undetermined;
        }
        return invalidAt(item.path,
            `${where} sets both ${v4.field.path} and ${v6.field.path}: a network ACL entry has exactly one CIDR block`);
    }
    if (v4.text === undefined && v6.text === undefined) {
        return invalidAt(item.path, `${where} names no CIDR block: set ${v4.field.path} or ${v6.field.path}`);
    }
    const [side, family] = v4.text !== undefined ? [v4, 4 as Family] : [v6, 6 as Family];
    const text = side.text as Maybe<string>;
    if (isUndetermined(text)) {
        return text;
    }
    return parseCidr(text, family)
        ?? invalidAt(side.field.path, `invalid ${familyName(family)} CIDR ${describe(text)} in ${side.field.path}`);
}

/** ICMP type or code: -1 (all) or 0..255. Absent means 0, as the provider sends it. */
function icmpOf(field: Field): Maybe<number> {
    const n = num(field);
    if (isUndetermined(n)) {
        return n;
    }
    if (n === undefined) {
        return 0;
    }
    return Number.isInteger(n) && n >= -1 && n <= 255
        ? n
        : invalidAt(field.path, `ICMP value ${n} in ${field.path} is outside -1-255`);
}
