import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { sgNoAdminPortsFromWorld } from "../../policies/sg/no-admin-ports-from-world";
import { UNKNOWN, runResourcePolicy } from "../util/run-policy";
import { classic, DEFAULT_SG, headsOf, inline, Props, sg, vpcRule } from "../util/shapes";

const policy = sgNoAdminPortsFromWorld as ResourceValidationPolicy;
const run = headsOf(policy);

const FIX = "Fix: Allow the port only from a bastion host's security group or a trusted CIDR, or remove the rule and " +
    "connect with AWS Systems Manager Session Manager, which needs no inbound port at all.";

describe("sg-no-admin-ports-from-world", () => {
    it("flags tcp 22 from 0.0.0.0/0 with the full message", () => {
        const findings = runResourcePolicy(policy, sg([inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/0"] })]));
        assert.deepStrictEqual(findings, [{
            level: "mandatory",
            message: "ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address). This opens " +
                "SSH (TCP port 22) to the whole internet, where scanners find and brute-force admin ports within " +
                `minutes. ${FIX}`,
        }]);
    });

    const cases: [string, { type: string; props: Props }, string[]][] = [
        ["flags protocol '6' spanning 20-25 from ::/0",
            sg([inline("6", 20, 25, { ipv6CidrBlocks: ["::/0"] })]),
            ["mandatory: ingress[0].ipv6CidrBlocks[0] allows TCP ports 20-25 from ::/0 (every IPv6 address)"]],
        ["flags '::0/0' and '0:0:0:0:0:0:0:0/0' spellings",
            sg([inline("TCP", 22, 22, { ipv6CidrBlocks: ["::0/0", "0:0:0:0:0:0:0:0/0"] })]),
            ["mandatory: ingress[0].ipv6CidrBlocks[0] allows TCP port 22 from ::0/0 (every IPv6 address)",
                "mandatory: ingress[0].ipv6CidrBlocks[1] allows TCP port 22 from 0:0:0:0:0:0:0:0/0 (every IPv6 address)"]],
        ["flags protocol -1 whatever fromPort/toPort say",
            sg([inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/0"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows all traffic (every protocol and port) from 0.0.0.0/0 (every IPv4 address)"]],
        ["flags protocol 'all' on RDP",
            sg([inline("all", 3389, 3389, { cidrBlocks: ["0.0.0.0/0"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows all traffic (every protocol and port) from 0.0.0.0/0 (every IPv4 address)"]],
        ["flags udp 3389 (RDP)",
            sg([inline("udp", 3389, 3389, { cidrBlocks: ["0.0.0.0/0"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows UDP port 3389 from 0.0.0.0/0 (every IPv4 address)"]],
        ["passes udp 22, which is not SSH",
            sg([inline("udp", 22, 22, { cidrBlocks: ["0.0.0.0/0"] })]), []],
        ["passes tcp 23 when no extra ports are configured",
            sg([inline("tcp", 23, 23, { cidrBlocks: ["0.0.0.0/0"] })]), []],
        ["passes port 0-21 from the world (the range stops below 22)",
            sg([inline("tcp", 0, 21, { cidrBlocks: ["0.0.0.0/0"] })]), []],
        ["flags 0.0.0.0/1 + 128.0.0.0/1 on tcp 22",
            sg([inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 22, 22, { cidrBlocks: ["128.0.0.0/1"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[0] (128.0.0.0/1) together cover every IPv4 address on TCP port 22: ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/1; ingress[1].cidrBlocks[0] allows TCP port 22 from 128.0.0.0/1"]],
        ["names only the blocks needed to cover the world",
            sg([inline("tcp", 22, 22, { cidrBlocks: ["10.0.0.0/8", "0.0.0.0/1", "128.0.0.0/1"] })]),
            ["mandatory: ingress[0].cidrBlocks[1] (0.0.0.0/1) and ingress[0].cidrBlocks[2] (128.0.0.0/1) together cover every IPv4 address on TCP port 22: ingress[0].cidrBlocks[1] allows TCP port 22 from 0.0.0.0/1; ingress[0].cidrBlocks[2] allows TCP port 22 from 128.0.0.0/1"]],
        ["passes 0.0.0.0/1 + 128.0.0.0/1 when only one half reaches port 22",
            sg([inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 443, 443, { cidrBlocks: ["128.0.0.0/1"] })]), []],
        ["passes a trusted CIDR and an SG reference on 22",
            sg([inline("tcp", 22, 22, { cidrBlocks: ["203.0.113.0/24"], securityGroups: ["sg-bastion"] })]), []],
        ["flags the world CIDR of a rule that also has self: self never hides it",
            sg([inline("tcp", 22, 22, { self: true, cidrBlocks: ["0.0.0.0/0"] })]),
            ["mandatory: ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)"]],
        ["ignores egress to the world on 22",
            sg([], [inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/0"] })]), []],
        ["flags an ec2.SecurityGroupRule with cidrBlocks",
            classic("ingress", "tcp", 22, 22, { cidrBlocks: ["0.0.0.0/0"] }),
            ["mandatory: cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)"]],
        ["flags an ec2.SecurityGroupRule with ipv6CidrBlocks and protocol -1",
            classic("ingress", "-1", 0, 0, { ipv6CidrBlocks: ["::/0"] }),
            ["mandatory: ipv6CidrBlocks[0] allows all traffic (every protocol and port) from ::/0 (every IPv6 address)"]],
        ["passes an egress ec2.SecurityGroupRule",
            classic("egress", "tcp", 22, 22, { cidrBlocks: ["0.0.0.0/0"] }), []],
        ["flags a vpc.SecurityGroupIngressRule with cidrIpv4",
            vpcRule("ingress", "tcp", [22, 22], { cidrIpv4: "0.0.0.0/0" }),
            ["mandatory: cidrIpv4 allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)"]],
        ["flags a vpc.SecurityGroupIngressRule with ipProtocol -1 and no ports",
            vpcRule("ingress", "-1", undefined, { cidrIpv6: "::/0" }),
            ["mandatory: cidrIpv6 allows all traffic (every protocol and port) from ::/0 (every IPv6 address)"]],
        ["passes a vpc.SecurityGroupEgressRule",
            vpcRule("egress", "tcp", [22, 22], { cidrIpv4: "0.0.0.0/0" }), []],
        ["flags the default security group's inline rules too",
            { type: DEFAULT_SG, props: { ingress: [inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/0"] })] } },
            ["mandatory: ingress[0].cidrBlocks[0] allows TCP port 22 from 0.0.0.0/0 (every IPv4 address)"]],
        ["reports an invalid CIDR on port 22 as a violation",
            sg([inline("tcp", 22, 22, { cidrBlocks: ["10.0.0.300/16"] })]),
            ["mandatory: Cannot be evaluated: invalid IPv4 CIDR '10.0.0.300/16' in ingress[0].cidrBlocks[0]"]],
        ["reports a port above 65535 on a world rule as a violation",
            sg([inline("tcp", 0, 70000, { cidrBlocks: ["0.0.0.0/0"] })]),
            ["mandatory: Cannot be evaluated: port 70000 in ingress[0].toPort is outside 0-65535"]],
        ["reports a wrong type (cidrBlocks as a string) as a violation",
            sg([inline("tcp", 22, 22, { cidrBlocks: "0.0.0.0/0" })]),
            ["mandatory: Cannot be evaluated: ingress[0].cidrBlocks should be a list, got '0.0.0.0/0'"]],
        ["ignores an invalid CIDR on a port that is not an admin port",
            sg([inline("tcp", 443, 443, { cidrBlocks: ["10.0.0.300/16"] })]), []],
        ["notes an unknown CIDR on port 22 as advisory, and still flags the known world rule",
            sg([inline("tcp", 22, 22, { cidrBlocks: [UNKNOWN] }), inline("tcp", 3389, 3389, { cidrBlocks: ["0.0.0.0/0"] })]),
            ["mandatory: ingress[1].cidrBlocks[0] allows TCP port 3389 from 0.0.0.0/0 (every IPv4 address)",
                "advisory: Cannot be verified at preview: ingress[0].cidrBlocks[0] is not known until the resource is created"]],
        ["notes an unknown port on a world rule as advisory",
            sg([inline("tcp", UNKNOWN, UNKNOWN, { cidrBlocks: ["0.0.0.0/0"] })]),
            ["advisory: Cannot be verified at preview: ingress[0].fromPort is not known until the resource is created"]],
        ["notes a whole unknown ingress list as advisory",
            { type: "aws:ec2/securityGroup:SecurityGroup", props: { description: "d", ingress: UNKNOWN } },
            ["advisory: Cannot be verified at preview: ingress is not known until the resource is created"]],
        ["passes an unknown SG reference on port 22: an SG is never the world",
            sg([inline("tcp", 22, 22, { securityGroups: [UNKNOWN] })]), []],
        ["ignores resource types that carry no rules",
            { type: "aws:s3/bucket:Bucket", props: { ingress: [inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/0"] })] } }, []],
    ];
    for (const [name, resource, expected] of cases) {
        it(name, () => assert.deepStrictEqual(run(resource), expected));
    }

    it("notes an unknown CIDR on port 22 with what it would open", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 22, 22, { cidrBlocks: [UNKNOWN] })])), [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].cidrBlocks[0] is not known until the resource is created. " +
                "If it admits the whole internet, ingress[0].cidrBlocks[0] opens SSH (TCP port 22) to it.",
        }]);
    });

    it("notes an unknown port on a world rule without naming a port it cannot know", () => {
        assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", UNKNOWN, 22, { cidrBlocks: ["0.0.0.0/0"] })])), [{
            level: "advisory",
            message: "Cannot be verified at preview: ingress[0].fromPort is not known until the resource is created. " +
                "If its ports include an admin port, ingress[0].cidrBlocks[0] may open it to the whole internet.",
        }]);
    });

    it("flags configured extra ports (23 and 5985-5986) and names them", () => {
        const findings = runResourcePolicy(policy, {
            ...sg([inline("tcp", 5986, 5986, { cidrBlocks: ["0.0.0.0/0"] }), inline("tcp", 23, 23, { cidrBlocks: ["0.0.0.0/0"] })]),
            config: { ports: [23, "5985-5986"] },
        });
        assert.deepStrictEqual(findings.map((f) => f.message.split(". ").slice(0, 2).join(". ")), [
            "ingress[0].cidrBlocks[0] allows TCP port 5986 from 0.0.0.0/0 (every IPv4 address). This opens TCP port 5986 to the whole internet, where scanners find and brute-force admin ports within minutes",
            "ingress[1].cidrBlocks[0] allows TCP port 23 from 0.0.0.0/0 (every IPv4 address). This opens TCP port 23 to the whole internet, where scanners find and brute-force admin ports within minutes",
        ]);
    });

    describe("messages name the traffic the rule opens, not the configured traffic", () => {
        const opens = (rule: Props, config?: Props) =>
            runResourcePolicy(policy, { ...sg([rule]), config }).map((f) => f.message.split(". ").slice(0, 2).join(". "));
        it("an RDP finding on a TCP-only rule says TCP port 3389, with the full message", () => {
            assert.deepStrictEqual(runResourcePolicy(policy, sg([inline("tcp", 3389, 3389, { cidrBlocks: ["0.0.0.0/0"] })])), [{
                level: "mandatory",
                message: "ingress[0].cidrBlocks[0] allows TCP port 3389 from 0.0.0.0/0 (every IPv4 address). This opens RDP " +
                    "(TCP port 3389) to the whole internet, where scanners find and brute-force admin ports within minutes. " + FIX,
            }]);
        });
        const cases: [string, Props, Props | undefined, string[]][] = [
            ["a UDP-only RDP rule says UDP port 3389", inline("udp", 3389, 3389, { cidrBlocks: ["0.0.0.0/0"] }), undefined,
                ["ingress[0].cidrBlocks[0] allows UDP port 3389 from 0.0.0.0/0 (every IPv4 address). This opens RDP (UDP port 3389) to the whole internet, where scanners find and brute-force admin ports within minutes"]],
            ["an all-protocol rule says SSH (TCP port 22) and RDP (TCP/UDP port 3389)", inline("-1", 0, 0, { ipv6CidrBlocks: ["::/0"] }), undefined,
                ["ingress[0].ipv6CidrBlocks[0] allows all traffic (every protocol and port) from ::/0 (every IPv6 address). This opens SSH (TCP port 22) and RDP (TCP/UDP port 3389) to the whole internet, where scanners find and brute-force admin ports within minutes"]],
            ["a TCP range over 22 and 3389 says SSH (TCP port 22) and RDP (TCP port 3389)", inline("tcp", 0, 4000, { cidrBlocks: ["0.0.0.0/0"] }), undefined,
                ["ingress[0].cidrBlocks[0] allows TCP ports 0-4000 from 0.0.0.0/0 (every IPv4 address). This opens SSH (TCP port 22) and RDP (TCP port 3389) to the whole internet, where scanners find and brute-force admin ports within minutes"]],
            ["a configured port reached over TCP only says TCP port 5900", inline("tcp", 5900, 5900, { cidrBlocks: ["0.0.0.0/0"] }), { ports: [5900] },
                ["ingress[0].cidrBlocks[0] allows TCP port 5900 from 0.0.0.0/0 (every IPv4 address). This opens TCP port 5900 to the whole internet, where scanners find and brute-force admin ports within minutes"]],
            ["a configured port reached over TCP and UDP says TCP/UDP port 5900, and a configured 22 adds only UDP 22 to SSH",
                inline("all", 0, 0, { cidrBlocks: ["0.0.0.0/0"] }), { ports: [5900, 22] },
                ["ingress[0].cidrBlocks[0] allows all traffic (every protocol and port) from 0.0.0.0/0 (every IPv4 address). This opens SSH (TCP port 22), RDP (TCP/UDP port 3389), TCP/UDP port 5900 and UDP port 22 to the whole internet, where scanners find and brute-force admin ports within minutes"]],
            ["a configured range reached in part says only that part", inline("udp", 5985, 6000, { cidrBlocks: ["0.0.0.0/0"] }), { ports: ["5980-5986"] },
                ["ingress[0].cidrBlocks[0] allows UDP ports 5985-6000 from 0.0.0.0/0 (every IPv4 address). This opens UDP ports 5985-5986 to the whole internet, where scanners find and brute-force admin ports within minutes"]],
        ];
        for (const [name, rule, config, expected] of cases) {
            it(name, () => assert.deepStrictEqual(opens(rule, config), expected));
        }
    });

    describe("the world judged per port within one resource", () => {
        const cases: [string, { type: string; props: Props }, string[]][] = [
            ["passes halves on different admin ports (0.0.0.0/1 on TCP 22, 128.0.0.0/1 on TCP 3389)",
                sg([inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 3389, 3389, { cidrBlocks: ["128.0.0.0/1"] })]), []],
            ["flags overlapping ranges (TCP 20-25 and TCP 22) on exactly TCP port 22",
                sg([inline("tcp", 20, 25, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 22, 22, { cidrBlocks: ["128.0.0.0/1"] })]),
                ["mandatory: ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[0] (128.0.0.0/1) together cover every IPv4 address on TCP port 22: ingress[0].cidrBlocks[0] allows TCP ports 20-25 from 0.0.0.0/1; ingress[1].cidrBlocks[0] allows TCP port 22 from 128.0.0.0/1"]],
            ["flags an all-protocol half and a UDP half on exactly UDP port 3389",
                sg([inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/1"] }), inline("udp", 3000, 4000, { cidrBlocks: ["128.0.0.0/1"] })]),
                ["mandatory: ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[0] (128.0.0.0/1) together cover every IPv4 address on UDP port 3389: ingress[0].cidrBlocks[0] allows all traffic (every protocol and port) from 0.0.0.0/1; ingress[1].cidrBlocks[0] allows UDP ports 3000-4000 from 128.0.0.0/1"]],
            ["notes halves whose split hinges on an unknown port",
                sg([inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 22, UNKNOWN, { cidrBlocks: ["128.0.0.0/1"] })]),
                ["advisory: Cannot be verified at preview: ingress[1].toPort is not known until the resource is created"]],
            ["notes halves whose split hinges on an unknown protocol",
                sg([inline(UNKNOWN, 22, 22, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 22, 22, { cidrBlocks: ["128.0.0.0/1"] })]),
                ["advisory: Cannot be verified at preview: ingress[0].protocol is not known until the resource is created"]],
            ["reports halves whose split hinges on an invalid port as a violation",
                sg([inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 22, 70000, { cidrBlocks: ["128.0.0.0/1"] })]),
                ["mandatory: Cannot be evaluated: port 70000 in ingress[1].toPort is outside 0-65535"]],
            ["passes halves when the undetermined half cannot reach an admin port (UDP, unknown ports, against TCP 22)",
                sg([inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/1"] }), inline("udp", UNKNOWN, UNKNOWN, { cidrBlocks: ["128.0.0.0/1"] })]), []],
        ];
        for (const [name, resource, expected] of cases) {
            it(name, () => assert.deepStrictEqual(run(resource), expected));
        }
        it("the note for a split that hinges on an unknown port says what it would open", () => {
            const [f] = runResourcePolicy(policy, sg([inline("tcp", 22, 22, { cidrBlocks: ["0.0.0.0/1"] }), inline("tcp", 22, UNKNOWN, { cidrBlocks: ["128.0.0.0/1"] })]));
            assert.deepStrictEqual(f, {
                level: "advisory",
                message: "Cannot be verified at preview: ingress[1].toPort is not known until the resource is created. If " +
                    "ingress[1].cidrBlocks[0] reaches TCP port 22, ingress[0].cidrBlocks[0] (0.0.0.0/1) and ingress[1].cidrBlocks[0] " +
                    "(128.0.0.0/1) together cover every IPv4 address on TCP port 22: ingress[0].cidrBlocks[0] allows TCP port 22 from " +
                    "0.0.0.0/1; ingress[1].cidrBlocks[0] allows traffic from 128.0.0.0/1, which would open SSH (TCP port 22) to the whole internet.",
            });
        });
    });

    it("reports bad configuration as a violation naming the key", () => {
        assert.deepStrictEqual(run(sg([]), { ports: [70000] }),
            ["mandatory: Invalid configuration for policy 'sg-no-admin-ports-from-world': ports[0] (70000) is not a port 0-65535 or a \"from-to\" range."]);
    });
});
