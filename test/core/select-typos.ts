// Compile-time checks of the selection helpers' types: `npm run lint` (tsc) fails when a line marked
// as an expected error compiles, i.e. when a typo would no longer be caught.
import { createPack } from "../../policies/core/compose";
import { policyByName, selectPolicies } from "../../policies/core/select";

export const typos = [
    // @ts-expect-error a misspelt policy name that is no glob
    selectPolicies({ names: ["sg-egres-restricted"] }),
    // @ts-expect-error a severity that does not exist
    selectPolicies({ severities: ["severe"] }),
    // @ts-expect-error a minimum severity that does not exist
    selectPolicies({ minSeverity: "urgent" }),
    // @ts-expect-error a framework that the policies do not map
    selectPolicies({ frameworks: ["pci-dss"] }),
    // @ts-expect-error a control without its framework
    selectPolicies({ controls: ["5.2"] }),
    // @ts-expect-error a misspelt criterion
    selectPolicies({ severity: ["high"] }),
    // @ts-expect-error a selection of names that are not policies
    createPack({ policies: ["sg-egres-restricted"] }),
    // @ts-expect-error a misspelt name
    policyByName("vpc-flow-log"),
];

export const fine = [
    selectPolicies({ names: ["sg-unused", "nacl-*", "???-*"], minSeverity: "high", controls: ["cis-aws:5.2"], tags: ["quota"] }),
    createPack({ policies: selectPolicies({ frameworks: ["cis-aws", "security-hub"] }), "sg-default-denies-all": "advisory" }),
    policyByName("sg-rule-quota").name,
];
