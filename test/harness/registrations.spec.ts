// Where a program declared each resource (runner/registrations.ts): the first stack frame that is
// the program's, read in-process from a capture and from stack texts of each frame shape.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { captureProgram } from "../../runner/capture";
import { Registrations, declarationSite } from "../../runner/registrations";
import { webTier } from "../programs/web-tier";

const WEB_TIER = path.resolve(__dirname, "..", "programs", "web-tier.ts");
const RUNNER = path.resolve(__dirname, "..", "..", "runner");

/** 1-based line of web-tier.ts that holds the text. */
function lineOf(text: string): number {
    return fs.readFileSync(WEB_TIER, "utf8").split("\n").findIndex((l) => l.includes(text)) + 1;
}

describe("runner: where a program declared each resource", () => {
    it("a capture with a Registrations tracker: each resource's `new` line in the program's .ts file (source-mapped); the root stack has none", async () => {
        const c = await captureProgram(webTier, { registrations: new Registrations() });
        // In the order the registrations completed.
        const byName = new Map(c.resources.map((r) => [r.name, r.location && [r.location.file, r.location.line]]));
        assert.deepStrictEqual(Object.fromEntries(byName), {
            "project-stack": undefined,
            web: [WEB_TIER, lineOf("new aws.ec2.SecurityGroup(\"web\"")],
            ssh: [WEB_TIER, lineOf("new aws.ec2.SecurityGroupRule(\"ssh\"")],
            "https-v6": [WEB_TIER, lineOf("new aws.vpc.SecurityGroupIngressRule(\"https-v6\"")],
            app: [WEB_TIER, lineOf("new aws.ec2.Instance(\"app\"")],
        });
    });

    it("a capture without one: no locations, as before", async () => {
        const c = await captureProgram(webTier);
        assert.deepStrictEqual(c.resources.filter((r) => r.location !== undefined), []);
    });

    it("frames: skips Node's own, packages' (node_modules) and the runner's; reads `at f (file:l:c)`, `at file:l:c` and file URLs", () => {
        const stack = (...frames: string[]) => ["Error", ...frames.map((f) => `    at ${f}`)].join("\n");
        assert.deepStrictEqual(declarationSite(stack(
            "Object.registerResource (/app/node_modules/@pulumi/pulumi/runtime/resource.js:318:5)",
            `Registrations.install (${RUNNER}/registrations.ts:104:31)`,
            "new SecurityGroup (/app/node_modules/@pulumi/aws/ec2/securityGroup.js:99:9)",
            "new Web (/app/src/web.ts:12:21)",
            "Object.<anonymous> (/app/index.ts:3:1)",
        )), { file: "/app/src/web.ts", line: 12, column: 21 });
        assert.deepStrictEqual(declarationSite(stack("node:internal/modules/run_main:123:4", "file:///app/index.mjs:9:1")), { file: "/app/index.mjs", line: 9, column: 1 });
        assert.deepStrictEqual(declarationSite(stack("async /app/main.js:2:7")), { file: "/app/main.js", line: 2, column: 7 });
        assert.strictEqual(declarationSite(stack("new Resource (/app/node_modules/x.js:1:1)", "process.processTicksAndRejections (node:internal/process/task_queues:95:5)")), undefined);
    });
});
