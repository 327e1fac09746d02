/**
 * A real Chromium for the map's browser tests: Debian's `chromium` (or CHROMIUM_PATH), driven with
 * puppeteer-core, which never downloads a browser. A page records what went wrong in it (console
 * errors, uncaught exceptions, dialogs) and every request it makes beyond its own file.
 */
import * as fs from "fs";
import puppeteer, { Browser, Page } from "puppeteer-core";

/** The browser to use, or undefined when none is installed. */
export function chromiumPath(): string | undefined {
    return [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p): p is string => p !== undefined && p !== "" && fs.existsSync(p));
}

export const INSTALL_HINT = "Chromium is not installed: install Debian's chromium (apt-get install chromium), or set CHROMIUM_PATH, to run the map's browser test";

export function launch(executablePath: string): Promise<Browser> {
    // The pages are the tests' own files, loaded offline; a container often has no user namespaces for the sandbox.
    return puppeteer.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check"] });
}

export interface Watched {
    readonly page: Page;
    /** Console errors, uncaught exceptions and dialogs, as text. */
    readonly problems: string[];
    /** Every request beyond the page's own file. */
    readonly requests: string[];
}

/** Opens a file in a new page (1600x900 unless told) and waits until the map has laid itself out. */
export async function openMap(browser: Browser, file: string, viewport = { width: 1600, height: 900 }): Promise<Watched> {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    const url = `file://${file}`;
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warn") { problems.push(`console ${m.type()}: ${m.text()}`); } });
    page.on("pageerror", (e) => problems.push(`uncaught: ${e instanceof Error ? e.message : String(e)}`));
    page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
    page.on("request", (r) => { if (r.url() !== url) { requests.push(r.url()); } });
    await page.setViewport(viewport);
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate(() => (window as unknown as { networkMap: { ready: Promise<void> } }).networkMap.ready);
    return { page, problems, requests };
}

/** Where a node of the graph is on the page: its center, or a point just inside its top-left corner (a group's own area). */
export async function nodePoint(page: Page, id: string, where: "center" | "corner" = "center"): Promise<{ x: number; y: number }> {
    return page.evaluate((nodeId, at) => {
        const cy = (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy;
        const box = (document.getElementById("graph") as HTMLElement).getBoundingClientRect();
        const node = cy.getElementById(nodeId);
        const bb = node.renderedBoundingBox({ includeLabels: false });
        const p = at === "center" ? node.renderedPosition() : { x: bb.x1 + 6, y: bb.y1 + 6 };
        return { x: box.left + p.x, y: box.top + p.y };
    }, id, where);
}

/** Where the middle of an edge is on the page. */
export async function edgePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
    return page.evaluate((edgeId) => {
        const cy = (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy;
        const box = (document.getElementById("graph") as HTMLElement).getBoundingClientRect();
        const p = cy.getElementById(edgeId).renderedMidpoint();
        return { x: box.left + p.x, y: box.top + p.y };
    }, id);
}
