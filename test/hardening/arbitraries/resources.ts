/** fast-check arbitraries for whole resources with hostile props, and for stacks of them linked by property dependencies. */
import fc from "fast-check";
import { TYPE } from "../../util/types";
import { Props } from "./hostile-values";
import { PROPS_BY_TYPE } from "./resource-props";

export interface GeneratedResource {
    readonly type: string;
    readonly props: Props;
}

/** A resource of any type the pack reads, with hostile props. */
export const anyResource: fc.Arbitrary<GeneratedResource> = fc.oneof(
    ...Object.entries(PROPS_BY_TYPE).map(([type, props]) => props.map((p): GeneratedResource => ({ type, props: p }))),
);

/** A resource of a type that carries security-group rules (what the resource policies read). */
export const sgRuleResource: fc.Arbitrary<GeneratedResource> = fc.oneof(
    ...[TYPE.sg, TYPE.defaultSg, TYPE.sgRule, TYPE.vpcIngress, TYPE.vpcEgress]
        .map((type) => PROPS_BY_TYPE[type].map((props): GeneratedResource => ({ type, props }))),
);

export interface GeneratedStackResource extends GeneratedResource {
    readonly name: string;
    /** Property -> names of other resources of the stack. */
    readonly propertyDependencies: Record<string, string[]>;
}

const DEP_KEYS = ["securityGroupId", "vpcSecurityGroupIds", "securityGroups", "networkInterfaces", "vpcConfig", "networkAclId",
    "subnetIds", "subnetId", "networkInterfaceId", "vpcId", "sourceSecurityGroupId", "referencedSecurityGroupId"];

/** A stack of `min`-`max` hostile resources with random property dependencies between them. */
export function stackOf(min = 5, max = 30): fc.Arbitrary<GeneratedStackResource[]> {
    return fc.array(fc.oneof({ arbitrary: sgRuleResource, weight: 2 }, { arbitrary: anyResource, weight: 3 }), { minLength: min, maxLength: max })
        .chain((resources) => {
            const names = resources.map((_, i) => `r${i}`);
            const deps = fc.dictionary(fc.constantFrom(...DEP_KEYS), fc.array(fc.constantFrom(...names), { maxLength: 3 }), { maxKeys: 3 });
            return fc.array(deps, { minLength: resources.length, maxLength: resources.length })
                .map((ds) => resources.map((r, i): GeneratedStackResource => ({ ...r, name: names[i], propertyDependencies: ds[i] })));
        });
}
