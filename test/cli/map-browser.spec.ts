/**
 * The map page in a real Chromium (Debian's chromium, headless): the three-tier example's map as
 * `check --map` writes it loads offline with no error, draws what the example declares (counted by
 * hand from examples/three-tier/three-tier.ts), shows a resource's findings when it is clicked,
 * collapses a subnet, searches, keeps hostile names as text and stays usable at about 500
 * resources. A screenshot of the three-tier map is kept in test-artifacts/. Without Chromium the
 * test is skipped, saying how to install it.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "puppeteer-core";
import { buildMap } from "../../cli/map/build";
import { renderHtml } from "../../cli/map/html";
import type { NetworkMap } from "../../cli/map/map-model";
import { INSTALL_HINT, Watched, chromiumPath, edgePoint, launch, nodePoint, openMap } from "../util/chromium";
import { stackModel } from "../util/stack-fixtures";
import { hostileMap } from "./map-hostile";
import { largeNetwork } from "./map-large";
import { REPO, runAll } from "./run-bin";

const ARTIFACTS = path.join(REPO, "test-artifacts");
const file = (name: string) => path.join(ARTIFACTS, name);

type Counts = Record<string, number>;

/** How many nodes and edges of each kind the page's graph holds. */
function graphCounts(page: Page): Promise<{ nodes: Counts; edges: Counts }> {
    return page.evaluate(() => {
        const cy = (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy;
        const count = (list: string[]) => list.reduce((c: Record<string, number>, k) => ({ ...c, [k]: (c[k] ?? 0) + 1 }), {});
        return { nodes: count(cy.nodes().map((n) => String(n.data("kind")))), edges: count(cy.edges().map((e) => String(e.data("kind")))) };
    });
}

/** The id of the node of this kind and name. */
function nodeId(page: Page, kind: string, label: string): Promise<string> {
    return page.evaluate((k, l) => {
        const map = (window as unknown as { networkMap: { map: NetworkMap } }).networkMap.map;
        const n = map.nodes.find((x) => x.kind === k && x.label === l);
        if (!n) { throw new Error(`no ${k} ${l}`); }
        return n.id;
    }, kind, label);
}

const text = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);

