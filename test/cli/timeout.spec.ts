// --timeout: how it is read, and the time limit the analysis runs under.
import * as assert from "assert";
import { InputError, within } from "../../cli/errors";
import { USAGE, parseArgs } from "../../cli/main";

describe("cli: --timeout", () => {
    it("seconds, whole or not; absent when not given (the default, 120 s, applies)", () => {
        assert.strictEqual(parseArgs(["check", "dir", "--timeout", "30"])?.timeout, 30);
        assert.strictEqual(parseArgs(["check", "dir", "--timeout=2.5"])?.timeout, 2.5);
        assert.strictEqual(parseArgs(["check", "dir"])?.timeout, undefined);
        assert.match(USAGE, /--timeout <seconds> .*\(default: 120\)/);
    });

    for (const value of ["0", "-5", "ten", "1e3", ""]) {
        it(`rejects --timeout=${value}`, () => {
            assert.throws(() => parseArgs(["check", "dir", `--timeout=${value}`]),
                new InputError(`--timeout needs a number of seconds greater than 0, got '${value}'`));
        });
    }

    it("the analysis's time limit: an input error naming what did not finish", async () => {
        await assert.rejects(within(0.05, "the policy pack's analysis", new Promise(() => undefined)),
            new InputError("the policy pack's analysis did not finish within 0.05 s (--timeout)"));
        assert.strictEqual(await within(5, "x", Promise.resolve(7)), 7);
    });
});
