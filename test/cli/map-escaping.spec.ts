/**
 * Names and findings are data, never markup: in the HTML page they travel only as JSON in a data
 * element that nothing can end early, and in Mermaid and DOT as quoted labels that nothing can end.
 */
import * as assert from "assert";
import { renderHtml } from "../../cli/map/html";
import { formatDot, formatMermaid } from "../../cli/map/text";
import { hostileMap } from "./map-hostile";

describe("network map: escaping", () => {
    const html = renderHtml(hostileMap());

    it("HTML: no script ends early: one end tag each for the data, the two libraries and the page's script", () => {
        assert.strictEqual(html.match(/<\/script/gi)?.length, 4);
        assert.doesNotMatch(html, /<img/i);
        assert.doesNotMatch(html.slice(html.indexOf("<body>")), /<!--(?! (cytoscape|elkjs) )/);
    });

    it("HTML: the data element holds the map exactly, as JSON", () => {
        const start = html.indexOf("<script type=\"application/json\" id=\"map-data\">") + "<script type=\"application/json\" id=\"map-data\">".length;
        const json = html.slice(start, html.indexOf("</script>", start));
        assert.deepStrictEqual(JSON.parse(json), hostileMap());
    });

    it("HTML: the title is escaped", () => {
        assert.ok(html.includes("<title>Network map of &#60;/title&#62;&#60;script&#62;alert(0)&#60;/script&#62;</title>"));
    });

    it("Mermaid: every character that could end or mark up a label is an entity code", () => {
        const lines = formatMermaid(hostileMap()).split("\n");
        assert.ok(lines.includes("        n2[\"#60;/script#62;#60;img src#61;x onerror#61;alert(1)#62;<br/>Instance<br/>1 mandatory finding\"]"), lines.join("\n"));
        assert.ok(lines.includes("        n3[/\"x#34;#93;#59; y#10;z#92;w\"/]"), lines.join("\n"));
        assert.ok(lines.includes("    internet ==>|\"#60;img src#61;y onerror#61;alert(4)#62;\"| n2"), lines.join("\n"));
        assert.strictEqual(lines[0], "%% Network map of #60;/title#62;#60;script#62;alert(0)#60;/script#62;");
    });

    it("DOT: quotes and backslashes are escaped, a line break is a space", () => {
        const lines = formatDot(hostileMap()).split("\n");
        assert.ok(lines.includes("        n3 [label=\"x\\\"]; y z\\\\w\", shape=parallelogram];"), lines.join("\n"));
        assert.ok(lines.includes("        n2 [label=\"</script><img src=x onerror=alert(1)>\\nInstance\\n1 mandatory finding\", shape=box, color=\"#d62728\", penwidth=3];"),
            lines.join("\n"));
    });
});