describe("network map in Chromium", function () {
    this.timeout(300_000);
    let browser: Browser | undefined;
    const opened: Watched[] = [];
    const open = async (name: string) => {
        const w = await openMap(browser as Browser, file(name));
        opened.push(w);
        return w;
    };

    before(async function () {
        const chromium = chromiumPath();
        if (chromium === undefined) {
            console.log(`      skipped: ${INSTALL_HINT}`);
            this.skip();
        }
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        const runs = await runAll([
            ["check", "examples/three-tier", "--map", file("three-tier-map.html")],
            ["check", "test/fixtures/programs/three-tier-db-open", "--map", file("three-tier-db-open-map.html")],
        ], 2);
        runs.forEach((r) => assert.ok(r.code === 0 || r.code === 1, r.stderr));
        fs.writeFileSync(file("hostile-map.html"), renderHtml(hostileMap()));
        fs.writeFileSync(file("large-map.html"), renderHtml(buildMap(stackModel(largeNetwork()), [], [], "a large network")));
        browser = await launch(chromium as string);
    });

    after(async () => {
        await browser?.close();
    });

    afterEach(async () => {
        const pages = opened.splice(0);
        for (const w of pages) {
            assert.deepStrictEqual({ problems: w.problems, requests: w.requests }, { problems: [], requests: [] }, "no console error, dialog or request");
            await w.page.close();
        }
    });

    it("three-tier: loads offline and draws the example: 15 nodes and 13 edges of the kinds it declares; a screenshot is kept", async () => {
        const { page } = await open("three-tier-map.html");
        // internet; VPC main; gateway main; subnets public-a, app-a, db-a; alb, web, app, db; groups default, alb, web, app, db.
        // Gateway edge; route to public-a; db in db-a and app-a; one group on each of 4 resources; alb -> web -> app -> db; two path edges.
        assert.deepStrictEqual(await graphCounts(page), {
            nodes: { "internet": 1, "vpc": 1, "gateway": 1, "subnet": 3, "resource": 4, "security-group": 5 },
            edges: { "gateway": 1, "route": 1, "placement": 2, "member": 4, "sg-reference": 3, "exposure": 2 },
        });
        // The paths: internet -> gateway -> alb -> web, in red.
        assert.deepStrictEqual(await page.evaluate(() => (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy
            .edges(".sure").map((e) => `${e.source().data("label").split("\n")[0]} -> ${e.target().data("label").split("\n")[0]}`).sort()),
        ["Internet -> main", "alb -> web", "main -> alb"]);
        assert.strictEqual(await text(page, "#summary"), "4 resources, 2 path edges from the internet, 0 findings");
        const shot = file("three-tier-map.png");
        await page.screenshot({ path: shot });
        console.log(`      screenshot: ${path.relative(REPO, shot)}`);
    });

    it("three-tier: clicking the web instance shows what it is, that the internet reaches it, and no findings", async () => {
        const { page } = await open("three-tier-map.html");
        const at = await nodePoint(page, await nodeId(page, "resource", "web"));
        await page.mouse.click(at.x, at.y);
        assert.deepStrictEqual((await text(page, "#details")).split("\n").filter((l) => l !== ""), [
            "web", "Instance", "Reachable from the internet (see the red edges into it).",
            "aws.ec2.Instance 'web'", "role: compute", "security groups: web", "Findings (0)", "No findings.",
        ]);
    });

    it("db-open-to-internet: clicking the database lists its three findings, and its path's edge lists the hops", async () => {
        const { page } = await open("three-tier-db-open-map.html");
        const db = await nodeId(page, "resource", "db");
        const at = await nodePoint(page, db);
        await page.mouse.click(at.x, at.y);
        const findings = await page.$$eval("#details li.finding", (items) => items.map((li) => [li.querySelector(".level")?.textContent, li.querySelector(".policy")?.textContent]));
        assert.deepStrictEqual(findings, [
            ["mandatory", "db-ingress-only-via-security-groups"], ["mandatory", "db-ingress-only-via-security-groups"], ["mandatory", "db-not-reachable-from-internet"],
        ]);
        assert.match(await text(page, "#details li.finding:last-child .message"), /^aws\.rds\.Instance 'db' is reachable from the internet on TCP port 5432 \(IPv4\): route: /);
        const edge = await page.evaluate((target) => (window as unknown as { networkMap: { map: NetworkMap } }).networkMap.map.edges
            .find((e) => e.kind === "exposure" && e.target === target)?.id as string, db);
        const mid = await edgePoint(page, edge);
        await page.mouse.click(mid.x, mid.y);
        assert.match(await text(page, "#details"), /^Path from the internet\n+TCP port 5432 \(IPv4\)\n+reachable on TCP port 5432 \(IPv4\) through aws\.ec2\.Subnet 'db-a': route: /);
    });

    it("double-clicking a subnet collapses it (its two instances leave, their edges go to the subnet); again expands it", async () => {
        const { page } = await open("three-tier-map.html");
        const appA = await nodeId(page, "subnet", "app-a");
        const corner = await nodePoint(page, appA, "corner");
        await page.mouse.click(corner.x, corner.y, { count: 2 });
        await page.waitForFunction(() => (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy.nodes().length === 13);
        // web's and app's edges to their groups, and the path alb -> web, now end at app-a.
        assert.deepStrictEqual(await page.evaluate(() => (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy
            .edges("[stands]")
            .map((e) => `${e.data("kind")}: ${e.source().data("label").split("\n")[0]} -> ${e.target().data("label").split("\n")[0]}`).sort()),
        ["exposure: alb -> app-a", "member: app-a -> app", "member: app-a -> web"]);
        const again = await nodePoint(page, appA, "center");
        await page.mouse.click(again.x, again.y, { count: 2 });
        await page.waitForFunction(() => (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy.nodes().length === 15);
        assert.strictEqual((await graphCounts(page)).edges.member, 4);
    });

    it("search: a name marks its node and fades the rest; Enter opens the collapsed subnet that holds it", async () => {
        const { page } = await open("three-tier-map.html");
        await page.click("#collapse-subnets");
        await page.waitForFunction(() => (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy.nodes().length === 12);
        await page.type("#search", "aws.ec2.Instance 'app'");
        await page.keyboard.press("Enter");
        await page.waitForFunction(() => (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy.nodes(".match").length > 0);
        const marked = await page.evaluate(() => {
            const cy = (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy;
            return { match: cy.nodes(".match").map((n) => n.data("label")), unfaded: cy.nodes().not(".faded").map((n) => n.data("label").split("\n")[0]).sort() };
        });
        assert.deepStrictEqual(marked, { match: ["app\nInstance"], unfaded: ["app", "app-a", "main"] });
    });

    it("hostile names and findings stay text: no element from them, no script run, shown as written when clicked", async () => {
        const { page } = await open("hostile-map.html");
        assert.strictEqual(await page.$$eval("img, iframe, b", (els) => els.length), 0);
        const at = await nodePoint(page, "n2");
        await page.mouse.click(at.x, at.y);
        assert.strictEqual(await text(page, "#details h2"), "</script><img src=x onerror=alert(1)>");
        assert.strictEqual(await text(page, "#details .message"), "</SCRIPT><script>alert(3)</script> & <b>bold</b>");
        assert.strictEqual(await page.title(), "Network map of </title><script>alert(0)</script>");
    });

    it("about 500 resources: laid out within seconds, quiet subnets collapsed, and a search opens the one that holds a match", async () => {
        const start = Date.now();
        const { page } = await open("large-map.html");
        const first = (Date.now() - start) / 1000;
        const counts = await graphCounts(page);
        // 24 private subnets of 18 instances: 23 start collapsed; the first holds the load balancer's target.
        assert.deepStrictEqual([counts.nodes.resource, counts.nodes.subnet], [1 + 18 + 1, 26]);
        await page.type("#search", "host-17-5");
        await page.keyboard.press("Enter");
        await page.waitForFunction(() => (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy.nodes(".match").length === 1);
        const t = Date.now();
        await page.click("#expand-all");
        await page.waitForFunction(() => (window as unknown as { networkMap: { cy: import("cytoscape").Core } }).networkMap.cy.nodes().length === 490);
        const all = (Date.now() - t) / 1000;
        console.log(`      500 resources: ${first.toFixed(1)} s to open, ${all.toFixed(1)} s to lay out all 490 nodes`);
        assert.ok(first < 30 && all < 30, `${first} s, ${all} s`);
    });
});
