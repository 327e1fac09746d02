/**
 * Program test: a database that declares no security group, a network interface whose groups come
 * only from attachments, and a security group the stack exports, written with real @pulumi/aws
 * classes and captured as the SDK puts them on the wire, as a first preview and as an update. The
 * shapes are checked first (what the model reads), then every policy of the pack on them.
 */
import * as assert from "assert";
import { CapturedResource, CapturedStack, ROOT_STACK_TYPE, UNKNOWN, captureProgram } from "../../runner/capture";
import { TYPE } from "../util/types";
import { analyseStack } from "./analyse";
import { SharedNetworkOptions, sharedNetwork } from "./shared-network";

const urn = (type: string, name: string) => `urn:pulumi:stack::project::${type}::${name}`;

function named(c: CapturedStack, type: string, name: string): CapturedResource {
    const found = c.resources.filter((r) => r.type === type && r.name === name);
    assert.strictEqual(found.length, 1, `exactly one ${type} ${name}`);
    return found[0];
}

const capture = (opts: SharedNetworkOptions, preview: boolean) => captureProgram(() => sharedNetwork(opts), { preview });

const ENI_LIMIT = "eni-security-group-limit: mandatory: sidecar: aws.ec2.NetworkInterface 'sidecar' puts 6 security groups on one network interface (securityGroups): ";
const PUBLIC_DB = "db-ingress-only-via-security-groups: mandatory: reports: aws.rds.Instance 'reports' sets publiclyAccessible: true, so it gets a public address and any security-group rule that admits an address range admits the internet";
const DEFAULT_NOTE = "db-ingress-only-via-security-groups: advisory: reports: aws.rds.Instance 'reports' declares no security group, so AWS attaches the default security group of aws.ec2.Vpc 'main', which is not in this stack, so its rules cannot be checked: any address range it admits reaches the database";

