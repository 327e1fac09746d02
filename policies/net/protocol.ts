/**
 * IP protocols as AWS spells them in security-group and network-ACL rules.
 * "-1" and "all" mean every protocol (and then every port, whatever the port fields say).
 */
export type Protocol =
    | { readonly kind: "all" }
    | { readonly kind: "tcp" }
    | { readonly kind: "udp" }
    | { readonly kind: "icmp" }
    | { readonly kind: "icmpv6" }
    /** Any other IANA protocol number, 0..255. */
    | { readonly kind: "number"; readonly number: number };

export const ALL: Protocol = { kind: "all" };
export const TCP: Protocol = { kind: "tcp" };
export const UDP: Protocol = { kind: "udp" };
export const ICMP: Protocol = { kind: "icmp" };
export const ICMPV6: Protocol = { kind: "icmpv6" };

const byName: Record<string, Protocol> = {
    "-1": ALL,
    all: ALL,
    tcp: TCP,
    "6": TCP,
    udp: UDP,
    "17": UDP,
    icmp: ICMP,
    "1": ICMP,
    icmpv6: ICMPV6,
    "58": ICMPV6,
};

/**
 * Parses a protocol from a rule field (a string or a number). Returns undefined when the value
 * is not a protocol AWS accepts.
 */
export function parseProtocol(value: unknown): Protocol | undefined {
    if (typeof value === "number") {
        value = Number.isInteger(value) ? String(value) : undefined;
    }
    if (typeof value !== "string") {
        return undefined;
    }
    const key = value.trim().toLowerCase();
    // Own keys only: "__proto__", "constructor" or "toString" are not protocols.
    const named = Object.prototype.hasOwnProperty.call(byName, key) ? byName[key] : undefined;
    if (named) {
        return named;
    }
    // The provider reads numbers with strconv.Atoi and then maps them to names, so "06", "+6"
    // and "0006" are all TCP: strip the sign and the padding before the lookup.
    const digits = /^\+?0*(\d{1,3})$/.exec(key);
    if (digits) {
        const n = Number(digits[1]);
        if (n <= 255) {
            return byName[String(n)] ?? { kind: "number", number: n };
        }
    }
    return undefined;
}

/** True when the protocol carries ports (TCP, UDP), so that a port range applies to it. */
export function hasPorts(p: Protocol): boolean {
    return p.kind === "tcp" || p.kind === "udp";
}

/** True when traffic of protocol `wanted` is allowed by a rule of protocol `rule`. */
export function protocolIncludes(rule: Protocol, wanted: Protocol): boolean {
    if (rule.kind === "all") {
        return true;
    }
    if (rule.kind === "number" && wanted.kind === "number") {
        return rule.number === wanted.number;
    }
    return rule.kind === wanted.kind;
}

export function protocolName(p: Protocol): string {
    switch (p.kind) {
        case "all":
            return "all protocols";
        case "number":
            return `protocol ${p.number}`;
        case "icmpv6":
            return "ICMPv6";
        default:
            return p.kind.toUpperCase();
    }
}
