import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const DOCS = path.join(ROOT, "docs");
const PAGES = ["README.md", "CONTRIBUTING.md", ...fs.readdirSync(DOCS).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

function read(file: string): string {
    return fs.readFileSync(path.join(ROOT, file), "utf8");
}

/** The targets of a markdown text's links that are not URLs, outside code blocks and code spans. */
function relativeLinks(markdown: string): string[] {
    const prose = markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
    return [...prose.matchAll(/\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1])
        .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("//"));
}

/** The output a docs page shows under `$ npx aws-network-guardrails check <args>; echo "exit $?"`. */
function shownOutput(markdown: string, args: string): string | undefined {
    const start = markdown.indexOf(`$ npx aws-network-guardrails check ${args}; echo "exit $?"\n`);
    if (start < 0) {
        return undefined;
    }
    const from = markdown.indexOf("\n", start) + 1;
    return markdown.slice(from, markdown.indexOf("```", from));
}

describe("docs", () => {
    it("finds relative links in prose, and none in code, code spans or URLs", () => {
        const text = [
            "See [the policies](docs/policies.md), [a section](check.md#formats) and ![a picture](img/a.png \"title\").",
            "[Pulumi](https://www.pulumi.com/docs/) and [mail](mailto:a@b.c) are URLs; `[not](a-link.md)` is code.",
            "```md",
            "[not a link either](missing.md)",
            "```",
            "[in-page](#exemptions) [folder](../examples/team-pack)",
        ].join("\n");
        assert.deepStrictEqual(relativeLinks(text), ["docs/policies.md", "check.md#formats", "img/a.png", "#exemptions", "../examples/team-pack"]);
    });

    for (const page of PAGES) {
        it(`${page}: every relative link points at an existing file, without an anchor`, () => {
            const broken = relativeLinks(read(page)).filter((target) =>
                target.includes("#") || !fs.existsSync(path.resolve(path.dirname(path.join(ROOT, page)), decodeURI(target))));
            assert.deepStrictEqual(broken, []);
        });
    }

    it("links every page under docs/ from the README or CONTRIBUTING.md", () => {
        const linked = new Set(["README.md", "CONTRIBUTING.md"].flatMap((page) => relativeLinks(read(page))));
        const unlinked = PAGES.filter((page) => page.startsWith("docs/") && !linked.has(page));
        assert.deepStrictEqual(unlinked, []);
        for (const page of ["docs/policies.md", "docs/check.md", "docs/configuration.md", "docs/exemptions.md", "docs/performance.md", "docs/architecture.md"]) {
            assert.ok(PAGES.includes(page), page);
        }
    });

    it("keeps the README under 12 KB", () => {
        const size = Buffer.byteLength(read("README.md"));
        assert.ok(size < 12 * 1024, `README.md is ${size} bytes`);
    });

    it("gives the README its three ways to use the pack, with the commands for each", () => {
        const readme = read("README.md");
        assert.match(readme, /\npulumi preview --policy-pack <path-to-this-directory>\n/);
        assert.match(readme, /--policy-pack-config /);
        assert.match(readme, /\npulumi policy publish <org>\n/);
        assert.match(readme, /pulumi policy enable <org>\/aws-network-guardrails <version> --policy-group <group> \\\n\s+--config examples\/config\/migration\.json/);
        assert.match(readme, /pulumi policy enable <org>\/aws-network-guardrails <version> --policy-group <group> \\\n\s+--config examples\/config\/baseline\.json/);
        assert.match(readme, /\nnpx aws-network-guardrails check --stack-export stack\.json/);
    });

    it("ends the README with the Quality section and its mutation-score marker", () => {
        assert.match(read("README.md"), /\n## Quality\n\nMutation testing \(StrykerJS\) runs per source file with `npm run mutate`; the score per folder:\n\n<!-- mutation-score -->\n/);
    });

    it("shows in docs/check.md the examples' output as the golden files hold it, with their exit codes", () => {
        const page = read("docs/check.md");
        const golden = (name: string) => read(`test/fixtures/expected/${name}`);
        assert.strictEqual(shownOutput(page, "examples/three-tier"), `${golden("three-tier.txt")}exit 0\n`);
        assert.strictEqual(shownOutput(page, "examples/common-mistakes"), `${golden("common-mistakes.txt")}exit 1\n`);
    });

    it("shows in docs/check.md the beginning of the JSON report as the golden file holds it", () => {
        const page = read("docs/check.md");
        const block = /```json\n(\{\n {2}"version": 1,[\s\S]*?\n {4}\})\n {4}\.\.\. one object per finding\n/.exec(page);
        assert.ok(block, "docs/check.md shows the JSON report");
        assert.ok(read("test/fixtures/expected/common-mistakes.json").startsWith(`${block[1]},\n`), "the JSON excerpt differs from the golden file");
    });
});
