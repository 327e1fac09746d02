// The benchmark's floor: the pack's catalogue (compiled, ../../dist) with the same names, levels,
// metadata and config schemas, but validation functions that do nothing. What it costs is the cost
// of @pulumi/policy and gRPC themselves (per resource policy, @pulumi/policy deserialises the
// resource's properties; per stack policy, every resource of the stack). Plain JavaScript, so the
// runner has nothing to type-check. bench/run.ts links node_modules to the repository's.
"use strict";
const { PolicyPack } = require("@pulumi/policy");
const { catalogue, packName } = require("../../dist/policies/catalogue");

const policies = catalogue().map((p) => {
    const floor = { ...p };
    delete floor.remediateResource;
    if (p.validateResource) { floor.validateResource = () => undefined; }
    if (p.validateStack) { floor.validateStack = () => undefined; }
    return floor;
});
new PolicyPack(packName, { policies });
