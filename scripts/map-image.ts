/**
 * `npm run map-image`: the picture of the three-tier example's network map in the README
 * (docs/img/three-tier-map.png): `check examples/three-tier --map`, opened in Debian's chromium
 * headless, the graph's area only.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromiumPath, launch, openMap } from "../test/util/chromium";

const ROOT = path.join(__dirname, "..");
const IMAGE = path.join(ROOT, "docs", "img", "three-tier-map.png");

async function main(): Promise<void> {
    const chromium = chromiumPath();
    if (chromium === undefined) {
        throw new Error("Chromium is not installed: apt-get install chromium (or set CHROMIUM_PATH)");
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "map-image-"));
    const html = path.join(dir, "three-tier.html");
    execFileSync(process.execPath, [path.join(ROOT, "bin", "aws-network-guardrails.js"), "check", "examples/three-tier", "--map", html], { cwd: ROOT, stdio: "inherit" });
    const browser = await launch(chromium);
    try {
        const { page, problems } = await openMap(browser, html, { width: 1500, height: 620 });
        if (problems.length > 0) {
            throw new Error(problems.join("\n"));
        }
        await page.evaluate(() => document.querySelector("aside")?.remove());
        await page.evaluate(() => (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy.resize().fit(undefined, 12));
        fs.mkdirSync(path.dirname(IMAGE), { recursive: true });
        await (await page.$("#graph"))?.screenshot({ path: IMAGE as `${string}.png` });
    } finally {
        await browser.close();
        fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(`wrote ${path.relative(ROOT, IMAGE)}`);
}

main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
