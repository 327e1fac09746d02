/**
 * The check shared by the two "world only on these ports" policies (ingress and egress): a rule to
 * or from the world offends when it allows any traffic outside the allowed TCP and UDP ports.
 */
import { Tri, on } from "../model/decide";
import { Direction, SgRule } from "../model/sg-rules";
import { isUndetermined } from "../model/values";
import { covers } from "../net/intervals";
import { PortRange, portSet } from "../net/ports";
import { SgCheck } from "../policy";
import { checkWorldExposure } from "./world";

export interface AllowedPorts {
    readonly tcp: readonly PortRange[];
    readonly udp: readonly PortRange[];
}

/** Does the rule allow anything besides the allowed ports? All protocols and ICMP always do. */
export function outsideAllowed(rule: SgRule, allowed: AllowedPorts): Tri {
    const protocol = rule.protocol;
    if (isUndetermined(protocol)) {
        return protocol;
    }
    if (protocol.kind !== "tcp" && protocol.kind !== "udp") {
        return "yes";
    }
    const ok = portSet(protocol.kind === "tcp" ? allowed.tcp : allowed.udp);
    return on(rule.ports, (ports) => ports === null || !covers(ok, portSet([ports])));
}

export function checkWorldOnlyOnAllowedPorts(
    direction: Direction,
    allowed: AllowedPorts,
    { ruleSet, report }: SgCheck,
    why: string,
    fix: string,
): void {
    const world = direction === "ingress" ? "from the whole internet" : "to the whole internet";
    checkWorldExposure({
        rules: ruleSet.rules.filter((r) => r.direction === direction),
        offends: (rule) => outsideAllowed(rule, allowed),
        report,
        violation: (_e, what) => `${what}, which is ${direction} ${world} beyond the allowed ports. ${why} Fix: ${fix}`,
        consequence: (rule) => `If it is the whole internet, ${rule.origin.peerPath} allows ${direction} ${world} beyond the allowed ports.`,
    });
}
