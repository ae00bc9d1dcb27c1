import { describe, expect, it } from "vitest";
import { collectText, isInExcludedRegion } from "../../lib/dom/collect";
import { loadHtml } from "./support/pages";

function collectBody(html: string, view?: Parameters<typeof collectText>[1]) {
  loadHtml(`<!doctype html><html><head><title>Title</title></head><body>${html}</body></html>`);
  return collectText(document.body, view);
}

/** Text per block, to read block boundaries at a glance. */
function blocks(html: string): string[] {
  const { segments } = collectBody(html);
  const byBlock: string[] = [];
  for (const segment of segments)
    byBlock[segment.block] = (byBlock[segment.block] ?? "") + segment.text;
  return byBlock;
}

/** Each of these, followed by a paragraph, leaves only the paragraph's text to read. */
function expectEachExcluded(htmls: readonly string[]): void {
  for (const html of htmls) {
    expect(
      collectBody(`${html}<p>kept</p>`).segments.map((segment) => segment.text),
      html,
    ).toEqual(["kept"]);
  }
}

describe("collectText", () => {
  it("returns text nodes in document order, each with its own text", () => {
    const { nodes, segments } = collectBody("<p>Hello <b>Tim</b> Cook, <i>and</i> more</p>");
    expect(segments.map((segment) => segment.text)).toEqual([
      "Hello ",
      "Tim",
      " Cook, ",
      "and",
      " more",
    ]);
    expect(nodes.map((node) => node.data)).toEqual(segments.map((segment) => segment.text));
    expect(new Set(segments.map((segment) => segment.block)).size).toBe(1);
  });

  it("keeps inline splits in one block and starts a block at each block boundary", () => {
    expect(blocks("<p><b>Tim</b> Cook</p><h2>Jeff</h2><p>Bezos</p>")).toEqual([
      "Tim Cook",
      "Jeff",
      "Bezos",
    ]);
    expect(blocks("<p>Elon<br>Musk</p><ul><li>a</li><li>b</li></ul>")).toEqual([
      "Elon",
      "Musk",
      "a",
      "b",
    ]);
    expect(blocks("<table><tr><td>Jeff</td><th>Bezos</th></tr></table>")).toEqual([
      "Jeff",
      "Bezos",
    ]);
    expect(blocks("<section><div>Tim</div>Cook</section>")).toEqual(["Tim", "Cook"]);
    expect(blocks("<blockquote>a</blockquote>b<hr>c")).toEqual(["a", "b", "c"]);
  });

  it("numbers blocks without gaps, whatever empty blocks lie between", () => {
    const { segments } = collectBody("<div><p></p><p> </p><p>a</p><div></div><p>b</p></div>");
    expect(segments).toEqual([
      { text: "a", block: 0 },
      { text: "b", block: 1 },
    ]);
  });

  it("keeps a whitespace-only node that separates two words and drops indentation", () => {
    const { segments } = collectBody("\n  <p>\n    <a>Jeff</a> <a>Bezos</a>\n  </p>\n");
    expect(segments.map((segment) => segment.text)).toEqual(["Jeff", " ", "Bezos"]);
  });

  it("treats an inline display style as inline and a block display style as block", () => {
    expect(blocks('<p>Elon <span style="display: block">Musk</span></p>')).toEqual([
      "Elon ",
      "Musk",
    ]);
    expect(blocks('<div>Elon <div style="display:inline">Musk</div></div>')).toEqual(["Elon Musk"]);
  });

  it("skips every excluded region with its whole subtree", () => {
    const excluded = [
      "<script>x</script>",
      "<style>x</style>",
      "<noscript>x</noscript>",
      "<template>x</template>",
      "<textarea>x</textarea>",
      "<select><option>x</option></select>",
      "<code><span>x</span></code>",
      "<pre><b>x</b></pre>",
      "<svg><text>x</text></svg>",
      "<math><mi>x</mi></math>",
      "<button>x</button>",
      '<div contenteditable="">x</div>',
      '<div contenteditable="true"><p><b>x</b></p></div>',
      '<div role="textbox">x</div>',
      '<div class="a ProseMirror">x</div>',
      '<div class="ql-editor">x</div>',
      '<div data-slate-editor="true">x</div>',
      '<div class="CodeMirror"><div>x</div></div>',
      "<div hidden><p>x</p></div>",
      '<div style="display:none"><p>x</p></div>',
      "<receipts-ui>x</receipts-ui>",
    ];
    expectEachExcluded(excluded);
  });

  it("reads the text of our own marks in its run, flagged as marked (context, never wrapped again)", () => {
    const { segments } = collectBody("<p><receipts-mark>Tim Cook</receipts-mark> said</p>");
    expect(segments).toEqual([
      { text: "Tim Cook", block: 0, marked: true },
      { text: " said", block: 0 },
    ]);
  });

  it("finds a verdict in an element's attributes whatever else it carries", () => {
    const editors = [
      "ProseMirror",
      "ql-editor",
      "CodeMirror",
      "cm-editor",
      "monaco-editor",
      "ace_editor",
    ];
    const excluded = [
      ...editors.map((name) => `<div id="e" class="shell ${name} theme-dark" data-x="1">x</div>`),
      '<div class="story" role="textbox" aria-label="Reply">x</div>',
      '<section class="story" id="s" style="color: red; display: none">x</section>',
      '<div class="story" data-id="7" hidden>x</div>',
    ];
    expectEachExcluded(excluded);
    // A class that only contains an editor's name is not that editor; a style that sets no
    // display, or a role other than textbox, changes nothing.
    expect(
      collectBody(
        '<p><span class="notProseMirrorx" style="color: red" role="note">a</span> b</p>',
      ).segments.map((s) => s.text),
    ).toEqual(["a", " b"]);
    // An inline style's display decides between inline and block.
    expect(blocks('<p>Tim <span class="x" style="display: block">and</span> Cook</p>')).toEqual([
      "Tim ",
      "and",
      " Cook",
    ]);
  });

  it("collects contenteditable=false and aria-hidden text, which is on screen", () => {
    const { segments } = collectBody(
      '<div contenteditable="false">a</div><div aria-hidden="true">b</div>',
    );
    expect(segments.map((segment) => segment.text)).toEqual(["a", "b"]);
  });

  it("separates the text on either side of an excluded region", () => {
    expect(blocks("<p>Tim <code>x</code> Cook</p>")).toEqual(["Tim ", " Cook"]);
  });

  it("with a view, skips text a stylesheet hides and asks custom elements for their display", () => {
    loadHtml(
      "<html><head><style>.gone{display:none} x-card{display:block}</style></head><body>" +
        '<p>a <span class="gone">x</span>b</p><div class="gone"><p>deep</p></div>' +
        "<p><x-card>Tim</x-card><x-card>Cook</x-card></p></body></html>",
    );
    expect(collectText(document.body, { view: window }).segments).toEqual([
      { text: "a ", block: 0 },
      { text: "b", block: 1 },
      { text: "Tim", block: 2 },
      { text: "Cook", block: 3 },
    ]);
    // Without a view, only markup decides: the stylesheet is not consulted.
    expect(collectText(document.body).segments.map((segment) => segment.text)).toEqual([
      "a ",
      "x",
      "b",
      "deep",
      "Tim",
      "Cook",
    ]);
  });

  it("collects from a text node root, and nothing from a root inside an excluded region", () => {
    collectBody('<p id="p">Tim Cook</p><code><span id="inside">Tim Cook</span></code>');
    const text = document.getElementById("p")!.firstChild!;
    expect(collectText(text).segments).toEqual([{ text: "Tim Cook", block: 0 }]);
    const inside = document.getElementById("inside")!;
    expect(isInExcludedRegion(inside)).toBe(true);
    expect(isInExcludedRegion(document.querySelector("code")!)).toBe(true);
    expect(isInExcludedRegion(text)).toBe(false);
  });

  it("never collects the head", () => {
    loadHtml("<html><head><title>Tim Cook</title></head><body><p>body</p></body></html>");
    expect(collectText(document).segments.map((segment) => segment.text)).toEqual(["body"]);
  });
});
