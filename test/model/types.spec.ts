import * as assert from "assert";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { SG_RULE_TYPES, TYPE as MODEL_TYPE, typeToken } from "../../policies/model/types";
import { TYPE } from "../util/types";

describe("model/types: resource type tokens from the @pulumi/aws classes", () => {
    it("reads the token a resource class carries", () => assert.strictEqual(typeToken(SecurityGroup), TYPE.sg));
    it("refuses a class without a token", () => assert.throws(() => typeToken(class NotAResource {}), { message: "resource class without a Pulumi type token" }));
    it("refuses a token that is not a string", () => assert.throws(() => typeToken({ __pulumiType: 42 }), { message: "resource class without a Pulumi type token" }));
    it("names the types the policies read", () => assert.deepStrictEqual(MODEL_TYPE, {
        securityGroup: TYPE.sg,
        defaultSecurityGroup: TYPE.defaultSg,
        securityGroupRule: TYPE.sgRule,
        vpcIngressRule: TYPE.vpcIngress,
        vpcEgressRule: TYPE.vpcEgress,
        networkAcl: TYPE.nacl,
        defaultNetworkAcl: TYPE.defaultNacl,
        networkAclRule: TYPE.naclRule,
        managedPrefixList: TYPE.prefixList,
        vpc: TYPE.vpc,
    }));
    it("every type that carries security-group rules, and no other", () =>
        assert.deepStrictEqual(SG_RULE_TYPES, [TYPE.sg, TYPE.defaultSg, TYPE.sgRule, TYPE.vpcIngress, TYPE.vpcEgress]));
});
