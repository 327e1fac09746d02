/**
 * Reading the protocol and port range of a rule or entry, shared by the security-group and the
 * network-ACL normalisers. `what` names the thing in messages ("rule", "network ACL entry" or "entry").
 */
import { ALL_PORTS, PortRange, isPort } from "../net/ports";
import { Protocol, hasPorts, parseProtocol } from "../net/protocol";
import { Field, Maybe, describe, invalidAt, isUndetermined, num, str } from "./values";

export function protocolOf(field: Field, what: string): Maybe<Protocol> {
    const raw = field.state === "known" && typeof field.value === "number" ? field.value : str(field);
    if (isUndetermined(raw)) {
        return raw;
    }
    if (raw === undefined) {
        return invalidAt(field.path, `${field.path} is missing: a ${what} needs a protocol`);
    }
    return parseProtocol(raw) ?? invalidAt(field.path, `invalid protocol ${describe(raw)} in ${field.path}`);
}

/**
 * The port range of a rule or entry. Protocol all ("-1") means all ports, whatever fromPort/toPort
 * say. TCP and UDP need 0 <= fromPort <= toPort <= 65535. Other protocols have no ports (null).
 */
export function portsOf(protocol: Maybe<Protocol>, fromField: Field, toField: Field, what: string): Maybe<PortRange | null> {
    if (isUndetermined(protocol)) {
        return protocol;
    }
    if (protocol.kind === "all") {
        return ALL_PORTS;
    }
    if (!hasPorts(protocol)) {
        return null;
    }
    const from = num(fromField);
    const to = num(toField);
    for (const [value, field] of [[from, fromField], [to, toField]] as const) {
        if (isUndetermined(value)) {
            return value;
        }
        if (value === undefined) {
            return invalidAt(field.path, `${field.path} is missing: a TCP or UDP ${what} needs a port range`);
        }
        if (!isPort(value)) {
            return invalidAt(field.path, `port ${value} in ${field.path} is outside 0-65535`);
        }
    }
    const f = from as number;
    const t = to as number;
    if (f > t) {
        return invalidAt(fromField.path, `${fromField.path} (${f}) is greater than ${toField.path} (${t})`);
    }
    return { from: f, to: t };
}
