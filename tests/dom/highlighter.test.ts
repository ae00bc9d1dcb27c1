import { describe, expect, it, vi } from "vitest";
import { collectText } from "../../lib/dom/collect";
import {
  markMatches,
  planMarks,
  repairChangedText,
  unmarkAll,
  wasRemovedByUs,
} from "../../lib/dom/highlighter";
import {
  FIXTURE_PAGES,
  loadFixturePage,
  loadHtml,
  mentionsOnPage,
  testSession,
} from "./support/pages";

/** One pass as the content script does it: collect, match, mark. */
function markPage(session = testSession(), root: Node = document.body) {
  const { nodes, segments } = collectText(root);
  return markMatches(nodes, segments, session.scan(segments));
}

function serialised(): string {
  return new XMLSerializer().serializeToString(document.documentElement);
}

describe("fixture pages", () => {
  for (const name of FIXTURE_PAGES) {
    it(`${name}: marks exactly the expected mentions`, () => {
      const expected = loadFixturePage(name);
      markPage();
      expect(mentionsOnPage()).toEqual(expected.mentions);
    });

    it(`${name}: unmarking restores the page exactly`, () => {
      loadFixturePage(name);
      const before = serialised();
      const textNodesBefore = collectText(document.body).nodes;
      markPage();
      unmarkAll(document.body);
      expect(serialised()).toBe(before);
      expect(document.querySelector("receipts-mark")).toBeNull();
      // The page's own text nodes are the ones left, re-joined: no stray split pieces.
      expect(collectText(document.body).nodes).toEqual(textNodesBefore);
    });
  }
});

