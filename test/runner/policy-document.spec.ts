// aws.iam.getPolicyDocument as check answers it: the document the AWS provider renders from the same arguments.
import * as assert from "assert";
import { policyDocument } from "../../runner/policy-document";

describe("runner: getPolicyDocument computed from its arguments", () => {
    it("the ELB access-log policy: one statement, key order Effect/Action/Resource/Principal, two-space JSON, CRC-32 as ID", () => {
        const r = policyDocument({
            statements: [{
                effect: "Allow",
                principals: [{ type: "AWS", identifiers: ["arn:aws:iam::127311923021:root"] }],
                actions: ["s3:PutObject"],
                resources: ["arn:aws:s3:::logs/AWSLogs/*"],
            }],
        });
        const json = [
            "{",
            "  \"Version\": \"2012-10-17\",",
            "  \"Statement\": [",
            "    {",
            "      \"Effect\": \"Allow\",",
            "      \"Action\": \"s3:PutObject\",",
            "      \"Resource\": \"arn:aws:s3:::logs/AWSLogs/*\",",
            "      \"Principal\": {",
            "        \"AWS\": \"arn:aws:iam::127311923021:root\"",
            "      }",
            "    }",
            "  ]",
            "}",
        ].join("\n");
        assert.deepStrictEqual(r, {
            id: "3627309940",
            json,
            minifiedJson: "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\"," +
                "\"Resource\":\"arn:aws:s3:::logs/AWSLogs/*\",\"Principal\":{\"AWS\":\"arn:aws:iam::127311923021:root\"}}]}",
        });
    });

    it("no statements: the version alone", () => {
        assert.deepStrictEqual(policyDocument({}), { id: "1132004489", json: "{\n  \"Version\": \"2012-10-17\"\n}", minifiedJson: "{\"Version\":\"2012-10-17\"}" });
    });

    it("sets of strings: duplicates dropped, several in descending order, &{...} in resources becomes ${...}; Sid first, Deny kept", () => {
        const r = policyDocument({
            statements: [{
                sid: "Home", effect: "Deny",
                actions: ["s3:GetObject", "s3:ListBucket", "s3:GetObject"],
                notActions: ["s3:DeleteBucket"],
                resources: ["arn:aws:s3:::home/&{aws:username}/*", "arn:aws:s3:::home"],
            }],
        });
        assert.deepStrictEqual(JSON.parse(String(r?.json)), {
            Version: "2012-10-17",
            Statement: [{
                Sid: "Home", Effect: "Deny",
                Action: ["s3:ListBucket", "s3:GetObject"],
                NotAction: "s3:DeleteBucket",
                Resource: ["arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home"],
            }],
        });
        assert.deepStrictEqual(Object.keys(JSON.parse(String(r?.json)).Statement[0]), ["Sid", "Effect", "Action", "NotAction", "Resource"]);
    });

    it("principals: a lone * of type * is \"*\"; several types are a map with sorted keys and identifiers in descending order", () => {
        const anyone = policyDocument({ statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "*", identifiers: ["*"] }] }] });
        assert.deepStrictEqual(JSON.parse(String(anyone?.json)).Statement[0].Principal, "*");
        const two = policyDocument({
            statements: [{
                actions: ["sts:AssumeRole"],
                principals: [
                    { type: "Service", identifiers: ["ec2.amazonaws.com"] },
                    { type: "AWS", identifiers: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] },
                ],
                notPrincipals: [{ type: "AWS", identifiers: ["arn:aws:iam::999988887777:root"] }],
            }],
        });
        const s = JSON.parse(String(two?.json)).Statement[0];
        assert.strictEqual(JSON.stringify(s.Principal), JSON.stringify({
            AWS: ["arn:aws:iam::444455556666:root", "arn:aws:iam::111122223333:root"],
            Service: "ec2.amazonaws.com",
        }));
        assert.deepStrictEqual(s.NotPrincipal, { AWS: "arn:aws:iam::999988887777:root" });
    });

    it("conditions: test -> variable -> values, keys sorted, one value a string, values in the order given; <, > and & escaped as Go does", () => {
        const r = policyDocument({
            statements: [{
                actions: ["s3:ListBucket"],
                conditions: [
                    { test: "StringLike", variable: "s3:prefix", values: ["", "home/", "home/&{aws:username}/"] },
                    { test: "Bool", variable: "aws:SecureTransport", values: ["true"] },
                    { test: "StringEquals", variable: "aws:PrincipalTag/team", values: ["a&b<c>"] },
                ],
            }],
        });
        assert.strictEqual(r?.minifiedJson, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Condition\":{" +
            "\"Bool\":{\"aws:SecureTransport\":\"true\"},\"StringEquals\":{\"aws:PrincipalTag/team\":\"a\\u0026b\\u003cc\\u003e\"}," +
            "\"StringLike\":{\"s3:prefix\":[\"\",\"home/\",\"home/${aws:username}/\"]}}}]}");
    });

    it("source documents first, then the statements (a Sid replaces in place), then override documents; the newest version wins", () => {
        const source = JSON.stringify({
            Version: "2008-10-17",
            Statement: [
                { Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
                { Effect: "Allow", Action: ["ec2:DescribeVpcs", "ec2:DescribeSubnets"], Resource: "*", Principal: { AWS: ["b", "a"] } },
            ],
        });
        const override = JSON.stringify({ Statement: [{ Sid: "B", Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": false } } }] });
        const r = policyDocument({
            sourcePolicyDocuments: [source],
            statements: [{ sid: "A", actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] }],
            overridePolicyDocuments: [override],
            policyId: "doc-1",
        });
        assert.deepStrictEqual(JSON.parse(String(r?.json)), {
            Version: "2012-10-17",
            Id: "doc-1",
            Statement: [
                { Sid: "A", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" },
                { Effect: "Allow", Action: ["ec2:DescribeVpcs", "ec2:DescribeSubnets"], Resource: "*", Principal: { AWS: ["b", "a"] } },
                { Sid: "B", Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } },
            ],
        });
    });

    it("a source document that is not a policy: no answer (the lookup then answers with unknown values)", () => {
        assert.strictEqual(policyDocument({ sourcePolicyDocuments: ["not json"] }), undefined);
        assert.strictEqual(policyDocument({ overridePolicyDocuments: [JSON.stringify({ Statement: { Effect: "Allow" } })] }), undefined);
    });
});
