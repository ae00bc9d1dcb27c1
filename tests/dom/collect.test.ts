import { describe, expect, it } from "vitest";
import {
  collectText,
  createTextCollector,
  isInExcludedRegion,
  type StyleView,
} from "../../lib/dom/collect";
import type { TextSegment } from "../../lib/matching/types";
import { loadHtml } from "./support/pages";

function collectBody(html: string, view?: Parameters<typeof collectText>[1]) {
  loadHtml(`<!doctype html><html><head><title>Title</title></head><body>${html}</body></html>`);
  return collectText(document.body, view);
}

/** Text per block, to read block boundaries at a glance. */
function blocks(html: string): string[] {
  return textPerBlock(collectBody(html).segments);
}

function textPerBlock(segments: readonly TextSegment[]): string[] {
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

/** The text of each segment. */
function texts(segments: readonly TextSegment[]): string[] {
  return segments.map((segment) => segment.text);
}

/** An element made by script (as a page's script would), holding `text`. */
function element(tag: string, text: string): Element {
  const made = document.createElement(tag);
  made.append(text);
  return made;
}

describe("collectText: the tags it knows, and the details of its verdicts", () => {
  it("skips each excluded tag with its text, and separates the text on either side", () => {
    const excluded = [
      "head",
      "title",
      "script",
      "style",
      "noscript",
      "template",
      "textarea",
      "input",
      "select",
      "option",
      "optgroup",
      "datalist",
      "button",
      "code",
      "pre",
      "kbd",
      "samp",
      "iframe",
      "frame",
      "object",
      "embed",
      "canvas",
      "video",
      "audio",
      "svg",
      "math",
      "receipts-ui",
    ];
    // Made detached, as a page's script makes them (an <iframe> in the document would load).
    for (const tag of excluded) {
      const paragraph = element("p", "Tim ");
      paragraph.append(element(tag, "x"), " Cook");
      expect(textPerBlock(collectText(paragraph).segments), tag).toEqual(["Tim ", " Cook"]);
    }
  });

  it("starts a block at each block tag, and ends it after", () => {
    const blockTags = [
      "address",
      "article",
      "aside",
      "blockquote",
      "body",
      "br",
      "caption",
      "dd",
      "details",
      "dialog",
      "div",
      "dl",
      "dt",
      "fieldset",
      "figcaption",
      "figure",
      "footer",
      "form",
      "h1",
      "h2",
      "h3",
      "h4",
      "h5",
      "h6",
      "header",
      "hgroup",
      "hr",
      "legend",
      "li",
      "main",
      "menu",
      "nav",
      "ol",
      "p",
      "section",
      "summary",
      "table",
      "tbody",
      "td",
      "tfoot",
      "th",
      "thead",
      "tr",
      "ul",
    ];
    for (const tag of blockTags) {
      const span = element("span", "a");
      span.append(element(tag, "b"), "c");
      expect(textPerBlock(collectText(span).segments), tag).toEqual(["a", "b", "c"]);
    }
  });

  it("takes an editor's class name only whole, at either end of the class list", () => {
    expect(
      texts(collectBody('<p class="notProseMirror">a</p><p class="ProseMirrorx">b</p>').segments),
    ).toEqual(["a", "b"]);
  });

  it("reads an inline display in any case, and only from a display declaration", () => {
    expectEachExcluded(['<div style="Display: NONE">x</div>']);
    // A custom property or another property ending in "display" sets no display.
    expect(
      blocks(
        '<p>Tim <span style="--display: none">and</span> <span style="x-display:block">Cook</span></p>',
      ),
    ).toEqual(["Tim and Cook"]);
    // A vendor display value is a block (line-clamped text), display: contents is inline.
    expect(blocks('<p>Tim <span style="display:-webkit-box">and</span> Cook</p>')).toEqual([
      "Tim ",
      "and",
      " Cook",
    ]);
    expect(blocks('<p>Tim <span style="display: contents">and</span> Cook</p>')).toEqual([
      "Tim and Cook",
    ]);
  });

  it("collects contenteditable in any case of false", () => {
    expect(texts(collectBody('<div contenteditable="FALSE">a</div>').segments)).toEqual(["a"]);
  });
});

describe("collectText: whitespace between words", () => {
  it("keeps a space only where the text before it does not end in whitespace", () => {
    expect(texts(collectBody("<p><a>Jeff </a> <a>Bezos</a></p>").segments)).toEqual([
      "Jeff ",
      "Bezos",
    ]);
    expect(texts(collectBody("<p><a>Tim Cook</a> <a>x</a></p>").segments)).toEqual([
      "Tim Cook",
      " ",
      "x",
    ]);
  });

  it("keeps a space once, before the word that follows it", () => {
    expect(texts(collectBody("<p><a>a</a> <a>b</a><a>c</a></p>").segments)).toEqual([
      "a",
      " ",
      "b",
      "c",
    ]);
  });

  it("drops the whitespace before a root's first word and before a block boundary", () => {
    loadHtml("<body><span id='root'> <b>Tim</b></span></body>");
    expect(texts(collectText(document.getElementById("root")!).segments)).toEqual(["Tim"]);
    expect(collectBody("<div><a>Jeff</a> <p>Bezos</p></div>").segments).toEqual([
      { text: "Jeff", block: 0 },
      { text: "Bezos", block: 1 },
    ]);
  });

  it("never collects an empty text node", () => {
    loadHtml("<body><p></p></body>");
    document.querySelector("p")!.append(element("a", "Jeff"), "", element("a", "Bezos"));
    expect(texts(collectText(document.body).segments)).toEqual(["Jeff", "Bezos"]);
  });
});

describe("collectText: roots", () => {
  it("collects nothing from an excluded root, or from a text node inside one", () => {
    collectBody("<code id='code'>Tim Cook</code>");
    const code = document.getElementById("code")!;
    expect(collectText(code).segments).toEqual([]);
    expect(isInExcludedRegion(code.firstChild!)).toBe(true);
    expect(collectText(code.firstChild!).segments).toEqual([]);
  });

  it("collects a text node root once", () => {
    collectBody("<p>Tim Cook</p>");
    const collector = createTextCollector(document.querySelector("p")!.firstChild!);
    expect(collector.done).toBe(false);
    expect(texts(collector.next(1).segments)).toEqual(["Tim Cook"]);
    expect(collector.done).toBe(true);
    expect(collector.next(1).segments).toEqual([]);
  });

  it("reads nothing past an element root, though it has siblings", () => {
    collectBody("<p id='root'><b>Tim</b></p><p>Cook</p>");
    expect(texts(collectText(document.getElementById("root")!).segments)).toEqual(["Tim"]);
  });

  it("collects a document fragment and an open shadow root", () => {
    loadHtml("<body><div id='host'></div></body>");
    const fragment = document.createDocumentFragment();
    fragment.append(element("p", "Tim Cook"));
    expect(texts(collectText(fragment).segments)).toEqual(["Tim Cook"]);
    const shadow = document.getElementById("host")!.attachShadow({ mode: "open" });
    shadow.append(element("p", "Jeff Bezos"));
    expect(texts(collectText(shadow).segments)).toEqual(["Jeff Bezos"]);
  });

  it("skips the elements it is told were read already, each a block boundary", () => {
    collectBody("<div><b>Tim</b> <p id='read'>Cook</p> said</div>");
    const read = new Set<Node>([document.getElementById("read")!]);
    expect(textPerBlock(collectText(document.body, { skip: read }).segments)).toEqual([
      "Tim",
      " said",
    ]);
  });
});

describe("collectText with a view", () => {
  const withStyle = (style: string, body: string): void =>
    loadHtml(`<html><head><style>${style}</style></head><body>${body}</body></html>`);

  it("skips every text under a hidden element, however many it holds", () => {
    withStyle(".gone{display:none}", '<div class="gone"><p>deep</p><p>deeper</p></div><p>kept</p>');
    expect(texts(collectText(document.body, { view: window }).segments)).toEqual(["kept"]);
  });

  it("separates two words where the space between them is hidden", () => {
    withStyle(".gone{display:none}", '<p><a>Tim</a><span class="gone"> </span><a>Cook</a></p>');
    expect(collectText(document.body, { view: window }).segments).toEqual([
      { text: "Tim", block: 0 },
      { text: "Cook", block: 1 },
    ]);
  });

  it("counts a root inside a hidden custom element as hidden", () => {
    withStyle("x-ad{display:none}", "<x-ad><p id='inside'>Tim Cook</p></x-ad>");
    const inside = document.getElementById("inside")!;
    expect(isInExcludedRegion(inside, { view: window })).toBe(true);
    expect(collectText(inside, { view: window }).segments).toEqual([]);
    // Without a view, markup alone decides.
    expect(isInExcludedRegion(inside)).toBe(false);
    expect(texts(collectText(inside).segments)).toEqual(["Tim Cook"]);
  });

  it("reads our marks in their run even where the page styles them as blocks", () => {
    withStyle(
      "receipts-mark{display:block}",
      "<p>Tim <receipts-mark>Cook</receipts-mark> said</p>",
    );
    expect(textPerBlock(collectText(document.body, { view: window }).segments)).toEqual([
      "Tim Cook said",
    ]);
  });

  it("takes a custom element whose display is empty as inline", () => {
    loadHtml("<body><p>Tim <x-a>and</x-a> Cook</p></body>");
    const view: StyleView = {
      getComputedStyle: (styled) =>
        styled.localName === "x-a" ? { display: "" } : window.getComputedStyle(styled),
    };
    expect(textPerBlock(collectText(document.body, { view }).segments)).toEqual(["Tim and Cook"]);
  });

  it("skips a shadow host's light DOM that no slot shows", () => {
    loadHtml("<body><p id='unslotted'>Tim <b>Cook</b></p><p id='slotted'>Jeff</p></body>");
    const unslotted = document.getElementById("unslotted")!;
    unslotted.attachShadow({ mode: "open" }).append("shown instead");
    const slotted = document.getElementById("slotted")!;
    const slot = document.createElement("slot");
    slotted.attachShadow({ mode: "open" }).append(slot);
    // happy-dom assigns no slots: set what a browser would.
    for (const child of unslotted.childNodes)
      Object.defineProperty(child, "assignedSlot", { value: null });
    Object.defineProperty(slotted.firstChild!, "assignedSlot", { value: slot });
    expect(texts(collectText(document.body, { view: window }).segments)).toEqual(["Jeff"]);
  });

  it("asks the style only of elements a stylesheet could hide by themselves, once", () => {
    loadHtml(
      '<body><p>a <b>b</b> <x-c>c</x-c> <i class="k">d</i> <u id="n">e</u> ' +
        '<s style="color: red">f</s></p><span class="k"> </span><p>g</p></body>',
    );
    const asked: string[] = [];
    const view: StyleView = {
      getComputedStyle(styled) {
        asked.push(styled.localName);
        return window.getComputedStyle(styled);
      },
    };
    const rendered = new Map<Element, boolean>();
    collectText(document.body, { view, rendered });
    // Blocks, custom elements (asked their display as a block too), and elements with a class,
    // id or style; not <b>, nor the indentation between blocks.
    expect(asked).toEqual(["body", "p", "x-c", "x-c", "i", "u", "s", "p"]);
    // A collector sharing the answers asks only a custom element's display.
    asked.length = 0;
    collectText(document.body, { view, rendered });
    expect(asked).toEqual(["x-c"]);
  });
});

describe("createTextCollector: pieces", () => {
  it("ends a piece at the first block boundary after minNodes nodes or minChars characters", () => {
    loadHtml(`<body>${"<p>a</p>".repeat(5)}</body>`);
    expect(texts(createTextCollector(document.body).next(2).segments)).toEqual(["a", "a"]);
    loadHtml(`<body>${`<p>${"x".repeat(50)}</p>`.repeat(6)}</body>`);
    const collector = createTextCollector(document.body);
    expect(collector.next(1000, 100).segments).toHaveLength(2);
    expect(collector.next(1000, 100).segments).toHaveLength(2);
  });

  it("cuts one long block at eight times the nodes or characters asked for", () => {
    loadHtml(`<body><p>${"<b>x</b>".repeat(100)}</p></body>`);
    expect(createTextCollector(document.body).next(5).segments).toHaveLength(40);
    loadHtml(`<body><p>${`<b>${"x".repeat(10)}</b>`.repeat(100)}</p></body>`);
    expect(createTextCollector(document.body).next(1000, 10).segments).toHaveLength(8);
  });
});
