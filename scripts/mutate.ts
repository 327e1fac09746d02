/**
 * Mutation testing with StrykerJS, one folder of policies/ at a time (a whole run takes hours on two
 * cores). Each folder keeps its own incremental file under mutation/, committed, so that a later
 * run only tests the mutants of code that changed since; the file is also the folder's report
 * (mutation-testing-report-schema JSON).
 *
 *     npm run mutate                  # every folder, in turn
 *     npm run mutate -- net graph     # the named folders
 */
import { spawnSync } from "child_process";

/** The folders, and the files of each that are mutated. */
export const FOLDERS: Record<string, string[]> = {
    net: ["policies/net/**/*.ts"],
    model: ["policies/model/**/*.ts"],
    graph: ["policies/graph/**/*.ts"],
    policies: ["sg", "nacl", "db", "eni", "vpc"].map((f) => `policies/${f}/**/*.ts`),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((f) => !(f in FOLDERS));
if (unknown.length > 0) {
    console.error(`unknown folder(s): ${unknown.join(", ")}; choose from ${Object.keys(FOLDERS).join(", ")}`);
    process.exit(2);
}
for (const folder of wanted.length > 0 ? wanted : Object.keys(FOLDERS)) {
    console.log(`\n== mutation testing ${folder}: ${FOLDERS[folder].join(", ")}`);
    const run = spawnSync("npx", ["stryker", "run", "--incremental", "--incrementalFile", `mutation/${folder}.incremental.json`,
        "--mutate", FOLDERS[folder].join(",")], { stdio: "inherit" });
    if (run.status !== 0) {
        process.exit(run.status ?? 1);
    }
}
