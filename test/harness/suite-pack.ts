// The pack of this repository, started as the CLI starts it, shared by the tests of one suite.
import { PackClient, startPack } from "../../runner/analyzer-client";
import { REPO } from "./pack-dirs";

/**
 * Starts the pack before the suite's first test and stops it after the last; before each test it is
 * configured with no config (every policy at its own level). Returns the running pack.
 */
export function suitePack(): () => PackClient {
    let pack: PackClient | undefined;
    before(async () => { pack = await startPack(REPO); });
    after(async () => { await pack?.close(); });
    beforeEach(async () => { await (pack as PackClient).configure({}); });
    return () => pack as PackClient;
}
