import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    CapturedResource, CapturedStack, RESOURCE_REF_SIG, SECRET_SIG, SIG_KEY, UNKNOWN,
    captureProgram, toAnalyzedResources, toStackResources,
} from "../../runner/capture";
import { webTier } from "../programs/web-tier";
import { TYPE } from "../util/types";

const STACK_URN = "urn:pulumi:stack::project::pulumi:pulumi:Stack::project-stack";
const SG_URN = "urn:pulumi:stack::project::aws:ec2/securityGroup:SecurityGroup::web";
const SG_TYPE = TYPE.sg;
const RULE_TYPE = TYPE.sgRule;
const INGRESS_TYPE = TYPE.vpcIngress;
const INSTANCE_TYPE = TYPE.instance;

function byType(c: CapturedStack, type: string): CapturedResource {
    const found = c.resources.filter(r => r.type === type);
    assert.strictEqual(found.length, 1, `exactly one ${type}`);
    return found[0];
}

/** Property dependencies as the SDK sends them: every input key, empty when it has none. */
function noDeps(...keys: string[]): Record<string, string[]> {
    return Object.fromEntries(keys.map(k => [k, []]));
}

describe("captureProgram", () => {
    describe("web tier program in preview (first `pulumi preview`)", () => {
        let c: CapturedStack;
        before(async () => { c = await captureProgram(webTier); });

        it("registers the root stack first, then the security group, then its dependents", () => {
            assert.deepStrictEqual(c.resources.map(r => r.type).slice(0, 2), ["pulumi:pulumi:Stack", SG_TYPE]);
            assert.deepStrictEqual(c.resources.map(r => r.type).slice(2).sort(), [INSTANCE_TYPE, RULE_TYPE, INGRESS_TYPE].sort());
            assert.deepStrictEqual({ project: c.project, stack: c.stack, preview: c.preview },
                { project: "project", stack: "stack", preview: true });
        });

        it("root stack resource: no inputs, the program's return value as wire-form outputs", () => {
            assert.deepStrictEqual(c.resources[0], {
                urn: STACK_URN, type: "pulumi:pulumi:Stack", name: "project-stack", custom: false,
                inputs: {}, outputs: { sgId: UNKNOWN },
                dependencies: [], propertyDependencies: {},
                protect: false, ignoreChanges: [], additionalSecretOutputs: [],
            });
        });

        it("URNs omit the root stack type, like the engine (not the mock's pulumi:pulumi:Stack$ prefix)", () => {
            for (const r of c.resources.slice(1)) {
                assert.strictEqual(r.urn, `urn:pulumi:stack::project::${r.type}::${r.name}`);
                assert.strictEqual(r.parent, STACK_URN);
            }
        });

        it("SecurityGroup: inline rules are arrays of {fromPort,toPort,protocol,cidrBlocks,...}, secrets keep their signature, id unknown", () => {
            assert.deepStrictEqual(byType(c, SG_TYPE), {
                urn: SG_URN, type: SG_TYPE, name: "web", custom: true, parent: STACK_URN,
                inputs: {
                    description: "Web tier",
                    vpcId: "vpc-123",
                    ingress: [{ cidrBlocks: ["0.0.0.0/0"], description: "HTTPS", fromPort: 443, protocol: "tcp", toPort: 443 }],
                    egress: [{ cidrBlocks: ["0.0.0.0/0"], fromPort: 0, ipv6CidrBlocks: ["::/0"], protocol: "-1", toPort: 0 }],
                    tags: { team: { [SIG_KEY]: SECRET_SIG, value: "edge" } },
                },
                // The mock echoes the inputs; its re-serialisation lifts the secret to the whole map.
                outputs: {
                    description: "Web tier",
                    vpcId: "vpc-123",
                    ingress: [{ cidrBlocks: ["0.0.0.0/0"], description: "HTTPS", fromPort: 443, protocol: "tcp", toPort: 443 }],
                    egress: [{ cidrBlocks: ["0.0.0.0/0"], fromPort: 0, ipv6CidrBlocks: ["::/0"], protocol: "-1", toPort: 0 }],
                    tags: { [SIG_KEY]: SECRET_SIG, value: { team: "edge" } },
                },
                dependencies: [],
                propertyDependencies: noDeps("description", "egress", "ingress", "tags", "vpcId"),
                protect: false, ignoreChanges: [], additionalSecretOutputs: [],
            });
        });

        it("SecurityGroupRule: securityGroupId is the unknown sentinel and depends on the SG's URN", () => {
            const r = byType(c, RULE_TYPE);
            assert.deepStrictEqual(r.inputs, {
                type: "ingress", securityGroupId: UNKNOWN, fromPort: 22, toPort: 22, protocol: "tcp", cidrBlocks: ["10.0.0.0/8"],
            });
            assert.deepStrictEqual(r.propertyDependencies, {
                ...noDeps("cidrBlocks", "fromPort", "protocol", "toPort", "type"), securityGroupId: [SG_URN],
            });
            assert.deepStrictEqual(r.dependencies, [SG_URN]);
            assert.strictEqual(r.id, undefined);
        });

        it("vpc.SecurityGroupIngressRule: one peer per rule (cidrIpv6), ipProtocol, unknown securityGroupId", () => {
            const r = byType(c, INGRESS_TYPE);
            assert.deepStrictEqual(r.inputs, {
                securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0",
            });
            assert.deepStrictEqual(r.propertyDependencies, {
                ...noDeps("cidrIpv6", "fromPort", "ipProtocol", "toPort"), securityGroupId: [SG_URN],
            });
        });

        it("Instance: vpcSecurityGroupIds holds the unknown sentinel and depends on the SG", () => {
            const r = byType(c, INSTANCE_TYPE);
            assert.deepStrictEqual(r.inputs, { ami: "ami-123", instanceType: "t3.micro", vpcSecurityGroupIds: [UNKNOWN] });
            assert.deepStrictEqual(r.propertyDependencies, { ...noDeps("ami", "instanceType"), vpcSecurityGroupIds: [SG_URN] });
            assert.deepStrictEqual(r.dependencies, [SG_URN]);
        });

        it("toAnalyzedResources gives the Analyze requests: inputs, parent in options", () => {
            const a = toAnalyzedResources(c).find(r => r.type === RULE_TYPE);
            assert.deepStrictEqual(a, {
                urn: "urn:pulumi:stack::project::aws:ec2/securityGroupRule:SecurityGroupRule::ssh",
                type: RULE_TYPE, name: "ssh", properties: byType(c, RULE_TYPE).inputs,
                options: { protect: false, ignoreChanges: [], additionalSecretOutputs: [], parent: STACK_URN },
            });
        });

        it("toStackResources gives the AnalyzeStack request: outputs, parent, dependencies", () => {
            const s = toStackResources(c).find(r => r.type === INSTANCE_TYPE);
            assert.ok(s);
            assert.deepStrictEqual(s.properties, byType(c, INSTANCE_TYPE).outputs);
            assert.strictEqual(s.parent, STACK_URN);
            assert.deepStrictEqual(s.dependencies, [SG_URN]);
            assert.deepStrictEqual(s.propertyDependencies.vpcSecurityGroupIds, [SG_URN]);
        });
    });

    describe("web tier program as an update (preview: false)", () => {
        let c: CapturedStack;
        before(async () => { c = await captureProgram(webTier, { preview: false }); });

        it("every custom resource gets a deterministic id and the references carry the SG's concrete id", () => {
            assert.deepStrictEqual(c.resources.map(r => [r.name, r.id]).sort(), [
                ["app", "app-id"], ["https-v6", "https-v6-id"], ["project-stack", undefined], ["ssh", "ssh-id"], ["web", "web-id"],
            ]);
            assert.strictEqual(byType(c, RULE_TYPE).inputs.securityGroupId, "web-id");
            assert.strictEqual(byType(c, INGRESS_TYPE).inputs.securityGroupId, "web-id");
            assert.deepStrictEqual(byType(c, INSTANCE_TYPE).inputs.vpcSecurityGroupIds, ["web-id"]);
            assert.deepStrictEqual(byType(c, RULE_TYPE).propertyDependencies.securityGroupId, [SG_URN]);
            assert.deepStrictEqual(c.resources[0].outputs, { sgId: "web-id" });
        });
    });

    describe("options and isolation between captures", () => {
        it("project and stack name the URNs; ids() decides ids even in preview", async () => {
            const c = await captureProgram(webTier, {
                project: "net", stack: "dev", ids: (type, name) => (type === SG_TYPE ? `sg-${name}` : undefined),
            });
            assert.strictEqual(c.resources[0].urn, "urn:pulumi:dev::net::pulumi:pulumi:Stack::net-dev");
            assert.strictEqual(byType(c, SG_TYPE).urn, "urn:pulumi:dev::net::aws:ec2/securityGroup:SecurityGroup::web");
            assert.strictEqual(byType(c, SG_TYPE).id, "sg-web");
            assert.strictEqual(byType(c, RULE_TYPE).inputs.securityGroupId, "sg-web");
            assert.strictEqual(byType(c, RULE_TYPE).id, undefined);
        });

        it("consecutive captures of the same program give identical results", async () => {
            const [a, b] = await Promise.all([captureProgram(webTier), captureProgram(webTier)]);
            assert.deepStrictEqual(a, b);
        });

        it("nested components: a child's type is prefixed with the parent's full qualified type", async () => {
            class Tier extends pulumi.ComponentResource {
                constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
                    super("test:index:Tier", name, {}, opts);
                    const inner = new pulumi.ComponentResource("test:index:Inner", `${name}-inner`, {}, { parent: this });
                    new aws.ec2.SecurityGroup(`${name}-sg`, { description: "x" }, { parent: inner });
                    this.registerOutputs({});
                }
            }
            const c = await captureProgram(() => { new Tier("t"); });
            assert.deepStrictEqual(c.resources.map(r => [r.urn, r.custom, r.parent]), [
                [STACK_URN, false, undefined],
                ["urn:pulumi:stack::project::test:index:Tier::t", false, STACK_URN],
                ["urn:pulumi:stack::project::test:index:Tier$test:index:Inner::t-inner", false,
                    "urn:pulumi:stack::project::test:index:Tier::t"],
                ["urn:pulumi:stack::project::test:index:Tier$test:index:Inner$aws:ec2/securityGroup:SecurityGroup::t-sg", true,
                    "urn:pulumi:stack::project::test:index:Tier$test:index:Inner::t-inner"],
            ]);
        });

        it("explicit provider: provider reference recorded and its inputs sent with the resource", async () => {
            const c = await captureProgram(() => {
                const p = new aws.Provider("east", { region: "us-east-1" });
                new aws.ec2.SecurityGroup("web", { description: "x" }, { provider: p });
            });
            const sg = byType(c, SG_TYPE);
            assert.strictEqual(sg.provider, `urn:pulumi:stack::project::pulumi:providers:aws::east::${UNKNOWN}`);
            const analyzed = toAnalyzedResources(c).find(r => r.type === SG_TYPE);
            assert.ok(analyzed?.provider);
            assert.strictEqual(analyzed.provider.urn, "urn:pulumi:stack::project::pulumi:providers:aws::east");
            assert.strictEqual(analyzed.provider.properties.region, "us-east-1");
        });

        it("resource references in inputs keep their wire signature", async () => {
            const c = await captureProgram(() => {
                const sg = new aws.ec2.SecurityGroup("web", { description: "x" });
                new pulumi.ComponentResource("test:index:Holder", "h", { sg } as unknown as pulumi.Inputs);
            }, { preview: false });
            const holder = c.resources.find(r => r.type === "test:index:Holder");
            assert.ok(holder);
            assert.strictEqual((holder.inputs.sg as Record<string, unknown>)[SIG_KEY], RESOURCE_REF_SIG);
            assert.strictEqual((holder.inputs.sg as Record<string, unknown>).urn, SG_URN);
        });

        it("a program that throws rejects, and the next capture still works", async () => {
            await assert.rejects(captureProgram(() => { throw new Error("boom"); }), /boom/);
            const c = await captureProgram(webTier);
            assert.strictEqual(c.resources.length, 5);
        });
    });
});
