// A platform team's pack, built from aws-network-guardrails: the policies it wants, at its own levels,
// with its own options. Names and options are typed: a misspelt one stops the pack from compiling.
import { selectPolicies, servePack } from "aws-network-guardrails";

servePack("team-guardrails", {
    // Every policy of medium severity or higher (the low ones, hygiene, stay in the org-wide advisory pack)...
    policies: selectPolicies({ minSeverity: "medium" }),
    // ...and all of them block.
    all: "mandatory",
    // The services call one partner API on 8443 besides HTTPS, and resolve DNS over UDP 53.
    "sg-egress-restricted": { allowedPorts: [443, 8443], allowedUdpPorts: [53] },
    // The account's quota was raised to 8 groups per interface (8 x 60 rules <= 1000).
    "eni-security-group-limit": { maxSecurityGroups: 8 },
    // A vendor appliance keeps SSH open until its replacement ships.
    "sg-no-admin-ports-from-world": {
        exemptions: [{ resource: "vendor-appliance-*", reason: "VEND-42: replaced in Q1", expires: "2027-03-31" }],
    },
});
