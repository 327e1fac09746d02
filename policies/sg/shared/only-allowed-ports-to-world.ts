/**
 * The check shared by the two "world only on these ports" policies (ingress and egress): traffic to
 * or from the world offends when it lies outside the allowed TCP and UDP ports (all other
 * protocols, ICMP included, always do).
 */
import { portList } from "../../core/config";
import { Direction } from "../../model/sg-rules";
import { isUndetermined } from "../../model/values";
import { ALL_TRAFFIC, portTraffic, trafficMinus, trafficUnion } from "../../net/traffic";
import { WorldSpec, WorldSpecOf } from "./world";

export function worldOnlyOnAllowedPorts(direction: Direction, why: string, fix: string): WorldSpecOf {
    const world = direction === "ingress" ? "from the whole internet" : "to the whole internet";
    return (config): WorldSpec => {
        const allowed = trafficUnion(portTraffic(["tcp"], portList(config, "allowedPorts")), portTraffic(["udp"], portList(config, "allowedUdpPorts")));
        return {
            direction,
            offending: trafficMinus(ALL_TRAFFIC, allowed),
            violation: (_e, what) => `${what}, which is ${direction} ${world} beyond the allowed ports. ${why} Fix: ${fix}`,
            effect: () => `be ${direction} ${world} beyond the allowed ports`,
            // A peer not known yet, or a known world whose ports are not.
            consequence: (rule) => isUndetermined(rule.peer)
                ? `If it is the whole internet, ${rule.origin.peerPath} allows ${direction} ${world} beyond the allowed ports.`
                : `If its ports go beyond the allowed ones, ${rule.origin.peerPath} allows ${direction} ${world} on them.`,
        };
    };
}