describe("markMatches", () => {
  it("lines mark.js's offsets up with the collected nodes despite skipped text before them", () => {
    loadHtml(
      "<body><p>  </p><code>Tim Cook</code><div hidden>Tim Cook</div>" +
        "<p>  Said <b>Tim</b>  Cook; then <i>Elon Musk</i>.</p></body>",
    );
    const marks = markPage();
    expect(marks.map((mark) => mark.textContent)).toEqual(["Tim", "  Cook", "Elon Musk"]);
    expect(marks.map((mark) => mark.parentElement?.localName)).toEqual(["b", "p", "i"]);
    expect(document.querySelector("code")?.textContent).toBe("Tim Cook");
  });

  it("gives the pieces of one mention one match id, and different mentions different ids", () => {
    loadHtml("<body><p><b>Tim</b> Cook met Tim Cook.</p></body>");
    const marks = markPage();
    const ids = marks.map((mark) => mark.getAttribute("data-receipts-match"));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(marks.every((mark) => mark.getAttribute("data-receipts-entity") === "tim-cook")).toBe(
      true,
    );
    expect(marks.map((mark) => mark.getAttribute("data-receipts-how"))).toEqual([
      "full",
      "full",
      "full",
    ]);
  });

  it("does not change the page's own elements", () => {
    loadHtml(
      '<body><p class="lede"><a href="/x" id="a">Jeff</a> <a href="/y">Bezos</a></p></body>',
    );
    const elementsBefore = [...document.body.querySelectorAll("*")];
    markPage();
    const elementsAfter = [...document.body.querySelectorAll("*:not(receipts-mark)")];
    expect(elementsAfter).toEqual(elementsBefore);
    expect(document.getElementById("a")?.getAttribute("href")).toBe("/x");
  });

  it("is idempotent: marking twice marks nothing twice", () => {
    const expected = loadFixturePage("inline-splits");
    markPage();
    const once = serialised();
    const again = markPage();
    expect(again).toEqual([]);
    expect(serialised()).toBe(once);
    expect(mentionsOnPage()).toEqual(expected.mentions);
  });

  it("never wraps text that is not the matched text (a stale or misaligned match)", () => {
    loadHtml("<body><p>Tim Cook wrote.</p></body>");
    const before = serialised();
    const { nodes, segments } = collectText(document.body);
    const stale = { entity: "palantir", start: 0, end: 8, text: "Palantir", how: "full" as const };
    expect(markMatches(nodes, segments, [stale])).toEqual([]);
    expect(serialised()).toBe(before);
  });

  it("marks matches given out of order, each once, in document order", () => {
    loadHtml("<body><p>Tim Cook met Elon Musk at Palantir.</p></body>");
    const { nodes, segments } = collectText(document.body);
    const matches = testSession().scan(segments);
    expect(matches).toHaveLength(3);
    const marks = markMatches(nodes, segments, [...matches].reverse());
    expect(marks.map((mark) => mark.textContent)).toEqual(["Tim Cook", "Elon Musk", "Palantir"]);
  });

  it("reads only the text nodes a match covers, not the rest of the run", () => {
    const words = Array.from({ length: 500 }, (_, index) => `<i>word ${index}</i> `).join("");
    loadHtml(`<body><p>Tim Cook said ${words}</p></body>`);
    const { nodes, segments } = collectText(document.body);
    const matches = testSession().scan(segments);
    let reads = 0;
    const counted = new Proxy(nodes, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(planMarks(counted, segments, matches).marks).toHaveLength(1);
    // The one match's node, and not the 1,000 after it: a long article stays one pass.
    expect(reads).toBeLessThan(5);
  });

  it("a stale match does not keep the right one at the same place from being marked", () => {
    loadHtml("<body><p>Tim Cook wrote.</p></body>");
    const { nodes, segments } = collectText(document.body);
    const stale = { entity: "palantir", start: 0, end: 8, text: "Palantir", how: "full" as const };
    const [right] = testSession().scan(segments);
    const marks = markMatches(nodes, segments, [stale, right!]);
    expect(marks.map((mark) => mark.dataset.receiptsEntity)).toEqual(["tim-cook"]);
  });

  it("marks the first of two overlapping matches only, across text nodes too", () => {
    loadHtml("<body><p>Says <b>Tim</b> Cook Inc.</p></body>");
    const { nodes, segments } = collectText(document.body);
    const cook = { entity: "tim-cook", start: 5, end: 13, text: "Tim Cook", how: "full" as const };
    const inc = { entity: "cook-inc", start: 9, end: 17, text: "Cook Inc", how: "full" as const };
    const inside = { entity: "cook", start: 9, end: 13, text: "Cook", how: "full" as const };
    const plan = planMarks(nodes, segments, [inc, inside, cook]);
    expect(plan.marks.map(({ match }) => match.entity)).toEqual(["tim-cook"]);
    const marks = markMatches(nodes, segments, [inc, inside, cook]);
    expect(marks.map((mark) => mark.textContent)).toEqual(["Tim", " Cook"]);
    expect(document.body.textContent).toBe("Says Tim Cook Inc.");
  });

  it("returns no marks and changes nothing when there are no matches", () => {
    loadHtml("<body><p>Nothing to see.</p></body>");
    const before = serialised();
    expect(markPage()).toEqual([]);
    expect(serialised()).toBe(before);
  });

  it("keeps a marked link's href and listeners: a click on the mark reaches the link", () => {
    loadHtml(
      '<body><p><a href="https://example.com/cook" id="link">Tim Cook</a> wrote.</p></body>',
    );
    const link = document.getElementById("link") as HTMLAnchorElement;
    const onClick = vi.fn((event: Event) => event.preventDefault());
    link.addEventListener("click", onClick);
    const [mark] = markPage();
    expect(mark?.parentElement).toBe(link);
    expect(link.getAttribute("href")).toBe("https://example.com/cook");
    mark?.click();
    expect(onClick).toHaveBeenCalledTimes(1);
    expect((onClick.mock.calls[0]?.[0] as Event).target).toBe(mark);
  });

  it("leaves the reader's selection where it was", () => {
    loadHtml("<body><p id='p'>Before. Tim Cook wrote.</p><p id='q'>Select me</p></body>");
    const selected = document.getElementById("q")!.firstChild!;
    const range = document.createRange();
    range.setStart(selected, 0);
    range.setEnd(selected, 6);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    markPage();
    expect(document.getSelection()?.toString()).toBe("Select");
  });

  it("makes marks that are unstyled custom elements (inline by default), not <mark>", () => {
    loadHtml("<body><p>Palantir</p></body>");
    const [mark] = markPage();
    expect(mark?.localName).toBe("receipts-mark");
    expect(mark?.hasAttribute("style")).toBe(false);
    expect(mark?.hasAttribute("data-markjs")).toBe(false);
  });
});

describe("unmarkAll", () => {
  it("is idempotent and keeps the page's own adjacent text nodes apart", () => {
    loadHtml("<body><p id='p'>x</p></body>");
    const paragraph = document.getElementById("p")!;
    paragraph.append(document.createTextNode(" and "), document.createTextNode("Palantir!"));
    const before = serialised();
    markPage();
    expect(unmarkAll(document.body)).toBe(1);
    expect(unmarkAll(document.body)).toBe(0);
    expect(serialised()).toBe(before);
    expect([...paragraph.childNodes].map((node) => node.textContent)).toEqual([
      "x",
      " and ",
      "Palantir!",
    ]);
  });

  it("knows the marks it removed from those the page removed", () => {
    loadHtml("<body><p>Tim Cook met Elon Musk.</p></body>");
    const [cook, musk] = markPage();
    musk!.remove();
    unmarkAll(document.body);
    expect(wasRemovedByUs(cook!)).toBe(true);
    expect(wasRemovedByUs(musk!)).toBe(false);
  });

  it("re-joins the text when the page dropped the empty node before a mark (normalize)", () => {
    loadHtml("<body><p>Tim Cook said so.</p><p><br>Elon Musk did too.</p></body>");
    markPage();
    document.body.normalize();
    expect(unmarkAll(document.body)).toBe(2);
    const paragraphs = [...document.querySelectorAll("p")];
    expect(paragraphs.map((p) => [...p.childNodes].map((node) => node.nodeName))).toEqual([
      ["#text"],
      ["BR", "#text"],
    ]);
    expect(document.body.textContent).toBe("Tim Cook said so.Elon Musk did too.");
  });
});

describe("undo keeps the page's own text nodes", () => {
  it("does not merge a text node the page added beside a mark", () => {
    document.body.replaceChildren();
    const paragraph = document.createElement("p");
    paragraph.append("Tim Cook");
    document.body.append(paragraph);
    markPage();
    expect(paragraph.querySelector("receipts-mark")).not.toBeNull();
    // A framework appends its own node after the mark, and keeps a reference to it.
    const pageNode = document.createTextNode(" spoke.");
    paragraph.append(pageNode);
    unmarkAll(document.body);
    expect(paragraph.textContent).toBe("Tim Cook spoke.");
    expect(pageNode.isConnected).toBe(true);
    expect(pageNode.data).toBe(" spoke.");
    expect(paragraph.childNodes).toHaveLength(2);
  });
});

describe("repairChangedText", () => {
  it("leaves to the page text it writes back unchanged over our marks, and no other", () => {
    loadHtml("<body><p id='p'>Tim Cook said so.</p></body>");
    const held = document.getElementById("p")!.firstChild as Text;
    markPage();
    // A render that writes the text back (Svelte 3): our pieces go, and that text is the page's.
    held.data = "Tim Cook said so.";
    repairChangedText(held);
    expect(document.getElementById("p")!.childNodes).toHaveLength(1);
    expect(markPage()).toEqual([]);
    // New text in the node is marked again.
    held.data = "Tim Cook said more.";
    repairChangedText(held);
    expect(markPage()).toHaveLength(1);
    // And the text it held before is new text now, once the node was marked again.
    held.data = "Tim Cook said so.";
    repairChangedText(held);
    expect(markPage()).toHaveLength(1);
  });

  it("knows the whole text of a node it split for two marks", () => {
    loadHtml("<body><p id='p'>Tim Cook met Elon Musk there.</p></body>");
    const held = document.getElementById("p")!.firstChild as Text;
    expect(markPage()).toHaveLength(2);
    held.data = "Tim Cook met Elon Musk there.";
    repairChangedText(held);
    expect(document.getElementById("p")!.childNodes).toHaveLength(1);
    expect(markPage()).toEqual([]);
  });

  it("removes nothing when the changed node is not one it split (a script rewrote our piece)", () => {
    loadHtml("<body><p id='p'>Tim Cook met Elon Musk there.</p></body>");
    const [cook] = markPage();
    const between = cook!.nextSibling as Text;
    between.data = " greeted ";
    repairChangedText(between);
    expect(document.getElementById("p")!.textContent).toBe("Tim Cook greeted Elon Musk there.");
    expect(document.querySelectorAll("receipts-mark")).toHaveLength(2);
  });

  it("marks text the page wrote over ours, and writes back later, after other text", () => {
    loadHtml("<body><p id='p'>Tim Cook said so.</p></body>");
    const held = document.getElementById("p")!.firstChild as Text;
    markPage();
    held.data = "Nothing here.";
    repairChangedText(held);
    expect(markPage()).toEqual([]);
    held.data = "Tim Cook said so.";
    repairChangedText(held);
    expect(markPage()).toHaveLength(1);
  });

  it("leaves the page's own nodes after our pieces when the page rewrites its node", () => {
    loadHtml("<body><p id='p'>Tim Cook</p><p id='q'>Palantir<b>!</b></p></body>");
    const paragraph = document.getElementById("p")!;
    const held = paragraph.firstChild as Text;
    const other = document.getElementById("q")!.firstChild as Text;
    markPage();
    // A text node the page put beside a mark, and an element of the page's own after one.
    const pageNode = document.createTextNode(" spoke.");
    paragraph.append(pageNode);
    held.data = "Elon Musk";
    repairChangedText(held);
    other.data = "Oracle";
    repairChangedText(other);
    expect(pageNode.isConnected).toBe(true);
    expect(paragraph.textContent).toBe("Elon Musk spoke.");
    expect(document.getElementById("q")!.textContent).toBe("Oracle!");
  });

  it("does not take for a render the page's writing back text whose marks were undone", () => {
    loadHtml("<body><p id='p'>Tim Cook said so.</p></body>");
    const held = document.getElementById("p")!.firstChild as Text;
    markPage();
    unmarkAll(document.body);
    held.data = "Tim Cook said so.";
    repairChangedText(held);
    expect(markPage()).toHaveLength(1);
  });
});
