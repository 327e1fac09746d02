// Compile-time checks of createPack's types: `npm run lint` (tsc) fails when a line marked as an
// expected error compiles, i.e. when a typo would no longer be caught.
import { createPack } from "../../policies/core/compose";

export const typos = [
    // @ts-expect-error a misspelt policy name
    createPack({ "sg-egres-restricted": "mandatory" }),
    // @ts-expect-error a misspelt option
    createPack({ "sg-egress-restricted": { allowedPort: [443] } }),
    // @ts-expect-error an option of another policy
    createPack({ "sg-unused": { maxRules: 10 } }),
    // @ts-expect-error a level that does not exist
    createPack({ all: "strict" }),
    // @ts-expect-error a port list of the wrong type
    createPack({ "sg-no-admin-ports-from-world": { ports: ["ssh"] } }),
    // @ts-expect-error an exemption without a reason
    createPack({ "sg-unused": { exemptions: [{ resource: "legacy-*" }] } }),
];

export const fine = createPack({
    all: "mandatory",
    "sg-egress-restricted": { allowedPorts: [443, "8443-8444"], allowedUdpPorts: [53] },
    "eni-security-group-limit": { maxSecurityGroups: 3 },
    "nacl-ephemeral-return-traffic": { ephemeralPorts: "32768-60999" },
    "sg-descriptions": "advisory",
});
