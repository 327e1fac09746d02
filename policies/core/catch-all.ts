/**
 * Patterns that name nothing specific, which no exemption from a mandatory policy may use. A
 * pattern is tried on probe resources: every resource type of one group the pack evaluates (the
 * network model: security groups, their rules, network ACLs, prefix lists, VPCs; or the resources
 * that carry security groups), each under stacks, projects and names that no pattern can anticipate,
 * as top-level resources and as children of a component. A pattern that matches every probe of a
 * group matches such resources by what every URN holds, not by anything an admin chose, so it
 * would switch the policy off (`**`, `urn:**`, `**aws**`, `**a**`).
 */
import { ENI_SHAPES } from "../graph/eni-types";
import { compileGlob, isUrnPattern } from "./glob";
import { TYPE } from "../model/types";

/**
 * Stack, project, name and component type of each probe, in alphabets disjoint from one another:
 * lowercase letters, digits, uppercase letters that no type token of the pack holds (X and Y; no
 * vowel), and a character no name uses. A pattern that matches them all relies on none of them.
 */
export const VARIANTS = [
    { stack: "qkz", project: "jvx", name: "bhy", component: "qkz:jvx:Bhy" },
    { stack: "70", project: "38", name: "5196", component: "70:38:5196" },
    { stack: "XYX", project: "YXY", name: "XXY", component: "XYX:YXY:YYX" },
    { stack: "\u2400", project: "\u2400", name: "\u2400", component: "\u2400:\u2400:\u2400" },
] as const;

/** The groups of resource types the pack evaluates. */
export const PROBE_TYPE_GROUPS: readonly (readonly string[])[] = [
    [...new Set(Object.values(TYPE))],
    [...new Set(ENI_SHAPES.map((s) => s.type))],
];

export interface Probe {
    readonly urn: string;
    readonly name: string;
}

/** The probe resources of one group of types: top-level ones, then children of a component. */
export function probesOf(types: readonly string[]): Probe[][] {
    const probe = (type: string, v: (typeof VARIANTS)[number]) => ({ urn: `urn:pulumi:${v.stack}::${v.project}::${type}::${v.name}`, name: v.name });
    return [
        types.flatMap((t) => VARIANTS.map((v) => probe(t, v))),
        types.flatMap((t) => VARIANTS.map((v) => probe(`${v.component}$${t}`, v))),
    ];
}

const PROBE_SETS: readonly Probe[][] = PROBE_TYPE_GROUPS.flatMap(probesOf);

/** Verdicts by pattern: exemptions are checked on every policy call, and configurations hold few patterns. */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 10_000;

/**
 * Does the pattern name nothing specific? Either no letter or digit is left once the URN's own
 * prefix (`urn:pulumi:`), separators and wildcards are taken away (`*`, `urn:*`, `?*`, `*::*-*`),
 * or it matches every probe of one set: by URN, or for a name glob by URN or name.
 */
export function namesNothing(pattern: string): boolean {
    const known = verdicts.get(pattern);
    if (known !== undefined) {
        return known;
    }
    let verdict = !/[\p{L}\p{N}]/u.test(pattern.replace(/^urn:(pulumi:)?/, ""));
    if (!verdict) {
        const glob = compileGlob(pattern);
        const byName = !isUrnPattern(pattern);
        verdict = PROBE_SETS.some((set) => set.every((p) => glob.test(p.urn) || (byName && glob.test(p.name))));
    }
    if (verdicts.size >= MAX_VERDICTS) {
        verdicts.clear();
    }
    verdicts.set(pattern, verdict);
    return verdict;
}
