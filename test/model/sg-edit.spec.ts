import * as assert from "assert";
import { withoutPeers, withoutRules } from "../../policies/model/sg-edit";
import { TYPE } from "../util/types";

type Props = Record<string, unknown>;
const ssh = (peers: Props) => ({ protocol: "tcp", fromPort: 22, toPort: 22, ...peers });

describe("model/sg-edit: removing peers from rule props", () => {
    const cases: [string, string, Props, string[], Props | undefined][] = [
        ["removes the named peer of each list of an inline rule, keeping the rest of the rule", TYPE.sg,
            { name: "web", ingress: [ssh({ cidrBlocks: ["0.0.0.0/0", "10.0.0.0/8"], ipv6CidrBlocks: ["::/0", "fd00::/8"], prefixListIds: ["pl-1", "pl-2"], securityGroups: ["sg-1", "sg-2"] })] },
            ["ingress[0].cidrBlocks[0]", "ingress[0].ipv6CidrBlocks[1]", "ingress[0].prefixListIds[0]", "ingress[0].securityGroups[1]"],
            { name: "web", ingress: [ssh({ cidrBlocks: ["10.0.0.0/8"], ipv6CidrBlocks: ["::/0"], prefixListIds: ["pl-2"], securityGroups: ["sg-1"] })] }],
        ["drops an inline rule left without a peer", TYPE.sg,
            { ingress: [ssh({ cidrBlocks: ["0.0.0.0/0"] }), ssh({ securityGroups: ["sg-1"] })] }, ["ingress[0].cidrBlocks[0]"],
            { ingress: [ssh({ securityGroups: ["sg-1"] })] }],
        ["keeps an inline rule whose only peer left is the group itself", TYPE.sg,
            { ingress: [ssh({ cidrBlocks: ["0.0.0.0/0"], self: true })] }, ["ingress[0].cidrBlocks[0]"],
            { ingress: [ssh({ cidrBlocks: [], self: true })] }],
        ["removes peers of egress rules as of ingress rules", TYPE.sg,
            { ingress: [ssh({ cidrBlocks: ["10.0.0.0/8"] })], egress: [ssh({ ipv6CidrBlocks: ["::/0", "fd00::/8"] })] }, ["egress[0].ipv6CidrBlocks[0]"],
            { ingress: [ssh({ cidrBlocks: ["10.0.0.0/8"] })], egress: [ssh({ ipv6CidrBlocks: ["fd00::/8"] })] }],
        ["edits the default security group too", TYPE.defaultSg,
            { ingress: [ssh({ cidrBlocks: ["0.0.0.0/0", "10.0.0.0/8"] })] }, ["ingress[0].cidrBlocks[0]"], { ingress: [ssh({ cidrBlocks: ["10.0.0.0/8"] })] }],
        ["keeps list items that are not rules as they are", TYPE.sg,
            { ingress: [null, "rule", ["x"], ssh({ cidrBlocks: ["0.0.0.0/0", "10.0.0.0/8"] })] }, ["ingress[3].cidrBlocks[0]"],
            { ingress: [null, "rule", ["x"], ssh({ cidrBlocks: ["10.0.0.0/8"] })] }],
        ["no peer of the group is named: nothing to change", TYPE.sg,
            { ingress: [ssh({ cidrBlocks: ["0.0.0.0/0"] })] }, ["egress[0].cidrBlocks[0]", "ingress[0].cidrBlocks[1]"], undefined],
        ["removes a block of a standalone rule that keeps another", TYPE.sgRule,
            { type: "ingress", ...ssh({ cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["fd00::/8"] }) }, ["cidrBlocks[0]"],
            { type: "ingress", ...ssh({ cidrBlocks: [], ipv6CidrBlocks: ["fd00::/8"] }) }],
        ["removes a prefix list of a standalone rule that keeps another", TYPE.sgRule,
            { type: "ingress", ...ssh({ prefixListIds: ["pl-1", "pl-2"] }) }, ["prefixListIds[1]"], { type: "ingress", ...ssh({ prefixListIds: ["pl-1"] }) }],
        ["a standalone rule that still names a source group keeps a peer", TYPE.sgRule,
            { type: "ingress", ...ssh({ ipv6CidrBlocks: ["::/0"], sourceSecurityGroupId: "sg-1" }) }, ["ipv6CidrBlocks[0]"],
            { type: "ingress", ...ssh({ ipv6CidrBlocks: [], sourceSecurityGroupId: "sg-1" }) }],
        ["a standalone rule left without a peer cannot be dropped: nothing to change (the provider's empty source group is none)", TYPE.sgRule,
            { type: "ingress", ...ssh({ cidrBlocks: ["0.0.0.0/0"], sourceSecurityGroupId: "" }) }, ["cidrBlocks[0]"], undefined],
        ["a standalone rule whose only block is removed cannot be dropped: nothing to change", TYPE.sgRule,
            { type: "ingress", ...ssh({ cidrBlocks: ["0.0.0.0/0"] }) }, ["cidrBlocks[0]"], undefined],
        ["no peer of a standalone rule is named: nothing to change", TYPE.sgRule,
            { type: "ingress", ...ssh({ cidrBlocks: ["0.0.0.0/0", "10.0.0.0/8"] }) }, ["cidrBlocks[2]"], undefined],
        ["only security groups and classic rules list their peers: other types are left alone", TYPE.vpcIngress,
            { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0", cidrBlocks: ["0.0.0.0/0", "10.0.0.0/8"] }, ["cidrBlocks[0]", "cidrIpv4"], undefined],
    ];
    for (const [name, type, props, paths, expected] of cases) {
        it(name, () => assert.deepStrictEqual(withoutPeers(type, props, new Set(paths)), expected));
    }

    it("a group without rules keeps its other props", () =>
        assert.deepStrictEqual(withoutRules({ name: "default", vpcId: "vpc-1", ingress: [ssh({ self: true })] }), { name: "default", vpcId: "vpc-1", ingress: [], egress: [] }));
});
