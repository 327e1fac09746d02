// The benchmark's pack directories: the floor pack, the pack from its TypeScript source, and AWSGuard
// installed in a directory of its own (its dependencies conflict with ours).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const REPO = path.resolve(__dirname, "..");
export const BENCH = __dirname;
export const WORK = path.join(BENCH, ".work");
export const FLOOR_DIR = path.join(BENCH, "floor-pack");
const AWSGUARD_DIR = path.join(BENCH, ".awsguard");
const AWSGUARD_VERSION = "0.3.1";

export function linkNodeModules(dir: string): void {
    const link = path.join(dir, "node_modules");
    if (!fs.existsSync(link)) {
        fs.symlinkSync(path.join(REPO, "node_modules"), link, "dir");
    }
}

/** The pack from its TypeScript source (the old main), type-checked by the runner on start. */
export function tsSourcePackDir(): string {
    const dir = path.join(WORK, "ts-source-pack");
    fs.mkdirSync(dir, { recursive: true });
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { name: string; version: string };
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: pkg.name, version: pkg.version, main: path.relative(dir, path.join(REPO, "index.ts")) }, null, 2));
    fs.copyFileSync(path.join(REPO, "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));
    fs.copyFileSync(path.join(REPO, "tsconfig.json"), path.join(dir, "tsconfig.json"));
    linkNodeModules(dir);
    return dir;
}

/** Installs AWSGuard in its own directory and makes it a pack; the reason when it cannot. */
export function awsguardPackDir(): { dir?: string; reason?: string } {
    try {
        fs.mkdirSync(AWSGUARD_DIR, { recursive: true });
        fs.writeFileSync(path.join(AWSGUARD_DIR, "package.json"), JSON.stringify({
            name: "awsguard-bench", version: AWSGUARD_VERSION, private: true, main: "index.js",
            dependencies: { "@pulumi/awsguard": AWSGUARD_VERSION },
        }, null, 2));
        fs.writeFileSync(path.join(AWSGUARD_DIR, "PulumiPolicy.yaml"), "runtime: nodejs\ndescription: AWSGuard, for the benchmark\n");
        // Every policy on, so that AWSGuard does all the work it can do.
        fs.writeFileSync(path.join(AWSGUARD_DIR, "index.js"),
            "const { AwsGuard } = require(\"@pulumi/awsguard\");\nnew AwsGuard({ all: \"mandatory\" });\n");
        if (!fs.existsSync(path.join(AWSGUARD_DIR, "node_modules", "@pulumi", "awsguard"))) {
            process.stderr.write(`installing @pulumi/awsguard@${AWSGUARD_VERSION} in ${path.relative(REPO, AWSGUARD_DIR)} ...\n`);
            execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", AWSGUARD_DIR], { stdio: ["ignore", "ignore", "pipe"], timeout: 600_000 });
        }
        return { dir: AWSGUARD_DIR };
    } catch (e) {
        return { reason: `install failed: ${(e as Error).message.split("\n")[0]}` };
    }
}
