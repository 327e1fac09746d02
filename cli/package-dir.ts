// Where the package is: the ready pack the check command starts, and the SDK script that starts it.
import * as fs from "fs";
import * as path from "path";

/** The package's directory (PulumiPolicy.yaml and package.json): above cli/ in the sources, above dist/cli/ compiled. */
export function packageDir(from: string = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`no PulumiPolicy.yaml in ${from} or above it`);
        }
    }
}

/**
 * The run-policy-pack script of the @pulumi/pulumi that the pack in `dir` loads: in its own
 * node_modules, or, when the package is installed into a project, wherever npm put it (hoisted).
 */
export function runPolicyPackOf(dir: string): string {
    return path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [dir] })), "cmd", "run-policy-pack");
}
