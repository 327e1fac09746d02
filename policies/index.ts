import { Policies } from "@pulumi/policy";

export const packName = "aws-network-guardrails";

/** Every policy of the pack, in a fixed order, each with its default enforcement level. */
export function catalogue(): Policies {
    return [];
}