describe("program: shared network (a database without groups, an interface with attached groups, an exported group)", () => {
    describe("shapes on the wire", () => {
        let preview: CapturedStack;
        let update: CapturedStack;
        before(async () => {
            [preview, update] = await Promise.all([capture({ exportAs: "id" }, true), capture({ exportAs: "id" }, false)]);
        });

        it("rds.Instance without vpcSecurityGroupIds: no such output, dbSubnetGroupName depends on the rds.SubnetGroup", () => {
            for (const c of [preview, update]) {
                const db = named(c, TYPE.rdsInstance, "reports");
                assert.strictEqual("vpcSecurityGroupIds" in db.outputs, false);
                assert.strictEqual(db.outputs.dbSubnetGroupName, "reports-subnets");
                assert.deepStrictEqual(db.propertyDependencies.dbSubnetGroupName, [urn(TYPE.rdsSubnetGroup, "reports")]);
                assert.strictEqual(db.outputs.publiclyAccessible, true);
            }
            const group = named(preview, TYPE.rdsSubnetGroup, "reports");
            assert.deepStrictEqual(group.outputs.subnetIds, [UNKNOWN, UNKNOWN]);
            assert.deepStrictEqual(group.propertyDependencies.subnetIds, [urn(TYPE.subnet, "db-a"), urn(TYPE.subnet, "db-b")]);
            assert.deepStrictEqual(named(update, TYPE.rdsSubnetGroup, "reports").outputs.subnetIds, ["db-a-id", "db-b-id"]);
            assert.strictEqual(named(update, TYPE.subnet, "db-a").outputs.vpcId, "main-id");
        });

        it("NetworkInterface without securityGroups; each attachment names it and one group", () => {
            const eni = named(preview, TYPE.eni, "sidecar");
            assert.deepStrictEqual(eni.outputs, { description: "monitoring sidecar", subnetId: UNKNOWN });
            const attach = named(preview, TYPE.eniAttachment, "audit");
            assert.deepStrictEqual(attach.outputs, { networkInterfaceId: UNKNOWN, securityGroupId: UNKNOWN });
            assert.deepStrictEqual(attach.propertyDependencies, {
                networkInterfaceId: [urn(TYPE.eni, "sidecar")], securityGroupId: [urn(TYPE.sg, "audit")],
            });
            assert.deepStrictEqual(named(update, TYPE.eniAttachment, "audit").outputs, { networkInterfaceId: "sidecar-id", securityGroupId: "audit-id", id: "audit-id" });
        });

        it("the root stack resource's outputs are the exports: the group's ID, unknown at preview, without dependencies", () => {
            const root = (c: CapturedStack) => c.resources.find((r) => r.type === ROOT_STACK_TYPE) as CapturedResource;
            assert.deepStrictEqual([root(preview).outputs, root(preview).propertyDependencies], [{ sharedSgId: UNKNOWN }, {}]);
            assert.deepStrictEqual(root(update).outputs, { sharedSgId: "shared-id" });
        });

        it("a resource exported whole: its outputs with its URN, at preview too", async () => {
            const [p, u] = await Promise.all([capture({ exportAs: "resource" }, true), capture({ exportAs: "resource" }, false)]);
            const sharedSg = (c: CapturedStack) => (c.resources[0].outputs.sharedSg as Record<string, unknown>);
            assert.deepStrictEqual([sharedSg(p).urn, sharedSg(p).id], [urn(TYPE.sg, "shared"), UNKNOWN]);
            assert.deepStrictEqual(sharedSg(u), { description: "Application servers", id: "shared-id", urn: urn(TYPE.sg, "shared"), vpcId: "main-id" });
        });
    });

    describe("every policy", () => {
        const cases: [string, SharedNetworkOptions, boolean, string[]][] = [
            ["the group's ID exported, first preview: the export is not known yet, so sg-unused notes instead of flagging", { exportAs: "id" }, true, [
                `${ENI_LIMIT}'ssm', 'monitoring', 'backup', 'audit', 'debug' and the default security group of aws.ec2.Vpc 'main' (it declares none)`,
                PUBLIC_DB, DEFAULT_NOTE,
                "sg-unused: advisory: shared: Cannot be verified at preview: the stack output sharedSgId is not known until the resources it comes from are created",
            ]],
            ["the group's ID exported, update: the group is in use", { exportAs: "id" }, false, [
                `${ENI_LIMIT}'ssm', 'monitoring', 'backup', 'audit', 'debug' and the default security group of aws.ec2.Vpc 'main' (it declares none)`,
                PUBLIC_DB, DEFAULT_NOTE,
            ]],
            ["nothing exported: the group is unused", {}, false, [
                `${ENI_LIMIT}'ssm', 'monitoring', 'backup', 'audit', 'debug' and the default security group of aws.ec2.Vpc 'main' (it declares none)`,
                PUBLIC_DB, DEFAULT_NOTE,
                "sg-unused: advisory: shared: aws.ec2.SecurityGroup 'shared' is not attached to any resource in the stack and no rule references it",
            ]],
            ...[true, false].map((p): [string, SharedNetworkOptions, boolean, string[]] => [
                `the group exported whole and the VPC's DefaultSecurityGroup declared (${p ? "first preview" : "update"}): its rules reach the database`,
                { exportAs: "resource", defaultGroup: true }, p, [
                    "sg-db-ingress-only-from-security-groups: mandatory: default: ingress[0].cidrBlocks[0] allows TCP port 5432 from 10.0.0.0/16, a database port",
                    "sg-prefer-security-group-references: advisory: default: ingress[0].cidrBlocks[0] allows TCP port 5432 from 10.0.0.0/16, a range wider than /24 (IPv4)",
                    "sg-default-denies-all: mandatory: default: ingress[0].cidrBlocks[0] allows TCP port 5432 from 10.0.0.0/16 on the default security group",
                    `${ENI_LIMIT}'default' (the VPC's default group: it declares none), 'ssm', 'monitoring', 'backup', 'audit' and 'debug'`,
                    PUBLIC_DB,
                    "db-ingress-only-via-security-groups: mandatory: reports: aws.rds.Instance 'reports' trusts an address range: on its VPC's default security group 'default' (it declares no security group, so AWS attaches this one), ingress[0].cidrBlocks[0] allows TCP port 5432 from 10.0.0.0/16",
                ]]),
        ];
        for (const [name, opts, preview, expected] of cases) {
            it(name, async () => {
                assert.deepStrictEqual(analyseStack(await capture(opts, preview)), expected);
            });
        }
    });
});
