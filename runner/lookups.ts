/**
 * Answers a program's lookups (provider functions such as `aws.ec2.getVpc`) under mocks, and remembers
 * those it could not answer, so that a failure or the report can name them.
 *
 * With a fresh account (runner/fresh-account.ts), a lookup in the table (runner/lookup-answers.ts) gets
 * the account's answer, or, for a question about something a fresh account does not have, its
 * arguments and every other result property unknown, like a preview that cannot read it. Any other
 * lookup is answered with its arguments, as Pulumi's mocks do by default.
 */
import { UNKNOWN_STRING } from "../policies/model/values";
import type { JsonObject } from "./analyzer-client";
import { FreshAccount, Props } from "./fresh-account";
import { ANSWERS } from "./lookup-answers";

export const DEFAULT_REGION = "us-east-1";

/** A lookup whose answer is not what a cloud account would return. */
export interface UnansweredLookup {
    token: string;
    /** `inputs`: not in the table, answered with its arguments; `unknown`: answered with unknown values. */
    answer: "inputs" | "unknown";
}

export class Lookups {
    private readonly unanswered: UnansweredLookup[] = [];

    /**
     * `freshAccount` turns the table on; `region` is the stack's (config `aws:region`); `resources` are
     * those registered so far, where an explicit provider's `region` input is found.
     */
    constructor(private readonly freshAccount: boolean, private readonly region: string | undefined,
        private readonly resources: readonly { urn: string; inputs: JsonObject }[]) {}

    /** The region of an explicit provider (`urn::id`) with a known `region` input. */
    private providerRegion(ref: string): string | undefined {
        const region = this.resources.find((r) => r.urn === ref.slice(0, ref.lastIndexOf("::")))?.inputs.region;
        return typeof region === "string" && region !== UNKNOWN_STRING ? region : undefined;
    }

    readonly call = (token: string, args: Props, provider?: string): Props => {
        const entry = this.freshAccount ? ANSWERS[token] : undefined;
        if (!entry) {
            this.remember(token, "inputs");
            return args;
        }
        const region = typeof args.region === "string" && args.region !== "" ? args.region
            : (provider ? this.providerRegion(provider) : undefined) ?? this.region ?? DEFAULT_REGION;
        const answer = entry.answer(new FreshAccount(region), args);
        if (answer === undefined) {
            this.remember(token, "unknown");
            const unknown = entry.result.filter((k) => !(k in args) && k !== "region").map((k) => [k, UNKNOWN_STRING]);
            return { ...args, ...Object.fromEntries(unknown), ...(entry.result.includes("region") ? { region } : {}) };
        }
        return { ...args, ...answer };
    };

    /** `{ unansweredLookups }`: each lookup not answered as a cloud account would, once, in order; `{}` when none. */
    record(): { unansweredLookups?: UnansweredLookup[] } {
        return this.unanswered.length > 0 ? { unansweredLookups: [...this.unanswered] } : {};
    }

    private remember(token: string, answer: UnansweredLookup["answer"]): void {
        if (!this.unanswered.some((u) => u.token === token && u.answer === answer)) {
            this.unanswered.push({ token, answer });
        }
    }
}

/** " (after reading A and B, which check cannot answer without a cloud account)", or "" when there are none. */
export function afterLookups(lookups: readonly UnansweredLookup[]): string {
    const tokens = [...new Set(lookups.map((l) => l.token))];
    if (tokens.length === 0) { return ""; }
    const list = tokens.length === 1 ? tokens[0] : `${tokens.slice(0, -1).join(", ")} and ${tokens[tokens.length - 1]}`;
    return ` (after reading ${list}, which check cannot answer without a cloud account)`;
}
