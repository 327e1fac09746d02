/** Entries, address ranges and points for the net/nacl-eval specs, and the verdict of one point. */
import * as assert from "assert";
import { Family, parseCidr } from "../../policies/net/cidr";
import { Interval } from "../../policies/net/intervals";
import { KnownNaclEntry, PortProtocol, missing } from "../../policies/net/nacl-eval";
import { ALL_PORTS, PortRange } from "../../policies/net/ports";
import { Protocol, parseProtocol } from "../../policies/net/protocol";

export function proto(text: string): Protocol {
    const p = parseProtocol(text);
    assert.ok(p, `test setup: ${text} should parse`);
    return p;
}

export function range(text: string): Interval {
    const c = parseCidr(text);
    assert.ok(c, `test setup: ${text} should parse`);
    return c.range;
}

/** An entry: e(100, "allow", "tcp", [1024, 65535], "0.0.0.0/0"); ports are ignored for all/icmp. */
export function e(ruleNumber: number, action: "allow" | "deny", protocol: string, ports: [number, number] | null, cidr: string): KnownNaclEntry {
    const c = parseCidr(cidr);
    assert.ok(c, `test setup: ${cidr} should parse`);
    const p = proto(protocol);
    const pr = p.kind === "all" ? ALL_PORTS : p.kind === "tcp" || p.kind === "udp" ? { from: ports![0], to: ports![1] } : null;
    return { ruleNumber, action, protocol: p, ports: pr, cidr: c };
}

export function ports(from: number, to = from): PortRange {
    return { from, to };
}

export function iv(lo: bigint, hi: bigint): Interval {
    return { lo, hi };
}

export function v4(a: number, b: number, c: number, d: number): bigint {
    return (BigInt(a) << 24n) | (BigInt(b) << 16n) | (BigInt(c) << 8n) | BigInt(d);
}

/**
 * The verdict for one point, read through missing(): a denied point names the deny entry that
 * matches it first (none: the implicit deny); with every allow entry turned into a deny, an
 * allowed point names the entry that allowed it.
 */
export function verdict(entries: readonly KnownNaclEntry[], protocol: PortProtocol, family: Family, address: bigint, port: number):
    { allowed: boolean; ruleNumber?: number } {
    const at = (es: readonly KnownNaclEntry[]) => missing(es, protocol, family, { lo: address, hi: address }, { from: port, to: port });
    const [denied] = at(entries);
    if (denied) {
        return denied.blockedBy === undefined ? { allowed: false } : { allowed: false, ruleNumber: denied.blockedBy };
    }
    const [allowedBy] = at(entries.map((x) => ({ ...x, action: "deny" as const })));
    return { allowed: true, ruleNumber: allowedBy.blockedBy };
}

export const V4 = range("0.0.0.0/0");
export const V6 = range("::/0");
export const ALLOW_EPHEMERAL = e(100, "allow", "tcp", [1024, 65535], "0.0.0.0/0");
