/**
 * How findings read. Every message says which rule (property path), exactly what it allows
 * (protocol, ports, peer), why that matters, and the fix.
 */
import { ReportViolation } from "@pulumi/policy";
import { familyName, isWholeFamily } from "../net/cidr";
import { PortRange, formatPorts, isAllPorts } from "../net/ports";
import { Protocol, protocolName } from "../net/protocol";
import { Peer, SgRule } from "../model/sg-rules";
import { Undetermined, isUndetermined } from "../model/values";

export function trafficText(protocol: Protocol, ports: PortRange | null): string {
    if (protocol.kind === "all") {
        return "all traffic (every protocol and port)";
    }
    if (ports === null) {
        return protocolName(protocol);
    }
    return isAllPorts(ports) ? `${protocolName(protocol)} on all ports` : `${protocolName(protocol)} ${formatPorts(ports)}`;
}

export function peerText(peer: Peer): string {
    switch (peer.kind) {
        case "cidr":
            return isWholeFamily(peer.cidr)
                ? `${peer.cidr.text} (every ${familyName(peer.cidr.family)} address)`
                : peer.cidr.text;
        case "security-group":
            return isUndetermined(peer.id) ? "a security group (ID known after creation)" : `security group ${peer.id}`;
        case "prefix-list":
            return isUndetermined(peer.id) ? "a prefix list (ID known after creation)" : `prefix list ${peer.id}`;
        case "self":
            return "members of this security group (self)";
    }
}

/** "ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)"; `named`: the peer named otherwise. */
export function ruleText(rule: SgRule, named?: string): string {
    const what = isUndetermined(rule.protocol) || isUndetermined(rule.ports)
        ? "traffic"
        : trafficText(rule.protocol, rule.ports);
    const peer = named ?? (isUndetermined(rule.peer) ? "an undetermined peer" : peerText(rule.peer));
    return `${rule.origin.peerPath} allows ${what} ${rule.direction === "ingress" ? "from" : "to"} ${peer}`;
}

/** Items in a message beyond which the rest are only counted, so that a message stays readable. */
export const MAX_LISTED = 12;

export function listText(items: readonly string[]): string {
    if (items.length <= 1) {
        return items.join("");
    }
    if (items.length > MAX_LISTED) {
        return `${items.slice(0, MAX_LISTED).join(", ")} and ${items.length - MAX_LISTED} more`;
    }
    return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The reporter a policy's logic talks to. `at` is the rule or property path the finding is about
 * (`ingress[0].cidrBlocks[1]`), which identifies it while its message changes (finding-keys.ts);
 * leave it out for a finding about the whole resource.
 */
export interface Reporter {
    /** A definite violation, at the policy's enforcement level. */
    violation(message: string, urn?: string, at?: string): void;
    /** An advisory note: the decision depends on a value that is not known yet. */
    note(message: string, urn?: string, at?: string): void;
    /**
     * A decision that hinges on an undetermined value: an unknown one becomes an advisory note
     * "cannot be verified at preview"; an invalid one is a violation, since AWS would reject it.
     * `at` defaults to the undetermined value's path.
     */
    undetermined(why: Undetermined, consequence: string, urn?: string, at?: string): void;
}

/** What an undetermined decision is reported as: a note for an unknown value, a violation for an invalid one. */
export function undeterminedFinding(why: Undetermined, consequence: string): { kind: "note" | "violation"; message: string } {
    return why.undetermined === "unknown"
        ? { kind: "note", message: `Cannot be verified at preview: ${why.reason}. ${consequence}` }
        : { kind: "violation", message: `Cannot be evaluated: ${why.reason}. ${consequence} Fix the value: AWS rejects it.` };
}

export function reporter(report: ReportViolation): Reporter {
    // @pulumi/policy's reportViolation also takes an object that carries its own level; that is
    // how a mandatory policy reports an advisory note.
    const reportObject = report as unknown as (v: { message: string; enforcementLevel?: "advisory"; urn?: string }) => void;
    const self: Reporter = {
        violation: (message, urn) => reportObject({ message, urn }),
        note: (message, urn) => reportObject({ message, enforcementLevel: "advisory", urn }),
        undetermined: (why, consequence, urn) => {
            const f = undeterminedFinding(why, consequence);
            self[f.kind](f.message, urn);
        },
    };
    return self;
}

/** "aws.ec2.Instance 'web'" from a resource's type token and name. */
export function resourceLabel(r: { type: string; name: string }): string {
    const m = /^([^:]+):([^/:]+)\/[^:]*:(.+)$/.exec(r.type);
    return `${m ? `${m[1]}.${m[2]}.${m[3]}` : r.type} '${r.name}'`;
}
