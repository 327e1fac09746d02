/**
 * Over the Analyzer protocol, the pack started as the CLI starts it, AnalyzeStack:
 * sg-world-ingress-only-on-load-balancers sees the world admitted through a managed prefix list of
 * the stack (first preview and update alike), and on a group outside the stack that a rule
 * resource of the stack opens to the world while an instance of the stack uses it, and on ports not
 * known yet.
 */
import * as assert from "assert";
import { AnalyzeResult, StackResource } from "../../runner/analyzer-client";
import { UNKNOWN } from "../../runner/capture";
import { TYPE } from "../util/types";
import { suitePack } from "./suite-pack";

type Mode = "preview" | "update";
const POLICY = "sg-world-ingress-only-on-load-balancers";
const urn = (type: string, name: string) => `urn:pulumi:stack::project::${type}::${name}`;
const WEB = urn(TYPE.sg, "web");

function resource(type: string, name: string, properties: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): StackResource {
    return { urn: urn(type, name), type, name, properties: properties as StackResource["properties"],
        dependencies: [...new Set(Object.values(propertyDependencies).flat())], propertyDependencies };
}

/** The list 'anyone' holding 0.0.0.0/0, the group 'web' admitting HTTPS from it, and an instance on 'web'. */
function listStack(mode: Mode): StackResource[] {
    const id = (v: string) => (mode === "update" ? v : UNKNOWN);
    return [
        resource(TYPE.prefixList, "anyone", { ...(mode === "update" ? { id: "pl-1" } : {}), name: "anyone", addressFamily: "IPv4", maxEntries: 5,
            entries: [{ cidr: "0.0.0.0/0" }] }),
        resource(TYPE.sg, "web", { ...(mode === "update" ? { id: "sg-1" } : {}), description: "web",
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [id("pl-1")] }], egress: [] }, { ingress: [urn(TYPE.prefixList, "anyone")] }),
        resource(TYPE.instance, "vm", { ami: "ami-1", vpcSecurityGroupIds: [id("sg-1")] }, { vpcSecurityGroupIds: [WEB] }),
    ];
}

const TAIL = ". Internet traffic then reaches the hosts directly, with no load balancer to absorb scans and malformed requests. " +
    "Fix: Put a load balancer in front: give the load balancer the internet-facing group, and let the compute group admit " +
    "only the load balancer's security group.";

const of = (r: AnalyzeResult) => r.diagnostics.filter((d) => d.policyName === POLICY).map((d) => [d.enforcementLevel, d.urn, d.message]);

describe("protocol: sg-world-ingress-only-on-load-balancers through prefix lists and on groups outside the stack", function () {
    this.timeout(180_000);
    const pack = suitePack();

    for (const mode of ["preview", "update"] as Mode[]) {
        it(`a group admitting a prefix list that holds 0.0.0.0/0, on an instance (${mode})`, async () => {
            assert.deepStrictEqual(of(await pack().analyzeStack(listStack(mode))), [["advisory", WEB,
                "aws.ec2.SecurityGroup 'web' admits every IPv4 address (ingress[0].prefixListIds[0] via aws.ec2.ManagedPrefixList " +
                `'anyone' entries[0].cidr (0.0.0.0/0)) and is attached to compute: aws.ec2.Instance 'vm'${TAIL}`]]);
        });
    }

    it("a group outside the stack, opened to the world by a rule resource of the stack, on an instance of the stack", async () => {
        const stack = [
            resource(TYPE.vpcIngress, "https", { securityGroupId: "sg-0123", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description: "r" }),
            resource(TYPE.instance, "vm", { ami: "ami-1", vpcSecurityGroupIds: ["sg-0123"] }),
        ];
        assert.deepStrictEqual(of(await pack().analyzeStack(stack)), [["advisory", undefined,
            "security group sg-0123 (not in this stack) admits every IPv4 address (aws.vpc.SecurityGroupIngressRule 'https' cidrIpv4) " +
            `and is attached to compute: aws.ec2.Instance 'vm'${TAIL}`]]);
    });

    it("a group admitting 0.0.0.0/0 on ports not known yet, on an instance: the world on some port is still the world", async () => {
        const stack = [
            resource(TYPE.sg, "web", { description: "web", egress: [],
                ingress: [{ protocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] }] }),
            resource(TYPE.instance, "vm", { ami: "ami-1", vpcSecurityGroupIds: [UNKNOWN] }, { vpcSecurityGroupIds: [WEB] }),
        ];
        assert.deepStrictEqual(of(await pack().analyzeStack(stack)), [["advisory", WEB,
            `aws.ec2.SecurityGroup 'web' admits every IPv4 address (ingress[0].cidrBlocks[0]) and is attached to compute: aws.ec2.Instance 'vm'${TAIL}`]]);
    });
});
