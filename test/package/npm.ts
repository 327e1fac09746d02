// npm as a user runs it: without the npm_* variables of an enclosing `npm test`, which npm would
// read as its own configuration and package context.
import { execFile, execFileSync } from "child_process";

function cleanEnv(): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

export function npmSync(args: string[], cwd: string): string {
    return execFileSync("npm", args, { cwd, env: cleanEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

/** Runs npm; rejects with its output when it fails. */
export function npm(args: string[], cwd: string): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile("npm", args, { cwd, env: cleanEnv(), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
            err ? reject(new Error(`npm ${args.join(" ")} in ${cwd} failed: ${err.message}\n${stderr}`)) : resolve(stdout));
    });
}
