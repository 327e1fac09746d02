import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { packConfigErrors } from "../../policies/core/pack-config";
import { sgDbIngressOnlyFromSecurityGroups } from "../../policies/sg/db-ingress-only-from-security-groups";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { classic, headsOf, inline, Props, sg, vpcRule } from "../util/shapes";

const policy = sgDbIngressOnlyFromSecurityGroups as ResourceValidationPolicy;
const run = headsOf(policy);

describe("sg-db-ingress-only-from-security-groups", () => {
    it("flags tcp 5432 from a private subnet CIDR with the full message", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 5432, 5432, { cidrBlocks: ["10.0.1.0/24"] })])), [{
            level: "mandatory",
            message: "ingress[0].cidrBlocks[0] allows TCP port 5432 from 10.0.1.0/24, a database port. Any host " +
                "that holds an address in that range can connect to the database, whatever its role. Fix: Make the " +
                "database's security group admit its clients by security-group reference (the app tier's SG as " +
                "`securityGroups`, `sourceSecurityGroupId` or `referencedSecurityGroupId`) instead of an address range.",
        }]);
    });

    const cases: [string, { type: string; props: Props }, string[], Props?][] = [
        ["passes 3306 from an SG reference and from self",
            sg([inline("tcp", 3306, 3306, { securityGroups: ["sg-app"], self: true })]), []],
        ["flags the CIDR of a rule that also references an SG",
            sg([inline("tcp", 3306, 3306, { securityGroups: ["sg-app"], cidrBlocks: ["10.0.0.0/16"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows TCP port 3306 from 10.0.0.0/16, a database port"]],
        ["flags a prefix list on 6379",
            sg([inline("tcp", 6379, 6379, { prefixListIds: ["pl-123"] })]),
            ["mandatory: ingress[0].prefixListIds[0] allows TCP port 6379 from prefix list pl-123, a database port"]],
        ["flags a range that merely contains a DB port (1000-2000 holds 1433-1434 and 1521)",
            sg([inline("tcp", 1000, 2000, { cidrBlocks: ["192.168.0.0/16"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows TCP ports 1000-2000 from 192.168.0.0/16, which reaches ports 1433-1434 and 1521"]],
        ["flags protocol -1 from an IPv6 block as reaching every DB port",
            sg([inline("-1", 0, 0, { ipv6CidrBlocks: ["2001:db8::/56"] })]),
            ["mandatory: ingress[0].ipv6CidrBlocks[0] allows all traffic (every protocol and port) from 2001:db8::/56, which reaches every database port"]],
        ["flags udp 11211 (memcached) from a CIDR",
            sg([inline("17", 11211, 11211, { cidrBlocks: ["10.0.0.0/8"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows UDP port 11211 from 10.0.0.0/8, a database port"]],
        ["passes tcp 443 from a CIDR",
            sg([inline("tcp", 443, 443, { cidrBlocks: ["10.0.0.0/8"] })]), []],
        ["passes egress to a DB port on a CIDR",
            sg([], [inline("tcp", 5432, 5432, { cidrBlocks: ["10.0.0.0/8"] })]), []],
        ["passes a CIDR inside config allowedCidrs",
            sg([inline("tcp", 5432, 5432, { cidrBlocks: ["10.9.1.0/24"] })]), [], { allowedCidrs: ["10.9.0.0/16"] }],
        ["flags a CIDR wider than the allowed one",
            sg([inline("tcp", 5432, 5432, { cidrBlocks: ["10.8.0.0/15"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows TCP port 5432 from 10.8.0.0/15, a database port"], { allowedCidrs: ["10.9.0.0/16"] }],
        ["passes a prefix list in config allowedPrefixLists",
            sg([inline("tcp", 5432, 5432, { prefixListIds: ["pl-ok"] })]), [], { allowedPrefixLists: ["pl-ok"] }],
        ["uses configured ports instead of the defaults",
            sg([inline("tcp", 5432, 5432, { cidrBlocks: ["10.0.0.0/8"] }), inline("tcp", 8529, 8529, { cidrBlocks: ["10.0.0.0/8"] })]),
            ["mandatory: ingress[1].cidrBlocks[0] allows TCP port 8529 from 10.0.0.0/8, a database port"], { ports: [8529] }],
        ["flags an ec2.SecurityGroupRule with cidrBlocks on 27017-27019",
            classic("ingress", "tcp", 27017, 27019, { cidrBlocks: ["172.16.0.0/12"] }),
            ["mandatory: cidrBlocks[0] allows TCP ports 27017-27019 from 172.16.0.0/12, database ports"]],
        ["passes an ec2.SecurityGroupRule with sourceSecurityGroupId",
            classic("ingress", "tcp", 5432, 5432, { sourceSecurityGroupId: "sg-app" }), []],
        ["flags a vpc.SecurityGroupIngressRule with cidrIpv4 on 9200-9300",
            vpcRule("ingress", "tcp", [9200, 9300], { cidrIpv4: "10.0.0.0/8" }),
            ["mandatory: cidrIpv4 allows TCP ports 9200-9300 from 10.0.0.0/8, which reaches ports 9200 and 9300"]],
        ["passes a vpc.SecurityGroupIngressRule with referencedSecurityGroupId",
            vpcRule("ingress", "tcp", [5432, 5432], { referencedSecurityGroupId: UNKNOWN }), []],
        ["notes an unknown CIDR on a DB port",
            sg([inline("tcp", 5432, 5432, { cidrBlocks: [UNKNOWN] })]),
            ["advisory: Cannot be verified at preview: ingress[0].cidrBlocks[0] is not known until the resource is created"]],
        ["reports an invalid CIDR on a DB port",
            sg([inline("tcp", 5432, 5432, { cidrBlocks: ["10.0.0.300/16"] })]),
            ["mandatory: Cannot be evaluated: invalid IPv4 CIDR '10.0.0.300/16' in ingress[0].cidrBlocks[0]"]],
        ["names only the database ports the rule reaches (1434-2000 reaches 1434 of 1433-1434, and 1521)",
            sg([inline("tcp", 1434, 2000, { cidrBlocks: ["192.168.0.0/16"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows TCP ports 1434-2000 from 192.168.0.0/16, which reaches ports 1434 and 1521"]],
        ["says every TCP database port for a TCP rule over all ports",
            sg([inline("tcp", 0, 65535, { cidrBlocks: ["10.0.0.0/8"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows TCP on all ports from 10.0.0.0/8, which reaches every TCP database port"]],
        ["says TCP/UDP for an all-protocol rule that reaches the one configured port",
            sg([inline("-1", 0, 0, { cidrBlocks: ["10.0.0.0/8"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows all traffic (every protocol and port) from 10.0.0.0/8, which reaches TCP/UDP port 8529"], { ports: [8529] }],
        ["reports 0.0.0.0/0 on a database port as the whole internet",
            sg([inline("tcp", 5432, 5432, { cidrBlocks: ["0.0.0.0/0"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows TCP port 5432 from 0.0.0.0/0 (every IPv4 address), which reaches TCP port 5432"]],
        ["reports split halves in one group once, as the whole internet",
            sg([inline("tcp", 5432, 5432, { cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[0].cidrBlocks[1] (128.0.0.0/1) together cover every IPv4 address on TCP port 5432: ingress[0].cidrBlocks[0] allows TCP port 5432 from 0.0.0.0/1; ingress[0].cidrBlocks[1] allows TCP port 5432 from 128.0.0.0/1, which reaches TCP port 5432"]],
        ["reports split halves even when each lies inside an allowedCidrs entry",
            sg([inline("tcp", 5432, 5432, { ipv6CidrBlocks: ["::/1", "8000::/1"] })]),
            ["mandatory: ingress[0].ipv6CidrBlocks[0] (::/1) and ingress[0].ipv6CidrBlocks[1] (8000::/1) together cover every IPv6 address on TCP port 5432: ingress[0].ipv6CidrBlocks[0] allows TCP port 5432 from ::/1; ingress[0].ipv6CidrBlocks[1] allows TCP port 5432 from 8000::/1, which reaches TCP port 5432"],
            { allowedCidrs: ["::/1", "8000::/1"] }],
        ["passes halves on different database ports inside allowedCidrs",
            sg([inline("tcp", 5432, 5432, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 3306, 3306, { cidrBlocks: ["128.0.0.0/1"] })]), [],
            { allowedCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }],
        ["notes halves inside allowedCidrs whose split hinges on an unknown port",
            sg([inline("tcp", 5432, 5432, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", UNKNOWN, 5500, { cidrBlocks: ["128.0.0.0/1"] })]),
            ["advisory: Cannot be verified at preview: ingress[1].fromPort is not known until the resource is created"],
            { allowedCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }],
        ["rejects an allowedCidrs entry that is a whole address family (0.0.0.0/0)",
            sg([inline("tcp", 5432, 5432, { cidrBlocks: ["10.0.0.0/8"] })]),
            ["mandatory: Invalid configuration for policy 'sg-db-ingress-only-from-security-groups': allowedCidrs[1] (\"0.0.0.0/0\") is every IPv4 address: an allow list cannot make the whole internet trusted; admit clients by security-group reference instead."],
            { allowedCidrs: ["10.0.0.0/8", "0.0.0.0/0"] }],
        ["rejects an allowedCidrs entry that is a whole address family in another spelling (0:0::/0)",
            sg([]),
            ["mandatory: Invalid configuration for policy 'sg-db-ingress-only-from-security-groups': allowedCidrs[0] (\"0:0::/0\") is every IPv6 address: an allow list cannot make the whole internet trusted; admit clients by security-group reference instead."],
            { allowedCidrs: ["0:0::/0"] }],
        ["notes an unknown port range on a CIDR rule",
            sg([inline("tcp", 5000, UNKNOWN, { cidrBlocks: ["10.0.0.0/8"] })]),
            ["advisory: Cannot be verified at preview: ingress[0].toPort is not known until the resource is created"]],
    ];
    for (const [name, resource, expected, config] of cases) {
        it(name, () => assert.deepStrictEqual(run(resource, config), expected));
    }

    it("Configure rejects an allowedCidrs entry that is a whole address family, and accepts halves", () => {
        assert.deepStrictEqual(packConfigErrors({ "sg-db-ingress-only-from-security-groups": { allowedCidrs: ["10.0.0.0/8", "::0/0"] } }), [
            "sg-db-ingress-only-from-security-groups: allowedCidrs[1] (\"::0/0\") is every IPv6 address: an allow list cannot make " +
                "the whole internet trusted; admit clients by security-group reference instead.",
        ]);
        assert.deepStrictEqual(packConfigErrors({ "sg-db-ingress-only-from-security-groups": { allowedCidrs: ["0.0.0.0/1", "128.0.0.0/1"] } }), []);
    });
});
