/** The traffic a security-group rule allows, as far as its protocol and ports are known. */
import { TrafficSet, isNoTraffic, trafficIntersect, trafficOf } from "../net/traffic";
import { Answer, answerOf } from "./decide";
import { SgRule } from "./sg-rules";
import { isUndetermined } from "./values";

/** The traffic a rule allows; undefined when its protocol or ports are undetermined. */
export function ruleTraffic(rule: SgRule): TrafficSet | undefined {
    const { protocol, ports } = rule;
    return isUndetermined(protocol) || isUndetermined(ports) ? undefined : trafficOf(protocol, ports);
}

/** Does the rule allow any of the traffic? */
export function reaches(rule: SgRule, within: TrafficSet): Answer {
    const { protocol, ports } = rule;
    if (isUndetermined(protocol)) {
        return protocol;
    }
    // With its ports undetermined, a rule may reach any port of its protocol, and no other traffic.
    if (isNoTraffic(trafficIntersect(trafficOf(protocol, null), within))) {
        return "no";
    }
    return isUndetermined(ports) ? ports : answerOf(!isNoTraffic(trafficIntersect(trafficOf(protocol, ports), within)));
}
