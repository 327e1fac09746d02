/**
 * The stack model at the edges the policy specs do not reach: a whole inline list that is not a list,
 * which resources a prefix-list rule may name, what a rule's prefix list is, and which groups some
 * other resource's input names.
 */
import * as assert from "assert";
import { UNKNOWN } from "../util/run-policy";
import { TestResource, urnOf } from "../util/run-stack-policy";
import { TYPES, stackModel } from "../util/stack-fixtures";
import { group } from "./stack-model-fixtures";

const names = (resources: TestResource[], urns: Iterable<string>) => [...urns].map((u) => resources.find((r) => urnOf(r) === u)?.name);

describe("graph/stack: the inline rules of a group", () => {
    it("an ingress list that is not a list is kept as one rule that cannot be read (only a list not known yet says 'none declared')", () => {
        const model = stackModel([group("web", "sg-1", { ingress: "everything" })]);
        assert.deepStrictEqual(model.rulesOf(urnOf(group("web"))).map((r) => [r.origin.rulePath, r.peer]), [
            ["ingress", { undetermined: "invalid", path: "ingress", reason: "ingress should be a list, got 'everything'" }],
        ]);
    });
});

describe("graph/stack: the prefix list a rule names", () => {
    const endpoint: TestResource = { type: TYPES.vpcEndpoint, name: "s3", props: { vpcId: "vpc-1", serviceName: "com.amazonaws.us-east-1.s3", prefixListId: UNKNOWN } };
    const rule = (deps: string[]): TestResource => ({
        type: TYPES.sgRule, name: "to-s3", props: { type: "egress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [UNKNOWN] },
        propertyDependencies: { prefixListIds: deps },
    });

    it("a gateway endpoint's prefixListId (an AWS-managed list) is not a prefix list of the stack", () => {
        const model = stackModel([group("web", "sg-1"), endpoint, rule(["s3"])]);
        const [r] = model.standaloneRules[0].ruleSet.rules;
        assert.deepStrictEqual([model.prefixList(r), model.mayNamePrefixLists(r)], [undefined, []]);
    });

    it("a rule whose peer is a security group names no prefix list", () => {
        const model = stackModel([group("web", "sg-1"), group("lb", "sg-2", { ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, securityGroups: ["sg-1"] }] })]);
        const [r] = model.rulesOf(urnOf(group("lb")));
        assert.deepStrictEqual([model.peerGroup(r), model.prefixList(r)], [{ kind: "stack", urn: urnOf(group("web")) }, undefined]);
    });
});

describe("graph/stack: the groups another resource's input names", () => {
    it("a group whose own dependencies name itself (a broken input) does not name itself", () => {
        const self: TestResource = { ...group("web", "sg-1", { tags: { ref: "sg-1" } }), propertyDependencies: { tags: ["web"] } };
        assert.deepStrictEqual(names([self], stackModel([self]).groupsDependedOn()), []);
    });

    it("a known input that holds the group's ARN (its only known ID) names it", () => {
        const arn = "arn:aws:ec2:us-east-1:123456789012:security-group/web";
        const web: TestResource = { type: TYPES.sg, name: "web", props: { arn } };
        const user: TestResource = { type: TYPES.lambda, name: "fn", props: { environment: { variables: { SG: arn } } }, propertyDependencies: { environment: ["web"] } };
        assert.deepStrictEqual(names([web, user], stackModel([web, user]).groupsDependedOn()), ["web"]);
    });

    it("a group with no known ID: a known input that depends on it does not name it, whatever its text", () => {
        const web: TestResource = { type: TYPES.sg, name: "web", props: {} };
        const user: TestResource = { type: TYPES.lambda, name: "fn", props: { environment: { variables: { SG: "undefined [object Object]" } } }, propertyDependencies: { environment: ["web"] } };
        assert.deepStrictEqual(names([web, user], stackModel([web, user]).groupsDependedOn()), []);
    });
});
