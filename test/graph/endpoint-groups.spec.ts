/**
 * Security groups on VPC endpoints, from a real program under mocks (test/programs/endpoint-groups.ts)
 * as a first preview (links by property dependency) and as an update (by known ID): declared,
 * added by ec2.SecurityGroupAssociation, and the VPC's default group on an Interface endpoint that
 * declares none, unless an association replaces it. A Gateway endpoint has no interface.
 */
import * as assert from "assert";
import { eniSecurityGroupLimit } from "../../policies/eni/security-group-limit";
import { StackModel } from "../../policies/graph/stack";
import { CapturedStack, captureProgram } from "../../runner/capture";
import { endpointGroups } from "../programs/endpoint-groups";
import { runStackPolicyOn } from "../util/run-stack-policy";
import { TYPE } from "../util/types";

const wire = (c: CapturedStack) => c.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, props: r.outputs, propertyDependencies: r.propertyDependencies }));
const model = (c: CapturedStack) => new StackModel(wire(c).map((r) => ({ ...r, dependencies: Object.values(r.propertyDependencies).flat() })));
const names = (m: StackModel) => (ref: { kind: string; urn?: string }) => m.byUrn.get(ref.urn ?? "")?.name ?? JSON.stringify(ref);

describe("graph: security groups on VPC endpoints (a real program under mocks)", () => {
    for (const preview of [true, false]) {
        describe(preview ? "first preview" : "update", () => {
            let captured: CapturedStack;
            before(async () => {
                captured = await captureProgram(endpointGroups, { preview });
            });

            it("each Interface endpoint's one interface and its groups; the Gateway endpoint has none", () => {
                const m = model(captured);
                const name = names(m);
                const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
                assert.deepStrictEqual(m.interfaces.filter((n) => n.resource.type === TYPE.vpcEndpoint)
                    .map((n) => [n.resource.name, n.path, n.groups.map(name)]).sort(byName), [
                    ["kms", "securityGroupIds", ["kms"]],
                    ["logs", "securityGroupIds", ["default", "kms"]],
                    ["ssm", "securityGroupIds", ["ssm", "logs"]],
                ]);
                assert.deepStrictEqual(m.attachments.map((a) => [a.resource.name, a.target?.resource.name, a.undetermined ?? null]).sort(byName),
                    [["kms-kms", "kms", null], ["logs-kms", "logs", null], ["ssm-logs", "ssm", null]]);
            });

            it("eni-security-group-limit (maxSecurityGroups 1): the endpoints with two groups, the default one named as such", () => {
                const findings = runStackPolicyOn(eniSecurityGroupLimit, wire(captured), { maxSecurityGroups: 1 });
                assert.deepStrictEqual(findings.map((f) => f.message.split(". ")[0]).sort(), [
                    "aws.ec2.VpcEndpoint 'logs' puts 2 security groups on one network interface (securityGroupIds): 'default' (the VPC's default group: it declares none) and 'kms'",
                    "aws.ec2.VpcEndpoint 'ssm' puts 2 security groups on one network interface (securityGroupIds): 'ssm' and 'logs'",
                ]);
            });
        });
    }

    it("an association whose endpoint cannot be told yet is a note; one naming an endpoint outside the stack counts nothing here", () => {
        const assoc = (name: string, vpcEndpointId: string, deps: string[] = []) => ({
            urn: `urn:pulumi:stack::project::${TYPE.sgAssociation}::${name}`, type: TYPE.sgAssociation, name,
            props: { vpcEndpointId, securityGroupId: "sg-1" }, propertyDependencies: { vpcEndpointId: deps },
        });
        const findings = runStackPolicyOn(eniSecurityGroupLimit, [assoc("pending", "04da6b54-80e4-46f7-96ec-b56ff0331ba9"), assoc("outside", "vpce-0123")]);
        assert.deepStrictEqual(findings.map((f) => [f.level, f.message, f.urn]), [["advisory", "Cannot be verified at preview: vpcEndpointId is not known " +
            "until the resource is created. aws.ec2.SecurityGroupAssociation 'pending' adds a security group to a network interface that cannot be told " +
            "yet, so it cannot be counted against that interface's quota of 5.", `urn:pulumi:stack::project::${TYPE.sgAssociation}::pending`]]);
    });
});
