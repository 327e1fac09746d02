/** The map page's style sheet, inlined into the page. */
export const PAGE_CSS = `/* The map page: a header with the search box, the graph, and a panel with what was clicked. */
html, body { margin: 0; height: 100%; font-family: Helvetica, Arial, sans-serif; color: #1d2330; }
body { display: flex; flex-direction: column; }
header { display: flex; align-items: center; gap: 10px; padding: 8px 12px; border-bottom: 1px solid #d0d4da; background: #f7f8fa; flex-wrap: wrap; }
header h1 { font-size: 16px; margin: 0; }
#summary { color: #555; font-size: 13px; }
#search { margin-left: auto; padding: 4px 8px; min-width: 220px; }
button { padding: 4px 10px; }
main { flex: 1; display: flex; min-height: 0; position: relative; }
#graph { flex: 1; min-width: 0; position: relative; }
aside { width: 360px; overflow-y: auto; border-left: 1px solid #d0d4da; padding: 10px 14px; font-size: 13px; }
aside h2 { font-size: 15px; margin: 4px 0; word-break: break-word; }
aside h3 { font-size: 13px; margin: 12px 0 4px; }
aside h4 { font-size: 12px; margin: 10px 0 2px; word-break: break-word; }
.kind { color: #555; margin: 0 0 6px; }
.exposed.sure { color: #d62728; font-weight: bold; }
.exposed.possible { color: #b35900; font-weight: bold; }
ul.details, ul.findings { padding-left: 18px; margin: 4px 0; }
ul.details li { margin: 3px 0; word-break: break-word; }
li.finding { margin: 6px 0; }
li.finding .level { font-size: 11px; text-transform: uppercase; padding: 1px 4px; border-radius: 3px; color: #fff; background: #ff7f0e; }
li.finding.mandatory .level { background: #d62728; }
li.finding.exempted .level { background: #888; }
li.finding .message { margin-top: 2px; word-break: break-word; }
.hint, .no-findings { color: #555; }
#legend ul { list-style: none; padding: 0; margin: 4px 0; }
#legend li::before { content: ""; display: inline-block; width: 22px; height: 10px; margin-right: 6px; vertical-align: middle; border: 2px solid var(--c); background: var(--b, transparent); }
#tooltip { position: absolute; z-index: 10; background: #fff; border: 1px solid #888; padding: 4px 8px; font-size: 12px; pointer-events: none; max-width: 320px; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
`;
