// Lookups under mocks, answered as a fresh AWS account would: real @pulumi/aws functions called by a program
// run with captureProgram, and the values the program got back read from its stack outputs.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CaptureOptions, CapturedStack, UNKNOWN, captureProgram } from "../../runner/capture";
import { afterLookups } from "../../runner/lookups";

const inRegion = (region?: string): CaptureOptions => ({
    lookups: "fresh-account",
    config: { values: region ? { "aws:region": region } : {}, secretKeys: [] },
});

const outputs = (c: CapturedStack) => c.resources[0].outputs as Record<string, never>;

/** Every lookup of the table, the way programs call them. */
async function everyLookup() {
    const vpc = await aws.ec2.getVpc({ default: true });
    const subnets = await aws.ec2.getSubnets({ filters: [{ name: "vpc-id", values: [vpc.id] }] });
    const second = await aws.ec2.getSubnet({ id: subnets.ids[1] });
    const inZoneC = await aws.ec2.getSubnet({ vpcId: vpc.id, availabilityZone: `${(await aws.getRegion()).region}c` });
    const sg = await aws.ec2.getSecurityGroup({ name: "default", vpcId: vpc.id });
    const sgs = await aws.ec2.getSecurityGroups({ filters: [{ name: "group-name", values: ["def*"] }] });
    const azs = await aws.getAvailabilityZones({ state: "available", excludeNames: [] });
    return {
        vpc: { id: vpc.id, cidrBlock: vpc.cidrBlock, default: vpc.default, ownerId: vpc.ownerId, arn: vpc.arn, state: vpc.state },
        subnetIds: subnets.ids,
        second: { id: second.id, vpcId: second.vpcId, cidrBlock: second.cidrBlock, availabilityZone: second.availabilityZone, mapPublicIpOnLaunch: second.mapPublicIpOnLaunch },
        inZoneC: inZoneC.cidrBlock,
        sg: { id: sg.id, name: sg.name, vpcId: sg.vpcId, description: sg.description },
        sgs: { ids: sgs.ids, vpcIds: sgs.vpcIds },
        azs: { names: azs.names, zoneIds: azs.zoneIds, groupNames: azs.groupNames },
        region: await aws.getRegion(),
        caller: await aws.getCallerIdentity(),
        partition: await aws.getPartition(),
        elb: await aws.elb.getServiceAccount(),
        ami: (await aws.ec2.getAmi({ owners: ["amazon"], mostRecent: true, filters: [{ name: "name", values: ["al2023-ami-*"] }] })).id,
        parameter: (await aws.ssm.getParameter({ name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" })).value,
        policy: (await aws.iam.getPolicyDocument({ statements: [{ actions: ["ec2:DescribeVpcs"], resources: ["*"] }] })).minifiedJson,
    };
}

describe("runner: lookups answered as a fresh AWS account", function () {
    this.timeout(60_000);
    let eu: Record<string, never>;
    let c: CapturedStack;
    before(async () => {
        c = await captureProgram(everyLookup, inRegion("eu-west-1"));
        eu = outputs(c);
    });

    it("the default VPC, its three default /20 subnets (one per zone) and its default security group, all linked by ID", () => {
        const vpcId = (eu.vpc as { id: string }).id;
        assert.match(vpcId, /^vpc-[0-9a-f]{17}$/);
        assert.deepStrictEqual(eu.vpc, {
            id: vpcId, cidrBlock: "172.31.0.0/16", default: true, ownerId: "123456789012",
            arn: `arn:aws:ec2:eu-west-1:123456789012:vpc/${vpcId}`, state: "available",
        });
        const ids = eu.subnetIds as string[];
        assert.strictEqual(ids.length, 3);
        ids.forEach((id) => assert.match(id, /^subnet-[0-9a-f]{17}$/));
        assert.deepStrictEqual(eu.second, { id: ids[1], vpcId, cidrBlock: "172.31.16.0/20", availabilityZone: "eu-west-1b", mapPublicIpOnLaunch: true });
        assert.strictEqual(eu.inZoneC, "172.31.32.0/20");
        const sgId = (eu.sg as { id: string }).id;
        assert.match(sgId, /^sg-[0-9a-f]{17}$/);
        assert.deepStrictEqual(eu.sg, { id: sgId, name: "default", vpcId, description: "default VPC security group" });
        assert.deepStrictEqual(eu.sgs, { ids: [sgId], vpcIds: [vpcId] });
    });

    it("region, zones, account, partition and the region's ELB account", () => {
        assert.deepStrictEqual(eu.azs, { names: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], zoneIds: ["euw1-az1", "euw1-az2", "euw1-az3"], groupNames: ["eu-west-1"] });
        assert.deepStrictEqual(eu.region, { description: UNKNOWN, endpoint: "ec2.eu-west-1.amazonaws.com", id: "eu-west-1", name: "eu-west-1", region: "eu-west-1" });
        assert.deepStrictEqual(eu.caller, { accountId: "123456789012", arn: "arn:aws:iam::123456789012:root", id: "123456789012", userId: "123456789012" });
        assert.deepStrictEqual(eu.partition, { dnsSuffix: "amazonaws.com", id: "aws", partition: "aws", reverseDnsPrefix: "com.amazonaws" });
        assert.deepStrictEqual(eu.elb, { arn: "arn:aws:iam::156460612806:root", id: "156460612806", region: "eu-west-1" });
    });

    it("an AMI from a query or from AWS's public parameter; the policy document computed", () => {
        assert.match(eu.ami, /^ami-[0-9a-f]{17}$/);
        assert.match(eu.parameter, /^ami-[0-9a-f]{17}$/);
        assert.strictEqual(eu.policy, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVpcs\",\"Resource\":\"*\"}]}");
        assert.deepStrictEqual(c.unansweredLookups, undefined);
    });

    it("deterministic: the same answers on every run; another region, other IDs; no aws:region is us-east-1", async () => {
        assert.deepStrictEqual(outputs(await captureProgram(everyLookup, inRegion("eu-west-1"))), eu);
        const west = outputs(await captureProgram(everyLookup, inRegion("us-west-2")));
        assert.notStrictEqual((west.vpc as { id: string }).id, (eu.vpc as { id: string }).id);
        assert.deepStrictEqual((west.azs as { zoneIds: string[] }).zoneIds, ["usw2-az1", "usw2-az2", "usw2-az3"]);
        assert.strictEqual((west.elb as { id: string }).id, "797873946194");
        const east = outputs(await captureProgram(everyLookup, inRegion()));
        assert.strictEqual((east.region as { region: string }).region, "us-east-1");
    });

    it("an explicit provider's region, and a function's own region argument, choose the region", async () => {
        const c2 = await captureProgram(async () => {
            const tokyo = new aws.Provider("tokyo", { region: "ap-northeast-1" });
            return {
                viaProvider: (await aws.getRegion({}, { provider: tokyo })).region,
                viaArgument: (await aws.getAvailabilityZones({ region: "ca-central-1" })).names,
            };
        }, inRegion("eu-west-1"));
        assert.deepStrictEqual(outputs(c2), { viaProvider: "ap-northeast-1", viaArgument: ["ca-central-1a", "ca-central-1b", "ca-central-1c"] });
    });

    it("a question about what a fresh account does not have (a tag, a foreign ID): its arguments, every other result unknown, remembered", async () => {
        const c2 = await captureProgram(async () => {
            const tagged = await aws.ec2.getVpc({ tags: { Name: "prod" } });
            const byId = await aws.ec2.getVpc({ id: "vpc-0123456789abcdef0" });
            const subnets = await aws.ec2.getSubnets({ filters: [{ name: "vpc-id", values: ["vpc-0123456789abcdef0"] }] });
            return { tagged: [tagged.id, tagged.cidrBlock], byId: [byId.id, byId.cidrBlock, byId.region], subnets: subnets.ids };
        }, inRegion("eu-west-1"));
        assert.deepStrictEqual(outputs(c2), { tagged: [UNKNOWN, UNKNOWN], byId: ["vpc-0123456789abcdef0", UNKNOWN, "eu-west-1"], subnets: UNKNOWN });
        assert.deepStrictEqual(c2.unansweredLookups, [
            { token: "aws:ec2/getVpc:getVpc", answer: "unknown" },
            { token: "aws:ec2/getSubnets:getSubnets", answer: "unknown" },
        ]);
    });

    it("a lookup not in the table answers with its arguments and is remembered; a failure after it carries it", async () => {
        const c2 = await captureProgram(async () => ({ list: await aws.ec2.getPrefixList({ name: "com.amazonaws.eu-west-1.s3" }) }), inRegion("eu-west-1"));
        assert.deepStrictEqual(outputs(c2), { list: { name: "com.amazonaws.eu-west-1.s3" } });
        assert.deepStrictEqual(c2.unansweredLookups, [{ token: "aws:ec2/getPrefixList:getPrefixList", answer: "inputs" }]);
        const failed = await captureProgram(async () => {
            const list = await aws.ec2.getPrefixList({ name: "com.amazonaws.eu-west-1.s3" });
            return list.cidrBlocks[0];
        }, inRegion("eu-west-1")).then(() => undefined, (e: unknown) => e);
        assert.ok(failed instanceof TypeError);
        assert.deepStrictEqual((failed as { unansweredLookups?: unknown }).unansweredLookups, [{ token: "aws:ec2/getPrefixList:getPrefixList", answer: "inputs" }]);
        assert.strictEqual(afterLookups([{ token: "aws:ec2/getPrefixList:getPrefixList", answer: "inputs" }, { token: "aws:rds/getCluster:getCluster", answer: "unknown" }]),
            " (after reading aws:ec2/getPrefixList:getPrefixList and aws:rds/getCluster:getCluster, which check cannot answer without a cloud account)");
    });

    it("without the fresh account (the capture default), every lookup answers with its arguments, as Pulumi's mocks do", async () => {
        const c2 = await captureProgram(async () => ({ vpc: await aws.ec2.getVpc({ default: true }) }));
        assert.deepStrictEqual(outputs(c2), { vpc: { default: true } });
    });

    it("stack config reaches the program: values, secrets, and a secure value as the unknown secret", async () => {
        const c2 = await captureProgram(() => {
            const config = new pulumi.Config("app");
            return { plain: config.require("name"), secret: config.requireSecret("token"), undecrypted: config.requireSecret("sealed") };
        }, { config: { values: { "app:name": "web", "app:token": "t0k", "app:sealed": UNKNOWN }, secretKeys: ["app:token", "app:sealed"] } });
        assert.deepStrictEqual(outputs(c2), {
            plain: "web",
            secret: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "t0k" },
            undecrypted: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: UNKNOWN },
        });
        const next = await captureProgram(() => ({ name: new pulumi.Config("app").get("name") ?? "unset" }));
        assert.deepStrictEqual(outputs(next), { name: "unset" }, "config does not leak into the next run");
    });
});
