import * as assert from "assert";
import { isPeerList } from "../../policies/model/sg-peers";

describe("model/sg-peers: which paths name a whole list of peers", () => {
    const cases: [string, boolean][] = [
        ["cidrBlocks", true], ["ipv6CidrBlocks", true], ["prefixListIds", true], ["securityGroups", true],
        ["ingress[0].cidrBlocks", true], ["egress[3].securityGroups", true],
        ["ingress[0].cidrBlocks[0]", false], ["cidrIpv4", false], ["referencedSecurityGroupId", false], ["ingress[0].self", false],
        ["ingress[0].mycidrBlocks", false],
    ];
    for (const [path, expected] of cases) {
        it(`${path}: ${expected ? "a list" : "not a list"}`, () => assert.strictEqual(isPeerList(path), expected));
    }
});
