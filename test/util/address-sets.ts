/**
 * Sets of CIDR blocks as the pack's interval algebra sees them (net/intervals.ts over the ranges
 * of net/cidr.ts): the specs of both modules check them against hand-computed sets.
 */
import { Cidr, Family, familyRange } from "../../policies/net/cidr";
import { IntervalSet, covers, normalise } from "../../policies/net/intervals";

/** The addresses the blocks of one family cover. */
export function addressSet(cidrs: readonly Cidr[], family: Family): IntervalSet {
    return normalise(cidrs.filter((c) => c.family === family).map((c) => c.range));
}

/** True when the blocks of one family together cover every address of it (0.0.0.0/1 + 128.0.0.0/1). */
export function coversFamily(cidrs: readonly Cidr[], family: Family): boolean {
    return covers(addressSet(cidrs, family), [familyRange(family)]);
}
