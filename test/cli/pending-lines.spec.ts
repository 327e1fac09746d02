// The line `check` prints for each registration a program never completed (cli/program.ts), for the
// waits that programs in test/fixtures/programs do not produce: a refused registration, one never
// answered, several waits at once, and a resource declared where no program frame was on the stack.
import * as assert from "assert";
import { pendingLine } from "../../cli/program";
import type { PendingRegistration, RegisteredRef } from "../../runner/program-protocol";
import { TYPE } from "../util/types";

const vpc: RegisteredRef = { type: TYPE.vpc, name: "main", location: { file: `${process.cwd()}/net/vpc.ts`, line: 3, column: 13 }, completed: false };
const web = (waits: PendingRegistration["waits"]): PendingRegistration => ({ type: TYPE.sg, name: "web", completed: false, waits });

describe("cli: the line for a registration that never completed", () => {
    it("refused: the first line of the monitor's error", () => {
        assert.strictEqual(pendingLine(web([{ kind: "failed", message: "unknown resource type\nmore detail" }])),
            `${TYPE.sg} 'web': its registration failed: unknown resource type`);
    });

    it("sent and never answered", () => {
        assert.strictEqual(pendingLine(web([{ kind: "unanswered" }])), `${TYPE.sg} 'web': its registration was sent and never answered`);
    });

    it("several waits, joined; a location shown relative to the working directory; none when unknown", () => {
        assert.strictEqual(pendingLine(web([
            { kind: "input", path: "vpcId", on: [vpc] },
            { kind: "provider", on: [] },
            { kind: "input", path: "ingress[0].cidrBlocks", on: [{ ...vpc, completed: true }] },
        ])), `${TYPE.sg} 'web' waits for input vpcId, an output of ${TYPE.vpc} 'main' (net/vpc.ts:3), which never completed; ` +
            "and for its provider, a value that never resolved; " +
            `and for input ingress[0].cidrBlocks, an output of ${TYPE.vpc} 'main' (net/vpc.ts:3) that never resolved`);
    });
});
