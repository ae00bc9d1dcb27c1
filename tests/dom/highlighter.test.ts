import { describe, expect, it, vi } from "vitest";
import { collectText } from "../../lib/dom/collect";
import { markMatches, repairChangedText, unmarkAll } from "../../lib/dom/highlighter";
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
