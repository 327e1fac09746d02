/**
 * How the exposure policies word a path from the internet, hop by hop (policies/exposure/shared/text.ts):
 * each kind of hop as a clause, hops of one layer joined into one clause, the rest of a long layer
 * counted, and the note for a path that may exist.
 */
import * as assert from "assert";
import { Hop, PossiblePath } from "../../policies/graph/exposure/path";
import { Source } from "../../policies/graph/exposure/client-ip";
import { StackModel } from "../../policies/graph/stack";
import { SgRule } from "../../policies/model/sg-rules";
import { Reporter } from "../../policies/core/report";
import { hopsText, otherPaths, reportPossible } from "../../policies/exposure/shared/text";
import { portTraffic } from "../../policies/net/traffic";

/** Resources named by their keys, in angle brackets. */
const label = (urn: string) => `<${urn}>`;

/** An ingress rule of group `urn` that admits TCP `port` from the group's own members. */
const selfRule = (urn: string, port: number): SgRule => ({
    direction: "ingress", via: "self", protocol: { kind: "tcp" }, ports: { from: port, to: port }, peer: { kind: "self" }, description: undefined,
    origin: { urn, name: urn, type: "aws:ec2/securityGroup:SecurityGroup", rulePath: `ingress[${port}]`, peerPath: `ingress[${port}].self` },
});

/** A target hop: `via` sends the packet to 'web' (on `port`), with the source the target sees. */
const target = (via: string, port: number | undefined, source?: Source): Hop =>
    ({ kind: "target", urn: via, path: "targetId", target: "web", ...(port === undefined ? {} : { port }), ...(source ? { source } : {}) });

/** A listener `urn` of load balancer 'lb' on `port`. */
const listener = (urn: string, port: number): Hop => ({ kind: "listener", urn, path: "port", loadBalancer: "lb", port });

/** Subnet 'subnet' routes `destination` to gateway 'igw' by route `path` of table 'rt'. */
const route = (path: string, destination: string): Hop => ({
    kind: "route", urn: "rt", path, subnet: { kind: "stack", urn: "subnet" }, table: "rt", tableOf: "association", via: "assoc",
    destination, gateway: { kind: "stack", urn: "igw" },
});

const CLIENT = "so the target must admit the internet itself, not the load balancer's subnets";

describe("exposure path text", () => {
    it("names an inbound network ACL entry whose rule number is not known", () => {
        const hop: Hop = { kind: "nacl-in", urn: "acl", path: "ingress[0]", acl: "acl", protocol: "tcp", ports: [{ lo: 22n, hi: 22n }] };
        assert.strictEqual(hopsText([hop], label),
            "network ACL: <acl> inbound rule (number not known) (ingress[0]) lets TCP 22 in from the internet");
    });

    it("tells why a target sees the client's own address", () => {
        assert.deepStrictEqual([
            hopsText([target("att", 80, { client: true, reason: "set" })], label),
            hopsText([target("att", 80, { client: true, reason: "always", targetGroup: "tg", protocol: "TCP_UDP" })], label),
            hopsText([target("att", 80, { client: true, reason: "always", targetGroup: "tg" })], label),
        ], [
            `target: <att> targetId sends it to <web> on port 80 with the client's own address (the target group sets preserveClientIp: true), ${CLIENT}`,
            `target: <att> targetId sends it to <web> on port 80 with the client's own address (<tg> is TCP_UDP, which always keeps the client's address), ${CLIENT}`,
            `target: <att> targetId sends it to <web> on port 80 with the client's own address (<tg> is UDP, which always keeps the client's address), ${CLIENT}`,
        ]);
    });

    it("joins two targets in one clause, the port named only when it is known", () => {
        assert.strictEqual(hopsText([target("att", undefined), target("att2", 8080)], label),
            "target: <att> targetId sends it to <web>, and <att2> targetId sends it to <web> on port 8080");
    });

    it("joins a default subnet's address and a dualstack load balancer's in one clause", () => {
        const hops: Hop[] = [
            { kind: "public-address", urn: "subnet", path: "", family: 4, source: "subnet-default" },
            { kind: "public-address", urn: "lb", path: "ipAddressType", family: 6, source: "internet-facing" },
        ];
        assert.strictEqual(hopsText(hops, label), "address: it does not set its own public-address flag, and <subnet> is a default subnet, " +
            "which AWS sets to map public addresses on launch, and it is internet-facing (ipAddressType is dualstack)");
    });

    it("joins two routes in one clause", () => {
        assert.strictEqual(hopsText([route("routes[0]", "0.0.0.0/0"), route("routes[1]", "::/0")], label),
            "route: <subnet> uses <rt> (through <assoc>), and its routes[0] sends 0.0.0.0/0 to <igw>, " +
            "and <subnet> uses <rt> (through <assoc>), and its routes[1] sends ::/0 to <igw>");
    });

    it("joins two security-group rules and two listeners in a clause each", () => {
        const rules: Hop[] = [{ kind: "sg-rule", urn: "sg", path: "ingress[22]", rule: selfRule("sg", 22) },
            { kind: "sg-rule", urn: "sg", path: "ingress[23]", rule: selfRule("sg", 23) }];
        assert.strictEqual(hopsText([...rules, listener("l1", 80), listener("l2", 443)], label),
            "security group: <sg> ingress[22].self allows TCP port 22 from members of this security group (self), " +
            "and <sg> ingress[23].self allows TCP port 23 from members of this security group (self); " +
            "listener: <l1> on port 80 of <lb>, and <l2> on port 443 of <lb>");
    });

    it("counts the listeners beyond the twelfth at the end of a path", () => {
        const hops = Array.from({ length: 14 }, (_, i) => listener(`l${i}`, 8000 + i));
        const named = Array.from({ length: 12 }, (_, i) => `<l${i}> on port ${8000 + i} of <lb>`);
        assert.strictEqual(hopsText(hops, label), `listener: ${named.join(", and ")}, and 2 more`);
    });

    it("notes a path that hinges on a fact outside the stack, with no hop known and no other path", () => {
        const found: string[] = [];
        const report: Reporter = {
            violation: (m) => found.push(`violation: ${m}`), note: (m) => found.push(`note: ${m}`),
            undetermined: (w, m) => found.push(`undetermined: ${w.reason}: ${m}`),
        };
        const p: PossiblePath = {
            resource: "web", family: 4, traffic: portTraffic(["tcp"], [{ from: 22, to: 22 }]), hops: [],
            doubt: { why: { undetermined: "unknown", path: "routes", reason: "the main route table is outside the stack" }, urn: "vpc", outside: true },
        };
        reportPossible(new StackModel([]), p, "It", "Close it.", report, "web");
        assert.deepStrictEqual(found, [
            "note: Cannot be verified: the main route table is outside the stack. It may be reachable from the internet on TCP port 22 (IPv4). Close it.",
        ]);
        assert.strictEqual(otherPaths([p], label), "");
    });

    it("lists a resource's other paths, with the subnet when it is known", () => {
        const path = (port: number, subnet?: string) => ({
            resource: "web", family: 4 as const, traffic: portTraffic(["tcp"], [{ from: port, to: port }]), hops: [],
            ...(subnet ? { subnet: { kind: "stack" as const, urn: subnet } } : {}),
        });
        assert.strictEqual(otherPaths([path(22, "a"), path(80), path(443, "b")], label),
            " It is also reachable on TCP port 80 (IPv4) and TCP port 443 (IPv4) through <b>.");
    });
});
