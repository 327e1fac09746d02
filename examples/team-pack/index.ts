// A team's own pack, composed from this one. In a separate repository, depend on the package and
// import from "aws-network-guardrails/dist/policies/core/compose" (compiled JavaScript with type
// declarations, built on install) instead of the relative path.
import { servePack } from "../../dist/policies/core/compose";

servePack("team-guardrails", {
    // Production guardrails: everything blocks...
    all: "mandatory",
    // ...except hygiene, which only warns.
    "sg-descriptions": "advisory",
    "sg-unused": "advisory",
    // The services call one partner API on 8443 besides HTTPS, and resolve DNS over UDP 53.
    "sg-egress-restricted": { allowedPorts: [443, 8443], allowedUdpPorts: [53] },
    // The account's quota was raised to 8 groups per interface (8 x 60 rules <= 1000).
    "eni-security-group-limit": { maxSecurityGroups: 8 },
    // A vendor appliance keeps SSH open until its replacement ships.
    "sg-no-admin-ports-from-world": {
        exemptions: [{ resource: "vendor-appliance-*", reason: "VEND-42: replaced in Q1", expires: "2027-03-31" }],
    },
});
